"""A program from what the user gave: a program file, a web form's data, the command line's
options; checked against the library as a file is (see ``input.loading``). And its
exercises and education topics as its handout will print them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from handouts import resolve as resolving
from handouts.errors import HandoutError, Location, Problem
from handouts.input import later_rules, loading, references, typed
from handouts.input.reading import words_of
from handouts.input.dose_models import Dose
from handouts.input.models import Program, ProgramExercise
from handouts.input.patient import NO_CAREGIVER
from handouts.input.quantities import parse_weeks
from handouts.input.yamlsource import Parsed
from handouts.workspace import Workspace


def load_program(path: Path | str, ws: Workspace, *, text: str | None = None,
                 parsed: Parsed | None = None, kept: bool = False) -> Program:
    """A program file, checked against the library; a date over a year after the clinic's
    today is refused (a typo in the year), but for a program the record ``kept``, whose
    date is what it was, and which no rule that came after it refuses (``later_rules``).
    ``parsed``: the file as read already. Its dates are read as the clinic's roster reads
    them (14/03/1968 in its order of day and month: ``typed.dates_read``)."""
    # the clinic's language: a program that names none prints in it, and a mistake in it is
    # given examples in its words
    with later_rules.as_made(kept), typed.dates_read(ws.clinic.day_first), \
            words_of(ws.home, ws.wording_kept, ws.clinic.language[0]):
        return loading.load_program(path, ws.library, text=text, languages=ws.languages,
                                    where=ws.library_name, broken=ws.local.broken,
                                    parsed=parsed, today=None if kept else ws.today())


def in_file(warnings: Sequence[str], path: Path | str) -> tuple[str, ...]:
    """The warnings of a program file's handout, each that names one of the file's own keys
    ("next_visit: ...", from ``resolve``, which knows no file) said at its line in the file
    ("jane.yaml:4: next_visit: ..."), as the file's problems are: the clinic finds what to
    change. A file no longer readable leaves them as they are. Read again only where there
    is a warning: a build with none (most) costs no second parse."""
    if not warnings:
        return tuple(warnings)
    try:
        parsed = loading.parse(loading.read_text(path), str(path))
    except HandoutError:
        return tuple(warnings)
    keys = parsed.data if isinstance(parsed.data, dict) else {}
    out = []
    for line in warnings:
        key, colon, rest = line.partition(": ")
        at = _in_data(_key_path(key), parsed.data) if colon else None
        if not (at and at[0] in keys):
            out.append(line)
            continue
        # the key as the warning writes it ("exercises[3]"), as check says it there
        found = parsed.location(at)
        out.append(f"{Location(found.file, found.line, key)} {rest}")
    return tuple(out)


# a key, and a list's row by number or by the id of the item in it ("exercises[child_pose]")
_KEY_PART = r"[a-z_]+(?:\[[a-z0-9_]+\])?"


def _key_path(key: str) -> tuple[str | int, ...] | None:
    """The path a warning's key names ("next_visit", "patient.name", "exercises[2].note":
    a list's row as a person counts, as errors.format_path writes it, or by its item's id:
    "exercises[child_pose].dose"); None if it names none."""
    if not re.fullmatch(rf"{_KEY_PART}(?:\.{_KEY_PART})*", key):
        return None
    return tuple(int(part) - 1 if part.isdigit() else part
                 for part in re.findall(r"[a-z0-9_]+", key))


def _in_data(path: tuple[str | int, ...] | None, data: Any) -> tuple[str | int, ...] | None:
    """``path`` with each row named by its item's id numbered as in ``data`` (the file's);
    None if the file has no such row (an exercise a protocol gives is in no line of the
    program's file, and one listed twice could be at either line), or, for a row named by
    id, if the file does not give the whole path: the words of a dose the file leaves to
    the library are the library's, whose line is not this file's."""
    if path is None:
        return None
    out: list[str | int] = []
    node = data
    by_id = False
    for part in path:
        if isinstance(node, list) and isinstance(part, str):
            rows = [i for i, item in enumerate(node) if (
                item.get("id") if isinstance(item, dict) else item) == part]
            if len(rows) != 1:
                return None
            part, by_id = rows[0], True
        out.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return None if by_id and node is None else tuple(out)


def program_from_data(data: dict[str, Any], ws: Workspace, *, source: str,
                      kept: bool = False) -> Program:
    """A program from data that came from a form or the command line, checked like a file;
    ``kept``: data the record kept, which no rule that came after it refuses. Its dates as
    typed are read in the clinic's order of day and month, as its roster is."""
    with later_rules.as_made(kept), typed.dates_read(ws.clinic.day_first), \
            words_of(ws.home, ws.wording_kept, ws.clinic.language[0]):
        return loading.program_from_data(data, ws.library, source=source,
                                         languages=ws.languages, where=ws.library_name,
                                         broken=ws.local.broken, today=ws.today())


def yaml_path(data: dict[str, Any], path: Sequence[str | int]) -> str:
    """How a problem names a place in data: ``exercises[child_pose].dose.hold``."""
    return Parsed(data, "form").location(path).path


def validate_dose(data: dict[str, Any], *, source: str, ws: Workspace | None = None) -> Dose:
    """Dose fields typed into a form, checked and phrased as in a program file: in the
    clinic's own words too where ``ws`` is given, as the program is read once saved."""
    if ws is None:
        return loading.validate(Parsed(data, source), Dose)
    with words_of(ws.home, ws.wording_kept, ws.clinic.language[0]):
        return loading.validate(Parsed(data, source), Dose)


def validate_stage_weeks(typed: str, *, source: str) -> None:
    """A stage's weeks typed into a form's box, checked as a value of their own, as a program
    file's are (a number or range, within two years). Where they stand among the stages
    (from week 1, after the stage before) is told once the whole form is read: a box of
    "3-4" checked as a progression of its one stage would be told it leaves weeks 1-2 out."""
    try:
        parse_weeks(typed)
    except ValueError as exc:
        raise HandoutError(Problem(Location(source, path="weeks"), str(exc))) from None


def parse_exercise_option(value: str) -> dict:
    """``child_pose:hold=30s,reps=3`` → ``{"id": "child_pose", "dose": {"hold": "30s", ...}}``."""
    ident, _, rest = value.partition(":")
    item: dict = {"id": ident.strip()}
    if rest.strip():
        dose: dict = {}
        # a comma starts the next key=value only: "frequency=2 times a day, 5 days a week"
        for pair in re.split(r",(?=\s*[A-Za-z_]+\s*=)", rest):
            key, sep, val = pair.partition("=")
            key = key.strip()
            if not sep or not key:
                raise HandoutError(Problem(Location("--exercise"), f'"{value}": write dose '
                                           "changes as key=value "
                                           "(e.g. child_pose:hold=30s,reps=3)"))
            if key == "note":
                item["note"] = val.strip()
            elif key == "alternatives":
                dose[key] = [v.strip() for v in val.split("|")]
            else:
                dose[key] = val.strip()
        if dose:
            item["dose"] = dose
    return item


def program_from_options(ws: Workspace, *, patient: str, exercises: Sequence[str] = (),
                         **options: Any) -> Program:
    """The quick way at the end of a visit: a program from command-line options
    (``education``, ``protocol``, ``therapist``, ``date``, ``layout``, ``order``,
    ``language``, ``email``, ``caregiver``, ``caregiver_email``, ``note``; any left empty
    is not set)."""
    who = {key: options.pop(key, None) for key in ("email", "caregiver", "caregiver_email")}
    data: dict = {"patient": {"name": patient, **{k: v for k, v in who.items() if v}}}
    options["exercises"] = [parse_exercise_option(v) for v in exercises]
    options["education"] = list(options.get("education") or ())
    data.update({k: v for k, v in options.items() if v})
    try:
        return program_from_data(data, ws, source="options")
    except HandoutError as exc:
        raise HandoutError([_as_options(p) for p in exc.problems]) from None


# the caregiver's address with no caregiver, as the command line has it: "add patient:
# caregiver:" named a key of a program file the user has not got
_NO_CAREGIVER_OPTION = Problem(Location("--caregiver-email"), (
    'an address for a caregiver, but the command names none: add --caregiver "NAME" (who '
    "the handout is given to)"))


def _as_options(problem: Problem) -> Problem:
    if problem.location.path == "patient.caregiver_email" and problem.message == NO_CAREGIVER:
        return _NO_CAREGIVER_OPTION
    return problem


def program_with(program: Program, ws: Workspace, **changes) -> Program:
    """The program with some keys given another value (the command line's --language for a
    saved program, say), checked as if the file had said so."""
    data = program.to_yaml_data(ws.clinic.language)
    data.update({k: v for k, v in changes.items() if v})
    return program_from_data(data, ws, source="options")


def notes_written_for(before: Program, after: Program, ws: Workspace) -> tuple[str, ...]:
    """What a saved program printed in another language (``program_with``'s ``language``)
    prints as it was typed: its note and its exercises' notes, written for a handout in
    the program's own language, which nothing translates. Told, as the dose's own words are:
    a Spanish handout printed the therapist's English note without a word."""
    from handouts.words.text import language_name

    new = [lang for lang in after.language if lang not in before.language]
    if not new:
        return ()
    written, asked = (language_name(lang, ws.wording) for lang in (before.language[0], new[0]))
    keys = (["note"] if before.note else []) + [f"exercises[{e.id}].note"
                                                for e in before.exercises if e.note]
    return tuple(f"{key}: written for a handout in {written}; a handout in {asked} prints "
                 "it as typed, untranslated" for key in keys)


def program_items(program: Program, ws: Workspace) -> list[ProgramExercise]:
    """The program's exercises as they will print: its protocol's, then its own."""
    return resolving.merged_items(program, ws.library)


def program_topics(program: Program, ws: Workspace) -> list[str]:
    """The education topics the handout will carry (not the safety box, which every one has)."""
    return [t for t in resolving.topic_ids(program, ws.library) if t != references.SAFETY_TOPIC]
