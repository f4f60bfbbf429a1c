"""One CSV roster row's cells → its program, or the problem that stops it (``Row``).

The cells are read as a program file's keys are, each named by the roster's own heading
where it is wrong, every bad cell of the row at once; a row whose program cell names a
program file gets the file's program with the row's patient and dates over it (the file's
patient only where it is the same person). ``Reading``: how the clinic's roster is read,
for a YAML roster's rows too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.input import clock, loading
from handouts.input import references
from handouts.input import roster_dates, row_cells, typed, visits
from handouts.input.row_files import not_found, program_cell
from handouts.input.columns import PARTS
from handouts.errors import HandoutError, Location, Problem, one_line
from handouts.input.models import Library, Program
from handouts.input.patient import folded, written_unspaced


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, counting patients, not the header
    location: Location
    program: Program | None = None
    problem: str | None = None
    password: str | None = field(default=None, repr=False)  # for an encrypted PDF (email)
    # the address its message goes to as written, even when the row has a problem: a CSV
    # row's own cell (None: it gives none, or ``file_address``)
    email: str | None = None
    # its reader's address is its program file's, not a cell's (a caregiver the file gives,
    # say): what is said of the row names no address the desk did not type on it
    file_address: bool = False
    # the patient's name as the row gives it, even when it has a problem: whose the outbox's
    # audit line about a row that could not be built is (mail.forgetting.named)
    name: str | None = None
    # said of the row with its packet's warnings: a template's past next visit left out
    note: str | None = None
    # what the roster calls the patient's date of birth and clinic number, for a message
    # that asks for them (the record tells two patients of one name apart by them): a CSV
    # roster's columns (one it has not got: the heading to add), a program's keys
    identity: tuple[str, str] = ("patient.dob", "patient.number")
    # what a warning of its handout names by the roster's headings (row_cells.told): a CSV
    # roster's; none, a program's keys
    headings: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        # printed as one line of the summary and kept in the outbox's audit log
        if self.problem is not None:
            object.__setattr__(self, "problem", one_line(self.problem))


@dataclass(frozen=True)
class Reading:
    """How a clinic's roster is read: against its library, with its order of day and month,
    in its languages (None: the package's), its headings listed in ``headings``' (None:
    ``languages``'); ``contrary``: a cell of the roster's that is a date only read in the
    other order (see roster_dates); ``today``: the clinic's, which no row's date may be
    over a year after (``references.program_problems``), and the date of a row that gives
    none where that is another (``clock.Days``: ``batch --date``)."""

    library: Library
    day_first: bool = False
    languages: tuple[str, ...] | None = None
    broken: loading.Broken = field(default_factory=dict)
    headings: tuple[str, ...] | None = None
    contrary: roster_dates.Contrary | None = None
    today: dt.date | clock.Days | None = None
    programs: Path | None = None  # the clinic's saved programs, after the roster's folder
    home: Path | None = None  # the clinic's folder: its own words a dose is read in too
    language: str | None = None  # the clinic's: a row that names none is told examples in it
    # a CSV roster's headings' (columns.roster_language): a column a row needs is named in
    # it, as the roster would head it
    headed_in: str | None = None


def from_cells(number: int, where: Location, values: dict[str, str], base: Path,
               reading: Reading, headings: dict[str, str] | None = None) -> Row:
    """``headings``: the roster's own, quoted, by the column each names ('"Appt Date"' for
    date), which a problem with a cell the row gave names, not the program's key: the desk
    finds the column it reads beside the roster."""
    library = reading.library
    headings = headings or {}
    # a cell that says there is nothing ("N/A", "none", "-"; a next visit "TBD", a caregiver
    # "Self") is blank, as the desk meant: not a date, an address or a caregiver named "N/A"
    for key in [k for k in values if k not in _SAID_ALWAYS]:
        if values[key] and row_cells.says_none(values[key], key):
            del values[key]
    words = {_CELLS.get(c, c): heading for c, heading in headings.items() if values.get(c)}
    sheet = [Problem(Location(None, None, _CELLS.get(c, c)), said) for c, value in values.items()
             if value and c != "password" and (said := row_cells.from_spreadsheet(value, c))]
    if sheet:  # no value of the row's is known: the spreadsheet is mended, not the row
        return Row(number, where, problem=row_cells.said(sheet, where, words))
    password = values.pop("password", None)
    parts = {part: values.pop(part, None) for part in PARTS}  # first … a second surname
    if parts["middle"] and len(parts["middle"]) == 1 and parts["middle"].isalpha():
        parts["middle"] += "."  # an initial: "Robert J. Fakename"
    if "name" not in values and any(parts.values()):  # a blank one: the others alone
        order = PARTS
        if written_unspaced("".join(filter(None, parts.values()))):  # 姓 before 名: 山田 花子
            order = ("last", "last2", "first", "middle", "suffix")
        values["name"] = " ".join(filter(None, (parts[part] for part in order)))
        # a name too long is the cells' it was built from, not a key the desk has not got
        words["patient.name"] = row_cells.name_heading(headings)
    elif parts["suffix"] and values.get("name") and not folded(values["name"]).endswith(
            folded(parts["suffix"])):  # "Robert Fakename" and "Jr.": both printed
        values["name"] = f'{values["name"]} {parts["suffix"]}'
    name, source = values.get("name", ""), values.get("program", "")
    # said first; the row is read on all the same, so that its line says every bad cell
    lacking = row_cells.lacking(name, source, library.protocol_ids, headings)
    # every bad cell of the row is said at once: a desk that fixed one met the next
    cells: list[Problem] = []
    dates = {key: row_cells.date(values[key], _CELLS.get(key, key), reading.day_first,
                                 reading.contrary, cells)
             for key in ("dob", "date", "next_visit", "weeks_from") if values.get(key)}
    if values.get("log_pain"):  # a yes or no, in the roster's language
        values["log_pain"] = row_cells.yes_no(values["log_pain"], "log_pain", cells)
    if values.get("affected_side"):  # left or right, in the roster's language
        values["affected_side"] = row_cells.side(values["affected_side"], "affected_side", cells)
    if values.get("layout"):  # "Large Print", "letra grande"
        values["layout"] = row_cells.layout(values["layout"])
    if values.get("language"):  # "Spanish", "ES", "Spanish/English"
        values["language"] = row_cells.language(values["language"])
    if dates.get("dob", "") is None:
        del values["dob"]
    elif "dob" in dates:  # a date of birth is exported as the visit's date is
        values["dob"] = dates["dob"]
    data: dict[str, Any]
    known = (*library.protocol_ids, *reading.broken)
    file, parsed = program_cell(base, reading.programs, source, known, cells)
    who = _patient(parsed.data.get("patient") if parsed is not None else None, name, values)
    try:
        if parsed is not None:
            data = {**parsed.data, "patient": who}
        else:  # an unknown one is said in the roster's words, and the other cells read
            if source not in known and file is None:  # "Chronic Low Back", its title
                source = row_cells.protocol(source, library.protocols)
            data = {"patient": who, "protocol": source}
            if source not in known and source and file is None:
                places = not_found(base, reading.programs)
                hint = ("give a protocol id or a program file (ending .yaml)"
                        + (f": {source}.yaml {places}" if places else ""))
                cells.append(Problem(Location(), references.unknown_protocol(
                    source, library.protocol_ids, hint, listed=hint)))
        for key in _PROGRAM_KEYS:
            if values.get(key):
                data[key] = dates.get(key, values[key])
        unread = {key for key, day in dates.items() if day is None}
        # nor is a next visit checked against a date unread: its problem would be the date's
        for key in unread | ({"next_visit", "weeks_from"} if "date" in unread else set()):
            data.pop(key, None)
        note = None
        if parsed is None:
            program = loading.program_from_data(data, library, source=where.file or "roster",
                                                languages=reading.languages,
                                                broken=reading.broken, today=reading.today)
        else:
            note = _past_next_visit(data, parsed, values, reading)
            program = _file_program(data, parsed, values, reading)
    except HandoutError as exc:
        cells += [p for p in exc.problems if (p.location.path != "protocol" or source in known
                  or parsed is not None)  # an unknown one, or no program file: said above
                  and p.location.path not in row_cells.needed(name, source)]
    if "patient.caregiver_email" in words:  # its cell, not a key the desk has not got
        cells = [row_cells.caregiver_lacking(p, headings, reading.headed_in) for p in cells]
    # whose address the row's message goes to (mail.address_of): its own cell's, or its file's
    reader = "caregiver_email" if who.get("caregiver") else "email"
    address = {"email": values.get(reader), "file_address": bool(who.get(reader))
               and not values.get(reader), "name": typed.without_unseen(name) or None}
    if cells or lacking:
        return Row(number, where, problem="; ".join(
            [*lacking, *filter(None, [row_cells.said(cells, where, words)])]), **address)
    return Row(number, where, program=program, password=password, note=note,
               headings=row_cells.told_headings(words, headings), **address)


def _past_next_visit(data: dict[str, Any], parsed: Any, values: dict[str, str],
                     reading: Reading) -> str | None:
    """A program file's next visit that has come by the row's visit (its date, the file's,
    or the batch's), taken out of ``data``, and what to say of it; None where there is none.
    A file saved at a visit is the template of the next ones: its next visit was that
    visit's, as the web app's *Start from the last visit* knows (it leaves it out too). The
    words name no row, so that the rows of one file share one line (``by_row``)."""
    visit = data.get("date") or (clock.days(reading.today)[1] if reading.today else None)
    day = visits.come(data.get("next_visit"), visit) if "next_visit" not in values else None
    if day is None:
        return None
    del data["next_visit"]
    return (f"{parsed.location(('next_visit',))} {day} is on or before the visit's date, a "
            "past visit the file was saved for: left out (a \"next visit\" column gives each "
            "row its own)")


def _file_program(data: dict[str, Any], parsed: Any, values: dict[str, str],
                  reading: Reading) -> Program:
    """The program a roster row makes of a program file. A mistake in what the file gave
    names the file and its line (``progs/knee.yaml:7: exercises[2]: …``), as ``build`` of
    the file would; one in what the row gave (its patient, date…) is the row's."""
    given = {key for key in _PROGRAM_KEYS if values.get(key)}
    saved = parsed.data.get("patient")
    from_file = {key for key in data["patient"]
                 if isinstance(saved, dict) and key in saved and key != "name"
                 and key not in values}

    def files(path: tuple) -> bool:
        if not path or path[0] in given:
            return False
        return path[0] != "patient" or (len(path) > 1 and path[1] in from_file)

    try:
        return loading.program_from_data(
            data, reading.library, source=parsed.file, languages=reading.languages,
            broken=reading.broken, today=reading.today,
            known=({path: line for path, line in parsed.lines.items() if files(path)},
                   tuple((path, p) for path, p in parsed.problems if files(path))))
    except HandoutError as exc:
        raise HandoutError([p if p.location.line else Problem(Location(path=p.location.path),
                                                              p.message)
                            for p in exc.problems]) from None


# the row's own columns that a program file's keys give way to
_PROGRAM_KEYS = ("therapist", "date", "language", "layout", "next_visit", "log_weeks",
                 "weeks_from", "log_pain", "affected_side")

# the row's own columns that say who the patient is (with "name"), and whom it is given to
_IDENTITY = ("email", "dob", "number", "caregiver", "caregiver_email")
# where a program keeps what those columns give (the others: under their own names)
_CELLS = {key: f"patient.{key}" for key in ("name", *_IDENTITY)}
# the cells a row always means as written: its name and program (each told where it is
# wrong), and a PDF's password, which is never guessed
_SAID_ALWAYS = frozenset({"name", *PARTS, "program", "password"})


def _patient(saved: Any, name: str, values: dict[str, str]) -> dict[str, Any]:
    """The row's patient: its name and its own email, dob, number, caregiver and the
    caregiver's email. A program file's patient adds what the row leaves out only when it is
    the same person (the name as the record matches it, and no dob or number that differs);
    a program saved for one patient and named for another is a template, and nothing of who
    it was for carries over, so that no one's handout is sent to, or filed under, the
    patient the file was saved for."""
    own = {"name": name, **{key: values[key] for key in _IDENTITY if values.get(key)}}
    if not isinstance(saved, dict) or not _same_person(saved, own):
        return own
    kept = saved.get("caregiver")
    if "caregiver" in own and not (isinstance(kept, str) and folded(kept) ==
                                   folded(own["caregiver"])):
        # the file's caregiver's address is theirs: the row's other caregiver would be
        # greeted at it, so the handout is refused until the row gives their own
        saved = {k: v for k, v in saved.items() if k != "caregiver_email"}
    return {**saved, **own}


def _same_person(saved: dict[str, Any], own: dict[str, Any]) -> bool:
    saved_name = saved.get("name")
    if not isinstance(saved_name, str) or folded(saved_name) != folded(own["name"]):
        return False
    # two patients of one name are told apart by these (as the record tells them apart)
    return all(str(saved[key]).strip() == own[key] for key in ("dob", "number")
               if saved.get(key) is not None and key in own)
