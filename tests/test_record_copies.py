"""Copies of the clinic's record: the day's first write copies the SQLite database first,
``backup`` makes a checked copy anywhere, a damaged database names the copy to put back,
``restore`` puts it back (and the records that waited meanwhile follow), and ``forget``
leaves no trace of the patient in the file or its copies. Read back with the plain sqlite3
driver, on real files."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from test_record import Clinic

from handouts.record import copies, sqlite_copy
from handouts.record.where import locate


def days_copy(folder: Path, days: set[dt.date]) -> Path:
    """The day's copy in ``folder``, named by the day the write that made it ran: one of
    ``days``, the day either side of it (the day asked once, after the write, was the next
    in a run that crossed midnight); the first of them where there is none."""
    named = [folder / f"daily-{day.isoformat()}.db" for day in sorted(days)]
    return next((path for path in named if path.exists()), named[0])


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)
    return Clinic(tmp_path)


def names(db: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro",
                                            uri=True)) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM patients ORDER BY id")]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def damage(db: Path, table: str = "patients") -> None:
    """Overwrite the page that holds a table's rows, as a bad disk sector would; this
    process's open connections are let go, as a new command's would be."""
    from handouts.record import store

    for engine in store._engines.values():
        engine.dispose()
    with contextlib.closing(sqlite3.connect(db)) as conn:
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(db, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(b"\xa5" * size)


def test_the_days_first_write_copies_the_record_before_it_writes(clinic):
    db, folder = clinic.root / "records" / "handouts.db", clinic.root / "records" / "backups"
    assert clinic.issue(clinic.program("Ann Able"))[1] == ()
    assert not folder.exists()  # no record before: nothing to copy, no empty copy
    assert clinic.issue(clinic.program("Ben Baker"))[1] == ()
    daily = days_copy(folder, clinic.issued_on)
    assert names(daily) == ["Ann Able"]  # the record as the day began
    assert mode(daily) == 0o600 and mode(folder) == 0o700
    clinic.issue(clinic.program("Cy Cole"))
    assert names(daily) == ["Ann Able"] and sorted(p.name for p in folder.iterdir()) == [
        daily.name]  # one a day
    assert names(db) == ["Ann Able", "Ben Baker", "Cy Cole"]

    # two weeks are kept: the oldest go as new days come
    for day in range(1, 17):
        shutil.copy(daily, folder / f"daily-2026-01-{day:02d}.db")
    where = locate(clinic.root / "clinic.yaml", None)
    assert copies.daily(where, dt.date(2099, 1, 1)) == ()
    kept = sorted(p.name for p in folder.glob("daily-*.db"))
    assert len(kept) == copies.KEEP and kept[-1] == "daily-2099-01-01.db"
    assert kept[0] == "daily-2026-01-05.db"  # of 18 (16 old, today, 2099), the 4 oldest go


def test_a_copy_that_cannot_be_made_never_stops_the_handout(clinic):
    clinic.issue(clinic.program("Ann Able"))
    (clinic.root / "records" / "backups").write_text("not a folder")
    _, notices = clinic.issue(clinic.program("Ben Baker"))
    assert len(notices) == 1 and notices[0].startswith("no backup of the record today: ")
    assert names(clinic.root / "records" / "handouts.db") == ["Ann Able", "Ben Baker"]


def test_backup_makes_a_checked_private_copy_anywhere(clinic):
    clinic.issue(clinic.program("Ann Able"))
    # a drive not plugged in: its folder would have been made on this disk, and the copy
    # "on the drive" with it
    gone = clinic.run("backup", "--to", str(clinic.root / "usb" / "handouts"))
    assert gone.exit_code == 1 and not (clinic.root / "usb").exists()
    assert f"{clinic.root / 'usb'} is not there (is the drive plugged in?)" in gone.output
    (clinic.root / "usb").mkdir()  # plugged in: its own folder on it is made
    result = clinic.run("backup", "--to", str(clinic.root / "usb" / "handouts"))
    assert result.exit_code == 0, result.output
    [copy] = (clinic.root / "usb" / "handouts").glob("handouts-*.db")
    assert result.output.startswith(f"backed up the record to {copy} (")
    assert names(copy) == ["Ann Able"] and mode(copy) == 0o600
    assert not list(copy.parent.glob(".*"))  # no temporary file left behind
    # by default, beside the daily copies
    result = clinic.run("backup")
    assert result.exit_code == 0 and len(list((clinic.root / "records" / "backups").glob(
        "handouts-*.db"))) == 1


class _OneSecond(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2026, 12, 4, 15, 20, 25)


def test_two_backups_or_restores_in_one_second_keep_every_copy(clinic, monkeypatch):
    db, usb = clinic.root / "records" / "handouts.db", clinic.root / "usb"
    clinic.issue(clinic.program("Ann Able"))
    # the clinic's clock (clinic.yaml's timezone, else the computer's) stopped for a second
    monkeypatch.setattr(copies, "clinic_now", _OneSecond.now)
    first = clinic.run("backup", "--to", str(usb))
    clinic.issue(clinic.program("Ben Baker"))
    second = clinic.run("backup", "--to", str(usb))
    assert second.exit_code == 0, second.output
    made = [usb / "handouts-2026-12-04-152025.db", usb / "handouts-2026-12-04-152025-2.db"]
    assert [r.output.split(" to ")[1].split(" (")[0] for r in (first, second)] == [
        str(m) for m in made]
    assert names(made[0]) == ["Ann Able"] and names(made[1]) == ["Ann Able", "Ben Baker"]

    for copy in made:
        result = clinic.run("restore", str(copy), "--yes")
        assert result.exit_code == 0, result.output
    kept = [db.with_name("handouts.db.replaced-20261204-152025"),
            db.with_name("handouts.db.replaced-20261204-152025-2")]
    assert names(kept[0]) == ["Ann Able", "Ben Baker"] and names(kept[1]) == ["Ann Able"]
    assert result.output.rstrip().endswith(f"the database it replaced is kept as {kept[1]}")
    assert names(db) == ["Ann Able", "Ben Baker"]


def test_a_damaged_record_with_no_copy_beside_it_says_the_command_to_put_one_back(clinic):
    # it said "put back a copy made with make_handouts.py backup": no command to run, and
    # none for this clinic (its --library and --clinic)
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    shutil.rmtree(clinic.root / "records" / "backups", ignore_errors=True)  # none yet
    damage(db)
    result = clinic.run("history", "Ann Able")
    assert result.exit_code == 1
    assert result.output == (
        f"error: the record's database is damaged ({db}: database disk image is malformed); "
        f"put back a copy of the record, if you have one: make_handouts.py restore FILE"
        f"{clinic.given}\n")


def test_a_damaged_record_names_the_copy_to_put_back_and_restore_brings_it_back(clinic):
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    clinic.issue(clinic.program("Ben Baker"))  # the day's copy holds Ann
    daily = days_copy(clinic.root / "records" / "backups", clinic.issued_on)
    damage(db)

    _, notices = clinic.issue(clinic.program("Cy Cole"))  # waits in the pending journal
    assert notices == (f"recorded later: the record's database is damaged ({db}: database "
                       f"disk image is malformed); put back the newest good copy: "
                       f"make_handouts.py restore {daily}",)
    result = clinic.run("history", "Ann Able")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count("\n") == 1 and f"restore {daily}" in result.output
    result = clinic.run("backup")  # a damaged record is never copied over a good one
    assert result.exit_code == 1 and "is damaged" in result.output
    assert sorted(p.name for p in daily.parent.iterdir()) == [daily.name]

    broken = clinic.root / "broken.db"
    shutil.copy(daily, broken)
    damage(broken)
    result = clinic.run("restore", str(broken), "--yes")  # the record is damaged: so is this
    assert result.output == f"error: {broken} is damaged too; choose an older copy\n"
    result = clinic.run("restore", str(daily), input="n\n")
    assert result.exit_code == 1 and "Aborted" in result.output
    result = clinic.run("restore", str(daily), "--yes")
    assert result.exit_code == 0, result.output
    [replaced] = db.parent.glob("handouts.db.replaced-*")
    assert result.output == (f"restored the record from {daily}: 1 patient, 1 handout "
                             f"issued; the database it replaced is kept as {replaced}\n")
    assert mode(replaced) == 0o600
    # Ben was given his handout after the copy was made: that entry is lost. Cy's waited
    # in the journal and is written by the next use of the record
    result = clinic.run("history", "Cy Cole")
    assert result.exit_code == 0 and "visit 1" in result.output
    assert names(db) == ["Ann Able", "Cy Cole"]
    assert not (db.parent / "pending.json").exists()


def test_a_record_damaged_beyond_opening_is_replaced_whole(clinic):
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    copy = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    db.write_bytes(b"\0" * 4096)  # not even its header is left
    journal = db.with_name("handouts.db-journal")  # a crash's journal, which would be
    journal.write_bytes(b"\0" * 512)  # played back into the copy
    result = clinic.run("restore", str(copy), "--yes")
    assert result.exit_code == 0, result.output
    assert names(db) == ["Ann Able"] and mode(db) == 0o600 and not journal.exists()
    clinic.issue(clinic.program("Ben Baker"))
    assert names(db) == ["Ann Able", "Ben Baker"]


def test_a_record_damaged_beyond_opening_is_told_as_damaged_by_backup_and_the_days_copy(
        clinic):
    # the writers' turn taken for the copy met the bad header first: backup said only
    # "file is not a database", and the day's copy no backup, where a damaged record
    # names the copy to put back
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    copy = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    damage(db)  # its engines let go
    db.write_bytes(b"\0" * 4096)  # not even its header is left
    told = (f"the record's database is damaged ({db}: file is not a database); put back "
            f"the newest good copy: make_handouts.py restore {copy}")
    result = clinic.run("backup")
    assert result.output == f"error: {told}{clinic.given}\n"
    where = locate(clinic.root / "clinic.yaml", None)
    assert copies.daily(where, dt.date(2099, 1, 1)) == (told,)


def test_restore_takes_only_a_whole_copy_of_a_record(clinic):
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    before = db.read_bytes()
    other = clinic.root / "other.db"
    with contextlib.closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.commit()
    broken = clinic.root / "broken.db"
    shutil.copy(db, broken)
    damage(broken, "handouts")
    pdf = clinic.root / "handout.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"x" * 2000)
    for path, says in [(pdf, "is not a copy of the record (file is not a database)"),
                       (other, "is not a copy of the record (it has no patients or "
                               "handouts)"),
                       (broken, "is damaged; choose an older copy"),  # the record is not
                       (clinic.root / "missing.db", "no such file")]:
        result = clinic.run("restore", str(path), "--yes")
        assert result.exit_code == 1 and result.output == f"error: {path}{': ' if path.name == 'missing.db' else ' '}{says}\n"
    assert db.read_bytes() == before and not list(db.parent.glob("*.replaced-*"))


def test_restore_says_a_copy_it_cannot_use_before_asking(clinic):
    """A folder, a missing file, a damaged copy or the record itself is said at once: not
    after the person answered "y" to replacing the record."""
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    before = db.read_bytes()
    broken = clinic.root / "broken.db"
    shutil.copy(db, broken)
    damage(broken, "handouts")
    for path, says in [(clinic.root / "records", ": is a folder, not a copy of the record; "
                                                 "give the copy's file (a .db file, as backup "
                                                 "makes)"),
                       (clinic.root / "missing.db", ": no such file"),
                       (broken, " is damaged; choose an older copy"),
                       (db, " is the record itself; give a copy of it (from "
                            f"{db.parent / 'backups'}, or one made with backup --to)")]:
        result = clinic.run("restore", str(path), input="y\n")
        assert result.exit_code == 1 and result.output == f"error: {path}{says}\n"
    assert db.read_bytes() == before and not list(db.parent.glob("*.replaced-*"))


def test_restore_asks_before_putting_another_clinics_record_in_place(clinic):
    """The record keeps the clinic file each handout was made with: a copy whose newest one
    names another clinic is asked about, even with --yes, which answers the usual question."""
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    copy = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    clinic.issue(clinic.program("Ben Baker"))
    path = clinic.root / "clinic.yaml"
    path.write_text(path.read_text().replace("name: More 4 Life Physical Therapy",
                                             "name: Riverside Physical Therapy"))
    result = clinic.run("restore", str(copy), "--yes")  # nobody there to answer
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'warning: {copy} is the record of "More 4 Life Physical Therapy", not of '
        '"Riverside Physical Therapy"',
        "Put that clinic's record in place of this one's? [y/N]: Aborted!"]
    assert names(db) == ["Ann Able", "Ben Baker"]
    result = clinic.run("restore", str(copy), "--yes", input="y\n")
    assert result.exit_code == 0, result.output
    assert names(db) == ["Ann Able"]


def test_forget_leaves_no_trace_in_the_file_or_its_copies(clinic):
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Zelda Quartermaine", dob="1950-02-03"))
    clinic.issue(clinic.program("Ben Baker"))  # the day's copy holds Zelda
    assert clinic.run("backup").exit_code == 0  # and so does this one
    backups = sorted((clinic.root / "records" / "backups").glob("*.db"))
    assert len(backups) == 2 and all(b"Zelda" in p.read_bytes() for p in [db, *backups])

    result = clinic.run("forget", "Zelda Quartermaine", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("; also from 2 backups of the record")
    for path in [db, *backups]:  # not left readable in the files' free pages either
        data = path.read_bytes().lower()
        assert b"zelda" not in data and b"quartermaine" not in data, path
    daily, by_hand = backups
    assert names(db) == names(by_hand) == ["Ben Baker"]
    assert names(daily) == []  # made before Ben's handout


def test_forget_reaches_the_databases_restore_replaced(clinic):
    """restore keeps the database it replaced beside the record: a copy of the record like
    the backups, which would bring the patient back if it were put back."""
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Zelda Quartermaine"))
    copy = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    clinic.issue(clinic.program("Ben Baker"))
    assert clinic.run("restore", str(copy), "--yes").exit_code == 0
    [replaced] = db.parent.glob("handouts.db.replaced-*")
    earlier = replaced.with_name("handouts.db.replaced-20261201-090000")  # an earlier restore
    shutil.copy(replaced, earlier)
    clinic.issue(clinic.program("Ben Baker"))
    copies_ = [p for p in db.parent.rglob("*") if p.is_file()]
    assert len(copies_) == 5 and all(b"Quartermaine" in p.read_bytes() for p in copies_)

    result = clinic.run("forget", "Zelda Quartermaine", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("removed Zelda Quartermaine: 1 program version, 1 handout "
                             "issued; also from 2 backups of the record and 2 databases "
                             "restore replaced\n")
    for path in copies_:
        assert b"quartermaine" not in path.read_bytes().lower(), path
    assert names(replaced) == names(earlier) == ["Ben Baker"]


def test_forget_finds_the_patient_in_a_copy_by_who_they_are_not_by_their_id(clinic):
    """After a restore put back an older copy, a patient recorded again has another id in
    the record than in the database restore replaced: forget finds them there by name,
    birth date and number, and leaves whoever has their id there."""
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Zed Example"))
    copy = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    clinic.issue(clinic.program("Ida Example", number="000777"))
    assert clinic.run("restore", str(copy), "--yes").exit_code == 0
    [replaced] = db.parent.glob("handouts.db.replaced-*")
    clinic.issue(clinic.program("Bo Example"))  # Ida's old id
    clinic.issue(clinic.program("Ida Example", number="000777"))
    assert names(replaced) == ["Zed Example", "Ida Example"]
    assert names(db) == ["Zed Example", "Bo Example", "Ida Example"]

    assert clinic.run("forget", "Bo Example", "--yes").exit_code == 0
    assert names(replaced) == ["Zed Example", "Ida Example"]
    result = clinic.run("forget", "Ida Example", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("removed Ida Example (no. 000777): 1 program version, 1 handout "
                             "issued; also from 1 database restore replaced\n")
    assert names(replaced) == names(db) == ["Zed Example"]
    assert b"ida example" not in replaced.read_bytes().lower()


def test_forget_names_a_copy_it_cannot_open(clinic):
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Zelda Quartermaine"))
    unreadable = db.with_name("handouts.db.replaced-20261201-090000")
    unreadable.write_bytes(b"Zelda Quartermaine " * 300)  # not a database
    result = clinic.run("forget", "Zelda Quartermaine", "--yes")
    assert result.exit_code == 1 and result.output == (
        "error: removed Zelda Quartermaine: 1 program version, 1 handout issued from the "
        f"record, but not from 1 of its copies: {unreadable} (file is not a database); "
        "delete those files by hand\n")
    assert names(db) == []


def test_a_postgresql_record_is_the_servers_to_back_up(clinic, monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", "postgresql://handouts:secret@127.0.0.1:9/x")
    for args, tool in [(["backup"], "pg_dump"), (["restore", "copy.db", "--yes"], "pg_restore")]:
        result = clinic.run(*args)
        assert result.exit_code == 1 and tool in result.output and "secret" not in result.output
        assert result.output.count("\n") == 1
    with open(clinic.root / "clinic.yaml", "a") as f:
        f.write("backup_folder: usb\n")
    result = clinic.run("check")
    assert result.exit_code == 0 and "secret" not in result.output
    assert "backup_folder: not used, as the record is kept in postgresql" in result.output


def held_for_short(monkeypatch) -> None:
    """A record held by another program is waited for 0.2 s, not the 10 a user waits: in
    the copy's own check, and in SQLite's backup and the writers' turn (sqlite_copy's: a
    test that set copies' alone waited the full 10 s twice, for the same lines)."""
    monkeypatch.setattr(copies, "TIMEOUT", 0.2)
    monkeypatch.setattr(sqlite_copy, "TIMEOUT", 0.2)


