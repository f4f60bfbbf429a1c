"""Browsing the library: search by name, body area, kind and position, forgiving endings and
typos, the likeliest card first.

"stretching" finds the stretches and "hip flexer" the hip flexor stretches: every word is cut
to a rough stem (a few English endings off) and a query word matches a card's word when one
stem starts with the other or, for words of four letters or more, when they are nearly the
same (difflib's ratio, so a letter left out or swapped still matches). A word of three
letters that nothing in the library starts with is a typo ("rok"): it matches a word one
letter away that starts with the same letter ("rock"). Only then: "sit" and "set", "hip" and
"hop", "bed" and "bend" are each one letter apart, and a real word the library has must
not bring in the other's cards. Accents do not count
("etirement" finds "Étirement"). No stemming library:
the vocabulary is a few hundred words of one clinic's library.

Forgiving finds many: in a library of 400, "knee" found 135 cards, "kneeling" matching too,
in the library's order, so the knee exercise meant was somewhere among them. A card the typed
word names whole comes first, one whose title names it before one whose tags do; one that only
starts with it ("kneeling"), or nearly spells it, after (a therapist types the start of a word).
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from flask import current_app

from handouts import Exercise, Library, Workspace, listed_dose
from handouts.web.staff_words import page_said as said

ENDINGS = ("ings", "ing", "ers", "ors", "er", "or", "es", "ed", "s", "e")
MIN_STEM = 3
CLOSE = 0.85  # difflib ratio: "strech"/"stretch" 0.92, but "stretch"/"strength" 0.8
# scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana, Han): a
# title there is one run of letters, so a word typed is looked for anywhere in it
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff"
                       "\u3400-\u9fff\uf900-\ufaff]")


def stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def stems(text: str) -> tuple[str, ...]:
    """A text's words, each cut to its stem. A word with an apostrophe is one word
    ("child's") and also the parts of three letters or more ("l'épaule": "épaule")."""
    text = folded(text)
    words = [*_runs(text.replace("'", "")), *(w for w in _runs(text) if len(w) >= MIN_STEM)]
    return tuple(dict.fromkeys(stem(w) for w in words))


def _runs(text: str) -> list[str]:
    """The runs of letters, digits and the marks on them, in any script: a Japanese,
    Greek or Hindi title's words too (only a-z and 0-9 were: what was typed in them was
    no word, and every card was listed)."""
    runs, word = [], []
    for c in text:
        if c.isalnum() or unicodedata.category(c)[0] == "M":
            word.append(c)
        elif word:
            runs.append("".join(word))
            word = []
    return [*runs, "".join(word)] if word else runs


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
    title_words: tuple[str, ...] = ()  # the stems of the title alone, which rank first


def cards(ws: Workspace) -> list[Card]:
    """A card for each exercise of the workspace's library, its dose phrased as a handout
    phrases it (the clinic's own dose wording included)."""
    out = []
    for e in ws.library.exercises:
        dose = listed_dose(e, ws)
        # its titles in the library's translations too: a Pune clinic's therapist may type
        # एड़ी for the heel slide its Hindi handouts print
        translated = [str(own.title) for t in ws.translations.values()
                      if (own := t.exercises.get(e.id)) is not None and own.title]
        words = " ".join([e.id.replace("_", " "), str(e.title), *translated, *e.tags,
                          *(t.replace("_", " ") for t in e.tags)])
        out.append(Card(e, dose, stems(words), stems(str(e.title))))
    return out


WHOLE, PART = 2, 1  # a typed word's match: the card's word itself, or its start or nearly


def word_match(typed: str, words: tuple[str, ...], typo: bool = False) -> int:
    """How well a typed stem matches one of the words: WHOLE, PART, or 0 for not at all.
    ``typo``: a three-letter word the library has nothing for (see ``typos``)."""
    best = 0
    for word in words:
        if word == typed:
            return WHOLE
        if starts(typed, word) or (_UNSPACED.search(typed) and typed in word):
            best = PART
        elif len(typed) >= 4 and difflib.SequenceMatcher(None, typed, word).ratio() >= CLOSE:
            best = PART
        elif typo and word[:1] == typed[:1] and len(word) >= MIN_STEM and one_edit(typed, word):
            best = PART
    return best


def starts(typed: str, word: str) -> bool:
    """Whether one starts with the other. A short word of the card ("de", "to") is no start
    of the typed one: "detente" found "Élévation de l'épaule"."""
    return word.startswith(typed) or (len(word) >= MIN_STEM and typed.startswith(word))


def one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter added, left out, changed, or two side by side
    swapped."""
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and a[differ[0]] == b[differ[1]]
                                    and a[differ[1]] == b[differ[0]])
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(
        long[:i] + long[i + 1:] == short for i in range(len(long)))


def typos(all_cards: list[Card], typed: tuple[str, ...]) -> frozenset[str]:
    """The typed words of three letters that no word of the library is, or starts with, or
    starts: too short for difflib's ratio ("rok"/"rock" would pass, but so would "set"/"sit"),
    they are matched one letter away only where nothing else could be meant."""
    short = [t for t in typed if len(t) == MIN_STEM]
    if not short:
        return frozenset()
    vocabulary = {w for card in all_cards for w in card.words}
    return frozenset(t for t in short if not any(w == t or starts(t, w) for w in vocabulary))


def score(card: Card, typed: tuple[str, ...], typo: frozenset[str] = frozenset()) -> int | None:
    """How well a card matches every typed stem (higher first), None where one misses: each
    word scores its match, doubled, and one more where the title has it so."""
    total = 0
    for t in typed:
        found = word_match(t, card.words, t in typo)
        if not found:
            return None
        total += 2 * found + (word_match(t, card.title_words, t in typo) == found)
    return total


def search(all_cards: list[Card], query: str = "", tags: tuple[str, ...] = ()) -> list[Card]:
    """The cards every word of the query matches, the best first (ties, and every card when
    nothing is typed, in the library's order: the sort is stable); each of ``tags`` (a body
    area, a kind, a position) must be one of the card's, exactly."""
    typed = stems(query)
    typo = typos(all_cards, typed)
    scored = [(s, c) for c in all_cards if all(t in c.exercise.tags for t in tags)
              and (s := score(c, typed, typo)) is not None]
    return [c for _, c in sorted(scored, key=lambda found: -found[0])]


# the filters, one of each group at a time: a therapist looks for a knee exercise that
# strengthens, or a stretch done lying, not for one of two body areas
GROUPS = (("area", "Body area"), ("kind", "Kind"), ("position", "Position"))


@dataclass(frozen=True)
class Finding:
    """What the picker is asked: the words typed and, by group, the tag chosen ("" any);
    and whether every match was asked for, not only the first few (see picker)."""
    query: str = ""
    chosen: tuple[tuple[str, str], ...] = ()  # ("area", "knee"), ("kind", "strength")
    everything: bool = False

    @classmethod
    def asked(cls, values) -> Finding:
        """From a request's values (the search box ``q``, a menu per group, and ``all_for``:
        the search every match was shown for, which holds while the search is the same)."""
        # ``tag``: one tag, as a page or a bookmark from before the menus asks for it
        chosen = ((key, values.get(key, "")[:40]) for key in [*(k for k, _ in GROUPS), "tag"])
        found = cls(values.get("q", "").strip()[:100], tuple((k, t) for k, t in chosen if t))
        return found.showing_all() if values.get("all_for") == found.key else found

    @property
    def key(self) -> str:
        """A short name for this search, the same for the same words and menus."""
        asked = repr((self.query, self.chosen)).encode()
        return hashlib.sha256(asked).hexdigest()[:16]

    def showing_all(self) -> Finding:
        return dataclasses.replace(self, everything=True)

    def tag(self, key: str) -> str:
        return dict(self.chosen).get(key, "")

    def found(self, all_cards: list[Card]) -> list[Card]:
        return search(all_cards, self.query, tuple(tag for _, tag in self.chosen))


def nothing_found(finding: Finding) -> str:
    """What the list says where nothing matches, in its place and to a screen reader: what
    was asked and what to change. "0 of 11 exercises" and an empty list left a therapist
    with a word the library lacks nothing to go on."""
    asked, menus = _asked(finding)
    if not asked:
        return said("library_empty")
    todo = [*([said("check_spelling"), said("try_another")] if finding.query else []),
            *([said("menu_back_one" if menus == 1 else "menu_back_many", any=said("any"))]
              if menus else [])]
    advice = listed(todo, "list_or")
    return said("no_exercise_matches", asked=asked, advice=advice[:1].upper() + advice[1:])


def no_favourite(finding: Finding, found: int) -> str:
    """What the list says where *Favourites only* hides every match (the browser knows the
    favourites, and shows it then): that the others match, and what to untick. An empty list
    under "0 of 11 exercises" did not say that unticking it would show them."""
    asked, _ = _asked(finding)
    others = counted("others_match", found)
    if not asked:
        return counted("no_favourites_yet", found, others=others, box=said("favourites_only"))
    return counted("no_favourite_matches", found, asked=asked, others=others,
                   box=said("favourites_only"))


def _asked(finding: Finding) -> tuple[str, int]:
    """A search as the list names it ('"bridge" with Body area: knee'; "" for none), and
    how many menus it sets."""
    menus = [said("menu_chosen", group=said(f"group_{key}") if key in dict(GROUPS)
                  else said("tag"), tag=tag.replace("_", " ")) for key, tag in finding.chosen]
    words = said("quoted", words=finding.query) if finding.query else ""
    chosen = listed(menus)
    if words and chosen:
        return said("asked_with", words=words, chosen=chosen), len(menus)
    return words or chosen, len(menus)


def listed(items: list[str], last: str = "list_and") -> str:
    return _words().listed(items, last)


def counted(key: str, count: int, **fill) -> str:
    return _words().counted(key, count, **fill)


def _words():
    """The page's words in the clinic's language (staff_words.Words)."""
    return current_app.jinja_env.globals["t"]


def tag_groups(library: Library) -> list[tuple[str, str, list[str]]]:
    """Tags to filter by, grouped as the library defines them (each group's form key, name
    and tags), each group sorted as a person sorts words: accents and case aside ("à genoux"
    before "debout", "étirement" before "renforcement"; by code point they came after every
    plain letter), then as written."""
    ex = library.exercises

    def in_order(tags: set[str]) -> list[str]:
        return sorted(tags, key=lambda tag: (folded(tag), tag))

    tags = {"area": {a for e in ex for a in e.areas}, "kind": {e.kind for e in ex},
            "position": {e.position for e in ex}}
    return [(key, name, in_order(tags[key])) for key, name in GROUPS]
