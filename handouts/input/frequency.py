"""How often a patient does an exercise, parsed from what a therapist writes ("2 times a
day, 5 days a week", "every 2 hours while awake", "every other day") and printed back as
the canonical string it parses from (see quantities.py for the values a dose is made of)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from handouts.input import frequency_chart as chart, frequency_hints
from handouts.input.frequency_words import (COUNT, OCCASION_WORDS, OCCASIONS, OWN_OCCASION,
                                            TIME_WORDS, TIMES_OF_DAY, over_the_day)
from handouts.input.limits import Limit, parse_limit
from handouts.input.quantities import (HUGE, MAX_PER_DAY, RANGE, Span, parse_count, retold,
                                       short_text, span_of)


@dataclass(frozen=True)
class Frequency:
    """How often: times a day and/or days a week; or on an occasion (``when``)."""

    per_day: Span | None = None
    days_per_week: Span | None = None
    every_hours: Span | None = None  # "every 2 hours": while awake
    while_awake: bool = False  # said so: "every hour while awake"
    every_other_day: bool = False
    limit: Limit | None = None  # "as tolerated"
    # "after exercise", "as needed": alone; "morning", "evening", "bedtime": once a day, then
    when: str | None = None
    # a moment of the patient's own day in the therapist's words, "each time you get
    # dressed": alone, and as often as that comes, so no times a day
    occasion: str | None = None
    # "every 30 minutes" while awake: a pressure relief after a spinal cord injury is asked
    # for so, and an hour between them is too long for the skin
    every_minutes: Span | None = None
    # the other times of day named after ``when``, in the day's order: a skin check "every
    # morning and at bedtime" is twice a day, then ("bedtime" after when="morning")
    also_at: tuple[str, ...] = ()
    # "every 30 minutes while sitting": a pressure relief is asked for so, the hours in the
    # chair, not in bed (counted over the waking day, as "while awake")
    while_sitting: bool = False
    # where each of the day's times is done, in the therapist's words, one for each: "3
    # times a day: lying, sitting, standing", a pelvic floor programme's squeezes
    places: tuple[str, ...] = ()

    @property
    def on_occasion(self) -> bool:
        """Done when something happens ("after exercise", "as needed", an ``occasion``),
        not so many times a day."""
        return self.when in OCCASIONS or self.occasion is not None

    @property
    def times_a_day(self) -> Span | None:
        """Times a day, said or worked out ("every 2 hours" over the waking day)."""
        if self.every_hours:
            return Span(max(1, WAKING_HOURS // self.every_hours.hi),
                        max(1, WAKING_HOURS // self.every_hours.lo))
        if self.every_minutes:
            return Span(WAKING_HOURS * 60 // self.every_minutes.hi,
                        WAKING_HOURS * 60 // self.every_minutes.lo)
        return self.per_day

    def __str__(self) -> str:
        return self._said()

    def as_counted(self) -> str:
        """As a handout's id counts it: one day a week as "1 days a week", as it was saved
        before 7 December 2026, so that a handout given then keeps its id (identity.py)."""
        return self._said(one_day="days")

    def _said(self, one_day: str = "day") -> str:
        if self.limit:
            return str(self.limit)
        if self.when in OCCASIONS:
            return self.when
        if self.occasion:
            return self.occasion
        parts = []
        if self.every_hours:
            hours = "every hour" if str(self.every_hours) == "1" else \
                f"every {self.every_hours} hours"
            parts.append(hours + self._while())
        if self.every_minutes:
            parts.append(f"every {self.every_minutes} minutes" + self._while())
        if self.every_other_day:
            parts.append("every other day")
        if self.when:
            parts.append(" and ".join(TIMES_OF_DAY[t] for t in (self.when, *self.also_at)))
        elif self.per_day:
            parts.append(_per_day_said(self.per_day))
        if self.days_per_week:
            days = one_day if str(self.days_per_week) == "1" else "days"
            parts.append(f"{self.days_per_week} {days} a week")
        said = ", ".join(parts)
        return f"{said}: {', '.join(self.places)}" if self.places else said

    def _while(self) -> str:
        return " while sitting" if self.while_sitting else \
            " while awake" if self.while_awake else ""


def _per_day_said(per_day: Span) -> str:
    """Times a day as they are written back: "once a day", "2-3 times a day"."""
    return "once a day" if str(per_day) == "1" else f"{per_day} times a day"


# one of each form that can be written (tests/test_frequency_example.py holds it to that)
FREQUENCY_EXAMPLE = ('(e.g. "2 times a day, 5 days a week", "once or twice a day", '
                     '"every 2 hours", "every 30 minutes", "every other day", "every morning", '
                     '"every evening", "at bedtime", "every morning and at bedtime", '
                     '"3 times a day: lying, sitting, standing", "after exercise", '
                     '"as needed", "each time you get dressed", "as tolerated")')
# the hours a patient is awake: "every 2 hours" is 8 times a day
WAKING_HOURS = 16
# while awake (the waking day, as without it), or while sitting (a pressure relief: the
# hours in the chair)
_WHILE = (r"(?:\s+(?:while|when)\s+(?:you\s+are\s+)?"
          r"(?:(?P<awake>awake)|(?P<sitting>sitting(?:\s+up)?|seated)))?$")
_EVERY_HOURS = re.compile(rf"^every\s+(?:{RANGE}\s*hours?|hour){_WHILE}")
_EVERY_MINUTES = re.compile(rf"^every\s+{RANGE}\s*(?:minutes?|mins?){_WHILE}")
# the shortest time between two sessions: a pressure relief every 15 minutes is asked for;
# less would leave a patient no time for anything else
MIN_MINUTES = 15


def parse_frequency(value: object) -> Frequency:
    if isinstance(value, Frequency):
        return value
    text = short_text(value)
    if not isinstance(value, str) or not text.strip():
        raise ValueError(f'"{text}" is not a frequency {FREQUENCY_EXAMPLE}')
    return _parse_english(value, text)


def _parse_english(value: str, text: str) -> Frequency:
    """How often, in English: another language's words are made English first (reading.py)."""
    limit = parse_limit(value)
    if limit:
        return Frequency(limit=limit)
    occasion = OCCASION_WORDS.get(" ".join(text.lower().replace(".", "").split()))
    if occasion:
        return Frequency(when=occasion)
    said = as_written(text)
    if OWN_OCCASION.match(said):
        if _counted(said):
            raise ValueError(f'"{text}" says an occasion and how often at once; write the '
                             'occasion alone (e.g. "each time you get dressed"), and how many '
                             'times each time as reps, or how often alone (e.g. "2 times a '
                             'day, 5 days a week")')
        return Frequency(occasion=said)
    often, places = _places_of(text)
    if places:
        return _at_places(text, often, places)
    per_day = days = hours = minutes = None
    awake = sitting = other_day = daily = False
    per_week = ""  # "3 times a week", as written: it cannot be every day too
    times: list[str] = []  # the times of day named, as written
    for piece in _pieces(text):
        hourly = _EVERY_HOURS.match(piece)
        by_minutes = _EVERY_MINUTES.match(re.sub(r"^every half(?:\s+an)? hour\b",
                                                 "every 30 minutes", piece))
        if (hourly or by_minutes) and (hours is not None or minutes is not None):
            # "every 90 minutes, every hour" was read as both, and saved so it read no more
            raise ValueError(f'"{text}" says how often by two spans of time; write one (e.g. '
                             '"every 2 hours" or "every 30 minutes")')
        if hourly and hours is None and per_day is None and not times:
            hours = Span(1, 1) if not hourly["lo"] else span_of(hourly, text, "the hours")
            if hours.lo < 1:
                raise ValueError(f'"{text}": at most once an hour')
            awake, sitting = bool(hourly["awake"]), bool(hourly["sitting"])
            continue
        if by_minutes and hours is None and minutes is None and per_day is None and not times:
            minutes = span_of(by_minutes, text, "the minutes")
            if minutes.lo < MIN_MINUTES:
                raise ValueError(f'"{text}": at most every {MIN_MINUTES} minutes')
            awake, sitting = bool(by_minutes["awake"]), bool(by_minutes["sitting"])
            continue
        if piece in _OTHER_DAY and days is None and not other_day:
            other_day = True
            continue
        if piece in _DAILY:
            daily = True  # "every 2 hours, daily": every day, no times a day more
            continue
        if piece in TIME_WORDS and hours is None and minutes is None:
            if TIME_WORDS[piece] in times:
                raise ValueError(f'"{text}" names one time of day twice '
                                 f'({TIMES_OF_DAY[TIME_WORDS[piece]]}); name each once '
                                 '(e.g. "every morning and at bedtime")')
            times.append(TIME_WORDS[piece])  # "once a day in the morning"
            continue
        if piece in OCCASION_WORDS:
            raise ValueError(f'"{text}": "{piece}" goes alone, with nothing else of how often')
        if piece.replace(".", "") in chart.DO_NOT_USE:
            latin = piece.replace(".", "")
            raise ValueError(f'"{text}": {latin.upper()} is easily misread (QD as QID, QOD as '
                             'QD: both are on the Joint Commission\'s "do not use" list); '
                             f'write "{chart.DO_NOT_USE[latin]}" instead')
        # "2 times a day", "2x/day", "2 x day" (a "times" needs no "a" after it)
        match = re.match(rf"^(?:{RANGE}|(?P<word>once or twice|once|twice|thrice))\s*"
                         r"(?:(?:times?|x|sessions?)\s*(?:(?:a|per|/)\s*)?|(?:a|per|/)\s*)"
                         r"(?P<period>day|week)$", piece)
        days_match = re.match(rf"^{RANGE}\s*days?\s*(?:a|per|/)\s*week$", piece)
        if days_match and days is None and not other_day:
            days = span_of(days_match, text, "the number of days")
            if days.hi > 7:
                raise ValueError(f'"{text}": a week has only 7 days')
        elif match and match["period"] == "day" and hours is None and minutes is None and \
                per_day is None:
            per_day = _times(match)
            if per_day.hi > MAX_PER_DAY:
                raise ValueError(f'"{text}": a day has room for at most {MAX_PER_DAY} '
                                 "sessions")
        elif match and match["period"] == "week" and days is None and not other_day:
            # "3 times a week" reads as three days a week, once on each
            days, per_week = _times(match), piece
            if days.hi > 7:
                raise ValueError(f'"{text}": more than 7 times a week; say how many times a day')
        else:
            raise ValueError(frequency_hints.problem(text, _reads) or
                             f'"{text}" is not a frequency {FREQUENCY_EXAMPLE}')
    if daily and other_day:
        raise ValueError(f'"{text}" says every other day and every day; write one (e.g. '
                         '"every other day" or "once a day")')
    if daily and per_week:
        raise ValueError(f'"{text}" says "{per_week}" and every day; write one (e.g. '
                         f'"{per_week}" or "once a day")')
    if times:
        per_day = _at_times(text, times, per_day)
    elif daily and not (hours or minutes):
        per_day = per_day or Span(1, 1)
    order = sorted(times, key=list(TIMES_OF_DAY).index)
    return Frequency(per_day, days, hours, awake and not sitting, other_day,
                     when=order[0] if order else None, every_minutes=minutes,
                     also_at=tuple(order[1:]), while_sitting=sitting)


