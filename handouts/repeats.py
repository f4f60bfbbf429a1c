"""A roster row that repeats an earlier one: the same patient given the same handout.

A scheduling export lists a patient twice (two appointments, a booking entered twice): the
desk wants one packet in the stack and one entry in the record, and to be told. Rows that
agree on a date of birth, a clinic number or an email are that: one packet. Rows with a
name alone may be two patients of one name on the same program: both are printed (a packet
too many is thrown away; one too few sends a patient home without one), and the desk is told.
``batch --email`` tells them apart the same way: one email for both, and the desk is told.
"""

from __future__ import annotations

from dataclasses import replace

from handouts.errors import Location
from handouts.identity import handout_id
from handouts.input.models import Program
from handouts.input.patient import folded
from handouts.resolve import Handout


class Repeats:
    """The rows of one batch seen so far, by who they are for and what they print."""

    def __init__(self, one: str = "one packet is made for both", handed: bool = True):
        self._seen: dict[tuple, Location] = {}
        self._one = one  # what the rows get: one packet, or one email
        # packets handed out by name: two rows of one name that are no repeat are told, as
        # the desk may give each the other's (an email goes to its own address)
        self._names: dict[str, tuple[Location, Program]] | None = {} if handed else None

    def check(self, where: Location, program: Program,
              handout: Handout) -> tuple[str | None, str | None]:
        """(``repeat``, ``note``): ``repeat`` says why the row gets no packet of its own
        (the earlier row's is its), ``note`` what to say of a packet that may be a repeat;
        (None, None) for a row like no other before it."""
        patient = program.patient
        # what is printed but for whom (the name as typed: "Ana Pérez" and "ana  perez" on
        # two rows are one name), and the person told apart as the record tells people
        # apart (the name as it matches it, date of birth, number), and by the address a
        # handout would be sent to, as a person reads one
        printed = handout_id(replace(handout, patient_name="", patient_email=None))
        key = (printed, folded(patient.name), patient.dob, patient.number,
               *((address or "").strip().casefold()
                 for address in (patient.email, patient.caregiver_email)))
        first = self._seen.setdefault(key, where)
        if first is where:
            return None, self._same_name(where, program)
        if patient.dob or patient.number or patient.email or patient.caregiver_email:
            return _repeats(where, first, self._one), None
        earlier = first.path or first.file
        line = f" (line {first.line})" if first.path and first.line else ""
        return None, (f"the same name and program as {earlier}{line}, and no date of birth, "
                      "number or email to tell them apart: both are printed, in case they "
                      "are two patients")

    def _same_name(self, where: Location, program: Program) -> str | None:
        """What to say of a row whose name an earlier row printed, for another handout or
        another person; None for the first of its name."""
        if self._names is None:
            return None
        first, earlier = self._names.setdefault(folded(program.patient.name),
                                                (where, program))
        if first is where:
            return None
        line = f" (line {first.line})" if first.path and first.line else ""
        said = f"{first.path or first.file}{line}"
        mine, theirs = program.patient, earlier.patient
        if any(a and b and a != b for a, b in ((mine.dob, theirs.dob),
                                               (mine.number, theirs.number))):
            return (f"another patient of the same name is {said}: check which packet is whose "
                    "before you hand them out")
        return (f"the same name as {said}, with another program: if they are two patients, "
                "check which packet is whose before you hand them out")


def _repeats(row: Location, first: Location, one: str) -> str:
    if not row.path:  # program files given together: each is its own row
        return f"{row.file} is the same patient and program as {first.file}; {one}"
    line = f" (line {first.line})" if first.line else ""
    return (f"{Location(row.file, row.line)} {row.path} is the same patient and program as "
            f"{first.path}{line}; {one}")
