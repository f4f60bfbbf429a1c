"""Right-to-left text (Hebrew, Arabic, Persian, Urdu ...) in the order reportlab draws it.

reportlab draws a string's characters left to right, one glyph each, without shaping: a
Hebrew name would print backwards and an Arabic one backwards with its letters unjoined. So a
text with right-to-left letters is first given its joined Arabic letter forms (arabic-reshaper:
the presentation forms, which DejaVu Sans draws) and then put in display order by the Unicode
bidirectional algorithm (python-bidi), as one line.

That is right for what is one line on the page: a name, the therapist, a title. A long
right-to-left note that wraps onto several lines keeps its words in order within each line,
but its lines come out last-first, since the order is settled before the lines are broken.
"""

from __future__ import annotations

import functools
import re
from typing import Callable

# Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic Extended, and the
# Hebrew and Arabic presentation forms
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def has_rtl(text: str) -> bool:
    return not text.isascii() and _RTL.search(text) is not None


@functools.lru_cache(maxsize=4096)
def visual(text: str, drawable: Callable[[str], bool]) -> str:
    """``text`` in drawing order, Arabic letters joined; any other text as it is.
    ``drawable`` tells whether some font can draw a character."""
    if not has_rtl(text):
        return text
    from bidi import get_display

    return get_display(_reshaper(drawable).reshape(text))


@functools.lru_cache(maxsize=4)
def _reshaper(drawable: Callable[[str], bool]):
    """Arabic shaping with only the ligatures some installed font can draw (DejaVu Sans has
    lam-alef but not, say, the one-glyph "Allah"): a ligature no font has would be left out."""
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    config = {name: all(drawable(c) for form in forms for c in form)
              for name, (_, forms) in LIGATURES}
    return ArabicReshaper(configuration=config)
