"""The log floated over the education (``FloatOver``): the education fills the page the log
has no room on, and a topic that page cuts finishes ahead of the log, never split by it."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether as _ReportlabKeepTogether

from handouts.render.flowables import height_of


class FloatOver(Flowable):
    """``block`` (a form to fill in, kept in one piece) where it fits; where it does not,
    the flowing text of ``after`` fills the rest of the page first and the block follows the
    topic that page ends in (at the next page's top, where the topic ends with the page).
    A typesetter's float: no page is left half empty for want of room for a block
    that the text behind it could have waited for. ``last`` (the disclaimer) ends it all; where
    the text all comes before the block and the block and ``last`` cannot share a page, ``last``
    ends the text's page, not cut from the block onto a page of its own. A topic the page
    cuts finishes ahead of the block, never split by it (``starts(f)``: whether ``f`` starts
    a topic); the topics after it go ahead too where ``ahead`` (``put_ahead`` says one did),
    else they follow the block. ``behind_text``: whether text that runs on past this page went
    ahead of a block taller than a page, which then starts wherever that text ends."""

    def __init__(self, block: list[Flowable], after: list[Flowable], last: list[Flowable] = (),
                 *, starts: Callable[[Flowable], bool], ahead: bool = True):
        super().__init__()
        self.block, self.after, self.last = block, after, list(last)
        self.starts, self.ahead, self.put_ahead, self.behind_text = starts, ahead, False, False

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() where it goes

    def split(self, avail_w, avail_h):
        if height_of(self.block, avail_w, avail_h) <= avail_h:
            return [*self.block, *self.after, *self.last]
        room, used = avail_h, []
        # what keeps with the next one (a heading, a list's first and last items) is placed
        # with it, as the document would: never left over the block with its next after it
        rest = _kept_with_next(self.after)
        while rest:
            first = rest[0]
            size = height_of([first], avail_w, room)
            if size <= room:
                rest.pop(0)
                # a KeepTogether that fits is placed as its parts: the frame could not
                # place it whole where a split put it (it claims an endless height)
                used.extend(_leaves(first))
                room -= size
                continue
            parts = first._content if isinstance(first, _ReportlabKeepTogether) else [first]
            *heads, last = parts  # headings kept with at least two lines of what they head
            room_after = room - height_of(heads, avail_w, room)
            pieces = last.split(avail_w, room_after) if room_after > 0 else []
            if pieces:
                used += [*(leaf for head in heads for leaf in _leaves(head)), pieces[0]]
                rest[0:1] = pieces[1:]
            else:
                # none of it fits: what was placed last and keeps with it (a heading over
                # the list that closes the education) goes on with it, not over the block
                while used and _keeps_with_next(used[-1]):
                    rest.insert(0, used.pop())
            break
        frame = getattr(self, "_frame", None)
        if not used and not getattr(frame, "_atTop", False):
            return []  # nothing fits in what is left of this page: all of it moves on
        page = frame._height if frame is not None else avail_h
        apart = bool(self.last) and height_of([*self.block, *self.last], avail_w, page) > page
        if used and not rest and _keeps_with_next(used[-1]):
            if apart:
                # the block and the disclaimer cannot share a page: the disclaimer ends the
                # text's page where it fits, else it follows the block whole, its label
                # never left at a page's foot
                if height_of(self.last, avail_w, room) <= room:
                    return [*used, *self.last, *self.block]
                used[-1].keepWithNext = 0
                return [*used, *self.block, *self.last]
            # the text's end kept with what follows it all (the disclaimer), which now
            # follows the block: the block keeps with it instead, or the text's last lines
            # would be moved on with the block, leaving the page they fit on part empty
            used[-1].keepWithNext = 0
            self._keeps_company(avail_w, page)
        if not used or not rest:
            return [*used, *self.block, *_parts(rest), *self.last]
        # the rest of a topic the page cut goes on ahead of the block: its last lines after
        # a log, a page or three on from its start, read as part of nothing
        cut = next((i for i, f in enumerate(rest) if self.starts(f)), len(rest))
        self.behind_text = bool(cut or self.ahead) and height_of(self.block, avail_w, page) > page
        if cut and not self.ahead and cut < len(rest):
            return [*used, *_parts(rest[:cut]), *self.block, *_parts(rest[cut:]), *self.last]
        if cut or self.ahead:
            text = _parts(rest)
            self.put_ahead = cut < len(rest)  # a topic of its own went ahead too
            if apart and height_of(self.block, avail_w, page) <= page:
                # a page of its own that the disclaimer cannot share: it ends the text
                # instead, which keeps it company, as where the text all fits above
                # (not before a log taller than a page: its last page may hold it, and
                # set ahead it cost a page where the text's page had no room for it)
                return [*used, *text, *self.last, *self.block]
            # the text's end kept the disclaimer company; the block now does
            text[-1].keepWithNext = 0
            self._keeps_company(avail_w, page)
            return [*used, *text, *self.block, *self.last]
        return [*used, *self.block, *_parts(rest), *self.last]

    def _keeps_company(self, width: float, page: float) -> None:
        """The block's end keeps the disclaimer after it company, where there is one and
        that end is no taller than a page: one taller kept with the next could never be
        placed (the last week of a log in two languages in large print, under a clinic
        with no disclaimer: the document tried it on page after page, for ever)."""
        end = self.block[-1]
        end.keepWithNext = int(bool(self.last) and height_of([end], width, page) <= page)


def _kept_with_next(flowables: list[Flowable]) -> list[Flowable]:
    """``flowables`` with each run that keeps with the next one (and that next one) as a
    KeepTogether; a run at the end (what keeps with the block after these) as it is."""
    out: list[Flowable] = []
    run: list[Flowable] = []
    for f in flowables:
        run.append(f)
        if not _keeps_with_next(f):
            out.append(run[0] if len(run) == 1 else _Run(run))
            run = []
    return out + run


class _Run(_ReportlabKeepTogether):
    """Flowables that keep with the next one, and that one, as FloatOver weighs them."""


def _leaves(f: Flowable) -> list[Flowable]:
    """A KeepTogether's parts, and theirs, to the flowables that are not one."""
    if isinstance(f, _ReportlabKeepTogether):
        return [leaf for part in f._content for leaf in _leaves(part)]
    return [f]


def _keeps_with_next(f: Flowable) -> bool:
    # a KeepTogether keeps with the next one where its last part does (a topic's heading
    # kept with the first item of a list, which keeps with the second)
    if isinstance(f, _ReportlabKeepTogether):
        return bool(f._content) and _keeps_with_next(f._content[-1])
    return bool(f.getKeepWithNext())


def _parts(flowables: list[Flowable]) -> list[Flowable]:
    """The runs _kept_with_next made, as their flowables again: the document keeps them
    together itself (in its own, faster KeepTogether)."""
    out: list[Flowable] = []
    for f in flowables:
        out.extend(f._content if isinstance(f, _Run) else [f])
    return out
