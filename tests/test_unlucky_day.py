"""The clinic's worst day: a batch killed (kill -9) after it wrote packets and before it
recorded them, a record whose disk was full, an output folder that is full, a clock set wrong.
What the next command does is read back from the record's database, the PDFs and the
command's own output."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from test_record import clinic  # noqa: F401 - the fixture, shared
from test_record_shells import roster

ROWS = [("Ann Able", "chronic_low_back", "2026-11-23", "1961-04-30", ""),
        ("Ben Baker", "chronic_low_back", "2026-11-23", "1970-05-06", ""),
        ("Cy Cole", "chronic_low_back", "2026-11-23", "1980-07-08", "")]


def test_packets_a_killed_batch_wrote_and_never_recorded_are_recorded_by_the_next_run(
        clinic, database, monkeypatch):
    """A batch killed outright (or whose record's disk and journal were full) leaves its
    files and no record of them; the desk runs the roster again, which finds the files
    there, the same bytes, and writes nothing: those packets were handed out all the same,
    so they are recorded then, once, at the time their files were written. What the record
    has already is not recorded twice."""
    from handouts.record import batched

    first = clinic.run("batch", roster(clinic, ROWS[:1]), "--out-dir", "out", "--quiet")
    assert first.exit_code == 0, first.output
    assert len(database.rows(clinic.root)) == 1

    # the run that dies after writing its files, before any of them reaches the record
    with monkeypatch.context() as m:
        m.setattr(batched, "issued", lambda *args, **kwargs: ())  # where batch's Given looks
        killed = clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet",
                            "--jobs", "1")
    assert killed.exit_code == 0, killed.output
    pdfs = sorted((clinic.root / "out").glob("*.pdf"))
    assert len(pdfs) == 3 and len(database.rows(clinic.root)) == 1

    again = clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet")
    assert again.exit_code == 0, again.output
    assert again.stdout == "built 0 of 3 packets in out/; 3 already there, unchanged.\n"
    assert again.stderr == ("warning: recorded 2 handouts whose file an earlier run wrote "
                            "but did not record (it was stopped, or the record's disk was "
                            "full)\n")
    rows = database.rows(clinic.root)
    assert sorted((r[1], r[8]) for r in rows) == sorted(
        (name, hashlib.sha256(p.read_bytes()).hexdigest())
        for name, p in zip(("Ann Able", "Ben Baker", "Cy Cole"), pdfs))
    times = dict(database.rows(clinic.root, "SELECT p.name, h.issued_at FROM handouts h "
                                            "JOIN programs g ON h.program_id = g.id "
                                            "JOIN patients p ON g.patient_id = p.id"))
    cole = next(p for p in pdfs if "cy-cole" in p.name)
    written = dt.datetime.fromtimestamp(cole.stat().st_mtime, dt.timezone.utc)
    assert dt.datetime.fromisoformat(times["Cy Cole"]) == written.replace(tzinfo=None)

    # and once only: a third run finds every one of them in the record
    third = clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet")
    assert third.exit_code == 0 and third.stderr == "", third.output
    assert len(database.rows(clinic.root)) == 3


TWELVE = [(f"{first} Example", "chronic_low_back", "2026-11-23", f"19{50 + i}-01-0{1 + i % 9}",
           "") for i, first in enumerate(("Ann", "Ben", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal",
                                          "Ida", "Jo", "Kit", "Lu"))]


@pytest.mark.parametrize("error, remedy", [
    (errno.ENOSPC, "free some space there"),
    (errno.EROFS, "make it writable, or choose another --out-dir")])
def test_a_full_or_read_only_folder_is_said_once_and_the_batch_stops_there(
        clinic, database, monkeypatch, error, remedy):
    """The output folder fills up (or is remounted read-only) after three packets: every
    further row would fail the same way, so it is said once, for the folder (what, where,
    what to do), and no more are tried. The three written stay, and are recorded; the
    summary counts them, and a merged file elsewhere holds them."""
    from handouts import batch

    written, tried = [], []

    def write(path, data, modes, *more):
        tried.append(path)
        if Path(path).parent.name == "out" and len(written) == 3:
            raise OSError(error, os.strerror(error), str(path))
        written.append(path)
        return real(path, data, modes, *more)

    real = batch.write_new_or_found
    monkeypatch.setattr(batch, "write_new_or_found", write)
    result = clinic.run("batch", roster(clinic, TWELVE), "--out-dir", "out", "--quiet",
                        "--jobs", "1", "--merge", "all.pdf")
    assert result.exit_code == 1, result.output
    assert result.stderr == (f"error: out/: cannot write: {os.strerror(error)}; {remedy}, "
                             "then run the same batch again: the packets written are left "
                             "as they are\n")
    assert result.stdout == ("built 3 of 12 packets in out/; 9 not built; merged 3 packets "
                             "into all.pdf (18 pages).\n")
    assert len(written) == 4  # three packets and the merged file
    # none tried after the packets already laid out when the first write failed
    assert len(tried) <= batch.FIRST + batch.CHUNK + 1
    assert len(list((clinic.root / "out").iterdir())) == 3
    assert sorted(r[1] for r in database.rows(clinic.root)) == [
        "Ann Example", "Ben Example", "Cy Example"]


def test_packets_neither_the_full_record_nor_its_journal_took_are_said_with_what_to_do(
        clinic, database, monkeypatch):
    """The disk that holds the record is full, so neither the database nor the pending
    journal takes the batch's packets: the line says what to do (free space, then run the
    same batch again) and the run again does record them. The packets were made, so the
    exit status is 0, as for every trouble of the record's (README: one rule)."""
    from handouts.record import copies, journal, store

    if database.kind != "sqlite":
        pytest.skip("a full disk under a SQLite record; PostgreSQL's server has its own")

    def full(self, libraries, entries):
        raise copies.full(self.where)

    def no_room(self, libraries, entries):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    assert clinic.run("batch", roster(clinic, ROWS[:1]), "--out-dir", "out").exit_code == 0
    with monkeypatch.context() as m:
        m.setattr(journal.Journal, "add", no_room)
        m.setattr(store.Record, "add", full)
        first = clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet")
    records = clinic.root / "records"
    assert first.exit_code == 0, first.output
    assert first.stderr == (f"warning: not recorded: the disk that holds the record is full "
                            f"({records}), and {records / 'pending.json'} cannot be written "
                            "(No space left on device); free some space there, then run the "
                            "same batch again: it records them\n")
    assert len(database.rows(clinic.root)) == 1

    again = clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet")
    assert again.exit_code == 0, again.output
    assert again.stderr.startswith("warning: recorded 2 handouts whose file an earlier run "
                                   "wrote but did not record")
    assert len(database.rows(clinic.root)) == 3


