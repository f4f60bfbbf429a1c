"""A command whose output nobody reads (``build p.yaml | head -0``, a terminal closed) still
records what it made: the PDF written is in the record, or in the pending journal while the
database is away, and a batch or an email run does all its work. Run as the program itself,
with standard output (and error) a pipe whose reading end is already closed, so the first
line it prints fails (SQLite and PostgreSQL; SMTP on loopback; made-up patients). An output
nobody reads is met by the same code whatever the record's kind: the cases but the journal's
(whose database away is each kind's own) run on SQLite only."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from test_email import Mailbox
from test_email import Clinic as MailClinic
from test_email import servers  # noqa: F401 (fixture)
from test_record import Clinic, dead_url


def unread(clinic, *args, stderr_too: bool = False) -> subprocess.CompletedProcess:
    """make_handouts.py ``args`` on ``clinic``'s files, its standard output (and with
    ``stderr_too`` its standard error) a pipe nobody reads; standard error is kept otherwise."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        return subprocess.run(
            [sys.executable, str(ROOT / "make_handouts.py"), *args,
             "--library", str(clinic.root / "exercises.yaml"),
             "--clinic", str(clinic.root / "clinic.yaml")],
            cwd=clinic.root, stdout=writing, stderr=writing if stderr_too else subprocess.PIPE,
            text=True, env={**os.environ, "HANDOUTS_SMTP_PASSWORD": ""})
    finally:
        os.close(writing)


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_a_build_nobody_reads_is_recorded(tmp_path, monkeypatch, database):
    monkeypatch.chdir(tmp_path)
    clinic = Clinic(tmp_path)
    done = unread(clinic, "build", str(clinic.program("Ann Able")), "-o", "ann.pdf")
    assert (tmp_path / "ann.pdf").is_file()
    assert [(row[1], row[6]) for row in database.rows(tmp_path)] == [("Ann Able", "printed")]
    assert (done.returncode, done.stderr) == (0, "")


def test_a_build_nobody_reads_waits_in_the_journal_while_the_database_is_away(
        tmp_path, monkeypatch, database):
    monkeypatch.chdir(tmp_path)
    clinic = Clinic(tmp_path)
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    done = unread(clinic, "build", str(clinic.program("Ann Able")), "-o", "ann.pdf",
                  stderr_too=True)
    assert (tmp_path / "ann.pdf").is_file()
    journal = tmp_path / "records" / "pending.json"
    assert journal.is_file() and "Ann Able" in json.dumps(json.loads(journal.read_text()))
    assert done.returncode == 0


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_a_batch_nobody_reads_records_every_packet(tmp_path, monkeypatch, database):
    monkeypatch.chdir(tmp_path)
    clinic = Clinic(tmp_path)
    files = [str(clinic.program(name)) for name in ("Ann Able", "Ben Baker")]
    done = unread(clinic, "batch", *files, "--out-dir", "out", stderr_too=True)
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 2
    assert sorted(row[1] for row in database.rows(tmp_path)) == ["Ann Able", "Ben Baker"]
    assert done.returncode == 0  # its work is done: no one reading its summary changes none


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_an_email_run_nobody_reads_sends_and_records_every_message(
        tmp_path, monkeypatch, servers, database):  # noqa: F811 (fixture)
    monkeypatch.chdir(tmp_path)
    clinic = MailClinic(tmp_path)
    server = servers(Mailbox())
    clinic.configure({"port": server.port})
    programs = [str(clinic.program(name, f"{name.split()[0].lower()}@example.com"))
                for name in ("Ann Able", "Ben Baker")]
    done = unread(clinic, "email", *programs, "--outbox", str(clinic.outbox))
    assert sorted(server.mailbox.recipients()) == ["ann@example.com", "ben@example.com"]
    assert sorted((row[1], row[6]) for row in database.rows(tmp_path)) == [
        ("Ann Able", "emailed"), ("Ben Baker", "emailed")]
    assert (done.returncode, done.stderr) == (0, "")
