"""The values a dose is made of, parsed from the friendly strings a therapist types.

Each type prints back (``str``) as the canonical string it parses from, so a program saved
from the web form reads the same as one typed by hand. Errors are ValueErrors whose text
says what is wrong and gives an example of what is right; models.py turns them into lines.
"""

from __future__ import annotations

import contextvars
import re
from dataclasses import dataclass, replace

from handouts.input import count_remedies, written_times
from handouts.input.count_remedies import COUNT_EXAMPLE, COUNT_WORDS
from handouts.input.frequency_words import says_as_needed
from handouts.input.written_times import NUMBER as _NUMBER, RANGE, UNITS as _UNITS
from handouts.input.written_times import fmt as _fmt
from handouts.input.written_times import number as _number
from handouts.lazy_patterns import CompiledOnFirstUse as first_use

_DURATION_RE = re.compile(rf"^\s*{RANGE}\s*(?P<unit>[a-z]+)\.?\s*$", re.IGNORECASE)  # "5 sec."
_COUNT_RE = re.compile(rf"^\s*{RANGE}\s*(?P<word>[a-z]+)?\s*$", re.IGNORECASE)
# "x10", "× 3": the count after its "times", as a chart writes it
_TIMES_FIRST = first_use(r"^\s*(?:x|×)\s*(?=\d)", re.IGNORECASE)  # not on a cold build's path
_SPLIT_RE = re.compile(r"^\s*(?P<sets>\d+)\s*(?:x|×|\*|sets? of)\s*(?P<hold>.+)$", re.IGNORECASE)

DURATION_EXAMPLE = '(e.g. "5-10 s", "1 min")'
UP_TO_EXAMPLE = '(e.g. "5-10 s", "1 min", "up to 10 s")'  # a hold's or a duration's
# "up to 10 s": as long as the patient can, at most that (a pelvic-floor squeeze)
_UP_TO_RE = re.compile(r"^\s*(?P<up_to>up\s+to)\s+(?P<most>.*)$", re.IGNORECASE)

# What a person can do in one session (README: Limits). A number past these is a slip of the
# keyboard, and would print as a session of days.
MAX_TEXT = 80  # characters of one dose value
MAX_HOLD_S = 600  # hold, rest: 10 min
MAX_DURATION_S = 7200  # duration: 2 hours
MAX_REPS = 100  # reps, breaths
MAX_SETS = 20
MAX_PER_DAY = 24
MAX_WEEKS = 104  # the last week of a progression's stage
# a slow breath, in or out, for a hold or rest counted in breaths and the session's minutes
SECONDS_PER_BREATH = 8
HUGE = 10**9  # beyond any limit below; past it a number is not even compared


@dataclass(frozen=True)
class Span:
    """A number or an inclusive range of numbers: 3, or 3–5; reps may go by feel within it
    ("10-15 as tolerated": ``by_feel`` is one of LIMITS)."""

    lo: float
    hi: float
    by_feel: str | None = None

    @property
    def is_range(self) -> bool:
        return self.lo != self.hi

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def __str__(self) -> str:
        numbers = f"{_fmt(self.lo)}-{_fmt(self.hi)}" if self.is_range else _fmt(self.lo)
        return f"{numbers} {self.by_feel}" if self.by_feel else numbers


# set while another language's words are read in English (reading.py): its English may run
# longer than the words typed, which were held to MAX_TEXT ("y" is "and", "a" is "to")
READ_IN_ENGLISH = contextvars.ContextVar("dose_read_in_english", default=False)


def short_text(value: object) -> str:
    text = str(value)
    if len(text) > MAX_TEXT * (3 if READ_IN_ENGLISH.get() else 1):
        raise ValueError(f"is {len(text):,} characters long; a dose value has at most "
                         f"{MAX_TEXT}")
    return text


def retold(exc: ValueError, read: str, typed: str) -> str:
    """What ``exc`` says of ``read`` (what a reading made of a value: "30-60 s"), said of
    what was typed ("30 s to 1 min")."""
    return str(exc).replace(f'"{read}"', f'"{typed}"')


