"""A dose in words, and the numbers a handout derives from it (session time, log boxes).

The words come from templates (``templates/<lang>/dose.txt``), never from this code.
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

from handouts.input.frequency import Frequency
from handouts.input.dose_models import Dose
from handouts.input.limits import Limit
from handouts.input.quantities import SECONDS_PER_BREATH, Span
from handouts.input.sides import Side
from handouts.words import template_gaps, text

# Seconds a patient needs on top of the prescribed time: to get into position, to switch
# from one repetition or side to the next. Rough, so the summary says "about".
SETUP_SECONDS = 30
BETWEEN_REPS_SECONDS = 3
SECONDS_PER_PLAIN_REP = 4
# "as tolerated" and "until mild fatigue" name no number; for the session's minutes count
# them as this many reps, or this long
REPS_BY_FEEL = 10
SECONDS_BY_FEEL = 5 * 60
# the log draws this many boxes a day at most; more times a day get a line to tally on, up
# to MAX_MARKS ("every 2 hours"); more often than that ("every 30 minutes": 32 marks a day,
# which nobody keeps) a box for each part of the day, morning, afternoon and evening
MAX_BOXES = 4
MAX_MARKS = 8
PARTS_OF_DAY = 3


def phrase(dose: Dose, language: str = "en", wording: text.Wording = text.PACKAGE,
           first_name: str | None = None) -> list[str]:
    """``Hold 5–10 seconds``, ``Repeat 3–5 times``, ``Painful side first`` …, in that order.
    ``first_name``: the patient's, in a handout given to a caregiver, whom the words name
    where they would say "your" ("until Mia's muscles feel a little tired")."""
    try:
        return list(_phrased(dose, language, wording, first_name))
    except TypeError:  # a value that cannot be a key (a list): phrase it here
        return list(template_gaps.dose_words(dose, language, wording, first_name))


def phrase_frequency(frequency: Frequency | None, language: str = "en",
                     wording: text.Wording = text.PACKAGE, first_name: str | None = None,
                     ) -> str:
    try:
        return _frequency(frequency, language, wording, first_name)
    except TypeError:
        return _frequency.__wrapped__(frequency, language, wording, first_name)


def side_worded(side: Side, language: str, wording: text.Wording = text.PACKAGE) -> bool:
    """Whether ``language``'s dose template words this side in its own words ("each leg":
    "Cada pierna"), as it does the usual ones, rather than printing it as written: then the
    side needs no translation of the library's."""
    if side.known:
        return True
    line = " ".join(phrase(Dose(side=side), language, wording))
    return " ".join(side.value.split()).casefold() not in " ".join(line.split()).casefold()


def side_named(side: Side, languages: Sequence[str], wording: text.Wording = text.PACKAGE,
               ) -> str | None:
    """Which side a dose's side is for, read in each language's words for sides (its
    wording's ``sides_each_or_both``, ``sides_left``, ``sides_right``): "both" for one done
    on each side or both at once ("cada pierna", "ambos lados", "each leg"), "left" or "right"
    for one whose words name it ("brazo derecho"), None for one that names none ("affected
    hand"). Words given by language are read in theirs; others in each of ``languages``."""
    if side.value in ("left", "right"):
        return side.value
    if side.known:  # each side, both sides, painful side first
        return "both"
    said = side.words or tuple((language, side.value) for language in languages)
    have = text.languages(wording)
    named = {_named(words, language, wording) for language, words in said if language in have}
    named.discard(None)
    return "both" if "both" in named else named.pop() if len(named) == 1 else None


def sides_worked(side: Side | None, languages: Sequence[str] | None = None,
                 wording: text.Wording = text.PACKAGE) -> int:
    """How many times over one session does the exercise: 2 for one done on each side in
    turn ("each side", "painful side first", and words that begin with a language's
    ``sides_each``: "each leg", "cada pierna"), else 1 ("both feet" at once, "left", "operated
    leg"). Words given by language are read in theirs; others in each of ``languages`` (none:
    every language of the wording)."""
    if side is None or side.value in ("left", "right", "both sides"):
        return 1
    if side.known:  # each side, painful side first
        return 2
    have = text.languages(wording)
    said = side.words or tuple((language, side.value) for language in languages or have)
    return 2 if any(_begins(words, language, wording, "sides_each")
                    for language, words in said if language in have) else 1


def _named(words: str, language: str, wording: text.Wording) -> str | None:
    if _begins(words, language, wording, "sides_each_or_both", "sides_each"):
        return "both"
    said = _spaced(words)
    sides = [s for s in ("left", "right") if any(w in said for w in _listed(
        language, wording, f"sides_{s}"))]
    return sides[0] if len(sides) == 1 else None


