"""A hold or a rest counted out loud, as a child's is given ("count to 10", "10 counts",
"a count of 5"): kept as a time of so many counts, about a second each, and printed as the
counting it is ("Hold while you count to 10")."""

from __future__ import annotations

import re
from typing import Callable

from handouts.input.quantities import MAX_HOLD_S, MAX_TEXT, RANGE, Duration, span_of

_COUNTED = (re.compile(rf"^\s*(?:for\s+)?(?:a\s+)?count\s+(?:of|to)\s+{RANGE}\s*$", re.I),
            re.compile(rf"^\s*{RANGE}\s*counts?\s*$", re.I))


def or_counted(parse: Callable[[object], Duration]) -> Callable[[object], Duration]:
    """``parse`` (a hold's or a rest's), reading a count too."""
    def read(value: object) -> Duration:
        # a text past a dose value's length is refused as such, by ``parse``
        found = next((m for m in (p.match(value) for p in _COUNTED) if m), None) \
            if isinstance(value, str) and len(value) <= MAX_TEXT else None
        if not found:
            return parse(value)
        span = span_of(found, value, "a count")
        if span.hi > MAX_HOLD_S:
            raise ValueError(f'"{value}" is too long a count; at most a count of {MAX_HOLD_S}')
        if span.lo != int(span.lo) or span.hi != int(span.hi):
            raise ValueError(f'"{value}": a count is of whole numbers (e.g. "count to 10")')
        return Duration(span, "count")
    return read
