"""The project's own reportlab flowables: what platypus does not offer as we need it.

A Paragraph that parses and breaks its lines once, a card that moves to the next page whole
(and is drawn once per file of many handouts), tick boxes, a placeholder for a missing
picture, and the marks that keep page 1 the summary.
"""

from __future__ import annotations

import functools
import hashlib

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle
from reportlab.platypus import Paragraph as _ReportlabParagraph
from reportlab.platypus.doctemplate import ActionFlowable

from handouts.render import replay
from handouts.render.theme import FAMILY


@functools.lru_cache(maxsize=4096)
def _parsed(markup: str, paragraph_style) -> tuple:
    """Markup parsed once per process: a library's steps and tips recur in every handout."""
    parsed = _ReportlabParagraph(markup, paragraph_style)
    return parsed.style, tuple(parsed.frags)


class Paragraph(_ReportlabParagraph):
    """A Paragraph that parses its markup once per process and breaks its lines once per
    markup, style and width in the process (a library's steps and tips recur in every
    handout, and line breaking was most of the time a handout took); what it draws is
    recorded once and replayed (see ``replay``)."""

    def __init__(self, text, style=None, bulletText=None, frags=None, **kw):  # noqa: N803
        self._source = None  # what the lines and the drawing depend on; None: a split part
        if frags is None:
            style, parsed = _parsed(text, style)
            # fresh fragments: splitting a paragraph across pages changes them in place
            frags = [f.clone() for f in parsed]
            self._source = (text, style, bulletText)
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kw)

    def wrap(self, avail_width, avail_height):
        known = self.__dict__
        if avail_width == known.get("_wrapped_at") and "blPara" in known:
            return self.width, self.height
        key = (self._source, avail_width) if self._source and replay.enabled() else None
        found = _wrapped.get(key) if key else None
        if found:
            self.width, self.height, self.blPara = found
        else:
            super().wrap(avail_width, avail_height)
            if key and "blPara" in known:
                if len(_wrapped) >= replay.LIMIT:
                    del _wrapped[next(iter(_wrapped))]
                _wrapped[key] = (self.width, self.height, self.blPara)
        self._wrapped_at = avail_width
        return self.width, self.height

    def split(self, avail_width, avail_height):
        # the lines may be shared with other paragraphs of the same text: split our own
        self._source = None
        self.__dict__.pop("_wrapped_at", None)
        self.__dict__.pop("blPara", None)
        return super().split(avail_width, avail_height)

    def draw(self):
        if self._source is None:
            return super().draw()
        canvas = self.canv
        key = (self._source, self.width, self.height, canvas._fontname, canvas._fontsize,
               canvas._leading)
        replay.draw(canvas, key, super().draw)


# lines broken per (markup, style, bullet, width): (width, height, the lines)
_wrapped: dict = {}


def style(commands) -> TableStyle:
    """A table style whose cells start in our font: reportlab's default would put an unused,
    unembedded Helvetica into every PDF."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FAMILY), *commands])


class Placeholder(Flowable):
    """A neat dashed box in place of a picture that could not be loaded."""

    def __init__(self, width: float, height: float, label: str, style):
        super().__init__()
        self.width, self.height = width, height
        self.label = Paragraph(label, style)

    def wrap(self, avail_w, avail_h):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.HexColor("#8a939b"))
        c.setDash(4, 3)
        c.roundRect(1, 1, self.width - 2, self.height - 2, 6)
        c.restoreState()
        w, h = self.label.wrap(self.width - 16, self.height)
        self.label.drawOn(c, 8, (self.height - h) / 2)


class PageMark(Flowable):
    """Draws nothing; notes the page it lands on (where the handout's summary begins)."""

    def __init__(self, mark: dict):
        super().__init__()
        self.mark = mark

    def wrap(self, *args):
        return 0, 0

    def draw(self):
        self.mark["page"] = self.canv.getPageNumber()


class EndOfSummary(ActionFlowable):
    """Page 1 is the summary to keep, so the exercises start on a fresh page; but when the
    summary has already run onto page 2, they follow it there rather than leave it alone."""

    def __init__(self, mark: dict):
        super().__init__()
        self.mark = mark

    def apply(self, doc):
        if doc.canv.getPageNumber() == self.mark.get("page"):
            doc.handle_pageBreak()


class Card(Table):
    """A one-row table kept on one page: where it does not fit, it moves to the next page
    whole. Only a card taller than a whole page (a very long note, say) splits inside its row,
    rather than failing the handout. (KeepTogether would do the same, at the price of laying
    every card out one more time.)

    In a file of many handouts a card is drawn once, as a form XObject named after its
    content (``share``), and placed by name: every patient with the same exercise and dose
    shares one copy of the card instead of carrying their own."""

    def __init__(self, data, *args, page_height: float | None = None,
                 share: str | None = None, **kw):
        # reportlab makes the parts of a split table by calling this class again: those
        # parts come without a page height or a share key, and split where they must
        kw.setdefault("splitInRow", 1)
        super().__init__(data, *args, **kw)
        self.page_height = page_height
        self.share = share

    def split(self, avail_width, avail_height):
        if self.page_height is not None and self._height <= self.page_height:
            return []
        return super().split(avail_width, avail_height)

    def drawOn(self, canvas, x, y, _sW=0):
        if self.share is None:
            return super().drawOn(canvas, x, y, _sW)
        draw_shared(self, canvas, (self._hAlignAdjust(x, _sW), y),
                    (self._width, self._height))


def draw_shared(flowable: Flowable, canvas, at: tuple[float, float],
                size: tuple[float, float]) -> None:
    """Draw ``flowable`` (a card of this ``size``) as a form named after its ``share`` key,
    written into the document the first time only, and placed by name."""
    width, height = size
    name = "card_" + hashlib.sha1(
        f"{flowable.share}|{width:.2f}x{height:.2f}".encode()).hexdigest()[:16]
    if not canvas.hasForm(name):
        # room around it: rules and bars on the card's edges are centred on them
        bleed = 12
        canvas.beginForm(name, -bleed, -bleed, width + bleed, height + bleed)
        Flowable.drawOn(flowable, canvas, 0, 0)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(*at)
    canvas.doForm(name)
    canvas.restoreState()


class Boxes(Flowable):
    """``count`` empty tick boxes in a row: one per session that day."""

    def __init__(self, count: int, size: float, gap: float, color):
        super().__init__()
        self.count, self.size, self.gap, self.color = count, size, gap, color
        self.width = count * size + (count - 1) * gap
        self.height = size

    def wrap(self, avail_w, avail_h):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setStrokeColor(self.color)
        c.setLineWidth(1.2)
        for i in range(self.count):
            c.rect(i * (self.size + self.gap), 0, self.size, self.size)


@functools.cache
def measuring_canvas():
    """A canvas to measure flowables on; nothing is drawn on it."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    return Canvas(io.BytesIO())


def height_of(flowables: list[Flowable], width: float, height: float) -> float:
    canvas = measuring_canvas()
    total = 0.0
    for f in flowables:
        if isinstance(f, KeepTogether):
            # its wrap() claims an endless height to make the frame split it: measure its parts
            total += height_of(f._content, width, height)
        else:
            total += f.wrapOn(canvas, width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total
