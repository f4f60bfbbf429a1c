"""How long a handout's log runs: a program's ``next_visit:`` (page 1 prints it, and the log
lasts until it) and ``log_weeks:`` (a program's, or the clinic's for all its handouts).

A log longer than six weeks is paper few patients fill in: a clinic that sees a patient less
often than that gives a new handout between, or asks for six weeks.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from pydantic import TypeAdapter, ValidationError

from handouts.errors import leave_out
from handouts.input import typed
from handouts.lazy_patterns import CompiledOnFirstUse as first_use

MAX_LOG_WEEKS = 6
# a long log's advice (``shortened``) in a program file's words: a roster row says it of its
# cells instead (``row_cells.told``)
MEANT = f"log_weeks: {MAX_LOG_WEEKS} in the program"
# a next visit further on than this is a mistyped year, as a visit's own date is
FAR = dt.timedelta(days=366)


# a number of weeks, with the word for them or not, in the languages a roster is headed in
# (compiled on first use: a program file's log_weeks is a YAML number)
_WEEKS = first_use(r"^\s*(\d+)\s*(?:weeks?|wks?|w|semanas?|semaines?|wochen?|週間?)?\.?\s*$",
                   re.IGNORECASE)


def parse_log_weeks(value: object) -> int:
    """A number of weeks, 1 to ``MAX_LOG_WEEKS``: a YAML number, or a form's or roster's
    digits."""
    counted = _WEEKS.match(value) if isinstance(value, str) else None
    if counted:  # "2", or "2 weeks" as a desk types it
        value = int(counted[1])
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f'"{value}" is not a number of weeks; give 1 to {MAX_LOG_WEEKS} '
                         "(e.g. 2)")
    if value < 1:  # a next visit further off is no advice for a log of no weeks
        raise ValueError(f"{value} weeks: a log has 1 to {MAX_LOG_WEEKS} weeks; give 1 for a "
                         "log of one week")
    if value > MAX_LOG_WEEKS:
        raise ValueError(f"{value} weeks: a log has 1 to {MAX_LOG_WEEKS} weeks; for a next "
                         f"visit further off, give {MAX_LOG_WEEKS} and a new handout between")
    return value


def next_visit_problem(next_visit: dt.date | None, date: dt.date | None) -> str | None:
    """What is wrong with a next visit on ``next_visit`` after a visit on ``date``: one on or
    before it, or over a year after it."""
    if next_visit is None or date is None:
        return None
    if next_visit <= date:
        return (f"{next_visit} is not after the visit's date ({date}); give the day of the "
                f"next visit, or {leave_out('next_visit')}")
    if next_visit > date + FAR:
        return (f"{next_visit} is more than a year after the visit's date ({date}); "
                "check the year")
    return None


def checked_next_visit(next_visit: dt.date | None, date: dt.date | None) -> dt.date | None:
    """``next_visit``, where nothing is wrong with it (ValueError: what is)."""
    problem = next_visit_problem(next_visit, date)
    if problem:
        raise ValueError(problem)
    return next_visit


# the longest any weekly stage runs (quantities.MAX_WEEKS): a day week 1 began further back
# leaves every stage done for any library, so it is a mistyped year
LONG_AGO = dt.timedelta(weeks=104)


def weeks_from_problem(weeks_from: dt.date | None, date: dt.date | None) -> str | None:
    """What is wrong with ``weeks_from`` (the day week 1 began) for a visit on ``date``: a
    day after it, which no week of the patient's has come to, or one over two years before."""
    if weeks_from is None or date is None:
        return None
    if weeks_from > date:
        return (f"{weeks_from} is after the visit's date ({date}); give the day week 1 began "
                f"(the day of surgery), on or before the visit, or {leave_out('weeks_from')}")
    if date - weeks_from > LONG_AGO:
        return (f"{weeks_from} is more than two years before the visit's date ({date}); "
                "check the year")
    return None


def checked_weeks_from(weeks_from: dt.date | None, date: dt.date | None) -> dt.date | None:
    """``weeks_from``, where nothing is wrong with it (ValueError: what is)."""
    problem = weeks_from_problem(weeks_from, date)
    if problem:
        raise ValueError(problem)
    return weeks_from


def shortened(next_visit: dt.date | None, date: dt.date, log_weeks: int | None) -> str | None:
    """What a build says where the log stops short of a next visit more than
    ``MAX_LOG_WEEKS`` off (a program that gives no ``log_weeks`` of its own): the handout
    prints as it would without the warning, the days after the sixth week unlogged."""
    if next_visit is None or log_weeks or next_visit - date <= dt.timedelta(weeks=MAX_LOG_WEEKS):
        return None
    last = date + dt.timedelta(weeks=MAX_LOG_WEEKS, days=-1)
    return (f"next_visit: {next_visit} is {(next_visit - date).days} days after the visit's "
            f"date ({date}); the log has {MAX_LOG_WEEKS} weeks, the most it can have, and "
            f"ends on {last}: plan a new handout by then ({MEANT} says you mean it)")


def as_day(value: object) -> dt.date | None:
    """A date as a file or a roster gives it (a date, or its YYYY-MM-DD text); None for
    anything else, whose problem is told where the program is checked. Read as the models
    read a date (``typed.Date``): ``date.fromisoformat`` would also take 20261130 and
    2026-W48-1, a past next visit left out here that the program then calls no date."""
    try:
        return _date_reader().validate_python(value)
    except ValidationError:
        return None


@functools.cache
def _date_reader() -> TypeAdapter:
    return TypeAdapter(typed.Date)


def come(next_visit: object, date: object) -> dt.date | None:
    """A template's next visit (a saved program's ``next_visit:``, a roster row using the
    file) where it has come by the visit on ``date``: the row leaves it out, as *Start from
    the last visit* does; None where it is still ahead (or either is no date)."""
    day, visit = as_day(next_visit), as_day(date)
    return day if day is not None and visit is not None and day <= visit else None


def weeks_to(next_visit: dt.date, date: dt.date) -> int:
    """The weeks from a visit on ``date`` (its day 1) to the day before the next, at least
    one: 7 days later is one week, 8 to 14 two."""
    return max(1, -(-(next_visit - date).days // 7))


def week_of(given: dt.date, today: dt.date) -> int | None:
    """The week of a handout given on ``given`` that its patient is in ``today``, as its
    weekly stages count them (days 0-6 week 1, 7-13 week 2); None for a day before it."""
    days = (today - given).days
    return days // 7 + 1 if days >= 0 else None


def weeks_until(next_visit: dt.date, date: dt.date) -> int:
    """The weeks of log from a visit on ``date`` to the next (``weeks_to``), at most
    ``MAX_LOG_WEEKS``."""
    return min(MAX_LOG_WEEKS, weeks_to(next_visit, date))
