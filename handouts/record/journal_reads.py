"""Handouts still waiting in the pending journal, found and made again while the database
cannot be reached: a therapist away from the office all day finds, and prints again, what
she gave that morning, from what the journal keeps for the record (the program's text, the
library version's texts, each picture's SHA-256 and file)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import handouts as api
from handouts.errors import HandoutError

from .entry import PICTURES
from .journal import NAME, parse
from .kinds import Issued, NotInRecord, Patient, normal_id


def issued(folder: Path, handout_id: str) -> list[Issued]:
    """Every time the handout with this id was given that waits in the journal in
    ``folder``, oldest first (empty if none, or the journal cannot be read). Their patient
    has no id and their visit no number: the record has not numbered them yet."""
    return [given for given, _ in _waiting(folder, normal_id(handout_id))]


def reprint(ws: api.Workspace, folder: Path, handout_id: str):
    """The handout behind an id that waits in the journal, made again as ``record.reprint``
    makes one the record holds (a ``remake.Reprint``), with the pictures of today's folders
    that are still those it was made from (as the record keeps them when it is written).
    NotInRecord where the journal has no handout of this id."""
    from .remake import reprint as remake

    handout_id = normal_id(handout_id)
    found = _waiting(folder, handout_id)
    if not found:
        raise NotInRecord.of(handout_id)
    last, files = found[-1]
    for given, kept in reversed(found):  # the last with a checksum: it says if it is the same
        if given.pdf_sha256:
            last, files = given, kept
            break
    library = [(role, name, text) for role, name, text, *_ in files]
    return remake(ws, last, library, _pictures(files))


def _waiting(folder: Path, handout_id: str) -> list[tuple[Issued, list]]:
    try:
        data = parse(Path(folder) / NAME)
    except (FileNotFoundError, HandoutError):  # none, or damaged: said where it is read
        return []
    found = []
    for entry in data["entries"]:
        handout = entry.get("handout") if isinstance(entry, dict) else None
        if not isinstance(handout, dict) or handout.get("id") != handout_id:
            continue
        try:
            found.append((_issued(entry, handout), data["libraries"].get(handout["library"])
                          or []))
        except (KeyError, TypeError, ValueError):  # not an entry this version wrote
            continue
    return sorted(found, key=lambda pair: pair[0].issued_at)


def _issued(entry: dict[str, Any], handout: dict[str, Any]) -> Issued:
    patient = entry["patient"]
    dob = patient.get("dob")
    return Issued(handout["id"], dt.datetime.fromisoformat(handout["at"]), handout["channel"],
                  handout.get("by"), handout["library"], handout.get("pdf_sha256"),
                  Patient(None, patient["name"], dt.date.fromisoformat(dob) if dob else None,
                          patient.get("number")),
                  0, 0, dt.date.fromisoformat(entry["visit_date"]), entry["yaml"])


def _pictures(files: list) -> dict[str, bytes]:
    """Each picture of the library version read from its file, where it still is the one
    named (the same SHA-256); one changed since is left out, and the reprint takes today's
    (and says the bytes differ)."""
    found = {}
    for role, _, digest, *source in files:
        if role not in PICTURES or not source:
            continue
        try:
            data = Path(source[0]).read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == digest:
            found[digest] = data
    return found
