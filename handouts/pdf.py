"""Flowables → PDF bytes: page frame, footer on every page, metadata, byte-identical output.

One document may hold several patients' packets (a print run): each packet is a section;
page numbers restart in every section, every page's footer names its own patient, and with
``duplex`` every packet starts on the front of a fresh sheet.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Sequence

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate, NextPageTemplate
from reportlab.platypus.flowables import PageBreak, PageBreakIfNotEmpty

from . import text
from .resolve import Handout
from .theme import FAMILY, Theme


@dataclass(frozen=True)
class Section:
    handout: Handout
    theme: Theme
    flowables: Sequence[Flowable]


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: str
    language: str
    date: dt.date


class _SectionStart(Flowable):
    """Marks where a packet begins; the document template acts on it, it draws nothing."""

    def __init__(self, index: int):
        super().__init__()
        self.index = index

    def wrap(self, *args):
        return 0, 0

    def draw(self):
        pass


class _DuplexCheck(_SectionStart):
    pass


class _BlankPage(Flowable):
    """The back of a packet's last sheet, so the next packet starts on a fresh sheet."""

    def __init__(self, message: str, style):
        super().__init__()
        self.message, self.style = message, style

    def wrap(self, avail_w, avail_h):
        self._avail = (avail_w, avail_h)
        return avail_w, 1

    def draw(self):
        self.canv._blank_page = True
        self.canv.setFont(self.style.fontName, self.style.fontSize)
        self.canv.setFillColor(self.style.textColor)
        self.canv.drawCentredString(self._avail[0] / 2, -self._avail[1] / 2, self.message)


class _Document(BaseDocTemplate):
    def __init__(self, buffer, sections: Sequence[Section], duplex: bool, meta: Metadata):
        t = sections[0].theme
        super().__init__(
            buffer, pagesize=t.page_size, leftMargin=t.margin, rightMargin=t.margin,
            topMargin=t.margin, bottomMargin=t.margin + t.footer_height, invariant=1,
            initialFontName=FAMILY, initialFontSize=t.body_size, lang=meta.language,
            title=meta.title, author=meta.author, subject=meta.subject,
            keywords=meta.keywords, creator="handouts", producer="handouts (reportlab)",
            pageCompression=1, displayDocTitle=True)
        # one page template per layout in the run, the first section's first
        themes = {s.theme.layout: s.theme for s in sections}
        self.addPageTemplates([_page_template(theme) for theme in themes.values()])
        self.sections, self.pad_to_even = sections, duplex
        self.page_owner: list[tuple[int, bool]] = []  # (section index, is a blank back page)
        self.current = 0

    def handle_flowable(self, flowables):
        first = flowables[0]
        if isinstance(first, _DuplexCheck):
            flowables.pop(0)
            done = sum(1 for owner, _ in self.page_owner if owner == self.current)
            after: list[Flowable] = []
            if self.pad_to_even and done % 2:
                section = self.sections[self.current]
                message = text.phrase(section.handout.language, "blank_page")
                after = [_BlankPage(message, section.theme.style("small")), PageBreak()]
            flowables[0:0] = after
            self.current = first.index
        elif isinstance(first, _SectionStart):
            flowables.pop(0)
            layout = self.sections[first.index].theme.layout
            flowables[0:0] = [NextPageTemplate(layout), PageBreakIfNotEmpty(),
                              _DuplexCheck(first.index)]
        else:
            super().handle_flowable(flowables)

    def handle_pageBegin(self):
        super().handle_pageBegin()
        self.canv._blank_page = False

    def afterPage(self):
        self.page_owner.append((self.current, self.canv._blank_page))


class _Canvas(Canvas):
    """Holds every page until the end, when each section's page count is known."""

    def __init__(self, *args, document: _Document, date: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self._document = document
        self._held: list[dict] = []
        self._blank_page = False
        stamp = TimeStamp(invariant=1)  # the handout's date, not the wall clock: same bytes
        t = dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.timezone.utc).timestamp()
        stamp.t, stamp.lt = t, dt.datetime.utcfromtimestamp(t).timetuple()
        stamp.YMDhms = tuple(stamp.lt)[:6]
        self._doc._timeStamp = stamp

    def showPage(self):
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        owners = self._document.page_owner
        totals: dict[int, int] = {}
        for owner, blank in owners:
            totals[owner] = totals.get(owner, 0) + (0 if blank else 1)
        numbers: dict[int, int] = {}
        for state, (owner, blank) in zip(self._held, owners):
            self.__dict__.update(state)
            numbers[owner] = numbers.get(owner, 0) + (0 if blank else 1)
            page = None if blank else (numbers[owner], totals[owner])
            section = self._document.sections[owner]
            draw_footer(self, section.theme, section.handout, page)
            Canvas.showPage(self)
        Canvas.save(self)


def _fit(value: str, font: str, size: float, width: float) -> str:
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value + "…"


def draw_footer(canvas: Canvas, theme: Theme, handout: Handout, page: tuple[int, int] | None):
    """Clinic and phone, the patient's name, "Page X of Y" and the handout id, on every page."""
    t, clinic, lang = theme, handout.clinic, handout.language
    style = t.style("footer")
    size, lead = style.fontSize, style.leading
    left, right = t.margin, t.page_size[0] - t.margin
    top = t.margin + t.footer_height - lead * 0.6
    canvas.saveState()
    canvas.setStrokeColor(t.rule)
    canvas.setLineWidth(0.8)
    canvas.line(left, top, right, top)
    canvas.setFillColor(t.ink)
    half = (right - left) / 2 - size
    contact = " · ".join(v for v in (clinic.name, clinic.phone, clinic.website) if v)
    patient = handout.patient_name or text.phrase(lang, "blank_name")
    line1, line2 = top - lead * 1.2, top - lead * 2.35
    canvas.setFont(f"{FAMILY}-Bold", size)
    canvas.drawString(left, line1, _fit(patient, f"{FAMILY}-Bold", size, half))
    canvas.setFont(FAMILY, size)
    canvas.drawRightString(right, line1, _fit(contact, FAMILY, size, half))
    canvas.drawString(left, line2, text.phrase(lang, "footer_id", handout_id=handout.handout_id))
    if page:
        canvas.drawRightString(right, line2, text.phrase(lang, "footer_page", page=page[0],
                                                         total=page[1]))
    canvas.restoreState()


def _page_template(t: Theme) -> PageTemplate:
    frame = Frame(t.margin, t.margin + t.footer_height, t.frame_width, t.frame_height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    return PageTemplate(t.layout, [frame], pagesize=t.page_size)


def render(sections: Sequence[Section], meta: Metadata, *, duplex: bool = False) -> bytes:
    """Lay out and write the document; returns the PDF's bytes (nothing touches a file)."""
    buffer = io.BytesIO()
    document = _Document(buffer, sections, duplex, meta)
    story: list[Flowable] = []
    for index, section in enumerate(sections):
        if index:
            story.append(_SectionStart(index))
        story.extend(section.flowables)

    def make_canvas(*args, **kwargs):
        return _Canvas(*args, document=document, date=meta.date, **kwargs)

    document.build(story, canvasmaker=make_canvas)
    return buffer.getvalue()
