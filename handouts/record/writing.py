"""Writing entries into the record in one transaction: library versions, patients, program
versions and handouts issued. A batch of hundreds is a few queries per new patient, not a
search per row."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import schema as t
from .bulk import chunks, insert_many
from .entry import PICTURES, fold, utc_now
from .kinds import listed
from .versions import Programs

class Written(NamedTuple):
    notices: list[str]
    new_visits: int  # program versions added: a program the patient has already is not


def write(conn: Connection, libraries: dict[str, list], entries: list[dict[str, Any]],
          ) -> Written:
    """Write entries (handouts issued, or program versions alone)."""
    entries, caught_up = _not_recorded(conn, entries)
    now = utc_now()
    lost = _add_libraries(conn, libraries, now)
    people = _Patients(conn, [e["patient"] for e in entries])
    patient_ids = people.ids([e["patient"] for e in entries], now,
                             [e.get("row") for e in entries])
    programs = Programs(conn, people.known_ids())
    program_ids = programs.ids(list(zip(patient_ids, entries)), now)
    _add_handouts(conn, [(program_id, new, entry["handout"]) for (program_id, new), entry
                         in zip(program_ids, entries) if entry.get("handout")])
    caught = [f"recorded {caught_up} handout{'s' if caught_up > 1 else ''} whose file an "
              "earlier run wrote but did not record (it was stopped, or the record's disk "
              "was full)"] if caught_up else []
    return Written(list(dict.fromkeys(people.notices)) + _without(lost, entries) + caught,
                   programs.added)


def _not_recorded(conn: Connection, entries: list[dict[str, Any]],
                  ) -> tuple[list[dict[str, Any]], int]:
    """The entries to write, and how many of them are handouts whose file a batch found
    already there (``found``): such a one is recorded only if the record has no issue of
    that handout with those bytes to that patient, as a run that ended before recording it
    leaves it, and none of a patient forgotten (at any clinic of a group: see
    queries.forget). The patient too: two of one name, on one program and day, are given
    the same bytes, and a third of that name found the file there and went unrecorded."""
    found = [e for e in entries if _found(e)]
    if not found:
        return entries, 0
    h, pr, pa = t.handouts.c, t.programs.c, t.patients.c
    kept, gone = set(), set()
    forgotten = t.forgotten_pdfs.c.pdf_sha256
    for checksums in chunks({e["handout"].get("pdf_sha256") for e in found} - {None}):
        gone.update(conn.scalars(sa.select(forgotten).where(forgotten.in_(checksums))))
    for ids in chunks({e["handout"]["id"] for e in found}):
        kept.update((row.handout_id, row.pdf_sha256, _whose(row.name, row.dob, row.number))
                    for row in conn.execute(
                        sa.select(h.handout_id, h.pdf_sha256, pa.name, pa.dob, pa.number)
                        .join(t.programs, pr.id == h.program_id)
                        .join(t.patients, pa.id == pr.patient_id)
                        .where(h.handout_id.in_(ids))))
    missing = set()
    for e in found:
        whose = e.get("patient") if isinstance(e.get("patient"), dict) else {}
        key = (e["handout"]["id"], e["handout"]["pdf_sha256"],
               _whose(whose.get("name") or "", whose.get("dob"), whose.get("number")))
        if key not in kept and e["handout"]["pdf_sha256"] not in gone:
            kept.add(key)
            missing.add(id(e))
    return [e for e in entries if not _found(e) or id(e) in missing], len(missing)


def _whose(name: str, dob: Any, number: str | None) -> tuple[str, str, str]:
    """A patient as the record tells one from another: the name folded, the date of birth
    and the clinic number (README: Patients are told apart)."""
    born = dob.isoformat() if isinstance(dob, dt.date) else str(dob or "")
    return fold(name), born, number or ""


def _found(entry: Any) -> bool:
    """A handout a batch found already written; a journal's entry that is not one at all is
    left for the write to refuse, as it refuses every entry it cannot read."""
    handout = entry.get("handout") if isinstance(entry, dict) else None
    return isinstance(handout, dict) and bool(handout.get("found"))


def _add_libraries(conn: Connection, libraries: dict[str, list], now: dt.datetime,
                   ) -> set[str]:
    """Each library version the record has not kept yet. One lost on its way (``[]``: its
    copy kept with messages not sent yet was missing or damaged) is a version with no
    files, which a reprint says it has lost, unless the record has it already; its files
    are added once a handout made from it brings them. The versions lost, returned."""
    lost = set()
    kept = sa.exists().where(t.library_files.c.library_hash == t.libraries.c.hash)
    for digest, files in libraries.items():
        row = conn.execute(sa.select(t.libraries.c.hash, kept.label("kept"))
                           .where(t.libraries.c.hash == digest)).first()
        if row is None:
            conn.execute(t.libraries.insert().values(hash=digest, recorded_at=now))
        elif row.kept:
            continue
        if not files:
            lost.add(digest)
            continue
        conn.execute(t.library_files.insert(), [
            {"library_hash": digest, "role": role, "name": name, "text": text}
            for role, name, text, *_ in files])
    _add_pictures(conn, {text: source for files in libraries.values()
                         for role, _, text, *source in files if role in PICTURES and source},
                  now)
    return lost


def _without(lost: set[str], entries: list[dict[str, Any]]) -> list[str]:
    """What is said of the handouts recorded without their library version: one line."""
    ids = list(dict.fromkeys(e["handout"]["id"] for e in entries
                             if (e.get("handout") or {}).get("library") in lost))
    if not ids:
        return []
    one = len(ids) == 1
    named = listed(ids)
    return [f"{'handout' if one else f'{len(ids)} handouts'} {named}: recorded without the "
            f"library version {'it was' if one else 'they were'} made from, as its copy kept "
            "until the email went was missing or damaged (records/unsent/libraries/); "
            f"reprint cannot make {'it' if one else 'them'} again"]


def _add_pictures(conn: Connection, wanted: dict[str, list], now: dt.datetime) -> None:
    """Each picture the record has not kept yet, read from where it is (here, or in the
    helper process, or when the pending journal is caught up) and kept only where it still
    is the picture the library version names (the same SHA-256): one changed since is
    left out, and a reprint takes today's."""
    kept: set[str] = set()
    for digests in chunks(wanted):
        kept.update(conn.execute(sa.select(t.pictures.c.hash)
                                 .where(t.pictures.c.hash.in_(digests))).scalars())
    for digest, (source, *_) in wanted.items():
        if digest in kept:
            continue
        try:
            data = Path(source).read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == digest:
            conn.execute(t.pictures.insert().values(hash=digest, data=data, recorded_at=now))
            kept.add(digest)


