"""A wording file (``strings.<lang>.yaml``): read as safely as the library (no anchors or
aliases, a size limit, duplicate keys refused) and, for a clinic's own file, each value
checked against the package's English wording before any handout uses it.

Text stays text, and must be a template that compiles; a list stays a list of as many texts
(the months). A problem is one line naming the file, the line and the key, and what would be
right, never a traceback from deep inside a build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import jinja2
from jinja2 import meta

from handouts.errors import HandoutError, Location, Problem
from handouts.input import key_examples, reading
from handouts.input.yamlsource import parse, read_text

# keys of a wording file that are not words to print but say how the language is printed
SETTINGS = {"direction": ("left-to-right", "right-to-left")}

# keys that list the words a number keeps on its line (render/number_units.py), added to the
# built-in ones: units as written ("kg"), words that count in any case ("keer")
WORD_LISTS = ("number_units", "counted_words")
# the longest such word: "repetitions" has 11 letters, "Wiederholungen" 14
_LIST_WORD = 30

# the longest a value may be: the package's longest has 160, and every key at 300 still lays
# out in every layout; at 500 large print's log heads outgrow a page, and the build failed
# deep inside the layout. An empty value is the clinic's to choose (no sentence there)
MAX_WORDING = 300

# keys that list the words of a dose's side (words/dose.py side_named, sides_worked): words or a few
# of them ("des deux"), as many as the language has
SIDE_LISTS = ("sides_each_or_both", "sides_each", "sides_left", "sides_right")

# keys that say how a dose written in the language is read (input/reading.py): each phrase,
# and the English words it stands for ("veces: times"); checked as maps of short texts
READING = reading.KEYS

# the key that gives `check`'s examples in the language (input/key_examples.py): each English
# example, and its words; a language may leave it out (its examples are then English's)
EXAMPLES = key_examples.KEY

# wording keys a language of the clinic's own may leave out, and what is used then: what
# follows a label before its text ("Date: 3 December"; French writes "Date : ", Chinese "："),
# what stands between a range's ends (text.range_mark: by the language where none says), and
# the side lists (none: a side in its words is read as no side, as before they came), the
# sentence over a log for a line to mark, page 1's to fill in a log with numbers to write,
# large print's words over no table (none: the summary starts page 2 whole, as before), and
# a log's box for each part of the day
OPTIONAL = {"label_colon": ": ", "range_mark": "\u2013", **dict.fromkeys(SIDE_LISTS, ()),
            # without it a log with a line to mark says log_how, as every log once did
            "log_how_lines": None, "log_reminder_write": None, "in_order_next_page": None,
            # without them a log of "every 30 minutes" has a line to mark (log_tally), as before
            "log_parts": None, "log_how_parts": None}

# wording keys no handout prints any more, which a clinic's file written before may hold:
# passed over, not called a typo (``pdf_title``: the PDF's title named the patient, and a
# browser shows it as the tab's title and keeps it in its history)
RETIRED = frozenset({"pdf_title"})

# wording keys only some handouts print, and which: a language of the clinic's own written
# before the package added one still builds every other handout, and `check` warns until it
# is given a handout that prints it (then, as at its build, it is that handout's problem)
SOME_HANDOUTS = {"log_heading_weeks": "a log of several weeks (next_visit or log_weeks)",
                 "progression_from": "weekly stages whose last goes on after its weeks "
                                     "(progression)",
                 "caregiver_label": "a handout given to a caregiver (patient: caregiver:)",
                 "email_subject_caregiver": "an email to a caregiver (patient: caregiver:)",
                 "log_how_no_pain": "a log without its pain row (log_pain: false)",
                 "weeks_from": "weeks counted from the day week 1 began (weeks_from)",
                 "log_heading_from": "a log of one week counted from the day week 1 began "
                                     "(weeks_from)",
                 **dict.fromkeys(("log_write", "log_how_numbers"),
                                 "a number to write in the log (an exercise's dose: log:)"),
                 "log_how_rows": "rows of the log's own (log_rows: clinic.yaml's, a "
                                 "protocol's or a program's)",
                 "log_how_pain": "a number to write in the log (log:) or rows of the log's "
                                 "own (log_rows), and the pain row"}

# of those, the keys a clinic needs only where it uses what prints them: `check` says
# nothing of them to a clinic that does not (its language was written before they came)
IF_USED = {"log_write": ("log",), "log_how_numbers": ("log",), "log_how_rows": ("log_rows",),
           "log_how_pain": ("log", "log_rows")}

# wording keys printed only by a template that asks for them (``say('email_log')`` in the
# package's English email; email_log_write for it where the log has numbers to write): a
# language's own email templates, copied before these came or written in its own words,
# need not have them
ASKED = ("email_log", "email_log_caregiver", "email_emergency", "email_log_write",
         "email_log_write_caregiver")


def asked(folder: Path) -> set[str]:
    """The ``ASKED`` keys that the templates in ``folder`` (a language's own) ask for."""
    said = " ".join(p.read_text(encoding="utf-8", errors="replace")
                    for p in sorted(folder.glob("*")) if p.is_file()) if folder.is_dir() else ""
    return {key for key in ASKED if f"'{key}'" in said or f'"{key}"' in said}


# a handout given to a caregiver prints a key's ``<key>_caregiver`` variant where there is one
# (words/caregiver.py), which may fill in the patient's name, first or whole, as well
CAREGIVER = "_caregiver"
CAREGIVER_FILLINGS = ("first_name", "name")


def missing(own_file: Path, key: str, english: Any) -> Problem:
    """A key a language of the clinic's own lacks, as `check` and a build say it: the file,
    the key and the package's English to translate."""
    return Problem(Location(str(own_file)), f'no wording for "{key}"; add it, translated '
                   f"from the package's English: {key}: {shown(english)}")


def lacking(key: str, language: str, home: Path | None, english: Mapping[str, Any],
            ) -> Problem | str:
    """What a build says of a key a language's wording lacks: where the clinic's own lacks
    one of the package's, as `check` says it (``missing``)."""
    if home is None or key not in english:
        return f'the wording "{key}" is missing for language "{language}"'
    return missing(home / f"strings.{language}.yaml", key, english[key])


def shown(value: Any) -> str:
    """A wording value as a line of the file would hold it."""
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value[:2])) + f", ...] ({len(value)} of them)"
    return '"' + str(value).replace('"', '\\"') + '"'


