"""Handouts given, into the record: written now, or through the helper ``ready`` started
beside the build (see ``ahead``); where the database cannot take them, kept in the pending
journal for later, and one that is emailed kept (``queued``) until the server takes it.
Never raises for a database that is down: the notices say what became of them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
from typing import TYPE_CHECKING, Iterator, Mapping, Sequence

import handouts as api
from handouts.errors import HandoutError

from .entry import Issue

if TYPE_CHECKING:
    from .ahead import Ahead


def _record_of(clinic_path, clinic: api.Clinic):
    from .store import Record

    return Record.of(clinic_path, clinic)


@contextlib.contextmanager
def ready(ws: api.Workspace) -> Iterator["Ahead | None"]:
    """The record opened in a helper process while the caller builds a handout, for
    ``issued(..., ahead=)`` to write through (see ``ahead``); None where none is started."""
    from . import ahead

    helper = ahead.start(lambda: _prepare(ws.clinic_path, ws.clinic),
                         lambda libraries, rows: _write(ws.clinic_path, ws.clinic, libraries,
                                                        rows))
    try:
        yield helper
    finally:
        if helper is not None:
            helper.close()


def _prepare(clinic_path, clinic: api.Clinic) -> None:
    """In the helper: the database code imported, the database brought up to date (one
    not made yet is made by the first write). The pending journal is left to the write,
    which reports what it finds there."""
    from .store import after_fork

    after_fork()
    _record_of(clinic_path, clinic).warm()


def issued(ws: api.Workspace, issues: Issue | Sequence[Issue], *, channel: str,
           by: str | None = None, when: dt.datetime | None = None,
           ahead: "Ahead | None" = None) -> tuple[str, ...]:
    """Record handouts given to their patients (``channel``: printed, downloaded, emailed
    or batch; ``by``: who gave them, the computer's user by default; ``ahead``: the helper
    ``ready`` started, to write them). Returns notices for the user, one line each; never
    raises for a database that is down."""
    notices, libraries, rows = _entries(ws, issues, channel=channel, by=by, when=when)
    if not rows:
        return notices
    written = ahead.write(libraries, rows) if ahead is not None else None
    return written if written is not None else _write(ws.clinic_path, ws.clinic, libraries,
                                                      rows)


def _entries(ws: api.Workspace, issues: Issue | Sequence[Issue], *, channel: str,
             by: str | None = None, when: dt.datetime | None = None):
    """(notices, library versions, entries) for these issues: no entries, and perhaps a
    notice saying why, when there is nothing to record."""
    from . import entry

    # a walk-in packet with a blank name line is nobody's: there is no one to file it under
    issues = [i for i in ([issues] if isinstance(issues, Issue) else issues)
              if i.handout.patient_name]
    if not issues:
        return (), {}, []
    try:
        files = entry.library_files(ws)
    except HandoutError as exc:
        return (f"not recorded: {exc}",), {}, []
    digest = entry.library_hash(files)
    rows = entry.entries(issues, channel=channel, by=by if by is not None else entry.who(),
                         when=when or entry.issue_time(), library_hash=digest)
    return (), {digest: [list(f) for f in files]}, rows


def _write(clinic_path, clinic: api.Clinic, libraries: dict, rows: list) -> tuple[str, ...]:
    """Entries into the database, or into the pending journal when it cannot take them."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    from .journal import Journal
    from .where import Answered, Away, records_folder

    held = None
    try:
        held = _record_of(clinic_path, clinic)
        return tuple(held.add(libraries, rows).notices)
    except (HandoutError, SQLAlchemyError, OSError) as exc:
        from .store import down

        # why, as history says it (secrets masked): a wrong password, host or database
        # name never heals by waiting, and must not go unseen until someone reads a history
        said_why = exc if isinstance(exc, HandoutError) else held.unavailable(exc) \
            if held is not None else None
        why = str(said_why) if said_why is not None else "the database is unavailable"
        # the database answered, and would not take them (a constraint they break): that
        # fails again at every try, so it is not said to be away, nor that they come later
        refused = held is not None and isinstance(exc, DBAPIError) and not down(exc)
        if refused:
            why = f"the record refused {_handouts(len(rows))} ({held.refusal(exc)})"
        journal = Journal(records_folder(clinic_path), clinic.timezone)
        try:
            said, waited, waiting = journal.add(libraries, rows)
        except OSError as error:
            return (_lost(why, f"{journal.path} cannot be written ({error.strerror or error})",
                          error, rows),)
        if isinstance(said_why, Away) and not refused:
            return (_away(why, rows, waited, waiting), *([said] if said else []))
        if isinstance(said_why, Answered) and not refused:
            return (f"recorded later: {why}; {_waits(rows, waiting)}, nothing lost, and the "
                    "next use of the record tries again", *([said] if said else []))
        if not refused:
            return (f"recorded later: {why}", *([said] if said else []))
        it = "it" if len(rows) == 1 else "them"
        return (f"{why}: {'it is' if len(rows) == 1 else 'they are'} kept in {journal.path}, "
                f"not lost, and the next use of the record tries {it} once more, then sets "
                f"{it} aside for a person to look at", *([said] if said else []))