def span_of(match: re.Match, original: str, what: str) -> Span:
    lo = _number(match["lo"])
    hi = _number(match["hi"]) if match["hi"] else lo
    if hi > HUGE or lo > HUGE:
        raise ValueError(f'"{original}": {what} is far too large for a dose')
    if lo > hi:
        raise ValueError(f'"{original}": the range runs backwards; put the smaller number '
                         f'first (e.g. "{_fmt(hi)}-{_fmt(lo)}")')
    if hi <= 0:
        raise ValueError(f'"{original}": {what} must be more than 0')
    return Span(lo, hi)


@dataclass(frozen=True)
class Duration:
    """A time or range of times in seconds or minutes, kept in the unit it was written in;
    or the most ("up to 10 s"); or so many counts out loud ("count to 10") or breaths."""

    span: Span
    # "s", "min"; or counted (input/counts.py): "count", a child's hold, "count to 10", or
    # "breath", a stretch's, "5 breaths"
    unit: str
    # "up to 10 s": the most, where the patient does as long as they can; one time, no range
    up_to: bool = False

    @property
    def seconds(self) -> Span:
        factor = {"min": 60, "breath": SECONDS_PER_BREATH}.get(self.unit, 1)
        return Span(self.span.lo * factor, self.span.hi * factor)

    def __str__(self) -> str:
        if self.unit == "count":
            return f"count to {self.span}"
        if self.unit == "breath":
            one = not self.span.is_range and self.span.hi == 1
            return f"{self.span} {'breath' if one else 'breaths'}"
        return f"{'up to ' if self.up_to else ''}{self.span} {self.unit}"


def parse_duration(value: object, most: float = MAX_DURATION_S, what: str = "a duration",
                   up_to: bool = False) -> Duration:
    """A time or range of times, at most ``most`` seconds (``what`` names it in a message);
    ``up_to``: or the most, one time ("up to 10 s")."""
    if isinstance(value, Duration):
        return value
    if isinstance(value, bool):  # hold: no, said "False" is not a duration
        raise ValueError(f"is read as {str(value).lower()} (YAML reads a bare no, yes, off "
                         f"or on so), not as {what}; write a time {DURATION_EXAMPLE}")
    text = short_text(value)
    most_of = _UP_TO_RE.match(text) if isinstance(value, str) else None
    if most_of:
        return _up_to(text, most_of, most, what, up_to)
    match = _DURATION_RE.match(text) if isinstance(value, str) else None
    unit = _UNITS.get(match["unit"].lower()) if match else None
    plain = written_times.plain(text) if isinstance(value, str) and not unit else None
    if plain:  # "a minute", "30 s to 1 min", "1 min 30 s", '30"'
        try:
            return parse_duration(plain, most, what)
        except ValueError as exc:
            raise ValueError(retold(exc, plain, text)) from None
    on_clock = written_times.clock(text) if isinstance(value, str) and not match else None
    if on_clock:
        return _on_clock(text, on_clock, most, what)
    if not match or not unit:
        bare = re.fullmatch(RANGE, text.strip()) if isinstance(value, (str, int, float)) \
            else None
        after = _WORDS_AFTER.match(text) if isinstance(value, str) else None
        if after and _UNITS.get(after["unit"].lower()):
            raise ValueError(_words_after(text, after, what))
        after = written_times.words_after(text) if isinstance(value, str) else None
        if after:  # "a minute each side"
            raise ValueError(_words_after(text, after, what))
        raise ValueError(_no_unit(text, bare, most, what) if bare else
                         f'"{text}" is not a duration {DURATION_EXAMPLE}')
    duration = Duration(span_of(match, text, "a duration"), unit)
    if unit == "h":  # kept in minutes: a handout words times in seconds and minutes
        duration = Duration(Span(duration.span.lo * 60, duration.span.hi * 60), "min")
    if duration.seconds.hi > most:
        limit = f"{_fmt(most / 60)} min" if most >= 60 else f"{_fmt(most)} s"
        raise ValueError(f'"{text}" is longer than {what} can be; at most {limit}')
    return duration


