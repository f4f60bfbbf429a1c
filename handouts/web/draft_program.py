"""A draft (``web.draft``) made a program: the plain data a program YAML holds
(``program_data``), which ``handouts.program_from_data`` validates with the same messages as
a file; each problem put at the form box it belongs to, or said over the form; and an
exercise the library no longer has, which stops it (``gone``). Nothing here touches files,
requests or templates."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

import handouts as api
from handouts.web.dose_fields import dose_value
from handouts.web.draft import STAGE_KEYS, Draft, log_rows_data, progression_data
from handouts import DOSE_FIELDS, HandoutError, Library, Problem, Program


def program_data(draft: Draft, library: Library, *, today: dt.date) -> dict[str, Any]:
    """The draft as program YAML data (README's *The program file*), written out in full."""
    data: dict[str, Any] = {"patient": {"name": draft.patient_name}}
    if draft.patient_email:
        data["patient"]["email"] = draft.patient_email
    if draft.patient_dob:
        # as typed, as a roster's dob column gives it: the model takes YYYY-MM-DD only
        # (date.fromisoformat would also take 20260101 and 2026-W01-1)
        data["patient"]["dob"] = draft.patient_dob
    if draft.patient_number:
        data["patient"]["number"] = draft.patient_number
    if draft.patient_caregiver:
        data["patient"]["caregiver"] = draft.patient_caregiver
    if draft.patient_caregiver_email:  # without a caregiver: told so, at its box
        data["patient"]["caregiver_email"] = draft.patient_caregiver_email
    if draft.therapist:
        data["therapist"] = draft.therapist
    data["date"] = today
    if draft.next_visit:
        data["next_visit"] = draft.next_visit  # as typed: the model reads it as a file's
    if draft.log_weeks:
        data["log_weeks"] = draft.log_weeks  # digits, as a roster's column gives them
    if draft.log_pain:
        data["log_pain"] = draft.log_pain == "yes"
    rows = log_rows_data(draft)
    if rows is not None:
        data["log_rows"] = rows
    if draft.weeks_from:
        data["weeks_from"] = draft.weeks_from  # as typed, as next_visit
    if draft.affected_side:
        data["affected_side"] = draft.affected_side
    items = []
    for item in draft.items:
        dose = {f: dose_value(f, v) for f, v in item.dose.items() if v}
        stages = progression_data(item, library)
        if stages is not None:
            dose["progression"] = stages
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


def field_names(data: dict[str, Any]) -> dict[str, str]:
    """The readable path a problem names (``exercises[child_pose].dose.hold``) → the form
    field it belongs to, computed the way loading computes the paths in its messages."""
    paths: dict[tuple, str] = {**{("patient", k): f"patient_{k}"
                                  for k in ("name", "email", "dob", "number", "caregiver",
                                            "caregiver_email")},
                               ("log_pain",): "log_pain",
                               ("therapist",): "therapist", ("note",): "note",
                               ("next_visit",): "next_visit", ("log_weeks",): "log_weeks",
                               ("weeks_from",): "weeks_from",
                               ("affected_side",): "affected_side",
                               ("language",): "language", ("order",): "order",
                               ("layout",): "large_print", ("education",): "education"}
    for i, item in enumerate(data.get("exercises", ())):
        paths[("exercises", i)] = f"ex-{i}-id"
        paths[("exercises", i, "note")] = f"ex-{i}-note"
        for name in DOSE_FIELDS:
            paths[("exercises", i, "dose", name)] = f"ex-{i}-{name}"
        # the rows are the progression's stages in order (empty rows are not posted on)
        for j, _ in enumerate(item.get("dose", {}).get("progression", ())):
            for key in STAGE_KEYS:
                paths[("exercises", i, "dose", "progression", j, key)] = f"ex-{i}-stage-{j}-{key}"
    return {api.yaml_path(data, path): name for path, name in paths.items()}


def validate(draft: Draft, ws: api.Workspace, *, today: dt.date,
             ) -> tuple[Program | None, dict[str, list[str]], list[str]]:
    """The program, or the problems: messages by form field, and those that belong to no one
    field (each as ``path: message``). A program with an exercise the library no longer has
    is never made without it (``gone``). One started from a protocol names it where it can,
    as a program file would (``api.program_from_protocol``)."""
    if not draft.items:
        return None, {}, ["Add at least one exercise from the library."]
    data = program_data(draft, ws.library, today=today)
    missing = gone_lines(draft, ws.library)
    try:
        program = api.program_from_protocol(draft.protocol, data, ws, source="form")
    except HandoutError as exc:
        by_field, general = place(exc.problems, field_names(data))
        for i in gone(draft, ws.library):  # said by gone_lines, without the server's path
            by_field.pop(f"ex-{i}-id", None)
        return None, by_field, [*missing, *general]
    return (None, {}, missing) if missing else (program, {}, [])


def gone(draft: Draft, library: Library) -> list[int]:
    """The places of the exercises the library no longer has: renamed or removed since the
    page was shown (a clinic edits its library while the app runs)."""
    return [i for i, item in enumerate(draft.items) if item.id not in library.exercise_ids]


def gone_lines(draft: Draft, library: Library) -> list[str]:
    """What the page says of each exercise the library no longer has: which it is, that
    nothing is made without it, and how to put another in its place."""
    lines = []
    for i in gone(draft, library):
        ident = draft.items[i].id
        like = difflib.get_close_matches(ident, library.exercise_ids, n=2, cutoff=0.6)
        hint = (" (perhaps " + " or ".join(f'{library.exercise(c).title}, "{c}"' for c in like)
                + ")") if like else ""
        lines.append(f'No. {i + 1}, "{ident}", is no longer in the library: it was renamed or '
                     "removed since this page was opened. Nothing is built or saved until it "
                     "is replaced; what was typed for it is kept below. Add the exercise that "
                     f"takes its place{hint}, then remove this one.")
    return lines


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
