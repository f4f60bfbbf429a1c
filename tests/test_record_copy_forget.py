"""A copy of the SQLite record made while a patient is forgotten does not keep them. The
day's copy (made by whichever command writes first that day: a batch, the web app) and
``backup`` read the record, then check the copy and give it its name; a ``forget`` that
committed in between looked for the patient in the copies before that one had its name,
and the copy, read before the forget, kept them: ``restore`` would bring them back. Two
writers for real, in two threads. Made-up patients; the copies are read with sqlite3.
(A PostgreSQL record has no copies of handouts' own: its administrator's dumps.)"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading

import pytest

from handouts import record
from handouts.record import copies
from test_record import Clinic


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)
    return Clinic(tmp_path)


def names_in(copy) -> list[str]:
    with contextlib.closing(sqlite3.connect(copy)) as conn:
        return [name for (name,) in conn.execute("SELECT name FROM patients ORDER BY name")]


@pytest.mark.parametrize("kind", ["the day's copy", "backup"])
def test_a_copy_made_while_a_patient_is_forgotten_does_not_keep_them(clinic, monkeypatch,
                                                                      kind):
    clinic.issue(clinic.program("Pat Example", dob="1970-03-14"))
    clinic.issue(clinic.program("Ann Able", dob="1961-05-06"))
    ws = clinic.ws()
    where = record.open_record(ws).where
    [pat] = record.patients(ws, "Pat Example")
    read, named = threading.Event(), threading.Event()
    real = copies.backup_into

    def read_then_wait(source, target):
        real(source, target)  # the copy holds the record as it is now: with Pat
        read.set()
        named.wait(30)  # let go once the forget is done, or plainly waits for this copy

    monkeypatch.setattr(copies, "backup_into", read_then_wait)
    made = []

    def copy():
        if kind == "backup":
            made.append(copies.backup(where))
        else:  # tomorrow's: today's was made by the first handout, before Pat was in it
            tomorrow = dt.date.today() + dt.timedelta(days=1)
            assert copies.daily(where, tomorrow) == ()
            made.append(copies.folder_of(where) / f"{copies.DAILY}{tomorrow}.db")

    copying = threading.Thread(target=copy)
    copying.start()
    assert read.wait(60)
    gone = []
    forgetting = threading.Thread(target=lambda: gone.append(record.forget(ws, pat)))
    forgetting.start()
    forgetting.join(2)  # done: the copy missed it; or waiting for the copy's name
    named.set()
    copying.join(60)
    forgetting.join(60)
    assert gone and gone[0].handouts == 1
    assert names_in(made[0]) == ["Ann Able"]
    assert record.patients(ws, "Pat Example") == []
    for each in copies.folder_of(where).glob("*.db"):
        assert "Pat Example" not in names_in(each), each.name
