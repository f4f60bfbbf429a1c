"""Compact's end with education: where the disclaimer goes, found by laying out the rest of
the handout on trial pages.

Compact is the paper saver. Its last education block is kept with the disclaimer, so where
the two do not fit the page the education ends on, both move on and the last page holds a
line or two of text and the disclaimer. Which way of setting the end takes the fewest pages
can only be told by laying it out: ``EndChoice`` stands where the exercises end and lays out
each way (``ways``, best liked first) from there on pages that draw nothing, then hands the
document the first of those that take the fewest pages as its trial placed it, each page
ended where the trial's was: it is neither made nor laid out twice (most handouts keep the
first way, tried alone, and pay for the trial alone). The ways compact has: the disclaimer
at the end (as set, then run into its label), or under the exercises where that page has
room for it (as set, then run in), the log and the education after it. Where no way saves
a page, the end is set as before, so a handout that gains nothing is unchanged."""

from __future__ import annotations

import io
from typing import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, Flowable, Frame, PageBreak, PageTemplate
from reportlab.platypus.doctemplate import (BaseDocTemplate, FrameBreak, LayoutError,
                                            NullActionFlowable, PageBegin, _FrameBreak)

from handouts.render.keep import KeepTogether
from handouts.render.paragraph import Paragraph

# the rest of the handout set one way, made anew each time, given the width and the room
# left on the page (None at its top); None where the way needs room the page has not
Way = Callable[[float, float | None], list[Flowable] | None]


class EndChoice(Flowable):
    """The rest of the handout, set the first of ``ways`` that takes the fewest pages (the
    pages after this one are ``page`` high); only where the first way leaves its last page
    little used (a third at most) are the others tried, as only then can they save it.
    ``firsts``: where each family of ways starts. A later family orders the rest otherwise
    (a topic after the log, not ahead of it), so its first is tried all the same where the
    way before it put a topic ahead (``FloatOver.put_ahead``): it may save a page that the
    well used last page cannot tell of; elsewhere it is the same way, and is not tried. Where
    the way put text that runs on ahead of a log taller than a page (``FloatOver.behind_text``),
    every way is tried: the log set tighter may fit a page, and save one that the well used
    last page cannot tell of either (trying them all wherever text went ahead made a compact
    handout with education up to 7 times slower to build)."""

    def __init__(self, ways: list[Way], page: float, firsts: tuple[int, ...] = (0,)):
        super().__init__()
        self.ways, self.page, self.firsts = ways, page, firsts

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() where it goes

    def split(self, avail_w, avail_h):
        frame = getattr(self, "_frame", None)
        room = None if frame is None or frame._atTop else avail_h
        if frame is None or len(self.ways) == 1:
            return [_Chosen(), *self.ways[0](avail_w, room)]
        at = _Place(frame._height, avail_h, frame._prevASpace, frame._atTop, avail_w)
        best, chosen, skip_to = 0, None, 0
        for i, way in enumerate(self.ways):
            if i < skip_to:
                continue
            shown = way(avail_w, room)
            trial = None if shown is None else lay_out(shown, at, self.page)
            if trial is None:
                continue
            if chosen is None or trial.count < chosen.count:
                best, chosen = i, trial
            behind = any(getattr(f, "behind_text", False) for f in shown)
            if i in self.firsts and trial.last_used > self.page / 3 and not behind:
                # its family's first way's last page is well used: none of the family saves it
                later = next((f for f in self.firsts if f > i), len(self.ways))
                ahead = any(getattr(f, "put_ahead", False) for f in shown)
                skip_to = later if ahead else len(self.ways)
        # the way chosen as its trial placed it: made and laid out anew, a compact handout
        # with education took a third longer to build (7.7 ms against 5.6)
        placed = chosen.placed() if chosen is not None else None
        return [_Chosen(), *(placed if placed is not None else self.ways[best](avail_w, room))]


class _Place:
    """Where the rest starts: the page's height, the room left on it, the space after what
    was placed last (a frame lets the next one's space before overlap it)."""

    def __init__(self, page: float, room: float, after: float, at_top: bool, width: float):
        self.page, self.room, self.after, self.at_top, self.width = page, room, after, at_top, width


class Trial:
    """How ``flowables`` were laid out from a place on: the pages they took (``count``), the
    height used on the last, and what each page holds, as placed (split where a page ends)."""

    def __init__(self, count: int, last_used: float, pages: dict[int, list[Flowable]],
                 whole: bool):
        self.count, self.last_used, self._pages, self._whole = count, last_used, pages, whole

    def placed(self) -> list[Flowable] | None:
        """What was placed, each page's ended where the trial's was: for the document to
        place as it comes, as it would have laid it out the same (None where the trial met
        what does more than place flowables and end pages, which the document must do)."""
        if not self._whole:
            return None
        out: list[Flowable] = []
        for page in range(1, self.count + 1):
            if page > 1:
                out.append(FrameBreak)
            out += self._pages.get(page, ())
        while out and out[-1] is FrameBreak:  # a page left empty: the document ends none
            out.pop()
        for f in out[:-1]:  # already placed with what they keep with: nothing to keep now
            f.__dict__["keepWithNext"] = 0
        for f in out:
            f.__dict__.pop("_postponed", None)  # reportlab's mark of one moved on once
        return out


