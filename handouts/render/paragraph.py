"""The handout's Paragraph: parsed and broken into lines once, drawn once and replayed, and
right-to-left text in reading order however it wraps.

Right-to-left text comes in logical order (see glyphs.markup), so reportlab breaks it into
lines as it is read; each line is put in display order only as it is drawn (rtl.order).
The lines a paragraph keeps stay in logical order, as splitting it across pages and the
caches expect. A right-to-left line in a left-aligned paragraph (or part of one: a second
language follows a line break) starts at the right margin, and its bullet or number is
drawn there. On a mirrored page (a style that says ``mirrored``: a handout whose every
language is right to left) every line is placed as in a mirror, whatever its text: a
left-aligned one ends at the right margin, a right-aligned one starts at the left, the
indents and the bullet swap sides.
"""

from __future__ import annotations

import functools

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as _ReportlabParagraph

from handouts.kept import found as kept_found
from handouts.kept import keep
from handouts.render import glyphs, hyphens, number_units, replay, rtl, shaping


@functools.lru_cache(maxsize=4096)
def _parsed(markup: str, paragraph_style) -> tuple:
    """Markup parsed once per process: a library's steps and tips recur in every handout."""
    parsed = _ReportlabParagraph(markup, paragraph_style)
    return parsed.style, tuple(parsed.frags)