_DAILY = ("daily", "every day", "each day")
# "on alternate days", as Indian and British English write every other day
_OTHER_DAY = ("every other day", "alternate days", "on alternate days", "every alternate day")
# a count before "daily" makes it so many a day ("twice daily", "3 times every day"); after
# anything else it is every day, as if after a comma ("every 2 hours daily")
_SAID_DAILY = re.compile(r"^(?P<head>.*\S)\s+(?:daily|every day|each day)$")
_SAID_WEEKLY = re.compile(r"^(?:(?P<head>.*\S)\s+)?weekly$")


def _pieces(text: str) -> list[str]:
    """The parts of how often, each a few words in lower case: split at a comma, ";" or
    "and", and after "day" ("once a day 5 days a week" is two parts; "1 day a week" is
    one, and so is "every day of the week", which is every day); a count's "daily" made
    "a day", any other's a part of its own."""
    pieces = []
    text = chart.joined(text)
    for piece in re.split(r"\s*[,;]\s*|\s+and\s+|(?:(?<=\bday)|(?<=daily))\s+"
                          r"(?!\s|(?:a|per|each|every)\s+week\b|of\s+the\s+week\b)",
                          text.strip().lower()):
        piece = re.sub(r"\b(every|each) day of the week$", r"\1 day", " ".join(piece.split()))
        piece = chart.times(piece)
        piece = chart.hours(re.sub(r"^hourly\b", "every hour", re.sub(
            r"\bwks?\b", "week", chart.LATIN.get(piece.replace(".", ""), piece))))
        # "every waking hour": every hour while awake
        piece = re.sub(r"^every (\S+ )?waking (hours?)$", r"every \1\2 while awake", piece)
        piece = over_the_day(piece)
        said = _SAID_DAILY.match(piece)
        weekly = _SAID_WEEKLY.match(piece)
        if said and COUNT.match(said["head"]):
            piece = said["head"] + " a day"
        elif said:
            pieces.append(said["head"])
            piece = "daily"
        elif weekly and COUNT.match(weekly["head"] or "once"):
            piece = (weekly["head"] or "once") + " a week"  # "twice weekly", "weekly"
        pieces.append(piece)
    return pieces