def read(path: Path, env: jinja2.Environment, english: Mapping[str, Any] | None = None,
         ) -> tuple[dict[str, Any], dict[str, Location]]:
    """The file's keys and values, and where each is; with ``english`` (the package's
    wording), every key it knows is checked against it. HandoutError: each problem."""
    data, where, problems = read_all(path, env, english)
    if problems:
        raise HandoutError(problems)
    return data, where


def read_all(path: Path, env: jinja2.Environment, english: Mapping[str, Any] | None = None,
             ) -> tuple[dict[str, Any], dict[str, Location], list[Problem]]:
    """As ``read``, but the problems are returned with the keys rather than raised, so that
    `check` says in one run what else is wrong with the file (a key missing or misspelt, a
    value filled in that is never given). A file that does not parse, or holds no keys, is
    its one problem and no keys."""
    try:
        parsed = parse(read_text(path), str(path))
    except HandoutError as exc:
        return {}, {}, list(exc.problems)
    data = parsed.data
    if data is None:
        return {}, {}, []
    if not isinstance(data, dict):
        return {}, {}, [Problem(Location(str(path), 1), "expected one wording a line "
                                '(key: "words to print"), as in the package\'s '
                                "handouts/words/templates/en/strings.yaml")]
    where = {key: parsed.location((key,)) for key in data}
    # a value YAML read but could not make sense of (a tag, a date that is none) is the
    # key's one problem: its text would otherwise print as if nothing were wrong
    problems = [problem for _, problem in parsed.problems]
    read_wrong = {path[0] for path, _ in parsed.problems if path}
    problems += [Problem(where[key], message) for key, value in data.items()
                 if key not in read_wrong
                 and (message := _value_problem(key, value, english, env))]
    return data, where, sorted(problems, key=lambda p: p.location.line or 0)


def _value_problem(key: str, value: Any, english: Mapping[str, Any] | None,
                   env: jinja2.Environment) -> str | None:
    """What is wrong with one key's value: a setting's choice, or words checked against the
    package's English wording of that key (none to check against: nothing)."""
    if key in SETTINGS:
        return _setting_problem(key, value)
    if key in WORD_LISTS:
        return _word_list_problem(value)
    if key in SIDE_LISTS:
        return _side_list_problem(value)
    if key in READING:
        return _reading_problem(value)
    if key == EXAMPLES:
        return _examples_problem(value)
    if english is not None and key in english:
        return _problem(value, english[key], env)
    return None


def _setting_problem(key: str, value: Any) -> str | None:
    if value in SETTINGS[key]:
        return None
    said = "is empty" if value is None else f'"{value}" is not a {key}'
    return f'{said}; use {" or ".join(SETTINGS[key])}'


