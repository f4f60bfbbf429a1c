"""A patient's program versions in the record: the one a visit's program is (its YAML but
for the email address, or the handout given from it that day), else the next, and a
version's text kept at the address of its newest handout."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import schema as t
from .bulk import chunks, insert_many
from .entry import matched


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


class Programs:
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
        for ids in chunks(patient_ids):
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
        for (version, _), ident in zip(rows, insert_many(self.conn, t.programs,
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
        for ids in chunks(sought):
            # whose it is, told here: a list of every patient of a write of thousands
            # would pass the database's limit on a statement's parameters
            for row in self.conn.execute(
                    sa.select(g.patient_id, h.handout_id, g.visit_date, g.id)
                    .join_from(t.handouts, t.programs, h.program_id == g.id)
                    .where(h.handout_id.in_(ids))
                    .order_by(g.version)):  # the newest such version last, and kept
                if row.id in by_id:
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
        newest = {}
        for ids in chunks(texts):
            newest.update(self.conn.execute(
                sa.select(h.program_id, sa.func.max(h.issued_at))
                .where(h.program_id.in_(ids)).group_by(h.program_id)).all())
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
