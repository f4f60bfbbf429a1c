"""What to write for how often as a chart or a person says it and a handout cannot print:
days of the week by name ("M/W/F", "Mon, Wed, Fri", "TTh", "weekdays"; a handout's log counts
its days from the handout's date, not by name, so the patient picks them), a number of
times that names no number ("several times a day") or only its least or most ("at least
twice a day", "up to 3 times a day") or no number of days ("most days"), a feeling after
how often ("daily as tolerated"), how long after it ("once a day for 2 weeks"), and the sets
or reps with it ("3 sets daily"), which have keys of their own.
Each is said as not a frequency first, so that another language's words are still tried."""

from __future__ import annotations

import re
from typing import Callable

from handouts.input.quantities import MAX_WEEKS
from handouts.lazy_patterns import CompiledOnFirstUse as first_use

_NAMES = {
    "mon": ("m", "mo", "mon", "monday", "mondays"),
    "tue": ("t", "tu", "tue", "tues", "tuesday", "tuesdays"),
    "wed": ("w", "we", "wed", "weds", "wednesday", "wednesdays"),
    "thu": ("th", "thu", "thur", "thurs", "thursday", "thursdays", "r"),
    "fri": ("f", "fr", "fri", "friday", "fridays"),
    "sat": ("sa", "sat", "saturday", "saturdays"),
    "sun": ("su", "sun", "sunday", "sundays"),
}
_DAY_OF = {name: day for day, names in _NAMES.items() for name in names}
# (the patterns here compiled on first use: read only where how often is not read)
# "MWF", "TTh", "MTWThF": the days run together, as a chart writes them
_RUN_TOGETHER = first_use(r"^(?:m|tu|th|t|w|r|f|sa|su){2,7}$", 0)
_ONE_OF_RUN = first_use(r"m|tu|th|t|w|r|f|sa|su", 0)
# Monday to Friday, said as the days between
_WEEKDAYS = first_use(r"\b(?:(?:on\s+|every\s+)?week\s?days|every\s+weekday|(?:m|mon|monday)"
                      r"\s*(?:-|–|to|through|thru)\s*(?:f|fri|friday))\b", 0)
# "several times a day"; "at least twice a day"; "daily as tolerated"
_NO_NUMBER = first_use(r"\b(?:several|a few|a couple of|many|multiple|some|frequent)\s+"
                       r"times?\b|\bthroughout the day\b|\boften\b", 0)
_LEAST_OR_MOST = first_use(r"^(?P<bound>at least|at most|up to|no more than|not more than|"
                           r"max(?:imum)?(?: of)?|min(?:imum)?(?: of)?)\s+(?P<often>.+)$", 0)
# "once a day for 2 weeks", "daily x 6 wks": how long, which a dose says by its stages
_HOW_LONG = first_use(r"^(?P<often>.+?),?\s+(?:for|x|×)\s*(?:the\s+next\s+)?(?P<lo>\d+)(?:\s*"
                      r"(?:-|–|to)\s*(?P<hi>\d+))?\s*(?P<unit>weeks?|wks?|days?|months?)$", 0)
# "most days", "on some days of the week": how many days, said without a number
_SOME_DAYS = first_use(r"\b(?:most|some|several|a few|many)\s+days\b", 0)
# "3 sets daily", "10 reps twice a day", "2 sets of 10 reps, once a day", "3x10 daily": a
# count of the exercise itself, written where how often goes
_REPS = r"(?P<{}>\d+(?:\s*(?:-|–)\s*\d+)?)(?:\s*(?:reps?|repetitions?))?"
_COUNT_OF = first_use(r"(?:^|(?<=[\s,]))(?P<said>(?P<n>\d+(?:\s*(?:-|–|to)\s*\d+)?)\s*"
                      r"(?:(?P<unit>sets?|reps?|repetitions?)(?:\s+of\s+" + _REPS.format("of")
                      + r")?|[x×]\s*" + _REPS.format("by") + r"))(?=$|[\s,;])", 0)
_BY_FEEL = first_use(r"^(?P<often>.+?),?\s+(?P<feel>as tolerated|until (?:mild(?:ly)? |a "
                     r"little )?(?:fatigue|tired))$", 0)


