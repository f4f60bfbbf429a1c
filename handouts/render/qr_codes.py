"""A video link's QR code, as a drawing (see pictures.Vector) placed like an SVG's.

Encoding a link, making the drawing's squares and turning them into PDF operators cost a
cold build about 30 ms of CPU a code (a sports clinic's program with 15 videos: 0.47 s of
its 1.40 s), and each code was encoded twice, once for its size and once as it was drawn;
widget and encoder are imported for it too. It is now encoded once, and its operators are
kept in the cache folder with the pictures' (see picture_cache), named after the link and
all that changes the drawing, so that a new process (the next build, a batch and the
workers it starts) neither imports the encoder nor encodes again.
"""

from __future__ import annotations

import functools
import hashlib

from reportlab.graphics.shapes import Drawing

from handouts.render import picture_cache
from handouts.render.pictures import Vector, cached_vector
from handouts.render.theme import FAMILY

# the error correction: M still scans with 15 % of the code smudged or folded
LEVEL = "M"
# what else changes a code's drawing: the encoder's and the widget's version (reportlab's;
# its module size, colour and border are the widget's own), and how it is drawn here
# (format 1: the widget's squares as reportlab draws them, in a 32 mm box)
_FORMAT = 1


@functools.lru_cache(maxsize=128)
def qr_code(url: str) -> Vector:
    """The QR code of ``url``: encoded once per process at most, and not at all where the
    cache folder has it; drawn once per document."""
    # its form's name in a PDF is the link's alone, as before its drawing was kept: a
    # reprint is the same bytes
    key = "qr_" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]
    stored = _stored_name(url)
    make = functools.partial(_encoded, url, key, stored)
    made = cached_vector(key, stored, make)
    if made is None:
        made = make()
        # its size, for a process that only measures it (a tighter card tried, not set):
        # its operators replace this once it is drawn
        picture_cache.keep_drawing(stored, made.width, made.height, None, replace=False)
    return made


def _stored_name(url: str) -> str:
    import reportlab

    made_by = f"{url}\0level {LEVEL}\0reportlab {reportlab.Version}\0format {_FORMAT}"
    return "qr_" + hashlib.sha1(made_by.encode("utf-8")).hexdigest()[:20]


def _encoded(url: str, key: str, stored: str) -> Vector:
    from reportlab.graphics.barcode.qr import QrCodeWidget  # slow to import; rarely needed

    # the widget encodes the link each time it is drawn, and its size is found by drawing
    # it: its squares, drawn once, go in the drawing instead (the same operators)
    squares = QrCodeWidget(url, barLevel=LEVEL).draw()
    x0, y0, x1, y1 = squares.getBounds()
    drawing = Drawing(x1 - x0, y1 - y0, transform=[1, 0, 0, 1, -x0, -y0])
    drawing.add(squares)
    # reportlab's graphics state starts in Helvetica, which every PDF would then list
    drawing.initialFontName = FAMILY
    return Vector(drawing, float(drawing.width), float(drawing.height), key, stored=stored)
