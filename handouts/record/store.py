"""The record's database: open it (creating or upgrading it first), run a transaction on it,
and catch up on what the pending journal holds.

Engines are kept per URL for the life of the process (the web app opens the record on every
request); the schema is brought up to date once per engine, and its revision looked at again,
once, in every transaction (see ``upgrading.current``): a writer's after it has taken its turn.
"""

from __future__ import annotations

import contextlib
import errno
import threading
from pathlib import Path
from typing import Any, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from handouts.errors import HandoutError, command

from . import copies, sqlite_says
from .journal import Damaged, Journal, caught_up, damaged, said, tell
from .upgrading import current, take_turn, upgrade
from .where import (ENV, Answered, Away, Refused, Unavailable, Where, away_or_not,
                    hide_secrets, mask, private_folder, private_sqlite)
from .writing import Written, write

_engines: dict[str, Engine] = {}
_current: set[str] = set()
# the SQLite file each engine's connections have open (device, inode): one deleted or put
# in its place by another program (not by restore, which writes into the same file) is let
# go, or the web app would go on writing into a file no one can open again
_files: dict[str, tuple[int, int]] = {}
_guard = threading.Lock()
# why the records waiting in a pending journal (by its path) were last left out of a read:
# the disk that was to take them is full or read-only (see ``behind``)
_behind: dict[Path, str] = {}
# what keeps a file from being made or written, whatever waits: a disk that is full or
# read-only, or a folder this user may not write in
_DISK = {errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM}


class _NotWritable(Unavailable):
    """The pending journal's lock file cannot be made: the disk's doing (``why``)."""

    def __init__(self, message: str, why: str):
        super().__init__(message)
        self.why = why