def lay_out(flowables: list[Flowable], at: _Place, full_page: float | None = None,
            ) -> Trial | None:
    """``flowables`` laid out from ``at`` on (this page's rest, then pages of ``full_page``,
    by default ``at.page``); None where they cannot be."""
    doc = _TrialDoc(at, full_page or at.page)
    story = [] if at.at_top else [_Used(at.page - at.room - at.after, at.after)]
    try:
        doc.build([*story, *flowables], canvasmaker=_Pages)
    except LayoutError:
        return None
    return Trial(doc.page, doc.frame._y2 - doc.frame._y, doc.placed, doc.whole)


class _TrialDoc(BaseDocTemplate):
    """A document of the frame's width whose first page has the height of the page the rest
    starts on and the others ``full`` (as the handout's: no padding, one frame); it draws
    nothing and keeps flowables together as the handout's does. ``placed``: what each page
    holds; ``whole``: whether placing them and ending pages is all it did."""

    def __init__(self, at: _Place, full: float):
        super().__init__(io.BytesIO(), pagesize=(at.width, max(at.page, full)), leftMargin=0,
                         rightMargin=0, topMargin=0, bottomMargin=0, invariant=1,
                         keepTogetherClass=KeepTogether)
        frames = [_TrialFrame(0, 0, at.width, height, leftPadding=0, rightPadding=0,
                              topPadding=0, bottomPadding=0, id=name)
                  for name, height in (("first", at.page), ("rest", full))]
        self.addPageTemplates([PageTemplate("first", [frames[0]], autoNextPageTemplate="rest"),
                               PageTemplate("rest", [frames[1]])])
        self._doSave = 0  # reportlab's: the pages are counted, never written out
        self.placed: dict[int, list[Flowable]] = {}
        self.whole = True
        for frame in frames:
            frame.__dict__["_placed"] = self.placed

    def afterFlowable(self, flowable):  # noqa: N802 - reportlab's name
        if isinstance(flowable, (ActionFlowable, PageBreak)) and not (
                flowable is PageBegin or isinstance(flowable, (_FrameBreak, NullActionFlowable))):
            self.whole = False


class _Pages(Canvas):
    """A canvas that counts pages and keeps none: nothing is drawn on a trial's pages."""

    def _make_preamble(self):
        self._preamble = ""

    def showPage(self):  # noqa: N802 - reportlab's name
        self._pageNumber += 1


class _TrialFrame(Frame):
    """A frame that places flowables without drawing them, and keeps what it placed on each
    page (what the page held before the rest, ``_Used``, not)."""

    def _add(self, flowable, canv, trySplit=0):  # noqa: N803 - reportlab's names
        flowable.__dict__["drawOn"] = _nothing
        try:
            done = super()._add(flowable, canv, trySplit)
        finally:
            flowable.__dict__.pop("drawOn", None)
        if done and not isinstance(flowable, _Used):
            self._placed.setdefault(canv.getPageNumber(), []).append(flowable)
        return done

    add = _add


def _nothing(*args, **kwargs) -> None:
    pass


class _Used(Flowable):
    """What the page already holds, over the rest: its height, and the space after it."""

    def __init__(self, height: float, after: float):
        super().__init__()
        self.height, self.spaceAfter = height, after

    def wrap(self, avail_w, avail_h):
        return avail_w, self.height


class _Chosen(ActionFlowable):
    """Places nothing: what follows it is laid out as flowables of the story are."""

    def apply(self, doc):
        pass


def keep_lines(blocks: list[Flowable], width: float, least: int = 2) -> None:
    """The education's last blocks kept with what follows them (the disclaimer) until they
    hold ``least`` lines of text: where they move on to a page of their own, it holds more
    than one line and the disclaimer. Paragraphs only (a list's items are some): a topic's
    start, its heading kept together with its first block, ends the run (the document does
    not keep a KeepTogether with the next one)."""
    i = len(blocks) - 1
    count = _lines(blocks[i], width)
    while count < least and i > 0 and _lines(blocks[i - 1], width):
        i -= 1
        blocks[i].keepWithNext = 1
        count += _lines(blocks[i], width)


def _lines(block: Flowable, width: float) -> int:
    """The lines of a paragraph at ``width`` (0 for anything else)."""
    if not isinstance(block, Paragraph):
        return 0
    block.wrap(width, 0xFFFFFF)
    return len(getattr(getattr(block, "blPara", None), "lines", ()))
