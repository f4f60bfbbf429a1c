"""How a language joins what it says into one line: sentences, the parts of a dose, the
fields of a contact line. The one place that knows: a Japanese line joined the English way
read "…ます. 頻度：1日3回." and left a gap after "。".

Japanese and Chinese put no space between words or sentences: a sentence ends with "。"
and the next starts at once; a dose's parts are clauses ("…保ちます。5回くり返します"), a
contact line's fields are set apart by an ideographic space (a Japanese letterhead's), as is
what runs on after a title; a mark after a title ("（つづき）") follows it at once. Hindi,
Nepali, Bengali and the others written with a danda end a sentence with "।" (a Hindi card
read "…10 बार दोहराएँ. कितनी बार: दिन में 3 बार." beside steps ended by "।"), Urdu with "۔".
Every other language joins as English does (Korean too: it writes spaces and ". ").
"""

from __future__ import annotations

from typing import Iterable, Literal

# written without spaces, sentences ended by "。" (Cantonese is written in Chinese script)
UNSPACED = frozenset({"ja", "zh", "yue"})

# what may end a sentence already, so that no second stop is put after it: a spaced
# language's in any script ("؟" Arabic, "۔" Urdu, "।" Hindi and Bengali, "։" Armenian, "።"
# Amharic, "။" Burmese, "។" Khmer; "هل تشعر بألم؟." had two)
_ENDS = {True: "。．！？!?…", False: ".!?…:؟۔।॥։።။។"}
# a spaced language's own full stop, where it is not "."
_STOPS = {**dict.fromkeys(("hi", "ne", "sa", "mai", "bho", "awa", "mag", "bn", "as"), "।"),
          "ur": "۔"}
# what may close a sentence after its stop ('Say "stop."', "「ゆっくり。」"): looked past
_CLOSERS = "\"'”’»)]」』）］"
# what ends a sentence in any script, where a text of several is split into its sentences
# (a colon leads on to what follows it)
SENTENCE_ENDS = "".join(dict.fromkeys(_ENDS[True] + _ENDS[False])).replace(":", "")
CLOSERS = _CLOSERS

Kind = Literal["sentences", "parts", "fields", "words", "tied", "run_on"]

# what sets texts apart, written with spaces and without: a contact line's ``fields``; the
# ``words`` of a line, ``tied`` where no line may break between them (a title and
# "(continued)", which wrapped alone under a long title); a title and what runs on after it
# (``run_on``: "Wall push-up – Builds strength")
_BETWEEN = {"fields": (" \u00b7 ", "\u3000"), "words": (" ", ""), "tied": ("\u00a0", ""),
            "run_on": (" \u2013 ", "\u3000")}


def unspaced(language: str) -> bool:
    """Whether ``language`` (a code, or a locale such as ``ja-JP``) is written without
    spaces between its words."""
    return language.partition("-")[0] in UNSPACED


def join(language: str, texts: Iterable[str], kind: Kind = "parts") -> str:
    """``texts`` (the empty ones left out) as one line of ``language``. ``sentences``: each
    but the last ended with the language's full stop where it is not ended already, then a
    space ("Tip one. Tip two") or none ("…ます。頻度：…"); ``parts``, the parts of a dose:
    " · " ("Hold 5 seconds · Repeat 5 times"), or clauses ended by "。"; the other kinds
    set apart by what ``between`` says."""
    found = [t for t in texts if t]
    closed = unspaced(language)
    if kind in _BETWEEN:
        return between(language, kind).join(found)
    if kind == "parts" and not closed:
        return " \u00b7 ".join(found)
    ended = [full_stop(language, t) for t in found[:-1]]
    return ("" if closed else " ").join([*ended, *found[-1:]])


def between(language: str, kind: Kind) -> str:
    """What sets two texts of ``language`` apart in a line of ``kind`` (not ``sentences`` or
    ``parts``, which end each text too): " · " or an ideographic space between ``fields``,
    " " or nothing between ``words``."""
    return _BETWEEN[kind][unspaced(language)]


def full_stop(language: str, said: str) -> str:
    """``said`` ended as a sentence of ``language``: "…1日3回。", "…a day.", "…3 बार।"; as it
    is where it is ended already (or empty)."""
    closed = unspaced(language)
    if not said or said.rstrip().rstrip(_CLOSERS)[-1:] in _ENDS[closed]:
        return said
    return f"{said}{'。' if closed else _STOPS.get(language.partition('-')[0], '.')}"
