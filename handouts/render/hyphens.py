"""A word wider than a whole line, split at a syllable with a hyphen, in the paragraph's
language(s) (pyphen's dictionaries, the ones LibreOffice uses).

reportlab splits such a word letter by letter where it runs past the line and adds no
hyphen: a German compound ("Schulterblattzusammenführung") in a narrow column printed as
"Schulterblattzusammenführ" / "ung". Here each part but the last ends at a syllable and
with "-", and holds as many syllables as fit the room left on its line (on the line it
starts, what is left after the words before it; the word starts on the next line where
not even one syllable fits there). A compound with hyphens of its own
("Schulter-Nacken-Programm") ends a line after one of them where a piece fits, and adds
no hyphen there.

Only such words, and one more: reportlab's own ``hyphenationLang`` would hyphenate any word
that runs past the end of a line, and so break every paragraph anew. A word that fits on a
line of its own still goes whole to the next line, as before, unless that leaves its line
holding only a short lead (``LEAD``: an item's number, "4." above
"Außenrotationsübung mit Theraband", or one short word): then as many of its syllables as
fit go beside it (``lead_word``). A word of other characters than letters (a
number, a dose, an email address, a web address, a phone number), a word in a script not
written with hyphens (shaped scripts, right to left), or in a language pyphen has no
dictionary for, is split as reportlab splits it; so is one where a syllable is wider than
a line. Chinese and Japanese break between characters by kinsoku.py's rules, and fill the
line beside any lead, as they are set.

The languages are the style's (``style``: a copy of the style that names them, so whatever
keys a paragraph on its text and style keys it on them too: the line-break cache in
paragraph.py). A paragraph in two languages has both: a word is split only where both
languages' dictionaries (those that have one) allow a break. reportlab's split has no
argument for them, so the paragraph breaking its lines says them (``breaking``).

Each language's dictionary is the clinic's locale's where that names the same language and
pyphen has one for its country (``dictionary_name``: en-GB, de-CH), else the language's
usual one (``USUAL``). pyphen alone picks the first of a language's files by name: British
patterns for a US clinic's English ("re-hab-il-it-a-tion"), Austrian ones for German. The
locale is in the style, and so in every cache key the style is in.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import unicodedata

from handouts.kept import found as kept_found
from handouts.kept import keep
from handouts.render import kinsoku, number_units
from handouts.render.word_parts import frag_cut, frag_text, frag_width, head, parts
from handouts.words.languages import tag, us_way

# the languages and clinic's locale of the paragraph reportlab is breaking into lines, for
# its split hooked here
_breaking: contextvars.ContextVar[tuple[tuple[str, ...], str | None]] = contextvars.ContextVar(
    "hyphenation_languages", default=((), None))
# what may stand before and after a word's letters: quotes, brackets, a sentence's marks
_AROUND = re.compile(r"^([\"'(\[{¿¡‘‚“„«]*)(.*?)([\]\"')}?!.,;:’”»]*)$", re.S)
_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")  # the scripts that break a word with "-"
_TIE = "\u00a0"  # joins.py's "tied": a no-break space
# a line at most this full (of its width) before a word that does not fit beside it holds
# a short lead: an item's number ("4."), a short word. Alone it reads as a line left
# empty, so the word is hyphenated to fill it, as a typesetter would (lead_word).
LEAD = 0.25
# a language's dictionary where the clinic's locale names none of pyphen's for it, in place
# of the first of its files by name (de_AT, pt_BR). English: as its country spells it, see
# dictionary_name.
USUAL = {"de": "de_DE", "pt": "pt_BR"}


# the styles made, kept per process: a theme given up (theme.THEMES) is made again with
# styles of its own, and a web app that met new colours for months kept a copy of every
# style of every theme (and so the theme's own), as long as the cache was unbounded
_styles: dict = {}
STYLES = 1_000


def style(base, languages: tuple[str, ...], locale: str | None = None,
          own: number_units.Own | None = None):
    """``base`` naming ``languages`` for hyphenation, as a clinic of ``locale`` writes them,
    and the units and counted words of the clinic's own (``own``) that a number keeps on
    its line (number_units). Which of them pyphen has a dictionary for is looked up only
    when a word does not fit its line (``breaks``): importing pyphen and reading a
    dictionary costs a cold build 80 ms, and most handouts never need one."""
    if not languages:
        return base
    key = (base, languages, locale, own)
    made = kept_found(_styles, key)
    if made is None:
        _hook_reportlab()
        made = base.clone(f"{base.name}-hy-{'-'.join(languages)}-{locale or ''}")
        made.hyphenation_languages = languages
        made.hyphenation_locale = locale
        made.number_words = own
        made.hyphenationLang = _lead
        keep(_styles, key, made, STYLES)
    return made


@contextlib.contextmanager
def breaking(paragraph_style):
    """While a paragraph of ``paragraph_style`` is broken into lines: its languages, and
    the clinic's own units (number_units.OWN)."""
    token = _breaking.set((getattr(paragraph_style, "hyphenation_languages", ()),
                           getattr(paragraph_style, "hyphenation_locale", None)))
    own = number_units.OWN.set(getattr(paragraph_style, "number_words", None))
    try:
        yield
    finally:
        number_units.OWN.reset(own)
        _breaking.reset(token)


