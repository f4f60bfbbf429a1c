"""A roster (CSV from a scheduling system, or a YAML list of programs) → one program per row.

Every row becomes a ``Row``: a program ready to build, or the problem that stops it, with
the row's number and line, so one bad row never stops the others. Here: the file, its header
and its rows in turn, and a YAML roster's programs; a CSV row's cells are read into its program
in roster_row.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from handouts.input import clock, loading
from handouts.input import references
from handouts.input import roster_dates, typed
from handouts.input.columns import known_count, read_header, roster_language, to_add
from handouts.input.csvrows import csv_problem, csv_records
from handouts.errors import HandoutError, Location, Problem
from handouts.input.models import Library, Program
from handouts.input.reading import words_of
from handouts.input.roster_row import Reading, Row, from_cells
from handouts.input.yamlsource import parse


class Rows:
    """A CSV roster's rows, read and checked only as they are iterated (again on each
    iteration), so that a roster of 100,000 patients is never held whole in memory."""

    def __init__(self, read: Callable[[bool], Iterator[Row | None]]):
        self._read = read  # read(True): Rows; read(False): None per row, nothing checked

    def __iter__(self) -> Iterator[Row]:
        return self._read(True)

    def __len__(self) -> int:
        return sum(1 for _ in self._read(False))

    def __bool__(self) -> bool:  # read up to the first row only, not counted to the end
        return any(True for _ in self._read(False))


@dataclass(frozen=True)
class Roster:
    rows: tuple[Row, ...] | Rows
    notices: tuple[str, ...] = ()  # e.g. columns that were ignored


@dataclass(frozen=True)
class Desk:
    """What of the clinic's own a roster is read with, besides its library and languages:
    ``broken``, its own protocols left out for a problem, which a row naming one is told
    (``Workspace.local``); ``headings``, the languages whose headings a message about the
    header lists, besides English (``Workspace.staff_languages``; None: the roster's
    ``languages``); ``programs``, its saved programs' folder (``programs/``), where a row's
    saved program is looked for after the roster's folder; ``home``, the clinic's folder,
    whose own wording a dose in another language is read in too (``reading.words_of``);
    ``language``, the clinic's, which a row that names none prints in and is told its
    mistakes' examples in."""

    broken: loading.Broken = field(default_factory=dict)
    headings: Sequence[str] | None = None
    programs: Path | None = None
    home: Path | None = None
    language: str | None = None


def load_roster(path: Path | str, library: Library, *, day_first: bool = False,
                languages: Sequence[str] | None = None, desk: Desk | None = None,
                data: bytes | None = None,
                today: dt.date | clock.Days | None = None) -> Roster:
    """``day_first``: a CSV date such as 03/12/2026 is the 3rd of December (the clinic's
    locale says so), else March 12th. ``languages``: the clinic's (default: the package's).
    ``desk``: the clinic's own protocols, headings and saved programs (``Desk``).
    ``data``: the roster's bytes (an upload), read in place of the file ``path``, which
    still names it and is where a row's program file is looked for first."""
    path = Path(path)
    desk = desk or Desk()
    reading = Reading(library, day_first, tuple(languages) if languages is not None else None,
                      desk.broken, tuple(desk.headings) if desk.headings is not None else None,
                      today=today, programs=desk.programs, home=desk.home,
                      language=desk.language)
    is_yaml = path.suffix.lower() in (".yaml", ".yml")
    if data is None and not is_yaml and path.is_dir():  # a YAML file's name says it is one
        raise HandoutError(Problem(Location(str(path)), "is a folder, not a roster: give the "
                                   "roster's CSV file"))
    raw = loading.read_text(path, *((loading.MAX_CHARS,) if is_yaml else (
        MAX_CSV, "split the roster into files of at most {:,} bytes")), data=data)
    with typed.dates_read(day_first):  # a row's program file's dates, as its cells'
        return (_yaml_roster if is_yaml else _csv_roster)(raw, path, reading)


# a million patients at 100 bytes a row; and /dev/zero given for a roster is not read
# until memory runs out
MAX_CSV = 100_000_000


def _headings_below(lines: list[str], at: int) -> int | None:
    """The line, among the few after line ``at``, of a roster's headings (two known or
    more), as a report's export puts them under its title and date."""
    for number in range(at + 1, min(at + 8, len(lines)) + 1):
        cells = next(csv.reader([lines[number - 1]], delimiter=max(
            (",", ";", "\t"), key=lines[number - 1].count)), [])
        if known_count(cells) >= 2:
            return number
    return None


