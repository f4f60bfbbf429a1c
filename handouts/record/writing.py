"""Writing entries into the record in one transaction: library versions, patients, program
versions and handouts issued. A batch of hundreds is a few queries per new patient, not a
search per row."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, Iterable, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import schema as t
from .entry import PICTURES, fold, matched, utc_now
from .kinds import listed

_CHUNK = 500  # ids or names per IN (...): well under any database's limit on parameters


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
    programs = _Programs(conn, people.known_ids())
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
    that handout with those bytes, as a run that ended before recording it leaves it, and
    none of a patient forgotten (at any clinic of a group: see queries.forget)."""
    found = [e for e in entries if _found(e)]
    if not found:
        return entries, 0
    h = t.handouts.c
    kept = set()
    forgotten = t.forgotten_pdfs.c.pdf_sha256
    for checksums in _chunks({e["handout"].get("pdf_sha256") for e in found} - {None}):
        gone = set(conn.scalars(sa.select(forgotten).where(forgotten.in_(checksums))))
        kept.update((e["handout"]["id"], e["handout"]["pdf_sha256"]) for e in found
                    if e["handout"].get("pdf_sha256") in gone)
    for ids in _chunks({e["handout"]["id"] for e in found}):
        kept.update(tuple(row) for row in conn.execute(
            sa.select(h.handout_id, h.pdf_sha256).where(h.handout_id.in_(ids))))
    missing = set()
    for e in found:
        key = (e["handout"]["id"], e["handout"]["pdf_sha256"])
        if key not in kept:
            kept.add(key)
            missing.add(id(e))
    return [e for e in entries if not _found(e) or id(e) in missing], len(missing)


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
    for digests in _chunks(wanted):
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


def _chunks(values: Iterable) -> Iterable[list]:
    values = list(values)
    for i in range(0, len(values), _CHUNK):
        yield values[i:i + _CHUNK]


