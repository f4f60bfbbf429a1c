"""Read and validate the library, the clinic and programs, with file:line in every error."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import glob
from pathlib import Path
from typing import Any, Mapping, Sequence, TypeVar

from pydantic import BaseModel, ValidationError

from handouts.input import clock, references, stage_words
from handouts.errors import HandoutError, Location, Problem
from handouts.input.translations import Translation
from handouts.input.models import Clinic, Library, Program
from handouts.input.messages import message, type_name  # noqa: F401 - type_name: API
from handouts.input.parsed import replaced
from handouts.input.topic_table import typed_cells
from handouts.input.yamlsource import MAX_CHARS, Parsed, parse, read_text  # noqa: F401 - API
from handouts.words.languages import is_code as is_language_code

M = TypeVar("M", bound=BaseModel)
Broken = Mapping[str, Sequence[Problem]]  # the clinic's protocols left out, and why


# a dose's times, which may be written as a clock shows them ("hold: 1:30")
_TIMES = ("hold", "rest", "duration")


def _as_typed(parsed: Parsed, at: tuple[str | int, ...]) -> dict:
    """The values YAML read as numbers that the models are given as typed: a topic table's
    cells (``typed_cells``), and a dose's time written as a clock shows it, which YAML 1.1
    reads in base 60: a hold of 1:30 is 1 min 30 s, not 90 of no unit. (A text's 6:30 is
    refused with the quotes to add, as its 010 and 0x1A are.)"""
    typed = typed_cells(parsed.numbers, at)
    typed.update((path[len(at):], written.text) for path, written in parsed.numbers.items()
                 if path[:len(at)] == at and path and path[-1] in _TIMES
                 and ":" in written.text)
    return typed


def validate(parsed: Parsed, model: type[M], *, at: tuple[str | int, ...] = ()) -> M:
    """Validate parsed YAML against a model; every problem at once, each with its line.
    ``at``: the path of the one part to validate (an entry of a file whose entries are
    checked one by one), named in full in each problem."""
    data = parsed.data
    for part in at:
        data = data[part]
    if data is None and not at:
        raise HandoutError(Problem(Location(parsed.file, 1), "the file is empty"))
    if not isinstance(data, dict) and not at:
        raise HandoutError(Problem(Location(parsed.file, 1),
                                   "expected keys and values at the top of the file"))
    problems = [problem for path, problem in parsed.problems if path[:len(at)] == at]
    already = {path for path, _ in parsed.problems}
    try:
        result = model.model_validate(replaced(data, _as_typed(parsed, at)))
    except ValidationError as exc:
        seen = set()
        errors = [{**e, "loc": _plain_loc((*at, *e["loc"]), parsed.data)}
                  for e in exc.errors(include_url=False)]
        for error in errors:
            if _only_a_consequence(error, errors):
                continue
            loc = error["loc"]
            # the model's own path, for the keys it allows
            problem = Problem(_where(parsed, error),
                              message({**error, "loc": loc[len(at):]}, model, parsed, at))
            if str(problem) not in seen and loc not in already:
                seen.add(str(problem))
                problems.append(problem)
        raise HandoutError(sorted(problems, key=lambda p: p.location.line or 0)) from None
    if problems:
        raise HandoutError(problems)
    return result


def _where(parsed: Parsed, error: dict[str, Any]) -> Location:
    """Where ``error`` is: a number where a text is wanted at its own line and column, as
    one line may hold several ([Step up., 6:30]); any other at its key's line."""
    where = parsed.location(error["loc"])
    number = parsed.number_at(error["loc"]) if error["type"] == "string_type" else None
    return dataclasses.replace(where, line=number.line, column=number.column) if number \
        else where


def _plain_loc(loc: tuple, data: Any) -> tuple:
    """The path as a person names it: without pydantic's names of union members, and
    without a block's kind repeated (``body[1].bullets``, not ``body[1].bullets.bullets``)."""
    parts = _data_path(loc, data)
    # a name only: a table's row 2, cell 2 is rows[2][2]
    return tuple(p for i, p in enumerate(parts) if i + 1 >= len(parts) or parts[i + 1] != p
                 or not isinstance(p, str))


def _only_a_consequence(error: dict[str, Any], errors: list[dict[str, Any]]) -> bool:
    """A list reported too short only because its items failed (pydantic drops them, then
    counts what is left): the items' own errors say what is wrong. A required key missing
    only because it is misspelt (`purpsoe:`): the unknown key's "did you mean" says so."""
    if error["type"] == "missing":
        return any(e["type"] == "extra_forbidden" and e["loc"][:-1] == error["loc"][:-1]
                   and references.did_you_mean(str(e["loc"][-1]), [str(error["loc"][-1])])
                   for e in errors)
    if error["type"] != "too_short" or not error.get("input"):
        return False
    loc = error["loc"]
    return any(len(e["loc"]) > len(loc) and e["loc"][:len(loc)] == loc for e in errors)


