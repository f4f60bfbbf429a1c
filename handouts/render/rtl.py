"""Right-to-left text (Hebrew, Arabic, Persian, Urdu ...) in the order reportlab draws it.

reportlab draws a string's characters left to right, one glyph each, without shaping (its own
right-to-left support needs ``rlbidi``, which is not on PyPI). So a text with right-to-left
letters gets its joined Arabic letter forms first (arabic-reshaper: the presentation forms,
which DejaVu Sans draws), in logical order, and is broken into lines in that order; then each
line is put in display order by the Unicode bidirectional algorithm (UAX #9), so a note that
wraps reads top line first. A name or a footer, one line on the page, is ordered whole.

python-bidi resolves the embedding levels (rules up to I2, in Rust) but no longer mirrors
brackets (rule L4; see its issue #25), and says the levels only in its debug output: so the
lines are reordered here (L1, L2) and mirrored (L4, with python-bidi's own table).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable

# Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic Extended, and the
# Hebrew and Arabic presentation forms
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LEVEL = re.compile(r"Level\(\s*(\d+)")
# what rule L1 puts back at the paragraph's level at the end of a line: white space,
# isolates and what X9 removes
_TRAILING = {"WS", "BN", "FSI", "LRI", "RLI", "PDI", "LRE", "RLE", "LRO", "RLO", "PDF"}
# The spaces inside a phone number ("03 555 0142") are white space to the algorithm, so in
# a right-to-left paragraph its groups would print in reverse order ("0142 555 03"), a
# number no one can dial. Its levels are taken as if they were no-break spaces, separators
# inside a number (rule W4), so it reads as it is written. Only a run of 7 digits or more:
# "1 2 3" stays three numbers.
_SPACED_NUMBER = re.compile(r"\d+(?: \d+)+")


def _phone_numbers_whole(line: str) -> str:
    return _SPACED_NUMBER.sub(lambda m: m.group().replace(" ", "\u00a0") if sum(
        c.isdigit() for c in m.group()) >= 7 else m.group(), line)


def has_rtl(text: str) -> bool:
    return not text.isascii() and _RTL.search(text) is not None


def starts_rtl(text: str) -> bool:
    """Whether ``text`` is a right-to-left paragraph: its first strong letter is (rules P2,
    P3, as a browser's ``dir="auto"``)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def neutral(text: str) -> bool:
    """Whether ``text`` has no letter of either direction (a number, a range of them, a
    dash): it reads the same in a line of either, and belongs to neither side."""
    return not any(unicodedata.bidirectional(char) in ("L", "R", "AL") for char in text)


@functools.lru_cache(maxsize=4096)
def visual(text: str, drawable: Callable[[str], bool]) -> str:
    """One line of ``text`` in drawing order, Arabic letters joined; any other text as it is.
    ``drawable`` tells whether some font can draw a character."""
    if not has_rtl(text):
        return text
    line = shaped(text, drawable)
    return "".join(char for _, char in order(line, starts_rtl(line)))


def shaped(text: str, drawable: Callable[[str], bool]) -> str:
    """``text`` with its Arabic letters in their joined forms, still in logical order."""
    return _reshaper(drawable).reshape(text) if has_rtl(text) else text


@functools.lru_cache(maxsize=4096)
def order(line: str, rtl: bool) -> tuple[tuple[int, str], ...]:
    """One line of a paragraph in display order: each character's index in ``line`` and the
    character drawn there (a bracket mirrored where it runs right to left). ``rtl``: the
    paragraph's direction."""
    levels = _levels(_phone_numbers_whole(line), rtl)
    base = 1 if rtl else 0
    # L1: segment separators, and white space before one or at the end of the line
    trailing = True
    for i in range(len(line) - 1, -1, -1):
        kind = unicodedata.bidirectional(line[i])
        if kind in ("S", "B"):
            levels[i], trailing = base, True
        elif trailing and kind in _TRAILING:
            levels[i] = base
        else:
            trailing = False
    # L2: from the highest level to the lowest odd one, reverse each run at or above it
    indices = list(range(len(line)))
    odd = [level for level in levels if level % 2]
    for level in range(max(levels, default=0), min(odd, default=1) - 1, -1):
        i = 0
        while i < len(indices):
            if levels[indices[i]] < level:
                i += 1
                continue
            j = i
            while j < len(indices) and levels[indices[j]] >= level:
                j += 1
            indices[i:j] = indices[i:j][::-1]
            i = j
    from bidi.mirror import MIRRORED

    # L4: a mirrored character at an odd (right-to-left) level
    return tuple((i, MIRRORED.get(line[i], line[i]) if levels[i] % 2 else line[i])
                 for i in indices)


def _levels(line: str, rtl: bool) -> list[int]:
    """The embedding level of each character of ``line`` (python-bidi gives one per byte of
    its UTF-8, in its debug output)."""
    from bidi import get_display

    debug = get_display(line, base_dir="R" if rtl else "L", debug=True)
    per_byte = [int(n) for n in _LEVEL.findall(debug[debug.index("levels:"):
                                                      debug.index("paragraphs:")])]
    if len(per_byte) != len(line.encode("utf-8")):
        raise RuntimeError(f"python-bidi's levels for {line!r} cannot be read")
    levels, at = [], 0
    for char in line:
        levels.append(per_byte[at])
        at += len(char.encode("utf-8"))
    return levels


@functools.lru_cache(maxsize=4)
def _reshaper(drawable: Callable[[str], bool]):
    """Arabic shaping with only the ligatures some installed font can draw (DejaVu Sans has
    lam-alef but not, say, the one-glyph "Allah"): a ligature no font has would be left out."""
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    config = {name: all(drawable(c) for form in forms for c in form)
              for name, (_, forms) in LIGATURES}
    return ArabicReshaper(configuration=config)
