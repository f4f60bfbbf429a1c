"""A word wider than a whole line, split at a syllable with a hyphen, in the paragraph's
language(s) (pyphen's dictionaries, the ones LibreOffice uses).

reportlab splits such a word letter by letter where it runs past the line and adds no
hyphen: a German compound ("Schulterblattzusammenführung") in a narrow column printed as
"Schulterblattzusammenführ" / "ung". Here each part but the last ends at a syllable and
with "-", and holds as many syllables as fit the room left on its line (on the line it
starts, what is left after the words before it; the word starts on the next line where
not even one syllable fits there).

Only such words: reportlab's ``hyphenationLang`` would hyphenate any word that runs past
the end of a line, and so break every paragraph anew. A word that fits on a line of its own
still goes whole to the next line, as before. A word of other characters than letters (a
number, a dose, an email address, a web address, a phone number), a word in a script not
written with hyphens (shaped scripts, right to left, CJK), or in a language pyphen has no
dictionary for, is split as reportlab splits it; so is one where a syllable is wider than
a line.

The languages are the style's (``style``: a copy of the style that names them, so whatever
keys a paragraph on its text and style keys it on them too: the line-break cache in
paragraph.py). A paragraph in two languages has both: a word is split only where both
languages' dictionaries (those that have one) allow a break. reportlab's split has no
argument for them, so the paragraph breaking its lines says them (``breaking``).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import unicodedata

from handouts.kept import found as kept_found
from handouts.kept import keep

# the languages of the paragraph reportlab is breaking into lines, for its split hooked here
_breaking: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "hyphenation_languages", default=())
# what may stand before and after a word's letters: quotes, brackets, a sentence's marks
_AROUND = re.compile(r"^([\"'(\[{¿¡‘‚“„«]*)(.*?)([\]\"')}?!.,;:’”»]*)$", re.S)
_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")  # the scripts that break a word with "-"


# the styles made, kept per process: a theme given up (theme.THEMES) is made again with
# styles of its own, and a web app that met new colours for months kept a copy of every
# style of every theme (and so the theme's own), as long as the cache was unbounded
_styles: dict = {}
STYLES = 1_000


def style(base, languages: tuple[str, ...]):
    """``base`` naming ``languages`` for hyphenation. Which of them pyphen has a dictionary
    for is looked up only when a word does not fit its line (``breaks``): importing pyphen
    and reading a dictionary costs a cold build 80 ms, and most handouts never need one."""
    if not languages:
        return base
    made = kept_found(_styles, (base, languages))
    if made is None:
        _hook_reportlab()
        made = base.clone(f"{base.name}-hy-{'-'.join(languages)}")
        made.hyphenation_languages = languages
        keep(_styles, (base, languages), made, STYLES)
    return made


@contextlib.contextmanager
def breaking(paragraph_style):
    """While a paragraph of ``paragraph_style`` is broken into lines: its languages."""
    token = _breaking.set(getattr(paragraph_style, "hyphenation_languages", ()))
    try:
        yield
    finally:
        _breaking.reset(token)


@functools.cache
def _dictionary(language: str):
    import pyphen

    found = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=found) if found else None


@functools.lru_cache(maxsize=1024)  # a web app meets words without end
def _hyphenable(letters: str) -> bool:
    return all(char.isalpha() and unicodedata.name(char, "").startswith(_SCRIPTS)
               for char in letters)


def breaks(word: str, languages: tuple[str, ...]) -> list[int]:
    """Where ``word`` (a word as printed: with its brackets and marks) may break with a
    hyphen: after these many characters; none where it is not a word of letters only."""
    lead, letters, _ = _AROUND.match(word).groups()
    # a dictionary read only for a word of letters: reading one is a good part of a cold
    # build (German's most), and a web address too wide for its column has no use for it
    if len(letters) < 4 or not _hyphenable(letters):
        return []
    dictionaries = [d for d in map(_dictionary, languages) if d]
    if not dictionaries:
        return []
    allowed = set.intersection(*(set(d.positions(letters)) for d in dictionaries))
    return [len(lead) + at for at in sorted(allowed)]


def parts(width, whole: int, breaks_at: list[int], room: float, rooms) -> list | None:
    """The word's parts, ``(start, end, hyphen)`` each: as many syllables as fit each line,
    ``width(start, end, hyphen)`` being how wide a part prints, ``room`` what is left on the
    line the word starts on, ``rooms(k)`` the width of the k-th line after it. The first
    part is empty where no syllable fits ``room``; None where a syllable fits no line."""
    out, start, line = [], 0, 0
    while True:
        space = room if line == 0 else rooms(line)
        if width(start, whole, False) <= space:
            return out + [(start, whole, False)]
        fits = [at for at in breaks_at if at > start and width(start, at, True) <= space]
        if fits:
            out.append((start, fits[-1], True))
            start = fits[-1]
        elif line == 0 and room < rooms(0):  # the line holds words before it: go on below
            out.append((0, 0, False))
        else:
            return None
        line += 1


def split_frag_word(split, word, max_width: float, max_widths, lineno: int) -> list:
    """reportlab's ``_splitFragWord`` (``split``) for a word of several fragments (markup):
    at syllables where the paragraph's languages allow (see the module)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import paragraph as rl

    from handouts.render import glyphs

    pieces = word[1:]
    if any(hasattr(frag, "cbDefn") or glyphs.is_shaped(frag.fontName) for frag, _ in pieces):
        return split(word, max_width, max_widths, lineno)
    text = "".join(piece for _, piece in pieces)
    owner = [frag for frag, piece in pieces for _ in piece]
    at = breaks(text, _breaking.get())
    if not at:
        return split(word, max_width, max_widths, lineno)

    def cut(start: int, end: int, hyphen: bool) -> list:
        frags, k = [], start
        while k < end:
            frag, j = owner[k], k
            while j < end and owner[j] is frag:
                j += 1
            frags.append((frag.clone(text=text[k:j]), text[k:j]))
            k = j
        if hyphen:
            frag, piece = frags[-1]
            frags[-1] = (frag.clone(text=piece + "-"), piece + "-")
        return [sum(stringWidth(piece, f.fontName, f.fontSize) for f, piece in frags), *frags]

    last = len(max_widths) - 1
    made = parts(lambda s, e, hy: cut(s, e, hy)[0], len(text), at, max_width,
                 lambda k: max_widths[min(lineno + k, last)])
    if made is None:
        return split(word, max_width, max_widths, lineno)
    out = []
    for start, end, hyphen in made:
        part = cut(start, end, hyphen) if end > start else [0, (owner[0].clone(text=""), "")]
        kind = rl._SplitFragHY if hyphen else rl._SplitFrag
        out.append(kind(part))
    out[-1] = (rl._SplitFragHS if isinstance(word, rl._HSFrag) else rl._SplitFragH)(out[-1])
    return out