def _word_list_problem(value: Any) -> str | None:
    # empty: no words of the clinic's own, as with none given (a list copied by ``words``
    # from another language and emptied)
    if (isinstance(value, list)
            and all(isinstance(v, str) and 0 < len(v) <= _LIST_WORD and not v.split()[1:]
                    and v.strip() == v for v in value)):
        return None
    return ("must be a list of single words, each as it follows a number (e.g. [keer, "
            "herhalingen]); a number stays on the line of any of them")


def _side_list_problem(value: Any) -> str | None:
    if (isinstance(value, list)
            and all(isinstance(v, str) and 0 < len(v) <= _LIST_WORD for v in value)):
        return None
    return ("must be a list of words, each as a side's words begin (e.g. [chaque, des deux]) "
            "or name it (e.g. [droit, droite])")


def _pairs_within(value: Any, longest: int) -> bool:
    """Whether ``value`` maps words to words, none empty or longer than ``longest``."""
    return isinstance(value, dict) and bool(value) and all(
        isinstance(said, str) and 0 < len(said.strip()) <= longest
        for pair in value.items() for said in pair)


def _reading_problem(value: Any) -> str | None:
    if _pairs_within(value, _LIST_WORD):
        return None
    long = [said for pair in value.items() for said in pair
            if isinstance(said, str) and len(said.strip()) > _LIST_WORD] \
        if isinstance(value, dict) else []
    return ("must list the language's words, each with the English words it stands for, "
            "one a line (e.g. veces: times); a dose is read in English first" + (
                f'; "{long[0]}" is longer than {_LIST_WORD} characters: keep each to a few '
                "words" if long else ""))


def _examples_problem(value: Any) -> str | None:
    if _pairs_within(value, MAX_WORDING):
        return None
    return ("must list examples `check` gives, each English one with its words in the "
            "language, one a line (e.g. Lie down.: Acuéstese.)")


def _problem(value: Any, english: Any, env: jinja2.Environment) -> str | None:
    if isinstance(english, list):
        if not (isinstance(value, list) and len(value) == len(english)
                and all(isinstance(v, str) for v in value)):
            return (f"must be a list of {len(english)} texts, in order, as in the package's "
                    "wording")
        return next(filter(None, (_size(v) or _syntax(v, env) for v in value)), None)
    if not isinstance(value, str):
        return 'must be text; put it in quotes ("...") if it reads as a number or yes/no'
    return _size(value) or _syntax(value, env)


def _size(value: str) -> str | None:
    """A text too long to be laid out."""
    if len(value) > MAX_WORDING:
        return (f"is {len(value):,} characters long; a wording may have at most "
                f"{MAX_WORDING}; shorten it")
    return None


def _syntax(value: str, env: jinja2.Environment) -> str | None:
    if "{" not in value:
        return None
    try:
        env.parse(value)
    except jinja2.TemplateSyntaxError as exc:
        return (f"is not a template that can be filled in ({exc.message}); write "
                "{{ name }} where the handout puts in a value")
    return None


def fillings(source: str, env: jinja2.Environment) -> list[str]:
    """The values a wording template fills in (``{{ minutes }}``), by name."""
    try:
        return sorted(meta.find_undeclared_variables(env.parse(source)) - set(env.globals))
    except jinja2.TemplateSyntaxError:
        return []


def strange_fillings(path: Path, env: jinja2.Environment, english: Mapping[str, Any],
                     ) -> list[Problem]:
    """Values a clinic's wording file fills in that the package's English wording of the
    same key never does (a misspelt ``{{ minuts }}``): a build may fail on them. A value
    with a problem of its own has none here (reading the file reports it)."""
    data, where, problems = read_all(path, env, english)
    wrong = {p.location for p in problems}
    found = []
    for key, value in data.items():
        if isinstance(value, str) and isinstance(english.get(key), str) \
                and where[key] not in wrong:
            known = sorted(set(fillings(english[key], env)) | set(
                CAREGIVER_FILLINGS if key.endswith(CAREGIVER) and key not in SOME_HANDOUTS
                else ()))
            extra = [name for name in fillings(value, env) if name not in known]
            if extra:
                found.append(Problem(where[key], "fills in " + ", ".join(
                    "{{ %s }}" % name for name in extra) + ", which the handout does not give "
                    "this wording; it may use " + (", ".join("{{ %s }}" % n for n in known)
                                                   if known else "no {{ ... }}")))
    return found
