"""Text in scripts whose letters change shape and place as they join (Devanagari, Bengali,
Tamil, Thai, Myanmar, Khmer …): shaped by HarfBuzz, through reportlab's own support for it
(``uharfbuzz``), in the fonts found for those scripts (``glyphs.SHAPED``) and nowhere else.

Without shaping, a Hindi or Nepali name prints as a row of loose letters and marks: the
conjuncts come apart and a vowel sign stands after the consonant it goes before. With it,
each word is drawn as the font's rules join it.

reportlab imports ``uharfbuzz`` when its font code loads, on every build, though few
handouts have such text; ``defer_harfbuzz`` puts a stand-in in its place that imports it on
first use, which keeps its 10-15 ms off every cold build. (The standard library's
LazyLoader cannot: an ``import`` statement asks the module for ``__spec__``, which loads it.)

A shaped word may draw a glyph that stands for no one character (a conjunct of two letters,
a vowel sign joined to a consonant); reportlab gives it a private code, which a reader of
the PDF (copy and paste, search, a screen reader) would get instead of the letters. The
letters each such glyph was made from are noted as words are shaped (``letters_of``), and
the font's text map gives them back (fonts.py).
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import unicodedata


def defer_harfbuzz() -> None:
    """Make reportlab's ``import uharfbuzz`` cheap: HarfBuzz loads when text is shaped."""
    if "uharfbuzz" not in sys.modules and importlib.util.find_spec("uharfbuzz") is not None:
        sys.modules["uharfbuzz"] = _HarfBuzzOnFirstUse()


class _HarfBuzzOnFirstUse:
    """Stands for ``uharfbuzz`` in ``sys.modules`` until one of its names is used."""

    def __getattr__(self, name: str):
        if name.startswith("__"):  # what the import system asks (__spec__): not a use
            raise AttributeError(name)
        del sys.modules["uharfbuzz"]
        module = importlib.import_module("uharfbuzz")
        ttfonts = sys.modules.get("reportlab.pdfbase.ttfonts")
        if ttfonts is not None:
            ttfonts.uharfbuzz = module  # its later uses go to the module itself
        return getattr(module, name)


def needed(markup: str) -> bool:
    """Whether Paragraph markup has text in a font that is shaped."""
    if 'face="' not in markup:  # most: asked of every paragraph of every handout
        return False
    from handouts.render import glyphs

    return bool(glyphs.SHAPED) and any(f'face="{name}' in markup for name in glyphs.SHAPED)


@functools.cache
def shaping_style(style):
    """``style`` with shaping on: a paragraph of it is shaped word by word."""
    _hook_reportlab()
    return style.clone(f"{style.name}-shaped", shaping=1)


# a private code reportlab gives a glyph that no character maps to (see its hbAddPrivate)
_PRIVATE = range(0xE000, 0xF900)


@functools.cache
def _hook_reportlab() -> None:
    """Wrap reportlab's word shaping (once, when text is first shaped): see ``_shape_word``;
    and its split of a word too long for a line, and its joining of the parts again, for
    words that are shaped (breaking.py)."""
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

    from handouts.render import breaking

    shape = ttfonts.shapeFragWord

    def shaped_word(word, *args, **kw):
        return _shape_word(shape, word, *args, **kw)

    ttfonts.shapeFragWord = paragraph.shapeFragWord = shaped_word
    split = paragraph._splitFragWord
    paragraph._splitFragWord = lambda word, *args: breaking.split_word(
        split, shaped_word, word, *args)
    join = paragraph._rejoinSplitFragWords
    paragraph._rejoinSplitFragWords = lambda parts: breaking.rejoin(join, parts)


def _shape_word(shape, word, *args, **kw):
    """reportlab's ``shapeFragWord`` (``shape``), used only on the parts of a word in a font
    that is shaped, and noting for each glyph it gives a private code the letters it was
    made from (in the font's ``letters_of``).

    A word can change font mid-way ("श्रेष्ठ!": the "!" is the handout's font), and
    reportlab shapes a whole word in its first part's font, so the glyphs of one font would
    be drawn in another; each part is shaped alone, in its own font."""
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from handouts.render import glyphs

    if isinstance(word, ttfonts.ShapedFragWord):
        return word
    parts: list[tuple[str, list]] = []  # (font, [(frag, text) …]) in the word's order
    for frag, piece in word[1:]:
        font = getattr(frag, "fontName", "")
        if parts and (hasattr(frag, "cbDefn") or parts[-1][0] == font):
            parts[-1][1].append((frag, piece))
        else:
            parts.append((font, [(frag, piece)]))
    if not any(glyphs.is_shaped(font) for font, _ in parts):
        return word
    width, drawn, changed = 0.0, [], False
    for font, frags in parts:
        part = [sum(stringWidth(t, f.fontName, f.fontSize) for f, t in frags
                    if not hasattr(f, "cbDefn")), *frags]
        if len(parts) == 1:
            part = word
        done = shape(part, *args, **kw) if glyphs.is_shaped(font) else part
        if done is not part:
            changed = True
            _note(part, done)
        width += done[0]
        drawn.extend(done[1:])
    if not changed:
        return word
    shaped_word = ttfonts.makeShapedFragWord(word)([width, *drawn])
    shaped_word.source = word  # what a split of it breaks and shapes again (breaking.py)
    return shaped_word


