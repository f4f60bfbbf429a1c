"""A dose in words, and the numbers a handout derives from it (session time, log boxes).

The words come from templates (``templates/<lang>/dose.txt``), never from this code.
"""

from __future__ import annotations

from handouts.input.models import Dose
from handouts.input.quantities import Frequency
from handouts.words import text

# Seconds a patient needs on top of the prescribed time: to get into position, to switch
# from one repetition or side to the next. Rough, so the summary says "about".
SETUP_SECONDS = 30
BETWEEN_REPS_SECONDS = 3
SECONDS_PER_BREATH = 8
SECONDS_PER_PLAIN_REP = 4


def phrase(dose: Dose, language: str = "en") -> list[str]:
    """``Hold 5–10 seconds``, ``Repeat 3–5 times``, ``Painful side first`` …, in that order."""
    return text.render_lines(language, "dose.txt", dose=dose)


def phrase_frequency(frequency: Frequency | None, language: str = "en") -> str:
    return " ".join(text.render_lines(language, "frequency.txt", frequency=frequency))


def session_seconds(dose: Dose) -> float:
    """About how long one session of this exercise takes, from the middle of each range."""
    reps = dose.reps.mid if dose.reps else 1
    if dose.duration:
        work = dose.duration.seconds.mid
    elif dose.breaths:
        work = dose.breaths.mid * SECONDS_PER_BREATH * reps
    elif dose.hold:
        work = (dose.hold.seconds.mid + BETWEEN_REPS_SECONDS) * reps
    else:
        work = SECONDS_PER_PLAIN_REP * reps
    sets = dose.sets.mid if dose.sets else 1
    sides = dose.side.sides_worked if dose.side else 1
    rest = dose.rest.seconds.mid * (sets - 1) if dose.rest else 0
    return SETUP_SECONDS + work * sets * sides + rest * sides


def times_per_day(dose: Dose) -> int:
    """Boxes a day in the log: the most times a day the dose asks for (at least one)."""
    if dose.frequency and dose.frequency.per_day:
        return int(dose.frequency.per_day.hi)
    return 1