def test_restore_leaves_a_record_in_use_as_it_is(clinic, monkeypatch):
    """A record another program is writing to (a web app mid-visit) is locked: restore says
    so and changes nothing, rather than empty a file that is only busy."""
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    copy = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    clinic.issue(clinic.program("Ben Baker"))
    held_for_short(monkeypatch)
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        result = clinic.run("restore", str(copy), "--yes")
        other.execute("ROLLBACK")
    assert result.exit_code == 1 and result.output == (
        f"error: cannot restore the record from {copy}: database is locked\n")
    assert names(db) == ["Ann Able", "Ben Baker"]
    # nothing was replaced, so no copy says it was
    assert not list(db.parent.glob("handouts.db.replaced-*"))
    result = clinic.run("restore", str(db), "--yes")
    assert result.exit_code == 1 and "is the record itself" in result.output


def test_restore_holds_the_writers_off_from_keeping_the_record_to_putting_the_copy_back(
        clinic, monkeypatch):
    """A web app that records a handout while restore runs waits its turn: a commit while
    the record is kept aside would tear the file kept, and one between keeping it and
    putting the copy back would be in neither."""
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    copy = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    clinic.issue(clinic.program("Ben Baker"))
    tried = []

    def a_writer_tries(when):
        with contextlib.closing(sqlite3.connect(db, timeout=0, isolation_level=None)) as other:
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("UPDATE patients SET name = name")
                other.execute("COMMIT")
                tried.append(f"{when}: written")
            except sqlite3.OperationalError as exc:
                tried.append(f"{when}: {exc}")

    keep, put_back = copies.shutil.copyfileobj, copies.backup_into
    monkeypatch.setattr(copies.shutil, "copyfileobj", lambda source, target, *args: (
        a_writer_tries("keeping"), keep(source, target, *args)))
    monkeypatch.setattr(copies, "backup_into", lambda source, target: (
        a_writer_tries("putting back"), put_back(source, target)))
    result = clinic.run("restore", str(copy), "--yes")
    assert result.exit_code == 0, result.output
    assert tried == ["keeping: database is locked", "putting back: database is locked"]
    [replaced] = db.parent.glob("handouts.db.replaced-*")
    assert names(replaced) == ["Ann Able", "Ben Baker"] and names(db) == ["Ann Able"]
    a_writer_tries("after")
    assert tried[-1] == "after: written"


