"""SQLite's online backup of the record from one file into another, waited for as long as a
query would wait; and the writers held off while a copy of the record is read, checked and
named, so that a ``forget`` finds every copy made before it and none made after it keeps
its patient."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from pathlib import Path

from .sqlite_says import is_damage, is_read_only

TIMEOUT = 10.0  # seconds to wait for a program that is writing to the record


@contextlib.contextmanager
def writers_wait(source: Path):
    """SQLite's write lock on the record while a copy of it is read, checked and named (the
    writers' turn: see upgrading.take_turn): a forget that committed meanwhile would look for
    its patient in the copies before this one had its name, and the copy, read before the
    forget, would keep them for ``restore`` to bring back. Not for the copy before an
    upgrade, made in the upgrade's own turn. A record that cannot be written has no writer;
    one whose header is gone is left for the copy's check to name as damaged."""
    with contextlib.closing(sqlite3.connect(source, timeout=TIMEOUT,
                                            isolation_level=None)) as conn:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            if not (is_read_only(exc) or is_damage(exc)):
                raise
        yield  # closing it ends the transaction, which wrote nothing


@contextlib.contextmanager
def held_through(live: Path, timeout: float = TIMEOUT):
    """A connection to the record that holds SQLite's write lock from when it is taken until
    it is closed, through a backup into it (``backup_into(copy, held)``): ``restore`` keeps
    the file it replaces and puts the copy in its place in one turn, so no commit tears the
    file kept, nor falls between the two to be lost from both. ``writers_wait``'s lock is
    let go at a backup's start; SQLite's exclusive locking mode keeps this one. None for a
    record too damaged to lock, which no writer can use either."""
    conn = sqlite3.connect(live, timeout=timeout, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("COMMIT")  # the lock stays: the backup needs no open transaction
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            conn.close()
            conn = None
        yield conn
    finally:
        if conn is not None:
            conn.close()


def backup_into(source: Path, target: Path | sqlite3.Connection) -> None:
    """``source`` copied over ``target`` (a file, or a connection to one) by SQLite's online
    backup."""
    deadline = time.monotonic() + TIMEOUT

    def waiting(status: int, _remaining: int, _total: int) -> None:
        # SQLite's backup retries a busy database for ever: a program that holds it
        # (writing a batch, say) is waited for as long as a query would wait, no longer
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and \
                time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    with contextlib.ExitStack() as stack:
        src = stack.enter_context(contextlib.closing(sqlite3.connect(source, timeout=TIMEOUT)))
        dst = target if isinstance(target, sqlite3.Connection) else stack.enter_context(
            contextlib.closing(sqlite3.connect(target, timeout=TIMEOUT)))
        src.backup(dst, progress=waiting, sleep=0.05)
