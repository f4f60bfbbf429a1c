"""What became of an earlier message for the same patient, found as a message is queued
(``service.withdraw_replaced``): withdrawn, replaced by this one; waiting too (from another
program, to another address); or waiting held for an address that looks mistyped
(``typo_held``). Facts, not sentences: each shell says them in its own words, the command
line with ``line`` (English, naming the outbox's folders, which its user can open), the web
app in the staff's language with the held one's two ways on beside it (web/email_button).

    for e in outcome.earlier:
        print(line(e, outcome.label, outcome.shown, outbox))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handouts.mail.outbox import Outbox, Record, Replaced

WITHDRAWN = "withdrawn"  # the same program: replaced by this one, never sent
WAITS = "waits"  # another program, to another address: it goes too
HELD = "held"  # the same, to an address that looks mistyped: it goes only once checked


@dataclass(frozen=True)
class Earlier:
    """One earlier message for the patient of a message queued now."""

    kind: str  # WITHDRAWN, WAITS or HELD
    name: str  # its name in the outbox (in replaced/ once withdrawn, else in pending/)
    record: Record  # its recipient, and ``source``: what made it ("web app", a file, a row)
    likely: str | None = None  # HELD: the address likely meant


def found(replaced: Replaced, held: dict[str, str]) -> tuple[Earlier, ...]:
    """What the outbox found (``Outbox.withdraw_replaced``) for one message, as facts: the
    ones withdrawn first, then the ones from other programs. ``held``: of those, the ones
    held (``typo_held.held``: not sent by a --retry), each with the address likely meant."""
    out = [Earlier(WITHDRAWN, name, old) for name, old in replaced.withdrawn.items()]
    for name, old in replaced.elsewhere.items():
        likely = held.get(name)
        out.append(Earlier(HELD if likely else WAITS, name, old, likely))
    return tuple(out)


# how `batch --email` labels a message from a roster row: the row's place, as an error
# names it (service._queue_row: "today.csv:2: row 1", the file's line, then the row)
_ROW = re.compile(r"(?P<file>.+):\d+: row (?P<row>\d+)")


def roster_row(source: str) -> tuple[str, int] | None:
    """The roster file and the row number of an earlier message that ``batch --email``
    queued from a row of it (its record's ``source``); None for one from anything else."""
    found = _ROW.fullmatch(source)
    return (found["file"], int(found["row"])) if found else None


def line(e: Earlier, label: str, shown: bool, outbox: Outbox) -> str:
    """The command line's line for ``e``, said on the message ``label`` queued now; its
    address named where that message's lines name its own (``shown``)."""
    old = e.record
    if e.kind == WITHDRAWN:
        to = f" to {old.recipient}" if shown else ""
        return (f"{label}: an earlier message{to} for this patient is withdrawn: replaced by "
                f"this one (kept in {outbox.replaced}/)")
    which = f", to {old.recipient} (from {old.source})," if shown else f" (from {old.source})"
    if e.kind == HELD:
        return (f"{label}: an earlier message for this patient{which} is held in "
                f"{outbox.pending}/ for an address that looks mistyped; if that address is "
                "wrong, move it out of that folder")
    return (f"{label}: an earlier message for this patient{which} also waits in "
            f"{outbox.pending}/ and goes too; if that address is wrong, move it out of that "
            "folder")
