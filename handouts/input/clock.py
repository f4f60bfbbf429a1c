"""The clinic's clock: what day and time it is where the clinic is (``timezone:`` in
clinic.yaml, a name from the IANA time zone database such as ``America/Los_Angeles``), not
where the computer runs. A server kept in UTC (a container, a cloud machine) would otherwise
date a California clinic's evening handouts tomorrow. With no ``timezone:``, the computer's
own zone, as before."""

from __future__ import annotations

import datetime as dt
import difflib
import zoneinfo
from dataclasses import dataclass
from typing import Any

from handouts.errors import leave_out

# a visit dated further ahead than this is a mistyped year (2062 for 2026): the record
# numbers visits by date, so it would stay the patient's newest visit for good; a handout
# made ahead for next week, or next month, is well within it
AHEAD = dt.timedelta(days=366)
FIRST_YEAR = 1900  # as a date of birth's (input/patient.py): a visit before it is a typo

_EXAMPLE = 'e.g. "America/Los_Angeles", "Europe/Dublin", "Australia/Sydney"'
# names the IANA database keeps for one offset all year, and the region a clinic that
# writes one most likely means (Hawaii has no summer time, so it is said the same way)
_FIXED = {"EST": "America/New_York", "MST": "America/Denver", "HST": "Pacific/Honolulu"}


def _zone(timezone: str | None) -> dt.tzinfo | None:
    return zoneinfo.ZoneInfo(timezone) if timezone else None


def clinic_now(timezone: str | None = None) -> dt.datetime:
    """Now, as a clock in the clinic shows it (aware: it knows its zone)."""
    zone = _zone(timezone)
    return dt.datetime.now(zone) if zone else dt.datetime.now().astimezone()


def clinic_today(timezone: str | None = None) -> dt.date:
    """Today's date in the clinic: a program with no ``date:`` is dated this."""
    return clinic_now(timezone).date()


def clinic_time(when: dt.datetime, timezone: str | None = None) -> dt.datetime:
    """A time from the record or the outbox (UTC; naive ones are taken as UTC) as a clock
    in the clinic shows it."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(_zone(timezone))


@dataclass(frozen=True)
class Days:
    """The days a batch is read on, where they are two: the clinic's ``today`` (no row's
    date may be over a year after it) and ``visit``, the date of a row that gives none
    (``batch --date``), which its next visit must come after, as its handout is dated."""

    today: dt.date
    visit: dt.date


def days(today: dt.date | Days) -> tuple[dt.date, dt.date]:
    """(the clinic's today, the date of a visit that gives none)."""
    return (today.today, today.visit) if isinstance(today, Days) else (today, today)


def today_anywhere() -> dt.date:
    """The latest date it is anywhere on Earth now (UTC+14): a date of birth after it is in
    the future wherever the clinic is. A program is read without its clinic's file, so a
    newborn's date of birth is checked against this, not the computer's date: a server in
    UTC would refuse a Tokyo baby's for nine hours of each day."""
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()


def too_far_ahead(date: dt.date | None, today: dt.date) -> str | None:
    """What is wrong with a new program's ``date:`` more than ``AHEAD`` after ``today``
    (the clinic's), or before 1900: a typo in the year; None for any other date. A date in
    the past is not refused: a handout made again from an old program keeps its date, and
    a program the record kept is not checked at all (``load_program(kept=True)``)."""
    if date is not None and date.year < FIRST_YEAR:
        told = f"is before {FIRST_YEAR}"
    elif date is not None and date > today + AHEAD:
        told = f"is more than a year after today ({today.isoformat()})"
    else:
        return None
    return (f'"{date.isoformat()}" {told}; check the year, written as YYYY-MM-DD (e.g. '
            f'"{today.isoformat()}"), or {leave_out("date")} for today\'s')


def check_zone(value: Any) -> str:
    """``timezone:``: a zone this computer knows, by its IANA name; else one line saying
    what would be right."""
    name = value.strip() if isinstance(value, str) else value
    if not isinstance(name, str) or not name:
        raise ValueError(f'"{value}" is not a time zone; write the name of the clinic\'s '
                         f"zone, {_EXAMPLE}")
    if name.upper() in _FIXED:
        # in the database, but a fixed offset all year: a New York clinic's "EST" would be
        # an hour behind every summer
        raise ValueError(f'"{name}" keeps one offset all year, with no summer time; write '
                         f'the region\'s name, e.g. "{_FIXED[name.upper()]}"')
    try:
        zoneinfo.ZoneInfo(name)
        return name
    except (ValueError, KeyError, OSError, UnicodeError):
        pass
    known = zoneinfo.available_timezones()
    if not known:  # Windows keeps no zone database where Python finds it
        raise ValueError(f'"{name}": this computer has no time zone data; install the '
                         "tzdata package (pip install tzdata), or leave timezone out for "
                         "the computer's own")
    folded = {k.casefold(): k for k in known}
    close = folded.get(name.casefold()) or next(iter(difflib.get_close_matches(
        name, sorted(known), n=1, cutoff=0.75)), None)
    hint = f'; did you mean "{close}"?' if close else f" ({_EXAMPLE})"
    raise ValueError(f'"{name}" is not a time zone name from the IANA database{hint}')
