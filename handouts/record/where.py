"""Which database holds the clinic's record, and the private folder beside the clinic file.

SQLite by default (``records/handouts.db`` beside clinic.yaml); a clinic group shares one
PostgreSQL database by setting ``HANDOUTS_DATABASE_URL`` (which may carry a password) or
``database_url:`` in clinic.yaml (which may not). A URL is only ever shown masked.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus, urlencode

from handouts.errors import HandoutError

ENV = "HANDOUTS_DATABASE_URL"
FOLDER = "records"
SQLITE_FILE = "handouts.db"


class Unavailable(HandoutError):
    """The database cannot be reached, or was made by a newer version of this program."""


class Away(Unavailable):
    """The database cannot be reached (a server down, a laptop off the network, a share not
    mounted): the usual day of a home visit, which waiting puts right."""


class Answered(Unavailable):
    """The database was reached and said no to what was asked (SQLite's "too many SQL
    variables"): not out of reach, so never said to be; what was to be written waits on
    this computer all the same."""


# SQLite's errors where its file was not reached or not free (cannot be opened, the disk or
# share gone, another program holding it): waiting puts them right. Any other error of
# SQLite's (SQLITE_ERROR: "too many SQL variables", "no such table") is its answer.
_SQLITE_AWAY = frozenset({sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_BUSY,
                          sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_PROTOCOL, sqlite3.SQLITE_NOLFS})


def away_or_not(exc: BaseException) -> type[Unavailable]:
    """Away for a driver's error where the server never answered (refused, timed out, no
    route; SQLite's file not reached or held by another program); Unavailable where it
    answered and refused (a wrong password or database name: no SQLSTATE is given at
    connecting, only libpq's text with the server's FATAL), which no wait puts right and is
    said whole at every handout; Answered where SQLite, reached, refused the statement.
    SQLite has no server to be out of reach, yet every error of its was said to be Away."""
    inner = getattr(exc, "orig", None) or exc
    code = getattr(inner, "sqlite_errorcode", None)
    if code is not None:
        return Away if (code & 0xFF) in _SQLITE_AWAY else Answered
    answered = getattr(inner, "sqlstate", None) is not None or \
        re.search(r"\b(FATAL|ERROR|PANIC): ", str(inner))
    return Unavailable if answered else Away


class Newer(Unavailable):
    """The database was made by a newer version of this program: update it to use it."""


class Refused(Unavailable):
    """The database server lets this user in but not at the record's tables (PostgreSQL's
    insufficient privilege): its administrator must grant them; records wait meanwhile."""


@dataclass(frozen=True)
class Where:
    """A database URL (password and all: never print it) and the local records folder,
    which keeps the pending journal whatever the database is."""

    url: str
    folder: Path
    # clinic.yaml's backup_folder: a second copy each day, on another disk (never made here:
    # a drive not plugged in must not become a folder on this one)
    backup_folder: Path | None = None
    # clinic.yaml's timezone: the day a daily copy is named for, and a backup's time
    timezone: str | None = None

    @property
    def shown(self) -> str:
        return mask(self.url)

    def said(self, text: str) -> str:
        """A driver's message about this database, fit to print."""
        return hide_secrets(text, self.url)

    @property
    def sqlite_file(self) -> Path | None:
        import sqlalchemy as sa

        url = sa.make_url(self.url)
        return Path(url.database) if url.get_backend_name() == "sqlite" and url.database \
            else None


def locate(clinic_path: Path, database_url: str | None,
           backup_folder: str | None = None, timezone: str | None = None) -> Where:
    """The database for a clinic: the environment first, then clinic.yaml, then SQLite."""
    folder = records_folder(clinic_path)
    home = Path(clinic_path).resolve().parent
    second = home / Path(backup_folder).expanduser() if backup_folder else None
    if os.environ.get(ENV, "").strip():
        url = _normalized(os.environ[ENV].strip(), ENV, Path.cwd())
    elif database_url:
        url = _normalized(database_url, f"{clinic_path}: database_url", home)
    else:
        url = f"sqlite:///{folder / SQLITE_FILE}"
    return Where(url, folder, second, timezone)


