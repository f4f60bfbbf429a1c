"""A CSV roster's rows after its header: each row's fields, or what is wrong with a row that
cannot be read (a broken line, the wrong number of fields, a quote never closed), with the
line it starts on. Reading starts again after a broken row, so that it costs one row, not
the rest of the roster."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator, Sequence

from handouts.errors import Location


def csv_records(lines: list[str], first: int, header: list[str], columns: Sequence[str | None],
                delimiter: str, path: Path) -> Iterator[tuple[int, Location, list[str] | str]]:
    """Each row of a CSV roster: its number, where it is, and its fields (or, for a row
    that cannot be read, what is wrong with it). ``first``: the index in ``lines`` of the
    line after the header; ``columns``: what each heading names (None: a column not read)."""
    number = 0
    while first < len(lines):
        # a reader over what is left: after a broken row we start again on the next line,
        # so an unclosed quote costs one row, not the rest of the roster. The lines are
        # handed over one by one, not joined again: a roster of a broken row on every
        # other line (a 256 KB upload has 87,000) took minutes, copying the rest each time
        reader = csv.reader(_from_line(lines, first), delimiter=delimiter)
        resync = None
        seen = 0
        for fields in _rows(reader):
            start, seen = first + seen + 1, reader.line_num
            # an empty line or row, however many commas it has (a spreadsheet's blank rows,
            # the blank lines after the last): no patient, and no mistake either
            if not isinstance(fields, csv.Error) and not any(f.strip() for f in fields):
                continue
            if isinstance(fields, csv.Error) or len(fields) != len(header):
                number += 1
                where = Location(str(path), start, f"row {number}")
                problem = (csv_problem(fields, lines, start, header, delimiter)
                           if isinstance(fields, csv.Error) else
                           f"has {len(fields)} fields but the header has {len(header)}; look "
                           f'for a stray "{delimiter}" or an unclosed quote')
                yield number, where, problem
                if isinstance(fields, csv.Error) or start - first < seen:
                    resync = start  # the bad row ran over several lines: skip only its first
                    break
                continue
            number += 1
            where = Location(str(path), start, f"row {number}")
            unclosed = _unclosed(fields, header, columns, delimiter)
            if unclosed is not None:
                # the header's number of fields, but one of them is the next rows: they
                # were lost without a word. They are read again as rows of their own
                last = first + seen
                while last > start + 1 and not lines[last - 1].strip():
                    last -= 1  # the blank lines after the last row are no row
                yield number, where, _unclosed_problem(
                    f'"{header[unclosed].strip()}" cell' if header[unclosed].strip() else
                    f"cell in column {unclosed + 1}", start + 1, last)
                resync = start
                break
            yield number, where, fields
        if resync is None:
            break
        first = resync


def csv_problem(error: csv.Error, lines: list[str], start: int, header: Sequence[str],
                delimiter: str) -> str:
    """What is wrong with a row (or the header) the csv module cannot read, in our words:
    a cell over its limit says which, how long, and what is allowed, not "field larger than
    field limit (131072)"."""
    if "field limit" not in str(error):
        return f"broken CSV line: {error}"
    column, length = _longest(lines, start, delimiter)
    name = header[column].strip() if column < len(header) else ""
    cell = f'its "{name}" cell' if name else f"its cell in column {column + 1}"
    return (f"{cell} is {length:,} characters long; a cell may have at most "
            f"{csv.field_size_limit():,}; shorten it, or close the quote left open in it (which "
            "runs the cell on over the rows after it)")


def _longest(lines: list[str], start: int, delimiter: str) -> tuple[int, int]:
    """The column of the longest cell of the row on line ``start`` (1-based), and its
    length, read as the csv module reads: a quoted cell runs on over lines."""
    column = longest = at = length = 0
    quoted = False
    for line in lines[start - 1:]:
        for ch in line + "\n":
            if ch == '"':
                quoted = not quoted
                continue
            if not quoted and ch in (delimiter, "\n"):
                if length > longest:
                    column, longest = at, length
                if ch == "\n":
                    return column, longest
                at, length = at + 1, 0
                continue
            length += 1
    return column, max(longest, length)


def _unclosed(fields: list[str], header: list[str], columns: Sequence[str | None],
              delimiter: str) -> int | None:
    """The field whose quote is never closed where it runs on into the next rows, or None.
    Only a quoted field holds a line break. A field the roster reads (a name, a number,
    a program) that holds one and the delimiter too is such a quote: no cell of those is
    written so. A column the roster does not read (a note) may be written over lines, with
    commas: it is one only where a line of it after the first is a whole row's worth of
    fields."""
    for at, value in enumerate(fields):
        if "\n" not in value:
            continue
        if at < len(columns) and columns[at] and delimiter in value:
            return at
        if len(header) > 1 and any(line.count(delimiter) >= len(header) - 1
                                   for line in value.split("\n")[1:]):
            return at
    return None


def _unclosed_problem(cell: str, after: int, last: int) -> str:
    lines = f"line {after}, which is read as a row of its own" if last <= after else (
        f"lines {after} to {last}, which are read as rows of their own")
    return (f"its {cell} opens a quote that its line does not close, so the row ran on over "
            f"{lines}; close the quote or remove it")


def _from_line(lines: list[str], first: int) -> Iterator[str]:
    """The lines from ``first`` on, each with its end, for a csv.reader (from the line at
    once, not by skipping those before it)."""
    for at in range(first, len(lines)):
        yield lines[at] + "\n"


def _rows(reader):
    """Rows, with a csv.Error in place of a row that cannot be read (then the reader stops)."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc
            return