def _data_path(loc: tuple, data: Any) -> tuple:
    """pydantic's error path as a path in the data: without the names pydantic gives the
    union member it tried (e.g. "function-plain[...]"), which a person never wrote; a key the
    person did write stays, whatever it looks like."""
    out = []
    node = data
    for part in loc:
        if isinstance(node, (str, int, float)) and not isinstance(part, int):
            break  # below one text (a name given for every language, filed under "en")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, (list, tuple)) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and (part.startswith("function-") or "[" in part):
            continue
        else:
            node = None
        out.append(part)
    return tuple(out)


def load(path: Path | str, model: type[M], *, text: str | None = None) -> tuple[M, Parsed]:
    parsed = parse(read_text(path) if text is None else text, str(path))
    return validate(parsed, model), parsed


def load_once(path: Path | str, model: type[M], *, text: str | None = None
              ) -> tuple[M, Parsed]:
    """``load``, parsed and validated once a process for each content of the file: `check`
    read every figure file three times (for its problems, its words and its letters), a
    third of a big library's check. Read each time (unless its ``text`` is given, read
    already), so a file changed since is read as it is now. The result is shared: leave it
    as it is."""
    return _loaded(str(path), read_text(path) if text is None else text, model)


def parse_once(path: Path | str) -> Parsed:
    """``parse`` of the file, once a process for each of its contents (see load_once): `check`
    read the library itself for its pictures, its pictures' warnings and its letters."""
    return _kept_parse(str(path), read_text(path))


def parsed_if_readable(path: Path | str) -> Parsed | None:
    """``parse_once`` of the file; None where it cannot be read as YAML: each of `check`'s
    looks inside a file goes on without it, its own check saying why."""
    try:
        return parse_once(path)
    except HandoutError:
        return None


# as many as the figure files of a big library (a few hundred), each a few kilobytes, and
# the last few libraries (each parsed many times its size). A file that does not validate is
# not kept: its problems are said once, where it is checked
_SMALL = 32_000


@functools.lru_cache(maxsize=512)
def _loaded(source: str, text: str, model: type[M]) -> tuple[M, Parsed]:
    parsed = _kept_parse(source, text)
    return validate(parsed, model), parsed


def _kept_parse(source: str, text: str) -> Parsed:
    return (_parsed if len(text) < _SMALL else _parsed_large)(source, text)


@functools.lru_cache(maxsize=512)
def _parsed(source: str, text: str) -> Parsed:
    return parse(text, source)


@functools.lru_cache(maxsize=4)
def _parsed_large(source: str, text: str) -> Parsed:
    return parse(text, source)


def located(parsed: Parsed, found: list[references.Found]) -> list[Problem]:
    return [Problem(parsed.location(path), message) for path, message in found]


def load_library(path: Path | str) -> tuple[Library, Parsed]:
    """The library, and its parsed YAML (the plain-language and translation checks read the
    line of each entry from it, without parsing the file again)."""
    parsed = parse(read_text(path), str(path))
    problems = located(parsed, references.library_problems(parsed.data))
    try:
        library = validate(parsed, Library)
    except HandoutError as exc:
        raise HandoutError(sorted([*exc.problems, *problems],
                                  key=lambda p: p.location.line or 0)) from None
    problems.extend(located(parsed, references.library_dose_problems(library)))
    if problems:
        raise HandoutError(problems)
    return library, parsed


def load_clinic(path: Path | str) -> Clinic:
    return load(path, Clinic)[0]


def load_program(path: Path | str, library: Library, *, text: str | None = None,
                 languages: Sequence[str] | None = None, where: str = "",
                 broken: Broken | None = None, parsed: Parsed | None = None,
                 today: dt.date | None = None) -> Program:
    """A program file, checked against the library (unknown ids name the closest ones, and
    ``where``, the library's file) and the clinic's ``languages``; a protocol of the clinic's
    own that is ``broken`` is refused with its problems; a date over a year after ``today``
    too (``references.program_problems``). ``parsed``: the file as read already (``check``
    reads each once), else it is read (or ``text`` parsed) here."""
    if parsed is None:
        parsed = parse(read_text(path) if text is None else text, str(path))
    program = _validated_program(parsed, library, where, broken)
    problems = located(parsed, references.program_problems(program, library, languages, where,
                                                           broken, today))
    if problems:
        raise HandoutError(problems)
    return program


def program_from_data(data: dict[str, Any], library: Library, *, source: str,
                      languages: Sequence[str] | None = None, where: str = "",
                      broken: Broken | None = None, known: tuple[dict, tuple] = ({}, ()),
                      today: dt.date | clock.Days | None = None) -> Program:
    """A program built from data that came from a form or the command line, not a file;
    or from a file with some values given elsewhere (a roster row's): ``known`` is the
    file's (``Parsed``) lines and problems for the values it gave. ``today``: the
    clinic's, which its date must not be over a year after (None: not checked), and the
    day its next visit must come after where it gives no date (``clock.Days``: a roster's
    rows under ``batch --date``; else ``today``)."""
    parsed = Parsed(data, source, *known)
    program = _validated_program(parsed, library, where, broken)
    problems = located(parsed, references.program_problems(program, library, languages, where,
                                                           broken, today))
    if problems:
        raise HandoutError(problems)
    return program


