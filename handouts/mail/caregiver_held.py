"""A caregiver's message queued before ``patient: caregiver_email:`` existed waits in
pending/ addressed as that version wrote it: to the patient's ``email:`` under the
caregiver's name (``To: Luis Ortiz <dana@example.com>``). ``email --retry`` sent it as it
was; it now holds it there, said in one line with what to do, as a message queued now is
refused (``message.recipient``): whose that address is, the patient's own or, in a program
older than the key, a parent's, only the clinic can say.

Told by the program the clinic's record keeps with the message (``record.queued``): it
names a caregiver, and the message's recipient is its patient's ``email:``, not its
``caregiver_email:``. A message with no program kept (queued before the record kept any,
so before there were caregivers) is sent as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import yaml

from handouts import record
from handouts.mail.outbox import Outbox, Record


def reason(outbox: Outbox, name: str) -> str:
    return ("not sent: queued before patient: caregiver_email: existed, it goes to the "
            "patient's address under the caregiver's name; add the caregiver's own address "
            "as patient: caregiver_email: and email the handout again, which replaces it "
            f"(or delete {name}.eml from {outbox.pending}/)")


def held(outbox: Outbox, names: Iterable[str], clinic_path: Path) -> dict[str, Record]:
    """Of these messages in pending/, the ones to hold there, with their records."""
    out = {}
    for name in names:
        kept = outbox.readable(name, outbox.pending)
        if kept is None or outbox.is_sent(name):  # what deliver says of them is said
            continue
        program = record.queued_program(clinic_path, name)
        if program is not None and _to_the_patient(program, kept.recipient):
            out[name] = kept
    return out


def _to_the_patient(program: str, recipient: str) -> bool:
    try:
        patient = (yaml.safe_load(program) or {}).get("patient")
    except (yaml.YAMLError, AttributeError):
        return False
    if not isinstance(patient, dict) or not patient.get("caregiver"):
        return False

    def at(key: str) -> bool:
        value = patient.get(key)
        return isinstance(value, str) and value.strip().casefold() == recipient.casefold()
    return at("email") and not at("caregiver_email")