def _on_clock(text: str, readings: tuple[str, str], most: float, what: str) -> Duration:
    """A time written as a clock's, "1:30": minutes and seconds; in a duration, which may
    run to hours, hours and minutes too where that fits and the other does not ("30:00" is
    30 minutes). Where both fit, the therapist is asked which."""
    fits = []
    for reading in readings[:2 if most > MAX_HOLD_S else 1]:
        try:
            fits.append(parse_duration(reading, most, what))
        except ValueError as exc:
            problem = retold(exc, reading, text)
    if len(fits) == 1:
        return fits[0]
    if not fits:
        raise ValueError(problem)
    raise ValueError(f'"{text}" could be minutes and seconds or hours and minutes; write it '
                     f'with its unit: "{readings[0]}" or "{readings[1]}"')


def _up_to(text: str, found: re.Match, most: float, what: str, allowed: bool) -> Duration:
    if not allowed:
        raise ValueError(f'"{text}": {what} is one time or a range; write it without "up '
                         f'to" ("{found["most"].strip()}")')
    after = _WORDS_AFTER.match(text)
    try:
        # "up to 1 min 30 s" is a time whole, not "up to 1 min" with words after it
        if after and _UNITS.get(after["unit"].lower()) and \
                not written_times.plain(found["most"]):  # "up to 10 s each side"
            raise ValueError(_words_after(text, after, what))
        duration = parse_duration(found["most"], most, what)
    except ValueError as exc:  # said of what was typed: '"up to 10" has no unit; write …'
        raise ValueError(str(exc).replace(f'"{found["most"]}',
                                          f'"{found["up_to"]} {found["most"]}')) from None
    if duration.span.is_range:
        raise ValueError(f'"{text}": "up to" takes one time, the most; write "up to '
                         f'{_fmt(duration.span.hi)} {duration.unit}", or the range alone: '
                         f'"{duration}"')
    return replace(duration, up_to=True)


# a time with words after it: "30 s each side", "10 s x 10", "30 s between sets"
# (its time may be a range in two units, "30 s to 1 min each side")
_WORDS_AFTER = re.compile(rf"^\s*(?P<time>(?:up\s+to\s+)?{RANGE}\s*(?P<unit>[a-z]+)(?:\.?\s*"
                          rf"(?:-|–|—|to)\s*{_NUMBER}\s*(?:{'|'.join(_UNITS)})\b)?)\.?\s*,?\s+"
                          r"(?P<after>\S.*?)\s*$", re.IGNORECASE)
# what follows a time that is no time: the rest of a range ("30 s to 1 foo")
_RANGE_GOES_ON = re.compile(rf"^(?:-|–|—|to)\s*{_NUMBER}", re.IGNORECASE)
_TIMES_AFTER = re.compile(r"^(?:x|×|\*)\s*(?P<reps>\d+)(?:\s*(?:times|reps?|repetitions?))?$",
                          re.IGNORECASE)


# the second part of a time in two units, before words: "30 s" of "1 min 30 s each side"
_SECOND_PART = first_use(rf"^(?P<joint>\S+\s+)?(?P<part>{_NUMBER}\s*[a-z]+\.?),?(?:\s+(?=\S)|$)",
                         re.IGNORECASE)  # compiled where a time is refused


def _plain_or_none(text: str) -> str | None:
    try:
        return written_times.plain(text)
    except ValueError:
        return None


