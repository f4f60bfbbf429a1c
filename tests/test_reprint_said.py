"""What `reprint` says of a handout given days ago: whether it is the PDF issued, and what
its pages lack (a picture it could not draw); not the build's notices of the library's
words (a text with no translation, printed in English), said when the handout was built
and for whoever edits today's library, which a reprint does not read."""

from __future__ import annotations

import re

import pytest
import yaml

import handouts as api
from handouts import record
from conftest import page_texts
from test_told import clinic_copy, run


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = clinic_copy(tmp_path / "clinic")
    spanish = yaml.safe_load((folder / "exercises.es.yaml").read_text(encoding="utf-8"))
    del spanish["exercises"]["child_pose"]  # printed in English, with a notice per text
    (folder / "exercises.es.yaml").write_text(yaml.safe_dump(spanish, allow_unicode=True),
                                              encoding="utf-8")
    return folder


def test_reprint_does_not_repeat_the_builds_notices_of_untranslated_words(
        clinic, tmp_path, database):
    ws = api.open_workspace(clinic / "exercises.yaml", clinic / "clinic.yaml")
    program = api.program_from_data({"patient": {"name": "Ada Example"}, "date": "2026-12-01",
                                     "language": "es", "exercises": ["child_pose"]}, ws,
                                    source="test")
    built = api.build_handout(program, ws)
    # said as it is built: "exercises[child_pose]: no español title, …; printed in English"
    assert [w for w in built.warnings if "printed in English" in w], built.warnings
    record.issued(ws, record.Issue.of(program, built), channel="printed", by="dave")

    result = run(clinic, "reprint", built.handout.handout_id, "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.pdf").read_bytes() == built.pdf
    assert "the same bytes as the handout printed" in result.stdout
    assert result.stderr == ""


def test_a_packet_printed_to_files_and_then_to_the_merged_file_reprints_as_the_same_bytes(
        clinic, tmp_path, database):
    """The day's roster printed to files, then to one print file: the merged packet's entry
    (the last) has no checksum of its own, and reprint said the record could not tell,
    though the packet's file of the same program and library had one."""
    roster = tmp_path / "monday.csv"
    roster.write_text("name,program,date\nRae Example,chronic_low_back,2026-12-07\n",
                      encoding="utf-8")
    for where in (["--out-dir", str(tmp_path / "out")], ["--merge", str(tmp_path / "m.pdf")]):
        assert run(clinic, "batch", str(roster), "--quiet", *where).exit_code == 0
    [packet] = (tmp_path / "out").glob("*.pdf")
    handout_id = re.search(r"Handout (\S+)", page_texts(packet.read_bytes())[0]).group(1)

    result = run(clinic, "reprint", handout_id, "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.pdf").read_bytes() == packet.read_bytes()
    assert "the same bytes as the handout printed in a batch on" in result.stdout
