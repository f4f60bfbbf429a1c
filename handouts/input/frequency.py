"""How often a patient does an exercise, parsed from what a therapist writes ("2 times a
day, 5 days a week", "every 2 hours while awake", "every other day") and printed back as
the canonical string it parses from (see quantities.py for the values a dose is made of)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handouts.input.quantities import (HUGE, MAX_PER_DAY, RANGE, Limit, Span, parse_count,
                                       parse_limit, short_text, span_of)


@dataclass(frozen=True)
class Frequency:
    """How often: times a day and/or days a week."""

    per_day: Span | None = None
    days_per_week: Span | None = None
    every_hours: Span | None = None  # "every 2 hours": while awake
    while_awake: bool = False  # said so: "every hour while awake"
    every_other_day: bool = False
    limit: Limit | None = None  # "as tolerated"

    @property
    def times_a_day(self) -> Span | None:
        """Times a day, said or worked out ("every 2 hours" over the waking day)."""
        if self.every_hours:
            return Span(max(1, WAKING_HOURS // self.every_hours.hi),
                        max(1, WAKING_HOURS // self.every_hours.lo))
        return self.per_day

    def __str__(self) -> str:
        if self.limit:
            return str(self.limit)
        parts = []
        if self.every_hours:
            hours = "every hour" if str(self.every_hours) == "1" else \
                f"every {self.every_hours} hours"
            parts.append(hours + (" while awake" if self.while_awake else ""))
        if self.every_other_day:
            parts.append("every other day")
        if self.per_day:
            parts.append("once a day" if str(self.per_day) == "1" else f"{self.per_day} times a day")
        if self.days_per_week:
            parts.append(f"{self.days_per_week} days a week")
        return ", ".join(parts)


FREQUENCY_EXAMPLE = ('(e.g. "once a day", "2 times a day", "3 days a week", "every 2 hours", '
                     '"every other day", "as tolerated")')
# the hours a patient is awake: "every 2 hours" is 8 times a day
WAKING_HOURS = 16
_EVERY_HOURS = re.compile(rf"^every\s+(?:{RANGE}\s*hours?|hour)"
                          r"(?P<awake>\s+while\s+(?:you\s+are\s+)?awake)?$")


def parse_frequency(value: object) -> Frequency:
    if isinstance(value, Frequency):
        return value
    text = short_text(value)
    if not isinstance(value, str) or not text.strip():
        raise ValueError(f'"{text}" is not a frequency {FREQUENCY_EXAMPLE}')
    limit = parse_limit(value)
    if limit:
        return Frequency(limit=limit)
    per_day = days = hours = None
    awake = other_day = False
    for piece in re.split(r"\s*[,;]\s*|\s+and\s+|(?:(?<=\bday)|(?<=daily))\s+",
                          text.strip().lower()):  # "once a day 5 days a week" is two parts
        piece = " ".join(piece.split())
        piece = re.sub(r"(?<=\S) daily$", " a day", piece)  # "twice daily", "3 times daily"
        hourly = _EVERY_HOURS.match(piece)
        if hourly and hours is None and per_day is None:
            hours = Span(1, 1) if not hourly["lo"] else span_of(hourly, text, "the hours")
            if hours.lo < 1:
                raise ValueError(f'"{text}": at most once an hour')
            awake = bool(hourly["awake"])
            continue
        if piece == "every other day" and days is None and not other_day:
            other_day = True
            continue
        if piece in ("daily", "every day"):
            per_day = per_day or Span(1, 1)
            continue
        match = re.match(rf"^(?:{RANGE}|(?P<word>once|twice))\s*(?:times?|x)?\s*(?:a|per|/)\s*"
                         r"(?P<period>day|week)$", piece)
        days_match = re.match(rf"^{RANGE}\s*days?\s*(?:a|per|/)\s*week$", piece)
        if days_match and days is None and not other_day:
            days = span_of(days_match, text, "the number of days")
            if days.hi > 7:
                raise ValueError(f'"{text}": a week has only 7 days')
        elif match and match["period"] == "day" and per_day is None and hours is None:
            if match["word"]:
                per_day = Span(1, 1) if match["word"] == "once" else Span(2, 2)
            else:
                per_day = parse_count(f'{match["lo"]}-{match["hi"]}' if match["hi"] else match["lo"],
                                      HUGE)
            if per_day.hi > MAX_PER_DAY:
                raise ValueError(f'"{text}": a day has room for at most {MAX_PER_DAY} '
                                 "sessions")
        elif match and match["period"] == "week" and days is None and not other_day:
            # "3 times a week" reads as three days a week, once on each
            if match["word"]:
                days = Span(1, 1) if match["word"] == "once" else Span(2, 2)
            else:
                days = parse_count(f'{match["lo"]}-{match["hi"]}' if match["hi"] else match["lo"],
                                   HUGE)
            if days.hi > 7:
                raise ValueError(f'"{text}": more than 7 times a week; say how many times a day')
        else:
            raise ValueError(f'"{text}" is not a frequency {FREQUENCY_EXAMPLE}')
    return Frequency(per_day, days, hours, awake, other_day)