def _words_after(text: str, found: re.Match, what: str) -> str:
    """What to write for a time with words after it: a side apart, as a count's ("each
    side"); a count of holds as reps ("10 s x 10"); else the time alone, as the handout says
    when a rest comes."""
    key, time, after = what.split()[-1], found["time"], found["after"]
    second = _SECOND_PART.match(after)
    joint = (second["joint"] or "").strip().lower() if second else ""
    most = _UP_TO_RE.match(time)
    if second and _plain_or_none(f"{most['most'] if most else time} {second['part']}"):
        # "1 min 30 s each side": the time is both parts ("hold: 1 min" would halve it);
        # "1 h y 30 min", joined in another language's word, is for its words to read
        if joint not in ("", "and") or not after[second.end():]:
            return f'"{text}" is not a duration {DURATION_EXAMPLE}'
        time, after = " ".join(filter(None, (time, joint, second["part"]))), \
            after[second.end():]
    if _RANGE_GOES_ON.match(after):  # not words: the time alone would lose the range's end
        return (f'"{text}": "up to" takes one time, the most (e.g. "up to 1 min")'
                if _UP_TO_RE.match(text) else f'"{text}" is not a duration {DURATION_EXAMPLE}')
    each = re.match(r"(?:(?:in|on|for|with) )?(?:each|per) \S", after, re.IGNORECASE)
    times = _TIMES_AFTER.match(after)
    if each:
        return (f'"{text}" has words after its time; write them as the dose\'s side: '
                f"{key}: {time}, side: {after}")
    if times and key == "hold":
        return f'"{text}" is a hold and its repetitions in one; write them apart: hold: ' \
               f'{time}, reps: {times["reps"]}'
    return f'"{text}" has words after its time; write the time alone: {key}: {time}'


def _no_unit(text: str, bare: re.Match, most: float, what: str) -> str:
    """What to write for a time with no unit: only the units it fits in ("hold: 30" is 30 s;
    30 min is past a hold's 10)."""
    longest = _number(bare["hi"] or bare["lo"])
    units = [f'"{text} {unit}" for {name}' for unit, name, factor in
             (("s", "seconds", 1), ("min", "minutes", 60)) if longest * factor <= most]
    if not units:
        limit = f"{_fmt(most / 60)} min" if most >= 60 else f"{_fmt(most)} s"
        return f'"{text}" has no unit, and is longer than {what} can be; at most {limit}'
    return f'"{text}" has no unit; write ' + " or ".join(units)


def parse_hold(value: object) -> Duration:
    try:
        return parse_duration(value, MAX_HOLD_S, "a hold", up_to=True)
    except ValueError as exc:
        if written_times.as_able(value):  # "as long as you can": the most is "up to" a time
            raise ValueError(f'"{value}" is not a duration: give the most the patient holds, '
                             'as "up to" a time (e.g. "up to 30 s")') from None
        raise ValueError(str(exc).replace(DURATION_EXAMPLE, UP_TO_EXAMPLE)) from None


def parse_rest(value: object) -> Duration:
    try:
        return parse_duration(value, MAX_HOLD_S, "a rest")
    except ValueError:
        if says_as_needed(value):  # "rest: as needed" is what no rest given tells the patient
            raise ValueError(f'"{value}" is no time to rest: leave rest out, and the patient '
                             'rests as long as they need; or write a time (e.g. "30 s")'
                             ) from None
        raise


def parse_count(value: object, most: int = MAX_REPS, what: str = "repetitions") -> Span:
    """A whole number or range of whole numbers, as written for reps, sets or breaths; at
    most ``most`` (``what`` names them in a message)."""
    if isinstance(value, Span):
        return value
    if isinstance(value, bool):
        raise ValueError(f'"{value}" is not a number {COUNT_EXAMPLE}')
    if isinstance(value, int):
        value = str(value)
    text = short_text(value)
    times_first = _TIMES_FIRST.match(text) if isinstance(value, str) else None
    if times_first:
        try:
            return parse_count(text[times_first.end():], most, what)
        except ValueError as exc:
            raise ValueError(retold(exc, text[times_first.end():], text)) from None
    match = _COUNT_RE.match(text) if isinstance(value, str) else None
    other = match and (match["word"] or "x").lower() not in COUNT_WORDS.get(what,
                                                                             ("times", "x"))
    if not match or other:
        raise ValueError(count_remedies.problem(text, match if other else None, what)
                         if isinstance(value, str) else
                         f'"{text}" is not a number or range {COUNT_EXAMPLE}')
    span = span_of(match, text, "the number")
    if span.hi > most:
        raise ValueError(f'"{text}" is more {what} than a session can hold; at most {most}')
    if span.lo != int(span.lo) or span.hi != int(span.hi):
        raise ValueError(f'"{text}" must be whole numbers {COUNT_EXAMPLE}')
    return span