class _Patients:
    """The patient with this name, date of birth and clinic number, all three; a new one
    otherwise. Never a guess: two people merged is worse than one person's visits split
    (which ``history`` then shows, asking which is meant)."""

    def __init__(self, conn: Connection, wanted: list[dict[str, Any]]):
        self.conn = conn
        self.notices: list[str] = []
        self.by_name: dict[str, dict[tuple, int | None]] = {}  # name → (dob, number) → id
        p = t.patients.c
        for names in chunks({fold(w["name"]) for w in wanted}):
            for row in conn.execute(sa.select(p.id, p.name_key, p.dob, p.number)
                                    .where(p.name_key.in_(names)).order_by(p.id)):
                self.by_name.setdefault(row.name_key, {})[(row.dob, row.number)] = row.id

    def known_ids(self) -> list[int]:
        return [i for told in self.by_name.values() for i in told.values() if i is not None]

    def ids(self, wanted: list[dict[str, Any]], now: dt.datetime,
            rows: list[list[str] | None]) -> list[int]:
        """``rows``: each patient's roster row and its words for the date of birth and
        clinic number (``entry.RowWords``), or None: a program file's words."""
        keys = [(fold(w["name"]), dt.date.fromisoformat(w["dob"]) if w.get("dob") else None,
                 w.get("number")) for w in wanted]
        new: dict[tuple, dict[str, Any]] = {}
        for (name, dob, number), patient, row in zip(keys, wanted, rows):
            told = self.by_name.setdefault(name, {})
            if (dob, number) in told:
                continue
            if told:
                others = len(told)
                where, *words = row or ("", "patient.dob", "patient.number")
                # a roster's row is named by its line, not by its patient: a batch's output
                # is kept and read by more than the patient's therapist
                self.notices.append(
                    f"{where + ': a' if where else patient['name'] + ' is a'} new patient in "
                    f"the record, told apart from {others} other{'s' if others > 1 else ''} of "
                    f"that name {told_apart((dob, number), list(told))}; give the same "
                    f"{words[0]} and {words[1]} at every visit to keep a patient's visits "
                    "together")
            told[(dob, number)] = None
            new[(name, dob, number)] = {"name": patient["name"], "name_key": name, "dob": dob,
                                        "number": number, "created_at": now}
        for key, ident in zip(new, insert_many(self.conn, t.patients, list(new.values()))):
            self.by_name[key[0]][key[1:]] = ident
        return [self.by_name[name][(dob, number)] for name, dob, number in keys]


_TELLING = ("date of birth", "clinic number")


def told_apart(mine: tuple, others: list[tuple]) -> str:
    """What tells a new patient, (dob, number), from the others of their name in the
    record: only what differs from every one of them, and what this visit leaves out, so
    that one patient's visit with the number missing is seen for what it is."""
    apart = [all(other[i] != mine[i] for other in others) for i in range(len(_TELLING))]
    if not any(apart):  # some of them by the one, the rest by the other
        return "by date of birth or clinic number"
    notes = []
    for i, word in enumerate(_TELLING):
        if apart[i] and mine[i] is None:
            notes.append(f"this visit gives no {word}")
        elif apart[i] and all(other[i] is None for other in others):
            notes.append(f"{'the other has' if len(others) == 1 else 'they have'} no {word}")
        elif not apart[i] and all(other[i] == mine[i] for other in others):
            notes.append(f"the same {word}" if mine[i] is not None else
                         f"{'neither' if len(others) == 1 else 'none'} gives a {word}")
    said = "by " + " and ".join(w for w, a in zip(_TELLING, apart) if a)
    said += " alone" if not all(apart) else ""
    return f"{said} ({'; '.join(notes)})" if notes else said


def _add_handouts(conn: Connection, handouts: list[tuple[int, bool, dict[str, Any]]]) -> None:
    rows = [{"handout_id": h["id"], "program_id": program_id, "library_hash": h["library"],
             "channel": h["channel"], "issued_at": dt.datetime.fromisoformat(h["at"]),
             "issued_by": h["by"], "pdf_sha256": h["pdf_sha256"]}
            for program_id, _, h in handouts]
    # the same issue twice (a journal written again after a crash) is kept once: its time
    # is to the microsecond (entry.issue_time), so another issue of the same handout in the
    # same second is another row; only a program that was there before can have it already
    old = {program_id for program_id, new, _ in handouts if not new}
    seen = set()
    h = t.handouts.c
    for ids in chunks(old):
        seen.update(tuple(row) for row in conn.execute(
            sa.select(h.handout_id, h.program_id, h.issued_at, h.channel)
            .where(h.program_id.in_(ids))))
    fresh = [r for r in rows if (r["handout_id"], r["program_id"], r["issued_at"],
                                 r["channel"]) not in seen]
    if fresh:
        conn.execute(t.handouts.insert(), fresh)
