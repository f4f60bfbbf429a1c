"""Emails into the record, from what ``unsent`` kept of each message: *emailed* once the mail
server took it, and *maybe emailed* once it took the whole message and never answered, so
that "did Jane get her handout?" has a true answer either way.

A message that may have been sent keeps its file in ``records/unsent/``: if the clinic sends
it again (``email --retry --include-uncertain``) and the server takes it, it is recorded as
emailed too. Both entries stay, as both are true: the first may have reached the patient,
the second did.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Callable, Mapping, Sequence

import handouts as api

from . import unsent
from .entry import utc_now
from .journal import Damaged
from .where import records_folder

MAYBE = "maybe emailed"  # the channel of a message the server never said it took
Write = Callable[[Path, api.Clinic, dict, list], tuple[str, ...]]


def delivered(clinic_path, clinic: api.Clinic, names: Sequence[str], *, write: Write,
              when: Mapping[str, dt.datetime] | None = None) -> tuple[str, ...]:
    """Record as emailed the messages with these names that the server took, at the time
    ``when`` gives for each (default: now), through ``write``; their kept files go."""
    return _record(clinic_path, clinic, names, write=write, when=when, channel="emailed")


def unanswered(clinic_path, clinic: api.Clinic, when: Mapping[str, dt.datetime], *,
               write: Write) -> tuple[str, ...]:
    """Record as *maybe emailed* each message in ``when`` (its name → when it went whole
    to the server, which never answered), once for each such attempt; their kept files
    stay, for the *emailed* entry of a later send."""
    where = unsent.folder(records_folder(clinic_path))
    names = [n for n, at in when.items() if _marked(where / f"{n}.json") != _stamp(at)]
    return _record(clinic_path, clinic, names, write=write, when=when, channel=MAYBE)


def _record(clinic_path, clinic: api.Clinic, names: Sequence[str], *, write: Write,
            when: Mapping[str, dt.datetime] | None, channel: str) -> tuple[str, ...]:
    records = records_folder(clinic_path)
    libraries, rows, files, unread = unsent.take(records, names)
    # the message went (or may have), but what the record was to keep of it cannot be read
    unread = tuple(f"not recorded: {why}; it is left there for a person to look at"
                   for why in unread)
    if not rows:
        return unread
    now = utc_now()
    # in the order they were given (a roster's rows), not their names' (the handout ids'):
    # of two new patients of one name, the record tells the second apart from the first,
    # and its notice names that row, as a printed batch's does
    given = sorted(zip(rows, files), key=lambda pair: str(pair[0]["handout"].get("at", "")))
    rows, files = [row for row, _ in given], [path for _, path in given]
    for row, path in zip(rows, files):
        at = (when or {}).get(path.stem)
        # the time the message went, not the time it is recorded: recorded twice (a run
        # stopped between the two), it is the same issue, kept once
        row["handout"]["at"] = _stamp(at) if at else now.isoformat(timespec="seconds")
        row["handout"]["channel"] = channel
    notices = write(clinic_path, clinic, libraries, rows)
    if any(n.startswith("not recorded") for n in notices):
        return unread + notices
    if channel == MAYBE:
        for row, path in zip(rows, files):
            with contextlib.suppress(OSError, Damaged):  # unmarked: written again, kept once
                unsent.mark(path, row["handout"]["at"])
        return unread + notices
    for path in files:
        path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # a version left over is only a file: next time
        unsent.tidy(records)
    return unread + notices


def _stamp(at: dt.datetime) -> str:
    # to the microsecond the outbox kept: one handout sent to two addresses in one second
    # (its id leaves the address out) is two issues
    return at.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat(
        timespec="microseconds")


def _marked(path: Path) -> str | None:
    with contextlib.suppress(OSError, Damaged):
        return unsent.read(path).get(unsent.UNANSWERED)
    return None