def _begins(words: str, language: str, wording: text.Wording, *keys: str) -> bool:
    """Whether the words begin with one listed under any of ``keys`` in the language's
    wording."""
    said = _spaced(words)
    return any(said.startswith(w) for key in keys for w in _listed(language, wording, key))


def _listed(language: str, wording: text.Wording, key: str) -> list[str]:
    return [_spaced(w) for w in text.strings(language, wording).get(key) or ()]


def _spaced(words: str) -> str:
    """The words casefolded, one space between them and one at each end, with no marks: a
    word is found in it whole (" right " is not in " upright ")."""
    return " " + " ".join(re.findall(r"\w+", words.casefold())) + " "


# a roster of one protocol phrases the same doses for every row: once per process
# (a clinic's own template that has no words for a part of the dose: the package's words,
# see template_gaps)
@functools.lru_cache(maxsize=1024)
def _phrased(dose: Dose, language: str, wording: text.Wording,
             first_name: str | None) -> tuple[str, ...]:
    return template_gaps.dose_words(dose, language, wording, first_name)


@functools.lru_cache(maxsize=256)
def _frequency(frequency: Frequency | None, language: str, wording: text.Wording,
               first_name: str | None) -> str:
    return template_gaps.frequency_words(frequency, language, wording, first_name)


# a range of numbers in a free text as typed ("RPE 11-13", "1-2 lb", "0-3/10", "5-10s"): not
# part of a longer run of numbers and hyphens (a date, "555-123-4567"), nor after a letter
# ("COVID-19", an id); a leading 0 ("555-0142") or a 3-4 or 4-4 digit pair (a phone number:
# "555-1234", a Brazilian landline's "3456-7890") is no range, but whole hundreds are ("500-1000
# steps", "2000-3000 steps")
_TYPED_RANGE = re.compile(r"(?<![\w.,\-–/])(\d+(?:[.,]\d+)?)-(\d+(?:[.,]\d+)?)"
                          r"(?![\d\-–]|[.,]\d)")
# what says the number after it is an id or a part number, not an amount ("band #12-345",
# "No. 4-12", "SKU: 12-345"; French "n° 12-345", "réf.", German "Nr."): it keeps its hyphen
_CODE_BEFORE = re.compile(r"(?:[#№]|\b(?:no\.|nº|n°|n\.º|nr\.?|sku|id|r[eé]f\.?|model|"
                          r"part no\.?))\s*:?\s*$", re.IGNORECASE)


def ranges_marked(said: str, mark: str) -> str:
    """``said`` with each range of numbers typed with a hyphen written with ``mark`` (the
    language's, ``text.range_mark``), as the template prints the dose's own numbers: "RPE
    11-13" beside "1–2 sets" read as two kinds of range."""
    def marked(found: re.Match) -> str:
        lo, hi = found.groups()
        numbers = [float(n.replace(",", ".")) for n in (lo, hi)]
        phone = (len(lo), len(hi)) in ((3, 4), (4, 4)) and not all(
            n.isdigit() and n.endswith("00") for n in (lo, hi))
        if any(n[0] == "0" and len(n) > 1 and n[1].isdigit() for n in (lo, hi)) \
                or phone or numbers[0] >= numbers[1] \
                or _CODE_BEFORE.search(said, 0, found.start()):
            return found.group()
        return f"{lo}{mark}{hi}"
    return _TYPED_RANGE.sub(marked, said) if "-" in said else said


def first_stage(dose: Dose) -> Dose:
    """The dose of a progression's first stage (the dose itself without one): what the log
    and the session's minutes count."""
    return dose.stage_doses()[0] if dose.progression else dose


def rest_after_each_rep(dose: Dose) -> bool:
    """Whether the dose's rest comes between one rep and the next, as dose.txt says it
    ("Relax 10 seconds after each hold"): it has reps, more than one, and no sets to rest
    between (one set is none)."""
    reps = dose.reps
    one = isinstance(reps, Span) and not reps.by_feel and not reps.is_range and reps.hi == 1
    return bool(dose.rest and not _sets(dose) and reps and not one)


def _sets(dose: Dose) -> bool:
    """Whether the dose has sets to rest between: more than one (a range counts, "1-2")."""
    return bool(dose.sets and (dose.sets.is_range or dose.sets.hi > 1))


def often_by_week(dose: Dose) -> bool:
    """Whether how often the exercise is done changes from stage to stage. The card's *How
    often* then says "Week by week" (over the table headed so), each stage's row saying its
    own; else it says the one all stages share, which need not be the dose's own (a dose
    of 2 times a day whose every stage is 3 days a week: 2 times a day is never asked)."""
    oftens = [d.frequency for d in dose.stage_doses()]
    return any(f != oftens[0] for f in oftens)


