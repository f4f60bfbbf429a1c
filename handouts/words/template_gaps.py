"""A clinic's own ``dose.txt`` or ``frequency.txt`` meeting a dose it does not know.

A clinic's copy of a template (``templates/<lang>/`` in its folder) is as old as the day it
was copied: a dose form added since ("after exercise", "10-15 as tolerated") reaches it with
a value it has no words for. It then prints nothing ("How often" empty), or the dose without
that part ("Repeat 10–15 times"), or it cannot be filled in. Each is found by asking both
templates: a part of the dose the package's template words (its words change without it)
that the clinic's leaves out (its words stay the same) is a gap. Where the gap would leave a
patient with no words or with a wrong dose, the handout prints the package's words for that
dose instead, and the build warns; ``check`` warns of every gap.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import HandoutError
from handouts.input.frequency import Frequency
from handouts.input.dose_models import Dose
from handouts.input.quantities import SECONDS_PER_BREATH, Duration, Span
from handouts.words import joins, template_files, text

# what the package's templates ask of each new part
_VALUES = {"when": '"after exercise", "as needed", "morning", "evening", "bedtime"',
           "occasion": '"each time you get dressed", printed as written',
           "also_at": '"evening", "bedtime" after frequency.when: "every morning and at bedtime"',
           "while_sitting": '"every 30 minutes while sitting"',
           "reps.by_feel": '"as tolerated", "until mild fatigue"',
           "hold.up_to": 'true for "up to 10 s", the most',
           "duration.up_to": 'true for "up to 10 min", the most',
           "hold.unit": '"count" for "count to 10", counted out loud; "breath" for "5 breaths"',
           "rest.unit": '"count" for "count to 10", counted out loud; "breath" for "5 breaths"',
           "every_minutes": 'a span of minutes, "every 30 minutes", as every_hours is of hours',
           "places": 'after how often, "3 times a day: lying, sitting, standing", printed as '
                     'written'}


@dataclass(frozen=True)
class Gap:
    """A dose part the clinic's template leaves out."""

    template: Path  # the clinic's file, in its folder: templates/<lang>/<name>
    # a dose.txt part ("hold", "reps.by_feel") or a frequency.txt one ("when"); "": the
    # whole, printed as nothing
    part: str
    value: str  # the dose value as written: "after exercise"
    missing: str  # the part's own value: "as needed", "as tolerated"
    shown: str | None  # what the clinic's template prints ("": nothing; None: it fails)
    fallback: bool  # the handout prints the package's words instead

    @property
    def in_seconds(self) -> bool:
        """A hold or rest in breaths the clinic's template has no words for, in a language
        the package has none for either: printed as the seconds it takes ("5 breaths" as 40
        seconds), not as so many seconds ("5 seconds", an eighth of the hold)."""
        return not self.fallback and (self.part, self.missing) in _IN_SECONDS

    def told(self, place: str, home: Path | None = None) -> str:
        """One line: the file (in ``home``; else named as in the clinic's folder, as a
        handout's warnings are: they are part of its id, the same wherever it is built),
        the place, what it prints, what to add."""
        name = self.template.name
        variable = ("frequency" if name == "frequency.txt" else "dose") + (
            f".{self.part}" if self.part else "")
        if not self.part:
            what = "prints nothing" + (' under "How often"' if name == "frequency.txt" else "")
        elif self.shown is None:
            what = f'cannot be filled in: no words for {variable} "{self.missing}"'
        elif not self.shown:
            what = "prints nothing" + (' under "How often"' if name == "frequency.txt" else "") \
                + f' (no words for {variable} "{self.missing}")'
        elif name == "frequency.txt":
            what = f'prints as "{self.shown}" (no words for {variable} "{self.missing}")'
        elif self.in_seconds:
            what = (f"prints its breaths as seconds, {SECONDS_PER_BREATH} a breath (no words "
                    f"for {variable})")
        else:
            what = f'prints without "{self.missing}" (no words for {variable})'
        printed = ("the handout prints the package's words for it instead" if self.fallback
                   else "the handout prints it so")
        values = f" ({_VALUES[self.part]})" if self.part in _VALUES else ""
        package = f"handouts/words/templates/{_reference(self.template.parent.name, name)}/{name}"
        add = f"{variable}{values} to it as {package} words it" if self.part else \
            f"words for it, as {package} has"
        where = home / self.template if home else f"the clinic's {self.template.as_posix()}"
        return (f'{where}: {place}: "{self.value}" {what}; {printed}; add {add} '
                "(docs/library.md: The clinic's own wording)")


