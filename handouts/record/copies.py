"""Copies of the record's SQLite database, and putting one back.

The record is the clinic's only account of what each patient was given, and a SQLite file can
be lost to a bad disk sector, a crash or a stray delete. So the first write of each day copies
the database to ``backups/daily-<date>.db`` beside it (the last ``KEEP`` days are kept), and
to clinic.yaml's ``backup_folder`` too, when it names one: a copy on the same disk does not
outlive the disk. ``backup`` makes a copy on demand. Copies are made with SQLite's own online
backup, so a web app writing at the same time gets a consistent copy, and each is checked
(``PRAGMA quick_check``, or the full ``integrity_check`` for one asked for) before it takes
its name: a damaged database never replaces a good copy, and the damage is reported the day
it is first seen. A PostgreSQL record is the database server's to back up (``pg_dump``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from handouts import clinic_now, clinic_today, make_folder, rename_new
from handouts.errors import HandoutError, command

from .copy_dates import daily_newest_first, newest
from .kinds import Place
from .sqlite_copy import TIMEOUT, backup_into, held_through, writers_wait
from .sqlite_says import FREE, is_damage
from .where import Unavailable, Where, private_folder

FOLDER = "backups"
KEEP = 14  # daily copies: two weeks of mornings to go back to
DAILY, BEFORE = "daily-", "before-"  # daily-<date>.db; before-<revision>.db, see below


class Damaged(Unavailable):
    """The record's database file is damaged: SQLite cannot read all of it."""


class Full(Unavailable):
    """The disk that holds the record's SQLite file has no room for what is written."""


@dataclass(frozen=True)
class Restored:
    source: Path
    patients: int
    handouts: int
    replaced: Path | None  # where the database it replaced was kept


def folder_of(where: Where) -> Path:
    """The copies' own folder, beside the database they copy (``records/backups`` for the
    usual ``records/handouts.db``): a SQLite file named elsewhere by ``database_url`` never
    has its copies mixed with, or named like, another database's of the same day."""
    source = where.sqlite_file
    return (source.parent if source else where.folder) / FOLDER


def damaged(where: Where, reason: str) -> Damaged:
    """The one line for a damaged database: what is wrong and which copy to put back."""
    latest = latest_copy(where)
    how = (f"put back the newest good copy: {command('restore', Path(latest))}" if latest
           else f"put back a copy of the record, if you have one: {command('restore', 'FILE')}")
    return Damaged(f"the record's database is damaged ({where.sqlite_file}: {reason}); {how}")


def full(where: Where) -> Full:
    """The one line for a record that cannot be written for want of disk space."""
    place = where.sqlite_file.parent if where.sqlite_file else where.folder
    return Full(f"the disk that holds the record is full ({place}); {FREE}")


def folders(where: Where) -> list[Path]:
    """Where the record's copies are kept: the database's backups folder, and clinic.yaml's
    ``backup_folder`` if it names one (daily, backup and before-upgrade copies alike)."""
    second = where.backup_folder
    return [folder_of(where), *([second] if second and second != folder_of(where) else [])]


def not_there(folder: Path) -> str:
    """Why a folder of copies cannot take one."""
    if folder.exists():
        return f"{folder} is a file, not a folder"
    return f"{folder} is not there (is the drive plugged in?)"


def latest_copy(where: Where) -> Path | None:
    """The newest copy, daily or made by ``backup``, in the folders the clinic keeps them:
    by the date in its name, not its file time (see ``copy_dates``)."""
    return newest((copy for folder in folders(where) if folder.is_dir()
                   for copy in folder.glob("*.db")), clinic_today(where.timezone), where.timezone)


