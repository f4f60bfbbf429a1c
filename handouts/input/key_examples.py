"""The examples a check message gives, in the language of the file it is about: a Spanish
library told "add it, e.g. steps: [Lie down.]" or a frequency "(e.g. "2 times a day")"
copied English patient words into a Spanish handout. The keys stay English (they are, by
design); the words a patient reads are the language's where its wording gives them
(``check_examples``: each English example and its words, in the package's Spanish, or a
clinic's own ``strings.<lang>.yaml``), else English's.

The wording is read only when a message is made: a build that validates reads none of it.
"""

from __future__ import annotations

import re
from typing import Any

from handouts.input import reading

# the wording key: each English example, and its words in the file's language
KEY = "check_examples"

# the examples a message gives: "(e.g. knee, hip)", '(e.g. "5-10 s", "1 min")'
_GIVEN = re.compile(r"\(e\.g\. ([^()]*)\)")
_QUOTED = re.compile(r'"([^"]*)"')
# an example alone: '("2 times a day")'
_ALONE = re.compile(r'\("([^"]*)"\)')
# a letter: an example without one ("3-5") is written alike in every language
_LETTER = re.compile(r"[^\W\d_]")


def language_of(data: Any) -> str:
    """The language a file's words are written in: its own ``language`` (the first of two);
    where it names none, the clinic's (a program prints in it: ``reading.words_of``), else
    English."""
    said = data.get("language") if isinstance(data, dict) else None
    if isinstance(said, (list, tuple)) and said:
        said = said[0]
    if isinstance(said, str):
        said = said.split(",")[0]  # "es, en": a bilingual program's
    return str(said or reading.clinic_language() or "en").strip().partition("-")[0].lower()


def examples(language: str) -> dict[str, str]:
    """Each English example and its words in ``language``: the clinic's own wording's over
    the package's. None for English, or a language whose wording gives none."""
    if language == "en":
        return {}
    found: dict[str, str] = {}
    for said_in_language, value in reversed(reading.given(KEY)):  # the clinic's last: over
        if said_in_language == language and isinstance(value, dict):
            found.update({str(english): own.strip() for english, own in value.items()
                          if isinstance(english, (str, int)) and isinstance(own, str)
                          and own.strip()})
    return found


def in_language(example: Any, language: str) -> Any:
    """``example`` (a word, a list of them) in ``language``'s words where it has them."""
    words = examples(language)
    if isinstance(example, (list, tuple)):
        return [words.get(e, e) if isinstance(e, str) else e for e in example]
    return words.get(example, example) if isinstance(example, str) else example


def said_in(message: str, language: str) -> str:
    """A message whose examples are English's, "(e.g. knee, hip)", with the language's; and
    one given alone, quoted in brackets (write how often alone ("2 times a day")), where
    the language has words for it: the words a hint quotes may be the language's own made
    English to be read (reading.py)."""
    if "(" not in message:
        return message
    words = examples(language)
    if not words:
        return message
    message = _GIVEN.sub(lambda found: _given(found, words), message)
    return _ALONE.sub(lambda found: f'("{words[found[1]]}")' if found[1] in words
                      else found[0], message)


def _given(found: re.Match, words: dict[str, str]) -> str:
    """One "(e.g. ...)" in the language's words: an example it has no words for is left
    out (a library in it could not write it), one with no letters kept; none it has words
    for: the English, whole."""
    inside = found.group(1)
    quoted = '"' in inside
    items = _QUOTED.findall(inside) if quoted else inside.split(", ")
    if not any(item in words for item in items):
        return found.group(0)
    kept = [words.get(item, item) for item in items
            if item in words or not _LETTER.search(item)]
    return "(e.g. " + ", ".join(f'"{item}"' if quoted else item for item in kept) + ")"
