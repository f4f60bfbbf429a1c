"""A time as therapists write it other than "5-10 s", made plain before it is read
(quantities.py): a time in words or with a half ("a minute", "1 1/2 min"), a range whose
ends are in two units ("30 s to 1 min"); and the most the patient can ("as able", "as long as
you can"), which a handout does not print. And the numbers and units a time is written in."""

from __future__ import annotations

import re

from handouts.lazy_patterns import CompiledOnFirstUse as first_use

NUMBER = r"\d+(?:[.,]\d+)?"
UNITS = {
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
}


def number(text: str) -> float:
    return float(text.replace(",", "."))


def fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


# a time in words, or with a half: "a minute", "one hour", "half a minute", "a half hour",
# "1 1/2 min", "1½ minutes", "2 and a half minutes", "a minute and a half", "2 hours and a
# half"
_ONE = r"(?:a|an|one)"
_HALF = r"(?:1/2|½|and\s+a\s+half)"
# (each compiled on first use, as is _TWO_UNITS_RE: read only where a time as usually
# written is not found, which a cold build never meets)
_SPELLED = (first_use(rf"^\s*{_ONE}\s+(?P<unit>[a-z]+)\s*$", re.I),
            first_use(rf"^\s*(?:(?:a\s+)?half\s+(?:{_ONE}\s+)?|1/2\s*|½\s*)(?P<unit>[a-z]+)\s*$",
                      re.I),
            first_use(rf"^\s*(?P<whole>\d+)\s*{_HALF}\s*(?P<unit>[a-z]+)\s*$", re.I),
            first_use(rf"^\s*(?:{_ONE}\s+|(?P<whole>\d+)\s*)?(?P<unit>[a-z]+)\s+and\s+a\s+half\s*$",
                      re.I))


def plain(text: str) -> str | None:
    """``text`` as a time is plainly written ("1 min", "30-60 s"), where it is one in words
    or with a half, or a range in two units; None where it is neither."""
    both = _TWO_UNITS_RE.match(text)
    if both and UNITS.get(both["lo_unit"].lower()) and UNITS.get(both["hi_unit"].lower()):
        return _in_one_unit(text, both)
    return _in_figures(text)


def words_after(text: str) -> dict[str, str] | None:
    """A time in words or with a half with words after it ("a minute each side"): the time
    as plainly written and the words, as a time in figures with words after it is told
    where they go; None for any other text."""
    words = text.split()
    for end in range(len(words) - 1, 0, -1):  # the longest time first: "a minute and a half"
        time = _in_figures(" ".join(words[:end]))
        if time:
            return {"time": time, "after": " ".join(words[end:])}
    return None


def _in_figures(text: str) -> str | None:
    """A time written in words or with a half (``_SPELLED``) as one in figures: a whole
    number of its unit ("1 min"); up to 90 of the next smaller one in that ("90 s" for
    "1 1/2 min", as a patient reads 90 seconds more easily than 1.5 minutes); else a decimal
    ("2.5 min", not 150 s); None for any other text."""
    for index, pattern in enumerate(_SPELLED):
        found = pattern.match(text)
        unit = UNITS.get(found["unit"].lower()) if found else None
        if unit:
            whole = int(found["whole"] or 1) if "whole" in pattern.groupindex else 0
            amount = (1, 0.5, whole + 0.5, whole + 0.5)[index]
            if amount == int(amount) or unit == "s" or amount * 60 > 90:
                return f"{fmt(amount)} {unit}"
            smaller = {"min": "s", "h": "min"}[unit]
            return f"{fmt(amount * 60)} {smaller}"
    return None


# "30 s to 1 min", "30 s - 1 min": a range whose ends are in two units, as therapists write
# one that crosses a minute; read in the smaller of them ("30-60 s")
_TWO_UNITS_RE = first_use(rf"^\s*(?P<lo>{NUMBER})\s*(?P<lo_unit>[a-z]+)\.?\s*(?:-|–|—|to)\s*"
                          rf"(?P<hi>{NUMBER})\s*(?P<hi_unit>[a-z]+)\.?\s*$", re.IGNORECASE)
_SECONDS_IN = {"s": 1, "min": 60, "h": 3600}


def _in_one_unit(text: str, found: re.Match) -> str:
    """A range in two units as one in the smaller: "30 s to 1 min" as "30-60 s"; refused
    where it runs backwards ("1 min to 30 s"), said of what was typed."""
    lo_unit, hi_unit = (UNITS[found[part].lower()] for part in ("lo_unit", "hi_unit"))
    unit = min(lo_unit, hi_unit, key=_SECONDS_IN.__getitem__)
    lo, hi = (number(found[end]) * _SECONDS_IN[end_unit] / _SECONDS_IN[unit]
              for end, end_unit in (("lo", lo_unit), ("hi", hi_unit)))
    if lo > hi:
        raise ValueError(f'"{text}": the range runs backwards; put the shorter time first '
                         f'(e.g. "{fmt(hi)}-{fmt(lo)} {unit}")')
    return f"{fmt(lo)}-{fmt(hi)} {unit}" if lo != hi else f"{fmt(lo)} {unit}"


# the most the patient can, for a count or a time ("as able", "AMRAP", "as long as you can"),
# which a handout does not print; compiled on first use, as it is read only where a count or
# time is not
_AS_MUCH_AS_ABLE = first_use(r"^(?:as able|as much as (?:you )?(?:can|able)|as many as (?:you "
                             r")?(?:can|able)|as long as (?:you )?(?:can|able)|amrap|max(?:imum)?"
                             r"|as many as possible|as long as possible)$", re.IGNORECASE)


def as_able(value: object) -> bool:
    """Whether ``value`` asks for the most the patient can ("as able", "AMRAP")."""
    return isinstance(value, str) and bool(_AS_MUCH_AS_ABLE.match(" ".join(value.split())))