def stage_says_often(dose: Dose, index: int) -> bool:
    """Whether the words of the progression's stage ``index`` end with how often: in every
    stage where stages differ in it, else in a stage that sets it itself."""
    return often_by_week(dose) or "frequency" in dose.progression[index].model_fields_set


def session_seconds(dose: Dose, languages: Sequence[str] | None = None,
                    wording: text.Wording = text.PACKAGE) -> float:
    """About how long one session of this exercise takes, from the middle of each range;
    a side's words read in ``languages`` (``sides_worked``). Nothing where the dose says how
    much of nothing: a daily task (dressing one-handed, a tub transfer) is done in the patient's
    day, and timing its steps as a rep told an OT's patient her tasks took a minute."""
    dose = first_stage(dose)
    if not any((dose.reps, dose.sets, dose.hold, dose.duration, dose.breaths, dose.distance)):
        return 0.0
    reps = REPS_BY_FEEL if isinstance(dose.reps, Limit) else dose.reps.mid if dose.reps else 1
    if isinstance(dose.duration, Limit):
        work = SECONDS_BY_FEEL
    elif dose.duration:
        work = dose.duration.seconds.mid
    elif dose.breaths:
        work = dose.breaths.mid * SECONDS_PER_BREATH * reps
    elif dose.hold:
        work = (dose.hold.seconds.mid + BETWEEN_REPS_SECONDS) * reps
    else:
        work = SECONDS_PER_PLAIN_REP * reps
    if rest_after_each_rep(dose):
        work += dose.rest.seconds.mid * (reps - 1)
    sets = dose.sets.mid if dose.sets else 1
    sides = sides_worked(dose.side, languages, wording)
    rest = dose.rest.seconds.mid * (sets - 1) if dose.rest else 0
    return SETUP_SECONDS + work * sets * sides + rest * sides


def days_in_log(dose: Dose) -> str:
    """Which days of the week's log get boxes: "every" day, "alternate" ones (day 1, 3, 5
    and 7: "every other day"), or "some" ("3 days a week": the patient chooses which, so the
    log says how often beside the exercise; a box on every day alone reads as every day;
    "after exercise", "as needed" and "each time you bathe" go by the patient's days too)."""
    often = first_stage(dose).frequency
    if often and often.on_occasion:
        return "some"
    if often and often.every_other_day:
        return "alternate"
    if often and often.days_per_week is not None and often.days_per_week.lo < 7:
        return "some"
    return "every"


def days_in_logs(doses: list[Dose]) -> list[str]:
    """Each exercise's days in the log (``days_in_log``); one done "after exercise" on the
    days of the exercises it follows where they all go "every other day" (else on the
    patient's days: every day's boxes, how often beside it)."""
    days = [days_in_log(dose) for dose in doses]
    others = {d for dose, d in zip(doses, days) if not occasion(dose)}
    return ["alternate" if others == {"alternate"} and after_exercise(dose) else d
            for dose, d in zip(doses, days)]


def occasion(dose: Dose) -> bool:
    """Whether the dose is done on an occasion ("after exercise", "as needed", "each time you
    get dressed")."""
    often = first_stage(dose).frequency
    return bool(often and often.on_occasion)


def after_exercise(dose: Dose) -> bool:
    often = first_stage(dose).frequency
    return bool(often and often.when == "after exercise")


def tallied(dose: Dose) -> bool:
    """Whether the log gives the exercise a line to mark each time rather than boxes:
    "as needed" and "each time you get dressed" set no number of times to check off."""
    often = first_stage(dose).frequency
    return bool(often and (often.when == "as needed" or often.occasion))


def times_in_log(doses: list[Dose]) -> list[int]:
    """Each exercise's times a day in the log (``times_per_day``); one done "after
    exercise" as often as the others are done (the most times a day among those the log
    gives boxes, at least once)."""
    counts = [times_per_day(dose) for dose in doses]
    others = [n for dose, n in zip(doses, counts)
              if not after_exercise(dose) and not tallied(dose) and n <= MAX_BOXES]
    return [max(others, default=1) if after_exercise(dose) else n
            for dose, n in zip(doses, counts)]


def fewest_per_day(dose: Dose) -> int:
    """The fewest times a day the dose asks for, as ``times_per_day`` the most: "3-5 times a
    day" is to be marked 3 to 5 times, not 5."""
    dose = first_stage(dose)
    per_day: Span | None = dose.frequency.times_a_day if dose.frequency else None
    return max(1, int(per_day.lo)) if per_day else 1


def times_per_day(dose: Dose) -> int:
    """Times a day in the log: the most times a day the dose asks for (at least one);
    "every 2 hours" counts the waking day."""
    dose = first_stage(dose)
    per_day: Span | None = dose.frequency.times_a_day if dose.frequency else None
    return max(1, int(per_day.hi)) if per_day else 1
