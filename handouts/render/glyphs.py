"""Which font draws which character: text the handout font cannot draw goes to a fallback.

Atkinson Hyperlegible covers Western European and most Central European names. DejaVu Sans
(shipped in fonts/) adds Greek, Cyrillic and Vietnamese; for Chinese, Japanese and Korean a
system font is used when one is installed (Debian: fonts-wqy-zenhei), or HANDOUTS_CJK_FONT
names one. A character no font can draw is left out, and the caller is told, rather than
printing as an empty box. Fallback fonts are registered on first need, never at import.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from handouts.render import rtl
from handouts.render.theme import FAMILY, FONT_DIR, load_font, register_fonts

CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


@functools.cache
def _cmap(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def _register(name: str, regular: Path, bold: Path | None, index: int = 0) -> str | None:
    from reportlab.pdfbase import pdfmetrics

    from handouts.errors import HandoutError

    try:
        pdfmetrics.registerFont(load_font(name, regular, index))
        bold_name = name
        if bold and bold.is_file():
            bold_name = f"{name}-Bold"
            pdfmetrics.registerFont(load_font(bold_name, bold))
    except HandoutError:  # a missing or damaged fallback costs only its characters (warned)
        return None
    pdfmetrics.registerFontFamily(name, normal=name, bold=bold_name, italic=name,
                                  boldItalic=bold_name)
    return name


@functools.cache
def fallbacks() -> tuple[str, ...]:
    """Registered fallback fonts, in the order they are tried."""
    register_fonts()
    found = []
    dejavu = _register("DejaVu", FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf")
    if dejavu:
        found.append(dejavu)
    for candidate in filter(None, (os.environ.get("HANDOUTS_CJK_FONT"), *CJK_CANDIDATES)):
        if Path(candidate).is_file() and _register("CJK", Path(candidate), None):
            found.append("CJK")
            break
    return tuple(found)


def font_for(char: str) -> str | None:
    """The font that draws ``char``: the handout's own if it can, else the first fallback
    that can, else None."""
    code = ord(char)
    if code in _cmap(FAMILY) or char.isspace():
        return FAMILY
    if code > 0xFFFF:
        # reportlab writes a broken text map for characters beyond the first 65,536 (most
        # emoji): they would print but could not be searched, copied or read aloud
        return None
    for name in fallbacks():
        if code in _cmap(name):
            return name
    return None


def _drawable(char: str) -> bool:
    return font_for(char) is not None


def display(text: str) -> str:
    """``text`` as one line, in the order its characters are drawn (see rtl.py)."""
    return rtl.visual(text, _drawable)


def shaped(text: str) -> str:
    """``text`` in logical order, Arabic letters joined (see rtl.py)."""
    return rtl.shaped(text, _drawable)


@functools.lru_cache(maxsize=4096)
def runs(text: str, one_line: bool = True) -> tuple[tuple[str, str], ...]:
    """``text`` as (font, piece) runs, Arabic letters joined; characters no font can draw
    are dropped. ``one_line``: in drawing order (right-to-left scripts reordered, see
    rtl.py); else in logical order, for a paragraph that orders each line once it is broken.
    Kept per process: the clinic's contact line is in every footer, a library's texts in
    every handout."""
    if text.isascii():
        return ((FAMILY, text),)
    out: list[tuple[str, str]] = []
    for char in display(text) if one_line else shaped(text):
        if char.isspace():
            char = " "  # line and paragraph separators, tabs: a space, as in a Paragraph
        font = font_for(char)
        if font is None:
            continue
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return tuple(out)


def missing(text: str) -> str:
    """The characters of ``text`` that no available font can draw, each once."""
    if text.isascii():
        return ""
    return "".join(dict.fromkeys(c for c in display(text) if font_for(c) is None))


@functools.lru_cache(maxsize=4096)
def markup(text: str, bold: bool = False) -> str:
    """Escaped Paragraph markup for ``text``, switching font where the handout's cannot draw;
    right-to-left text in logical order (the Paragraph orders each line, see paragraph.py).
    ``bold``: the text sits in bold markup, so a fallback font is named in its bold face (a
    ``<font face>`` tag otherwise sets the regular one, whatever surrounds it)."""
    if text.isascii():
        return _escaped(text)
    from reportlab.lib.fonts import tt2ps

    parts = []
    for font, piece in runs(text, one_line=False):
        piece = _escaped(piece)
        face = tt2ps(font, 1, 0) if bold else font
        parts.append(piece if font == FAMILY else f'<font face="{face}">{piece}</font>')
    return "".join(parts)


def _escaped(text: str) -> str:
    """Text safe inside a paragraph's markup and its attributes (as xml.sax.saxutils does;
    importing that loads urllib, http and ssl, some 10 ms of every cold build)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))