def daily(where: Where, today: dt.date | None = None) -> tuple[str, ...]:
    """Today's copy of the database in each of ``folders``, where there is none yet; the
    oldest beyond ``KEEP`` removed. Returns notices; never raises (a backup that fails must
    not stop a handout)."""
    source = where.sqlite_file
    if source is None or not source.is_file() or source.stat().st_size == 0:
        return ()
    name = f"{DAILY}{(today or clinic_today(where.timezone)).isoformat()}.db"
    notices = []
    for folder in folders(where):
        target = folder / name
        if target.exists():
            continue
        # the clinic's backup folder is never made here: a drive not plugged in would become
        # a folder on this disk, and the copy "on the drive" would not be
        elsewhere = "" if folder == folder_of(where) else f" in {folder}"
        if elsewhere and not folder.is_dir():
            notices.append(f"no backup of the record{elsewhere} today: {not_there(folder)}")
            continue
        try:
            with writers_wait(source):
                _copy(source, target, "quick_check", where)
            for old in daily_newest_first(folder, DAILY, name)[KEEP:]:
                old.unlink(missing_ok=True)
        except Damaged as exc:
            return (*notices, str(exc))  # the same damage in every copy: told once
        except (OSError, sqlite3.Error) as exc:
            notices.append(f"no backup of the record{elsewhere} today: {_reason(exc)}")
    return tuple(notices)


def before_upgrade(where: Where, target: str) -> list[Path]:
    """Checked copies, in ``folders``, of the database about to be upgraded to ``target``
    (held by the caller's turn): a migration that fails or is wrong leaves one from before
    it. None made beside the database: Unavailable, and the upgrade waits."""
    made = []
    for folder in [f for f in folders(where) if f == folder_of(where) or f.is_dir()]:
        try:
            made.append(_copy(_sqlite(where, ""), folder / f"{BEFORE}{target}.db",
                              "integrity_check", where, new=True))
        except (OSError, sqlite3.Error) as exc:
            if not made:
                raise Unavailable(f"the record was not upgraded to schema {target}: it could "
                                  f"not be copied first to {folder} ({_reason(exc)})") from None
    return made


def backup(where: Where, to: Path | None = None) -> Path:
    """A checked copy of the database in ``to`` (default: clinic.yaml's ``backup_folder``,
    else the daily copies' folder), named for the moment it was made; returns its
    path."""
    source = _sqlite(where, "back it up with the database server's own tools (pg_dump)")
    if not source.is_file():
        raise HandoutError(f"there is no record yet ({source}): nothing to back up")
    if to is None and where.backup_folder and not where.backup_folder.is_dir():
        raise HandoutError(f"cannot back up the record: {not_there(where.backup_folder)}; "
                           "or give another folder with --to")
    if to is not None and not Path(to).is_dir() and not Path(to).parent.is_dir():
        # /media/usb/handouts with the drive not plugged in: made on this disk, the copy
        # "on the drive" would not be (its own folder, on a drive that is there, is made)
        raise HandoutError(f"cannot back up the record: {not_there(Path(to).parent)}; or "
                           "make the folder first")
    stamp = clinic_now(where.timezone).strftime("%Y-%m-%d-%H%M%S")
    target = Path(to or where.backup_folder or folder_of(where)) / f"handouts-{stamp}.db"
    try:
        with writers_wait(source):
            return _copy(source, target, "integrity_check", where, new=True)
    except (OSError, sqlite3.Error) as exc:
        raise HandoutError(f"cannot back up the record to {target}: {_reason(exc)}") from None


def can_restore(where: Where, copy: Path) -> tuple[int, int]:
    """(patients, handouts) in ``copy`` if ``restore`` could put it back; a one-line
    HandoutError saying why not otherwise. Asked before a person is asked to confirm."""
    live = _sqlite(where, "restore it with the database server's own tools (pg_restore)")
    copy = Path(copy)
    if copy.resolve() == live.resolve():
        raise HandoutError(f"{copy} is the record itself; give a copy of it (from "
                           f"{folder_of(where)}, or one made with backup --to)")
    return _check_copy(copy, live)


