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

    # the next use of the record (a read) tries it once more, sets it aside, says so, and
    # shows what it was asked for: exit 0, as for a damaged journal
    result = clinic.run("history", "Ann Able")
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ann Able\nvisit 1, 2026-11-23")
    assert result.stderr == (f"warning: the pending records could not be written ({AUDIT}); "
                             f"they are kept in {kept}; once that is put right, bring them "
                             f"back with: make_handouts.py import {kept}{clinic.given}\n")
    assert not journal.exists() and json.loads(kept.read_text())["entries"] == [entry]
    assert clinic.run("history", "Ann Able").stderr == ""  # said once
    # put right: brought back as it says
    refuse_handouts(database, clinic, on=False)
    result = clinic.run("import", str(kept))
    assert (result.exit_code, result.stdout) == (0, f"brought back 1 record set aside in {kept}\n")
    assert [r[1] for r in database.rows(clinic.root)] == ["Ann Able", "Ben Baker"]


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

    # the next build finds it refused again: it is set aside and said, and the build's own
    # handout is recorded now, not put in a new journal as "recorded later"
    cy, notices = clinic.issue(clinic.program("Cy Cole"))
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    assert notices == (f"the pending records could not be written ({why}); they are kept in "
                       f"{kept}; once that is put right, bring them back with: "
                       f"make_handouts.py import {kept}",)
    assert not journal.exists()
    assert [r[:2] for r in database.rows(clinic.root)] == [
        (built.handout.handout_id, "Ann Able"), (cy.handout.handout_id, "Cy Cole")]
