"""A time as therapists write it other than "5-10 s", made plain before it is read
(quantities.py): a time in words or with a half ("a minute", "1 1/2 min"), a range whose
ends are in two units ("30 s to 1 min"); and the most the patient can ("as able", "as long as
you can"), which a handout does not print. And the numbers and units a time is written in."""

from __future__ import annotations

import re

from handouts.lazy_patterns import CompiledOnFirstUse as first_use

NUMBER = r"\d+(?:[.,]\d+)?"
# a number or a range of them, "3", "5-10", "10 to 15"
RANGE = rf"(?P<lo>{NUMBER})(?:\s*(?:-|–|—|to)\s*(?P<hi>{NUMBER}))?"
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
    or with a half, a range in two units, a time in two units ("1 min 30 s") or in primes
    (``30"``); None where it is none of these."""
    primed = _in_units(text)
    if primed:
        return primed
    both = _TWO_UNITS_RE.match(text)
    if both and UNITS.get(both["lo_unit"].lower()) and UNITS.get(both["hi_unit"].lower()):
        return _in_one_unit(text, both)
    two = _TWO_PARTS_RE.match(text)
    if two and UNITS.get(two["big_unit"].lower()) and UNITS.get(two["small_unit"].lower()):
        one = _in_one(int(two["big"]), two["big_unit"], int(two["small"]), two["small_unit"])
        if one is None:  # "30 s 1 min", "1 min 75 s": the time alone would be half of it
            raise ValueError(f'"{text}" is not a duration: write a time in two units the '
                             'larger first (e.g. "1 min 30 s"), or in one unit ("90 s")')
        return one
    return _in_figures(text)


# seconds and minutes in primes, as a chart writes them: 30" (or 30'', 30″) and 1' (1′), a
# range (5-10") or both (1'30"); in a hold, a rest or a duration they can be no inches or
# feet. Made units, the time is read as any other; only a text that is such a time whole
_SECONDS_PRIME = "(?:\"|”|″|''|’’|′′)"
_MINUTES_PRIME = "(?:'|’|′)"
_PRIMED = first_use(rf"^\s*(?:{NUMBER}\s*(?:{_SECONDS_PRIME}|{_MINUTES_PRIME})?\s*(?:-|–|—|to)"
                    rf"\s*)?{NUMBER}\s*(?:{_SECONDS_PRIME}|{_MINUTES_PRIME}\s*(?:{NUMBER}\s*"
                    rf"{_SECONDS_PRIME})?)\s*$", re.IGNORECASE)
_SECONDS_PRIMED = first_use(rf"({NUMBER})\s*{_SECONDS_PRIME}", 0)
_MINUTES_PRIMED = first_use(rf"({NUMBER})\s*{_MINUTES_PRIME}", 0)


def _in_units(text: str) -> str | None:
    """``text`` with its primes made units ("30 s", "1 min 30 s"); None where it is no time
    in primes."""
    if not any(prime in text for prime in "\"”″'’′") or not _PRIMED.match(text):
        return None
    made = _MINUTES_PRIMED.sub(r"\1 min ", _SECONDS_PRIMED.sub(r"\1 s ", text))
    return " ".join(made.split())


# "1 min 30 s", "1 min and 30 sec", "1 hr 30 min": a time in two units, the larger first, as
# a timer says it. "Write the time alone: hold: 1 min" would have halved a 90-second hold
_TWO_PARTS_RE = first_use(r"^\s*(?P<big>\d+)\s*(?P<big_unit>[a-z]+)\.?,?\s*(?:and\s+)?"
                          r"(?P<small>\d+)\s*(?P<small_unit>[a-z]+)\.?\s*$", re.IGNORECASE)
# "0:30", "1:30": minutes and seconds, or hours and minutes (``clock``)
_CLOCK_RE = first_use(r"^\s*(?P<big>\d{1,2})\s*:\s*(?P<small>[0-5]\d)\s*$", 0)


def _in_one(big: int, big_unit: str, small: int, small_unit: str) -> str | None:
    """A time in two units as one in figures: minutes and seconds in seconds up to 90 s ("1
    min 30 s" is "90 s", as "1 1/2 min" is), a whole or half minute past that ("2.5 min"),
    else in seconds ("140 s"); hours and minutes in minutes, as a duration is kept. None
    where the units are not a larger and the next smaller, or the smaller past 59."""
    big_unit, small_unit = UNITS.get(big_unit.lower()), UNITS.get(small_unit.lower())
    if (big_unit, small_unit) not in (("min", "s"), ("h", "min")) or small > 59:
        return None
    total = big * 60 + small
    if big_unit == "h":
        return f"{total} min"
    if small == 0:
        return f"{big} min"
    return f"{total} s" if total <= 90 or small != 30 else f"{big}.5 min"


def clock(text: str) -> tuple[str, str] | None:
    """A time as a clock writes it ("1:30"), as it reads in minutes and seconds and as it
    reads in hours and minutes ("90 s", "90 min"); None for any other text."""
    found = _CLOCK_RE.match(text)
    if not found:
        return None
    big, small = int(found["big"]), int(found["small"])
    return _in_one(big, "min", small, "s"), _in_one(big, "h", small, "min")


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
