"""The same handout given again the same day is the same visit, however its program is
written: a program file saved with its protocol's topics listed again, built at the desk,
then opened in the web app and downloaded, is one program as the web app writes it and
another as the file says it; the record kept the two as visits 1 and 2 of one day.
Read back from the database itself (SQLite and PostgreSQL). Made-up patients."""

from __future__ import annotations

import datetime as dt
import shutil

import yaml

import handouts as api
from handouts import record
from handouts.web import create_app

from conftest import reader
from test_web import LIBRARY, Browser


def clinic(tmp_path) -> api.Workspace:
    shutil.copytree(LIBRARY, tmp_path / "clinic")
    return api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                              tmp_path / "clinic" / "clinic.yaml")


def saved(tmp_path) -> None:
    """A program file as a therapist writes one: the protocol, and its topic named again."""
    (tmp_path / "programs").mkdir()
    data = {"patient": {"name": "Rosa Marquez", "email": "rosa@example.com"},
            "therapist": "Lee Park, PT, DPT", "date": dt.date.today().isoformat(),
            "protocol": "low_back_start", "education": ["posture"]}
    (tmp_path / "programs" / "rosa-marquez.yaml").write_text(yaml.safe_dump(data))


def test_a_saved_program_printed_then_downloaded_the_same_day_is_one_visit(tmp_path,
                                                                           database):
    ws = clinic(tmp_path)
    saved(tmp_path)
    program = api.load_program(tmp_path / "programs" / "rosa-marquez.yaml", ws)
    printed = api.build_handout(program, ws)
    assert record.issued(ws, record.Issue.of(program, printed), channel="printed") == ()
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    assert b.get("/programs/rosa-marquez", follow_redirects=True).status_code == 200
    download = b.post("download", b.form())
    assert download.mimetype == "application/pdf"
    handout_id = reader(download.data).metadata["/Keywords"].removeprefix("handout:")
    assert handout_id == printed.handout.handout_id
    rows = database.rows(tmp_path / "clinic")
    assert [(r[0], r[4], r[6]) for r in rows] == [(handout_id, "1", "printed"),
                                                 (handout_id, "1", "downloaded")]
    assert database.rows(tmp_path / "clinic", "SELECT count(*) FROM programs") == [("1",)]
    [patient] = record.patients(ws, "Rosa Marquez")
    assert [v.number for v in record.visits(ws, patient)] == [1]
    # what counts is the handout: the program changed the same day (a note added) is a
    # visit of its own, as it always was
    b.get("/programs/rosa-marquez", follow_redirects=True)
    form = b.form()
    form["note"] = "Walk every day."
    assert b.post("download", form).mimetype == "application/pdf"
    assert [(r[4], r[6]) for r in database.rows(tmp_path / "clinic")] == [
        ("1", "printed"), ("1", "downloaded"), ("2", "downloaded")]
