"""What every block builder needs (the handout, the theme, where warnings go), and the one
way a string enters Paragraph markup.

Every string from the user passes through ``esc`` before it enters Paragraph markup, so a
``<`` or ``&`` in a patient's name prints as itself.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Sequence

from reportlab.lib.styles import ParagraphStyle

from handouts.render import glyphs, hyphens, number_units
from handouts.render.paragraph import Paired, Paragraph, Whole
from handouts.render.theme import Theme
from handouts.resolve import Handout
from handouts.words import caregiver, joins, text


QUIET = ('<font color="#4a525a"><i>', "</i></font>")  # a second language's look
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# French sets a space before : ; ! ? and », and after «: typed as an ordinary space (in a
# clinic's dose.txt, "Utilisez : …"), it let the mark start a line of its own. No language
# starts a line with one, so the space is tied to its word in every text: here, where a
# string enters markup, the language is not known, and it need not be.
_SPACED_MARK = re.compile(r" +(?=[:;!?»])|(?<=«) +")


def esc(value: text.Text) -> str:
    """Paragraph markup for plain text: escaped, with fallback fonts for other scripts (set
    bold where bold markup surrounds them, as the Paragraph is made: see paragraph.py); in a
    bilingual handout the second language follows on its own line, in grey italics (QUIET).
    The library marks words that must stand out (the safety box's 911 line) with ``**…**``:
    they print bold. An empty part is a language with no text there (a step of a list that
    did not pair with the other's): it prints nothing."""
    lead, *rest = text.parts(value)
    quiet = [f"{QUIET[0]}{_bolded(r)}{QUIET[1]}" for r in rest if r]
    if not lead:
        return "<br/>".join(quiet)
    return _bolded(lead) + "".join(f"<br/>{r}" for r in quiet)


def esc_by_language(texts: Sequence[text.Text | None]) -> str:
    """Paragraph markup for a few texts, a line each, in a bilingual handout: each
    language's lines together, in the texts' order, the first language's first and every
    other's under them in grey italics (QUIET). A reader follows their own language down
    the lines, as a card's dose box gives a week and its dose in one language, then the
    other. A text that reads the same in every language prints once, in the first's lines;
    None or an empty part prints nothing. One text alone is set as ``esc`` sets it."""
    found = [text.parts(t) for t in texts if t]
    lines = [_bolded(each[i]) if i == 0 else f"{QUIET[0]}{_bolded(each[i])}{QUIET[1]}"
             for i in range(max(map(len, found), default=0))
             for each in found if i < len(each) and each[i]]
    return "<br/>".join(lines)


@functools.lru_cache(maxsize=4096)  # a library's texts recur in every handout of a batch
def _bolded(value: str) -> str:
    # <strong>, bold as <b> is, tells the library's own emphasis from the bold of a label or
    # a name: only it is underlined where a font has no bold face (glyphs.bold_inline)
    return _BOLD.sub(r"<strong>\1</strong>", glyphs.markup(_SPACED_MARK.sub("\u00a0", value)))


def unquiet(markup: str, theme: Theme) -> str:
    """Large print sets a second language upright and black like the first: grey and
    italics are what low-vision readers lose first."""
    if theme.quiet_second_language:
        return markup
    return markup.replace(QUIET[0], "").replace(QUIET[1], "")


@dataclass
class Context:
    """What every block builder needs: the handout, the theme, and where warnings go."""

    handout: Handout
    theme: Theme
    warnings: list[str] = field(default_factory=list)
    summary_page: dict = field(default_factory=dict)  # filled in as page 1 is drawn
    session_line: dict = field(default_factory=dict)  # so is whether the time moved on
    note_moved: dict = field(default_factory=dict)  # and the therapist's note (large print)
    # whether the disclaimer went under the summary (large print, see ending.AfterSummary)
    disclaimer_moved: dict = field(default_factory=dict)
    share_cards: bool = False

    def say(self, key: str, **kw) -> str:
        """``key`` in every language of the handout, as its reader is spoken to: a
        caregiver reads "Mia's exercises" (see words.caregiver)."""
        h = self.handout
        return text.both([caregiver.phrase(lang, key, h.wording, h.patient_name, h.caregiver,
                                           **kw) for lang in h.languages])

    def label(self, key: str, **kw) -> str:
        """Short wording in every language on one line ("Para / For"), where a text of its
        own in each language would break up a line such as "For: Jane Doe"."""
        return " / ".join(dict.fromkeys(text.phrase(lang, key, self.handout.wording, **kw)
                                        for lang in self.handout.languages))

    def colon(self, index: int = 0) -> str:
        """What follows a label before its text in the handout's ``index``-th language
        ("Date: …", French "Date : …"): its wording's ``label_colon``."""
        return text.colon(self.handout.languages[index], self.handout.wording)

    def join(self, texts, kind: joins.Kind = "parts", index: int = 0) -> str:
        """``texts`` as one line of the handout's ``index``-th language (see joins.join):
        "Hold 5 seconds · Repeat 5 times", "…保ちます。5回くり返します"."""
        return joins.join(self.handout.languages[index], texts, kind)

    def colon_markup(self, index: int = 0) -> tuple[str, str]:
        """The colon split for a bold label: what goes inside the bold (":", " :") and the
        space after it outside ("" where the language writes none, as Chinese "：")."""
        said = self.colon(index)
        inside = said.rstrip()
        return esc(inside), said[len(inside):]

    def p(self, markup: str, style: str = "body") -> Paragraph:
        if glyphs.IDEOGRAPHIC_SPACE in markup:  # one a join put between texts already marked up
            markup = markup.replace(glyphs.IDEOGRAPHIC_SPACE,
                                    glyphs.markup(glyphs.IDEOGRAPHIC_SPACE))
        return Paragraph(unquiet(markup, self.theme), self.style(style))

    def style(self, name: str) -> ParagraphStyle:
        """The theme's style ``name``, a word too long for a line split at a syllable in
        the handout's languages (see hyphens)."""
        return hyphens.style(self.theme.style(name), self.handout.languages,
                             self.handout.clinic.locale, self.number_words)

    @functools.cached_property  # asked for every paragraph's style
    def number_words(self) -> number_units.Own | None:
        """The units and counted words the clinic's wording adds (number_units)."""
        return number_units.own_words(self.handout.languages, self.handout.wording)

    def date_text(self, date=None) -> str:
        """``date`` (default: the visit's) in words, in each of the handout's languages."""
        h = self.handout
        return _date_text(date or h.date, h.languages, h.wording)


@functools.lru_cache(maxsize=256)
def _date_text(date, languages: tuple[str, ...], wording) -> str:
    """The date in words, once per process for each date: the month names make it a
    template filled in afresh each time (they cannot be part of the wording's own key)."""
    return text.both([text.phrase(lang, "date_long", wording, date=date,
                                  months=text.strings(lang, wording)["months"])
                      for lang in languages])


@functools.lru_cache(maxsize=64)
def _item_style(body, indent: float, dedent: float):
    return ParagraphStyle(f"{body.name}_item", parent=body, leftIndent=indent,
                          bulletIndent=indent - dedent, bulletFontSize=body.fontSize,
                          bulletFontName=f"{body.fontName.split('-')[0]}-Bold")


def numbered(ctx: Context, items, style: str = "body", bullet: str | None = None,
             whole: bool = False, part: slice = slice(None)) -> list:
    """Numbered (or bulleted) items with a hanging indent: each a paragraph with its bullet,
    which lays out in a fraction of the time of a ListFlowable. ``part``: the items drawn,
    numbered as in the whole list (steps that continue on the next page go on counting;
    see ``step_numbers``); ``whole``: each item kept in one piece where what holds them
    runs on to the next page (see paragraph.Whole); an item said in two languages is never
    cut between them (see paragraph.Paired)."""
    t = ctx.theme
    item = hyphens.style(_item_style(t.style(style), t.body_size * 1.6, t.body_size * 1.4),
                         ctx.handout.languages, ctx.handout.clinic.locale, ctx.number_words)
    return [_item(unquiet(esc(text_), t), item, bullet or f"{n}.", whole, t.frame_height,
                  sum(1 for said in text.parts(text_) if said) > 1)
            for n, text_ in zip(step_numbers(items)[part], items[part])]


def _item(markup: str, style: ParagraphStyle, bullet: str, whole: bool, page_height: float,
          paired: bool) -> Paragraph:
    if whole:
        return Whole(markup, style, bulletText=bullet)
    if not paired:
        return Paragraph(markup, style, bulletText=bullet)
    found = Paired(markup, style, bulletText=bullet)
    found.page_height = page_height
    return found


def step_numbers(items) -> list[int]:
    """Each item's number: one count for each language where the two languages' lists print
    one after the other (each item then in one language alone, see library_text), so the
    second language's steps are numbered from 1 again; else 1, 2, 3 …"""
    counts: dict[int, int] = {}
    numbers = []
    for item in items:
        found = text.parts(item)
        language = next((i for i, part in enumerate(found) if part), 0)
        counts[language] = counts.get(language, 0) + 1
        numbers.append(counts[language])
    return numbers
