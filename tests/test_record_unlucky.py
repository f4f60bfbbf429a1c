"""The record on an unlucky day: its SQLite file deleted under the web app, the network
share that holds it not mounted, a copy from a newer version put back, a PostgreSQL role
that may not write, programs imported out of order. Read back with the plain drivers."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from test_record import Clinic

from handouts import record


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)
    return Clinic(tmp_path)


def names(db: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro",
                                            uri=True)) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM patients ORDER BY id")]


def test_a_record_deleted_while_the_web_app_runs_is_not_written_into_the_void(clinic):
    # one process throughout, as the web app is: its pooled connections held the file that
    # was deleted, and every handout after went into it, gone when the app stopped
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    db.unlink()
    _, notices = clinic.issue(clinic.program("Ben Baker"))
    assert notices == ()
    assert names(db) == ["Ben Baker"]
    assert [p.name for p in record.patients(clinic.ws(), "Ben Baker")] == ["Ben Baker"]
