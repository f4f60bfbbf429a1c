"""A dose's count or time given by how it feels rather than by a number ("as tolerated",
"until mild fatigue"), or a number within which the patient goes by feel ("10-15 as
tolerated")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from handouts.input.quantities import (COUNT_EXAMPLE, DURATION_EXAMPLE, Duration, Span,
                                       parse_count, parse_duration)
from handouts.input.written_times import as_able


@dataclass(frozen=True)
class Limit:
    """No number: the patient goes by how it feels ("as tolerated", "until mild fatigue")."""

    value: str

    def __str__(self) -> str:
        return self.value


LIMITS = ("as tolerated", "until mild fatigue")
LIMIT_EXAMPLE = '"as tolerated" or "until mild fatigue"'


def parse_limit(value: object) -> Limit | None:
    if isinstance(value, Limit):
        return value
    if isinstance(value, str) and " ".join(value.lower().split()) in LIMITS:
        return Limit(" ".join(value.lower().split()))
    return None


# a therapist's plainer words for a limit, read as the limit the handout words: "until tired"
# is the patient's muscles feeling a little tired, as a child's dose is given; and after a
# number, "as you can" is "as tolerated" ("10-15 as you can")
_PLAINER = {"until tired": "until mild fatigue", "until a little tired": "until mild fatigue",
            "until mildly tired": "until mild fatigue", "until fatigue": "until mild fatigue",
            "until fatigued": "until mild fatigue", "to fatigue": "until mild fatigue",
            "to tolerance": "as tolerated",
            # how it should feel, in the words the handout prints "as tolerated" in: not the
            # most the patient can (below), but as long (or as many) as it is comfortable
            **dict.fromkeys((f"as {much} as {feels}" for much in ("long", "many")
                             for feels in ("comfortable", "is comfortable",
                                           "it is comfortable", "it's comfortable",
                                           "it feels comfortable", "it feels ok",
                                           "it feels okay")), "as tolerated")}
# the most the patient can ("as able", "AMRAP"), which a handout does not print: a count or
# time by feel says how it should feel ("as tolerated": as long as it feels OK)
_AS_ABLE_HINT = ('{said}: a handout says how it should feel, not the most the patient can; write '
                '"as tolerated" (as long as it feels OK) or "until mild fatigue", or a number')
_FEELS = {**_PLAINER, "as you can": "as tolerated"}
_BY_FEEL_RE = re.compile(r"^(?P<count>.*?\S)\s*,?\s+(?P<feel>as tolerated|as you can|"
                         r"until mild fatigue|until (?:a little |mildly )?tired|"
                         r"until fatigued?|to fatigue|to tolerance)\s*$",
                         re.IGNORECASE)


def _said_as(value: object) -> object:
    """``value``, where it is a limit in plainer words, as the limit's own."""
    if not isinstance(value, str):
        return value
    return _PLAINER.get(" ".join(value.lower().replace("’", "'").split()), value)


def parse_count_or_limit(value: object) -> Span | Limit:
    """Reps: a number, a range, or "as tolerated" / "until mild fatigue", or a number or
    range by feel ("10-15 as tolerated": as many of them as feels OK)."""
    limit = parse_limit(_said_as(value))
    if limit:
        return limit
    by_feel = _BY_FEEL_RE.match(value) if isinstance(value, str) else None
    feel = by_feel and " ".join(by_feel["feel"].lower().split())
    feel = _FEELS.get(feel, feel)
    try:
        return replace(parse_count(by_feel["count"]), by_feel=feel) if by_feel else \
            parse_count(value)
    except ValueError as exc:
        if as_able(value):
            raise ValueError(_AS_ABLE_HINT.format(said=f'"{value}" is not a number or range')
                             ) from None
        said = str(exc).replace(COUNT_EXAMPLE, f'(e.g. "3", "3-5", {LIMIT_EXAMPLE})')
        # a count it could not read at all is what was typed, whole: "as many as you can"
        # was told '"as many" is not a number' (a count read but wrong is told as itself)
        unread = by_feel and said.startswith(f'"{by_feel["count"]}" is not a ')
        raise ValueError(said.replace(f'"{by_feel["count"]}"', f'"{value}"', 1) if unread
                         else said) from None


def parse_duration_or_limit(value: object) -> Duration | Limit:
    limit = parse_limit(_said_as(value))
    if limit:
        return limit
    try:
        return parse_duration(value, up_to=True)
    except ValueError as exc:
        if as_able(value):
            raise ValueError(_AS_ABLE_HINT.format(said=f'"{value}" is not a duration')
                             ) from None
        raise ValueError(str(exc).replace(DURATION_EXAMPLE, f'(e.g. "5-10 s", "1 min", '
                                          f'"up to 10 min", {LIMIT_EXAMPLE})')) from None