def frequency_words(frequency: Frequency | None, language: str, wording: text.Wording,
                    first_name: str | None = None) -> str:
    """How often in words: the clinic's template's, or the package's where it has a gap
    that leaves the patient none or a wrong one; ``first_name``: see ``words.dose.phrase``."""
    gaps = _cached(frequency_gaps, frequency, language, wording)
    if any(g.fallback for g in gaps):
        return _frequency(frequency, _reference(language, "frequency.txt"), text.PACKAGE,
                          first_name)
    return _frequency(frequency, language, wording, first_name)


def dose_words(dose: Dose, language: str, wording: text.Wording,
               first_name: str | None = None) -> tuple[str, ...]:
    """The dose in words, as ``frequency_words`` for how often."""
    gaps = _cached(dose_gaps, dose, language, wording)
    if any(g.fallback for g in gaps):
        return _dose(dose, _reference(language, "dose.txt"), text.PACKAGE, first_name)
    timed = {g.part.split(".")[0] for g in gaps if g.in_seconds}
    if timed:
        dose = dose.model_copy(update={name: _timed(getattr(dose, name)) for name in timed})
    return _dose(dose, language, wording, first_name)


def _timed(breaths: Duration) -> Duration:
    """A time in breaths as the seconds they take; in minutes where they are whole minutes
    past 90 seconds (15 breaths: 2 minutes, as a template words times in either)."""
    span = breaths.seconds
    if span.hi > 90 and span.lo % 60 == 0 and span.hi % 60 == 0:
        return Duration(Span(span.lo / 60, span.hi / 60), "min")
    return Duration(span, "s")


def told(place: str, dose: Dose, languages, wording: text.Wording,
         home: Path | None = None) -> list[str]:
    """Every gap the clinic's templates leave in ``dose`` (and each stage of its
    progression) in ``languages``, one line each at ``place`` ("exercises[ice]"); the
    files named in ``home`` where it is given (see ``Gap.told``)."""
    if not wording.own or not (wording.own / "templates").is_dir():
        return []
    found: dict[str, None] = {}
    for whole in (dose, *dose.stage_doses()):
        for language in languages:
            for gap in _cached(dose_gaps, whole, language, wording):
                part = f".{gap.part.split('.')[0]}" if gap.part else ""
                found[gap.told(f"{place}.dose{part}", home)] = None
            for gap in _cached(frequency_gaps, whole.frequency, language, wording):
                found[gap.told(f"{place}.dose.frequency", home)] = None
    return list(found)


@functools.lru_cache(maxsize=256)
def frequency_gaps(frequency: Frequency | None, language: str,
                   wording: text.Wording) -> tuple[Gap, ...]:
    if frequency is None:
        return ()
    # the part added since clinics copied the template; one it prints nothing for at all
    # ("every 2 hours" in a language of the clinic's own that words times a day alone) is
    # found whatever its part. Its other parts are not asked after one by one: a flag such
    # as while_awake may be worded always ("every 2 hours" said as "while awake" in Hebrew);
    # while sitting is no such flag: without it the patient is told to do it all day
    # ("every 30 minutes, 5 days a week" printed as "5 days a week": the minutes are asked
    # after as the times of day are, or a template that words the days hides them)
    variants = {part: (dataclasses.replace(frequency, **{part: unset}),
                       _said(getattr(frequency, part), part))
                for part, unset in _ADDED.items() if getattr(frequency, part)}
    return _gaps(frequency, variants, str(frequency), language, "frequency.txt", wording,
                 _frequency)


# the parts of how often added since clinics copied the template, and each one's value unset
_ADDED = {"when": None, "occasion": None, "every_minutes": None, "also_at": (),
          "while_sitting": False, "places": ()}


def _said(value, part: str) -> str:
    """A part's value as a warning names it: the other times of day by name, a flag by its
    words."""
    if part == "while_sitting":
        return "while sitting"
    if part == "places":
        return ", ".join(value)
    return " and ".join(value) if isinstance(value, tuple) else value


