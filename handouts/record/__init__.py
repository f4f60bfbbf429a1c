"""The clinic's record: every handout issued, by patient and visit, in a database.

A sink beside the shells. Each shell tells it what it gave, in one line::

    warn(record.issued(ws, record.Issue.of(program, built), channel="printed"))

which never fails the build: when the database cannot be reached the entry waits in the
pending journal and the notice says so, with how many wait (``recorded later: the record
cannot be reached, so this handout waits on this computer …``; why, the first time). The
reading side (``patients``, ``visits``, ``latest_program``, ``find``) raises ``Unavailable``
(a HandoutError) instead. SQLite beside clinic.yaml unless
``HANDOUTS_DATABASE_URL`` or ``database_url:`` in clinic.yaml names another database; it is
created, or upgraded, the first time it is opened. Importing this package loads no database
code.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

import handouts as api
from handouts.errors import HandoutError

from .entry import CHANNELS, PICTURES, Issue, RowWords, fold, written_at
from .issuing import (delivered, issued, queued, queued_program, ready, unanswered,
                      unsent_names, withdrawn)

if TYPE_CHECKING:
    from .kinds import Forgotten, Issued, Patient, Place, Visit

# the rest is loaded when first asked for: a cold ``build`` needs only the entry and its
# sending (its helper process opens the record), and these modules' dataclasses and
# patterns were a part of every build's start
_LATER = {
    "batched": ("Given", "numbered"),
    "backups": ("backup", "backup_warnings", "check_copy", "other_clinic", "restore"),
    "group": ("site_warnings",),
    "kinds": ("MAX_ID", "Forgotten", "Issued", "NotInRecord", "Patient", "Place", "Visit",
              "counted", "listed", "local_time", "normal_id"),
    "listing": ("PAGE", "Listing", "patient_list"),
    "where": ("Away", "Newer", "Unavailable"),
}
_LATER_WHERE = {name: module for module, names in _LATER.items() for name in names}


def __getattr__(name: str):
    if name not in _LATER_WHERE:
        raise AttributeError(f"module 'handouts.record' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_LATER_WHERE[name]}", __name__), name)
    globals()[name] = value  # the next look-up is a plain attribute
    return value


__all__ = ["Issue", "RowWords", "Given", "Issued", "Patient", "Place", "Visit", "Forgotten",
           "Unavailable", "Away", "Newer", "lacking", "numbered", "find_waiting",
           "reprint_waiting",
           "issued", "ready", "open_record", "patients", "patient", "visits", "latest_program",
           "start_from", "library_of", "find", "normal_id", "reprint", "to_forget", "forget",
           "other_clinics", "outside", "exported", "imported", "queued", "unsent_names",
           "queued_program",
           "delivered", "unanswered", "withdrawn", "backup", "check_copy", "restore", "other_clinic",
           "backup_warnings", "CHANNELS",
           "NotInRecord", "bring_back", "unreadable", "behind", "local_time", "fold", "MAX_ID",
           "counted", "listed", "said", "here", "site_warnings", "patient_list", "Listing", "PAGE",
           "written_at"]


def said() -> list[str]:
    """What the record did on its own that a person must know, since this was last asked,
    one line each, each said once: a pending journal that could not be read, set aside (and
    how to bring its records back). The command went on; the shells print them as
    warnings. A journal this process never loaded said nothing: a build whose entry the
    record's helper wrote loads none (nor its dataclasses)."""
    journal = sys.modules.get(f"{__name__}.journal")
    return journal.said() if journal is not None else []


def open_record(ws: api.Workspace):
    """The record of the workspace's clinic (nothing is opened until it is used)."""
    from .store import Record

    return Record.of(ws.clinic_path, ws.clinic)


def patients(ws: api.Workspace, name: str | None = None, *, dob: dt.date | None = None,
             number: str | None = None) -> list[Patient]:
    """Patients with this name (told apart by date of birth and clinic number), or all."""
    from . import queries

    with open_record(ws).transaction() as conn:
        return queries.patients(conn, name, dob=dob, number=number)


def patient(ws: api.Workspace, patient_id: int) -> Patient | None:
    """The patient with this id (``Patient.id``, as a web page's link carries it), or None."""
    from . import queries

    with open_record(ws).transaction() as conn:
        return queries.patient(conn, patient_id)