def restore(where: Where, copy: Path) -> Restored:
    """Put ``copy`` (made by ``backup`` or a daily one) back as the record's database. The
    database it replaces is kept beside it first, whatever state it is in."""
    # checked again: the copy may have changed while a person answered the question
    patients, handouts = can_restore(where, copy)
    live, copy = where.sqlite_file, Path(copy)
    stamp = clinic_now(where.timezone).strftime("%Y%m%d-%H%M%S")
    replaced, emptied, put = None, False, False
    existed = live.is_file()
    if live.parent == where.folder:
        private_folder(live.parent)
    try:
        # the writers held off from before the file is kept until the copy is in its place:
        # a commit meanwhile would tear the file kept, or fall between and be in neither
        with held_through(live, TIMEOUT) as held:
            if existed:  # private from its first byte, as the record is
                replaced, fd = _kept_name(live, stamp)
                with open(live, "rb") as old, os.fdopen(fd, "wb") as kept:
                    shutil.copyfileobj(old, kept)
            # always into the same file, through SQLite's locks: a program that has it open
            # (the web app) sees the restored record, not a file moved away under it
            if held is not None:
                try:
                    backup_into(copy, held)
                    put = True
                except sqlite3.DatabaseError as exc:
                    if not is_damage(exc):
                        raise  # locked by a program writing to it, say: left as it is
        if not put:
            # too damaged to open: emptied first (an empty file is an empty database),
            # and a journal left by a crash, which SQLite would play back into the copy,
            # goes with the old file
            for suffix in ("-journal", "-wal", "-shm"):
                stale = live.with_name(live.name + suffix)
                if stale.exists():
                    os.replace(stale, Path(f"{replaced or live}{suffix}"))
            emptied = True
            os.close(os.open(live, os.O_WRONLY | os.O_TRUNC | os.O_CREAT, 0o600))
            backup_into(copy, live)
    except (OSError, sqlite3.Error) as exc:
        if replaced is not None and not emptied:
            # the record is as it was: a "replaced" copy of it (part written, where the disk
            # filled) would only be mistaken for a database restore took away
            replaced.unlink(missing_ok=True)
        raise HandoutError(f"cannot restore the record from {copy}: {_reason(exc)}") from None
    return Restored(copy, patients, handouts, replaced)


def _kept_name(live: Path, stamp: str) -> tuple[Path, int]:
    """A new file for the database ``restore`` replaces, ``handouts.db.replaced-<time>``
    (``-2``... after a restore in the same second), opened for writing."""
    for number in range(1, 100):
        kept = live.with_name(f"{live.name}.replaced-{stamp}{'' if number == 1 else f'-{number}'}")
        try:
            return kept, os.open(kept, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
    raise FileExistsError(f"{live.name}.replaced-{stamp}: 99 files already have this name")


def reachable(where: Where) -> None:
    """A HandoutError unless every folder of copies can be reached: ``forget`` must remove
    the patient from them all, or change nothing."""
    if where.sqlite_file and where.backup_folder and not where.backup_folder.is_dir():
        raise HandoutError(f"the record's copies cannot be reached: "
                           f"{not_there(where.backup_folder)}; the patient must leave them "
                           "too, so nothing was removed")


def replaced_copies(where: Where) -> list[Path]:
    """The databases ``restore`` replaced, kept beside the record as
    ``handouts.db.replaced-<time>``: copies of the record as much as the backups are (a
    crash's journal kept with one is played back into it when it is opened)."""
    live = where.sqlite_file
    if live is None or not live.parent.is_dir():
        return []
    return sorted(path for path in live.parent.glob(f"{glob.escape(live.name)}.replaced-*")
                  if not path.name.endswith(("-journal", "-wal", "-shm")))


def forget_in_copies(where: Where, remove: Callable[[str], bool]) -> tuple[int, int]:
    """Run ``remove`` (given a copy's database URL; True if the patient was in it) on every
    copy of the record: those in ``folders``, and the databases ``restore`` replaced.
    Returns how many of each held the patient. A copy that cannot be opened or changed is
    reported, after the others, as a HandoutError."""
    backups = sorted(copy for folder in folders(where) if folder.is_dir()
                     for copy in folder.glob("*.db")) if where.sqlite_file else []
    held, failed = [0, 0], []
    for kind, copy in [*((0, c) for c in backups), *((1, c) for c in replaced_copies(where))]:
        try:
            held[kind] += remove(f"sqlite:///{copy}")
        except Exception as exc:  # noqa: BLE001 - any copy's trouble: named, the rest go on
            failed.append(f"{copy} ({_reason(getattr(exc, 'orig', None) or exc)})")
    if failed:
        raise HandoutError(f"not from {len(failed)} of its copies: {'; '.join(failed)}; "
                           "delete those files by hand")
    return held[0], held[1]


def _check_copy(copy: Path, live: Path) -> tuple[int, int]:
    """(patients, handouts) in a copy that is whole and is a handouts record; a one-line
    HandoutError otherwise (a damaged copy is damaged "too" only if the record is)."""
    from .schema import known  # loads SQLAlchemy: not for every use of this module

    if copy.is_dir():
        raise HandoutError(f"{copy}: is a folder, not a copy of the record; give the copy's "
                           "file (a .db file, as backup makes)")
    if not copy.is_file():
        raise HandoutError(f"{copy}: no such file")
    try:
        with contextlib.closing(sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro",
                                                uri=True)) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise _damaged_copy(copy, live)
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"alembic_version", "patients", "handouts"} <= tables:
                raise HandoutError(f"{copy} is not a copy of the record (it has no "
                                   "patients or handouts)")
            schema = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if schema and not known(schema[0]):  # put back, no command here could read it
                raise HandoutError(f"{copy} was made by a newer version of handouts (schema "
                                   f"{schema[0]}); update handouts on this computer first")
            return (conn.execute("SELECT count(*) FROM patients").fetchone()[0],
                    conn.execute("SELECT count(*) FROM handouts").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_CORRUPT:
            raise _damaged_copy(copy, live) from None
        raise HandoutError(f"{copy} is not a copy of the record ({_reason(exc)})") from None


def _damaged_copy(copy: Path, live: Path) -> HandoutError:
    # "too" only when it is: the record a damaged copy would replace is most often fine
    return HandoutError(f"{copy} is damaged{' too' if _damaged(live) else ''}; choose an "
                        "older copy")


def _damaged(path: Path) -> bool:
    """Whether SQLite finds the database file at ``path`` damaged (not merely busy)."""
    if not path.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro",
                                                uri=True, timeout=TIMEOUT)) as conn:
            return conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError as exc:
        return is_damage(exc)


