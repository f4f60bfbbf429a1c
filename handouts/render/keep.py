"""Flowables kept in one piece on a page, measured without reportlab's copy of the frame."""

from __future__ import annotations

from reportlab.platypus import KeepTogether as _ReportlabKeepTogether
from reportlab.platypus.flowables import _listWrapOn

from handouts.render.flowables import measuring_canvas
from handouts.render.frozen import Frozen


class KeepTogether(_ReportlabKeepTogether):
    """reportlab's KeepTogether (also what the document makes of flowables that keep with
    the next one), measuring its parts without copying the document's frame first: reportlab
    copies it for content that adds to the frame as it is measured, which ours never does,
    and the copy was a tenth of a packet's render."""

    def __init__(self, flowables, maxHeight=None):  # noqa: N803 - reportlab's names
        super().__init__(flowables, maxHeight)
        # which parts kept with the next one: the document clears that on all but the last
        # once it has made them one piece (see _given_back)
        self._kept = [f.getKeepWithNext() for f in self._content]

    def wrap(self, aW, aH):  # noqa: N803 - reportlab's names
        dims: list = []
        width, self._H = _listWrapOn(self._content, aW, measuring_canvas(), dims=dims)
        self._H0 = dims[0][1] if dims else 0
        self._wrapInfo = aW, aH
        return width, 0xFFFFFF  # force a split, as reportlab's does

    def split(self, aW, aH):  # noqa: N803 - reportlab's names
        frame = getattr(self, "_frame", None)
        if frame is not None and not getattr(frame, "_atTop", False):
            started = self._started_here(aW, aH, frame._height)
            if started is not None:
                return self._given_back(started, aW, frame._height)
        return self._given_back(super().split(aW, aH), aW,
                                frame._height if frame is not None else aH)

    def _given_back(self, parts: list, aW: float, page: float) -> list:  # noqa: N803
        """``parts``, where one of them is taller than any page (the log of every exercise,
        in two languages), with what follows that one kept with the next one again as it
        came: it can no longer be kept with the block that splits, but a label still goes
        with its words (the disclaimer's "Please note" was left at a page's foot)."""
        if self._H <= page:
            return parts
        tall = [i for i, part in enumerate(self._content)
                if part.wrapOn(measuring_canvas(), aW, page)[1] > page]
        if tall:
            for part, kept in zip(self._content[tall[-1] + 1:], self._kept[tall[-1] + 1:]):
                if kept:
                    part.__dict__["keepWithNext"] = kept
        return parts

    def _started_here(self, aW, aH, page: float) -> list | None:  # noqa: N803
        """What is taller than any page (the log of every exercise, in two languages) splits
        on some page whatever happens: it starts on this one, rather than leave it part
        empty, where what opens it fits here whole and the block that splits puts a piece
        worth starting here (see _worth_starting). None: move on to the next page, as
        reportlab would."""
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H <= page:
            return None
        used = 0.0
        for i, part in enumerate(self._content):
            # the space around each part counts: the piece cut to the room without it went
            # on to overflow and split again, its head and one row alone at the next page's top
            room = aH - used - part.getSpaceBefore()
            height = part.wrapOn(measuring_canvas(), aW, room)[1]
            if height <= room:
                used += part.getSpaceBefore() + height + part.getSpaceAfter()
                continue
            pieces = part.split(aW, room)
            if pieces and _worth_starting(pieces[0], aW, room, page):
                return [*self._content[:i], *pieces, *self._content[i + 1:]]
            return None
        return None


def _worth_starting(piece, aW: float, room: float, page: float) -> bool:  # noqa: N803
    """Whether ``piece``, the first of a block that splits anyway, goes on a page's last
    ``room``: a table's head and two of its rows at least (it repeats the head over the
    rest, and a row alone at a page's foot is the orphan a list never leaves); anything
    else, a third of a page. (A third of a page of the log left a page half empty, and the
    handout a page longer, wherever a page ended with less room than that.)"""
    laid = piece.layout.real if isinstance(piece, Frozen) else piece  # the log is frozen
    rows = getattr(laid, "_nrows", None)
    if rows is None:
        return piece.wrapOn(measuring_canvas(), aW, room)[1] >= page / 3
    head = laid.repeatRows
    return rows - (head if isinstance(head, int) else len(head)) >= 2


class WithFirstLines(KeepTogether):
    """Headings and the paragraph they head, where a page ends inside the paragraph: the
    headings stay with at least its first two lines, and at least two go on to the next
    page. KeepTogether moved them whole to the next page, which in two languages (each
    paragraph said twice) left the page a third empty. Whole where they fit, or where no
    such cut fits (then as KeepTogether does)."""

    def split(self, aW, aH):  # noqa: N803 - reportlab's names
        frame = getattr(self, "_frame", None)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H > aH and not getattr(frame, "_atTop", False):
            *heads, last = self._content
            room = aH - sum(f.wrapOn(measuring_canvas(), aW, aH)[1] + f.getSpaceBefore()
                            + f.getSpaceAfter() for f in heads)
            pieces = last.split(aW, room) if heads and room > 0 else []
            if len(pieces) == 2 and min(_lines(p, aW) for p in pieces) >= 2:
                return [*heads, *pieces]
        return super().split(aW, aH)


def _lines(paragraph, width: float) -> int:
    paragraph.wrap(width, 0xFFFFFF)
    return len(getattr(getattr(paragraph, "blPara", None), "lines", ()))
