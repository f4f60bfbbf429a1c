"""Cross-references between entries: ids that must exist, ids that must be unique.

Returns (path, message) pairs; the caller attaches a file and line where it has them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import PurePath
from typing import Any, Iterable, Mapping, Sequence

from handouts.errors import Problem, command
from handouts.words import dose as doses
from handouts.words import text
from handouts.input import clock, left_out, visits
from handouts.input.dose_models import Dose
from handouts.input.models import ID_PATTERN, Library, Program, Protocol

Found = tuple[tuple[str | int, ...], str]


class Unreadable(tuple):
    """The problems of a clinic's protocols file that cannot be read at all, given for each
    protocol it names: every one is left out for them, not for a problem of its entry."""

SAFETY_TOPIC = "when_to_call"
# About how long one session may take (README: Limits): each exercise, and the whole program
MAX_EXERCISE_MINUTES = 120
MAX_SESSION_MINUTES = 180


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if close:
        return "; did you mean " + " or ".join(f'"{c}"' for c in close) + "?"
    return ""


def unknown(kind: str, word: str, choices: Iterable[str], hint: str, where: str = "") -> str:
    """``where``: the library that was searched, named when the user may have several."""
    return (f'unknown {kind} "{word}"' + (f" in {where}" if where else "")
            + (did_you_mean(word, choices) or f"; {hint}"))


# protocols a message lists in full: a clinic has a handful, where it has hundreds of exercises
LISTED_PROTOCOLS = 12


def unknown_protocol(word: str, choices: Sequence[str], hint: str, where: str = "", *,
                     listed: str = "") -> str:
    """An unknown protocol: the close ones, else the clinic's protocols (a few of them, and
    ``hint`` for the rest), so that the right id is in the message. ``listed``: what to
    say after a whole list (``hint``, the command that lists them, says nothing more)."""
    close = did_you_mean(word, choices)
    if close or not choices:
        return unknown("protocol", word, choices, hint, where)
    shown = ", ".join(f'"{c}"' for c in choices[:LISTED_PROTOCOLS])
    more = len(choices) - LISTED_PROTOCOLS
    after = f" and {more} more; {hint}" if more > 0 else (f"; {listed}" if listed else "")
    return (f'unknown protocol "{word}"' + (f" in {where}" if where else "")
            + f"; known protocols: {shown}{after}")


def library_problems(data: Any) -> list[Found]:
    """Duplicate and unknown ids, read from the plain data so that they are reported together
    with any schema errors in the same file, not after those are fixed."""
    if not isinstance(data, dict):
        return []

    def entries(section):
        items = data.get(section)
        return [(i, e) for i, e in enumerate(items if isinstance(items, list) else [])
                if isinstance(e, dict) and isinstance(e.get("id"), str)]

    found: list[Found] = []
    ids: dict[str, list[str]] = {}
    for section in ("exercises", "education", "protocols"):
        seen: dict[str, int] = {}
        for i, entry in entries(section):
            if entry["id"] in seen:
                found.append(((section, i, "id"), f'duplicate id "{entry["id"]}" (also entry '
                              f'{seen[entry["id"]] + 1} of {section}); give each entry its own id'))
            seen.setdefault(entry["id"], i)
        ids[section] = list(seen)
    for p, protocol in entries("protocols"):
        for key, kind, known in (("exercises", "exercise", ids["exercises"]),
                                 ("education", "education topic", ids["education"])):
            items = protocol.get(key)
            for i, item in enumerate(items if isinstance(items, list) else []):
                ref = item.get("id") if isinstance(item, dict) else item
                if isinstance(ref, str) and ref not in known:
                    found.append((("protocols", p, key, i),
                                  unknown(kind, ref, known, "it is not in this file")))
    if entries("education") and SAFETY_TOPIC not in ids["education"]:
        found.append((("education",), f'the library needs a "{SAFETY_TOPIC}" topic: it fills '
                      'the "Stop and call us if" box on every handout'))
    for i, topic in entries("education"):
        if topic["id"] == SAFETY_TOPIC:
            found += _tables_in_the_box(topic, ("education", i))
    return found


def _tables_in_the_box(topic: Any, at: tuple) -> list[Found]:
    """A table in the safety topic (the library's or a translation's): page 1's box prints
    its warnings, a few lines at the foot of the page, with no room for a table."""
    body = topic.get("body") if isinstance(topic, dict) else None
    return [((*at, "body", j, "table"), f'the "{SAFETY_TOPIC}" topic fills the "Stop and call '
             'us if" box at the foot of page 1, which has no room for a table; give its '
             "warnings as bullets: and put the table in a topic of its own")
            for j, block in enumerate(body if isinstance(body, list) else ())
            if isinstance(block, dict) and "table" in block]


def program_problems(program: Program, library: Library,
                     languages: Iterable[str] | None = None, where: str = "",
                     broken: Mapping[str, Sequence[Problem]] | None = None,
                     today: dt.date | clock.Days | None = None) -> list[Found]:
    """Ids the library lacks (the hint names the library's file where it has one), and
    languages there are no words for (``languages``: the clinic's; default: the package's).
    ``broken``: the clinic's own protocols left out for a problem (``input.local``), each
    with its problems, which a program naming one is told. ``today``: the clinic's, for a
    new program, whose date must not be over a year later (None: not checked), and the date
    of one that gives none, which its next visit must be after (``clock.Days``: another)."""
    found: list[Found] = []
    today, visit = clock.days(today) if today else (None, None)
    ahead = clock.too_far_ahead(program.date, today) if today else None
    if ahead:
        found.append((("date",), ahead))
    if not program.date:  # dated the day it is built (batch --date's), and checked so
        found += [((key,), said) for key, said in (
            ("next_visit", visits.next_visit_problem(program.next_visit, visit)),
            ("weeks_from", visits.weeks_from_problem(program.weeks_from, visit))) if said]
    if program.protocol and program.protocol in (broken or {}):
        why = broken[program.protocol]
        until = (f"{PurePath(why[0].location.file).name} can be read"
                 if isinstance(why, Unreadable) and why and why[0].location.file
                 else "its entry is fixed")
        found.append((("protocol",), f'"{program.protocol}" is left out until {until}: '
                      + "; ".join(str(p) for p in why)))
    elif program.protocol and program.protocol not in library.protocol_ids:
        found.append((("protocol",), unknown_protocol(program.protocol, library.protocol_ids,
                                                      _see("protocols"), where)))
    found += left_out.problems(program, library)
    found += _unknown_entries([item.id for item in program.exercises], (), library, where)
    available = tuple(languages) if languages is not None else text.languages()
    for i, language in enumerate(program.language):
        if language not in available:
            path = ("language",) if len(program.language) == 1 else ("language", i)
            found.append((path, text.no_wording(language, available)))
    found += _unknown_entries((), program.education, library, where)
    return found or _session_problems(program, library)


def unvalidated_program_problems(data: Any, library: Library, where: str = "",
                                 broken: Mapping[str, Sequence[Problem]] | None = None,
                                 ) -> list[Found]:
    """The ids a program that does not validate names and the library lacks, read from its
    data as written: with a dose mistyped in one entry, a misspelt id in another is told
    in the same run, not after the dose is mended. What is not shaped like an id is left to
    the model's own problems."""
    if not isinstance(data, dict):
        return []
    def ids(key: str, field: str | None = None) -> list[str | None]:
        items = data.get(key)
        items = [item.get(field) if field and isinstance(item, dict) else item
                 for item in (items if isinstance(items, list) else [])]
        return [item if isinstance(item, str) and re.match(ID_PATTERN, item) else None
                for item in items]
    found: list[Found] = []
    protocol = data.get("protocol")
    if (isinstance(protocol, str) and re.match(ID_PATTERN, protocol)
            and protocol not in library.protocol_ids and protocol not in (broken or {})):
        found.append((("protocol",), unknown_protocol(protocol, library.protocol_ids,
                                                      _see("protocols"), where)))
    return found + _unknown_entries(ids("exercises", "id"), ids("education"), library, where)


def _unknown_entries(exercises: Sequence[str | None], topics: Sequence[str | None],
                     library: Library, where: str) -> list[Found]:
    """The exercises and education topics named (None: none at that place) that the library
    lacks, each at its place in the program."""
    found: list[Found] = []
    for i, ident in enumerate(exercises):
        if ident is not None and ident not in library.exercise_ids:
            found.append((("exercises", i), unknown(
                "exercise", ident, library.exercise_ids, _see("exercises"), where)))
    for i, topic in enumerate(topics):
        if topic is not None and topic not in library.topic_ids:
            found.append((("education", i), unknown(
                "education topic", topic, library.topic_ids, _see("topics"), where)))
    return found


def _see(what: str) -> str:
    """The hint of an unknown id in a program: the command that lists them, for this run's
    clinic (a program's problems are told as they are found, never kept)."""
    return f"run `{command('list')}` to see the {what}"


def protocol_problems(protocol: Protocol, library: Library, where: str = "") -> list[Found]:
    """A protocol kept outside the library (``input.local``), checked against it: ids it
    lacks, and doses that no session can hold (as in a program made of the protocol)."""
    found: list[Found] = []
    # no command in these hints: the workspace keeps them (Workspace.local) for as long as
    # it lives (the web app's, across requests), and a command is said for one run's clinic
    for i, item in enumerate(protocol.exercises):
        if item.id not in library.exercise_ids:
            found.append((("exercises", i), unknown(
                "exercise", item.id, library.exercise_ids,
                "a protocol can name only the library's exercises", where)))
    for i, topic in enumerate(protocol.education):
        if topic not in library.topic_ids:
            found.append((("education", i), unknown(
                "education topic", topic, library.topic_ids,
                "a protocol can name only the library's topics", where)))
    if found:
        return found
    given = [library.exercise(item.id).dose.overridden_by(item.dose)
             for item in protocol.exercises]
    for i, dose in enumerate(given):
        problem = _too_long(dose)
        if problem:
            found.append((("exercises", i, "dose"), problem))
    total = round(sum(doses.session_seconds(d) for d in given) / 60)
    if not found and total > MAX_SESSION_MINUTES:
        found.append((("exercises",), f"one session of the whole protocol would take about "
                      f"{total:,} minutes; at most {MAX_SESSION_MINUTES}: fewer exercises, "
                      "or lower doses"))
    return found


def _too_long(dose: Dose) -> str | None:
    # each stage of a progression is a session of its own
    minutes = round(max(doses.session_seconds(d) for d in (dose, *dose.stage_doses())) / 60)
    if minutes > MAX_EXERCISE_MINUTES:
        return (f"one session of this exercise would take about {minutes:,} minutes; at most "
                f"{MAX_EXERCISE_MINUTES}: lower the hold, reps, sets or duration")
    return next(filter(None, map(_split_problem, (dose, *dose.stage_doses()))), None)


def _split_problem(dose: Dose) -> str | None:
    """Alternatives that are not the hold split up: "Hold 20–30 seconds, or 2 × 30 seconds"
    asks for twice the hold, and a patient does what the card says."""
    if not dose.alternatives:
        return None
    if dose.hold is None:
        return ("alternatives split a hold, and this dose has none; give the hold too "
                "(hold: 1 min, alternatives: [2 x 30 s])")
    hold = dose.hold.seconds
    for split in dose.alternatives:
        each = split.hold.seconds
        low, high = split.sets * each.lo, split.sets * each.hi
        if low < hold.lo - 0.5 or high > hold.hi + 0.5:
            return (f'alternatives: "{split}" makes {_seconds(low, high)} in all, not the hold '
                    f"of {_seconds(hold.lo, hold.hi)}; give splits that add up to the hold "
                    "(hold: 1 min, alternatives: [2 x 30 s, 3 x 20 s]), or none")
    return None


def _seconds(low: float, high: float) -> str:
    said = f"{low:g}" if low == high else f"{low:g}-{high:g}"
    return f"{said} seconds"


def _session_problems(program: Program, library: Library) -> list[Found]:
    """Doses that together ask for more than a session can hold: each number may be within
    its limit while their product is a day's work."""
    found: list[Found] = []
    merged = {}
    if program.protocol:
        for item in library.protocol(program.protocol).exercises:
            merged[item.id] = (("protocol",), library.exercise(item.id).dose.overridden_by(
                item.dose))
    for i, item in enumerate(program.exercises):
        base = merged.get(item.id, (None, library.exercise(item.id).dose))[1]
        merged[item.id] = (("exercises", i, "dose"), base.overridden_by(item.dose))
    for path, dose in merged.values():
        problem = _too_long(dose)
        if problem:
            found.append((path, problem))
    total = round(sum(doses.session_seconds(d) for _, d in merged.values()) / 60)
    if not found and total > MAX_SESSION_MINUTES:
        found.append((("exercises",), f"one session of the whole program would take about "
                      f"{total:,} minutes; at most {MAX_SESSION_MINUTES}: fewer exercises, "
                      "or lower doses"))
    return found


def library_dose_problems(library: Library) -> list[Found]:
    """Library doses (an exercise's own, a protocol's override) that no session can hold."""
    found: list[Found] = []
    for i, entry in enumerate(library.exercises):
        problem = _too_long(entry.dose)
        if problem:
            found.append((("exercises", i, "dose"), problem))
    for p, protocol in enumerate(library.protocols):
        for j, item in enumerate(protocol.exercises):
            if item.id in library.exercise_ids:
                problem = _too_long(library.exercise(item.id).dose.overridden_by(item.dose))
                if problem:
                    found.append((("protocols", p, "exercises", j, "dose"), problem))
    return found


def translation_problems(data: Any, known: Mapping[str, Sequence[str]]) -> list[Found]:
    """A translation's ids that ``known`` (the library's ids by section, see ``entry_ids``)
    lacks, read from the plain data so that they are reported with the file's other
    problems, not after those are fixed."""
    found: list[Found] = []
    for section in ("exercises", "education", "protocols"):
        entries = data.get(section) if isinstance(data, dict) else None
        for key in entries if isinstance(entries, dict) else ():
            if isinstance(key, str) and key not in known[section]:
                found.append(((section, key), unknown(section.rstrip("s") if section !=
                                                      "education" else "education topic",
                                                      key, known[section],
                                                      "it is not in the library")))
    topics = data.get("education") if isinstance(data, dict) else None
    if isinstance(topics, dict):
        found += _tables_in_the_box(topics.get(SAFETY_TOPIC), ("education", SAFETY_TOPIC))
    return found


def entry_ids(data: Any) -> dict[str, list[str]]:
    """The ids of the library's exercises, topics and protocols, read from its plain data
    (a library with problems of its own still has them)."""
    sections = data if isinstance(data, dict) else {}
    return {section: [e["id"] for e in (items if isinstance(items, list) else [])
                      if isinstance(e, dict) and isinstance(e.get("id"), str)]
            for section in ("exercises", "education", "protocols")
            for items in [sections.get(section)]}
