"""Records the database answers but will not take (a constraint they break, a trigger that
refuses them), told apart from a database that is away: a handout refused is said to be
refused, with the database's reason, kept in the pending journal (nothing lost) and not
promised for later; a read that finds such a journal sets it aside, says so, and shows what
it was asked (exit 0). Real refusals, staged with a trigger of the database's own (SQLite
and PostgreSQL). Made-up patients."""

from __future__ import annotations

import json

import pytest

from test_record import Clinic, refuse_handouts

AUDIT = "handouts are closed for the audit"  # the trigger's own words (refuse_handouts)


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Clinic(tmp_path)


def test_a_handout_the_database_refuses_is_said_refused_and_kept_not_recorded_later(
        clinic, database):
    clinic.issue(clinic.program("Ann Able"))
    refuse_handouts(database, clinic, on=True)
    journal = clinic.root / "records" / "pending.json"
    built, notices = clinic.issue(clinic.program("Ben Baker"))
    assert notices == (f"the record refused this handout ({AUDIT}): it is kept in {journal}, "
                       "not lost, and the next use of the record tries it once more, then "
                       "sets it aside for a person to look at",)
    # kept whole in the journal: nothing of it is lost
    [entry] = json.loads(journal.read_text())["entries"]
    assert entry["patient"]["name"] == "Ben Baker"
    assert entry["handout"]["id"] == built.handout.handout_id
    assert [r[1] for r in database.rows(clinic.root)] == ["Ann Able"]


def test_a_constraint_the_handouts_break_is_not_the_database_unavailable(clinic, database):
    """A constraint an administrator added (one row per handout id): the same handout given
    twice breaks it, every time it is tried."""
    import contextlib
    import sqlite3

    import psycopg

    built, _ = clinic.issue(clinic.program("Ann Able"))
    index = "CREATE UNIQUE INDEX one_row_a_handout ON handouts (handout_id)"
    if database.kind == "sqlite":
        with contextlib.closing(sqlite3.connect(clinic.root / "records" / "handouts.db")) as \
                conn, conn:
            conn.execute(index)
    else:
        with psycopg.connect(database.libpq_url, autocommit=True) as conn:
            conn.execute(index)
    journal = clinic.root / "records" / "pending.json"
    again, notices = clinic.issue(clinic.program("Ann Able"), channel="emailed")
    assert again.handout.handout_id == built.handout.handout_id
    why = ("UNIQUE constraint failed: handouts.handout_id" if database.kind == "sqlite" else
           'duplicate key value violates unique constraint "one_row_a_handout"')
    assert notices == (f"the record refused this handout ({why}): it is kept in {journal}, "
                       "not lost, and the next use of the record tries it once more, then "
                       "sets it aside for a person to look at",)
    assert "unavailable" not in notices[0] and "Ann Able" not in notices[0]
    [entry] = json.loads(journal.read_text())["entries"]
    assert entry["handout"]["channel"] == "emailed"
