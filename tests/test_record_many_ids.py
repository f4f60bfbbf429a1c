"""A write or a read of more patients, visits or handouts than a statement may carry
parameters (SQLite built with the old limit of 999, a roster of 40,000) sends its ids a few
hundred at a time, never in one ``IN (...)`` list. Here the limit is lowered to 20 and the
record's share of it to 8, and 25 patients' handouts are given three times (printed, then
emailed, then given again the same day from a program written another way): the record
holds what it holds without the lowered limit."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
import sqlalchemy as sa
from test_record import Clinic

import handouts as api
from handouts import record
from handouts.record import bulk

LIMIT = 20  # parameters in one statement
PATIENTS = 25


@pytest.fixture
def few_parameters(monkeypatch):
    """SQLite takes at most LIMIT parameters in a statement, and the record sends at most 8
    ids in a list; SQLAlchemy's many-row inserts are told the limit, as SQLAlchemy tells
    them itself where SQLite was built with a low one."""
    from sqlalchemy.dialects.sqlite.base import SQLiteDialect

    def lowered(dbapi_connection, _record):
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, LIMIT)

    monkeypatch.setattr(bulk, "_CHUNK", 8)
    monkeypatch.setattr(SQLiteDialect, "insertmanyvalues_max_parameters", LIMIT)
    sa.event.listen(sa.engine.Engine, "connect", lowered)
    yield
    sa.event.remove(sa.engine.Engine, "connect", lowered)


def issues(clinic: Clinic, handout: api.Handout, *, email: bool, hold: str,
           ) -> list[record.Issue]:
    """``handout`` given to each patient from a program with this ``hold`` (its id kept: the
    same handout, however its program is written, as a web app's saved program may)."""
    program = api.load_program(clinic.program("Pat Zero", hold=hold), clinic.ws())
    made = []
    for n in range(PATIENTS):
        name = f"Pat Number{n:02d}"
        patient = program.patient.model_copy(update={
            "name": name, **({"email": f"pat{n:02d}@example.org"} if email else {})})
        made.append(record.Issue(program.model_copy(update={"patient": patient}),
                                 dataclasses.replace(handout, patient_name=name)))
    return made


def test_many_patients_at_once_pass_no_limit_on_a_statements_parameters(
        tmp_path, monkeypatch, database, few_parameters):
    monkeypatch.chdir(tmp_path)
    clinic = Clinic(tmp_path)
    ws = clinic.ws()
    handout = api.build_handout(api.load_program(clinic.program("Pat Zero"), ws), ws).handout
    for email, hold, channel in [(False, "30 s", "batch"), (True, "30 s", "emailed"),
                                 (True, "45 s", "batch")]:
        assert record.issued(ws, issues(clinic, handout, email=email, hold=hold), channel=channel,
                             by="dave") == ()
    people = [p for p in record.patients(ws) if p.name.startswith("Pat Number")]
    assert len(people) == PATIENTS
    given = record.find(ws, handout.handout_id)
    assert len(given) == 3 * PATIENTS
    for patient in people:
        [visit] = record.visits(ws, patient)  # the same handout the same day: one visit
        assert [g.channel for g in visit.handouts] == ["batch", "emailed", "batch"]
        assert "example.org" in visit.yaml and "45 s" in visit.yaml
