"""Browsing the library: search by name, tag and body area."""

from __future__ import annotations

from dataclasses import dataclass

from handouts import Exercise, Library, phrase_dose, phrase_frequency


@dataclass(frozen=True)
class Card:
    exercise: Exercise
    dose: str  # "Hold 20–30 seconds · Repeat 3 times · 2 times a day"
    words: str  # lower-case text the search matches against


def cards(library: Library) -> list[Card]:
    out = []
    for e in library.exercises:
        dose = " · ".join(filter(None, [*phrase_dose(e.dose), phrase_frequency(e.dose.frequency)]))
        words = " ".join([e.id, e.title, *e.tags, *(t.replace("_", " ") for t in e.tags)])
        out.append(Card(e, dose, words.lower()))
    return out


def search(all_cards: list[Card], query: str = "", tag: str = "") -> list[Card]:
    """Every word of the query must appear in the name, id or tags; the tag must match."""
    words = query.lower().split()
    return [c for c in all_cards
            if (not tag or tag in c.exercise.tags) and all(w in c.words for w in words)]


def tag_groups(library: Library) -> list[tuple[str, list[str]]]:
    """Tags to filter by, grouped as the library defines them."""
    ex = library.exercises
    return [("Body area", sorted({a for e in ex for a in e.areas})),
            ("Kind", sorted({e.kind for e in ex})),
            ("Position", sorted({e.position for e in ex}))]