def test_a_restore_that_cannot_keep_the_old_record_leaves_no_part_of_it(clinic, monkeypatch):
    """The disk fills while the record restore replaces is being kept: the record stays as
    it was, and the part written of its copy is not left to pass for a whole one."""
    import errno

    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    copy = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    clinic.issue(clinic.program("Ben Baker"))

    def half_then_full(source, target, *args):
        target.write(source.read(1024))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(copies.shutil, "copyfileobj", half_then_full)
    result = clinic.run("restore", str(copy), "--yes")
    assert result.exit_code == 1 and result.output == (
        f"error: cannot restore the record from {copy}: No space left on device\n")
    assert names(db) == ["Ann Able", "Ben Baker"]
    assert not list(db.parent.glob("handouts.db.replaced-*"))


def test_the_days_copy_gives_up_on_a_record_held_by_another_program(clinic, monkeypatch):
    """SQLite's backup retries a locked database for ever: the day's copy, made as a handout
    is recorded, must give up as a query would, and the handout is recorded later."""
    import threading

    held_for_short(monkeypatch)
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    where = locate(clinic.root / "clinic.yaml", None)
    found = []
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        copying = threading.Thread(target=lambda: found.append(copies.daily(where)),
                                   daemon=True)
        copying.start()
        copying.join(60)  # not a speed check: without the limit it never returns
        other.execute("ROLLBACK")
    assert found == [("no backup of the record today: database is locked",)]
    # none, on whichever day it ran
    assert not any((clinic.root / "records" / "backups").glob("daily-*.db"))