# a time's parts added since clinics copied the template: the dose key, the part, its added
# value, the value it had before, and its words in a warning. A template that knows neither
# prints the time as so many seconds: "up to 10 s" as 10 s, "count to 10" as 10 s
_ADDED_TIMES = (("hold", "up_to", True, False, "up to"),
                ("duration", "up_to", True, False, "up to"),
                ("hold", "unit", "count", "s", "count to"),
                ("rest", "unit", "count", "s", "count to"),
                ("hold", "unit", "breath", "s", "breaths"),
                ("rest", "unit", "breath", "s", "breaths"))
# the parts a template without words for breaths prints as seconds (Gap.in_seconds): as
# _ADDED_TIMES names them ("count to 10" goes as 10 seconds, about the time it takes)
_IN_SECONDS = {(f"{name}.{part}", said) for name, part, added, _, said in _ADDED_TIMES
               if added == "breath"}


@functools.lru_cache(maxsize=1024)
def dose_gaps(dose: Dose, language: str, wording: text.Wording) -> tuple[Gap, ...]:
    # as frequency_gaps: the parts added since (reps by feel, _ADDED_TIMES), and a dose
    # printed as nothing. The other fields are not asked after one by one: a clinic's
    # template may leave one out on purpose, and a handout made again from the record must
    # stay as it was
    dose = dose.model_copy(update={"progression": ()})
    reps = dose.reps
    variants = {"reps.by_feel": (dose.model_copy(
        update={"reps": dataclasses.replace(reps, by_feel=None)}), reps.by_feel)} \
        if isinstance(reps, Span) and reps.by_feel else {}
    variants.update({f"{name}.{part}": (dose.model_copy(update={name: dataclasses.replace(
        getattr(dose, name), **{part: before})}), said)
        for name, part, added, before, said in _ADDED_TIMES
        if getattr(getattr(dose, name), part, None) == added})
    if variants:
        value = ", ".join(str(getattr(dose, part.split(".")[0])) for part in variants)
    else:
        value = ", ".join(f"{name}: {getattr(dose, name)}" for name in Dose.model_fields
                          if name not in ("frequency", "progression", "alternatives")
                          and getattr(dose, name))
    return tuple(_gaps(dose, variants, value, language, "dose.txt", wording,
                       lambda d, lang, w: joins.join(lang, _dose(d, lang, w))))


def _gaps(whole, variants: dict, value: str, language: str, name: str,
          wording: text.Wording, words) -> list[Gap]:
    own = Path("templates", language, name)
    if not wording.own or not (wording.own / own).is_file():
        return []
    reference = _reference(language, name)
    package = words(whole, reference, text.PACKAGE)
    try:
        shown = words(whole, language, wording)
    except HandoutError:
        shown = None
    found = []
    for part, (without, missing) in variants.items():
        try:
            if words(without, reference, text.PACKAGE) == package:
                continue  # the package's template does not word it either
            if shown is not None and words(without, language, wording) != shown:
                continue  # the clinic's words it
        except HandoutError:
            continue  # the template fails without the part too: its own trouble (check)
        # no words, or a wrong dose where the package has the language's right ones
        found.append(Gap(own, part, value, missing, shown,
                         fallback=bool(package) and (reference == language or not shown)))
    if not found and shown == "" and package:
        found.append(Gap(own, "", value, value, shown, fallback=True))
    return found


def _cached(function, value, language: str, wording: text.Wording) -> tuple[Gap, ...]:
    try:
        return function(value, language, wording)
    except TypeError:  # a value that cannot be a key (a list): found now
        return function.__wrapped__(value, language, wording)


def _reference(language: str, name: str) -> str:
    """The package's template a clinic's is compared with: its own language's, else the
    English one a language of the clinic's own was made from."""
    return language if (text.TEMPLATES / language / name).is_file() else "en"


# each template is given the patient's first name in a caregiver's handout, else none: its
# words name the patient there where they would say "your" (a gap is found without it)
def _frequency(frequency: Frequency | None, language: str, wording: text.Wording,
               first_name: str | None = None) -> str:
    # the template gives each part on a line; a part that goes on the line before starts
    # with a comma, or with the colon before the places of each time
    joined = ""
    for line in template_files.render_lines(language, "frequency.txt", wording,
                                            frequency=frequency, first_name=first_name):
        joined += line if not joined or line.startswith(":") else " " + line
    return joined.replace(" ,", ",")


def _dose(dose: Dose, language: str, wording: text.Wording,
          first_name: str | None = None) -> tuple[str, ...]:
    return tuple(template_files.render_lines(language, "dose.txt", wording, dose=dose,
                                             first_name=first_name))
