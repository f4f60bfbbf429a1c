"""Browsing the library: search by name, tag and body area, forgiving endings and typos.

"stretching" finds the stretches and "hip flexer" the hip flexor stretches: every word is cut
to a rough stem (a few English endings off) and a query word matches a card's word when one
stem starts with the other or, for words of four letters or more, when they are nearly the
same (difflib's ratio, so a letter left out or swapped still matches). Accents do not count
("etirement" finds "Étirement"). No stemming library:
the vocabulary is a few hundred words of one clinic's library.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from handouts import Exercise, Library, Workspace, listed_dose

ENDINGS = ("ings", "ing", "ers", "ors", "er", "or", "es", "ed", "s", "e")
MIN_STEM = 3
CLOSE = 0.85  # difflib ratio: "strech"/"stretch" 0.92, but "stretch"/"strength" 0.8
_WORD = re.compile(r"[a-z0-9]+")


def stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def stems(text: str) -> tuple[str, ...]:
    """A text's words, each cut to its stem. A word with an apostrophe is one word
    ("child's") and also the parts of three letters or more ("l'épaule": "épaule")."""
    text = folded(text)
    words = [*_WORD.findall(text.replace("'", "")),
             *(w for w in _WORD.findall(text) if len(w) >= MIN_STEM)]
    return tuple(dict.fromkeys(stem(w) for w in words))


def folded(text: str) -> str:
    """Lower case without accents, so that "a genoux" finds "à genoux" and "etirement"
    "Étirement" (the accented letters were no letters to the search: "élévation" was "l"
    and "vation", and "elevation" found nothing)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# letters NFKD leaves whole ("cœur" is typed "coeur"), and the curly apostrophe
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "\u2019": "'"})


@dataclass(frozen=True)
class Card:
    exercise: Exercise
    dose: str  # "Hold 20–30 seconds · Repeat 3 times · 2 times a day"
    words: tuple[str, ...]  # stems of the name, id and tags, which the search matches


def cards(ws: Workspace) -> list[Card]:
    """A card for each exercise of the workspace's library, its dose phrased as a handout
    phrases it (the clinic's own dose wording included)."""
    out = []
    for e in ws.library.exercises:
        dose = listed_dose(e, ws)
        words = " ".join([e.id.replace("_", " "), str(e.title), *e.tags,
                          *(t.replace("_", " ") for t in e.tags)])
        out.append(Card(e, dose, stems(words)))
    return out


def word_matches(typed: str, words: tuple[str, ...]) -> bool:
    for word in words:
        # a short word of the card ("de", "to") is no start of the typed one: "detente"
        # found "Élévation de l'épaule"
        if word.startswith(typed) or (len(word) >= MIN_STEM and typed.startswith(word)):
            return True
        if len(typed) >= 4 and difflib.SequenceMatcher(None, typed, word).ratio() >= CLOSE:
            return True
    return False


def search(all_cards: list[Card], query: str = "", tag: str = "") -> list[Card]:
    """The cards every word of the query matches (in the library's order); the tag must
    match exactly."""
    typed = stems(query)
    return [c for c in all_cards
            if (not tag or tag in c.exercise.tags)
            and all(word_matches(t, c.words) for t in typed)]


def tag_groups(library: Library) -> list[tuple[str, list[str]]]:
    """Tags to filter by, grouped as the library defines them, each group sorted as a
    person sorts words: accents and case aside ("à genoux" before "debout", "étirement"
    before "renforcement"; by code point they came after every plain letter), then as
    written."""
    ex = library.exercises

    def in_order(tags: set[str]) -> list[str]:
        return sorted(tags, key=lambda tag: (folded(tag), tag))

    return [("Body area", in_order({a for e in ex for a in e.areas})),
            ("Kind", in_order({e.kind for e in ex})),
            ("Position", in_order({e.position for e in ex}))]
