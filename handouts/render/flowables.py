"""The project's own reportlab flowables: what platypus does not offer as we need it.

Cards set page by page, tick boxes, a placeholder for a missing picture, and the marks that
keep page 1 the summary. The card itself is in card.py, the Paragraph they use in paragraph.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle
from reportlab.platypus import KeepTogether as _ReportlabKeepTogether
from reportlab.platypus.doctemplate import ActionFlowable

from handouts.render import tighten
from handouts.render.paragraph import Paragraph
from handouts.render.theme import FAMILY

FULL = 2 / 3  # a page other than the last is left no emptier than this where it can help


def style(commands) -> TableStyle:
    """A table style whose cells start in our font: reportlab's default would put an unused,
    unembedded Helvetica into every PDF."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FAMILY), *commands])


class FluidTable(Table):
    """A table whose columns are a share of the width it is given ("100%", None), laid out
    again at each width it is wrapped at. reportlab keeps the column widths of a table's
    first wrap: one nested in a card's text, measured first in a narrower column (a
    bilingual card measured as if it had a picture), drew its rows at that width, taller
    than the card had measured them, over the steps below."""

    def wrap(self, avail_w, avail_h):
        self._width_calculated_once = 0
        return super().wrap(avail_w, avail_h)


class Placeholder(Flowable):
    """A neat dashed box in place of a picture that could not be loaded, as tall as its
    label needs where a narrow picture column wraps it onto more lines than the box holds
    (it was drawn across the box's edges)."""

    def __init__(self, width: float, height: float, label: str, style):
        super().__init__()
        self.width, self.height = width, height
        self.label = Paragraph(label, style)
        _, needed = self.label.wrap(width - 16, 0xFFFFFF)
        self.height = max(height, needed + 12)

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


class FootOfPage(Flowable):
    """Keeps the foot of the page it lands on for ``box``: what comes after flows above it
    and, when that is full, onto the next page (see pdf's reserve_foot). A box taller than
    the room left (page 1 of a large-print handout in two languages) cannot sit at the foot
    without being drawn over the page's head: it flows where it stands instead, its first
    lines on this page and the rest at the top of the next, after ``then`` (what the box
    is kept below otherwise: page 1's title and the patient's name), as ``flowing()``
    lays it out for that where given. ``closer``, where given, makes the box as page 1 keeps
    it where, as set, it leaves no room above it for the patient's facts (see FactsKept)."""

    def __init__(self, box: Flowable, gap: float, then: list[Flowable] = (),
                 flowing: Callable[[], Flowable] | None = None,
                 closer: Callable[[], "FootOfPage"] | None = None):
        super().__init__()
        self.box, self.gap, self.then, self.flowing = box, gap, list(then), flowing
        self.closer = closer

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() what it becomes

    def split(self, avail_w, avail_h):
        if height_of([self.box], avail_w, avail_h) + self.gap <= avail_h:
            return [_ReserveFoot(self.box, self.gap), *self.then]
        return [*self.then, self.flowing() if self.flowing else self.box]

    def holds(self, avail_w, avail_h) -> bool:
        """Whether the box, kept at the foot, and ``then`` above it fit ``avail_h``."""
        return height_of([self.box, *self.then], avail_w, avail_h) + self.gap <= avail_h

    def crowds_out(self, avail_w, avail_h) -> bool:
        """Whether the box, kept at the foot, leaves too little room above it for ``then``."""
        box = height_of([self.box], avail_w, avail_h) + self.gap
        return box <= avail_h < box + height_of(self.then, avail_w, avail_h)


class _ReserveFoot(ActionFlowable):
    def __init__(self, box: Flowable, gap: float):
        super().__init__()
        self.box, self.gap = box, gap

    def apply(self, doc):
        doc.reserve_foot(self.box, self.gap)


