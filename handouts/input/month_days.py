"""A date whose day its month does not have (31.02.1980, 2026-04-31): said in those words,
"February 1980 has 29 days", rather than "not a date" with a pattern the user did follow;
and one without its year (12/7, "Dec 7"), asked for it."""

from __future__ import annotations

import calendar
import datetime as dt
import re

# not calendar.month_name: that follows the computer's locale, and the messages are English
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def past_month_end(year: int, month: int, day: int) -> str | None:
    """"February 1980 has 29 days" where ``day`` is a day of some month but not of this one;
    None otherwise (a real date, or a month or day no month has: those are other slips)."""
    if not (1 <= year and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    days = calendar.monthrange(year, month)[1]
    return f"{MONTHS[month - 1]} {year} has {days} days" if day > days else None


def iso_past_month_end(text: object) -> str | None:
    """``past_month_end`` of a date written YYYY-MM-DD ("1980-02-31")."""
    found = _ISO.fullmatch(text) if isinstance(text, str) else None
    return past_month_end(int(found[1]), int(found[2]), int(found[3])) if found else None


def not_real(text: object, shown: str) -> str | None:
    """What a program file says of a date written YYYY-MM-DD past its month's end: '"1980-02-31"
    is not a real date: February 1980 has 29 days; check the day and the month' (``shown``:
    ``text`` as the message quotes it); None for any other text."""
    short = iso_past_month_end(text)
    return f'"{shown}" is not a real date: {short}; check the day and the month' if short \
        else None


def no_year(value: str, before_year: str, field: str) -> str:
    """What to write for a date without its year (``value``; ``before_year``, what is
    written before a year there): with this year's where ``field`` is a visit's (a date of
    birth is not this year's), or as YYYY-MM-DD."""
    said = f'"{value}" has no year; write it with its year'
    if field.lstrip("-").replace("-", "_") in VISIT_DATES:
        said += f" ({before_year}{dt.date.today().year})"
    return said + " or as YYYY-MM-DD"


def four_digits(value: str, before_year: str, year: str, field: str) -> str:
    """What to write for a date whose ``year`` has two digits: a visit's is this century's
    (no visit was in 1926), a date of birth either."""
    said = f'"{value}": the year needs four digits; write '
    if field.lstrip("-").replace("-", "_") in VISIT_DATES:
        return said + f"{before_year}20{year} (or the date as YYYY-MM-DD)"
    return said + f"{before_year}19{year} or {before_year}20{year} (or the date as YYYY-MM-DD)"


# a roster's columns (and the command line's options) of a visit's dates, this year's
VISIT_DATES = frozenset({"date", "next_visit", "weeks_from"})