def _insert_many(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows in one statement; their new ids, in order."""
    if not rows:
        return []
    query = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return [row.id for row in conn.execute(query, rows)]


class _Patients:
    """The patient with this name, date of birth and clinic number, all three; a new one
    otherwise. Never a guess: two people merged is worse than one person's visits split
    (which ``history`` then shows, asking which is meant)."""

    def __init__(self, conn: Connection, wanted: list[dict[str, Any]]):
        self.conn = conn
        self.notices: list[str] = []
        self.by_name: dict[str, dict[tuple, int | None]] = {}  # name → (dob, number) → id
        p = t.patients.c
        for names in _chunks({fold(w["name"]) for w in wanted}):
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
        for key, ident in zip(new, _insert_many(self.conn, t.patients, list(new.values()))):
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


class _Version:
    """A program version of a patient: its YAML, and that YAML as a visit is matched by
    (``matched``), read only when it is asked for."""

    __slots__ = ("text", "id", "number", "_key")

    def __init__(self, text: str, ident: int | None, number: int):
        self.text, self.id, self.number, self._key = text, ident, number, None

    def key(self) -> str:
        if self._key is None:
            self._key = matched(self.text)
        return self._key


class _Programs:
    """The patient's program version with this YAML but for the email address (``matched``),
    or the next version. The newest such version; and the versions are read newest first,
    each parsed only when its text is not the one sought: a program printed or emailed again
    is found without parsing them all (a YAML parse is half a millisecond, on the write a
    build waits for, for each version a patient ever had). A version's text takes the
    address of its newest handout: the next visit starts from that text, and must not bring
    back an address since corrected."""

    def __init__(self, conn: Connection, patient_ids: list[int]):
        self.conn = conn
        self.added = 0
        self.by_patient: dict[int, list[_Version]] = {}  # the oldest version first
        g = t.programs.c
        for ids in _chunks(patient_ids):
            for row in conn.execute(sa.select(g.id, g.patient_id, g.version, g.yaml)
                                    .where(g.patient_id.in_(ids)).order_by(g.version)):
                self.by_patient.setdefault(row.patient_id, []).append(
                    _Version(row.yaml, row.id, row.version))

    def ids(self, wanted: list[tuple[int, dict[str, Any]]], now: dt.datetime,
            ) -> list[tuple[int, bool]]:
        """(program id, whether it is new) for each (patient id, entry)."""
        new: dict[int, tuple[_Version, dict[str, Any]]] = {}
        found = []
        # of a write's entries of one version (a journal caught up whole: a typo's email,
        # then the corrected one's), the newest with an address gives the version's text,
        # as where each is written on its own; in a tie, the later given
        chosen: dict[int, tuple[dict[str, Any], _Version]] = {}
        given = self._given(wanted)
        for patient_id, entry in wanted:
            versions = self.by_patient.setdefault(patient_id, [])
            sought = _Version(entry["yaml"], None, 0)  # its key parsed once, if at all
            version = _newest(versions, sought) or (
                given.get(_same_handout(patient_id, entry)) if entry.get("handout") else None)
            if version is None:
                # after every version the patient has, those two of a release before that
                # differ by the address alone included
                version = _Version(entry["yaml"], None,
                                   max((v.number for v in versions), default=0) + 1)
                versions.append(version)
                new[id(version)] = (version, {
                    "patient_id": patient_id, "version": version.number, "yaml": entry["yaml"],
                    "visit_date": dt.date.fromisoformat(entry["visit_date"]),
                    "therapist": entry["therapist"], "recorded_at": now})
                if entry.get("handout"):
                    given[_same_handout(patient_id, entry)] = version
            found.append(version)
            if id(version) not in chosen or _rank(entry, sought) >= _rank(*chosen[id(version)]):
                chosen[id(version)] = (entry, sought)
        for version, row in new.values():  # a new version is made with the chosen text
            row["yaml"] = version.text = chosen[id(version)][0]["yaml"]
        self.added += len(new)
        rows = list(new.values())
        for (version, _), ident in zip(rows, _insert_many(self.conn, t.programs,
                                                          [row for _, row in rows])):
            version.id = ident
        kept = {id(v): v for v in found if id(v) not in new}
        self._readdressed([(version, chosen[key]) for key, version in kept.items()])
        return [(version.id, id(version) in new) for version in found]

    def _given(self, wanted: list[tuple[int, dict[str, Any]]]) -> dict[tuple, "_Version"]:
        """The version each handout of ``wanted`` was given from before, by (patient, handout
        id, visit date), where its text is not that version's: the same handout given again
        the same day is the same visit, however its program is written (a saved program
        opened in the web app names its protocol's topics once, as the file may not)."""
        sought = {entry["handout"]["id"] for patient_id, entry in wanted
                  if entry.get("handout") and self.by_patient.get(patient_id)
                  and _newest(self.by_patient[patient_id], _Version(entry["yaml"], None, 0))
                  is None}
        by_id = {v.id: v for versions in self.by_patient.values() for v in versions}
        h, g = t.handouts.c, t.programs.c
        given: dict[tuple, _Version] = {}
        for ids in _chunks(sought):
            for row in self.conn.execute(
                    sa.select(g.patient_id, h.handout_id, g.visit_date, g.id)
                    .join_from(t.handouts, t.programs, h.program_id == g.id)
                    .where(h.handout_id.in_(ids), g.patient_id.in_(list(self.by_patient)))
                    .order_by(g.version)):  # the newest such version last, and kept
                given[(row.patient_id, row.handout_id, row.visit_date)] = by_id[row.id]
        return given

    def _readdressed(self, kept: list[tuple["_Version", tuple[dict[str, Any], "_Version"]]],
                     ) -> None:
        """Each kept version an entry gives another address (a program emailed after it was
        printed, or to an address corrected) takes the entry's text, where the entry is the
        version's newest handout: one written late (a journal caught up) changes nothing,
        nor one with no address (printed from a roster with no email column), which
        corrects none."""
        texts = {version.id: (version, entry) for version, (entry, sought) in kept
                 if entry["yaml"] != version.text and _addressed(sought)}
        if not texts:
            return
        h = t.handouts.c
        newest = dict(self.conn.execute(
            sa.select(h.program_id, sa.func.max(h.issued_at))
            .where(h.program_id.in_(list(texts))).group_by(h.program_id)).all())
        for ident, (version, entry) in texts.items():
            at = _issued(entry)
            if at is None or (newest.get(ident) is not None and at < newest[ident]):
                continue
            self.conn.execute(t.programs.update().where(t.programs.c.id == ident)
                              .values(yaml=entry["yaml"]))
            version.text = entry["yaml"]


def _same_handout(patient_id: int, entry: dict[str, Any]) -> tuple:
    """What tells one visit's handout: whose, which, and the day it was given for."""
    return patient_id, entry["handout"]["id"], dt.date.fromisoformat(entry["visit_date"])


def _issued(entry: dict[str, Any]) -> dt.datetime | None:
    """When an entry's handout was given; None for a program version alone."""
    return dt.datetime.fromisoformat(entry["handout"]["at"]) if entry.get("handout") else None


def _addressed(sought: "_Version") -> bool:
    """Whether an entry's program (as the version sought) gives the patient's email address
    (parsed only where its text names one at all, and once)."""
    return "email" in sought.text and sought.key() != sought.text


def _rank(entry: dict[str, Any], sought: "_Version") -> tuple[bool, dt.datetime]:
    """How an entry of a version ranks to give the version's text: one with an address over
    one with none, then the newer (the newer alone where they are alike)."""
    return _addressed(sought), _issued(entry) or dt.datetime.min


def _newest(versions: list[_Version], sought: _Version) -> _Version | None:
    """The newest of ``versions`` whose YAML is ``sought``'s but for the email address."""
    for version in reversed(versions):
        if version.text == sought.text or version.key() == sought.key():
            return version
    return None


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
    for ids in _chunks(old):
        seen.update(tuple(row) for row in conn.execute(
            sa.select(h.handout_id, h.program_id, h.issued_at, h.channel)
            .where(h.program_id.in_(ids))))
    fresh = [r for r in rows if (r["handout_id"], r["program_id"], r["issued_at"],
                                 r["channel"]) not in seen]
    if fresh:
        conn.execute(t.handouts.insert(), fresh)
