"""Forgetting a patient wherever the record keeps them: the database (its rows overwritten),
its backups and the databases ``restore`` replaced, and the records kept outside it in the
records folder (the pending journal, records set aside, what is kept of messages not sent
yet: see ``waiting``). A patient known only outside the database (``Patient.id`` None) is
removed from those alone, without the database, which may be down. The checksums of their
PDFs are kept (``FORGOTTEN``: no name, nothing readable), so that a batch run again over a
folder that still holds their packets does not record them again as a killed run's.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path
from typing import Callable, Iterable

import handouts as api
from handouts.errors import HandoutError

from . import aside, unsent, waiting
from .kinds import Forgotten, Patient
from .where import private_folder, records_folder

# the SHA-256 of each PDF of a patient forgotten, one a line, in the records folder
FORGOTTEN = "forgotten-pdfs.txt"


def to_forget(ws: api.Workspace, patient: Patient, opened: Callable) -> Forgotten:
    """What ``forget`` would remove, to ask before it does (``opened``: the record, opened
    only for a patient in its database)."""
    found = Forgotten(patient, 0, 0)
    if patient.id is not None:
        from . import queries
        from .copies import reachable

        held = opened()
        reachable(held.where)
        with held.transaction() as conn:
            found = queries.count(conn, patient)
    folder, theirs = records_folder(ws.clinic_path), aside.theirs(patient)
    return dataclasses.replace(
        found, unsent=len(unsent.of_patient(folder, theirs)),
        set_aside=aside.forget(folder, theirs, dry_run=True),
        journal=waiting.forget_journal(folder, theirs, dry_run=True),
        unread=tuple(waiting.unreadable(folder)))


def forget(ws: api.Workspace, patient: Patient, opened: Callable) -> Forgotten:
    """Remove the patient, every program version and every handout issued to them, from the
    record, from its backups and from the databases ``restore`` replaced, and from the
    records kept outside it (a copy that cannot be changed is a HandoutError, after the
    rest; a folder of copies that cannot be reached, before anything is removed)."""
    from .copies import forget_in_copies, reachable

    if patient.id is None:
        gone = _outside(ws, Forgotten(patient, 0, 0))
        # not in the database (a restore put back a copy made before them), but its
        # backups and the database the restore replaced may have them
        try:
            where = opened().where
        except HandoutError:  # out of reach: what is outside it is gone all the same
            return gone
        reachable(where)
        backups, replaced = forget_in_copies(where, lambda url: _removed_from(url, patient))
        return dataclasses.replace(gone, copies=backups, replaced=replaced)
    from . import queries

    held = opened()
    reachable(held.where)  # before anything is removed
    folder, kept = records_folder(ws.clinic_path), None
    try:
        # the writers' turn: a handout recorded for them meanwhile (PostgreSQL lets a writer
        # read the rows being deleted, and add to them) waits, then makes them a new patient
        with held.transaction(writes=True) as conn:
            checksums = queries.pdf_checksums(conn, patient)
            gone = queries.forget(conn, patient)
            # kept once the deletes are done and before they are committed: a delete that
            # fails keeps none (a batch would not catch up the patient's files), and a
            # folder that cannot be written removes nothing. After the commit, a forget
            # killed between the two would lose them, and a batch would record the patient
            # again from their files
            kept = _keep_checksums(folder, checksums)
    except BaseException as exc:
        if kept is not None:  # the commit failed: the patient is still there
            _take_back(folder, kept)
        said = _not_removed(exc, patient.name, held)
        if said is None:
            raise
        raise HandoutError(said) from None
    problems = []
    try:
        gone = _outside(ws, gone)
    except HandoutError as exc:  # said after the copies, which are still looked at
        problems.append(str(exc))

    # a backup put back would bring them back: they leave the clinic's copies too
    try:
        backups, replaced = forget_in_copies(held.where,
                                             lambda url: _removed_from(url, patient))
        gone = dataclasses.replace(gone, copies=backups, replaced=replaced)
    except HandoutError as exc:
        problems.append(str(exc))
    if problems:
        raise HandoutError(f"removed {gone} from the record, but {'; and '.join(problems)}")
    return gone


def _not_removed(exc: BaseException, name: str, held) -> str | None:
    """What a forget the database stopped says: what failed, that the record is as it was
    (its transaction undone), and what to do; never SQLAlchemy's own message, whose SQL and
    parameters may hold the patient's name. None: not the database's doing."""
    from sqlalchemy.exc import DBAPIError

    from .where import Away, Unavailable

    if isinstance(exc, DBAPIError):  # not the database's own trouble: the records' own
        return (f"{name} could not be removed from the record: the database refused to delete "
                f"them ({held.refusal(exc)}); nothing was removed from it: run forget again once "
                "the database's administrator has put that right")
    if not isinstance(exc, Unavailable):
        return None
    # its own line says what to do where it is more than waiting (a full disk, a damaged file)
    then = "then run forget again" if type(exc) not in (Unavailable, Away) else \
        "run forget again once it answers"
    return (f"{name} could not be removed from the record: {exc}; nothing was removed from "
            f"it: {then}")


def _removed_from(url: str, patient: Patient) -> bool:
    """Whether the patient was in the copy of the record at ``url``, and is gone from it."""
    from .store import copy_transaction

    with copy_transaction(url) as conn:
        return _forget_in_copy(conn, patient)


def _forget_in_copy(conn, patient: Patient) -> bool:
    """The patient removed from a copy of the record, in SQL that every schema since the
    first reads, so a copy is not upgraded (one made before an upgrade stays as it was).
    The same patient as the record tells them apart: name (folded), birth date and number,
    not the id, which differs once a restore put back an older copy and the patient was
    recorded again (the database it replaced has them under their old id). Whether they
    were there."""
    import sqlalchemy as sa

    from .entry import fold

    born = patient.dob.isoformat() if patient.dob else None
    found = [row.id for row in conn.execute(sa.text(
        "SELECT id, name, dob, number FROM patients")) if fold(row.name) == fold(
        patient.name) and (str(row.dob)[:10] if row.dob else None, row.number) == (
        born, patient.number)]
    for each in found:  # as queries.forget: handouts, program versions, then the patient
        for statement in ("DELETE FROM handouts WHERE program_id IN (SELECT id FROM "
                          "programs WHERE patient_id = :id)",
                          "DELETE FROM programs WHERE patient_id = :id",
                          "DELETE FROM patients WHERE id = :id"):
            conn.execute(sa.text(statement), {"id": each})
    return bool(found)


def _outside(ws: api.Workspace, gone: Forgotten) -> Forgotten:
    """The patient removed from the records kept outside the database: what was kept of
    their messages not sent yet, records set aside (pending-*.rejected.json) and the pending
    journal (which would otherwise bring them into the database once it answers)."""
    folder, theirs = records_folder(ws.clinic_path), aside.theirs(gone.patient)
    try:
        kept = unsent.of_patient(folder, theirs)
        for path in kept:
            path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # the versions only their messages named: no
            unsent.tidy(folder)  # patient data, so one left over is tidied next time
        return dataclasses.replace(gone, unsent=len(kept),
                                   set_aside=aside.forget(folder, theirs),
                                   journal=waiting.forget_journal(folder, theirs),
                                   unread=tuple(waiting.unreadable(folder)))
    except OSError as exc:  # a read-only disk, say: said, and the patient is still there
        raise HandoutError(f"{gone.patient.name} could not be removed from the records "
                           f"kept outside the database, in {folder}: {exc.strerror or exc}; "
                           "run forget again once it can be written") from None


def _keep_checksums(folder: Path, checksums: Iterable[str]) -> tuple[int, int] | None:
    """The checksums added to ``FORGOTTEN``: appended in one write, so that two forgets at
    once each keep theirs. Where in the file they went (None: there were none)."""
    lines = "".join(f"{checksum}\n" for checksum in sorted(checksums)).encode("ascii")
    if not lines:
        return None
    try:
        private_folder(folder)
        fd = os.open(folder / FORGOTTEN, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, lines)
            end = os.lseek(fd, 0, os.SEEK_CUR)
        finally:
            os.close(fd)
    except OSError as exc:
        raise HandoutError(f"{folder / FORGOTTEN}: cannot write: {exc.strerror or exc}; "
                           "nothing was removed: run forget again once it can be "
                           "written") from None
    return end - len(lines), end


def _take_back(folder: Path, kept: tuple[int, int]) -> None:
    """The checksums ``_keep_checksums`` appended at ``kept`` taken off again, while they are
    still the file's last: after another forget's they stay, as they do where the file
    cannot be written. One too many only keeps a batch from catching up a packet; one too
    few would bring a forgotten patient back."""
    start, end = kept
    with contextlib.suppress(OSError):
        fd = os.open(folder / FORGOTTEN, os.O_RDWR)
        try:
            if os.fstat(fd).st_size == end:
                os.ftruncate(fd, start)
        finally:
            os.close(fd)


def forgotten_pdfs(ws: api.Workspace) -> frozenset[str]:
    """The checksums of the PDFs of the patients forgotten (``FORGOTTEN``): a file a batch
    finds in its folder with one of them is not a packet a killed run never recorded."""
    try:
        text = (records_folder(ws.clinic_path) / FORGOTTEN).read_text("ascii", "replace")
    except OSError:  # none forgotten here yet
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines())


def forgotten_files(ws: api.Workspace, paths: Iterable[Path],
                    also: Iterable[str] = ()) -> set[Path]:
    """Those of the files at ``paths`` that are PDFs of a patient forgotten, by checksum
    (this clinic's, and ``also``: those the record keeps, of every clinic of a group)."""
    import hashlib

    forgotten, found = forgotten_pdfs(ws) | frozenset(also), set()
    for path in paths if forgotten else ():
        with contextlib.suppress(OSError):  # gone meanwhile: nothing to bring back
            with open(path, "rb") as pdf:
                if hashlib.file_digest(pdf, "sha256").hexdigest() in forgotten:
                    found.add(path)
    return found