def visits(ws: api.Workspace, patient: Patient) -> list[Visit]:
    """The patient's program versions, oldest first, each with the handouts made from it."""
    from . import queries

    with open_record(ws).transaction() as conn:
        return queries.visits(conn, patient)


def start_from(ws: api.Workspace, patient: Patient):
    """Where the patient's next visit starts (a ``group.Start``): the newest visit given at
    this clinic, or, in a group's shared record, at another clinic where this library has
    all of it, with what is said of a newer visit passed over; None for a patient with no
    visit."""
    from . import group, queries

    held = open_record(ws)
    with held.transaction() as conn:
        found = queries.visits(conn, patient)
    return group.start_from(ws, patient.name, found, group=group.shared(held.where),
                            library_of=lambda digest: library_of(ws, digest))


def latest_program(ws: api.Workspace, patient: Patient) -> api.Program | None:
    """The program to start the patient's next visit from (see ``start_from``), checked
    against today's library; None for a patient with no program. HandoutError where every
    visit is another clinic's that this library cannot open (it says whose, and what)."""
    start = start_from(ws, patient)
    if start is None:
        return None
    if start.visit is None:
        raise HandoutError(start.said())
    return api.load_program(f"record: {patient.name}, visit {start.visit.number}", ws,
                            text=start.visit.yaml, kept=True)


def library_of(ws: api.Workspace, digest: str) -> api.Library | None:
    """The library of the library version ``digest`` (``Issued.library_hash``), as the
    clinic that gave a handout from it had it, to name a visit's exercises by their
    titles there; None where the record has not kept it or it does not load now."""
    from .group import library_then

    return library_then(ws, digest, lambda: open_record(ws))


def lacking(ws: api.Workspace, skipped: Mapping[str, Path]) -> set[str]:
    """Of the packets a batch's --skip-existing left (handout id → its file), the ids of
    those the record has no issue of, which a run killed outright may never have recorded;
    not those of a patient forgotten (the file's checksum is among the PDFs forgotten, here
    or, in a group, at another clinic: the record keeps them too): the record lacks them on
    purpose."""
    from . import queries
    from .forgetting import forgotten_files

    with open_record(ws).transaction() as conn:
        found = queries.lacking(conn, skipped)
        gone = queries.forgotten_pdfs(conn) if found else frozenset()
    forgotten = forgotten_files(ws, [skipped[handout_id] for handout_id in found], gone)
    return {handout_id for handout_id in found if skipped[handout_id] not in forgotten}


def find(ws: api.Workspace, handout_id: str) -> list[Issued]:
    """Every time the handout with this id was given, oldest first (empty if never)."""
    from . import queries
    from .kinds import normal_id

    with open_record(ws).transaction() as conn:
        return queries.find(conn, normal_id(handout_id))


def reprint(ws: api.Workspace, handout_id: str, patient_id: int | None = None):
    """The handout behind an id made again (a ``remake.Reprint``: the built PDF, the record
    of its last issue, or of the last with a checksum: ``_with_checksum``, and whether the
    bytes are identical); ``patient_id``: only one given to this patient (two patients of
    one name given the same program share an id). HandoutError if the id is not in the
    record (for this patient)."""
    from . import queries
    from .kinds import NotInRecord, normal_id
    from .remake import reprint as remake

    handout_id = normal_id(handout_id)
    with open_record(ws).transaction() as conn:
        found = [issue for issue in queries.find(conn, handout_id)
                 if patient_id is None or issue.patient.id == patient_id]
        if not found:
            raise NotInRecord.of(handout_id)
        last = _with_checksum(found)
        library = queries.library_texts(conn, last.library_hash)
        pictures = queries.pictures(conn, {digest for role, _, digest in library
                                           if role in PICTURES})
    return remake(ws, last, library, pictures)


def find_waiting(ws: api.Workspace, handout_id: str) -> list[Issued]:
    """``find`` for a database that cannot be reached: every time the handout with this id
    was given that still waits in the pending journal (their patient has no id, their visit
    no number yet); empty if none."""
    from .journal_reads import issued as found
    from .where import records_folder

    return found(records_folder(ws.clinic_path), handout_id)