@functools.cache
def dictionary_name(language: str, locale: str | None) -> str | None:
    """pyphen's dictionary for ``language`` in a clinic of ``locale``: the locale's own
    where it names the same language (as the PDF's /Lang does, ``languages.tag``) and pyphen
    has one for its country (en-US, en-GB, de-CH); else English as the locale's country
    spells it (text.layers: en_US the US way, en-CA or no country; en_GB elsewhere, en-IE,
    fr-FR's English); else the language's usual one (``USUAL``); None where pyphen has
    none (zh)."""
    import pyphen

    found = pyphen.language_fallback(tag(language, locale).replace("-", "_"))
    if found is None or found != language:  # none, or the country's own (fr-CA: fr)
        return found
    if language == "en":
        return "en_US" if us_way(locale) else "en_GB"
    return USUAL.get(language, found)


@functools.cache
def _dictionary(name: str | None):
    import pyphen

    from handouts.render import hyphen_cache

    if not name:
        return None
    hyphen_cache.install(pyphen, name)  # parsing its file costs a cold build up to 140 ms
    return pyphen.Pyphen(lang=name)


@functools.lru_cache(maxsize=1024)  # a web app meets words without end
def _hyphenable(letters: str) -> bool:
    return all(char.isalpha() and unicodedata.name(char, "").startswith(_SCRIPTS)
               for char in letters)


def breaks(word: str, languages: tuple[str, ...], locale: str | None = None) -> list[int]:
    """Where ``word`` (a word as printed: with its brackets and marks) may break, in
    ``languages`` as a clinic of ``locale`` writes them: after these many characters; at a
    syllable (a hyphen is added) or after a hyphen of its own
    ("Schulter-Nacken-Programm": see ``own``). None where it is not a word of letters only
    (with hyphens between them). Chinese and Japanese break between characters, with no
    hyphen (kinsoku.py)."""
    if kinsoku.has_cjk(word):
        return kinsoku.breaks(word)
    if _TIE in word:
        # words tied so that no line breaks between them (a title and its "(continued)"):
        # at the syllables of each but the last, the short word tied on, never at the tie.
        # Read as one word of letters, they had none, and a German title too long for its
        # line broke mid-word with no hyphen ("(Achil" / "lessehnen…programm) (Fortsetzung)")
        found, start = [], 0
        *pieces, _ = word.split(_TIE)
        for piece in pieces:
            found += [start + at for at in breaks(piece, languages, locale)
                      if 0 < at < len(piece)]
            start += len(piece) + 1
        return found
    lead, letters, _ = _AROUND.match(word).groups()
    pieces = letters.split("-")
    # a dictionary read only for a word of letters: reading one is a good part of a cold
    # build (German's most), and a web address too wide for its column has no use for it
    if len(letters) < 4 or "" in pieces or not all(map(_hyphenable, pieces)):
        return []
    dictionaries = [d for d in (_dictionary(dictionary_name(language, locale))
                                for language in languages) if d]
    if not dictionaries:
        return []
    found, start = [], len(lead)
    for piece in pieces:
        if start > len(lead):
            found.append(start)
        if len(piece) >= 4:
            allowed = set.intersection(*(set(d.positions(piece)) for d in dictionaries))
            found += [start + at for at in sorted(allowed)]
        start += len(piece) + 1
    return found


def own(word: str, breaks_at: list[int]) -> frozenset[int]:
    """Which of ``breaks_at`` follow a hyphen the word has of its own: no hyphen is added
    there, and a line ends there rather than at a syllable where both fit (as a
    typesetter breaks a compound where its writer joined it). Chinese and Japanese add none
    either."""
    if kinsoku.has_cjk(word):
        return frozenset(breaks_at)
    return frozenset(at for at in breaks_at if word[at - 1] == "-")


def split_frag_word(split, word, max_width: float, max_widths, lineno: int) -> list:
    """reportlab's ``_splitFragWord`` (``split``) for a word of several fragments (markup):
    at syllables where the paragraph's languages allow (see the module)."""
    from reportlab.platypus import paragraph as rl

    found = frag_text(word)
    at = breaks(found[0], *_breaking.get()) if found else []
    if not at:
        return split(word, max_width, max_widths, lineno)
    text, owner = found
    last = len(max_widths) - 1
    made = parts(frag_width(text, owner), len(text), at, max_width,
                 lambda k: max_widths[min(lineno + k, last)], own(text, at))
    if made is None:
        return split(word, max_width, max_widths, lineno)
    out = []
    for start, end, hyphen in made:
        part = (frag_cut(text, owner, start, end, hyphen) if end > start
                else [0, (owner[0].clone(text=""), "")])
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
        str(word), *_breaking.get())
    last = len(max_widths) - 1
    made = at and parts(
        lambda s, e, hy: stringWidth(word[s:e] + "-" * hy, font, size, encoding), len(word),
        at, max_widths[min(lineno, last)] - line_width,
        lambda k: max_widths[min(lineno + k, last)], own(str(word), at))
    if not made:
        return split(word, line_width, max_widths, lineno, font, size, encoding)
    out = [rl._SplitWordHY(word[s:e] + "-") if hyphen else rl._SplitWord(word[s:e])
           for s, e, hyphen in made]
    out[-1] = rl._SplitWordEnd(out[-1])
    return out