class CardRun(Flowable):
    """Exercise cards in their order, set page by page as a typesetter would: where one more
    card would fit on the page if some of the page's cards were set tighter (each card comes
    as ``(card, *tighter)``: the same exercise set closer, the dose under its title, its
    picture as large and then smaller), those cards are set tighter rather than the page left
    half empty, their pictures as large as the page allows (see tighten). Where even so the page would
    be left less than about two thirds full, and the card comes with a way to cut it in two
    (``splits``: room -> (head, rest) or None), it starts there and continues on the next
    page. ``above_box``: as ``full``, for a page whose foot is kept for a box (page 1's
    safety box), where what is left empty is a hole in the page, not its end."""

    def __init__(self, cards: list[tuple[Flowable, ...]], lead: list[Flowable] = (),
                 heights: dict | None = None, splits: list | None = None,
                 full: float = FULL, above_box: float | None = None):
        super().__init__()
        self.cards, self.lead = cards, list(lead)  # a heading that goes with the first card
        self.heights = {} if heights is None else heights  # measured once, kept for the rest
        self.splits = splits or [None] * len(cards)
        self.full = full  # how full a page is left before a card is cut in two to fill it
        self.above_box = full if above_box is None else above_box

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() for each page

    def _height(self, card: Flowable, width: float) -> float:
        # keyed by the card itself, which the key keeps alive: a continuation is made anew
        # for each page, and one let go may leave its address (an id) to the next
        key = (card, width)
        if key not in self.heights:
            self.heights[key] = height_of([card], width, 0xFFFFFF)
        return self.heights[key]

    def _one_way(self, chosen: list[Flowable], width: float, room: float,
                 head: Flowable | None = None) -> list[Flowable]:
        """A page's whole cards (the first of ``self.cards``) read one way: where one has its
        dose on a line under its title (set tighter, or a card whose own form that is: a
        wide picture's), or the ``head`` of a card cut in two under them has, so has every
        other that has a tighter version, its picture whole, where they all still fit
        ``room`` (else those it makes no taller). A patient reading down the page finds
        each dose in the same place."""
        under_title = [card is not versions[0] or (len(versions) > 1 and
                                                   _alike(versions[0], versions[1]))
                       for card, versions in zip(chosen, self.cards)]
        if all(under_title) or not (any(under_title) or _dose_under_title(head)):
            return chosen
        alike = [versions[1] if not under and len(versions) > 1 else card
                 for card, versions, under in zip(chosen, self.cards, under_title)]
        if sum(self._height(card, width) for card in alike) <= room:
            return alike
        return [new if self._height(new, width) <= self._height(old, width) else old
                for new, old in zip(alike, chosen)]

    def _rest(self, count: int, first: Flowable | None = None) -> list:
        """The cards after the first ``count``; ``first``: a card's rest, to set before them."""
        rest, splits = self.cards[count:], self.splits[count:]
        if first is not None:
            rest, splits = [(first,), *rest], [None, *splits]
        return [CardRun(rest, heights=self.heights, splits=splits, full=self.full,
                        above_box=self.above_box)] if rest else []

    def _cut(self, index: int, room: float, page: float) -> list:
        """Card ``index``'s head, and its rest to go on with, where the page would be left
        less than ``full`` full without it and the head fits ``room``; else nothing."""
        cut = self.splits[index]
        boxed = getattr(getattr(self, "_frame", None), "kept_foot", 0)
        full = self.above_box if boxed else self.full
        found = cut(room) if cut is not None and room > page * (1 - full) else None
        if found and hasattr(self.cards[index][0], "outline"):  # where the card starts
            found[0].outline = self.cards[index][0].outline
        return [found[0], *self._rest(index + 1, found[1])] if found else []

    def split(self, avail_w, avail_h):
        if not self.cards:
            return self.lead
        lead = self.lead
        avail_h -= height_of(lead, avail_w, avail_h)
        full_h = [self._height(card[0], avail_w) for card in self.cards]
        count, used = 0, 0.0
        while count < len(full_h) and used + full_h[count] <= avail_h:
            used += full_h[count]
            count += 1
        chosen = [card[0] for card in self.cards[:count]]
        if count < len(full_h):  # one more card, some set tighter (see tighten)
            picked = tighten.versions(
                full_h[:count + 1], [len(card) - 1 for card in self.cards[:count + 1]],
                lambda i, k: self._height(self.cards[i][k], avail_w), avail_h)
            if picked is not None:
                count += 1
                chosen = [self.cards[i][k] for i, k in enumerate(picked)]
        frame = getattr(self, "_frame", None)
        page = frame._height if frame is not None else avail_h
        # a card taller than any page, at a page's top: it splits inside (see Card) rather
        # than end after its first steps and go on under its title again on the same page
        whole_page = count == 0 and getattr(frame, "_atTop", False) and full_h[0] > page
        if count < len(full_h) and not whole_page:
            used = sum(self._height(card, avail_w) for card in chosen)
            # the space over the lead folds into the space under what is above it, so the
            # page may hold the next card whole: it is asked again, measured without the lead
            # (a card that fitted was cut, and its head left the foot of page 1 empty)
            folds = sum(f.getSpaceBefore() for f in lead)
            if chosen and full_h[count] <= avail_h - used + folds:  # no less room left for it
                return [*lead, *self._one_way(chosen, avail_w, used), *self._rest(count)]
            cut = self._cut(count, avail_h - used, page)
            if cut:  # the head as cut: the cards above it take no more room than they did
                return [*lead, *self._one_way(chosen, avail_w, used, cut[0]), *cut]
        if chosen:
            # the room under them is the next page's card's only where it is taller than a
            # page (it starts here, see below): else they may take it
            after = self.cards[count][-1] if count < len(self.cards) else None
            room = avail_h if after is None or self._height(after, avail_w) <= page else \
                sum(self._height(card, avail_w) for card in chosen)
            return [*lead, *self._one_way(chosen, avail_w, room), *self._rest(count)]
        at_top = getattr(frame, "_atTop", False)
        full, *tighter = self.cards[0]
        fits = [c for c in tighter or [full] if self._height(c, avail_w) <= avail_h]
        tight_h = self._height((tighter or [full])[-1], avail_w)
        if not at_top and (tight_h <= page or avail_h < page / 3):
            return []  # not even one card here: it fits the next page whole
        # a card taller than any page starts here rather than leave a gap; it splits (see
        # Card), or one that fits this page set tighter is set so, its picture as large as fits
        pieces = fits[:1] or full.split(avail_w, avail_h)
        if not pieces and not at_top:
            return []
        return [*lead, *(pieces or [full]), *self._rest(1)]