def _away(why: str, rows: list, waited: int, waiting: int) -> str:
    """The line for handouts that wait for a database out of reach, said at every build of
    a day away from the office: what became of them and how many wait, in words a therapist
    reads at a glance. Why (the URL, the driver's words) only with the first to wait: a
    wrong password or host is seen at once, and ``history`` says it in full again."""
    line = ("recorded later: the record cannot be reached, so "
            + _waits(rows, waiting, "until it can be"))
    return f"{line}; {why}" if not waited else line


def _waits(rows: list, waiting: int, until: str = "") -> str:
    """That the handouts wait on this computer, and how many in all wait there."""
    given = sum(1 for row in rows if row.get("handout")) or len(rows)
    these = "this handout waits" if given == 1 else f"these {given} handouts wait"
    return (f"{these} on this computer{' ' + until if until else ''} ({waiting} "
            f"{'handout waits' if waiting == 1 else 'handouts wait'} in records/pending.json)")


def _lost(why: str, journal: str, error: OSError, rows: list) -> str:
    """The one line for handouts neither the database nor the journal took: why, and what
    to do. A batch run again records the packets it finds written (writing._not_recorded),
    and is the only way back for them, so it is named."""
    from .sqlite_says import FREE

    full = why.endswith(f"; {FREE}") or error.errno in (errno.ENOSPC, errno.EDQUOT)
    todo = [FREE] if full else []
    if rows and all(row["handout"].get("channel") == "batch" for row in rows):
        then = "then" if full else "once the record can be written,"
        todo.append(f"{then} run the same batch again: it records them")
    return "; ".join([f"not recorded: {why.removesuffix(f'; {FREE}')}, and {journal}",
                      *filter(None, [", ".join(todo)])])


def _handouts(count: int) -> str:
    return "this handout" if count == 1 else f"these {count} handouts"


def queued(ws: api.Workspace, name: str, issue: Issue, *,
           outbox: str | None = None) -> tuple[str, ...]:
    """Keep what the record needs of a handout written to the outbox (the folder
    ``outbox``) as message ``name``; ``delivered`` records it as emailed once the server
    takes it, in this run or a later ``email --retry``. Returns notices."""
    from . import unsent
    from .where import records_folder

    notices, libraries, rows = _entries(ws, issue, channel="emailed")
    if not rows:
        return notices
    try:
        unsent.keep(records_folder(ws.clinic_path), name, libraries, rows[0], outbox=outbox)
    except OSError as exc:
        return (f"not recorded: cannot keep it until it is sent ({exc.strerror or exc})",)
    return ()


def unsent_names(clinic_path) -> list[str]:
    """The names of the messages ``queued`` kept entries for that are not recorded yet."""
    from . import unsent as kept
    from .where import records_folder

    return kept.names(records_folder(clinic_path))


def queued_program(clinic_path, name: str) -> str | None:
    """The program text ``queued`` kept with message ``name`` until it is sent; None where
    none is kept (a message queued before the record kept any) or it cannot be read."""
    from . import unsent as kept
    from .where import records_folder

    return kept.program_of(records_folder(clinic_path), name)


def withdrawn(clinic_path, names: Sequence[str]) -> None:
    """Let go of what ``queued`` kept of messages withdrawn before they went (replaced by
    one to a corrected address): never emailed, never recorded; ``history`` said each was
    "not sent yet" for good."""
    import contextlib

    from . import unsent
    from .where import records_folder

    records = records_folder(clinic_path)
    with contextlib.suppress(OSError):  # a file left is only "not sent yet": said, not lost
        for name in names:
            unsent.drop(records, name)
        unsent.tidy(records)


def delivered(clinic_path, clinic: api.Clinic, names: Sequence[str], *,
              when: Mapping[str, dt.datetime] | None = None) -> tuple[str, ...]:
    """Record as emailed the messages with these names that the server took (those
    ``queued`` kept), at the time ``when`` gives for each (default: now); returns notices.
    Needs only the clinic, as ``email --retry`` has it."""
    from .emailed import delivered as record

    return record(clinic_path, clinic, names, when=when, write=_write)


def unanswered(clinic_path, clinic: api.Clinic, when: Mapping[str, dt.datetime]
               ) -> tuple[str, ...]:
    """Record as *maybe emailed* the messages (those ``queued`` kept) that went whole to the
    server, which never answered: ``when`` gives each one's name and time. Returns notices."""
    from .emailed import unanswered as record

    return record(clinic_path, clinic, when, write=_write)
