"""The program being edited, as it travels in the web form, and the way to and from a Program.

A posted form becomes a ``Draft`` (text exactly as typed); ``draft_program`` makes it a
program, or says what stops it. A saved Program opens again as a Draft through
``from_program``. Nothing here touches files, requests or templates.

An exercise's *Week by week* rows are a progression's stages, typed as text like the dose
boxes. While an item follows the library (``own_stages`` false) its rows are the library's
stages and an empty box is the library's value, shown in grey; a row typed over prints what
the row then shows. Once the therapist adds or removes a stage the rows are the item's own:
they are the whole progression, and no rows is none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

import handouts as api
from handouts.web import topics, twice
from handouts.web.dose_fields import as_typed, dose_texts, dose_value, stage_texts
from handouts import DOSE_FIELDS, STAGE_FIELDS, Library, Program

MAX_EXERCISES = 40
BASE_LAYOUTS = ("standard", "compact")
SIDES = ("left", "right")  # a program's affected_side
_INDEX = re.compile(r"^ex-(\d{1,3})-id$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_]{0,63}$")  # as a library writes its ids (models.Id)
_PREVIOUS = re.compile(r"^prev-([a-z0-9_]+)-([a-z]+)$")
_STAGE_CELL = re.compile(r"^ex-(\d{1,3})-stage-(\d{1,2})-([a-z]+)$")
_PREVIOUS_STAGE = re.compile(r"^prev-([a-z0-9_]+)-stage-(\d{1,2})-([a-z]+)$")
STAGE_KEYS = ("weeks", *STAGE_FIELDS)
MAX_STAGES = 20


@dataclass
class Item:
    id: str
    dose: dict[str, str] = field(default_factory=dict)  # field → text as typed; "" = library's
    note: str = ""
    stages: list[dict[str, str]] = field(default_factory=list)  # Week by week rows, as typed
    own_stages: bool = False  # False: the rows are the library's stages, typed over


@dataclass
class Draft:
    patient_name: str = ""
    patient_email: str = ""
    patient_dob: str = ""  # YYYY-MM-DD; with the clinic number, tells two of one name apart
    patient_number: str = ""
    patient_caregiver: str = ""  # who it is given to: a child's parent, a spouse
    patient_caregiver_email: str = ""  # where a caregiver's handout is emailed
    therapist: str = ""
    next_visit: str = ""  # YYYY-MM-DD, as typed; page 1 prints it and the log lasts until it
    log_weeks: str = ""  # "1" to "6"; "": until the next visit, or the clinic's
    log_pain: str = ""  # "yes", "no": the log's pain row or none; "": as the clinic says
    # the log's own rows as a program file gives them, as JSON ("[]": none; "": the
    # clinic's): no box shows them, but a program saved from the page keeps them
    log_rows: str = ""
    weeks_from: str = ""  # YYYY-MM-DD, as typed: the day week 1 began (a surgery's)
    affected_side: str = ""  # "left", "right": the side the pictures show; "": as drawn
    note: str = ""
    large_print: bool = False
    base_layout: str = "standard"  # kept from an opened file: standard or compact
    order: str = "as_listed"
    language: str = "en"  # "es", or "es, en" for a bilingual handout
    items: list[Item] = field(default_factory=list)
    education: list[str] = field(default_factory=list)
    file_name: str = ""  # the slug it is saved under, programs/<file_name>.yaml
    opened: str = ""  # the saved program it was opened from (may be overwritten)
    opened_stamp: str = ""  # that file as opened (api.stamp): saved over only while it is so
    # the last visit's doses by exercise id (as typed), shown beside this visit's boxes
    previous: dict[str, dict[str, str]] = field(default_factory=dict)
    # and the stages it set by exercise id (Week by week rows, as typed), shown under the table
    previous_stages: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    # the last visit's date (YYYY-MM-DD), whose weeks its stages counted (see weeks_on), and
    # its exercises, but those whose stages were carried on from the week the patient is in
    last_given: str = ""
    weeks_again: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # ids posted twice: kept once
    protocol_title: str = ""  # the name to save the program under as a clinic protocol
    # the protocol it was started from or opened with: see draft_program.validate
    protocol: str = ""
    # the page's sections a therapist opened ("more-bridge", "weekly-bridge", "as-protocol"):
    # open again on the page a button answers with
    open_sections: list[str] = field(default_factory=list)
    # the exercises whose Week by week the page has shown with rows: it opens by itself the
    # first time only, and after that stays as the therapist left it
    weekly_shown: list[str] = field(default_factory=list)

    @property
    def layout(self) -> str:
        return "large_print" if self.large_print else self.base_layout


def from_form(form: Mapping[str, Any], library: Library) -> Draft:
    """The draft as the browser posted it. An exercise id the library no longer has (the
    library was saved since the page was shown) stays, with what was typed for it, until
    the therapist replaces it (see ``draft_program.gone``); one that is no id at all, and
    unknown topic ids, are dropped here (only a forged form has them: the page offers only
    the library's)."""
    def text(name: str) -> str:
        return str(form.get(name, "")).strip()

    indices = sorted(int(m.group(1)) for key in form if (m := _INDEX.match(key)))
    cells = stage_cells(form)
    items, dropped = [], []
    for i in indices[:MAX_EXERCISES]:
        ident = text(f"ex-{i}-id")
        if not (ident in library.exercise_ids or could_be_id(ident)):
            continue
        # a gone exercise's rows are its own: there are no library stages to follow
        own = text(f"ex-{i}-stages") == "own" or ident not in library.exercise_ids
        rows = cells.get(i, [])
        item = Item(ident, {f: text(f"ex-{i}-{f}") for f in DOSE_FIELDS},
                    text(f"ex-{i}-note"), [r for r in rows if r] if own else rows, own)
        if twice.added(items, item, progression_data(item, library) is not None):
            dropped.append(ident)  # printed once, each later dose over, as from a file
    base = text("base_layout")
    return Draft(
        patient_name=text("patient_name"), patient_email=text("patient_email"),
        patient_dob=text("patient_dob"), patient_number=text("patient_number"),
        patient_caregiver=text("patient_caregiver"),
        patient_caregiver_email=text("patient_caregiver_email"),
        log_pain=text("log_pain") if text("log_pain") in ("yes", "no") else "",
        log_rows=text("log_rows"), therapist=text("therapist"), next_visit=text("next_visit"),
        log_weeks=text("log_weeks"), weeks_from=text("weeks_from"), note=text("note"),
        affected_side=side if (side := text("affected_side")) in SIDES else "",
        large_print=bool(form.get("large_print")),
        base_layout=base if base in BASE_LAYOUTS else "standard",
        order=text("order") or "as_listed", language=text("language") or "en", items=items,
        education=topics.ticked(form, library), file_name=text("file_name"),
        opened=text("opened"), opened_stamp=text("opened_stamp"),
        previous=previous_doses(form, library), previous_stages=previous_stages(form, library),
        last_given=text("last_given")[:10],
        weeks_again=[i for i in text("weeks_again").split()[:MAX_EXERCISES] if could_be_id(i)],
        dropped=dropped, protocol_title=text("protocol_title"),
        protocol=started if (started := text("from_protocol")) in library.protocol_ids else "",
        open_sections=text("open_sections").split()[:2 * MAX_EXERCISES + 1],
        weekly_shown=[i for i in text("weekly_shown").split()[:2 * MAX_EXERCISES]
                      if could_be_id(i)])


def stage_cells(form: Mapping[str, Any]) -> dict[int, list[dict[str, str]]]:
    """The Week by week rows posted (``ex-<i>-stage-<j>-<key>``), by exercise: each row the
    boxes that are not empty, in the rows' order (an empty row is kept as ``{}``, so that a
    library row typed over stays beside the library's stage it was shown with)."""
    return {int(i): rows for i, rows in _rows(form, _STAGE_CELL).items()}


def _rows(form: Mapping[str, Any], pattern: re.Pattern) -> dict[str, list[dict[str, str]]]:
    """The rows of cells named by ``pattern`` (owner, row, key), by owner."""
    found: dict[str, dict[int, dict[str, str]]] = {}
    for key, value in form.items():
        cell = pattern.match(key)
        if cell and cell.group(3) in STAGE_KEYS and int(cell.group(2)) < MAX_STAGES:
            row = found.setdefault(cell.group(1), {}).setdefault(int(cell.group(2)), {})
            if str(value).strip():
                row[cell.group(3)] = str(value).strip()
    return {i: [rows.get(j, {}) for j in range(max(rows) + 1)] for i, rows in found.items()}


def previous_stages(form: Mapping[str, Any], library: Library) -> dict[str, list[dict[str, str]]]:
    """The last visit's Week by week rows, posted back as ``prev-<exercise>-stage-<j>-<key>``
    hidden fields."""
    return {ident: [{k: v[:200] for k, v in row.items()} for row in rows if row]
            for ident, rows in _rows(form, _PREVIOUS_STAGE).items()
            if ident in library.exercise_ids}


def previous_doses(form: Mapping[str, Any], library: Library) -> dict[str, dict[str, str]]:
    """The last visit's doses, posted back as ``prev-<exercise>-<field>`` hidden fields."""
    out: dict[str, dict[str, str]] = {}
    for key, value in form.items():
        found = _PREVIOUS.match(key)
        if found and found.group(1) in library.exercise_ids and found.group(2) in DOSE_FIELDS:
            out.setdefault(found.group(1), {})[found.group(2)] = str(value)[:200]
    return out


def merged_stages(rows: list[dict[str, str]], library: list[dict[str, str]],
                  ) -> list[dict[str, str]]:
    """The library's stages with the boxes typed over them, row by row."""
    return [{**stage, **(rows[j] if j < len(rows) else {})} for j, stage in enumerate(library)]


def progression_data(item: Item, library: Library) -> list[dict[str, Any]] | None:
    """The item's Week by week rows as a program's ``progression:``; None: the library's."""
    stages = stage_texts(library.exercise(item.id).dose) if item.id in library.exercise_ids \
        else []
    if item.own_stages:
        rows = [row for row in item.stages if row]
        if not rows and not stages:
            return None
    elif any(item.stages):
        rows = merged_stages(item.stages, stages)
    else:
        return None
    return [{k: v if k == "weeks" else dose_value(k, v) for k, v in row.items()} for row in rows]


def could_be_id(ident: object) -> bool:
    """Whether ``ident`` is written as a library's ids are (a forged form's may not be)."""
    return isinstance(ident, str) and bool(_ID.match(ident))


def add_protocol(draft: Draft, protocol_id: str, library: Library) -> None:
    """Start from a protocol: its exercises (with its doses and notes) and topics are added
    to the draft, to change, move or remove; the first one started from is kept
    (draft_program.validate)."""
    protocol = library.protocol(protocol_id)
    if not draft.protocol:  # its log's rows and pain row too, kept where it is not named
        kept_log(draft, None, protocol)
    draft.protocol = draft.protocol or protocol_id
    have = {item.id for item in draft.items}
    for item in protocol.exercises:
        if item.id not in have and len(draft.items) < MAX_EXERCISES:
            draft.items.append(own_item(item))
    # the protocol's in its order: as its handout prints them (web.topics)
    draft.education = list(dict.fromkeys([*draft.education, *protocol.education]))


def item_as_given(data: Any) -> Item:
    """A program's exercise as plain data (an id, or ``{id, dose, note}``) in the form, not
    checked against the library: one it no longer has, as it was given (see
    ``draft_program.gone``)."""
    data = {"id": data} if isinstance(data, str) else data
    dose = data.get("dose") if isinstance(data.get("dose"), dict) else {}
    rows = [as_typed({k: v for k, v in row.items() if k in STAGE_KEYS})
            for row in dose.get("progression") or () if isinstance(row, dict)]
    return Item(str(data["id"]), as_typed({k: v for k, v in dose.items() if k in DOSE_FIELDS}),
                str(data.get("note") or ""), rows, True)


def own_item(item: api.ProgramExercise) -> Item:
    """A program's or protocol's exercise in the form: its dose changes, note and, where it
    sets one, its own progression."""
    own = item.dose is not None and "progression" in item.dose.model_fields_set
    return Item(item.id, dose_texts(item.dose), item.note or "",
                stage_texts(item.dose) if own else [], own)


def from_program(program: Program, ws: api.Workspace, *, file_name: str = "",
                 stamp: str = "") -> Draft:
    """A saved program, opened to progress it. A ``protocol:`` is spelled out into its
    exercises and topics, to change, move or remove (and kept: see
    ``draft_program.validate``). An exercise the file lists twice is one item, as its
    handout printed it, and the page says so (``dropped``)."""
    items = [own_item(i) for i in api.program_items(program, ws)]
    ids = [item.id for item in program.exercises]
    draft = Draft(
        patient_name=program.patient.name, patient_email=program.patient.email or "",
        patient_dob=program.patient.dob.isoformat() if program.patient.dob else "",
        patient_number=program.patient.number or "",
        patient_caregiver=program.patient.caregiver or "",
        patient_caregiver_email=program.patient.caregiver_email or "",
        therapist=program.therapist or "", note=program.note or "",
        next_visit=program.next_visit.isoformat() if program.next_visit else "",
        log_weeks=str(program.log_weeks or ""),
        weeks_from=program.weeks_from.isoformat() if program.weeks_from else "",
        affected_side=program.affected_side or "",
        large_print=program.layout == "large_print",
        base_layout=program.layout if program.layout in BASE_LAYOUTS else "standard",
        order=program.order, language=", ".join(program.languages_for(ws.clinic)),
        items=items, education=api.program_topics(program, ws), protocol=program.protocol or "",
        file_name=file_name, opened=file_name, opened_stamp=stamp,
        dropped=[ident for ident in dict.fromkeys(ids) if ids.count(ident) > 1])
    kept_log(draft, program, ws.library.protocol(program.protocol)
             if program.protocol in ws.library.protocol_ids else None)
    return draft


def kept_log(draft: Draft, program: Program | None, protocol: api.Protocol | None) -> None:
    """The log's pain row and rows of its own as the program gives them, else its protocol
    (``api.log_rows_said``), where the draft has none yet: the protocol's, as its exercises
    are, spelled out in the draft, so that a program that can no longer be told as the
    protocol (an exercise moved) keeps them (see draft_program.program_data and
    api.program_from_protocol)."""
    pain, rows = api.log_pain_said(program, protocol), api.log_rows_said(program, protocol)
    draft.log_pain = draft.log_pain or {True: "yes", False: "no"}.get(pain, "")
    if not draft.log_rows and rows is not None:
        draft.log_rows = json.dumps(rows, ensure_ascii=False)


def log_rows_data(draft: Draft) -> list | None:
    """The rows the page kept (``Draft.log_rows``); None where it kept none, or a forged
    form's that is no list (a list of anything else is the program's to refuse)."""
    try:
        rows = json.loads(draft.log_rows) if draft.log_rows else None
    except ValueError:
        return None
    return rows if isinstance(rows, list) else None
