"""A SQLite record that is reached and says no ("too many SQL variables") is not a laptop
away from the office: the handout says what the database said, not that the record cannot
be reached, and still waits on this computer; a read says the same; once the database takes
it, the next use of the record writes it. Every error of SQLite's was said to be "cannot be
reached" (SQLite has no server to be out of reach)."""

from __future__ import annotations

import contextlib
import sqlite3

import sqlalchemy as sa
from record_db import close_engines
from test_record_copies import clinic, names  # noqa: F401 - clinic: a fixture


@contextlib.contextmanager
def one_variable_a_statement():
    """Every new SQLite connection of this process allows one SQL variable a statement: the
    database itself refuses more ("too many SQL variables"), as a limit a statement
    outgrows would."""
    def limit(dbapi_connection, _record):
        dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 1)

    close_engines()
    sa.event.listen(sa.engine.Engine, "connect", limit)
    try:
        yield
    finally:
        sa.event.remove(sa.engine.Engine, "connect", limit)
        close_engines()


def test_a_sqlite_record_that_refuses_a_statement_says_so_and_the_handout_waits(clinic):
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))  # the record is there, and reached
    with one_variable_a_statement():
        _, notices = clinic.issue(clinic.program("Ben Baker"))
        result = clinic.run("history", "Ann Able")
    assert notices == (f"recorded later: the database would not do it (sqlite:///{db}): too "
                       "many SQL variables; this handout waits on this computer (1 handout "
                       "waits in records/pending.json), nothing lost, and the next use of the "
                       "record tries again",)
    assert result.exit_code == 1
    assert result.stderr == (f"error: the database would not do it (sqlite:///{db}): too many "
                             "SQL variables\n")
    assert (clinic.root / "records" / "pending.json").exists()
    assert clinic.run("history", "Ben Baker").exit_code == 0  # it takes it now
    assert names(db) == ["Ann Able", "Ben Baker"]
    assert not (clinic.root / "records" / "pending.json").exists()