def clinic_of(copy: Path) -> Place | None:
    """The clinic whose record ``copy`` is: the ``name:`` and ``site:`` of the clinic file
    its newest library version was made with. None if it cannot tell (no handout issued
    yet, or not a record at all: restore's own check says which)."""
    try:
        with contextlib.closing(sqlite3.connect(f"{Path(copy).resolve().as_uri()}?mode=ro",
                                                uri=True)) as conn:
            row = conn.execute(
                "SELECT f.text FROM library_files f JOIN libraries l ON f.library_hash = "
                "l.hash WHERE f.role = 'clinic' ORDER BY l.recorded_at DESC, l.rowid DESC "
                "LIMIT 1").fetchone()  # recorded in one second: the one written last
    except sqlite3.Error:
        return None
    return Place.kept(row[0]) if row else None


def _sqlite(where: Where, otherwise: str) -> Path:
    source = where.sqlite_file
    if source is None:
        raise HandoutError(f"the record is kept in {where.shown}: {otherwise}")
    return source


def _copy(source: Path, target: Path, check: str, where: Where, *, new: bool = False) -> Path:
    """``source`` copied to ``target`` with SQLite's backup, checked, then given its name
    (0600): whole or not at all. ``new``: never over another file, but under the first
    free numbered name (two backups in one second); returns the name it took."""
    if target.parent == folder_of(where) or target.parent == where.folder:
        private_folder(target.parent)
    elif target.parent != where.backup_folder:  # that one is the clinic's, made by them
        make_folder(target.parent)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        try:
            backup_into(source, tmp)
            with contextlib.closing(sqlite3.connect(tmp)) as conn:
                verdict = conn.execute(f"PRAGMA {check}").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            verdict = str(exc)
        if verdict != "ok":
            raise damaged(where, verdict.splitlines()[0])
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())
        if new:
            target = rename_new(tmp, target)
            tmp.unlink(missing_ok=True)
        else:  # the day's copy: two made at once are the same day's record
            os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _reason(exc: BaseException) -> str:
    """The first line of what went wrong: the system's words for a file, SQLite's for a
    database."""
    text = getattr(exc, "strerror", None) or str(exc)
    return text.splitlines()[0] if text else type(exc).__name__