def parse_sets(value: object) -> Span:
    return parse_count(value, MAX_SETS, "sets")


def parse_breaths(value: object) -> Span:
    return parse_count(value, MAX_REPS, "breaths")


# "12+", "12 and on", "12 onward": a last stage for the rest of the weeks, as a protocol
# after surgery writes its last phase
_ON = re.compile(r"^\s*(?:weeks?\s*)?(\d{1,3})\s*(?:\+|and\s+on|on(?:wards?)?|and\s+after|"
                 r"and\s+later|or\s+later)\s*$", re.IGNORECASE)


def week_zero_problem(text: object, hi: float) -> str:
    """What is wrong with weeks that start at week 0, as surgeons count the operation's own
    week (``hi`` their last): a handout's first seven days are its week 1."""
    fixed = f"1-{_fmt(hi)}" if hi > 1 else "1"
    return (f"\"{text}\": a handout's weeks start at week 1, its first seven days "
            f'(there is no week 0); start this stage at week 1 ("{fixed}")')


def parse_weeks(value: object) -> Span:
    """The weeks a stage of a progression covers: within two years."""
    on = _ON.match(value) if isinstance(value, str) else None
    if on:
        raise ValueError(f'"{value}" is not a number or range; the last stage goes on after '
                         f'its weeks, so write "{on.group(1)}": its row then says "From week '
                         f'{on.group(1)} on" where the program runs past it')
    # week 0 alone is no span at all, so it would be told only that a number must be more
    # than 0; told as "0-2" is (see progression.start_problem), it says what the number means
    zero = _COUNT_RE.match(str(value)) if isinstance(value, (str, int)) \
        and not isinstance(value, bool) else None
    if zero and not zero["word"] and _number(zero["lo"]) == 0 \
            and _number(zero["hi"] or zero["lo"]) == 0:
        raise ValueError(week_zero_problem(value, 0))
    span = parse_count(value, HUGE, "weeks")
    if span.hi > MAX_WEEKS:
        raise ValueError(f'"{value}": a stage ends within {MAX_WEEKS} weeks')
    return span


@dataclass(frozen=True)
class Split:
    """Another way to do a hold: e.g. 2 × 30 s instead of 1 min."""

    sets: int
    hold: Duration

    def __str__(self) -> str:
        return f"{self.sets} x {self.hold}"


def parse_split(value: object) -> Split:
    if isinstance(value, Split):
        return value
    text = short_text(value)
    match = _SPLIT_RE.match(text) if isinstance(value, str) else None
    if not match:
        raise ValueError(f'"{text}" is not a split of a hold (e.g. "2 x 30 s")')
    try:
        hold = parse_duration(match["hold"])
    except ValueError:
        raise ValueError(f'"{text}": "{match["hold"].strip()}" is not a duration '
                         f'{DURATION_EXAMPLE}') from None
    if hold.seconds.hi > MAX_HOLD_S:
        raise ValueError(f'"{text}": a hold is at most {MAX_HOLD_S // 60} min')
    sets = int(match["sets"]) if len(match["sets"]) <= 4 else HUGE + 1
    if sets < 1:
        raise ValueError(f'"{text}": the number of sets must be at least 1')
    if sets > MAX_SETS:
        raise ValueError(f'"{text}": at most {MAX_SETS} sets')
    return Split(sets, hold)
