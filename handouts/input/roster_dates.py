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
from handouts.input.era_dates import japanese_date, plain
from handouts.input.month_days import VISIT_DATES, four_digits, no_year, past_month_end
from handouts.input.month_names import named_month_date

# 03/12/2026, or 03.12.2026 as much of Europe writes it, or 03-12-2026 as front desks type
# it: read alike, in the clinic's order (dots and dashes say nothing of the order: a
# month-first desk types 12.03.2026 and 12-03-2026 too; 2026-12-03, the year first, is ISO's)
SLASHED = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
# 03/04/50, as a spreadsheet shows a date in its short format: 1950 or 2050 is not guessed
SHORT_YEAR = re.compile(r"^(\d{1,2}([/.-])\d{1,2}\2)(\d{2})$")
# 12/7: a day and a month, as a desk types today's; which year is not guessed
NO_YEAR = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})(\.?)$")
# 03/12.2026: a slip of a finger, not a way of writing dates; it is not read as either
MIXED = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{2}|\d{4})$")
# 2026/12/05, as Japan, China, Korea and Taiwan write dates (2026.12.05, or "2026. 12. 05."
# in Hungary and Lithuania): a year of four digits first is never in doubt, so it is read in
# every clinic, whatever its locale's order of day and month
YEAR_FIRST = re.compile(r"^(\d{4})([/.])\s?(\d{1,2})\2\s?(\d{1,2})\.?$")
# ２０２６-１２-０５: ISO's own, read here only where it was typed in full width digits
ISO = re.compile(r"^(\d{4})(-)(\d{1,2})-(\d{1,2})$")

# a cell that shows the roster's order: its row's number and its column's heading (not the
# cell itself: a message about another row must not carry this patient's date of birth)
Contrary = tuple[int, str]


def _order(day_first: bool, sep: str = "/", why: str = "") -> str:
    """"day first (DD/MM/YYYY)", with ``why`` in the brackets after the pattern."""
    return (f"day first (DD{sep}MM{sep}YYYY{why})" if day_first
            else f"month first (MM{sep}DD{sep}YYYY{why})")


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
        timed = _AT_TIME.match(text.strip())  # "21/03/2026 9:30" shows the order too
        match = SLASHED.match(timed["date"] if timed else text.strip())
        if match:
            month, day = (int(match[3]), int(match[1])) if day_first else (int(match[1]),
                                                                           int(match[3]))
            if month > 12 >= day:
                return row, heading
    return None


def year_first(value: str, field: str = "date") -> str | None:
    """A date written year first (2026/12/05, 2026.12.05, in full width digits too, or
    Japan's way: 2026年12月5日, 令和8年12月5日, R8.12.5: see ``era_dates``) as YYYY-MM-DD; None
    where ``value`` is not written so. One that is no date is a problem at ``field``, quoted as
    typed."""
    read = japanese_date(value, field)
    if read:
        return read
    text = plain(value)
    match = YEAR_FIRST.match(text) or (text != value.strip() and ISO.match(text))
    if not match:
        return None
    year, sep, month, day = int(match[1]), match[2], int(match[3]), int(match[4])
    found = _date(year, month, day)
    if found:
        return found.isoformat()
    short = past_month_end(year, month, day)
    raise _problem(field, f'"{value}", read year first (YYYY{sep}MM{sep}DD), is not a date'
                          + (f": {short}; check the day and the month" if short else
                             "; check the month (1 to 12) and the day"))


def order_free(value: str, field: str = "date") -> str | None:
    """A date whose order of day and month is not in doubt, written year first or with its
    month named ("Dec 5, 2026"), as YYYY-MM-DD; None for any other text."""
    return year_first(value, field) or named_month_date(value, field)


def cell_date(value: str, day_first: bool, field: str = "date",
              against: Contrary | None = None) -> str:
    """A roster cell's date as ``iso_date`` reads it, with a time of day after it or not
    ("12/07/2026 9:30 AM", "2026-12-07T09:30:00"), as a scheduling system exports an
    appointment: the day is the date's. Only a roster's: a program file's or a form's date
    is a day, and one with a time is refused there, as before."""
    timed = _AT_TIME.match(value.strip())
    if not timed:
        return iso_date(value, day_first, field, against)
    read = _said_whole(lambda: iso_date(timed["date"], day_first, field, against),
                       timed["date"], value)
    return read if ISO.match(read) else value


# a date with its time of day, as a scheduling system exports an appointment ("12/07/2026
# 9:30 AM", "2026-12-07T09:30:00"): the day is the date's, the time is not a handout's
_AT_TIME = re.compile(r"^(?P<date>\S.*?)(?:T|,?\s+(?:at\s+)?)(?P<time>\d{1,2}:\d{2}(?::\d{2}"
                      r"(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?(?:\s*(?:z|utc|[+-]\d{2}:?\d{2}))?)$",
                      re.IGNORECASE)


