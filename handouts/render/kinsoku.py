"""Where Chinese and Japanese text may break a line, by the rules Japanese calls kinsoku.

These languages put no space between words, so a sentence is one "word" to reportlab: it
went whole to the next line where it fitted there (a summary row's "2." left alone above
its title), and where it did not, it was split at whatever character reached the margin,
so a line could start with "。", "、", "」" or "ー" and end with "「". Here a line may
break between any two characters where one is Chinese or Japanese, except before a mark
that closes or continues what comes before it (``NO_START``), after one that opens what
follows (``NO_END``), and after a digit: "5–10秒" and "タオル1枚" keep their number with
its counter; and a short note in brackets that ends the text ("（つづき）", "(continued)" in
Japanese: ``_note_at``) stays whole with the character before it. Text with none of these
characters is left to the other rules (hyphens.py).

The ideographic space (U+3000), which sets a line's fields apart ("日付：12月5日　担当：佐藤"),
is a full-width character here, kept in its word (``words``): reportlab took it for a word
space and set it as narrow as the space inside a name ("山田 花子"). A line may break after
it, never before it.
"""

from __future__ import annotations

import functools
import re

# closing brackets and quotes, the sentence's marks, the long vowel mark, the iteration
# marks and the small kana: each belongs to the character before it
NO_START = frozenset(
    ")]}）］｝〕〉》」』】〙〗〟’”»"
    "、。，．,.・：；:;？！?!‼⁇⁈⁉ー〜～‐゠–—…‥%％°℃\u3000"
    "々〻ゝゞヽヾ"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ")
# opening brackets and quotes: each belongs to the character after it
NO_END = frozenset("([{（［｛〔〈《「『【〘〖〝‘“«")

# the first character of the blocks below: text with none from here up has none of them
_FIRST = "\u3000"


@functools.cache
def _cjk() -> re.Pattern:
    """The blocks written with no space between words: CJK punctuation, kana, the ideographs
    (with extension A and the compatibility ones) and the full-width forms. One search of the
    word, not a look-up per character: every word reportlab splits is asked first. Compiled
    at the first text that may hold one: re compiles a class this wide a character at a
    time, 6 ms of every cold build, which an English handout never needs."""
    return re.compile("[\u3000-\u30ff\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                      "\uf900-\ufaff\uff00-\uffef]")


def is_cjk(char: str) -> bool:
    return char >= _FIRST and _cjk().match(char) is not None


def has_cjk(text: str) -> bool:
    return bool(text) and max(text) >= _FIRST and _cjk().search(text) is not None


def breaks(text: str) -> list[int]:
    """Where ``text`` may break a line: after these many characters (see the module); none
    where it has no Chinese or Japanese character."""
    if not has_cjk(text):
        return []
    return [at for at in range(1, _note_at(text)) if _may_break(text[at - 1], text[at])]


# a short note in brackets that ends a text: "（つづき）" after a card's title ("(continued)"),
# "（右）". Broken before or inside, it went alone to the next line ("（つづき）" under its
# title, or "（つづ" and "き）"), read as part of nothing
_NOTE_OPENS, _NOTE_CLOSES, NOTE_LONGEST = "（(", "）)", 6


def _note_at(text: str) -> int:
    """Where a short note in brackets that ends ``text`` begins (no line breaks there or
    after it); the length of ``text`` where it ends with none."""
    if text[-1:] not in _NOTE_CLOSES:
        return len(text)
    opened = max(text.rfind(mark) for mark in _NOTE_OPENS)
    inside = text[opened + 1:-1]
    if opened < 0 or not 0 < len(inside) <= NOTE_LONGEST or any(
            mark in inside for mark in _NOTE_OPENS + _NOTE_CLOSES):
        return len(text)
    return opened


def _may_break(before: str, after: str) -> bool:
    return ((is_cjk(before) or is_cjk(after)) and after not in NO_START
            and before not in NO_END and not before.isdigit()
            and (before == IDEOGRAPHIC_SPACE or not before.isspace()))


IDEOGRAPHIC_SPACE = "\u3000"
_HELD = "\uf8ff"  # private use: what no text of a handout has, for the space while split


def words(split, text: str, delim: str | None = None) -> list[str]:
    """reportlab's ``split`` of a paragraph's text into words (at its white space), with
    the ideographic space kept in its word as a character (see the module)."""
    if delim is not None or IDEOGRAPHIC_SPACE not in text:
        return split(text, delim)
    return [w.replace(_HELD, IDEOGRAPHIC_SPACE)
            for w in split(text.replace(IDEOGRAPHIC_SPACE, _HELD))]