def _alike(card: Flowable, other: Flowable) -> bool:
    """Whether two versions of a card are set alike: laid out once under one key (see
    frozen.laid_out), as a wide card and its first tighter version are."""
    key = getattr(card, "key", None)
    return key is not None and key == getattr(other, "key", None)


def _dose_under_title(head: Flowable | None) -> bool:
    """Whether the head of a card cut in two has its dose on a line under its title: any
    head but one set as a standard card is (continuation keys that one ``("head", cut)``;
    a tighter head, a wide card's and a compact one have the dose there)."""
    kind = getattr(head, "key", (None,))[0]
    return isinstance(kind, tuple) and kind[0] != "head"


class EndOfSummary(ActionFlowable):
    """Page 1 is the summary to keep, so the exercises start on a fresh page; but when the
    summary has already run onto page 2, they follow it there rather than leave it alone."""

    def __init__(self, mark: dict):
        super().__init__()
        self.mark = mark

    def apply(self, doc):
        if doc.canv.getPageNumber() == self.mark.get("page"):
            doc.handle_pageBreak()


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


def held_for_next_frame(flowable: Flowable) -> bool:
    """Whether ``flowable`` is the part of a split that starts the next frame (its
    ``moved_on``), and is asked to split in the room left on this one: it is not split
    there, but goes on whole (see tall.RowsInTwos)."""
    frame = getattr(flowable, "_frame", None)
    return getattr(flowable, "moved_on", False) and frame is not None and not frame._atTop


def height_of(flowables: list[Flowable], width: float, height: float) -> float:
    canvas = measuring_canvas()
    total = 0.0
    for f in flowables:
        if isinstance(f, _ReportlabKeepTogether):
            # its wrap() claims an endless height to make the frame split it: measure its parts
            total += height_of(f._content, width, height)
        else:
            total += f.wrapOn(canvas, width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def banded(t, pad: float) -> list[tuple]:
    """The style of a table of rows under one heading row (a progression's weeks, a topic's
    table): a rule in the clinic's colour under the heading, thin rules between the rows,
    every other row tinted, each cell ``pad`` in from its edges."""
    return [("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 1.5, t.primary),
            ("LINEBELOW", (0, 1), (-1, -2), 0.6, t.rule),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, t.tint]),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad)]