class Paragraph(_ReportlabParagraph):
    """A Paragraph that parses its markup once per process and breaks its lines once per
    markup, style and width in the process (a library's steps and tips recur in every
    handout, and line breaking was most of the time a handout took); what it draws is
    recorded once and replayed (see ``replay``). Right-to-left text: see the module."""

    def __init__(self, text, style=None, bulletText=None, frags=None, **kw):  # noqa: N803
        self._source = None  # what the lines and the drawing depend on; None: a split part
        # whether a line may need ordering; a split part is told by the paragraph it was
        self._bidi = False
        self._lead_rtl = None  # a split part's first line continues text of this direction
        if frags is None:
            if '<font face="' in text:
                bold = style.fontName.endswith("-Bold")
                text = glyphs.bolder(text) if bold else glyphs.bold_inline(text)
            if shaping.needed(text):
                style = shaping.shaping_style(style)
            style, parsed = _parsed(text, style)
            # fresh fragments: splitting a paragraph across pages changes them in place
            frags = [f.clone() for f in parsed]
            # the style names the hyphenation languages (hyphens.style): the lines of the
            # same text in another language are kept apart
            self._source = (text, style, bulletText)
            self._bidi = rtl.has_rtl(text)
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kw)

    def wrap(self, avail_width, avail_height):
        known = self.__dict__
        if avail_width == known.get("_wrapped_at") and "blPara" in known:
            return self.width, self.height
        key = (self._source, avail_width) if self._source and replay.enabled() else None
        found = kept_found(_wrapped, key) if key else None
        if found:
            self.width, self.height, self.blPara = found
        else:
            super().wrap(avail_width, avail_height)
            if key and "blPara" in known:
                keep(_wrapped, key, (self.width, self.height, self.blPara), replay.LIMIT)
        self._wrapped_at = avail_width
        return self.width, self.height

    def minWidth(self):  # noqa: N802 - reportlab's name
        """reportlab's, with a number and its unit measured as the one word its lines keep
        them (number_units.py): a column sized to "minutes" alone split "5–10 minutes"
        letter by letter. reportlab measures a paragraph of one fragment at its spaces
        only, not as its lines split it; one of several is measured as its lines are.
        Measured once per markup and style in the process: a table asks each cell's
        paragraph for it again at each width it tries, a quarter of a new card's layout."""
        key = self._source if self._source and replay.enabled() else None
        width = kept_found(_min_widths, key) if key else None
        if width is None:
            width = self._measured_min_width()
            if key:
                keep(_min_widths, key, width, replay.LIMIT)
        return width

    def _measured_min_width(self) -> float:
        with hyphens.breaking(self.style):  # the clinic's own units, as its lines are
            width = super().minWidth()
        frags = self.frags
        if len(frags) != 1 or not hasattr(frags[0], "text"):
            return width
        f = frags[0]
        own = getattr(self.style, "number_words", None)
        tied = [w for w in number_units.tied(f.text.split(" "), own) if " " in w]
        return max([width, *(stringWidth(w, f.fontName, f.fontSize) for w in tied)])

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        with hyphens.breaking(self.style):
            return super().breakLines(width)

    def split(self, avail_width, avail_height):
        # the lines may be shared with other paragraphs of the same text: split our own,
        # broken at the width we were laid out in (a table cell asks to split in another)
        width = self.__dict__.pop("_wrapped_at", None)
        self._source = None
        self.__dict__.pop("blPara", None)
        if width is not None:
            super().wrap(width, avail_height)
        whole = self.__dict__.get("blPara")
        # what each line's text is, read before reportlab's split changes the fragments
        directions = _directions(whole, self._lead_rtl) if self._bidi and whole else None
        parts = super().split(avail_width, avail_height)
        if "heading_again" in self.__dict__:  # a list item's label, for the page its end opens
            for part in parts:
                part.heading_again = self.heading_again
        if self._bidi and len(parts) == 2:
            first = len(parts[0].blPara.lines)
            parts[0]._bidi = parts[1]._bidi = True
            parts[0]._lead_rtl = self._lead_rtl
            if directions and 0 < first < len(directions) and not _ends_text(
                    whole.lines[first - 1]):
                parts[1]._lead_rtl = directions[first]
        return parts

    def _replay_key(self, canvas) -> tuple:
        return (self._source, self.width, self.height, canvas._fontname, canvas._fontsize,
                canvas._leading)

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N803 - reportlab's names
        if self._source is None or not replay.draw_on(
                canvas, self._replay_key(canvas), self._hAlignAdjust(x, _sW), y):
            super().drawOn(canvas, x, y, _sW)

    def draw(self):
        if self._source is None:
            return super().draw()
        replay.draw(self.canv, self._replay_key(self.canv), super().draw)

    def drawPara(self, debug=0):  # noqa: N802 - reportlab's name
        """reportlab draws the lines, given in display order for as long as it draws them,
        each right-to-left one moved to start at the right margin (``_offsets``, reportlab's
        own per-line shift), and without a right-to-left line's bullet, drawn here."""
        logical = self.blPara
        mirrored = getattr(self.style, "mirrored", False)
        if not (self._bidi or mirrored) or not logical.lines:
            return super().drawPara(debug)
        directions = _directions(logical, self._lead_rtl)
        bullet = self.bulletText if directions[0] or mirrored else None
        self.blPara = logical.clone(lines=[_visual(line, logical.kind, to_left)
                                           for line, to_left in zip(logical.lines, directions)])
        self._offsets = [self._shift(line, logical.kind, mirrored) if to_left or mirrored
                         else 0 for line, to_left in zip(logical.lines, directions)]
        if bullet:
            self.bulletText = None
        try:
            super().drawPara(debug)
        finally:
            self.blPara = logical
            del self._offsets
            if bullet:
                self.bulletText = bullet
        if bullet:
            self._draw_bullet(bullet, directions[0])

    def _shift(self, line, kind: int, mirrored: bool = False) -> float:
        """How far right a right-to-left line moves to end at the right margin, the indents
        mirrored (a hanging indent for a number is on the right too). ``mirrored``: the
        whole page is, and any line goes where a mirror puts it (see the module)."""
        style = self.style
        if style.alignment != TA_LEFT and not mirrored:
            return 0
        extra = max(line[0] if kind == 0 else line.extraSpace, 0)
        indents = style.rightIndent - style.leftIndent
        if style.alignment == TA_RIGHT:
            return indents - extra
        if style.alignment == TA_CENTER:
            return indents
        return extra + indents

    def _draw_bullet(self, bullet: str, to_left: bool) -> None:
        """The bullet or number of a right-to-left item, or of any item on a mirrored page,
        where reportlab would draw it for a left-to-right one, mirrored: as far from the right
        edge. It reads in its text's direction: "1." prints as ".1" before right-to-left
        words, and as "1." before English ones (a step the clinic has not translated)."""
        style, canvas = self.style, self.canv
        first = self.blPara if self.blPara.kind == 0 else self.blPara.lines[0]
        drop = first.fontSize if rl_config.paraFontSizeHeightOffset else first.ascent
        text = "".join(char for _, char in rtl.order(bullet, to_left))
        width = stringWidth(text, style.bulletFontName, style.bulletFontSize)
        canvas.saveState()
        line = canvas.beginText(self.width - style.bulletIndent - width,
                                self.height - drop + getattr(style, "bulletOffsetY", 0))
        line.setFont(style.bulletFontName, style.bulletFontSize)
        line.setFillColor(getattr(style, "bulletColor", style.textColor))
        line.textOut(text)
        canvas.drawText(line)
        canvas.restoreState()


