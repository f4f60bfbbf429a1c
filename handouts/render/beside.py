"""A narrow picture column, as tall as the text beside it lets it be: a compact card's (in
one language or two), a standard page's tighter card's (see CardRun), and large print's
beside a dose box taller than the picture's box (see large_picture.row).

The picture's box there is small (1.15 x 0.85 inch in the compact layout): a figure whose
frames stand in a row prints each frame about half an inch wide. The text beside the picture
is mostly much taller than that, so the column has room below the picture; where it has, the
picture is given a taller box, and a figure file (``arrange: auto``) may then stack its
frames, each drawn about twice as large (see figure_keys.stretch_for). The card is no taller
for it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from reportlab.platypus import Flowable

from handouts.render import pictures
from handouts.render.flowables import height_of

MOST = 2.0  # a picture box at most this many times the layout's: the card stays a card
_ANY = 0xFFFFFF  # measuring: no height limit


def picture_column(make: Callable[[float, float], list[Flowable]], image: Path | None,
                   box: tuple[float, float], under: list[Flowable], text: list[Flowable],
                   text_width: float) -> list[Flowable]:
    """``make(width, height)``'s picture column (the picture, then ``under`` it its caption
    and a QR code) for the layout's ``box``; where ``image`` is a figure file, for a box
    taller by as many quarters (up to ``MOST``) as still end above ``text`` set
    ``text_width`` wide. Only the picture printed is loaded: a cold build draws no other."""
    if image is None or not pictures.is_figure(image):
        return make(*box)
    room = height_of(text, text_width, _ANY) - height_of(under, box[0], _ANY)
    # whole quarters, rounded down: a handful of boxes (and drawings) per layout
    taller = min(MOST, math.floor(4 * room / box[1]) / 4)
    return make(box[0], box[1] * max(1.0, taller))
