"""A roster's dates as spreadsheets export them (03/12/2026): read in the clinic's order of
day and month, and refused where the roster itself shows that it writes them the other way.

03/04/1950 is the 3rd of April in Dublin and March 4th in Boston. The clinic's ``locale``
says which; but a roster exported the other way (a clinic with no locale, a scheduling system
set up abroad) would have every such date read wrongly without a word: a visit filed months
away, a date of birth that makes the patient someone new in the clinic's record. Where one
of the roster's own cells can only be read the other way (21/03/1970 in a clinic that reads
month first), the cells that could be either are refused, not guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from handouts.errors import HandoutError, Location, Problem

SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
# 03/04/50, as a spreadsheet shows a date in its short format: 1950 or 2050 is not guessed
SHORT_YEAR = re.compile(r"^(\d{1,2}[/.]\d{1,2}[/.])(\d{2})$")

# a cell that shows the roster's order: its row's number and its column's heading (not the
# cell itself: a message about another row must not carry this patient's date of birth)
Contrary = tuple[int, str]


def _order(day_first: bool) -> str:
    return "day first (DD/MM/YYYY)" if day_first else "month first (MM/DD/YYYY)"


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 00/05/1980, 03/04/0000: no date read either way
        return None


def contrary(cells: Iterable[tuple[int, str, str]], day_first: bool) -> Contrary | None:
    """Where the first of ``cells`` (row number, heading, text) is that can only be a date
    read the other way round from the clinic's (21/03/1970 where the clinic reads month
    first), or None."""
    for row, heading, text in cells:
        match = SLASHED.match(text.strip())
        if match:
            month, day = (int(match[2]), int(match[1])) if day_first else (int(match[1]),
                                                                           int(match[2]))
            if month > 12 >= day:
                return row, heading
    return None


def iso_date(value: str, day_first: bool, field: str = "date",
             against: Contrary | None = None) -> str:
    """A spreadsheet's 03/12/2026 as YYYY-MM-DD, in the clinic's order; anything else as it
    is (the program's own check then says what is wrong with it), but for a year of two
    digits (03/12/26), a problem that asks for four. One that is no date read
    in that order is a problem at ``field``, quoted as typed, that says how it was read; so is
    one that reads as two dates where ``against`` (see ``contrary``) shows the roster writes
    them the other way round."""
    short = SHORT_YEAR.match(value.strip())
    if short:
        raise HandoutError(Problem(Location(path=field), f'"{value}": the year needs four '
                                   f"digits; write {short[1]}19{short[2]} or "
                                   f"{short[1]}20{short[2]} (or the date as YYYY-MM-DD)"))
    match = SLASHED.match(value.strip())
    if not match:
        return value
    first, second, year = (int(part) for part in match.groups())
    day, month = (first, second) if day_first else (second, first)
    both = [_date(year, m, d) for m, d in ((month, day), (day, month))]
    if against and first != second and None not in both:
        readings = " or ".join(date.isoformat() for date in both)
        raise HandoutError(Problem(Location(path=field), f'"{value}" could be either of two '
                                   f"dates: this clinic reads dates {_order(day_first)}, but "
                                   f'row {against[0]}\'s "{against[1]}" is written '
                                   f"{_order(not day_first).split(' (')[0]}; write it as "
                                   f"YYYY-MM-DD ({readings})"))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        order = ("day first (DD/MM/YYYY, as this clinic's locale reads dates)" if day_first
                 else "month first (MM/DD/YYYY, as this clinic reads dates; a locale such as "
                 "en-GB in clinic.yaml reads them day first)")
        raise HandoutError(Problem(Location(path=field), f'"{value}" is not a date read '
                                   f"{order}; write it as YYYY-MM-DD (e.g. 2026-11-23)"))
