"""Blocks laid out once per process: an exercise card is the same for every patient who gets
that exercise at that dose, in that language, layout and theme; so are page 1's header, the
summary table, the safety box and the log, for every patient of the same program.

``laid_out(key, build, ...)`` builds and measures a block the first time its key is seen; a
later block of the same key is a ``Frozen`` that knows its size without being laid out and
draws by replaying what the first one drew (``replay``). The real block is built again only
where that cannot serve: a block taller than a page that must split (once: a part of it
that must split again is cut from that block again, not from the block rebuilt), or a
document whose fonts encode some character differently. Reportlab flowables are changed by
wrapping and splitting, so what is kept is immutable: the size, the warnings the build
gave, the operators. The key must hold everything the block's look depends on.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from typing import Callable, Hashable

from reportlab.platypus import Flowable

from handouts.kept import found as kept_found
from handouts.kept import keep
from handouts.render import replay
from handouts.render.card import Card, draw_shared
from handouts.render.flowables import held_for_next_frame, measuring_canvas


@dataclass(frozen=True)
class Layout:
    width: float  # the width it was laid out in
    size: tuple[float, float]
    warnings: tuple[str, ...]
    card: bool  # a Card that moves whole (drawn as a shared form in a file of many handouts)
    page_height: float | None
    moved_on: bool  # a part that starts the next frame (flowables.held_for_next_frame)
    h_align: str
    spacing: tuple[tuple[str, object], ...]  # spaceBefore, spaceAfter, keepWithNext, as set
    # the block first built, laid out: drawn again (its paragraphs replayed where they can be)
    # where a replay of the whole does not fit a document; drawing does not change it
    real: Flowable = field(compare=False, repr=False)


_laid: dict[Hashable, Layout] = {}
# blocks kept per process: each keeps the block as first built (its paragraphs, tables and
# pictures: about 40 KB), so the web app, which meets a new card for every dose or note
# typed, held 1.3 GB after 14,000 requests at replay.LIMIT; the least recently used go first,
# so a library's cards, in every handout, stay
LAYOUTS = 1_000
# (key, "split", room): how many parts, each kept in _laid; bounded as _laid is (its keys
# hold the block's content, so a long-running web app met a new one for every block it split)
_parts: dict[Hashable, int] = {}
_drawing = threading.RLock()


class Frozen(Flowable):
    """A block whose size is known and whose drawing is replayed (see the module)."""

    def __init__(self, key: Hashable, layout: Layout, build: Callable[[], Flowable],
                 share: str | None):
        super().__init__()
        self.key, self.layout, self.build, self.share = key, layout, build, share
        self.width, self.height = layout.size
        self.hAlign = layout.h_align
        self.moved_on = layout.moved_on
        for name, value in layout.spacing:
            setattr(self, name, value)
        self._own: Flowable | None = None

    def real(self) -> Flowable:
        """The block itself, laid out as the frozen one was (our own, to split)."""
        if self._own is None:
            self._own = self.build()
            self._own.wrapOn(measuring_canvas(), self.layout.width, _ROOMY)
        return self._own

    def wrap(self, avail_w, avail_h):
        return self.width, self.height

    def split(self, avail_w, avail_h):
        if held_for_next_frame(self):
            return []
        page = self.layout.page_height
        if self.layout.card and page is not None and self.height <= page:
            return []
        if not replay.enabled():
            return self.real().split(avail_w, avail_h)
        # split once per process for each room it is split in (page 1's summary table,
        # where the page is full, splits the same way for every patient); the parts are
        # frozen in turn
        key = (self.key, "split", avail_w, avail_h)
        count = kept_found(_parts, key)
        if count is None:
            parts = self.real().split(avail_w, avail_h)
            for i, part in enumerate(parts):
                _keep((key, i), _measured(part, avail_w, ()))
            count = len(parts)
            keep(_parts, key, count, LAYOUTS)
        found = [kept_found(_laid, (key, i)) for i in range(count)]
        if None in found:  # some part was forgotten (LIMIT): split afresh
            _parts.pop(key, None)
            return self.real().split(avail_w, avail_h)

        def fresh(i: int) -> Flowable:
            # our own block split again in the same room: its parts are new each time it
            # splits (as when a page tries it in more than one room). Built again from the
            # start, each part of a card that ran on for pages rebuilt every part before it:
            # a 3,000-character note over 9 pages was laid out 29 times
            return self.real().split(avail_w, avail_h)[i]

        return [Frozen((key, i), layout, functools.partial(fresh, i), None)
                for i, layout in enumerate(found)]

    def drawOn(self, canvas, x, y, _sW=0):
        if self.share is not None and self.layout.card:
            draw_shared(self, canvas, (self._hAlignAdjust(x, _sW), y), (self.width, self.height))
        elif not replay.draw_on(canvas, self.key, self._hAlignAdjust(x, _sW), y):
            super().drawOn(canvas, x, y, _sW)

    def draw(self):
        replay.draw(self.canv, self.key, self._draw_real)

    def _draw_real(self):
        real = self.layout.real
        with _drawing:  # shared by every handout of the process, and the web app's threads
            real.canv = self.canv
            try:
                real.draw()
            finally:
                del real.canv


_SPACING = ("spaceBefore", "spaceAfter", "keepWithNext")
_ROOMY = 10_000.0  # a card's height does not depend on the room left below it


def laid_out(key: Hashable, build: Callable[[], Flowable], width: float, *,
             warnings: list[str], share: str | None = None) -> Frozen:
    """The block ``build()`` makes, laid out in ``width``, frozen under ``key``; the warnings
    its build gave are given again for every later block of the same key."""
    layout = kept_found(_laid, key) if replay.enabled() else None
    if layout is None:
        before = len(warnings)
        real = build()
        layout = _measured(real, width, tuple(warnings[before:]))
        if replay.enabled():
            _keep(key, layout)
    else:
        warnings.extend(layout.warnings)
    return Frozen(key, layout, build, share)


def _measured(real: Flowable, width: float, warnings: tuple[str, ...]) -> Layout:
    size = real.wrapOn(measuring_canvas(), width, _ROOMY)
    return Layout(width, size, warnings, isinstance(real, Card) and real.moves_whole,
                  getattr(real, "page_height", None), getattr(real, "moved_on", False),
                  real.hAlign,
                  tuple((a, getattr(real, a)) for a in _SPACING if hasattr(real, a)), real)


def _keep(key: Hashable, layout: Layout) -> None:
    keep(_laid, key, layout, LAYOUTS)


def fixed(ctx, name: str, content: Hashable, build: Callable[[], Flowable]) -> Frozen:
    """A block of the frame's width that is the same for every patient whose handout has
    the same ``content`` (everything it shows but the fixed wording), laid out once per
    process; keyed also by the wording, the languages and the theme it is set in."""
    h = ctx.handout
    key = ("fixed", name, content, h.languages, h.wording, ctx.theme.key)
    return laid_out(key, build, ctx.theme.frame_width, warnings=ctx.warnings)


def clear() -> None:
    """Forget what was kept, as a new process starts."""
    _laid.clear()
    _parts.clear()