def reprint_waiting(ws: api.Workspace, handout_id: str):
    """``reprint`` for a database that cannot be reached: a handout still waiting in the
    pending journal made again (a ``remake.Reprint``); NotInRecord if none has this id."""
    from .journal_reads import reprint as remake
    from .where import records_folder

    return remake(ws, records_folder(ws.clinic_path), handout_id)


def _with_checksum(found: list[Issued]) -> Issued:
    """The last issue, or where it has no checksum (a packet printed in a merged file: the
    day's roster printed to files and then to one print file) the last one of the same
    program version and library that has: the same PDF, so the reprint can say whether it
    is the one given, not that the record cannot tell."""
    last = found[-1]
    same = [issue for issue in found if issue.pdf_sha256 and
            (issue.patient.id, issue.version, issue.library_hash) ==
            (last.patient.id, last.version, last.library_hash)]
    return last if last.pdf_sha256 or not same else same[-1]


def to_forget(ws: api.Workspace, patient: Patient) -> Forgotten:
    """What ``forget`` would remove, to ask before it does."""
    from .forgetting import to_forget as counted

    return counted(ws, patient, lambda: open_record(ws))


def other_clinics(ws: api.Workspace) -> list[str]:
    """The other clinics of a group whose handouts this record holds (by the ``name:`` of
    the clinic file kept with each library version), where the database is not this
    clinic's own file beside clinic.yaml. Each keeps its own records folder and outbox, out
    of this one's reach. Empty where it cannot tell."""
    from .group import other_clinics as others

    return others(here(ws), open_record(ws))


def here(ws: api.Workspace) -> Place:
    """This clinic as the record tells it from the other clinics of a group: its name, and
    its ``site:`` for a branch that shares its name with another (``Issued.at``,
    ``Visit.elsewhere`` take it)."""
    from .group import here as place

    return place(ws)


def forget(ws: api.Workspace, patient: Patient) -> Forgotten:
    """Remove the patient wherever the record keeps them (see ``forgetting.forget``)."""
    from .forgetting import forget as remove

    return remove(ws, patient, lambda: open_record(ws))


def outside(ws: api.Workspace, name: str, *, dob: dt.date | None = None,
            number: str | None = None):
    """The patients of this name in records kept outside the database (waiting for it, set
    aside, messages not sent yet), as ``waiting.Outside``: each with how many where."""
    from .waiting import patients as kept
    from .where import records_folder

    return kept(records_folder(ws.clinic_path), name, dob=dob, number=number)


def unreadable(ws: api.Workspace) -> list[str]:
    """Each file of records kept outside the database that cannot be read ("FILE: why"):
    a patient not found may be in one (see ``waiting.unreadable``)."""
    from .waiting import unreadable as said
    from .where import records_folder

    return said(records_folder(ws.clinic_path))


def behind(ws: api.Workspace) -> str | None:
    """After a read of the record (``patients``, ``visits``, ``find``...): one line saying
    how many handouts wait in the pending journal, not yet in what it showed, and why, when
    the read went ahead without them because the disk they were to be written on is full
    or read-only (a person must free space); None otherwise. A write refuses instead."""
    from .store import behind as said
    from .where import records_folder

    return said(records_folder(ws.clinic_path))


def bring_back(ws: api.Workspace, path) -> int:
    """The records set aside in ``path`` (``records/pending-<time>.rejected.json``) written,
    once their cause is put right, and the file deleted; how many (see Record.bring_back)."""
    return open_record(ws).bring_back(path)


def exported(ws: api.Workspace, patient: Patient | None = None) -> list[tuple[str, str]]:
    """(relative file name, program YAML) of every program version of one patient, or of
    everyone: ``jane-doe-1961-04-30/2026-11-23_v1.yaml``."""
    from . import transfer

    with open_record(ws).transaction() as conn:
        return transfer.exported(conn, patient)


def imported(ws: api.Workspace, programs: Sequence[api.Program]) -> tuple[int, list[str]]:
    """Programs into the record, each a visit of its patient (a new version unless it is
    there already; with no date, today's); returns how many were new, and notices."""
    from . import transfer

    today = ws.today()
    written = open_record(ws).add({}, transfer.program_rows(programs, today))
    return written.new_visits, written.notices
