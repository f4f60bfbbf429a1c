"""A home-health therapist's day offline: two laptops of one clinic give handouts with no
network, each into its own pending journal, and catch up with the shared record back at the
office in whichever order they are plugged in. The record tells the visits of one day by when
they were given, not by when they reached it, so the next visit starts from the day's last
(SQLite and PostgreSQL; made-up patients)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml

import handouts as api
from handouts import record
from test_record import Clinic, dead_url

MORNING = dt.datetime(2026, 12, 4, 15, 0)  # UTC: 9 am in St. Louis
AFTERNOON = dt.datetime(2026, 12, 4, 21, 0)


@pytest.fixture
def laptops(tmp_path, monkeypatch, database):
    """Two clinic folders (two laptops), one shared record: the database's URL."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    if database.kind == "sqlite":  # the office's share, as both laptops name it
        (tmp_path / "office").mkdir()
        url = f"sqlite:///{tmp_path / 'office' / 'handouts.db'}"
    else:
        url = os.environ["HANDOUTS_DATABASE_URL"]
    return Clinic(tmp_path / "a"), Clinic(tmp_path / "b"), url


def give(clinic: Clinic, hold: str, when: dt.datetime) -> None:
    """Yara's program with ``hold`` for child's pose, given at ``when`` (UTC)."""
    ws = clinic.ws()
    program = api.load_program(clinic.program("Yara Madeup", dob="1951-01-01",
                                              date="2026-12-04", hold=hold), ws)
    built = api.build_handout(program, ws)
    notices = record.issued(ws, record.Issue.of(program, built), channel="printed", by="pat",
                            when=when)
    assert [n.startswith("recorded later: the record cannot be reached") for n in notices] == \
        [True]


def test_the_days_last_visit_is_the_last_given_not_the_last_to_reach_the_record(
        laptops, database, monkeypatch):
    a, b, url = laptops
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, a))
    give(a, "20 s", MORNING)  # laptop A, the morning visit
    give(b, "45 s", AFTERNOON)  # laptop B, the afternoon's, which changed the dose

    monkeypatch.setenv("HANDOUTS_DATABASE_URL", url)
    assert b.run("history", "Yara Madeup").exit_code == 0  # B is plugged in first
    result = a.run("history", "Yara Madeup")
    assert result.exit_code == 0, result.output

    lines = [line.split("  ")[0] for line in result.stdout.splitlines()]
    assert lines[1].startswith("visit 1, 2026-12-04") and lines[3].startswith("visit 2"), \
        result.stdout
    [yara] = record.patients(a.ws(), "Yara Madeup")
    visits = record.visits(a.ws(), yara)
    assert [(v.number, v.handouts[0].issued_at) for v in visits] == \
        [(1, MORNING), (2, AFTERNOON)]
    assert "45 s" in record.start_from(a.ws(), yara).visit.yaml

    exported = a.run("export", "Yara Madeup", "--last", "--to", "next")
    assert exported.exit_code == 0, exported.output
    [written] = (a.root.parent / "next").glob("*.yaml")
    dose = yaml.safe_load(written.read_text())["exercises"][1]["dose"]
    assert dose["hold"] == "45 s", written.read_text()


def test_a_journal_cut_short_in_the_bag_brings_back_every_whole_record(
        tmp_path, monkeypatch, database):
    monkeypatch.chdir(tmp_path)
    # cut inside Ben's record
    clinic, kept = _set_aside(tmp_path, monkeypatch, database, ("Ann Able", "Ben Baker"),
                              lambda text, at: text[:at])
    result = clinic.run("import", str(kept))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {kept}: cut short: brought back the 1 whole record before the cut; what "
        "came after is lost (it begins with a record of Ben Baker): make that handout again "
        "if history does not list it, then delete the file\n")
    assert [row[1] for row in database.rows(clinic.root)] == ["Ann Able"]
    assert kept.exists()  # Ben's part is for a person to look at
    assert clinic.run("import", str(kept)).exit_code == 1  # again: Ann is not recorded twice
    assert [row[1] for row in database.rows(clinic.root)] == ["Ann Able"]
    history = clinic.run("history", "Ann Able")
    assert history.exit_code == 0 and "printed" in history.stdout, history.output


def test_a_journal_damaged_in_the_middle_brings_back_the_whole_records_after_it_too(
        tmp_path, monkeypatch, database):
    # a block of the disk gone bad inside Ben's record: Cal's, after it, is whole, and a
    # file to delete once Ben's handout is made again must not hold it unrecorded
    monkeypatch.chdir(tmp_path)
    clinic, kept = _set_aside(tmp_path, monkeypatch, database,
                              ("Ann Able", "Ben Baker", "Cal Cole"),
                              lambda text, at: text[:at] + b"\0" * 64 + text[at + 64:])
    result = clinic.run("import", str(kept))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {kept}: damaged: brought back the 2 whole records in it; 1 record could not "
        "be read (a record of Ben Baker): make that handout again if history does not list "
        "it, then delete the file\n")
    assert sorted(row[1] for row in database.rows(clinic.root)) == ["Ann Able", "Cal Cole"]
    assert kept.exists()


def _set_aside(tmp_path, monkeypatch, database, names, damage):
    """The clinic, and its pending journal set aside: a handout for each of ``names`` made
    while the database was out of reach, then the journal ``damage``d 40 bytes into Ben's
    record (``damage(text, at)`` gives the bytes left) and the database back."""
    clinic = Clinic(tmp_path)
    good = os.environ.get("HANDOUTS_DATABASE_URL")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    for name in names:
        clinic.issue(clinic.program(name))
    journal = clinic.root / "records" / "pending.json"
    text = journal.read_bytes()
    journal.write_bytes(damage(text, text.index(b'"Ben Baker"') + 40))
    if good is None:
        monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    else:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", good)
    assert clinic.run("history", "Ann Able").exit_code == 1  # sets the journal aside
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    return clinic, kept
