"""Which font draws which character: text the handout font cannot draw goes to a fallback.

Atkinson Hyperlegible covers Western European and most Central European names. DejaVu Sans
(shipped in fonts/) adds Greek, Cyrillic, Vietnamese, Hebrew and Arabic; for Chinese, Japanese
and Korean a system font is used when one is installed (Debian: fonts-wqy-zenhei), or
HANDOUTS_CJK_FONT names one. For any other script (Devanagari, Bengali, Tamil, Thai,
Myanmar, Ethiopic …) the first font that has the character is found: among the files
HANDOUTS_FONTS names, then among the fonts installed on the machine (typefaces.py;
Debian's fonts-noto-core has most scripts). Such a font's text is shaped (shaping.py).
A character no font can draw is left out, and the caller is told, rather than
printing as an empty box. Fallback fonts are registered on first need, never at import.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from handouts import typefaces
from handouts.render import rtl
from handouts.render.theme import FAMILY, FONT_DIR, load_font, register_fonts

# fonts found for a script (HANDOUTS_FONTS or installed), in the order found, and those of
# them whose text HarfBuzz shapes: not a right-to-left script's, which rtl.py joins and
# orders itself. Found per process, on first need: a machine's fonts do not change mid-build.
FOUND: list[str] = []
SHAPED: set[str] = set()


def is_shaped(font: str) -> bool:
    """Whether text in ``font`` (a found font, regular or bold) is shaped."""
    return font.removesuffix("-Bold") in SHAPED


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
    cjk = typefaces.cjk_font()
    if cjk is not None and _register("CJK", cjk, typefaces.bold_of(cjk)):
        found.append("CJK")
    return tuple(found)


def font_for(char: str) -> str | None:
    """The font that draws ``char``: the handout's own if it can, else the first fallback
    that can, else None."""
    code = ord(char)
    # the ideographic space is as wide as an ideograph: drawn by a font that has it, or a
    # plain space where none does (the handout's own has not, and would print a box)
    if code in _cmap(FAMILY) or char.isspace() and char != IDEOGRAPHIC_SPACE:
        return FAMILY
    if code > 0xFFFF:
        # reportlab writes a broken text map for characters beyond the first 65,536 (most
        # emoji): they would print but could not be searched, copied or read aloud
        return None
    for name in (*fallbacks(), *FOUND):
        if code in _cmap(name):
            return name
    return _found_for(char)


@functools.cache
def _found_for(char: str) -> str | None:
    """A font not yet registered that draws ``char`` (HANDOUTS_FONTS first, then the
    machine's), registered and added to FOUND; None if there is none. Arabic's presentation
    forms are not looked for: they are what rtl.py joins letters into, and it uses those the
    shipped font draws (a ligature from another font would print out of place)."""
    code = ord(char)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return None
    for path in typefaces.candidates(code):
        name = f"Script-{path.stem.removesuffix('-Regular')}"
        if name in FOUND or str(path) in _unreadable:
            continue
        if _register(name, path, typefaces.bold_of(path)) is None:
            _unreadable.add(str(path))  # a font reportlab cannot read (CFF outlines, say)
            continue
        FOUND.append(name)
        if not rtl.has_rtl(char):
            SHAPED.add(name)
        if code in _cmap(name):
            return name
    return None


_unreadable: set[str] = set()


def named_font_problems() -> list[tuple[Path, str]]:
    """(file, what is wrong) for each font file HANDOUTS_FONTS names that cannot be used."""
    from reportlab.pdfbase.ttfonts import TTFont

    found = []
    for path in typefaces.named():
        if not path.is_file():
            found.append((path, "HANDOUTS_FONTS names this font file, which is not there; "
                                "correct the path or take it out of HANDOUTS_FONTS"))
            continue
        try:
            TTFont("Named", str(path))
        except Exception:  # reportlab raises TTFError, struct.error, IndexError ...
            found.append((path, "HANDOUTS_FONTS names this file, which cannot be read as a "
                                "font (it is damaged, or no TrueType font); name a TrueType "
                                "font (.ttf or .ttc; an .otf with PostScript outlines cannot "
                                "be embedded)"))
    return found


def _drawable(char: str) -> bool:
    return font_for(char) is not None


def display(text: str) -> str:
    """``text`` as one line, in the order its characters are drawn (see rtl.py)."""
    return rtl.visual(text, _drawable)


def shaped(text: str) -> str:
    """``text`` in logical order, Arabic letters joined (see rtl.py)."""
    return rtl.shaped(text, _drawable)


# spaces that tie the words either side (French "Date\u00a0: …", a label_colon that
# says so): kept, or the line could break there
NO_BREAK = "\u00a0\u202f"
IDEOGRAPHIC_SPACE = "\u3000"  # what sets apart a Japanese or Chinese line's fields (joins)


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
        if char.isspace() and char not in NO_BREAK and (char != IDEOGRAPHIC_SPACE
                                                        or not _drawable(char)):
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
def markup(text: str) -> str:
    """Escaped Paragraph markup for ``text``, switching font where the handout's cannot draw;
    right-to-left text in logical order (the Paragraph orders each line, see paragraph.py).
    A fallback font is named in its regular face: text of it in bold is made bold where the
    paragraph is built (``bolder``, ``bold_inline``)."""
    if text.isascii():
        return escaped(text)
    parts = []
    for font, piece in runs(text, one_line=False):
        piece = escaped(piece)
        parts.append(piece if font == FAMILY else f'<font face="{font}">{piece}</font>')
    return "".join(parts)


_FACE = re.compile(r'<font face="([^"]+)">([^<]*)</font>')
_BOLD = re.compile(r"<(b|strong)>(.*?)</\1>", re.DOTALL)


def _heavier(face: str, piece: str) -> str | None:
    """``face``'s bold face if it has every letter of ``piece``, else None."""
    from reportlab.lib.fonts import tt2ps

    heavy = face if face.endswith("-Bold") else tt2ps(face, 1, 0)
    if heavy == face or not all(ord(c) in _cmap(heavy) or c.isspace() for c in piece):
        return None
    return heavy


@functools.lru_cache(maxsize=4096)
def bolder(markup: str) -> str:
    """``markup`` (as ``markup`` writes it) for a paragraph whose style is bold, a heading:
    each fallback font's text in that font's bold face, where it has every letter of it (a
    ``<font face>`` tag sets the face it names, so a heading's Greek or Devanagari would
    print regular beside its bold English)."""

    def heavier(found: re.Match) -> str:
        face, piece = found.groups()
        heavy = _heavier(face, piece)
        return found.group(0) if heavy is None else f'<font face="{heavy}">{piece}</font>'

    return _FACE.sub(heavier, markup)


@functools.lru_cache(maxsize=4096)
def bold_inline(markup: str) -> str:
    """``markup`` with the fallback fonts' text inside each ``<b>…</b>`` in their bold face,
    as ``bolder`` sets a heading's (a ``<font face>`` tag inside ``<b>`` sets the regular
    face it names: a Hebrew "call 911" line printed bold only in its digits); the same in
    each ``<strong>…</strong>``, the library's ``**…**``. Where a font has no bold face (a
    CJK font, most often), the whole ``<strong>`` text is underlined too: weight is all
    that tells it from the text around it. A ``<b>`` label has its colour, and a name its
    place after "For:", so an underline there only adds clutter."""

    def bold(found: re.Match) -> str:
        tag, inside = found.groups()
        if "<font face=" not in inside:
            return found.group(0)
        plain = tag == "strong" and any(
            _heavier(*face.groups()) is None for face in _FACE.finditer(inside))
        inside = bolder(inside)
        return f"<{tag}><u>{inside}</u></{tag}>" if plain else f"<{tag}>{inside}</{tag}>"

    return _BOLD.sub(bold, markup)


def escaped(text: str) -> str:
    """Text safe inside a paragraph's markup and its attributes, a link's address too (as
    xml.sax.saxutils does; importing that loads urllib, http and ssl, some 10 ms of every
    cold build)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))
