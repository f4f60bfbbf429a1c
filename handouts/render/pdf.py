"""Flowables → PDF bytes: page frame, footer on every page (footer.py), metadata, byte-identical output.

One document may hold many patients' packets (a print run). Each packet is a section: page
numbers restart in every section, every page's footer names its own patient, and with
``duplex`` every packet starts on the front of a fresh sheet. Sections are laid out one at
a time; a packet's pages are held only until the packet ends, when its length is known and
each footer can say "Page 2 of 5" as one line of text. So memory stays flat however many
packets the run holds, and a text extractor reads the footer as printed.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import re
import time
from dataclasses import dataclass
from typing import Callable, Sequence

from reportlab import rl_config
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate, LayoutError, NextPageTemplate
from reportlab.platypus.flowables import PageBreak, PageBreakIfNotEmpty

from handouts.errors import HandoutError
from handouts.render import outline, replay
from handouts.render.footer import draw_centred, draw_footer
from handouts.render.keep import KeepTogether
from handouts.words import text
from handouts.resolve import Handout
from handouts.render.theme import FAMILY, Theme


@dataclass(frozen=True)
class Section:
    """One packet: its handout, its theme, and a function that lays it out when its turn comes."""

    handout: Handout
    theme: Theme
    flowables: Callable[[], list[Flowable]]


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: str
    language: str | None  # None: the packets are in several languages (see _Document.mark)
    date: dt.date


class _Marker(Flowable):
    """Tells the document template where a packet begins; draws nothing."""

    def __init__(self, index: int):
        super().__init__()
        self.index = index

    def wrap(self, *args):
        return 0, 0

    def draw(self):
        pass


class _SectionStart(_Marker):
    pass


class _DuplexCheck(_Marker):
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
        self.canv.setFillColor(self.style.textColor)
        draw_centred(self.canv, self._avail[0] / 2, -self._avail[1] / 2, self.message,
                     self.style.fontName, self.style.fontSize)


class _Document(BaseDocTemplate):
    def __init__(self, buffer, sections: Sequence[Section], duplex: bool, meta: Metadata):
        t = sections[0].theme
        super().__init__(
            buffer, pagesize=t.page_size, leftMargin=t.margin, rightMargin=t.margin,
            topMargin=t.margin, bottomMargin=t.margin + t.footer_height, invariant=1,
            initialFontName=FAMILY, initialFontSize=t.body_size, lang=meta.language,
            title=meta.title, author=meta.author, subject=meta.subject,
            keywords=meta.keywords, creator="handouts", producer="handouts (reportlab)",
            pageCompression=1, displayDocTitle=True,
            keepTogetherClass=KeepTogether)  # what flowables kept with the next one become
        # one page template per layout in the run, the first section's first
        themes = {s.theme.layout: s.theme for s in sections}
        self.addPageTemplates([_page_template(theme) for theme in themes.values()])
        self.sections, self.pad_to_even, self.meta = sections, duplex, meta
        self.pages_done = [0] * len(sections)  # pages with content, per section
        self.sheets_done = [0] * len(sections)  # including a blank back page
        self.current = 0
        self._foot: tuple | None = None  # what reserve_foot keeps for the end of this page
        # a handout alone: the outline entries of flowables seen, for the next one drawn
        self._outline_next: list[str] = []
        self._lines: tuple[int, dict] = (-1, {})  # a packet's footer lines (see draw_footer)

    def reserve_foot(self, box: Flowable, gap: float) -> None:
        """Keep the foot of this page for ``box`` (page 1's safety box). The frame ends above
        it, so whatever does not fit above moves on to the next page and the box stays put.
        It is drawn when the page ends, after the page's text, so it extracts in reading
        order."""
        frame = self.frame
        _, height = box.wrap(frame._aW, frame._aH)
        # kept_foot: what the page keeps under its frame, so that cards can tell the room
        # above the box from the foot of a page (see CardRun)
        saved = {"_y1": frame._y1, "_height": frame._height, "kept_foot": 0.0}
        self._foot = (box, frame._x1 + frame._leftPadding, frame._y1 + frame._bottomPadding,
                      frame, saved)
        frame.__dict__["_y1"] += height + gap
        frame.__dict__["_height"] -= height + gap
        frame.__dict__["kept_foot"] = height + gap
        frame._geom()

    def handle_pageEnd(self):
        if self._foot:
            box, x, y, frame, saved = self._foot
            box.drawOn(self.canv, x, y)
            frame.__dict__.update(saved)
            frame._geom()
            self._foot = None
        super().handle_pageEnd()

    def story(self) -> list[Flowable]:
        return self._section_story(0)

    def _section_story(self, index: int) -> list[Flowable]:
        story = list(self.sections[index].flowables())
        if index + 1 < len(self.sections):
            story.append(_SectionStart(index + 1))
        return story

    def handle_flowable(self, flowables):
        first = flowables[0]
        if isinstance(first, _SectionStart):
            flowables.pop(0)
            layout = self.sections[first.index].theme.layout
            flowables[0:0] = [NextPageTemplate(layout), PageBreakIfNotEmpty(),
                              _DuplexCheck(first.index)]
        elif isinstance(first, _DuplexCheck):
            # the previous packet has ended: its length is known, so its pages can be finished;
            # then give it a blank back page if it ended on a front
            flowables.pop(0)
            self.canv.release(self.draw_footer)
            before: list[Flowable] = []
            if self.pad_to_even and self.sheets_done[self.current] % 2:
                section = self.sections[self.current]
                message = text.phrase(section.handout.language, "blank_page",
                                      section.handout.wording)
                before = [_BlankPage(message, section.theme.style("small")), PageBreak(),
                          _SectionMark(first.index)]
            else:
                self.current = first.index
            flowables[0:0] = before + self._section_story(first.index)
        elif isinstance(first, _SectionMark):
            flowables.pop(0)
            self.current = first.index
        else:
            said = getattr(first, "outline", None)
            if said is not None and len(self.sections) == 1:
                # an outline entry (outline.outlined): the block may move to
                # the next page, be split or kept with what follows, so the entry goes to
                # the page where the next thing with a height is drawn
                del first.outline
                self._outline_next.append(said)
            super().handle_flowable(flowables)

    def afterFlowable(self, flowable):  # noqa: N802 - reportlab's name
        said = getattr(flowable, "outline", None)  # a split's first part is drawn at once
        if said is not None and len(self.sections) == 1:
            del flowable.outline
            self._outline_next.append(said)
        if self._outline_next and getattr(flowable, "height", 0) > 0:
            frame = self.frame
            top = frame._y + flowable.getSpaceAfter() + flowable.height
            self.canv.outlined.extend((said, top) for said in self._outline_next)
            self._outline_next = []

    def handle_pageBegin(self):
        super().handle_pageBegin()
        self.canv._blank_page = False

    def afterPage(self):
        index = self.current
        self.sheets_done[index] += 1
        page = None
        if not self.canv._blank_page:
            self.pages_done[index] += 1
            page = self.pages_done[index]
        self.canv.footer = (index, page)

    def finish(self, canvas: "_Canvas") -> None:
        """The run has ended: finish the held pages, and with duplex give the last packet
        its blank back page too, so the file is whole sheets."""
        canvas.release(self.draw_footer)
        if self.pad_to_even and self.sheets_done[self.current] % 2:
            section = self.sections[self.current]
            small = section.theme.style("small")
            canvas.setFillColor(small.textColor)
            draw_centred(canvas, section.theme.page_size[0] / 2, section.theme.page_size[1] / 2,
                         text.phrase(section.handout.language, "blank_page",
                                     section.handout.wording), small.fontName, small.fontSize)
            self.draw_footer(canvas, (self.current, None))
            self.mark(canvas, self.current)
            Canvas.showPage(canvas)

    def mark(self, canvas: Canvas, index: int) -> None:
        """In a file of packets in several languages (which claims none), a finished page's
        content is marked as in its packet's language, as the PDF standard marks a change of
        language (a /Span with /Lang), so that a screen reader need not guess it. Files in one
        language are left as they were: their bytes are what the record's checksums know."""
        if self.meta.language is not None:
            return
        language = self.sections[index].handout.language_tag
        if _LANGUAGE_TAG.fullmatch(language):
            canvas._code.insert(0, f"/Span <</Lang ({language})>> BDC")
            canvas._code.append("EMC")

    def draw_footer(self, canvas: Canvas, footer: tuple[int, int | None]) -> None:
        index, page = footer
        section = self.sections[index]
        if page == 1 and len(self.sections) > 1:
            # a print file of many packets: a bookmark for each, in print order, so the one
            # to print again (a jammed sheet, a lost page) is found without paging through
            handout = section.handout
            canvas.bookmarkPage(f"packet{index}")
            canvas.addOutlineEntry(f"{index + 1}. {handout.patient_name or handout.handout_id}",
                                   f"packet{index}")
            if index == 0:
                canvas.showOutline()
        if canvas.outline is not None:
            outline.page_entries(canvas, canvas.outline, section, page, canvas.outlined)
        if self._lines[0] != index:
            self._lines = (index, {})
        draw_footer(canvas, section.theme, section.handout, page, self.pages_done[index],
                    self._lines[1] if replay.enabled() else {})


class _SectionMark(_Marker):
    """After a blank back page: from here on, pages belong to the next packet."""


class _Canvas(Canvas):
    def __init__(self, *args, document: _Document, date: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        # reportlab seeds the PDF's /ID with SOURCE_DATE_EPOCH where it is set (then dates
        # it from the handout, below): seeded as in invariant mode without it, the same
        # handout is the same bytes whatever the environment (a reprint is compared so)
        self._doc.signature = hashlib.md5(b"a reportlab document" + _INVARIANT_SEED,
                                          usedforsecurity=False)
        self._document = document
        self._blank_page = False
        self._held: list[dict] = []  # finished pages of the packet being laid out
        self.footer: tuple[int, int | None] = (0, None)  # (packet, page number) of this page
        # a handout alone: its outline, and this page's entries in it (title, top)
        self.outline = outline.use(self) if len(document.sections) == 1 else None
        self.outlined: list[tuple[str, float]] = []
        stamp = TimeStamp(invariant=1)  # the handout's date, not the wall clock: same bytes
        noon = dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.timezone.utc)
        stamp.t, stamp.lt = noon.timestamp(), noon.timetuple()
        stamp.YMDhms = tuple(stamp.lt)[:6]
        self._doc._timeStamp = stamp

    def showPage(self):
        # hold the finished page until its packet ends (see release)
        self._held.append(dict(self.__dict__))
        self.outlined = []
        self._startPage()

    def release(self, draw_footer: Callable[[Canvas, tuple], None]) -> None:
        """Write out every held page, each with its footer drawn now that the totals are
        known (and its language marked); then carry on with the page in progress."""
        current = dict(self.__dict__)
        held, current["_held"] = self._held, []
        # links are named by a count the document keeps (the footer's phone, one a page):
        # a held page's state must not take it back to what it was when the page ended
        count = self._annotationCount
        for page in held:
            self.__dict__.update(page)
            self._annotationCount = count
            draw_footer(self, self.footer)
            count = self._annotationCount
            self._document.mark(self, self.footer[0])
            Canvas.showPage(self)
        self.__dict__.update(current)
        self._annotationCount = count

    def save(self):
        self._document.finish(self)
        super().save()


def _page_template(t: Theme) -> PageTemplate:
    frame = Frame(t.margin, t.margin + t.footer_height, t.frame_width, t.frame_height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    return PageTemplate(t.layout, [frame], pagesize=t.page_size)


@functools.cache
def _plain_flate_streams() -> None:
    """Streams are flate-compressed binary; reportlab's default also wraps them in ASCII85, a
    quarter bigger, for 7-bit channels no PDF goes through today (mail attachments are
    base64). reportlab reads this setting as it writes each stream, so it is set for the
    process, once, by the first render rather than as a side effect of importing us."""
    rl_config.useA85 = 0


_INVARIANT_SEED = ascii(946684800.0).encode()  # reportlab's invariant time, as it seeds with it


def _source_date_epoch_readable() -> None:
    """reportlab reads SOURCE_DATE_EPOCH as it begins each PDF, and one that is no whole
    number of seconds failed every build with its traceback. A handout is dated from its
    program, never from it; one that is wrong is still said in one line (as the
    reproducible-builds convention asks), before anything is laid out."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        if value:
            time.gmtime(int(value))  # as reportlab reads it
    except (ValueError, OverflowError, OSError):
        raise HandoutError(f'SOURCE_DATE_EPOCH is "{value}", which is no time: it must be a '
                           "whole number of seconds since 1970-01-01 (e.g. 1764892800); "
                           "handouts dates each PDF from its program, so unset it or set "
                           "it right") from None


def render(sections: Sequence[Section], meta: Metadata, *, duplex: bool = False) -> bytes:
    """Lay out and write the document; returns the PDF's bytes (nothing touches a file)."""
    _source_date_epoch_readable()
    _plain_flate_streams()
    buffer = io.BytesIO()
    document = _Document(buffer, sections, duplex, meta)

    def make_canvas(*args, **kwargs):
        return _Canvas(*args, document=document, date=meta.date, **kwargs)

    try:
        document.build(document.story(), canvasmaker=make_canvas)
    except LayoutError:
        # what the clinic or the therapist wrote can be longer than any page holds (a column
        # head of the log in 300 words of the clinic's wording, a note of one unbroken word):
        # said in one line, not reportlab's traceback; the library's own texts always fit
        raise HandoutError("this handout cannot be laid out: one part of it is taller than "
                           "a page; look for a very long text in the clinic's own wording "
                           "(strings.*.yaml) or in the program (its note), and shorten it, "
                           "or try another layout") from None
    return buffer.getvalue()


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")  # BCP 47, nothing to escape
_PAGE = re.compile(rb"/Type /Page\b(?!s)")


def page_count(data: bytes) -> int:
    """Pages in a PDF this module wrote (reportlab writes one uncompressed /Page per page)."""
    return len(_PAGE.findall(data))
