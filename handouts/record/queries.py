"""Reading the record back: patients, their visits and handouts, one handout by its id, and
forgetting a patient."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import schema as t
from .bulk import chunks
from .entry import fold
from .kinds import MAX_ID, Forgotten, Issued, Patient, Place, Visit


def named(column, name: str, *, part: bool = False):
    """Where ``column`` (a folded name, ``name_key``) is ``name`` however it is typed, or
    (``part``) holds it: both folded by the one rule (``fold``), so that a Japanese or
    Chinese name matches with or without the space between its names, as the record files
    it (the record kept "山田 花子"; "山田花子" found no one)."""
    typed = fold(name)
    return column.contains(typed, autoescape=True) if part else column == typed


def patients(conn: Connection, name: str | None = None, *, dob: dt.date | None = None,
             number: str | None = None) -> list[Patient]:
    """Patients by name (however it is typed), narrowed by date of birth or clinic number;
    everyone, by name, when no name is given (the same name: first recorded first)."""
    p = t.patients.c
    query = sa.select(t.patients).order_by(p.name_key, p.id)
    if name is not None:
        query = query.where(named(p.name_key, name))
    if dob is not None:
        query = query.where(p.dob == dob)
    if number is not None:
        query = query.where(p.number == number)
    return [_patient(row) for row in conn.execute(query)]


def listing(conn: Connection, typed: str, page: int, size: int):
    """A page of ``size`` patients, each with their last visit's date, the page (from 1,
    at most the last), how many pages, how many match and how many there are (as
    ``listing.Listing`` takes them): most recently seen first, or those whose every word
    typed is in their name, date of birth or number, by name. Only the page's rows are
    read; the order and the counts are the database's work."""
    p, g = t.patients.c, t.programs.c
    matches = [sa.or_(named(p.name_key, word, part=True),
                      sa.func.lower(p.number).contains(word, autoescape=True),
                      sa.cast(p.dob, sa.String).contains(word, autoescape=True))
               for word in fold(typed).split()]
    counting = sa.select(sa.func.count()).select_from(t.patients)
    total = conn.execute(counting).scalar_one()
    matching = conn.execute(counting.where(*matches)).scalar_one() if matches else total
    pages = max(1, -(-matching // size))
    page = min(max(page, 1), pages)
    if matches:
        query = sa.select(t.patients).where(*matches).order_by(p.name_key, p.id)
    else:  # the newest program version of each (a visit) is its highest id: the index's
        latest = (sa.select(g.patient_id, sa.func.max(g.id).label("newest"))
                  .group_by(g.patient_id).subquery())
        query = (sa.select(t.patients).outerjoin(latest, latest.c.patient_id == p.id)
                 .order_by(latest.c.newest.desc().nulls_last(), p.id.desc()))
    shown = [_patient(row) for row in conn.execute(query.limit(size)
                                                    .offset((page - 1) * size))]
    last = dict(conn.execute(sa.select(g.patient_id, sa.func.max(g.visit_date))
                             .where(g.patient_id.in_([s.id for s in shown]))
                             .group_by(g.patient_id)).all()) if shown else {}
    return tuple((s, last.get(s.id)) for s in shown), page, pages, matching, total


def patient(conn: Connection, patient_id: int) -> Patient | None:
    if not 0 < patient_id <= MAX_ID:  # the driver would overflow, not find no one
        return None
    row = conn.execute(sa.select(t.patients).where(t.patients.c.id == patient_id)).first()
    return _patient(row) if row else None


def _patient(row) -> Patient:
    return Patient(row.id, row.name, row.dob, row.number)


def _issued_query():
    h, g, p = t.handouts.c, t.programs.c, t.patients.c
    return (sa.select(h.handout_id, h.issued_at, h.channel, h.issued_by, h.library_hash,
                      h.pdf_sha256, g.version, g.visit_date, g.yaml, g.id.label("program_id"),
                      p.id, p.name, p.dob, p.number)
            .select_from(t.handouts.join(t.programs).join(t.patients))
            .order_by(h.issued_at, h.id))


def _issued(row, clinics: dict[str, Place], numbers: dict[int, int]) -> Issued:
    return Issued(row.handout_id, row.issued_at, row.channel, row.issued_by, row.library_hash,
                  row.pdf_sha256, _patient(row), row.version, numbers[row.program_id],
                  row.visit_date, row.yaml, clinics.get(row.library_hash))


def _all_issued(conn: Connection, query) -> list[tuple]:
    """(row, Issued) for each handout the query finds, each with the clinic that gave it."""
    rows = list(conn.execute(query))
    clinics = clinic_names(conn, {row.library_hash for row in rows})
    numbers = _numbers(conn, {row.id for row in rows})
    return [(row, _issued(row, clinics, numbers)) for row in rows]


def _by_date(rows, first_given: dict[int, dt.datetime]) -> list:
    """A patient's program versions as a person reads them: by visit date, those of one
    date in the order they were first given (``first_given``, by the row's id; one with no
    handout, an imported program, when it was recorded). Not in the order they arrived (the
    version): a visit that waited in the pending journal, or an older program file imported,
    arrives after visits dated later, and two laptops back from a day offline catch up in
    either order, so the morning's visit would read as the newest."""
    return sorted(rows, key=lambda r: (r.visit_date, first_given.get(r.id, r.recorded_at),
                                       r.version))


def _first_given(conn: Connection, program_ids) -> dict[int, dt.datetime]:
    """When each of these program versions was first given, by its row's id (those with a
    handout)."""
    h = t.handouts.c
    first = {}
    for ids in chunks(program_ids):
        first.update(conn.execute(sa.select(h.program_id, sa.func.min(h.issued_at))
                                  .where(h.program_id.in_(ids)).group_by(h.program_id)).all())
    return first


def _numbers(conn: Connection, patient_ids) -> dict[int, int]:
    """"visit N" (from 1, by ``_by_date``) of each program version of these patients, by
    its row's id."""
    g = t.programs.c
    found: dict[int, list] = {}
    for ids in chunks(patient_ids):
        for row in conn.execute(sa.select(g.id, g.patient_id, g.version, g.visit_date,
                                          g.recorded_at).where(g.patient_id.in_(ids))):
            found.setdefault(row.patient_id, []).append(row)
    first = _first_given(conn, [row.id for rows in found.values() for row in rows])
    return {row.id: at for rows in found.values()
            for at, row in enumerate(_by_date(rows, first), start=1)}


# the clinic kept with each library version (None: none it can read), by version: a
# version's text never changes, so it is parsed once per process
_clinic_names: dict[str, Place | None] = {}
_naming = threading.Lock()


def clinic_names(conn: Connection, digests=None) -> dict[str, Place]:
    """The clinic (its ``name:`` and ``site:``) of the clinic file kept with each
    of these library versions (every one, by default; those that have a readable one): in
    a group's shared record, which clinic gave a handout."""
    f = t.library_files.c
    if digests is None:
        digests = conn.execute(sa.select(f.library_hash).where(f.role == "clinic")).scalars()
    found = {d: _clinic_names.get(d, "") for d in set(digests)}  # "": not parsed yet
    missing = [d for d, name in found.items() if name == ""]
    if missing:
        parsed = {row.library_hash: Place.kept(row.text) for some in chunks(missing)
                  for row in conn.execute(sa.select(f.library_hash, f.text)
                                          .where(f.role == "clinic",
                                                 f.library_hash.in_(some)))}
        found.update(parsed)
        with _naming:
            if len(_clinic_names) + len(parsed) > 1024:
                _clinic_names.clear()
            _clinic_names.update(parsed)
    return {digest: name for digest, name in found.items() if name}


def visits(conn: Connection, patient: Patient) -> list[Visit]:
    """The patient's program versions, oldest first (by visit date; see ``_by_date``),
    each with its handouts."""
    g = t.programs.c
    issued: dict[int, list[Issued]] = {}
    for row, given in _all_issued(conn, _issued_query().where(t.patients.c.id == patient.id)):
        issued.setdefault(row.program_id, []).append(given)
    # the query gives each program's handouts oldest first
    first = {program_id: given[0].issued_at for program_id, given in issued.items()}
    rows = _by_date(conn.execute(sa.select(t.programs).where(g.patient_id == patient.id)),
                    first)
    return [Visit(r.version, at, r.visit_date, r.therapist, r.yaml,
                  tuple(issued.get(r.id, ()))) for at, r in enumerate(rows, start=1)]


def find(conn: Connection, handout_id: str) -> list[Issued]:
    """Every time the handout with this id was given, oldest first."""
    return [given for _, given in
            _all_issued(conn, _issued_query().where(t.handouts.c.handout_id == handout_id))]


def lacking(conn: Connection, handout_ids: Iterable[str]) -> set[str]:
    """Those of these handout ids the record has no issue of."""
    wanted, h = sorted(set(handout_ids)), t.handouts.c.handout_id
    kept = set()
    for some in chunks(wanted):
        kept.update(conn.scalars(sa.select(h).where(h.in_(some))))
    return set(wanted) - kept


def forgotten_pdfs(conn: Connection) -> frozenset[str]:
    """The checksums of the PDFs of every patient forgotten, at any clinic of the record."""
    return frozenset(conn.scalars(sa.select(t.forgotten_pdfs.c.pdf_sha256)))


def library_texts(conn: Connection, digest: str) -> list[tuple[str, str, str]]:
    f = t.library_files.c
    return [(r.role, r.name, r.text) for r in conn.execute(
        sa.select(f.role, f.name, f.text).where(f.library_hash == digest))]


def pictures(conn: Connection, digests) -> dict[str, bytes]:
    """The pictures the record kept with these SHA-256s (those it has)."""
    p = t.pictures.c
    return {row.hash: bytes(row.data) for some in chunks(digests) for row in conn.execute(
        sa.select(p.hash, p.data).where(p.hash.in_(some)))}


def count(conn: Connection, patient: Patient) -> Forgotten:
    ids = sa.select(t.programs.c.id).where(t.programs.c.patient_id == patient.id)
    programs = conn.execute(sa.select(sa.func.count()).select_from(t.programs)
                            .where(t.programs.c.patient_id == patient.id)).scalar_one()
    handouts = conn.execute(sa.select(sa.func.count()).select_from(t.handouts)
                            .where(t.handouts.c.program_id.in_(ids))).scalar_one()
    return Forgotten(patient, programs, handouts)


def pdf_checksums(conn: Connection, patient: Patient) -> set[str]:
    """The SHA-256 of each PDF file the record says the patient was given."""
    ids = sa.select(t.programs.c.id).where(t.programs.c.patient_id == patient.id)
    h = t.handouts.c
    return set(conn.scalars(sa.select(h.pdf_sha256).where(h.program_id.in_(ids),
                                                          h.pdf_sha256.is_not(None))))


def forget(conn: Connection, patient: Patient) -> Forgotten:
    """Delete the patient, their program versions and handouts issued. The library versions
    stay: they hold no patient data and other handouts may need them."""
    gone = count(conn, patient)
    ids = sa.select(t.programs.c.id).where(t.programs.c.patient_id == patient.id)
    # kept in the record, not only in this clinic's folder: another clinic of a group finds
    # the packet it wrote for them too (see writing._not_recorded)
    known = forgotten_pdfs(conn)
    new = sorted(pdf_checksums(conn, patient) - known)
    if new:
        conn.execute(t.forgotten_pdfs.insert(), [{"pdf_sha256": each} for each in new])
    conn.execute(t.handouts.delete().where(t.handouts.c.program_id.in_(ids)))
    conn.execute(t.programs.delete().where(t.programs.c.patient_id == patient.id))
    conn.execute(t.patients.delete().where(t.patients.c.id == patient.id))
    return gone
