"""A handout's id counts what its pictures show, not only their file names: a drawing or a
photo changed under the same name gives another id, read back from the PDFs' footers. A
handout given before (its id counted names alone) keeps its id: the record reprints it
byte for byte, and the outbox knows a message it sent as sent."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import handouts as api
from handouts import identity, record, resolve

from conftest import page_texts
from test_email import Clinic, servers  # noqa: F401 - the fixture, shared
from test_record import clinic  # noqa: F401 - the fixture, shared

ROOT = Path(__file__).resolve().parent.parent


def printed_ids(pdf: bytes) -> set[str]:
    """The ids every page's footer prints."""
    return {m for page in page_texts(pdf) for m in re.findall(r"Handout (\w{4}-\w{4})", page)}


def built(home: Path, program: str) -> api.Built:
    ws = api.open_workspace(home=home)
    return api.build_handout(api.load_program(home / "examples" / program, ws), ws)


def test_a_drawing_changed_under_its_name_is_another_handout(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    home = tmp_path / "balance"
    shutil.copytree(ROOT / "tests" / "clinics" / "balance", home)
    before = built(home, "ruth-alvarado.yaml")
    figure = home / "images" / "heel_raises.figure.yaml"
    figure.write_text(figure.read_text().replace("near_ankle: -40, far_ankle: -40",
                                                 "near_ankle: -30, far_ankle: -30"))
    after = built(home, "ruth-alvarado.yaml")
    assert after.pdf != before.pdf  # the patient sees another drawing
    [first], [second] = printed_ids(before.pdf), printed_ids(after.pdf)
    assert first != second


def test_a_photo_replaced_under_its_name_is_another_handout(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    home = tmp_path / "dublin"
    shutil.copytree(ROOT / "examples" / "dublin-shoulder", home)
    before = built(home, "aoife-byrne.yaml")
    photo = home / "images" / "wall_slides.jpg"
    photo.write_bytes((home / "images" / "walking.jpg").read_bytes())
    after = built(home, "aoife-byrne.yaml")
    [first], [second] = printed_ids(before.pdf), printed_ids(after.pdf)
    assert first != second


@pytest.fixture
def ids_by_name(monkeypatch):
    """Handouts given as versions before 5 December 2026 gave them: ids counting pictures by
    file name alone (``counted_before`` is that formula). Call the fixture's value to end it."""
    monkeypatch.setattr(resolve, "handout_id",
                        getattr(identity, "counted_before", identity.handout_id))
    return lambda: monkeypatch.setattr(resolve, "handout_id", identity.handout_id)


def test_a_handout_given_before_reprints_with_its_id_and_bytes(clinic, database, ids_by_name):
    given, _ = clinic.issue(clinic.program())
    ids_by_name()
    [old] = printed_ids(given.pdf)
    today = api.build_handout(api.load_program(clinic.program(), clinic.ws()), clinic.ws())
    assert printed_ids(today.pdf) != {old}  # ids count pictures' contents now

    again = record.reprint(clinic.ws(), old)
    assert again.identical and again.same_id and again.built.pdf == given.pdf
    result = clinic.run("reprint", old, "-o", "copy.pdf")
    assert clinic.says_issued("the same bytes as the handout printed on",
                              result.output), result.output
    assert (clinic.root / "copy.pdf").read_bytes() == given.pdf


@pytest.fixture
def mail_clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Clinic(tmp_path)


def test_a_message_sent_before_is_not_sent_again(mail_clinic, servers, ids_by_name):
    server = servers()
    mail_clinic.configure({"port": server.port})
    program = mail_clinic.program("Kim Lee", "kim.lee@example.com")
    assert mail_clinic.run("email", str(program)).exit_code == 0
    ids_by_name()
    result = mail_clinic.run("email", str(program))
    assert result.exit_code == 0, result.output
    assert "already sent 1" in result.stdout
    assert server.mailbox.recipients() == ["kim.lee@example.com"]
    assert len(mail_clinic.files("sent")) == 1 and not mail_clinic.files("pending")
