"""What an email run tells its user: ``sent 98, failed 1, skipped 1`` and a line for each
message not sent, with what to do (``--retry``; for one that may have been sent, ask, then
``--confirm`` or send again). Words only: the shells print them.

    headline, lines = summary(outcomes, outbox)
"""

from __future__ import annotations

from typing import Sequence

from handouts.errors import command
from handouts.mail.outbox import Outbox
from handouts.mail.service import NO_ADDRESS, Outcome


def summary(outcomes: Sequence[Outcome], outbox: Outbox) -> tuple[str, list[str]]:
    """``sent 98, failed 1, skipped 1`` and one line per failure or skip (and what to do)."""
    count = {k: sum(o.result == k for o in outcomes)
             for k in ("sent", "queued", "already sent", "failed", "skipped", "uncertain",
                       "repeat")}
    parts = [f"sent {count['sent']}", f"failed {count['failed']}",
             f"skipped {count['skipped']}"]
    if count["repeat"]:  # as a printed batch says it
        one = count["repeat"] == 1
        parts.append(f"{count['repeat']} row{'' if one else 's'} the same as an earlier one "
                     "(one email for both)")
    if count["uncertain"]:
        parts.append(f"may have been sent {count['uncertain']} (not sent again)")
    if count["already sent"]:
        parts.append(f"already sent {count['already sent']} (not sent again)")
    if count["queued"]:
        parts.insert(0, f"written {count['queued']} to {outbox.pending}/ (not sent)")
    lines = _lines([o for o in outcomes if o.result in ("failed", "skipped", "uncertain")])
    lines += [note for o in outcomes for note in o.notes]
    waiting = {o.name for o in outcomes if o.result == "failed" and o.name
               and (outbox.pending / f"{o.name}.eml").exists()}
    if waiting:
        one = len(waiting) == 1
        lines.append(f"{len(waiting)} message{'' if one else 's'} wait{'s' if one else ''} in "
                     f"{outbox.pending}/; send {'it' if one else 'them'} later with "
                     f"{command('email', '--retry')}")
    if count["uncertain"]:
        one = count["uncertain"] == 1
        lines.append(f"{count['uncertain']} message{'' if one else 's'} may have reached "
                     f"{'its patient' if one else 'their patients'}: " + settle(
                         [o.name or "NAME" for o in outcomes if o.result == "uncertain"]))
    return ", ".join(parts), lines


def settle(names: Sequence[str]) -> str:
    """What to do with these messages in uncertain/ (by name): ask the patients, confirm
    those that came, send the rest again. The one message is named by its handout id (the
    end of its name), as the PDF and ``history`` show it."""
    again = command("email", "--retry", "--include-uncertain")
    if len(names) == 1:
        which = names[0].rsplit("_", 1)[-1]
        return (f"ask; if it came, confirm it with {command('email', '--confirm', which)}; "
                f"if not, send it again with {again}")
    return (f"ask; confirm each that came with {command('email', '--confirm', 'NAME')}, "
            f"NAME its handout id or its file in uncertain/; then send the rest again with "
            f"{again}")


def _lines(told: Sequence[Outcome]) -> list[str]:
    """A line each; but the many that one failure stopped (a wrong password, a server gone)
    are one line where the first of them would be: its reason said once, not once a patient
    with each one's address, and ``--retry`` sends them all alike. So are the many rows of
    a roster with no address (half a day's patients, say), which would bury its failures."""
    alike_ones: dict[tuple, list[Outcome]] = {}
    for o in told:
        if _alike(o):
            alike_ones.setdefault(_alike(o), []).append(o)
    lines = []
    for o in told:
        alike = alike_ones.get(_alike(o), []) if _alike(o) else []
        if len(alike) <= 3:
            lines.append(_line(o))
        elif o is alike[0]:
            # the reason has brackets of its own (the server's words): not nested in more
            lines.append(f"{o.result}: {o.label} and {len(alike) - 1} more: "
                         f"{'not tried; ' if o.untried else ''}{o.reason}")
    return lines


def _alike(o: Outcome) -> tuple | None:
    return (o.result, o.reason) if o.untried or o.reason == NO_ADDRESS else None


def _line(o: Outcome) -> str:
    """``failed: today.csv:6: row 5: ed@example.com: unknown protocol ...``: what, where, to
    whom, why. A message with no address says only where and why (the reason says there is
    no address when that is it), and a file whose problem names it is named once:
    ``failed: x.yaml: file not found``."""
    where = [o.label]
    if o.recipient:
        where.append(o.recipient)
    elif (o.reason or "").startswith(f"{o.label}:"):
        where = []
    head = "may have been sent" if o.result == "uncertain" else o.result
    return ": ".join([head, *where, o.reason or ""])


def ok(outcomes: Sequence[Outcome]) -> bool:
    return not any(o.result in ("failed", "skipped", "uncertain") for o in outcomes)
