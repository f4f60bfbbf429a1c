"""An SVG drawn as PNG, for the ``draw`` command: through svglib and reportlab's renderPM,
whose cairo backend (rlPyCairo) not every computer has."""

from __future__ import annotations

import functools
import io

from handouts.render import svgs
from handouts.render.pictures import PictureError


def png(svg: bytes) -> bytes:
    """An SVG as PNG, through svglib and reportlab's renderPM (which needs its cairo
    backend, rlPyCairo); PictureError when this computer has none."""
    from reportlab.graphics import renderPM
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(io.BytesIO(svg))
    if drawing is None:
        raise PictureError(svgs.NOT_A_DRAWING)
    drawing.scale(2, 2)
    drawing.width, drawing.height = drawing.width * 2, drawing.height * 2
    try:
        return renderPM.drawToString(drawing, fmt="PNG", dpi=72)
    except Exception:  # renderPM raises its own error, or ImportError, per backend
        raise PictureError("cannot make a PNG here (reportlab's renderPM needs rlPyCairo); "
                           "write an .svg instead") from None


@functools.cache
def can_make_png() -> bool:
    from reportlab.graphics import renderPM
    from reportlab.graphics.shapes import Drawing

    try:
        renderPM.drawToString(Drawing(1, 1), fmt="PNG")
    except Exception:  # renderPM raises its own error, or ImportError, per missing backend
        return False
    return True
