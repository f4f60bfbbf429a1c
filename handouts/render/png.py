"""An SVG drawn as PNG, for the ``draw`` command: read as a handout reads it (svgs.drawing:
its size limits, a bitmap inside opened as a photo is), drawn by reportlab's renderPM,
whose cairo backend (rlPyCairo) not every computer has."""

from __future__ import annotations

import functools
import io

from handouts.render import svgs
from handouts.render.pictures import PictureError


def png(svg: bytes) -> bytes:
    """An SVG as PNG, twice its own size, drawn as svgs.drawing reads it; PictureError when
    it cannot be drawn (saying why, as a handout's warning does) or when this computer has
    no renderPM backend (rlPyCairo)."""
    from reportlab.graphics import renderPM

    from handouts.render.theme import register_fonts

    try:
        drawing = svgs.drawing(svg)
    except svgs.Unusable as exc:
        raise PictureError(str(exc)) from None
    register_fonts()  # svgs.drawing starts its text in the handout's font
    drawing.scale(2, 2)
    drawing.width, drawing.height = drawing.width * 2, drawing.height * 2
    try:
        canvas = renderPM.PMCanvas(drawing.width, drawing.height, dpi=72, bg=0xFFFFFF)
        _renderer()().draw(renderPM.renderScaledDrawing(drawing), canvas, 0, 0,
                           showBoundary=False)
        out = io.BytesIO()
        canvas.saveToFile(out, "PNG")
    except Exception:  # renderPM raises its own error, or ImportError, per backend
        if can_make_png():  # the backend is there, this drawing is what it cannot draw
            raise PictureError("renderPM cannot draw it as a PNG; write an .svg instead, "
                               "which any web browser opens") from None
        raise PictureError("cannot make a PNG here (reportlab's renderPM needs rlPyCairo); "
                           "write an .svg instead") from None
    return out.getvalue()


@functools.cache
def _renderer():
    """renderPM's renderer, but a bitmap inside the drawing may be a JPEG's bytes (as
    svgs.drawing prepares it, for the PDF: see forms._Renderer), which renderPM's own
    leaves out without a word: opened (a JPEG we made, within the photo's limit) and drawn."""
    import copy

    from PIL import Image
    from reportlab.graphics import renderPM

    class Renderer(renderPM._PMRenderer):
        def drawImage(self, image):  # noqa: N802 - reportlab's name
            if not isinstance(image.path, bytes):
                return super().drawImage(image)
            with Image.open(io.BytesIO(image.path), formats=("JPEG",)) as jpeg:
                shown = copy.copy(image)
                shown.path = jpeg
                return super().drawImage(shown)

    return Renderer


@functools.cache
def can_make_png() -> bool:
    from reportlab.graphics import renderPM
    from reportlab.graphics.shapes import Drawing

    try:
        renderPM.drawToString(Drawing(1, 1), fmt="PNG")
    except Exception:  # renderPM raises its own error, or ImportError, per missing backend
        return False
    return True