def _note(word, shaped_word) -> None:
    """For each glyph of ``shaped_word`` with a private code, the letters of ``word`` it
    stands for: those its name spells, where it is named as the Adobe Glyph List says
    ("uni178117B6" is U+1781 U+17B6, as most fonts for these scripts name them); else its
    cluster's letters less those the cluster's other glyphs stand for; where two of them
    stand for what is not known yet, those found by shaping the cluster without its signs
    (``_apart``)."""
    from reportlab.pdfbase import pdfmetrics

    text = "".join(piece for frag, piece in word[1:] if not hasattr(frag, "cbDefn"))
    glyphs = [(frag, char, data) for frag, piece in shaped_word[1:]
              for char, data in zip(piece, getattr(piece, "__shapeData__", ()))]
    starts = sorted({data.cluster for _, _, data in glyphs})
    spelt = {char: _spelt(font.hbFont().glyph_to_string(font.face.charToGlyph[ord(char)]))
             for frag, char, _ in glyphs if ord(char) in _PRIVATE
             for font in [pdfmetrics.getFont(frag.fontName)]}
    for frag, char, data in glyphs:
        font = pdfmetrics.getFont(frag.fontName)
        known = font.__dict__.setdefault("letters_of", {})
        if ord(char) not in _PRIVATE or ord(char) in known:
            continue
        letters = spelt[char]
        if letters is None:
            later = [s for s in starts if s > data.cluster]
            cluster = text[data.cluster:later[0] if later else len(text)]
            others = [other for _, other, other_data in glyphs
                      if other_data.cluster == data.cluster and other != char]
            said = {other: other if ord(other) not in _PRIVATE
                    else spelt.get(other) or known.get(ord(other), "") for other in others}
            unknown = [other for other in others if not said[other]]
            letters = (_apart(font, cluster, char, unknown[0], [said[o] for o in others])
                       if len(unknown) == 1 else None) or _less(cluster, said.values())
        if letters:
            known[ord(char)] = letters


def _less(letters: str, taken) -> str:
    """``letters`` less each letter of those ``taken``, once each."""
    for letter in "".join(taken):
        letters = letters.replace(letter, "", 1)
    return letters


def _apart(font, cluster: str, char: str, other: str, said: list[str]) -> str | None:
    """The letters of ``char``, one of two glyphs of ``cluster`` (with ``other``) that stand
    for what is not known yet, its other glyphs standing for ``said``: the conjunct स्थ and the
    ि drawn before it, in "स्थि" (each was given the whole cluster, read "स्थिस्थि"). The
    cluster is shaped without the signs it ends with ("स्थ"): the one of the two still drawn
    stands for what is left, less the other glyphs drawn there; the other for the rest. None
    where that tells them apart no better."""
    import uharfbuzz

    base = cluster
    while base and unicodedata.category(base[-1])[0] == "M" \
            and unicodedata.combining(base[-1]) not in (7, 9):  # a nukta or virama stays
        base = base[:-1]
    if not base or base == cluster:
        return None
    buffer = uharfbuzz.Buffer()
    buffer.add_str(base)
    buffer.guess_segment_properties()
    uharfbuzz.shape(font.hbFont(), buffer)
    drawn = [info.codepoint for info in buffer.glyph_infos]
    glyph = font.face.charToGlyph
    inside = [c for c in (char, other) if glyph[ord(c)] in drawn]
    if len(inside) != 1:
        return None
    letters = {g: chr(c) for c, g in reversed(glyph.items())}  # each glyph's own character
    kept = _less(base, (letters.get(g, "") for g in drawn if g != glyph[ord(inside[0])]))
    return kept if inside[0] == char else _less(cluster, [kept, *said])


def _spelt(name: str) -> str | None:
    """The letters a glyph name spells by the Adobe Glyph List's rules for "uniXXXX…" and
    "uXXXXX" parts, joined by "_" ("uni0915_uni094D"); None for any other name."""
    letters = ""
    for part in name.split(".")[0].split("_"):
        digits = part[3:] if part.startswith("uni") else part[1:] if part.startswith("u") else ""
        size = 4 if part.startswith("uni") else len(digits)
        if not digits or len(digits) % size or not 4 <= size <= 6 or not all(
                c in "0123456789ABCDEF" for c in digits):
            return None
        letters += "".join(chr(int(digits[i:i + size], 16)) for i in range(0, len(digits), size))
    return letters


def shaped(piece: str, font: str, size: float) -> str:
    """``piece`` (one font's run of a line) shaped for drawing on a canvas, where the font
    is one that is shaped; else ``piece`` itself."""
    from handouts.render import glyphs

    if not glyphs.is_shaped(font):
        return piece
    from reportlab.pdfbase.ttfonts import shapeStr

    _hook_reportlab()
    return shapeStr(piece, font, size)


def width(piece: str, font: str, size: float) -> float:
    """How wide ``piece`` draws in ``font`` (shaped where the font is)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    drawn = shaped(piece, font, size)
    data = getattr(drawn, "__shapeData__", None)
    if data is None:
        return stringWidth(piece, font, size)
    return sum(d.x_advance for d in data) * size / 1000