def _validated_program(parsed: Parsed, library: Library, where: str,
                       broken: Broken | None) -> Program:
    """The program, or every problem of it at once: where it does not validate, the ids it
    names that the library lacks too, each in its line's place."""
    try:
        return validate(parsed, Program)
    except HandoutError as exc:
        named = located(parsed, references.unvalidated_program_problems(parsed.data, library,
                                                                        where, broken))
        if not named:
            raise
        raise HandoutError(sorted([*exc.problems, *named],
                                  key=lambda p: p.location.line or 0)) from None


def translation_files(library_path: Path | str) -> list[Path]:
    """``exercises.es.yaml`` and the like, beside ``exercises.yaml``: a language code between
    the library's name and ``.yaml`` (``exercises.v2.yaml`` is no translation)."""
    library_path = Path(library_path)
    if library_path.is_dir():  # named by mistake: the library's own error says so
        return []
    name, suffix = glob.escape(library_path.stem), glob.escape(library_path.suffix)
    return sorted(path for length in ("??", "???")
                  for path in library_path.parent.glob(f"{name}.{length}{suffix}")
                  if is_language_code(translation_language(library_path, path)))


def translation_language(library_path: Path, path: Path) -> str:
    """The language code in a translation's name: ``es`` in ``exercises.es.yaml``. Read by
    position, not by suffixes: a library named without ".yaml" has one suffix fewer."""
    start, end = len(library_path.stem) + 1, len(path.name) - len(library_path.suffix)
    return path.name[start:end]


def load_translations(library_path: Path | str, library: Library | None,
                      ) -> dict[str, Translation]:
    """Every translation of the library, checked against it: each id must exist (``None``:
    a library with problems of its own, whose ids are read from its file as it is). Every
    problem of every file at once: the language, the ids and the keys."""
    found: dict[str, Translation] = {}
    problems: list[Problem] = []
    known, stages, source = _library_facts(library_path, library)
    for path in translation_files(library_path):
        language = translation_language(Path(library_path), path)
        if language == source:
            problems.append(Problem(Location(str(path), 1), (
                f'translates the library into "{language}", the language the library itself '
                f"is written in ({Path(library_path).name}: language: {language}); put its "
                f"texts in {Path(library_path).name} and remove this file, or correct the "
                f"library's language: key")))
            continue
        try:
            parsed = parse(read_text(path), str(path))
        except HandoutError as exc:
            problems.extend(exc.problems)
            continue
        if not (isinstance(parsed.data, dict) and "language" in parsed.data):
            # a copy of the library kept beside it (exercises.old.yaml), most likely
            problems.append(Problem(Location(str(path), 1), (
                f'is read as the library\'s translation into "{language}", as its name '
                "says, but it has no language: key; give it one, or rename the file (e.g. "
                f"{path.name.replace(f'.{language}.', f'-{language}.')}) if it is no "
                "translation")))
            continue
        own = _language_problems(parsed, language)
        if known is not None:
            own += located(parsed, references.translation_problems(parsed.data, known))
            own += located(parsed, stage_words.problems(parsed.data, stages))
        try:
            translation = validate(parsed, Translation)
        except HandoutError as exc:
            own += exc.problems
        else:
            found[language] = translation
        problems.extend(sorted(own, key=lambda p: p.location.line or 0))
    if problems:
        raise HandoutError(problems)
    return found


def _language_problems(parsed: Parsed, language: str) -> list[Problem]:
    """A translation's ``language:`` is the code in its file name (one that is no code at
    all is the schema's to say)."""
    said = parsed.data.get("language")
    if isinstance(said, str) and is_language_code(said) and said != language:
        return [Problem(parsed.location(("language",)),
                        f'"{said}" does not match the file name; use "{language}"')]
    return []


def _library_facts(library_path: Path | str, library: Library | None,
                   ) -> tuple[dict[str, Sequence[str]] | None, stage_words.Stages,
                              str | None]:
    """The library's ids by section, its exercises' stages, and the language it is written
    in: the validated library's, else its file's as written (None: a file that cannot be
    read has none)."""
    if library is not None:
        return ({"exercises": library.exercise_ids, "education": library.topic_ids,
                 "protocols": library.protocol_ids}, stage_words.of_library(library),
                library.language)
    try:
        data = parse(read_text(library_path), str(library_path)).data
    except HandoutError:
        return None, {}, None
    said = data.get("language", "en") if isinstance(data, dict) else "en"
    return (references.entry_ids(data), stage_words.as_written(data),
            said if isinstance(said, str) else None)