def _said_whole(read, date: str, value: str) -> str | None:
    """What ``read`` makes of a date without its time; a problem said of the whole ``value``
    as typed, time and all."""
    try:
        return read()
    except HandoutError as exc:
        raise HandoutError([Problem(p.location, p.message.replace(f'"{date}"', f'"{value}"'))
                            for p in exc.problems]) from None


def _short_year(value: str, short: re.Match, day_first: bool, field: str) -> str:
    """What to write for 03/04/50 (``four_digits``); but where the clinic's order finds no
    month in it (31-12-60 at a month-first clinic), the date the other order reads, as
    YYYY-MM-DD: 31-12-1960, as four_digits would offer, is refused there in turn."""
    first, second = (int(part) for part in re.split(r"[/.-]", short[1])[:2])
    day, month = (first, second) if day_first else (second, first)
    if 1 <= month <= 12:
        return four_digits(value, short[1], short[3], field)
    centuries = ("20",) if field.lstrip("-").replace("-", "_") in VISIT_DATES else ("19", "20")
    readings = [found.isoformat() for century in centuries
                if (found := _date(int(century + short[3]), day, month))]
    if not readings:
        return four_digits(value, short[1], short[3], field)
    sep = short[2]
    return (f'"{value}": the year needs four digits, and this clinic reads dates '
            f"{_order(day_first, sep)}, where {month} is no month; write it as YYYY-MM-DD "
            f"({' or '.join(readings)})")


def _problem(field: str, said: str) -> HandoutError:
    return HandoutError(Problem(Location(path=field), said))


def iso_date(value: str, day_first: bool, field: str = "date",
             against: Contrary | None = None) -> str:
    """A spreadsheet's 03/12/2026 (or 03.12.2026, 03-12-2026) as YYYY-MM-DD, in the clinic's
    order (and 2026/12/03 year first, in any: see ``year_first``; and one that names its
    month, "Dec 7, 2026": see ``month_names``); anything else as it is
    (the program's own check then says what is wrong with it), but for a year of two digits
    (03/12/26), a problem that asks for four, and for two kinds of mark in one date
    (03/12.2026), one that asks for one of them. One that is no date read
    in that order is a problem at ``field``, quoted as typed, that says how it was read; so is
    one that reads as two dates where ``against`` (see ``contrary``) shows the roster writes
    them the other way round."""
    read = order_free(value, field)
    if read:
        return read
    # 05/12/2026 typed in full width digits, as a Japanese keyboard's input method may
    value = plain(value) if plain(value).isascii() else value
    short = SHORT_YEAR.match(value.strip())
    if short:
        raise _problem(field, _short_year(value, short, day_first, field))
    no_year_found = NO_YEAR.match(value.strip())
    if no_year_found and (not no_year_found[4] or no_year_found[2] == "."):  # 12.7. as German
        sep = no_year_found[2]
        raise _problem(field, no_year(value, value.strip() + ("" if no_year_found[4] else sep),
                                      field))
    match = SLASHED.match(value.strip())
    mixed = None if match else MIXED.match(value.strip())
    if mixed:
        typed = f"{mixed[1]}/{mixed[3]}/"
        years = ([mixed[5]] if len(mixed[5]) == 4 else [f"19{mixed[5]}", f"20{mixed[5]}"])
        raise _problem(field, f'"{value}" has both "{mixed[2]}" and "{mixed[4]}" in it; write '
                              f"{' or '.join(typed + year for year in years)} (or the date "
                              "as YYYY-MM-DD)")
    if not match:
        return value
    first, sep, second, year = int(match[1]), match[2], int(match[3]), int(match[4])
    day, month = (first, second) if day_first else (second, first)
    both = [_date(year, m, d) for m, d in ((month, day), (day, month))]
    if against and first != second and None not in both:
        readings = " or ".join(date.isoformat() for date in both)
        raise _problem(field, f'"{value}" could be either of two dates: this clinic reads '
                              f"dates {_order(day_first, sep)}, but row {against[0]}'s "
                              f'"{against[1]}" is written '
                              f"{'month' if day_first else 'day'} first; write it as "
                              f"YYYY-MM-DD ({readings})")
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        short = past_month_end(year, month, day)
        if short:  # the order is not in doubt: read the other way, it has no month at all
            raise _problem(field, f'"{value}", read {_order(day_first, sep)}, is not a '
                                  f"date: {short}; check the day and the month") from None
        order = _order(day_first, sep, ", as this clinic's locale reads dates" if day_first
                       else ", as this clinic reads dates; a locale such as en-GB in "
                       "clinic.yaml reads them day first")
        raise _problem(field, f'"{value}" is not a date read {order}; write it as '
                              "YYYY-MM-DD (e.g. 2026-11-23)")
