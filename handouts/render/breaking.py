"""Where a word too long for a line breaks, in a script that is shaped: between letters
that are written apart, never inside what is written as one (a consonant and its vowel
signs, a conjunct joined by a virama or the Khmer coeng, a Thai vowel written before its
consonant), and each part shaped again.

Thai, Lao, Khmer and Burmese put no space between words, so a sentence is one "word" to
reportlab, which splits it letter by letter where it runs past the line, and draws the
parts without their shaping (its split reads the shaped word a character at a time). A
line could then start with a vowel sign, and a Khmer subscript consonant lose its place.
``split_word`` replaces reportlab's split for words in a shaped font (see shaping.py,
which installs it); for any other word it is reportlab's own.

A paragraph broken into lines again (at another width: a large-print card tries its
picture at several sizes; or the rest of a paragraph split across pages) joins a split
word's parts back into one word, which reportlab would shape a second time, glyphs and
all: HarfBuzz refused them and the handout failed. Each part keeps its letters, unshaped
(``letters``), and ``rejoin`` joins those, to be shaped afresh.
"""

from __future__ import annotations

import unicodedata

# Thai and Lao vowels written before the consonant they follow in speech: they go with it
_BEFORE = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
# Thai and Lao vowels written after their consonant that Unicode counts as letters, not
# marks (sara a, sara aa, sara am, lakkhangyao), and the mark that repeats the word before
# (mai yamok): a line that starts with one has cut it from the letters it ends
_AFTER = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46\u0eb0\u0eb2\u0eb3\u0ec6")
_JOINERS = frozenset("\u200c\u200d")


def cluster_starts(text: str) -> list[int]:
    """Where ``text`` may break: the start of each run of letters written as one."""
    starts = []
    for i, char in enumerate(text):
        if i and (unicodedata.category(char)[0] == "M" or char in _JOINERS or char in _AFTER
                  or text[i - 1] in _JOINERS or text[i - 1] in _BEFORE
                  or unicodedata.combining(text[i - 1]) == 9):  # after a virama or coeng
            continue
        starts.append(i)
    return starts


def split_word(split, shape, word, max_width: float, max_widths, lineno: int) -> list:
    """reportlab's ``_splitFragWord`` (``split``) for a word that is shaped: the parts that
    fit the room left on this line, then on each next line, broken at cluster starts and
    each shaped with ``shape`` (the word shaping of shaping.py)."""
    from reportlab.platypus import paragraph as rl

    source = getattr(word, "source", None)
    if source is None or any(hasattr(frag, "cbDefn") for frag, _ in source[1:]):
        return split(word, max_width, max_widths, lineno)
    pieces = [(frag, text) for frag, text in source[1:] if text]
    whole = "".join(text for _, text in pieces)
    starts = cluster_starts(whole) + [len(whole)]
    out, spans, start, k, last = [], [], 0, 1, len(max_widths) - 1
    while start < len(whole):
        room = max_width if not out else max_widths[min(lineno + len(out), last)]
        part = shape(_part(pieces, start, starts[k]))
        while k + 1 < len(starts):  # grow it cluster by cluster while it fits
            longer = shape(_part(pieces, start, starts[k + 1]))
            if longer[0] > room:
                break
            part, k = longer, k + 1
        out.append(part)
        spans.append((start, starts[k]))
        start, k = starts[k], k + 1
    kinds = [rl._SplitFrag] * (len(out) - 1) + [
        rl._SplitFragHS if isinstance(word, rl._HSFrag) else rl._SplitFragH]
    made = [kind(list(part)) for kind, part in zip(kinds, out)]
    for part, (start, end) in zip(made, spans):
        part.letters = _part(pieces, start, end)
    return made


def rejoin(join, parts: list):
    """reportlab's ``_rejoinSplitFragWords`` (``join``) for the parts of a word split here:
    their letters, unshaped, as one word that is shaped again (see the module); any other
    parts as reportlab joins them."""
    from reportlab.platypus import paragraph as rl

    if not parts or not all(hasattr(part, "letters") for part in parts):
        return join(parts)
    pieces = [piece for part in parts for piece in part.letters[1:]]
    return rl._reconstructSplitFrags(parts[-1])(
        [sum(part.letters[0] for part in parts), *pieces])


def _part(pieces: list, start: int, end: int) -> list:
    """The unshaped word's letters ``start`` to ``end``, as a frag word (width first)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    frags, at, width = [], 0, 0.0
    for frag, text in pieces:
        cut = text[max(0, start - at):max(0, end - at)]
        at += len(text)
        if cut:
            frags.append((frag.clone(text=cut), cut))
            width += stringWidth(cut, frag.fontName, frag.fontSize)
    return [width, *frags]
