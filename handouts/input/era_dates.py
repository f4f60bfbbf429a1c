"""A date as a Japanese form writes it: by the era (令和8年12月5日, 令和元年 for its first year,
R8.12.5, H3.4.1 and S25.6.10 for short, ㍻ and ㋿ as one character) or by the Western year
with 年, 月 and 日 (2026年12月5日), as YYYY-MM-DD; and one no era had (令和0年, 平成32年, a day
before its era began) refused with what it would be.

A Japanese clinic's scheduling software exports dates of birth in the era: an older
patient's is in Shōwa. Read as text they were "not a date", so the row failed. Dates are
only read so: a handout prints its dates as it always has.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import NamedTuple

from handouts.errors import HandoutError, Location, Problem
from handouts.input.month_days import past_month_end


class Era(NamedTuple):
    name: str  # as the era is written: 令和
    letter: str  # as a form abbreviates it: R
    romaji: str  # as the message says it to staff who may not read the name
    began: dt.date  # its first day; it ends the day before the next one began


# newest first. Meiji's days before 1873 were counted on the old calendar, which no
# patient's date needs: no one born before 1900 is alive (patient.FIRST_BIRTH_YEAR)
ERAS = (Era("令和", "R", "Reiwa", dt.date(2019, 5, 1)),
        Era("平成", "H", "Heisei", dt.date(1989, 1, 8)),
        Era("昭和", "S", "Showa", dt.date(1926, 12, 25)),
        Era("大正", "T", "Taisho", dt.date(1912, 7, 30)),
        Era("明治", "M", "Meiji", dt.date(1868, 10, 23)))
_BY_KEY = {key: era for era in ERAS for key in (era.name, era.letter)}

# after NFKC: full width digits are digits, and ㍻ (one character) is 平成
_NAMED = re.compile(r"^(令和|平成|昭和|大正|明治)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_LETTER = re.compile(r"^([RHSTM])\s*(\d{1,2})([./-])(\d{1,2})\3(\d{1,2})$", re.IGNORECASE)
_WESTERN = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")


def plain(value: str) -> str:
    """``value`` as its characters read: full width digits (２０２６) and marks as ASCII's."""
    return unicodedata.normalize("NFKC", value).strip()


def japanese_date(value: str, field: str = "date") -> str | None:
    """A date written in a Japanese era or with 年月日 as YYYY-MM-DD; None where ``value`` is
    not written so. One that is no date is a problem at ``field``, quoted as typed."""
    text = plain(value)
    named, letter, western = _NAMED.match(text), _LETTER.match(text), _WESTERN.match(text)
    if western:
        return _real(int(western[1]), int(western[2]), int(western[3]), value, field)
    if not (named or letter):
        return None
    found = named or letter
    era = _BY_KEY[found[1].upper()]
    year = 1 if found[2] == "元" else int(found[2])
    month, day = (int(found[3]), int(found[4])) if named else (int(found[4]), int(found[5]))
    if year == 0:
        raise _problem(field, f'"{value}": {era.name} ({era.romaji}) has no year 0; its first '
                              f"year is {era.name}元年 ({era.name}1年, {era.began.year})")
    date = _real(era.began.year + year - 1, month, day, value, field)
    written = dt.date.fromisoformat(date)
    ended = _ended(era)
    if written < era.began or (ended and written > ended):
        when = (f"began on {era.began.isoformat()}" if written < era.began
                else f"ended on {ended.isoformat()}")
        raise _problem(field, f'"{value}": {era.name} ({era.romaji}) {when}; {date} is '
                              f"{_in_era(written)} (or write it as {date})")
    return date


def _real(year: int, month: int, day: int, value: str, field: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        short = past_month_end(year, month, day)
        raise _problem(field, f'"{value}" is not a date'
                              + (f": {short}; check the day and the month" if short else
                                 "; check the month (1 to 12) and the day")) from None


def _ended(era: Era) -> dt.date | None:
    """The era's last day; None for the era of today."""
    newer = ERAS.index(era) - 1
    return ERAS[newer].began - dt.timedelta(days=1) if newer >= 0 else None


def _in_era(date: dt.date) -> str:
    """``date`` written in its own era: 令和元年5月1日."""
    era = next((e for e in ERAS if date >= e.began), None)
    if era is None:
        return f"{date.year}年{date.month}月{date.day}日"
    year = date.year - era.began.year + 1
    return f"{era.name}{'元' if year == 1 else year}年{date.month}月{date.day}日"


def _problem(field: str, said: str) -> HandoutError:
    return HandoutError(Problem(Location(path=field), said))
