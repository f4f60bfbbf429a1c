"""Program + library + clinic → Handout: one patient's program with nothing left to look up.

Pure: no files are read here (image paths are only joined), nothing is drawn. The Handout
is what layout draws, what the mailer summarises and what the handout id is computed from.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel

from . import dose as doses
from . import references, text
from .errors import HandoutError, Location, Problem
from .models import POSITIONS, Clinic, Dose, Library, Program, ProgramExercise, Topic


@dataclass(frozen=True)
class HandoutExercise:
    number: int
    id: str
    title: str
    position: str
    image: Path
    caption: str
    purpose: str
    steps: tuple[str, ...]
    dose: Dose
    dose_parts: tuple[str, ...]
    often: str
    per_day: int
    seconds: float
    note: str | None
    tips: tuple[str, ...]
    cautions: tuple[str, ...]
    video: str | None


@dataclass(frozen=True)
class Handout:
    language: str
    layout: str
    title: str
    subtitle: str | None
    patient_name: str  # "" for a walk-in packet with a blank name line
    patient_email: str | None
    therapist: str | None
    date: dt.date
    clinic: Clinic
    logo: Path | None
    exercises: tuple[HandoutExercise, ...]
    education: tuple[Topic, ...]
    safety: Topic | None
    note: str | None
    session_minutes: int
    handout_id: str = field(default="", compare=False)

    @property
    def log_boxes(self) -> tuple[int, ...]:
        return tuple(e.per_day for e in self.exercises)


def merged_items(program: Program, library: Library) -> list[ProgramExercise]:
    """The protocol's exercises, then the program's: a repeated id overrides, a new one adds."""
    items: list[ProgramExercise] = []
    if program.protocol:
        items.extend(library.protocol(program.protocol).exercises)
    where = {item.id: i for i, item in enumerate(items)}
    for item in program.exercises:
        if item.id in where:
            base = items[where[item.id]]
            dose = base.dose.overridden_by(item.dose) if base.dose and item.dose else (
                item.dose or base.dose)
            items[where[item.id]] = ProgramExercise(id=item.id, dose=dose,
                                                    note=item.note or base.note)
        else:
            where[item.id] = len(items)
            items.append(item)
    return items


def topic_ids(program: Program, library: Library) -> list[str]:
    ids = list(library.protocol(program.protocol).education) if program.protocol else []
    return list(dict.fromkeys([*ids, *program.education]))


def resolve(program: Program, library: Library, clinic: Clinic, *, today: dt.date,
            image_root: Path, logo_root: Path | None = None,
            blank_name: bool = False) -> Handout:
    found = references.program_problems(program, library)
    if found:
        raise HandoutError([Problem(Location(path=".".join(map(str, p))), m) for p, m in found])
    language = program.language
    items = merged_items(program, library)
    if program.order == "by_position":
        rank = {p: i for i, p in enumerate(POSITIONS)}
        items.sort(key=lambda item: rank[library.exercise(item.id).position])
    exercises = []
    for number, item in enumerate(items, start=1):
        entry = library.exercise(item.id)
        dose = entry.dose.overridden_by(item.dose)
        exercises.append(HandoutExercise(
            number=number, id=entry.id, title=entry.title, position=entry.position,
            image=image_root / entry.image, caption=entry.caption, purpose=entry.purpose,
            steps=entry.steps, dose=dose, dose_parts=tuple(doses.phrase(dose, language)),
            often=doses.phrase_frequency(dose.frequency, language),
            per_day=doses.times_per_day(dose), seconds=doses.session_seconds(dose),
            note=item.note, tips=entry.tips, cautions=entry.cautions, video=entry.video))
    topics = [library.topic(t) for t in topic_ids(program, library)]
    safety = (library.topic(references.SAFETY_TOPIC)
              if references.SAFETY_TOPIC in library.topic_ids else None)
    protocol = library.protocol(program.protocol) if program.protocol else None
    handout = Handout(
        language=language, layout=program.layout,
        title=text.phrase(language, "document_title"), subtitle=protocol.title if protocol
        else None, patient_name="" if blank_name else program.patient.name,
        patient_email=None if blank_name else program.patient.email,
        therapist=program.therapist, date=program.date or today, clinic=clinic,
        logo=(logo_root or image_root) / clinic.logo if clinic.logo else None,
        exercises=tuple(exercises),
        education=tuple(t for t in topics if t.id != references.SAFETY_TOPIC),
        safety=safety, note=program.note,
        session_minutes=max(1, round(sum(e.seconds for e in exercises) / 60)))
    return replace(handout, handout_id=handout_id(handout))


def handout_id(handout: Handout) -> str:
    """A short id derived from everything the patient sees: same input, same id."""
    digest = hashlib.sha256(_canonical(handout).encode("utf-8")).digest()
    code = base64.b32encode(digest[:5]).decode("ascii")
    return f"{code[:4]}-{code[4:]}"


def _canonical(handout: Handout) -> str:
    data = asdict(replace(handout, handout_id=""))
    data["image_files"] = [e.image.name for e in handout.exercises]
    return json.dumps(data, default=_jsonable, sort_keys=True, ensure_ascii=False)


def _jsonable(value):
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Path):
        return value.name  # the same handout built in another folder has the same id
    return str(value)
