"""A hold or a rest counted rather than timed: out loud, as a child's is given ("count to
10", "10 counts", "a count of 5"), about a second a count; or in breaths, as a stretch's
is ("5 breaths", "for 3-5 breaths"), about SECONDS_PER_BREATH each. Printed as the counting
it is ("Hold while you count to 10", "Hold while you take 5 breaths")."""

from __future__ import annotations

import re
from typing import Callable

from handouts.input.quantities import (MAX_HOLD_S, MAX_TEXT, RANGE, SECONDS_PER_BREATH,
                                       Duration, span_of)
from handouts.lazy_patterns import CompiledOnFirstUse as first_use

# (and as the handout says them: "while you count to 10", "while you take 5 breaths"); each
# compiled on first use, as a cold build whose program gives no hold or rest reads none
_COUNTED = (first_use(rf"^\s*(?:for\s+|while\s+you\s+)?(?:a\s+)?count\s+(?:of|to)\s+{RANGE}"
                      r"\s*$", re.I),
            first_use(rf"^\s*{RANGE}\s*counts?\s*$", re.I))
_BREATHS = first_use(rf"^\s*(?:for\s+|while\s+you\s+take\s+)?{RANGE}\s*breaths?\s*$", re.I)
# "5 deep breaths": how to breathe is the steps' to say (pursed-lip breathing is slow, not
# deep), and a word printed beside the number would say it to every patient alike
_BREATHS_SAID_HOW = first_use(rf"^\s*(?:for\s+)?(?P<count>{RANGE})\s*(?P<how>[a-z]+(?:[\s,]+"
                              r"[a-z]+)?)\s+breaths?\s*$", re.I)


def or_counted(parse: Callable[[object], Duration]) -> Callable[[object], Duration]:
    """``parse`` (a hold's or a rest's), reading a count or breaths too."""
    def read(value: object) -> Duration:
        # a text past a dose value's length is refused as such, by ``parse``
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            return parse(value)
        counted = next((m for m in (p.match(value) for p in _COUNTED) if m), None)
        breaths = _BREATHS.match(value)
        if counted:
            return _counted(value, counted, "count", 1, "too long a count; at most a count "
                            "of {}", 'a count is of whole numbers (e.g. "count to 10")')
        if breaths:
            return _counted(value, breaths, "breath", SECONDS_PER_BREATH, "too many breaths"
                            " for a hold or a rest; at most {} breaths",
                            'breaths are whole numbers (e.g. "5 breaths")')
        said_how = _BREATHS_SAID_HOW.match(value)
        if said_how:
            raise ValueError(f'"{value}": write the number of breaths alone ("'
                             f'{said_how["count"]} breaths"); the steps say how to breathe')
        return parse(value)
    return read


def _counted(value: str, found: re.Match, unit: str, seconds_each: int, too_many: str,
             whole: str) -> Duration:
    """A count's or breaths' Duration, within a hold's longest (``too_many`` says so, with
    the most in it) and in whole numbers (``whole`` says so)."""
    span = span_of(found, value, "a count" if unit == "count" else "the number of breaths")
    most = MAX_HOLD_S // seconds_each
    if span.hi > most:
        raise ValueError(f'"{value}" is {too_many.format(most)}')
    if span.lo != int(span.lo) or span.hi != int(span.hi):
        raise ValueError(f'"{value}": {whole}')
    return Duration(span, unit)


def breaths_apart(parse: Callable[[object], object]) -> Callable[[object], object]:
    """``parse`` (a duration's), telling breaths to go in their own key: "Take 10 breaths"."""
    def read(value: object) -> object:
        try:
            return parse(value)
        except ValueError:
            found = _BREATHS.match(value) if isinstance(value, str) and \
                len(value) <= MAX_TEXT else None
            if not found:
                raise
            raise ValueError(f'"{value}" is a number of breaths, not a time; write it as '
                             f'breaths: {found["lo"]}{"-" + found["hi"] if found["hi"] else ""}'
                             ) from None
    return read