def _lead_room(word_width: float, new_width: float, line: float,
               text: str = "") -> float | None:
    """What is left beside a short lead (see ``LEAD``) for a word that does not fit there
    but fits a line of its own; None where the line holds more, or nothing, before it.
    Chinese and Japanese ``text`` fills the line beside any lead, as it is set: moved whole
    to the next line, a sentence of them left the line before it part empty."""
    lead = new_width - word_width
    short = lead <= LEAD * line or kinsoku.has_cjk(text)
    if not _breaking.get()[0] or lead <= 0 or not short or word_width > line:
        return None
    return line - lead


def lead_word(hyphenate, hyphenator, font: str, size: float, word, word_width: float,
              new_width: float, line: float, *rest) -> list | None:
    """reportlab's ``_hyphenateWord`` (``hyphenate``), asked of a word that reaches the
    margin of a line of one font: hyphenated after a short lead (see ``LEAD``) only."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import paragraph as rl

    from handouts.render import glyphs

    if hyphenator is not _lead:  # a style of reportlab's own hyphenation
        return hyphenate(hyphenator, font, size, word, word_width, new_width, line, *rest)
    room = _lead_room(word_width, new_width, line, str(word))
    if room is None or isinstance(word, rl._SplitWord) or rl.isBidiStr(word) or (
            glyphs.is_shaped(font)):
        return None
    text = str(word)
    at = breaks(text, *_breaking.get())
    first = at and head(lambda s, e, hy: stringWidth(text[s:e] + "-" * hy, font, size),
                        len(text), at, room, own(text, at))
    if not first:
        return None
    end, hyphen = first[1], first[2]
    return [rl._SplitWordHY(text[:end] + "-") if hyphen else rl._SplitWordH(text[:end]),
            rl._SplitWordEnd(text[end:])]


def lead_frag_word(hyphenate, hyphenator, word, new_width: float, line: float,
                   *rest) -> list | None:
    """reportlab's ``_hyphenateFragWord`` (``hyphenate``), asked of a word of several
    fragments (markup) that reaches the margin: hyphenated after a short lead only."""
    from reportlab.platypus import paragraph as rl

    if hyphenator is not _lead:
        return hyphenate(hyphenator, word, new_width, line, *rest)
    room = _lead_room(word[0], new_width, line,
                      "".join(piece for _, piece in word[1:]))
    found = None if room is None or isinstance(word, rl._SplitFrag) else frag_text(word)
    at = breaks(found[0], *_breaking.get()) if found else []
    if not at:
        return None
    text, owner = found
    first = head(frag_width(text, owner), len(text), at, room, own(text, at))
    if not first:
        return None
    end, hyphen = first[1], first[2]
    rest_kind = rl._SplitFragHS if isinstance(word, rl._HSFrag) else rl._SplitFrag
    return [(rl._SplitFragHY if hyphen else rl._SplitFragH)(
        frag_cut(text, owner, 0, end, hyphen)),
        rest_kind(frag_cut(text, owner, end, len(text), False))]


def _lead(word: str):
    """The style's ``hyphenationLang``: it has reportlab ask ``lead_word`` and
    ``lead_frag_word`` of each word that reaches the margin; they never call it."""
    return iter(())


@functools.cache
def _hook_reportlab() -> None:
    """Put ``split_frag_word``, ``split_word``, ``lead_word``, ``lead_frag_word``,
    kinsoku's ``words`` within number_units' ``words``, and number_units' ``frag_words``
    after reportlab's own, in reportlab's place (once, when a style first names a
    language)."""
    from reportlab.platypus import paragraph

    frag_split, word_split = paragraph._splitFragWord, paragraph._splitWord
    paragraph._splitFragWord = lambda *args: split_frag_word(frag_split, *args)
    paragraph._splitWord = lambda *args: split_word(word_split, *args)
    frag_hyphenate, word_hyphenate = paragraph._hyphenateFragWord, paragraph._hyphenateWord
    paragraph._hyphenateFragWord = lambda *args: lead_frag_word(frag_hyphenate, *args)
    paragraph._hyphenateWord = lambda *args: lead_word(word_hyphenate, *args)
    text_split = functools.partial(kinsoku.words, paragraph.split)
    paragraph.split = lambda *args: number_units.words(text_split, *args)
    frag_words = paragraph._getFragWords
    paragraph._getFragWords = lambda *args: number_units.frag_words(frag_words(*args))
