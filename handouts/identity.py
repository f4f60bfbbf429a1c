"""A handout's id: a short code derived from everything the patient sees, so that the same
input gives the same id, and the outbox and the clinic's record know a handout by it. What a
picture shows is counted by its file's SHA-256 (the one file read here, kept by its size and
time in ``input/digests.py``): a picture changed under the same name is another handout.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import fields, is_dataclass, replace
from pathlib import Path

from pydantic import BaseModel

from handouts.input import digests
from handouts.input.dose_models import COUNTED
from handouts.input.models import Clinic
from handouts.kept import keep
from handouts.words.text import SEPARATOR, Texts


def handout_id(handout) -> str:
    """A short id derived from everything the patient sees: same input, same id. Not the
    address it is emailed to, which no page prints: a program with its email added, or its
    address corrected, is the same handout (the outbox tells its messages apart by address)."""
    return _code(_canonical(replace(handout, patient_email=None), _pictures(handout)))


def counted_before(handout) -> str:
    """The id as versions before 5 December 2026 gave it, which counted a picture by its file
    name alone, and the patient's email address: the id the record and the outbox know a
    handout given then by."""
    return _code(_canonical(handout, None))


def as_issued(handout, issued_id: str):
    """``handout`` with ``issued_id`` printed where it is the id a version before 5 December
    2026 gave the same handout (a reprint of one given then: its pictures are the ones the
    record kept, or today's, as its checksum tells); else ``handout`` as it is."""
    if handout.handout_id != issued_id and counted_before(handout) == issued_id:
        return replace(handout, handout_id=issued_id)
    return handout


def _code(canonical: str) -> str:
    digest = hashlib.sha256(canonical.encode("utf-8")).digest()
    code = base64.b32encode(digest[:5]).decode("ascii")
    return f"{code[:4]}-{code[4:]}"


def _pictures(handout) -> list | None:
    """Each exercise's picture's SHA-256, then the logo's; None where none can be read (a
    handout without pictures keeps the id it always had)."""
    paths = [*(e.image for e in handout.exercises), handout.logo]
    found = [digests.file_digest(p) if p else None for p in paths]
    return found if any(found) else None


# fields added after handout ids were first printed: counted only when set, so that a
# handout made before them keeps its id (the outbox knows a sent handout by its id)
_LATER_FIELDS = frozenset({"tempo", "effort", "resistance", "distance", "range", "progression",
                           "locale", "week_logs", "first_often", "drawn_side", "log", "log_unit",
                           "log_rows"})


def _later_unset(name: str, value) -> bool:
    return name in _LATER_FIELDS and value in (None, (), [])


# what follows from what is counted: the last weekly stage going on (``goes_on``) from its
# weeks and the handout's next visit and log weeks. Counted, it would give a handout whose
# card came to say so a new id, and the record and the outbox know a handout by its id
_FOLLOWS = frozenset({"goes_on"})


def _canonical(handout, pictures: list | None) -> str:
    """The handout as JSON with sorted keys (``json.dumps(data, sort_keys=True)``, written
    out key by key so that the large parts are encoded once per object: the handouts of
    one program, patient after patient, share them)."""
    # shallow: nested dataclasses and models become JSON in _jsonable (asdict deep-copies)
    data = {f.name: getattr(handout, f.name) for f in fields(handout)} | {"handout_id": ""}
    # how the clinic sends email or keeps its record is not something the patient sees:
    # changing either must not give every handout a new id (the outbox and the record know
    # a handout by its id)
    data["clinic"] = _clinic_data(handout.clinic)
    data["image_files"] = [e.image.name if e.image else None for e in handout.exercises]
    if pictures is not None:  # what they show: the name alone gave one id to two pictures
        data["picture_digests"] = pictures
    # headings count no more than the rest of the fixed wording; the clinic's folder is
    # where it is (its locale is in the clinic)
    data.pop("education_heading", None)
    data.pop("wording", None)
    data.pop("told", None)  # warnings said as it is built, added since ids were printed
    # an address no page prints, added since ids were printed: the patient's own was counted
    # then (counted_before), a caregiver's never
    data.pop("caregiver_email", None)
    # added since ids were printed too: counted where a handout's log is not the one week
    # every handout had, and where its next visit (or the day its weeks count from) prints
    if data["log_weeks"] == 1:
        del data["log_weeks"]
    for key in ("next_visit", "weeks_from", "week_now", "caregiver"):
        if data[key] is None:
            del data[key]
    if data["log_pain"]:
        del data["log_pain"]
    if not data["log_rows"]:  # the clinic's own rows in the log
        del data["log_rows"]
    return "{" + ", ".join(f"{_dumps(key)}: "
                           + (_encoded(data[key]) if key in _SHARED else _dumps(data[key]))
                           for key in sorted(data)) + "}"


def _dumps(value) -> str:
    return json.dumps(value, default=_jsonable, sort_keys=True, ensure_ascii=False)


_SHARED = frozenset({"clinic", "exercises", "education", "safety"})
_kept: dict[int, tuple[object, str]] = {}  # id → (the value, kept alive; its JSON)
_LIMIT = 64  # as many programs' handouts as resolve keeps


def _encoded(value) -> str:
    found = _kept.get(id(value))
    if found is not None and found[0] is value:
        return found[1]
    encoded = _dumps(value)
    keep(_kept, id(value), (value, encoded), _LIMIT)
    return encoded


# where the clinic keeps its record and its copies, which branch of a group it is, its
# time zone and what its emails say: nothing a patient sees in the handout (and keys added
# since ids were first printed, which would otherwise give every handout a new id); the
# clinic's language counts as the handout's languages (every handout has them), its zone
# as the handout's date and its log_weeks, log_pain and log_rows as the handout's, not here
_UNSEEN = frozenset({"database_url", "backup_folder", "language", "site", "timezone",
                     "log_weeks", "log_pain", "email_lists_exercises", "log_rows"})
_last_clinic: list = [None, None]  # (clinic, its data): every handout of a run has the same


def _clinic_data(clinic: Clinic) -> dict:
    if _last_clinic[0] is not clinic:
        data = _jsonable(clinic.model_copy(update={"smtp": None}))
        # the name and address under clinic.yaml's keys, one text as it was before either
        # could be given per language: a clinic's handouts keep their ids
        for key, field in (("name", "names"), ("address", "addresses")):
            given = data.pop(field)
            data[key] = next(iter(given.values())) if given and clinic.plain(key) else given
        _last_clinic[:] = [clinic, {k: v for k, v in data.items() if k not in _UNSEEN}]
    return _last_clinic[1]


def _jsonable(value):
    if isinstance(value, Texts):
        # joined as handouts before the Texts type were, so that a handout id printed then
        # still names the same handout now
        return SEPARATOR.join(value.parts)
    if is_dataclass(value):
        return {f.name: getattr(value, f.name) for f in fields(value)
                if f.name not in _FOLLOWS and not _later_unset(f.name, getattr(value, f.name))}
    if isinstance(value, BaseModel):
        return {k: v for k, v in value.model_dump(mode="json", context={COUNTED: True}).items()
                if not _later_unset(k, v)}
    if isinstance(value, Path):
        return value.name  # the same handout built in another folder has the same id
    return str(value)
