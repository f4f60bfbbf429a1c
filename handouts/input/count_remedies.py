"""What to write for a count that cannot be read (quantities.parse_count): sets and reps in
one ("3x10"), a count for each side ("10 each side", "10/side"), a count in another key's
words ("reps: 3 sets") or a time ("reps: 30 s"). Its patterns are compiled where a count
is refused."""

from __future__ import annotations

import re

from handouts.lazy_patterns import CompiledOnFirstUse as first_use
from handouts.input.written_times import NUMBER as _NUMBER, RANGE, UNITS

# the words a count may end with, by what it counts: "10 times", "10 reps", "3 sets", "3x"
COUNT_WORDS = {"repetitions": ("times", "x", "rep", "reps", "repetition", "repetitions"),
               "sets": ("x", "set", "sets", "round", "rounds"),
               "breaths": ("times", "x", "breath", "breaths")}
COUNT_EXAMPLE = '(e.g. "3" or "3-5")'

# "10/side", "10 ea", "10 (each side)": a count for each side, as a chart shortens it
_EACH_SHORT = ((first_use(r"\s*/\s*(?=[a-z]+\s*$)", re.IGNORECASE), " per "),
               (first_use(r"\bea\b\.?", re.IGNORECASE), "each"),
               (first_use(r"\s*[()]\s*", 0), " "))
# the dose key of each count, to name it in a remedy
KEYS = {"repetitions": "reps", "sets": "sets", "breaths": "breaths"}
_SETS_OF_REPS_RE = first_use(rf"^\s*(?P<sets>\d+)\s*(?P<by>x|×|\*|sets? of)\s*"
                             rf"(?P<reps>{RANGE})\s*(?:reps?|repetitions?|times)?\s*$", re.I)
# "10 reps x 3 sets": the repetitions first, as Indian and British therapists write them
_REPS_BY_SETS_RE = first_use(rf"^\s*(?P<reps>{RANGE})\s*(?:reps?|repetitions?|times)?\s*"
                             r"(?:x|×|\*)\s*(?P<sets>\d+)\s*sets?\s*$", re.IGNORECASE)
# "10 times each position", "10 per finger": a count for each of several parts, as hand
# therapists write a tendon glide's dose; the words after the number are the dose's side
_EACH_RE = first_use(rf"^\s*(?P<count>{_NUMBER}(?:\s*(?:-|–|—|to)\s*{_NUMBER})?)\s*"
                     r"(?:times|x|reps?|repetitions?|sets?|breaths?)?\s+"
                     # not "10 per day", "10 each set": how often, or a count, is no side
                     r"(?P<each>(?:in |on |for |with )?(?:each|per) (?!(?:day|week|wk|hour|hr|set|"
                     r"session|time|minute|min|rep|breath)s?\b).*\S)\s*$", re.IGNORECASE)


def problem(text: str, other: re.Match | None, what: str) -> str:
    """What ``text``, which no count of ``what`` reads, is and what to write; ``other``: its
    match as a number and a word, where the word is none a count of ``what`` ends with
    ("3 sets", "30 s")."""
    both = _sets_and_reps(text)
    each = _EACH_RE.match(_each_spelled(text))
    if both:
        return (f'"{text}" is sets and repetitions in one; write them apart: sets: {both[0]}, '
                f"reps: {both[1]}")
    if each and what in KEYS:
        return (f'"{text}" has words after its number; write them as the dose\'s side: '
                f'{KEYS[what]}: {each["count"]}, side: {each["each"]}')
    if other and what in KEYS:
        return _counts_other(text, other, what)
    return f'"{text}" is not a number or range {COUNT_EXAMPLE}'


def _each_spelled(text: str) -> str:
    """A count for each side as ``_EACH_RE`` reads it: "10/side" as "10 per side", "10 ea"
    as "10 each side"."""
    for pattern, spelled in _EACH_SHORT:
        text = pattern.sub(spelled, text)
    text = " ".join(text.split())
    return text + " side" if re.search(r"\beach$", text, re.IGNORECASE) else text


def _counts_other(text: str, found: re.Match, what: str) -> str:
    """What to write for a count in another key's words ("reps: 3 sets") or a time ("reps:
    30 s", a timed exercise), as a box of the web form is easily mistaken for the next."""
    word, number = found["word"].lower(), text[:found.end("hi" if found["hi"] else "lo")]
    number = number.strip()
    if UNITS.get(word):
        return (f'"{text}" is a time, not a number of {what}; write it as hold: {text} (how '
                f"long each one is held) or duration: {text} (how long it is done)")
    for counted, words in COUNT_WORDS.items():
        if counted != what and word in words and word not in ("times", "x"):
            return f'"{text}" is a number of {counted}, not of {what}; write it as ' \
                   f"{KEYS[counted]}: {number}"
    return f'"{text}" is not a number or range {COUNT_EXAMPLE}'


def _sets_and_reps(text: str) -> tuple[str, str] | None:
    """The sets and the reps of "3x10", "3 sets of 10", "10 reps x 3 sets"; of two numbers
    with "x" alone between them the larger is the reps, as either is written first ("10 x 3"
    in India): told "sets: 10, reps: 3", a therapist would print 10 sets of 3."""
    found = _REPS_BY_SETS_RE.match(text) or _SETS_OF_REPS_RE.match(text)
    if not found:
        return None
    sets, reps = found["sets"], found["reps"]
    swap = "by" in found.re.groupindex and "of" not in found["by"].lower() and not found["hi"]
    return (reps, sets) if swap and float(reps.replace(",", ".")) < int(sets) else (sets, reps)