def _at_times(text: str, times: list[str], per_day: Span | None) -> Span:
    """Times a day of a dose done at named times of day: once at each ("every morning and at
    bedtime": twice), which a count said too must be ("once a day in the morning")."""
    named = Span(len(times), len(times))
    if per_day not in (None, named):
        raise ValueError(f'"{text}" says {_per_day_said(per_day)} and names {len(times)} '
                         f'{"time" if len(times) == 1 else "times"} of day; write the times '
                         'alone (e.g. "every morning and at bedtime"), or how many times a '
                         'day alone')
    return named


# how often, then where each time is done: after a colon, or in brackets
_PLACES = re.compile(r"^(?P<often>[^:()]+?)\s*(?::(?P<after>.*)|\((?P<inside>[^()]*)\)\s*\.?)$",
                     re.DOTALL)
_PLACE_BREAK = re.compile(r"\s*(?:[,;/&]|\band\b)\s*", re.IGNORECASE)
_PLACES_EXAMPLE = '(e.g. "3 times a day: lying, sitting, standing")'


def _places_of(text: str) -> tuple[str, tuple[str, ...]]:
    """How often, and the places of "3 times a day: lying, sitting and standing" as written
    (none where the text names none)."""
    found = _PLACES.match(text.strip())
    if not found:
        return text, ()
    listed = (found["after"] if found["after"] is not None else found["inside"]).strip()
    return found["often"], tuple(place.strip() for place in
                                 _PLACE_BREAK.split(listed.rstrip(".").strip()))