def problem(text: str, reads: Callable[[str], bool] = lambda _: False) -> str | None:
    """What to write for ``text``, a frequency the parser did not read; None where it is
    none of the kinds above. ``reads``: whether some text is how often (the parser's own
    test, which quotes what is left of ``text`` where it reads)."""
    lowered = " ".join(text.lower().split())
    by_feel = _BY_FEEL.match(lowered)
    if by_feel:
        return (f'"{text}" is not a frequency: how it feels ("{by_feel["feel"]}") goes on '
                f'its own, or on the reps or duration ("reps: {by_feel["feel"]}"); write how '
                f'often alone ("{by_feel["often"]}")')
    how_long = _HOW_LONG.match(lowered)
    if how_long:
        # its weeks where it gives some ("for 6 weeks": weeks 1-6), else an example's
        weeks = int(how_long["hi"] or how_long["lo"]) if how_long["unit"].startswith("w") \
            else 2
        return (f'"{text}" is not a frequency: it says how long too; write how often alone '
                f'("{how_long["often"]}"), and a dose that changes over the weeks as its '
                f'progression (weeks: {"1" if weeks < 2 else f"1-{min(weeks, MAX_WEEKS)}"})')
    bound = _LEAST_OR_MOST.match(lowered)
    if bound:
        least = bound["bound"].startswith(("at least", "min"))
        return (f'"{text}" is not a frequency: a handout prints how often as a number or a '
                f'range, not {"the least" if least else "the most"}; write a range (e.g. '
                f'"{"2-3" if least else "1-3"} times a day")')
    if _NO_NUMBER.search(lowered):
        return (f'"{text}" is not a frequency: it says no number; write how many (e.g. '
                '"3-5 times a day", "every 2 hours")')
    if _SOME_DAYS.search(lowered):
        return (f'"{text}" is not a frequency: it says no number of days; write how many '
                '(e.g. "5 days a week")')
    count = _COUNT_OF.search(lowered)
    if count:
        return _count_of(text, lowered, count, reads)
    return _days_named(text, lowered)


def _count_of(text: str, lowered: str, count: re.Match, reads: Callable[[str], bool]) -> str:
    """A count of sets or reps written with how often: each to its own key."""
    key = "reps" if (count["unit"] or "set").startswith("rep") else "sets"  # "3x10": sets
    reps = (count["of"] or count["by"]) if key == "sets" else None
    counts = (f"counts of sets and reps go on their own keys (sets: {count['n']}, reps: "
              f"{reps})" if reps else f"a count of {key} goes on its own key ({key}: "
              f"{count['n']})")
    rest = lowered[:count.start("said")] + lowered[count.end("said"):]
    rest = " ".join(re.sub(r"^[\s,;x×]+|[\s,;]+$", "", rest).split())
    # an example, in the clinic's words where it has them (key_examples): the words quoted
    # may be another language's made English (reading.py)
    return (f'"{text}" is not a frequency: {counts}; write how often alone (e.g. '
            f'"{rest if rest and reads(rest) else "2 times a day"}")')


def _days_named(text: str, lowered: str) -> str | None:
    if _WEEKDAYS.search(lowered):
        days = 5
    else:
        words = re.split(r"[\s,/&;+.()-]+|\band\b", lowered)
        named = [_DAY_OF[word] for word in words if word in _DAY_OF]
        named += [day for word in words if word not in _DAY_OF and _RUN_TOGETHER.match(word)
                  for day in _ONE_OF_RUN.findall(word)]  # "t" twice: Tuesday and Thursday
        # one letter alone ("f") is no day named: "every 2 hours, f" is a slip, not Friday
        if len(named) < 2 and not any(len(word) > 2 and word in _DAY_OF for word in words):
            return None
        days = len(named)
    if days > 7:
        return None
    return (f'"{text}" is not a frequency: it names days of the week; write how many days in '
            f'their place ("{days} {"day" if days == 1 else "days"} a week"): the log counts '
            "days from the handout's date, and the patient picks them")
