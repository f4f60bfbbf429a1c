"""What each exercise's row of the log asks (render/log.py draws it, log_how.py says it):
its boxes a day, on which days, and what kind of mark a day's cell takes. Of the handout
alone, so that `check` asks it too (language_checks: the words a program's log needs).
"""

from __future__ import annotations

from handouts.log_weeks import week_dose
from handouts.resolve import Handout
from handouts.words import text
from handouts.words.dose import (MAX_BOXES, MAX_MARKS, days_in_logs, fewest_per_day, occasion,
                                 tallied)


def weeks(h: Handout) -> int:
    """The log's weeks: a table each."""
    return h.log_weeks if h.exercises[0].week_logs else 1


def of_week(h: Handout, week: int | None) -> list[tuple]:
    """Each exercise's row in ``week``'s table (None: a log of one week): its boxes a day,
    its days (see dose.days_in_logs), whether it is a line to mark, how often beside its
    name (None: not said there), the week's stage (see log_weeks) and the fewest times a
    day it asks for ("3-5 times a day": a line to mark "3–5 a day")."""
    if week is not None:
        return [(r.per_day, r.days, r.tallied, r.often, r.stage,
                 min(r.per_day, fewest_per_day(week_dose(e.dose, week)[0])))
                for e, r in ((e, e.week_logs[week - 1]) for e in h.exercises)]
    return [(e.per_day, days, tallied(e.dose),
             (e.first_often or e.often) if _often_beside(e, days) else None, None,
             min(e.per_day, fewest_per_day(e.dose)))
            for e, days in zip(h.exercises, days_in_logs([e.dose for e in h.exercises]))]


def kind(h: Handout, e, row: tuple) -> str:
    """What an exercise's day in the log asks (see of_week's ``row``): a number to write
    ("number"), a line to mark each time ("line": up to MAX_MARKS times a day, or as needed),
    a box for each part of the day ("parts": "every 30 minutes" is 32 marks a day, which
    nobody tallies; where a language lacks the words for it, a line, as before), or a box
    each time ("box")."""
    count, by_mark = row[0], row[2]
    if e.log_unit is not None:
        return "number"
    if count > MAX_MARKS and not by_mark and all(
            key in text.strings(lang, h.wording)
            for lang in h.languages for key in ("log_parts", "log_how_parts")):
        return "parts"
    return "line" if count > MAX_BOXES or by_mark else "box"


def kinds(h: Handout) -> frozenset[str]:
    """The kinds of day (see ``kind``) the log's tables ask for."""
    count = weeks(h)
    return frozenset(kind(h, e, row) for week in (range(1, count + 1) if count > 1 else [None])
                     for e, row in zip(h.exercises, of_week(h, week)))


def _often_beside(e, days: str) -> bool:
    """Whether the log says how often beside the exercise: where the days are the
    patient's to choose, and for one done on an occasion ("after exercise")."""
    return days == "some" or occasion(e.dose)