def test_forget_reaches_a_copy_made_before_this_versions_schema(clinic):
    """A copy made by an older version (schema 0001, no folded names) is brought up to date,
    as restore would, and the patient is removed from it too."""
    from alembic import command
    from alembic.config import Config

    from handouts.record import upgrading

    clinic.issue(clinic.program("Zelda Quartermaine"))
    copy = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///{copy}")  # as an older version left it
    config = Config()
    config.set_main_option("script_location", str(upgrading.MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    engine.dispose()
    result = clinic.run("forget", "Zelda Quartermaine", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("; also from 1 backup of the record")
    assert names(copy) == [] and b"zelda" not in copy.read_bytes().lower()


def test_a_second_folder_on_another_disk_gets_the_days_copy_and_forget_reaches_it(clinic):
    """clinic.yaml's backup_folder (a USB drive, say): the day's copy goes there too, and
    while it is not there, every command that needs it says so and nothing is lost."""
    with open(clinic.root / "clinic.yaml", "a") as f:
        f.write("backup_folder: usb/handouts\n")  # relative to clinic.yaml's folder
    db, local = clinic.root / "records" / "handouts.db", clinic.root / "records" / "backups"
    usb = clinic.root / "usb" / "handouts"
    missing = f"{usb} is not there (is the drive plugged in?)"
    clinic.issue(clinic.program("Ann Quimbleworth"))
    _, notices = clinic.issue(clinic.program("Ben Baker"))
    assert notices == (f"no backup of the record in {usb} today: {missing}",)
    local_copy = days_copy(local, clinic.issued_on)
    assert names(local_copy) == ["Ann Quimbleworth"]
    assert not usb.parent.exists()  # a drive not plugged in never becomes a folder here

    result = clinic.run("check")
    assert result.exit_code == 0 and (
        f"warning: {clinic.root / 'clinic.yaml'}: backup_folder: {missing}; the day's copy "
        "is made there once it is\n") in result.output
    result = clinic.run("backup")
    assert result.exit_code == 1 and missing in result.output
    assert result.output.count("\n") == 1
    result = clinic.run("forget", "Ann Quimbleworth", "--yes")  # all of its copies, or nothing
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert missing in result.output and "nothing was removed" in result.output
    assert names(db) == ["Ann Quimbleworth", "Ben Baker"]

    usb.mkdir(parents=True)  # the drive is back
    _, notices = clinic.issue(clinic.program("Cy Cole"))
    assert notices == ()
    daily = days_copy(usb, clinic.issued_on)
    assert names(daily) == ["Ann Quimbleworth", "Ben Baker"] and mode(daily) == 0o600
    assert clinic.issue(clinic.program("Di Dunn"))[1] == () and names(daily) == [
        "Ann Quimbleworth", "Ben Baker"]  # one a day there too
    result = clinic.run("backup")  # by default, to the clinic's own backup folder
    assert result.exit_code == 0, result.output
    [by_hand] = usb.glob("handouts-*.db")
    assert names(by_hand) == ["Ann Quimbleworth", "Ben Baker", "Cy Cole", "Di Dunn"]
    assert copies.latest_copy(locate(clinic.root / "clinic.yaml", None, "usb/handouts")) \
        == by_hand  # the copy a damaged record would name

    result = clinic.run("forget", "Ann Quimbleworth", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("; also from 3 backups of the record")
    for path in [db, local_copy, daily, by_hand]:
        assert b"quimbleworth" not in path.read_bytes().lower(), path


def test_each_database_keeps_its_own_copies_beside_it(clinic, monkeypatch):
    # the clinic's usual record, then (the same day) a SQLite file named elsewhere: each
    # day's first write copies the database it writes to, into that database's folder
    clinic.issue(clinic.program("Ann Able"))
    clinic.issue(clinic.program("Ben Baker"))
    usual = days_copy(clinic.root / "records" / "backups", clinic.issued_on)
    assert names(usual) == ["Ann Able"]
    elsewhere = clinic.root / "shared" / "handouts.db"
    elsewhere.parent.mkdir()  # the share, mounted
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{elsewhere}")
    clinic.issue(clinic.program("Cy Cole"))
    clinic.issue(clinic.program("Di Dunn"))
    assert names(days_copy(elsewhere.parent / "backups", clinic.issued_on)) == ["Cy Cole"]
    assert names(usual) == ["Ann Able"]  # not taken for the other database's copy
    assert sorted(p.name for p in usual.parent.iterdir()) == [usual.name]
    # a damaged database names its own copy to put back, never the other's
    damage(elsewhere)
    where = locate(clinic.root / "clinic.yaml", None)
    assert f"restore {elsewhere.parent / 'backups'}" in str(copies.damaged(where, "malformed"))


def test_a_full_disk_is_named_and_the_handout_waits_until_there_is_room(clinic, monkeypatch,
                                                                       tmp_path):
    """The record on a disk with no room left: the handout is still made, the notice names
    the full disk (not "the database is unavailable"), the entry waits in the journal, and
    the first write after space is freed brings it in. A small disk of its own (tmpfs)."""
    import os
    import subprocess

    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs",
                                            str(disk)], capture_output=True).returncode:
        pytest.skip("mounting a small disk needs root (CI runs as root)")
    try:
        db = disk / "handouts.db"
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{db}")
        assert clinic.issue(clinic.program("Ann Able"))[1] == ()
        filler = disk / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as f:  # until the disk is full
            while True:
                f.write(b"\0" * 4096)
                f.flush()
        built, notices = clinic.issue(clinic.program("Ben Baker"))
        assert built.pdf.startswith(b"%PDF")
        assert notices == (f"recorded later: the disk that holds the record is full ({disk}); "
                           "free some space there",)
        assert names(db) == ["Ann Able"]
        filler.unlink()
        assert clinic.issue(clinic.program("Cy Cole"))[1] == (
            "recorded 1 handout that waited for the record (records/pending.json)",)
        assert names(db) == ["Ann Able", "Ben Baker", "Cy Cole"]
    finally:
        from handouts.record import store

        for engine in store._engines.values():
            engine.dispose()
        subprocess.run(["umount", str(disk)], check=False)


def test_the_newest_copy_is_told_by_the_date_in_its_name_not_by_a_clock_once_set_wrong(
        clinic):
    """A copy made while the computer's clock was set ahead, then put right, has a file
    time still ahead: by file time it stayed "the newest good copy" that a damaged record
    names, for good. The date in a copy's name says when it was made; one named for a day
    still to come is taken last, as the day's copies go (``daily``)."""
    import os

    clinic.issue(clinic.program("Ann Able"))
    clinic.issue(clinic.program("Ben Baker"))  # the day's first write to a record: copied
    folder = clinic.root / "records" / "backups"
    made_today = days_copy(folder, clinic.issued_on)
    ahead = dt.datetime(2099, 1, 1).timestamp()
    made_on = dt.date.fromisoformat(made_today.stem.removeprefix("daily-"))
    yesterday = folder / f"daily-{made_on - dt.timedelta(days=1)}.db"
    to_come = folder / "daily-2099-01-01.db"  # the clock set ahead to 2099 named it
    for copy, when in [(yesterday, ahead), (to_come, ahead - 86400)]:
        shutil.copy(made_today, copy)
        os.utime(copy, (when, when))
    where = locate(clinic.root / "clinic.yaml", None, None)
    assert copies.latest_copy(where) == made_today
    made_today.unlink()
    assert copies.latest_copy(where) == yesterday
    yesterday.unlink()
    assert copies.latest_copy(where) == to_come  # better than none