def _csv_roster(raw: str, path: Path, reading: Reading) -> Roster:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # Excel's line that names the delimiter ("sep=;"), before the headings
    said = re.fullmatch(r'"?sep=(.)"?\s*', lines[0], re.IGNORECASE)
    at = 2 if said else 1  # the headings' line
    # spreadsheets in countries that write decimals with commas export with semicolons, and
    # Excel's "Text" and "Unicode Text" with tabs: the header says which (commas on a tie)
    delimiter = said[1] if said else max((",", ";", "\t"), key=lines[0].count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        if said:
            next(reader)
        header = next(reader)
    except StopIteration:
        raise HandoutError(Problem(Location(str(path), 1), "the roster is empty")) from None
    except csv.Error as exc:
        raise HandoutError(Problem(Location(str(path), at), "the header: " + csv_problem(
            exc, lines[at - 1:at], 1, (), delimiter))) from None
    below = _headings_below(lines, at) if not known_count(header) else None
    if below:  # a report's title above its headings: no header the desk could mend here
        raise HandoutError(Problem(Location(str(path), at), "this line is no row of column "
                                   f"headings, and line {below} is: delete the lines above "
                                   "it and save the roster again"))
    listed = reading.languages if reading.headings is None else reading.headings
    columns, notices = read_header(header, path, listed, at)
    after_header = reader.line_num  # physical lines the header took

    def records() -> Iterator[tuple[int, Location, list[str] | str]]:
        return csv_records(lines, after_header, header, columns, delimiter, path)

    dated = [i for i, column in enumerate(columns) if column in ("date", "dob", "next_visit",
                                                                   "weeks_from")]
    # the headings this roster uses ("Appt Date", "DOB"), by the column each names
    headings = {c: f'"{header[i].strip()}"' for i, c in enumerate(columns) if c}
    # else what to add, headed in the roster's language: 'give the same "Date de naissance"
    # and "number"' named one by its French heading, the other by the README's
    own = roster_language(header, listed)
    reading = replace(reading, headed_in=own)
    identity = tuple(headings.get(c) or f'{said} (add a "{to_add(c, own)}" column)'
                     for c, said in (("dob", "date of birth"), ("number", "clinic number")))
    shown: list[roster_dates.Contrary | None] = []  # looked for once, at the first reading

    def rows(check: bool) -> Iterator[Row | None]:
        if check and dated and not shown:
            shown.append(roster_dates.contrary(
                ((number, header[i].strip(), fields[i]) for number, _, fields in records()
                 if not isinstance(fields, str) for i in dated), reading.day_first))
        read = replace(reading, contrary=shown[0]) if shown else reading
        for number, where, fields in records():
            if not check:
                yield None
            elif isinstance(fields, str):
                yield Row(number, where, problem=fields)
            else:
                values = {c: v.strip() for c, v in zip(columns, fields) if c and v.strip()}
                # not across the yield: the caller's own reads
                with words_of(reading.home, language=reading.language):
                    row = from_cells(number, where, values, path.parent, read, headings)
                yield replace(row, identity=identity)

    return Roster(Rows(rows), tuple(notices))


def _yaml_roster(raw: str, path: Path, reading: Reading) -> Roster:
    library = reading.library
    parsed = parse(raw, str(path))
    if not isinstance(parsed.data, list):
        raise HandoutError(Problem(Location(str(path), 1), _not_a_roster(parsed.data)))
    rows = []
    for i, item in enumerate(parsed.data):
        where = parsed.location((i,))
        where = Location(where.file, where.line, f"row {i + 1}")
        if not isinstance(item, dict):
            rows.append(Row(i + 1, where, problem="expected a program (patient:, exercises: "
                            f"...), got {loading.type_name(item)}"))
            continue
        password = item.pop("password", None)
        patient = item.get("patient")
        email = patient.get("caregiver_email" if patient.get("caregiver") else "email") \
            if isinstance(patient, dict) else None
        try:
            sub = type(parsed)(item, parsed.file, {k[1:]: v for k, v in parsed.lines.items()
                                                   if k and k[0] == i})
            # the values of the row YAML could not make sense of (a tag), named in the row
            # and its keys with no ":" (a comma in {…}), told as such, as a program file's are
            sub = replace(sub, problems=tuple((k[1:], Problem(sub.location(k[1:]), p.message))
                                              for k, p in parsed.problems if k[:1] == (i,)),
                          bare_keys=frozenset(k[1:] for k in parsed.bare_keys if k[:1] == (i,)))
            with words_of(reading.home, language=reading.language):
                program = loading.validate(sub, Program)
            found = references.program_problems(program, library, reading.languages,
                                                broken=reading.broken, today=reading.today)
            if found:
                raise HandoutError(loading.located(sub, found))
        except HandoutError as exc:
            name = patient.get("name") if isinstance(patient, dict) else None
            rows.append(Row(i + 1, where, problem="; ".join(
                _within(p, where.line) for p in exc.problems),
                email=email if isinstance(email, str) else None,
                name=name if isinstance(name, str) else None))
            continue
        rows.append(Row(i + 1, where, program=program, password=password))
    return Roster(tuple(rows))


def _not_a_roster(data: Any) -> str:
    """What a YAML file given for a roster is instead (one patient's program, the library,
    the clinic file), and what to do."""
    keys = set(data) if isinstance(data, dict) else set()
    what = ("one patient's program file" if "patient" in keys else
            "the exercise library" if keys & {"education", "protocols", "terms"} else
            "the clinic file" if {"name", "phone"} <= keys else None)
    if what is None:
        return "a YAML roster is a list of programs (each starting with -)"
    return (f'this is {what}, not a roster: a roster is a CSV file with a "name" column, or '
            "a YAML list of programs (each starting with -)"
            + ("; print this one with build" if "patient" in keys else ""))


def _within(problem: Problem, row_line: int | None) -> str:
    """A problem inside a YAML roster's row: its own line where that is not the row's first,
    and where in the program it is."""
    where = [f"line {problem.location.line}"] if problem.location.line not in (None,
                                                                                row_line) else []
    where += [problem.location.path] if problem.location.path else []
    return ": ".join([*where, problem.message])