def test_a_days_copy_dated_ahead_by_a_wrong_clock_does_not_keep_its_place_for_good(
        clinic, monkeypatch):
    """One morning the clock said 2031, and the record's copy of that day was named so:
    sorted by name it stayed the newest for good, never pruned, taking one of the places
    kept. The copies dated up to today are kept first (the newest ``KEEP``), one dated
    ahead only after them. A clock set back makes the real copies look ahead: they go one
    a day as new ones come, as the oldest would, never the copy just made."""
    from test_record_copies import names

    from handouts.record import copies
    from handouts.record.where import locate

    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)  # copies are SQLite's
    clinic.issue(clinic.program("Ann Able"))
    clinic.issue(clinic.program("Ben Baker"))  # the day's copy, as the clock says today
    folder = clinic.root / "records" / "backups"
    [real] = folder.glob("daily-*.db")
    for name in [f"2026-11-{day:02d}" for day in range(1, 15)] + ["2031-06-01"]:
        shutil.copy(real, folder / f"daily-{name}.db")
    real.unlink()
    where = locate(clinic.root / "clinic.yaml", None)
    assert copies.daily(where, dt.date(2026, 11, 20)) == ()
    kept = sorted(p.name for p in folder.glob("daily-*.db"))
    assert kept == [f"daily-2026-11-{day:02d}.db" for day in (*range(2, 15), 20)]
    assert names(folder / "daily-2026-11-20.db") == ["Ann Able", "Ben Baker"]

    # the clock set back to 2025: the copy made now is kept, the oldest of the others goes
    assert copies.daily(where, dt.date(2025, 1, 1)) == ()
    kept = sorted(p.name for p in folder.glob("daily-*.db"))
    assert kept == ["daily-2025-01-01.db", *(f"daily-2026-11-{day:02d}.db"
                                             for day in (*range(3, 15), 20))]


