"""What an email run tells its user: a line for each message not sent, with what to do
(``--retry``; for one that may have been sent, ask, then ``--confirm`` or send again), its
warnings and the record's notices, a roster's in row order as a printed batch says them; and
``sent 98, failed 1, skipped 1``, said last. Words only: the shells print them.

    headline, lines = summary(outcomes, outbox, notices)
"""

from __future__ import annotations

from typing import Sequence

import handouts as api
from handouts import record
from handouts.errors import command, one_line
from handouts.mail import earlier
from handouts.mail.outbox import Outbox
from handouts.mail.refusals import address_refused, message_refused
from handouts.mail.message import NO_CAREGIVER_ADDRESS
from handouts.mail.service import NO_ADDRESS, Outcome


def summary(outcomes: Sequence[Outcome], outbox: Outbox,
            notices: Sequence[str] = ()) -> tuple[str, list[str]]:
    """``sent 98, failed 1, skipped 1`` and the lines to say before it: ``by_row``'s, then
    what to do with the messages waiting or that may have been sent. ``notices``: the
    record's, as it recorded what the server took."""
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
    lines = [line for _, line in by_row(outcomes, outbox, notices)]
    lines += _waiting(outcomes, outbox)
    if count["uncertain"]:
        one = count["uncertain"] == 1
        lines.append(f"{count['uncertain']} message{'' if one else 's'} may have reached "
                     f"{'its patient' if one else 'their patients'}: " + settle(
                         [o.name or "NAME" for o in outcomes if o.result == "uncertain"]))
    return ", ".join(parts), lines


def _waiting(outcomes: Sequence[Outcome], outbox: Outbox) -> list[str]:
    """What to do with the messages that failed and wait in pending/: send them later; but
    where the server refused the address, or the message itself for good, a --retry sends
    the same again: put the address right, or print the handout."""
    waiting = {o.name: o.reason for o in outcomes if o.result == "failed" and o.name
               and (outbox.pending / f"{o.name}.eml").exists()}
    refused = [n for n, why in waiting.items() if address_refused(why)]
    lasting = [n for n, why in waiting.items() if message_refused(why)]
    later = len(waiting) - len(refused) - len(lasting)
    lines = []
    if later:
        lines.append(f"{_count(later)} {_wait(later)} in {outbox.pending}/; send "
                     f"{'it' if later == 1 else 'them'} later with {command('email', '--retry')}")
    if refused:
        it = "it" if len(refused) == 1 else "them"
        lines.append(f"{_count(len(refused))} to an address the mail server refused "
                     f"{_wait(len(refused))} in {outbox.pending}/: put the address right and "
                     f"email {it} again, which replaces {it} ({command('email', '--retry')} "
                     "sends the same to the same address)")
    if lasting:
        lines.append(f"{_count(len(lasting))} the mail server refused as "
                     f"{'it is' if len(lasting) == 1 else 'they are'} {_wait(len(lasting))} in "
                     f"{outbox.pending}/: {command('email', '--retry')} sends the same again; "
                     "print the handout instead")
    return lines


def _count(n: int) -> str:
    return f"{n} message{'' if n == 1 else 's'}"


def _wait(n: int) -> str:
    return "waits" if n == 1 else "wait"


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


def by_row(outcomes: Sequence[Outcome], outbox: Outbox,
           notices: Sequence[str] = ()) -> list[tuple[int, str]]:
    """Every line about one message, with the number of its roster row (0: none), in row
    order, through the rows' one ordering (``api.numbered_by_row``), as a printed batch says
    them to a desk reading down the roster: a row's warnings (one line for the rows that
    give the same), the rows that repeat an earlier one, the record's ``notices`` (each at
    the row it names), and each failure or skip, last of its row. A program file's warnings
    name no row and are said first, once each. ``outbox``: the one whose folders the lines
    on a patient's earlier messages name (``earlier.line``)."""
    rows = {f"{o.label}: ": o.number for o in outcomes if o.number}
    said = [*((o.number, o.reason or "") for o in outcomes if o.result == "repeat"),
            *record.numbered(notices, rows)]
    rowed = [(warning, o.number, o.location) for o in outcomes
             if o.location is not None and o.result != "repeat" for warning in o.warnings]
    plain = dict.fromkeys(w for o in outcomes if o.location is None for w in o.warnings)
    warned = [*((0, w) for w in plain), *api.numbered_by_row(rowed, said)]
    lines = [(number, f"warning: {one_line(w)}") for number, w in warned]
    lines += _lines([o for o in outcomes if o.result in ("failed", "skipped", "uncertain")])
    lines += [(o.number, note) for o in outcomes for note in (
        *(earlier.line(e, o.label, o.shown, outbox) for e in o.earlier), *o.notes)]
    return sorted(lines, key=lambda line: line[0])  # stable: a row's warnings first


def _lines(told: Sequence[Outcome]) -> list[tuple[int, str]]:
    """A line each; but the many that one failure stopped (a wrong password, a server gone)
    are one line where the first of them would be: its reason said once, not once a patient
    with each one's address, and ``--retry`` sends them all alike. So are the many rows of
    a roster with no address (half a day's patients, say, or of a caregiver's handouts),
    which would bury its failures."""
    alike_ones: dict[tuple, list[Outcome]] = {}
    for o in told:
        if _alike(o):
            alike_ones.setdefault(_alike(o), []).append(o)
    lines = []
    for o in told:
        alike = alike_ones.get(_alike(o), []) if _alike(o) else []
        if len(alike) <= 3:
            lines.append((o.number, _line(o)))
        elif o is alike[0]:
            # the reason has brackets of its own (the server's words): not nested in more
            lines.append((o.number, f"{o.result}: {o.label} and {len(alike) - 1} more: "
                                    f"{'not tried; ' if o.untried else ''}{o.reason}"))
    return lines


def _alike(o: Outcome) -> tuple | None:
    return (o.result, o.reason) if o.untried or o.reason in (NO_ADDRESS, NO_CAREGIVER_ADDRESS) \
        else None


def _line(o: Outcome) -> str:
    """``failed: today.csv:6: row 5: ed@example.com: unknown protocol ...``: what, where, to
    whom, why. A message with no address, or one its roster row did not type (``shown``),
    says only where and why (the reason says there is no address when that is it), and a
    file whose problem names it is named once:
    ``failed: x.yaml: file not found``."""
    where = [o.label]
    if o.recipient and o.shown:
        where.append(o.recipient)
    elif (o.reason or "").startswith(f"{o.label}:"):
        where = []
    head = "may have been sent" if o.result == "uncertain" else o.result
    return ": ".join([head, *where, o.reason or ""])


def ok(outcomes: Sequence[Outcome]) -> bool:
    return not any(o.result in ("failed", "skipped", "uncertain") for o in outcomes)
