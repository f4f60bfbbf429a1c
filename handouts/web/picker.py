"""Which library cards the editor sends: the first few matches, not every card of the library.

Every page and every button's answer carried all the cards, those the search left out hidden
for the live search to show: with a library of 400, 390 KB a page, slow on an old PC or a
tablet on weak Wi-Fi. Now a page carries the first ``CAP`` matches, the best first, and a
*Show all* button for the rest; the live search fetches the matches' cards. Three kinds of
card are sent wherever they rank, as the page could not do its job without them: an exercise
in the program (its card says so, and an Add pressed on it answers there), the card a
button's answer is shown on, and this browser's favourites (kept in its localStorage and
told to the server in a cookie), which come first, so that *Favourites only* can hide the
others in the browser and leave none out.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from handouts.web.catalog import Card, Finding, no_favourite, nothing_found

CAP = 40  # a screenful or two of cards; a small clinic's whole library
FAVOURITES_COOKIE = "handouts-favourites"
MAX_FAVOURITES = 200  # ids of 20 characters: a cookie's 4 KB
_ID = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")


@dataclass(frozen=True)
class Picked:
    cards: list[Card]  # those sent, in the order shown
    found: int  # how many match the search
    total: int  # how many the library has
    all_for: str  # the search every match is shown for ("" while only the first are)
    none: str = ""  # what to change, where nothing matches
    none_liked: str = ""  # what to untick, where Favourites only hides every match

    @property
    def more(self) -> int:
        """How many matches are not sent."""
        return self.found - len(self.cards)


def favourites(cookies: Mapping[str, str]) -> tuple[str, ...]:
    """The ids in a request's favourites cookie (comma-separated); anything else in it is
    ignored."""
    cookie = cookies.get(FAVOURITES_COOKIE, "")
    ids = (part.strip() for part in cookie.split(",")[:MAX_FAVOURITES])
    return tuple(dict.fromkeys(i for i in ids if _ID.match(i)))


def picked(all_cards: list[Card], finding: Finding, keep: Collection[str] = (),
           liked: Collection[str] = ()) -> Picked:
    """The cards to send for this search: the favourites among the matches first, then the
    others, each as the search ranks them; the first ``CAP`` unless every match was asked
    for, and always those of ``keep`` (the program's exercises, the card an answer is on)
    and the favourites."""
    found = _ranked(all_cards, finding, liked)
    if finding.everything or len(found) <= CAP:
        shown = found
    else:
        kept = set(keep) | set(liked)
        shown = [c for n, c in enumerate(found) if n < CAP or c.exercise.id in kept]
    return Picked(shown, len(found), len(all_cards), finding.key if finding.everything else "",
                  "" if found else nothing_found(finding),
                  no_favourite(finding, len(found)) if found else "")


def first_of_the_rest(all_cards: list[Card], finding: Finding, keep: Collection[str] = (),
                      liked: Collection[str] = ()) -> str | None:
    """The first card *Show all* adds to those sent, where the focus goes: the next card
    after the last one seen (None where every match is sent already)."""
    if finding.everything:
        return None
    kept = set(keep) | set(liked)
    return next((c.exercise.id for c in _ranked(all_cards, finding, liked)[CAP:]
                 if c.exercise.id not in kept), None)


def _ranked(all_cards: list[Card], finding: Finding, liked: Collection[str]) -> list[Card]:
    """The matches, the favourites first, each group as the search ranked them."""
    liked = set(liked)
    return sorted(finding.found(all_cards), key=lambda card: card.exercise.id not in liked)
