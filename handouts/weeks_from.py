"""A program's ``weeks_from:``, the day week 1 began (a surgery's): its weekly stages counted
from that day, not from the handout's; and the last stage's row where the patient goes on
with it after its weeks.

A handout's weeks otherwise count from its own date, so a protocol written by weeks after
surgery printed *Weeks 1-2* to a patient in week 3. Each progression is carried on to the
week the patient is in, as the web app's *Carry on* does (``progression.carried_spans``, one
rule for both): the stages done are left out, and the rest numbered from the handout's
week 1, which the log and page 1 follow. Each row keeps the weeks the patient counts (the
protocol's *Weeks 3-6*), and page 1 says which week the patient is in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handouts.input.dose_models import Dose
from handouts.input.models import Program
from handouts.input.progression import carried_spans
from handouts.input.quantities import Span
from handouts.input.visits import week_of
from handouts.library_text import Words
from handouts.words import numbers
from handouts.words.text import Text


@dataclass(frozen=True)
class Carried:
    """A dose as the handout gives it, and what its rows print."""

    dose: Dose  # its stages from the patient's week on, numbered from the handout's week 1
    weeks: tuple[Span, ...]  # each stage's weeks as the patient counts them
    done: bool = False  # every stage done: the last goes on, its row "From week 13 on"


def week_now(program: Program, date: dt.date) -> int | None:
    """The week the patient is in on the handout's ``date``, counted from ``weeks_from``;
    None where the program gives none."""
    return week_of(program.weeks_from, date) if program.weeks_from else None


def carried(dose: Dose, week: int | None) -> Carried:
    """``dose`` carried on to ``week`` (None, or week 1: as it is)."""
    spans = tuple(stage.weeks for stage in dose.progression)
    if not dose.progression or week is None or week < 2:
        return Carried(dose, spans)
    kept = carried_spans([(s.lo, s.hi) for s in spans], week)
    stages = tuple(dose.progression[i].model_copy(update={"weeks": Span(lo, hi)})
                   for i, lo, hi in kept)
    return Carried(dose.model_copy(update={"progression": stages}),
                   tuple(spans[i] for i, _, _ in kept), done=spans[-1].hi < week)


def goes_on(dose: Dose, until: int | None, words: Words, carry: Carried) -> Text | None:
    """The last stage's weeks as its row names them where the patient goes on with it after
    them (the log does, see log_weeks): a card that ended at "Weeks 3-4" left weeks 5-6,
    before a next visit in week 7, with nothing to do. None where the program is over by
    the stage's end (``until``: its weeks, None where neither it nor the clinic says), and
    its weeks are still to come (``carry.done``: a patient past them, in week 20 of 13)."""
    if until is not None and until <= dose.progression[-1].weeks.hi and not carry.done:
        return None
    return words.say("progression_from", week=numbers.number(carry.weeks[-1].lo))
