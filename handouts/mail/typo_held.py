"""A message to an address that looks mistyped (one letter off a very common provider's
domain: ``bo@gmial.com``, see ``input.addresses.meant``) is held in pending/: not sent by
the run that queued it, nor by ``email --retry``, until a person has checked it. A handout
sent to a stranger cannot be taken back; a message held costs the desk one look.

Put right (the program or roster emailed again with the address corrected), the message to
the corrected address replaces the one held (``service.withdraw_replaced``). Right as
typed, ``email --confirm NAME`` says so, as it says of a message that may have been sent
that it came: the audit log keeps it (a "queued" line with ``CHECKED``), and the next
``email --retry`` sends it. Nothing is sent by ``--confirm`` itself.

    held(outbox, outbox.pending_names(), clinic)   # {name: (record, the address meant)}
"""

from __future__ import annotations

import json
from pathlib import Path

import handouts as api
from handouts.errors import command
from handouts.mail.outbox import Outbox, Record

CHECKED = "the address was checked by the clinic: it is right as typed"
WRONG = "the address was checked by the clinic: it is wrong (withdrawn, never sent)"


def reason(kept: Record, likely: str, *, logged: bool = False) -> str:
    """Why the message is held, and what to do. ``logged``: as the audit log keeps it, why
    alone, with the address likely meant named by its domain alone: it is most likely the
    patient's own, and ``forget`` scrubs the address a line was sent or held for, not one it
    suggests. What to do is the reader's of the moment: a command line, with this server's
    paths, read later in the log of a clinic whose desk sends it from the web app (its
    button, ``held_email``) told nobody anything."""
    if logged:
        return f'held: "{kept.recipient}" looks mistyped ({likely.rpartition("@")[2]} meant?)'
    said = api.looks_mistyped(kept.recipient, likely)
    return (f"held: {said} Put the address right and "
            "email the handout again (this message is then withdrawn); if it is right as "
            f"typed, say so with {command('email', '--confirm', kept.handout_id)}, then send "
            f"it with {command('email', '--retry')}")


def held(outbox: Outbox, names, clinic) -> dict[str, tuple[Record, str]]:
    """Of these messages in pending/, those to hold: to an address that looks mistyped, not
    checked since; each with its record and the address likely meant."""
    out = {}
    own = api.clinic_domains(clinic)
    checked = None  # read once, and only where some message is to an address mistyped
    for name in names:
        kept = outbox.readable(name, outbox.pending)
        if kept is None or outbox.is_sent(name):  # what deliver says of them is said
            continue
        likely = api.address_meant(kept.recipient, own)
        if likely:
            checked = _checked(outbox) if checked is None else checked
            if (f"{name}.eml", kept.recipient) not in checked:
                out[name] = (kept, likely)
    return out


def _checked(outbox: Outbox) -> set[tuple[str, str]]:
    """The messages (file, recipient) the audit log says a person checked: right as typed."""
    try:
        lines = outbox.audit_log.read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    found = set()
    for line in lines:
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and entry.get("reason") == CHECKED:
            found.add((entry.get("file"), entry.get("recipient")))
    return found


def find(outbox: Outbox, given: str, clinic) -> list[str]:
    """The held messages ``given`` names: its file's name in pending/ (with or without .eml,
    or its path), or its handout id, as ``settling.find_uncertain`` reads one."""
    from handouts import record

    names = list(held(outbox, outbox.pending_names(), clinic))
    stem = Path(given.strip()).name.removesuffix(".eml").removesuffix(".json")
    if stem in names:
        return [stem]
    code = record.normal_id(given)
    return [n for n in names if n.upper().endswith((f"_{stem.upper()}", f"_{code}"))]


def confirm(outbox: Outbox, name: str) -> Record:
    """Say in the audit log that the held message ``name`` is to go to its address as
    typed: the next ``email --retry`` sends it."""
    kept = outbox.record(name)
    outbox.audit("queued", kept, reason=CHECKED, file=f"{name}.eml")
    return kept


def withdraw(outbox: Outbox, name: str) -> Record:
    """Withdraw the held message ``name``, its address said to be wrong (the web app's
    button): moved to replaced/, never sent, as a message replaced is, the audit log's
    "withdrawn" line saying why."""
    return outbox.withdraw(name, outbox.record(name), WRONG)
