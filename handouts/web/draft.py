"""The program being edited, as it travels in the web form, and the way to and from a Program.

A posted form becomes a ``Draft`` (text exactly as typed); ``program_data`` turns it into the
plain data a program YAML holds, which ``handouts.program_from_data`` validates with the same
messages as a file. A saved Program opens again as a Draft through ``from_program``. Nothing
here touches files, requests or templates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

import handouts as api
from handouts import DOSE_FIELDS, Exercise, HandoutError, Library, Problem, Program

MAX_EXERCISES = 40
BASE_LAYOUTS = ("standard", "compact")
# alternatives are typed on one line: "2 x 30 s | 3 x 20 s"; "none" overrides the library's
# alternatives with none at all (an empty box means "the library's").
ALTERNATIVES_SEPARATOR = "|"
NO_ALTERNATIVES = "none"
_INDEX = re.compile(r"^ex-(\d{1,3})-id$")
_PREVIOUS = re.compile(r"^prev-([a-z0-9_]+)-([a-z]+)$")


@dataclass
class Item:
    id: str
    dose: dict[str, str] = field(default_factory=dict)  # field → text as typed; "" = library's
    note: str = ""


@dataclass
class Draft:
    patient_name: str = ""
    patient_email: str = ""
    patient_dob: str = ""  # YYYY-MM-DD; with the clinic number, tells two of one name apart
    patient_number: str = ""
    therapist: str = ""
    note: str = ""
    large_print: bool = False
    base_layout: str = "standard"  # kept from an opened file: standard or compact
    order: str = "as_listed"
    language: str = "en"  # "es", or "es, en" for a bilingual handout
    items: list[Item] = field(default_factory=list)
    education: list[str] = field(default_factory=list)
    file_name: str = ""  # the slug it is saved under, programs/<file_name>.yaml
    opened: str = ""  # the saved program it was opened from (may be overwritten)
    # the last visit's doses by exercise id (as typed), shown beside this visit's boxes
    previous: dict[str, dict[str, str]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # ids posted twice: kept once
    protocol_title: str = ""  # the name to save the program under as a clinic protocol

    @property
    def layout(self) -> str:
        return "large_print" if self.large_print else self.base_layout


def from_form(form: Mapping[str, Any], library: Library) -> Draft:
    """The draft as the browser posted it; unknown exercise and topic ids are dropped here
    (only a forged form has them: the page offers only the library's)."""
    def text(name: str) -> str:
        return str(form.get(name, "")).strip()

    indices = sorted(int(m.group(1)) for key in form if (m := _INDEX.match(key)))
    items, dropped = [], []
    for i in indices[:MAX_EXERCISES]:
        ident = text(f"ex-{i}-id")
        if ident in {item.id for item in items}:
            dropped.append(ident)  # a handout prints an exercise once: so does the editor
        elif ident in library.exercise_ids:
            items.append(Item(ident, {f: text(f"ex-{i}-{f}") for f in DOSE_FIELDS},
                              text(f"ex-{i}-note")))
    topics = set(form.getlist("education")) if hasattr(form, "getlist") else set()
    base = text("base_layout")
    return Draft(
        patient_name=text("patient_name"), patient_email=text("patient_email"),
        patient_dob=text("patient_dob"), patient_number=text("patient_number"),
        therapist=text("therapist"), note=text("note"), large_print=bool(form.get("large_print")),
        base_layout=base if base in BASE_LAYOUTS else "standard",
        order=text("order") or "as_listed", language=text("language") or "en", items=items,
        education=[t for t in library.topic_ids if t in topics], file_name=text("file_name"),
        opened=text("opened"), previous=previous_doses(form, library), dropped=dropped,
        protocol_title=text("protocol_title"))


def previous_doses(form: Mapping[str, Any], library: Library) -> dict[str, dict[str, str]]:
    """The last visit's doses, posted back as ``prev-<exercise>-<field>`` hidden fields."""
    out: dict[str, dict[str, str]] = {}
    for key, value in form.items():
        found = _PREVIOUS.match(key)
        if found and found.group(1) in library.exercise_ids and found.group(2) in DOSE_FIELDS:
            out.setdefault(found.group(1), {})[found.group(2)] = str(value)[:200]
    return out


def dose_value(name: str, typed: str) -> Any:
    """What a dose box's text stands for in the YAML."""
    if name == "alternatives":
        if typed.lower() == NO_ALTERNATIVES:
            return []
        return [part.strip() for part in typed.split(ALTERNATIVES_SEPARATOR)]
    return typed


def program_data(draft: Draft, *, today: dt.date) -> dict[str, Any]:
    """The draft as program YAML data (the keys of README's *The program file*)."""
    data: dict[str, Any] = {"patient": {"name": draft.patient_name}}
    if draft.patient_email:
        data["patient"]["email"] = draft.patient_email
    if draft.patient_dob:
        data["patient"]["dob"] = as_date(draft.patient_dob)
    if draft.patient_number:
        data["patient"]["number"] = draft.patient_number
    if draft.therapist:
        data["therapist"] = draft.therapist
    data["date"] = today
    items = []
    for item in draft.items:
        dose = {f: dose_value(f, v) for f, v in item.dose.items() if v}
        items.append({"id": item.id, **({"dose": dose} if dose else {}),
                      **({"note": item.note} if item.note else {})})
    data["exercises"] = items
    if draft.education:
        data["education"] = list(draft.education)
    if draft.note:
        data["note"] = draft.note
    data["layout"] = draft.layout
    data["order"] = draft.order
    languages = [part.strip() for part in draft.language.split(",") if part.strip()]
    data["language"] = languages[0] if len(languages) == 1 else languages
    return data


def as_date(typed: str) -> dt.date | str:
    """A date box's text as YAML would read it (a date), or as typed, for its message."""
    try:
        return dt.date.fromisoformat(typed)
    except ValueError:
        return typed


def field_names(data: dict[str, Any]) -> dict[str, str]:
    """The readable path a problem names (``exercises[child_pose].dose.hold``) → the form
    field it belongs to, computed the way loading computes the paths in its messages."""
    paths: dict[tuple, str] = {("patient", "name"): "patient_name",
                               ("patient", "email"): "patient_email",
                               ("patient", "dob"): "patient_dob",
                               ("patient", "number"): "patient_number",
                               ("therapist",): "therapist", ("note",): "note",
                               ("language",): "language", ("order",): "order",
                               ("layout",): "large_print", ("education",): "education"}
    for i, _ in enumerate(data.get("exercises", ())):
        paths[("exercises", i)] = f"ex-{i}-id"
        paths[("exercises", i, "note")] = f"ex-{i}-note"
        for name in DOSE_FIELDS:
            paths[("exercises", i, "dose", name)] = f"ex-{i}-{name}"
    return {api.yaml_path(data, path): name for path, name in paths.items()}


def validate(draft: Draft, ws: api.Workspace, *, today: dt.date,
             ) -> tuple[Program | None, dict[str, list[str]], list[str]]:
    """The program, or the problems: messages by form field, and those that belong to no one
    field (each as ``path: message``)."""
    if not draft.items:
        return None, {}, ["Add at least one exercise from the library."]
    data = program_data(draft, today=today)
    try:
        return api.program_from_data(data, ws, source="form"), {}, []
    except HandoutError as exc:
        by_field, general = place(exc.problems, field_names(data))
        return None, by_field, general


def place(problems: tuple[Problem, ...], names: dict[str, str],
          ) -> tuple[dict[str, list[str]], list[str]]:
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    longest_first = sorted(names, key=len, reverse=True)
    for problem in problems:
        path = problem.location.path
        owner = next((names[p] for p in longest_first
                      if path == p or path.startswith((p + ".", p + "["))), None)
        if owner:
            by_field.setdefault(owner, []).append(problem.message)
        else:
            general.append(f"{path}: {problem.message}" if path else problem.message)
    return by_field, general


def check_dose_field(name: str, typed: str) -> str | None:
    """The message a program YAML would get for this one dose value, or None if it is fine."""
    typed = typed.strip()
    if not typed:
        return None
    try:
        api.validate_dose({name: dose_value(name, typed)}, source="form")
    except HandoutError as exc:
        return "; ".join(p.message for p in exc.problems)
    return None


def dose_texts(dose: api.Dose | None) -> dict[str, str]:
    """The fields a dose sets, as they would be typed (``alternatives`` on one line)."""
    if dose is None:
        return {}
    # a progression is a list of stages, kept in the library or a program file, not a box
    data = dose.model_dump(mode="json", include=dose.model_fields_set - {"progression"})
    out = {}
    for name, value in data.items():
        if name == "alternatives":
            out[name] = f" {ALTERNATIVES_SEPARATOR} ".join(value) if value else NO_ALTERNATIVES
        else:
            out[name] = str(value)
    return out


def placeholders(entry: Exercise) -> dict[str, str]:
    """The library's dose, shown in each empty box."""
    texts = dose_texts(entry.dose)
    if texts.get("alternatives") == NO_ALTERNATIVES:
        del texts["alternatives"]
    return texts


def add_protocol(draft: Draft, protocol_id: str, library: Library) -> None:
    """Start from a protocol: its exercises (with its doses and notes) and topics are added
    to the draft, where each can then be changed, moved or removed."""
    protocol = library.protocol(protocol_id)
    have = {item.id for item in draft.items}
    for item in protocol.exercises:
        if item.id not in have and len(draft.items) < MAX_EXERCISES:
            draft.items.append(Item(item.id, dose_texts(item.dose), item.note or ""))
    chosen = set(draft.education) | set(protocol.education)
    draft.education = [t for t in library.topic_ids if t in chosen]


def from_program(program: Program, ws: api.Workspace, *, file_name: str = "") -> Draft:
    """A saved program, opened to progress it. A ``protocol:`` is spelled out into its
    exercises and topics, so each can be changed, moved or removed."""
    items = [Item(i.id, dose_texts(i.dose), i.note or "")
             for i in api.program_items(program, ws)]
    return Draft(
        patient_name=program.patient.name, patient_email=program.patient.email or "",
        patient_dob=program.patient.dob.isoformat() if program.patient.dob else "",
        patient_number=program.patient.number or "",
        therapist=program.therapist or "", note=program.note or "",
        large_print=program.layout == "large_print",
        base_layout=program.layout if program.layout in BASE_LAYOUTS else "standard",
        order=program.order, language=", ".join(program.language), items=items,
        education=api.program_topics(program, ws),
        file_name=file_name, opened=file_name)
