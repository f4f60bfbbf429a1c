"""Programs out of the record as YAML files, and program files into it: YAML stays the
reviewable, portable format (the program file of the README)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from sqlalchemy.engine import Connection

import handouts as api

from . import queries
from .entry import dump, program_data
from .kinds import Patient


def exported(conn: Connection, patient: Patient | None = None) -> list[tuple[str, str]]:
    """(relative file name, YAML) for every program version of one patient or of all; a
    folder per patient, so two Jane Does stay apart."""
    out = []
    everyone = [patient] if patient else queries.patients(conn)
    named = folders(everyone)
    for person in everyone:
        for visit in queries.visits(conn, person):
            name = f"{visit.visit_date.isoformat()}_v{visit.version}.yaml"
            out.append((f"{named[person.id]}/{name}", visit.yaml))
    return out


def folders(people: Sequence[Patient]) -> dict[int, str]:
    """``jane-doe-4512-1961-04-30``: the name, then the clinic number and date of birth
    where known; the record's own number for the patient if that is still not unique."""
    taken: set[str] = set()
    found = {}
    for person in people:
        parts = [person.name, person.number, person.dob and person.dob.isoformat()]
        folder = "-".join(api.slug(p, "x") for p in parts if p)
        if folder in taken:
            folder = f"{folder}-p{person.id}"
        taken.add(folder)
        found[person.id] = folder
    return found


def program_rows(programs: Sequence[api.Program], today: dt.date) -> list[dict[str, Any]]:
    """Each program as an entry of the record without a handout: a visit of its patient (a
    program with no date is ``today``'s, the clinic's), oldest first, whatever order the
    files came in: a patient's versions are numbered as they are written, and the newest
    is the one the next visit starts from."""
    dated = [program.model_copy(update={"date": program.date or today})
             for program in programs]
    return [program_data(program, dump(program.to_yaml_data()))
            for program in sorted(dated, key=lambda program: program.date)]