# lines broken per (markup, style, bullet, width): (width, height, the lines)
_wrapped: dict = {}
_min_widths: dict = {}  # markup, style, bullet -> minWidth


def _text(line, kind: int) -> str:
    return " ".join(line[1]) if kind == 0 else "".join(f.text for f in _pieces(line))


def _pieces(line) -> list:
    """The fragments of a line that hold text (this project's markup has no images)."""
    return [f for f in line.words if getattr(f, "text", "")]


def _ends_text(line) -> bool:
    """Whether a line ends its text (a line break follows: a second language starts)."""
    return bool(getattr(line, "lineBreak", False))


def _directions(para, lead_rtl: bool | None) -> list[bool]:
    """Whether each line of ``para`` runs right to left: a run of lines up to a line break
    is one text, of the direction of its first strong letter (``lead_rtl``: of the text a
    split part's first lines continue)."""
    out: list[bool] = []
    text: list[str] = []
    for i, line in enumerate(para.lines):
        text.append(_text(line, para.kind))
        if i < len(para.lines) - 1 and not (para.kind == 1 and _ends_text(line)):
            continue
        to_left = lead_rtl if lead_rtl is not None and not out else rtl.starts_rtl(
            " ".join(text))
        out += [to_left] * len(text)
        text = []
    return out


def _visual(line, kind: int, to_left: bool):
    """``line`` in display order: its characters reordered, each kept in its fragment (its
    font, weight and colour)."""
    text = _text(line, kind)
    if not to_left and not rtl.has_rtl(text):
        return line
    order = rtl.order(text, to_left)
    if kind == 0:
        return line[0], "".join(char for _, char in order).split(" ")
    pieces = _pieces(line)
    owner = [k for k, f in enumerate(pieces) for _ in f.text]
    words, run, current = [], [], None
    for i, char in order:
        if owner[i] != current and run:
            words.append(pieces[current].clone(text="".join(run)))
            run = []
        current = owner[i]
        run.append(char)
    if run:
        words.append(pieces[current].clone(text="".join(run)))
    return line.clone(words=words)


class Whole(Paragraph):
    """A paragraph kept in one piece where a box it is in runs on to the next page: a
    warning, in each of the handout's languages, is read as one."""

    def split(self, avail_width, avail_height):
        return []


class Paired(Paragraph):
    """An item said in two languages (a step, a caution, a tip), kept in one piece where a
    card it is in runs on to the next page: cut between its lines, a page opened with the
    English half of a tip whose Spanish half ended the page before, and a reader of one
    page had half of what they were told. One taller than ``page_height`` splits as any
    paragraph rather than fail the handout (its parts, made without one, split freely)."""

    page_height: float | None = None

    def split(self, avail_width, avail_height):
        if self.page_height is not None and \
                self.wrap(avail_width, avail_height)[1] <= self.page_height:
            return []
        return super().split(avail_width, avail_height)