def records_folder(clinic_path: Path) -> Path:
    return Path(clinic_path).resolve().parent / FOLDER


def _normalized(text: str, source: str, base: Path) -> str:
    """SQLAlchemy's URL for what a clinic writes: ``postgresql://`` uses psycopg 3, and a
    relative SQLite path is relative to the clinic file (or, from the environment, to the
    working folder), not to wherever the command happens to run."""
    import sqlalchemy as sa
    from sqlalchemy.exc import ArgumentError

    try:
        url = sa.make_url(text)
    except (ArgumentError, ValueError):  # ValueError: a port that is no number (db:abc)
        raise HandoutError(f"{source}: not a database URL; write sqlite:///FILE or "
                           "postgresql://USER@HOST/DATABASE") from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    elif backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise HandoutError(f"{source}: give SQLite a file, e.g. sqlite:///records/handouts.db")
        url = url.set(drivername="sqlite", database=str(base / url.database))
    else:
        raise HandoutError(f"{source}: {backend} databases are not supported; use "
                           "sqlite:///FILE or postgresql://USER@HOST/DATABASE")
    return url.render_as_string(hide_password=False)


def mask(url: str) -> str:
    """A URL that ``locate`` made, fit for a message: its password, and the value of any
    query parameter that may hold a secret (libpq's ``password`` and ``sslpassword``, or a
    misspelling of them), shown as ``***``. Every message that names the database uses
    this."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    shown = parsed.set(query={}).render_as_string(hide_password=True)
    query = [(key, "***" if _secret(key) else value) for key, value in _query(parsed)]
    return f"{shown}?{urlencode(query, safe='*/')}" if query else shown


def hide_secrets(text: str, url: str) -> str:
    """``text`` (a driver's message about the database at ``url``) with any secret the URL
    holds shown as ``***``: libpq does not quote a password back today, but a message is
    printed whole, so a driver that one day does must not print it."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    secrets = [value for key, value in _query(parsed) if _secret(key)]
    if parsed.password:
        secrets.append(str(parsed.password))
    # the longest first: a password that contains another is hidden whole
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        for form in {secret, quote(secret, safe=""), quote_plus(secret, safe="")}:
            text = _hidden(text, form)
    return text


def _hidden(text: str, secret: str) -> str:
    """``text`` with ``secret`` shown as ``***`` where it stands whole, not inside a word or
    a number: a password "refused" or "1" hid part of "Connection refused" and of
    127.0.0.1, which garbled the message and told the password by where. One of one or two
    characters is in every address and word: hidden only where a password is written
    (``:1@``, ``password="1"``)."""
    found = re.escape(secret)
    if len(secret) < 3:
        return re.sub(rf"(?<=[:=\"']){found}(?=[@\"'&\s]|$)", "***", text)
    return re.sub(rf"(?<![A-Za-z0-9]){found}(?![A-Za-z0-9])", "***", text)


def _query(parsed) -> list[tuple[str, str]]:
    return [(key, value) for key, values in parsed.query.items()
            for value in (values if isinstance(values, tuple) else (values,))]


def _secret(key: str) -> bool:
    return any(word in key.lower() for word in ("pass", "secret", "token"))


def private_sqlite(path: Path) -> None:
    """The SQLite file readable by its user only (0600), in a folder that is too (0700) when
    we make it; SQLite gives its journal files the database file's permissions. A file that
    is there is only opened by SQLite, so a record on a read-only disk can still be read."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
    _private(path, 0o600)


def private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    _private(folder, 0o700)


def _private(path: Path, mode: int) -> None:
    """``path`` given ``mode``, where it has another; on a read-only disk nothing can be
    changed (nor written: a write says so), and the record is still read."""
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)
    except OSError as exc:
        if exc.errno != errno.EROFS:
            raise
