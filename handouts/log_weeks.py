"""What each exercise logs in each week of a log of several weeks (README: *The handout*).

A one-week log follows a progression's first stage, as it always has, and keeps nothing
here (its words for how often are page 1's, ``HandoutExercise.first_often``). A longer one
follows, week by week, the stage that covers the week: a stage that changes how often the
exercise is done changes its boxes, and a row whose stage is not the first week's says the
stage's dose under its name. After the last stage the last goes on, its dose under the
name (before the first, in a handout the record kept from before stages had to start at
week 1, the first, as the one-week log does). Never the
exercise's own dose: the card prints it only stage by stage (How much and How often are in
its table), so boxes counted from it would ask what the card never says (but in the gap
between two stages of a handout the record kept from before gaps were refused, as it
printed then: see ``week_dose``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Sequence

from handouts.input import visits
from handouts.input.frequency import Frequency
from handouts.input.dose_models import Dose
from handouts.input.models import Clinic, Program
from handouts.words.dose import (days_in_logs, occasion, stage_says_often, tallied,
                                  times_in_log)
from handouts.words.text import Text


@dataclass(frozen=True)
class LogWeek:
    """One exercise's row in one week's table."""

    per_day: int  # boxes a day (more than MAX_BOXES: a line to tally on)
    days: str  # "every", "alternate" or "some" (see dose.days_in_log)
    tallied: bool  # "as needed": a line to mark each time
    often: Text | None  # how often, beside the name: the days are the patient's to choose
    # (None where the stage's words under the name say it)
    stage: Text | None  # the week's stage's dose, where it is not the first week's


def weeks_of(program: Program, clinic: Clinic, date: dt.date) -> int:
    """The log's weeks: the program's ``log_weeks``, else until its ``next_visit``, else the
    clinic's ``log_weeks``, else one."""
    if program.log_weeks:
        return program.log_weeks
    if program.next_visit:
        return visits.weeks_until(program.next_visit, date)
    return clinic.log_weeks or 1


def program_weeks(program: Program, clinic: Clinic, date: dt.date) -> int | None:
    """The weeks the handout is for: until the ``next_visit`` (however far off; the log
    stops at six), else the log's weeks, the program's or the clinic's; None where no one
    says (the patient goes on until a next visit no one has set)."""
    if program.next_visit:
        return visits.weeks_to(program.next_visit, date)
    return program.log_weeks or clinic.log_weeks or None


def week_dose(dose: Dose, week: int) -> tuple[Dose, int | None]:
    """The dose the log follows in ``week`` (from 1), and the index of its stage (None: a
    dose without stages, or a week in a gap). The last stage goes on after its weeks; before
    the first, the first. A gap between stages is refused (input/progression) but in what
    the record kept from before 5 December 2026: its weeks follow the exercise's own dose,
    as that handout printed them, so its reprint is the same."""
    if not dose.progression:
        return dose, None
    started = [i for i, stage in enumerate(dose.progression) if stage.weeks.lo <= week]
    index = started[-1] if started else 0
    if index + 1 < len(dose.progression) and week > dose.progression[index].weeks.hi:
        return dose.model_copy(update={"progression": ()}), None
    return dose.stage_doses()[index], index


def logs(doses: Sequence[Dose], weeks: int, often: Callable[[Frequency | None], Text],
         stages: Sequence[Sequence[tuple[Text, Text]]]) -> list[tuple[LogWeek, ...]]:
    """Each exercise's rows, a week each (none for a one-week log). ``often`` phrases a
    frequency in the handout's languages; ``stages``: each exercise's (weeks, dose) words."""
    if weeks <= 1:
        return [() for _ in doses]
    rows: list[list[LogWeek]] = [[] for _ in doses]
    first = [week_dose(d, 1)[1] for d in doses]
    for week in range(1, weeks + 1):
        picked = [week_dose(d, week) for d in doses]
        shown = [d for d, _ in picked]
        for i, (d, stage), n, days in zip(range(len(doses)), picked, times_in_log(shown),
                                            days_in_logs(shown)):
            under = stage is not None and stage != first[i]
            # the stage's words under the name that end with how often say it: beside the
            # name too, a row read "3 days a week" twice
            beside = (days == "some" or occasion(d)) and not (
                under and stage_says_often(doses[i], stage))
            rows[i].append(LogWeek(
                per_day=n, days=days, tallied=tallied(d),
                often=often(d.frequency) if beside else None,
                stage=stages[i][stage][1] if under else None))
    return [tuple(r) for r in rows]
