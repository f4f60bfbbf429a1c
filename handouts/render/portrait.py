"""Large print's picture column beside the dose box (``continuation.page_card``), for a
picture narrower than its box: a photo taller than it is wide, in a box wider than tall.

The picture is fitted in the layout's box, so such a photo fills its height and leaves much
of its width blank, while the dose box beside it takes more lines for want of that width;
and the taller the row, the smaller the picture must be for the exercise to fit its page.
So the column is as wide as the picture is drawn, or as its caption needs to stay two lines
(two in each language; as many as in the whole box where it took more there), and the rest
of the row goes to the dose box. Where the dose box is still the taller of the two, the
column narrows further, its caption taking one line more at most, as far as that makes the
row shorter. The box (its height above all) is the same: the picture never gets taller
than the layout's, and the exercise no longer; it gets larger where the shorter row lets
the page hold a larger box. A picture at least as wide as tall (a drawing, a landscape
photo) fills its box's width, or nearly, and keeps the box's: it prints as it did. So does
a drawing, however tall.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.platypus import Flowable

from handouts.render import pictures
from handouts.render.flowables import height_of
from handouts.render.paragraph import Paragraph

_ANY = 0xFFFFFF  # measuring: no height limit


def column_width(shown: list[Flowable], box_w: float, room: float,
                 dose: Callable[[], Flowable]) -> float:
    """The width of the picture column holding ``shown`` (the picture fitted in a box
    ``box_w`` wide, then its caption and the video's QR code), beside a dose box (``dose``
    makes one) in what is left of ``room``; see the module."""
    picture = shown[0]
    if not isinstance(picture, pictures.Picture) or \
            not isinstance(picture.picture, pictures.Raster) or picture.width >= picture.height:
        # a photo wider than tall fills its box's width, or nearly; a drawing keeps its
        # box too, tall or not (its frames side by side or one above the other are sized
        # with the page: a narrower column ran an exercise on to a second page)
        return box_w
    under = shown[1:]
    words = [f for f in under if isinstance(f, Paragraph)]
    # its lines where none wraps: one in each language it is in (some fall back to one)
    parts = [_lines(p, _ANY) for p in words]
    most = [max(_lines(p, box_w), 2 * n) for p, n in zip(words, parts)]
    least = math.ceil(max([picture.width,
                           *(f.width for f in under if isinstance(f, pictures.Picture))]))
    high = math.floor(box_w)

    def within(extra: int) -> Callable[[int], bool]:  # ``extra`` lines more in each part
        return lambda w: all(_lines(p, w) <= n + extra * k
                             for p, n, k in zip(words, most, parts))

    column = lambda w: height_of(shown, w, _ANY)  # noqa: E731
    beside = lambda w: height_of([dose()], room - w, _ANY)  # noqa: E731
    row = lambda w: max(column(w), beside(w))  # noqa: E731
    # never a taller row than in the box's width (a caption of one line there may take two)
    most_row = row(box_w)
    wide = _first(_first(least, high, within(0)), high, lambda w: column(w) <= most_row)
    if column(wide) >= beside(wide):  # the picture's column is the taller: nothing to gain
        return _width(wide, box_w)
    # the dose box is the taller: the column narrows as far as makes the row shorter, its
    # caption taking one line more at most. Narrower, the dose box shortens and the column
    # grows: the row is shortest where the dose box is last the taller, or a point narrower
    narrow = _first(least, wide, within(1))
    cut = _first(narrow, wide, lambda w: column(w) <= beside(w))
    best = cut - 1 if cut > narrow and column(cut - 1) < beside(cut) else cut
    # as wide as keeps the row that short: the caption in as few lines as it can
    height = row(best)
    return _width(_last(best, wide, lambda w: row(w) <= height), box_w)


def _width(points: int, box_w: float) -> float:
    return box_w if points >= box_w - 1 else float(points)


def _first(low: int, high: int, ok: Callable[[int], bool]) -> int:
    """The least whole ``w`` from ``low`` to ``high`` that is ``ok`` (they are ok from some
    width on); ``high`` where none is."""
    while low < high:
        mid = (low + high) // 2
        if ok(mid):
            high = mid
        else:
            low = mid + 1
    return low


def _last(low: int, high: int, ok: Callable[[int], bool]) -> int:
    """The greatest whole ``w`` from ``low`` to ``high`` that is ``ok`` (they are ok up to
    some width; ``low`` is)."""
    while low < high:
        mid = (low + high + 1) // 2
        if ok(mid):
            low = mid
        else:
            high = mid - 1
    return low


def _lines(paragraph: Paragraph, width: float) -> int:
    paragraph.wrap(width, _ANY)
    return len(getattr(getattr(paragraph, "blPara", None), "lines", [None]))