def written_places(text: str) -> tuple[str, ...]:
    """The places ``text`` names, as written: a frequency read through another language's
    words keeps them so, as an occasion is kept."""
    return _places_of(text)[1]


def _at_places(text: str, often_text: str, places: tuple[str, ...]) -> Frequency:
    """A frequency of so many times a day, one at each place named, as many as the times."""
    if "" in places:
        raise ValueError(f'"{text}" names an empty place; name one for each time, between '
                         f"commas {_PLACES_EXAMPLE}")
    try:
        often = _parse_english(often_text, often_text)
    except ValueError as exc:
        # said of the whole text: reading.py tells "is not a frequency" by it
        if str(exc).startswith(f'"{often_text}" is not a '):
            raise ValueError(f'"{text}" is not a frequency {FREQUENCY_EXAMPLE}') from None
        raise ValueError(retold(exc, often_text, text)) from None
    per_day = often.per_day
    if not per_day or often.when or often.every_hours or often.every_minutes or \
            often.limit or often.occasion or often.places:
        # "3 times a week: Mon, Wed, Fri" names days, not places: told how to write them
        raise ValueError(frequency_hints.problem(text, _reads) or
                         f'"{text}": name where each time is done after how many times a '
                         f"day {_PLACES_EXAMPLE}")
    if per_day.lo != per_day.hi or per_day.lo != len(places):
        named = ", ".join(f'"{place}"' for place in places)
        raise ValueError(f'"{text}" says {_per_day_said(per_day)} and names {len(places)} '
                         f'{"place" if len(places) == 1 else "places"} ({named}); name one '
                         f"for each time {_PLACES_EXAMPLE}, or write how often alone")
    return replace(often, places=places)


# "thrice" as Indian and British English write it ("thrice daily")
_WORD_COUNTS = {"once": Span(1, 1), "twice": Span(2, 2), "thrice": Span(3, 3),
                "once or twice": Span(1, 2)}


def _counted(occasion: str) -> bool:
    """Whether ``occasion`` ends in a count of how often ("whenever you stand up 3 times a
    day", "… daily"): each time it comes, or 3 times a day? The reader cannot tell which the
    therapist meant. A time of day is no count: "each time you get up at night" is one
    occasion."""
    words = occasion.split()
    for start in range(3, len(words)):  # after "whenever you <verb>"
        try:
            often = _parse_english(" ".join(words[start:]), " ".join(words[start:]))
        except ValueError:
            continue
        if not often.on_occasion and not often.when and not often.limit:
            return True
    return False


def as_written(text: str) -> str:
    """An occasion as it is kept: the therapist's words, one space between them, no stop."""
    return " ".join(text.split()).rstrip(".")


def _times(match: re.Match) -> Span:
    """The times of "2 times a day", "once or twice a week": a word, or a whole number or
    range (a limit is checked by the caller, which knows its period)."""
    if match["word"]:
        return _WORD_COUNTS[match["word"]]
    read = f'{match["lo"]}-{match["hi"]}' if match["hi"] else match["lo"]
    try:
        return parse_count(read, HUGE)
    except ValueError as exc:  # said of the times as written: '"0 times a day": …'
        raise ValueError(retold(exc, read, match.string.strip())) from None


def _reads(text: str) -> bool:
    """Whether ``text`` is how often as English reads it (for a hint to quote it)."""
    try:
        parse_frequency(text)
    except ValueError:
        return False
    return True
