"""What SQLite says went wrong, told apart: a full disk, a database that cannot be written,
a damaged file. Each takes SQLite's own error or SQLAlchemy's around it."""

from __future__ import annotations

import errno
import sqlite3

FREE = "free some space there"  # what to do about a full disk, wherever it is said


def is_full(exc: BaseException) -> bool:
    """Whether SQLite (or the system, writing a file) says the disk is full."""
    inner = getattr(exc, "orig", None) or exc
    code = getattr(inner, "sqlite_errorcode", None)
    return (code is not None and (code & 0xFF) == sqlite3.SQLITE_FULL) or \
        getattr(inner, "errno", None) == errno.ENOSPC


def is_read_only(exc: BaseException) -> bool:
    """Whether SQLite says the database cannot be written (a read-only disk or file), though
    it can be read."""
    code = getattr(getattr(exc, "orig", None) or exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) == sqlite3.SQLITE_READONLY


def is_damage(exc: BaseException) -> bool:
    """Whether SQLite says the file itself is bad (damaged, or no database at all), not
    locked or missing; ``exc`` is SQLite's error, or SQLAlchemy's around it."""
    code = getattr(getattr(exc, "orig", None) or exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
