"""What a front desk types in a roster as a person would: a saved program by the name the
web app lists it under (``jane-doe``, no ``.yaml``), and one patient's name written two
ways. Through `batch` and the web app's Day's packets, read back from the PDFs. Made-up
people only."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.web import create_app

from conftest import page_texts
from test_batch_desk import packets_in
from test_web import LIBRARY, Browser, unescape

SAVED = {"patient": {"name": "Jane Doe"}, "date": "2026-11-23",
         "exercises": ["child_pose"], "note": "Walk to the mailbox and back each day."}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_saved_program_named_without_its_yaml_is_found_by_batch(tmp_path):
    (tmp_path / "jane-doe.yaml").write_text(yaml.safe_dump(SAVED), encoding="utf-8")
    # a protocol of that id is still the protocol, file or not
    (tmp_path / "chronic_low_back.yaml").write_text(yaml.safe_dump(SAVED), encoding="utf-8")
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date\nAnn Lee,jane-doe,2026-11-23\n"
                      "Bo Lee,chronic_low_back,2026-11-23\nCy Lee,no-such-program,2026-11-23\n",
                      encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'error: {roster}:4: row 3: unknown protocol "no-such-program"; known protocols: '
        '"chronic_low_back"; give a protocol id or a program file (ending .yaml): '
        f"no-such-program.yaml is neither beside the roster ({tmp_path}) nor in the "
        f"clinic's saved programs ({Path.cwd() / 'programs'})"]
    ann = "\n".join(page_texts((tmp_path / "out" / "2026-11-23_ann-lee.pdf").read_bytes()))
    assert "Ann Lee" in ann and "Walk to the mailbox and back each day." in ann
    bo = "\n".join(page_texts((tmp_path / "out" / "2026-11-23_bo-lee.pdf").read_bytes()))
    assert "Walk to the mailbox" not in bo and "Chronic low back pain" in bo


def test_a_saved_program_named_without_its_yaml_is_found_by_the_days_packets(tmp_path):
    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "jane-doe.yaml").write_text(yaml.safe_dump(SAVED), encoding="utf-8")
    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=programs, record=lambda *a: ()))
    b.get("/packets")
    page = b.client.post("/packets", data={
        "csrf_token": b.token,
        "roster": (io.BytesIO(b"name,program\nAnn Lee,jane-doe\n"), "monday.csv")},
        content_type="multipart/form-data", follow_redirects=True)
    html = unescape(page.get_data(as_text=True))
    assert "Built 1 packet from monday.csv" in html and "could not be built" not in html, html
    link = html.split('href="/packets/', 1)[1].split('"', 1)[0]
    text = "\n".join(page_texts(b.client.get(f"/packets/{link}").data))
    assert "Ann Lee" in text and "Walk to the mailbox and back each day." in text


def test_a_name_without_yaml_stays_in_the_roster_s_folder(tmp_path, ws):
    """Only a file in the roster's folder: a link out of it is refused by its name."""
    (tmp_path / "outside.yaml").write_text(yaml.safe_dump(SAVED), encoding="utf-8")
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "jane-doe.yaml").symlink_to(tmp_path / "outside.yaml")
    roster = folder / "r.csv"
    roster.write_text("name,program\nAnn Lee,jane-doe\n", encoding="utf-8")
    [row] = api.load_roster(roster, ws.library).rows
    assert row.problem == ('program: "jane-doe.yaml" is outside the roster\'s folder; keep '
                           "program files in it or below it")


def test_one_patient_written_two_ways_is_one_patient(tmp_path):
    """Two bookings of Zoé Marchetti, one typed "zoe  marchetti": matched on the printed
    name, they were two patients, two packets in the stack and two in the record."""
    roster = tmp_path / "today.csv"
    roster.write_text("name,dob,email,program,date\n"
                      "Zoé Marchetti,1950-02-03,,chronic_low_back,2026-11-23\n"
                      "zoe  marchetti,1950-02-03,,chronic_low_back,2026-11-23\n"
                      "Bo Lee,,bo@example.com,chronic_low_back,2026-11-23\n"
                      "BO LEE,,Bo@Example.com ,chronic_low_back,2026-11-23\n"
                      "Cy Lee,,,chronic_low_back,2026-11-23\n"
                      "CY  LÉE,,,chronic_low_back,2026-11-23\n", encoding="utf-8")
    merged = tmp_path / "today.pdf"
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--merge", merged, "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {roster}:3: row 2 is the same patient and program as row 1 (line 2); one "
        "packet is made for both",
        f"warning: {roster}:5: row 4 is the same patient and program as row 3 (line 4); one "
        "packet is made for both",
        f"warning: {roster}:7: row 6: the same name and program as row 5 (line 6), and no "
        "date of birth, number or email to tell them apart: both are printed, in case they "
        "are two patients"]
    # a name alone may be two patients: both printed, as each wrote it
    assert packets_in(merged.read_bytes()) == ["Zoé Marchetti", "Bo Lee", "Cy Lee", "CY  LÉE"]
    assert sum("Page 1 of" in text for text in page_texts(merged.read_bytes())) == 4
    history = run("history", "ZOE MARCHETTI")
    assert sum(" batch " in line for line in history.stdout.splitlines()) == 1, history.output


@pytest.fixture(scope="module")
def ws():
    return api.open_workspace()