def split_word(split, word, line_width: float, max_widths, lineno: int, font: str,
               size: float, encoding: str = "utf8") -> list:
    """reportlab's ``_splitWord`` (``split``) for a word of a paragraph in one font: at
    syllables where the paragraph's languages allow (see the module)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import paragraph as rl

    from handouts.render import glyphs

    at = [] if rl.isBidiStr(word) or glyphs.is_shaped(font) else breaks(
        str(word), _breaking.get())
    last = len(max_widths) - 1
    made = at and parts(
        lambda s, e, hy: stringWidth(word[s:e] + "-" * hy, font, size, encoding), len(word),
        at, max_widths[min(lineno, last)] - line_width,
        lambda k: max_widths[min(lineno + k, last)])
    if not made:
        return split(word, line_width, max_widths, lineno, font, size, encoding)
    out = [rl._SplitWordHY(word[s:e] + "-") if hyphen else rl._SplitWord(word[s:e])
           for s, e, hyphen in made]
    out[-1] = rl._SplitWordEnd(out[-1])
    return out


@functools.cache
def _hook_reportlab() -> None:
    """Put ``split_frag_word`` and ``split_word`` in reportlab's place (once, when a style
    first names a language)."""
    from reportlab.platypus import paragraph

    frag_split, word_split = paragraph._splitFragWord, paragraph._splitWord
    paragraph._splitFragWord = lambda *args: split_frag_word(frag_split, *args)
    paragraph._splitWord = lambda *args: split_word(word_split, *args)
