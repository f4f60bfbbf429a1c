"""A small table in an education topic: a header row and rows of cells, each a text (its
``**…**`` bold, as a paragraph's: a first column of row names).

A clinic writes a scale (the Borg scale of 6 to 20, each number with its words), a walking
plan by week, or when to call and when to go to the ER, as rows of a few columns. A row
with another number of cells than the header has no column to print a cell in (or leaves
one empty without saying so): each is refused at its row, as is a cell that is no text.
A cell YAML reads as a number prints as typed (``typed_cells``): 6:30, not 390.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Mapping

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from handouts.input.parsed import Path, Written
from handouts.input.typed import Step, printable

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)

# two columns at least (one is a list: bullets), five at most: large print's 18 pt in five
# columns is about ten letters a line, on A4 as on Letter
MIN_COLUMNS, MAX_COLUMNS, MAX_ROWS = 2, 5, 60


def typed_cells(numbers: Mapping[Path, Written], at: Path = ()) -> dict[Path, str]:
    """The cells of topics' tables that YAML read as numbers, each as it was typed, by its
    path from ``at`` (the part of the file validated): a walking plan's weeks and minutes
    are written bare, and a cell's 6:30, 010 or 1.50 is what the clinic meant to print,
    where YAML reads 390, 8 and 1.5."""
    return {path[len(at):]: written.text for path, written in numbers.items()
            if path[:len(at)] == at and _is_cell(path)}


def _is_cell(path: Path) -> bool:
    """Whether ``path`` is a cell of a topic's table: …, body, i, table, header, j or
    …, body, i, table, rows, r, j."""
    return any(len(path) >= end + 2 and path[-end:2 - end] == ("table", kind)
               and path[-end - 2] == "body"
               and all(isinstance(p, int) for p in (path[-end - 1], *path[2 - end:]))
               for end, kind in ((3, "header"), (4, "rows")))


def _cell(value: Any) -> Any:
    """A cell as text: a number as typed (``typed_cells``, where the loader knows it, else
    as YAML reads it); yes or no, a date, a list or nothing said in one line."""
    if isinstance(value, bool):
        return _refused(f"is read as {str(value).lower()} (YAML reads yes, no, on and off "
                        f'so), not as text; put it in quotes: "{"yes" if value else "no"}"')
    if isinstance(value, (int, float)):
        return str(value)
    if value is None:
        return _refused('is empty; write its text, or "" for a cell left blank')
    if isinstance(value, (list, tuple, dict)):
        kind = "a mapping" if isinstance(value, dict) else "a list"
        return _refused(f"is {kind}, not the text of one cell; a row is a list of texts "
                        '(e.g. [6 to 8, "Very, very light"]): put a text with a comma in '
                        "quotes")
    if isinstance(value, dt.date):
        return _refused(f'is read as a date; put it in quotes to print it as written: "{value}"')
    if not isinstance(value, str):
        return _refused("is not text; put it in quotes")
    return value


def _refused(said: str):
    raise PydanticCustomError("table_cell", said)


# a cell may be blank ("") where a column has nothing for a row; a header's cell may not
Cell = Annotated[str, Field(max_length=500), AfterValidator(printable), BeforeValidator(_cell)]
HeaderCell = Annotated[Step, BeforeValidator(_cell)]


class Rows(BaseModel):
    """The table's header row, and its rows: as many cells in each as in the header."""

    model_config = _STRICT
    header: Annotated[tuple[HeaderCell, ...], BeforeValidator(_columns)] = Field(min_length=MIN_COLUMNS, max_length=MAX_COLUMNS,
                                           examples=[["Week", "Minutes", "Times a day"]])
    rows: Annotated[tuple[tuple[Cell, ...], ...], BeforeValidator(_some_rows)] = Field(min_length=1, max_length=MAX_ROWS,
                                               examples=[[[1, 10, 2], [2, 12, 2]]])

    @model_validator(mode="wrap")
    @classmethod
    def _as_many_as_the_header(cls, value: Any, handler) -> "Rows":
        if isinstance(value, (list, tuple)):  # rows alone, the header as the first
            raise PydanticCustomError("table_rows", _AS_WRITTEN.format(
                "is a list; write the header row under header: and the others under rows:"))
        # told with the cells' own problems, from the rows as written: every problem at once
        header = value.get("header") if isinstance(value, dict) else None
        rows = value.get("rows") if isinstance(value, dict) else None
        n = len(header) if isinstance(header, (list, tuple)) else 0
        bad = [InitErrorDetails(type=PydanticCustomError("table_row", _row_said(len(row), n)),
                                loc=("rows", i), input=row)
               for i, row in enumerate(rows if isinstance(rows, (list, tuple)) and n else ())
               if isinstance(row, (list, tuple)) and len(row) != n]
        try:
            found = handler(value)
        except ValidationError as exc:
            if not bad:
                raise
            raise ValidationError.from_exception_data(cls.__name__, [
                *(_again(e) for e in exc.errors(include_url=False)), *bad]) from None
        if bad:
            raise ValidationError.from_exception_data(cls.__name__, bad)
        return found


_AS_WRITTEN = "{} (e.g. table: {{header: [Week, Minutes], rows: [[1, 10], [2, 12]]}})"


def _columns(value: Any) -> Any:
    if isinstance(value, (list, tuple)) and not MIN_COLUMNS <= len(value) <= MAX_COLUMNS:
        raise PydanticCustomError("table_header", (
            f"has {len(value)} column{'' if len(value) == 1 else 's'}; a table has "
            f"{MIN_COLUMNS} to {MAX_COLUMNS}, which large print fits across the page "
            + ("(a list of one column is bullets:)" if len(value) < MIN_COLUMNS
               else "(split it into two tables)")))
    return value


def _some_rows(value: Any) -> Any:
    if isinstance(value, (list, tuple)) and not value:
        raise PydanticCustomError("table_rows", "has no rows; give at least one under the "
                                  "header, a list of its cells (e.g. rows: [[1, 10]])")
    return value


def _again(error: dict) -> InitErrorDetails:
    """One of pydantic's errors, to be raised again with others."""
    kind = error["type"]
    if kind.startswith("table_"):  # ours: its words are its message
        return InitErrorDetails(type=PydanticCustomError(kind, error["msg"].replace(
            "{", "{{").replace("}", "}}")), loc=error["loc"], input=error["input"])
    return InitErrorDetails(type=kind, loc=error["loc"], input=error["input"],
                            **({"ctx": error["ctx"]} if "ctx" in error else {}))


def _row_said(cells: int, columns: int) -> str:
    said = f"has {cells} cell{'' if cells == 1 else 's'}, the header {columns}: give each row " \
           f"one cell for each column of the header"
    if cells > columns:
        return said + " (in [ ], a comma starts another cell: put a text with a comma in quotes)"
    return said + ' ("" for a cell left blank)'


class Table(BaseModel):
    """A topic's block ``table:``, its header row and rows (``Rows``)."""

    model_config = _STRICT
    table: Rows