def test_skip_existing_after_a_killed_run_says_which_packets_the_record_lacks(
        clinic, database, monkeypatch):
    """--skip-existing builds nothing for a file that is there, so it cannot record the
    packets a run killed outright wrote: it says how many of those it skipped the record
    lacks, and what records them (the same batch without --skip-existing). Skipped packets
    the record has are not said."""
    from handouts.record import batched

    assert clinic.run("batch", roster(clinic, ROWS[:1]), "--out-dir", "out").exit_code == 0
    with monkeypatch.context() as m:  # killed after writing its files, before recording
        m.setattr(batched, "issued", lambda *args, **kwargs: ())
        clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet", "--jobs", "1")
    assert len(database.rows(clinic.root)) == 1
    skipped = clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet",
                         "--skip-existing")
    assert skipped.exit_code == 0, skipped.output
    assert skipped.stdout == "built 0 of 3 packets in out/; 3 already there (skipped).\n"
    assert skipped.stderr == ("warning: the record lacks 2 of the packets skipped "
                              "(--skip-existing): a run stopped outright wrote them, or they "
                              "were made otherwise; run the same batch without "
                              "--skip-existing to record them\n")
    assert len(database.rows(clinic.root)) == 1

    again = clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet")
    assert again.exit_code == 0 and len(database.rows(clinic.root)) == 3
    skipped = clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet",
                         "--skip-existing")
    assert (skipped.exit_code, skipped.stderr) == (0, "")


def test_a_patient_forgotten_is_not_brought_back_by_their_packet_left_in_the_folder(
        clinic, database):
    """forget cannot reach the PDFs a batch wrote (it says to delete them by hand); the desk
    that has not yet, running the same roster again, finds the file there, the same bytes:
    it was recorded when it was made, and forgotten since, so it is not recorded again as
    a packet a killed run left, which would bring the patient back into the record."""
    assert clinic.run("batch", roster(clinic, ROWS[:2]), "--out-dir", "out",
                      "--quiet").exit_code == 0
    forgot = clinic.run("forget", "Ann Able", "--yes")
    assert forgot.exit_code == 0, forgot.output
    assert [r[1] for r in database.rows(clinic.root)] == ["Ben Baker"]

    again = clinic.run("batch", roster(clinic, ROWS[:2]), "--out-dir", "out", "--quiet")
    assert again.exit_code == 0, again.output
    assert again.stdout == "built 0 of 2 packets in out/; 2 already there, unchanged.\n"
    assert again.stderr == ""
    assert [r[1] for r in database.rows(clinic.root)] == ["Ben Baker"]


def test_skip_existing_does_not_call_a_forgotten_patients_packet_one_the_record_lacks(
        clinic, database, monkeypatch):
    """A patient forgotten on purpose leaves their packet in the folder until someone deletes
    it: --skip-existing skips it, and the record has no issue of it, as it should not. It is
    not one a killed run left (its checksum is among the PDFs forgotten): to say the record
    lacks it, and to run the batch again to record it, would bring the patient back."""
    from handouts.record import batched

    assert clinic.run("batch", roster(clinic, ROWS[:2]), "--out-dir", "out",
                      "--quiet").exit_code == 0
    assert clinic.run("forget", "Ann Able", "--yes").exit_code == 0
    skipped = clinic.run("batch", roster(clinic, ROWS[:2]), "--out-dir", "out", "--quiet",
                         "--skip-existing")
    assert skipped.exit_code == 0, skipped.output
    assert skipped.stdout == "built 0 of 2 packets in out/; 2 already there (skipped).\n"
    assert skipped.stderr == ""
    assert [r[1] for r in database.rows(clinic.root)] == ["Ben Baker"]

    # beside a packet a killed run left, which the record does lack, and is counted alone
    with monkeypatch.context() as m:
        m.setattr(batched, "issued", lambda *args, **kwargs: ())
        clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet", "--jobs", "1")
    skipped = clinic.run("batch", roster(clinic, ROWS), "--out-dir", "out", "--quiet",
                         "--skip-existing")
    assert skipped.stderr == ("warning: the record lacks 1 of the packets skipped "
                              "(--skip-existing): a run stopped outright wrote them, or they "
                              "were made otherwise; run the same batch without "
                              "--skip-existing to record them\n")