class Record:
    """One clinic's record: its database and its pending journal."""

    def __init__(self, where: Where):
        self.where = where
        self.journal = Journal(where.folder, where.timezone)

    @classmethod
    def of(cls, clinic_path, clinic) -> Record:
        """The record of the clinic whose file is ``clinic_path`` (nothing is opened until
        it is used)."""
        from .where import locate

        return cls(locate(clinic_path, clinic.database_url, clinic.backup_folder,
                          clinic.timezone))

    @contextlib.contextmanager
    def transaction(self, *, writes: bool = False) -> Iterator[Connection]:
        """A connection in a transaction, the schema current and the journal caught up;
        ``writes``: the writers' turn taken first (see ``take_turn``), and the schema looked
        at once it is."""
        engine = self._engine()
        try:
            try:
                self.catch_up(engine)
            except (DBAPIError, Unavailable) as exc:
                # a full or read-only disk: a read goes ahead without the records waiting,
                # and ``behind`` says so (a person frees space); a writer refuses, as before
                why = None if writes else self.not_writable(exc)
                if why is None:
                    raise
                _behind[self.journal.path] = why
            else:
                _behind.pop(self.journal.path, None)
            with engine.begin() as conn:
                if writes:
                    take_turn(conn)
                current(conn, self.where)
                yield conn
        except DBAPIError as exc:
            if down(exc):
                raise self.unavailable(exc) from None
            raise

    def unavailable(self, exc: BaseException) -> Unavailable:
        reason = _first(exc)
        if self.where.sqlite_file is not None and sqlite_says.is_damage(exc):
            return copies.damaged(self.where, reason)
        if self.where.sqlite_file is not None and sqlite_says.is_full(exc):
            return copies.full(self.where)
        if refused(exc):
            return Refused(f"the database refuses this user ({self.where.shown}): "
                           f"{self.where.said(reason)}; its administrator must let the user "
                           "create, read and write the record's tables")
        kind = away_or_not(exc)
        if kind is Answered:  # reached: what it said, not that it is out of reach
            return Answered(f"the database would not do it ({self.where.shown}): "
                            f"{self.where.said(reason)}")
        return kind(f"the database is unavailable ({self.where.shown}): "
                    f"{self.where.said(reason)}")

    def not_writable(self, exc: BaseException) -> str | None:
        """Why the waiting records cannot be written where it is the disk's doing (full, or
        read-only), which a read need not wait for; None for any other trouble."""
        if isinstance(exc, _NotWritable):
            return exc.why
        if self.where.sqlite_file is None or not isinstance(exc, DBAPIError):
            return None  # PostgreSQL: as before, every use says what the server said
        if sqlite_says.is_full(exc):
            return str(copies.full(self.where))
        if sqlite_says.is_read_only(exc):
            return f"the database cannot be written ({self.where.sqlite_file}: {_first(exc)})"
        return None

    def open(self) -> None:
        """Create the database, or bring it up to date, ahead of its first use."""
        self._engine()

    def warm(self) -> None:
        """``open``, but a database file that is not there yet is not made: only the code
        that will make it is loaded. A build that fails then leaves no empty record."""
        sqlite = self.where.sqlite_file
        if sqlite is not None and not sqlite.exists():
            from alembic import command  # noqa: F401 - loaded for the first write
            from alembic.script import ScriptDirectory  # noqa: F401

            with _guard:  # the dialect and driver load; nothing connects
                if self.where.url not in _engines:
                    _engines[self.where.url] = _create_engine(self.where.url)
            return
        self._engine()

    def add(self, libraries: dict[str, list], entries: list[dict[str, Any]]) -> Written:
        """Write entries (handouts issued, or program versions alone): the notices, and how
        many visits were new. The day's first write copies the database first (see
        copies.daily)."""
        notices = list(copies.daily(self.where))
        with self.transaction(writes=True) as conn:
            written = write(conn, libraries, entries)
        # with them, what catching up did (said here too by a helper process: see ahead)
        return written._replace(notices=notices + said() + written.notices)

    def catch_up(self, engine: Engine) -> None:
        """Write whatever the journal holds, then empty it; nothing if the database fails.
        A journal that cannot be read, or that the database refuses, is set aside, told
        (``journal.said``), and the record goes on: what the command was asked to do does
        not wait for a person to look at it."""
        if not self.journal.exists():
            return
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(self.journal.locked())
            except OSError as exc:  # a read-only disk: not even the lock file can be made
                why = (f"{self.journal.folder} cannot be written ({exc.strerror}); they "
                       "wait there until it can") if exc.strerror else f"{exc}; try again"
                said = (f"the records waiting in {self.journal.path} cannot be brought into "
                        f"the record: {why}")
                if exc.errno in _DISK:
                    raise _NotWritable(said, f"{self.journal.folder} cannot be written "
                                             f"({exc.strerror})") from None
                raise Unavailable(said) from None
            try:
                pending = self.journal.read()
            except Damaged as exc:  # kept for a person to look at; records go on
                tell(damaged(exc, self.journal.set_aside()))
                return
            if pending["entries"]:
                try:
                    with engine.begin() as conn:
                        take_turn(conn)
                        current(conn, self.where)
                        written = write(conn, pending["libraries"], pending["entries"])
                except (DBAPIError, ValueError, KeyError, TypeError, AttributeError) as exc:
                    if isinstance(exc, DBAPIError) and down(exc):
                        raise  # the database's trouble, not the records': they wait
                    # the database answers but will not take them: set them aside for a
                    # person to look at, rather than fail every use of the record from now on;
                    # told (``said``), and the command goes on, as for a damaged journal:
                    # what it was asked does not wait for a person to put them right
                    kept = self.journal.set_aside()
                    tell(f"the pending records could not be written ({self.refusal(exc)}); "
                         f"they are kept in {kept}; once that is put right, bring them back "
                         f"with: {command('import', Path(kept))}")
                    return
                caught_up(pending["entries"], written.notices)
            # after the commit: a crash between the two writes entries twice (write() then
            # skips them), never loses one
            self.journal.clear()

    def refusal(self, exc: BaseException) -> str:
        """Why the database would not take records: the driver's first line (never the
        statement, whose parameters are patient data), secrets masked."""
        return self.where.said(_first(exc)) if isinstance(exc, DBAPIError) else \
            type(exc).__name__

    def bring_back(self, path: Path) -> int:
        """Write the records set aside in ``path`` (see aside.py), then delete the file; how
        many there were. While the database still refuses them, a HandoutError says why
        and the file stays as it is (so for one cut short: see aside.whole_records)."""
        from . import aside

        data = aside.to_bring_back(path)
        try:
            with self.transaction(writes=True) as conn:
                write(conn, data["libraries"], data["entries"])
        except (DBAPIError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise HandoutError(f"{path}: the database still refuses these records "
                               f"({self.refusal(exc)}); they stay in that file") from None
        if "cut" in data:  # the file stays: what was cut short is for a person to look at
            raise HandoutError(data["cut"])
        Path(path).unlink(missing_ok=True)
        return len(data["entries"])

    def _engine(self) -> Engine:
        url = self.where.url
        sqlite = self.where.sqlite_file
        try:
            if sqlite is not None:
                if sqlite.parent == self.where.folder:
                    private_folder(self.where.folder)
                elif not sqlite.parent.is_dir():
                    # a network share or drive not mounted: a folder made here would hold a
                    # second record, hidden again once the share is back
                    raise Away(f"the database is unavailable ({self.where.shown}): the "
                               f"folder {sqlite.parent} is not there (is the network "
                               "share or drive connected?)")
                made = not sqlite.exists()
                private_sqlite(sqlite)
                if made:
                    _made_beside_copies(self.where)
        except OSError as exc:
            if sqlite_says.is_full(exc):
                raise copies.full(self.where) from None
            raise Unavailable(f"the database is unavailable ({self.where.shown}): "
                              f"{exc.strerror or exc}") from None
        with _guard:
            engine = _engines.get(url)
            if engine is not None and sqlite is not None and _files.get(url) != _file_id(sqlite):
                engine.dispose()
                engine = None
                _current.discard(url)
            if engine is None:
                engine = _engines[url] = _create_engine(url)
                if sqlite is not None:
                    _files[url] = _file_id(sqlite)
            if url not in _current:
                try:
                    with engine.begin() as conn:
                        upgrade(conn, keep=self.where)
                except DBAPIError as exc:
                    raise self.unavailable(exc) from None
                _current.add(url)
        return engine


def _made_beside_copies(where: Where) -> None:
    """Tell (as the record tells what it did on its own) that the SQLite file was not there
    and a new, empty one is made where copies of an earlier one are kept: a database deleted
    or moved by mistake was made again without a word, and the record then knew no one."""
    latest = copies.latest_copy(where)
    if latest:
        tell(f"the record's database was not there ({where.sqlite_file}): a new, empty one "
             f"is made; {latest.parent} holds copies of an earlier one: if it was lost, put "
             f"the newest back with {command('restore', latest)}")


def behind(folder: Path) -> str | None:
    """What is said when this process last read the record without the records waiting in
    the pending journal of ``folder`` (see ``Record.transaction``): how many, and why they
    could not be written; None when none wait, or the last read took them in."""
    from .waiting import behind as said

    journal = Journal(folder)
    why = _behind.get(journal.path)
    return said(journal, why) if why is not None else None


@contextlib.contextmanager
def copy_transaction(url: str) -> Iterator[Connection]:
    """A transaction on a copy of the record (a file in records/backups) at the schema it
    has: one made before an upgrade stays one from before it (restore upgrades a copy it
    puts back); nothing of it is kept open after."""
    engine = _create_engine(url)
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()


def down(exc: DBAPIError) -> bool:
    """Whether a database error is the database's own trouble, which waiting (or its
    administrator) puts right: out of reach, a server gone or busy, its file damaged or its
    disk full, this user refused its tables. Any other (a constraint the records break, a
    trigger that refuses them) is the records': it fails again at every try."""
    return exc.connection_invalidated or isinstance(
        exc, (sa.exc.OperationalError, sa.exc.InterfaceError)) or sqlite_says.is_damage(exc) or \
        refused(exc)


def refused(exc: BaseException) -> bool:
    """Whether PostgreSQL refused this user a table or schema (SQLSTATE 42501): the
    database's set-up, which its administrator puts right, not the records' fault."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501"


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _first(exc: BaseException) -> str:
    # the driver's first line only: SQLAlchemy's own text would quote the statement's
    # parameters, which are patient data
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return reason[0] if reason else type(exc).__name__


def after_fork() -> None:
    """In a forked process: the engines' pooled connections are the parent's, to leave to
    it (closing one here would close it there); new ones are made as needed."""
    for engine in _engines.values():
        engine.dispose(close=False)


def _create_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 10})
        sa.event.listen(engine, "connect", _sqlite_foreign_keys)
        return engine
    try:
        # a server that is down must not hold up the end of a visit for long
        return sa.create_engine(url, pool_pre_ping=True, connect_args={
            "connect_timeout": 5, "application_name": "handouts"})
    except sa.exc.ArgumentError as exc:  # SQLAlchemy reads the URL's host and port itself
        raise HandoutError(f"the database URL cannot be used ({mask(url)}): "
                           f"{hide_secrets(_first(exc), url)}; correct {ENV} or clinic.yaml's "
                           "database_url") from None


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys = ON")
    # a forgotten patient's rows are overwritten, not left readable in the file's free pages
    dbapi_connection.execute("PRAGMA secure_delete = ON")
