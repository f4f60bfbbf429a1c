"""A loaded drawing (see pictures.Vector) written into a document as a form XObject, the
first time it shows there only; its PDF operators kept per process, and on disk (see
picture_cache) for the next one.

The form is written as reportlab's beginForm/endForm would write it, with its stream
compressed once per process: joining, encoding and compressing a figure's operators
again for each PDF was a fifth of a render. The same operators after the same preamble give
the same flate stream, so the bytes are the same either way. The form object is formatted
once per process too: all it names of its document is the font dictionary.
"""

from __future__ import annotations

import functools
import io
import re

from reportlab import rl_config
from reportlab.graphics import renderPDF

from handouts.kept import found as kept_found
from handouts.kept import keep
from handouts.render import picture_cache

_compressed: dict[tuple[str, str], bytes] = {}
_formatted: dict[tuple, bytes] = {}
_LIMIT = 256
# an operator that sets a graphics state (opacity, say) named among the resources
_STATE = re.compile(r"/\S+ gs\b")


def kept_form(canvas, name: str, size: tuple[float, float], key: str,
              operators: list[str]) -> None:
    """Write the form ``name`` of this ``size`` drawing ``operators`` (known by ``key``)."""
    from reportlab.pdfbase import pdfdoc

    found = _compressed.get((key, canvas._preamble))
    if found is None:
        found = pdfdoc.PDFZCompress.encode(
            pdfdoc.pdfdocEnc("\n".join([canvas._preamble, *operators])))
        keep(_compressed, (key, canvas._preamble), found, _LIMIT)
    canvas.beginForm(name, 0, 0, *size)
    canvas.endForm()
    stream = pdfdoc.PDFStream(content=found)  # its own: formatting adds this PDF's resources
    stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
    form = canvas._doc.idToObject[canvas._doc.getXObjectName(name)]
    form.Contents = stream
    form.format = functools.partial(_format, form, (key, canvas._preamble, *size))


def _format(form, made_of: tuple, document) -> bytes:
    """``form`` formatted as reportlab formats it; kept per drawing, preamble and size, and
    the number of the document's font dictionary (the one other object a form names)."""
    from reportlab.pdfbase import pdfdoc

    if form.XObjects or form.Annots or not isinstance(document.encrypt, pdfdoc.NoEncryption):
        return type(form).format(form, document)
    key = (*made_of, document.idToObjectNumberAndVersion.get("BasicFonts"))
    found = _formatted.get(key)
    if found is None:
        found = type(form).format(form, document)
        keep(_formatted, key, found, _LIMIT)
    return found


def end_form(canvas, name: str) -> None:
    """``canvas.endForm()``, but a form that uses graphics states (an SVG's opacity) or
    shadings (its gradients) lists them among its resources. reportlab's lists only fonts
    and forms, so a viewer drew such a drawing opaque and its gradients black, and said
    the PDF was damaged."""
    from reportlab.pdfbase import pdfdoc

    code = "\n".join(canvas._code)
    # the form's own: beginForm set the page's aside
    shading, colours = dict(canvas._shadingUsed), dict(canvas._colorsUsed)
    canvas.endForm()
    if not (shading or _STATE.search(code)):
        return
    form = canvas._doc.idToObject[canvas._doc.getXObjectName(name)]
    resources = pdfdoc.PDFResourceDictionary()
    resources.basicFonts()
    resources.allProcs()
    if form.XObjects:
        resources.XObject = form.XObjects
    if form.ExtGState:
        resources.ExtGState = form.ExtGState
    resources.setShading(shading)
    resources.setColorSpace(colours)
    form.Resources = resources


def form_name(picture) -> str:
    # by what is drawn, never by the code that drew it: an update that draws the same
    # keeps the PDF's bytes, and a reprint is the PDF issued
    return f"fig_{picture.key}"


# The PDF operators of each drawing, kept per process: walking a drawing's shapes costs more
# than the rest of an exercise card, and the operators are the same in every document.
# The least recently used are given up first, beyond OPERATORS (each is 1-50 KB: a web app
# that met new colours, languages and picture boxes for months kept every one); one given
# up is read from the disk cache again, or drawn again.
_operators: dict[str, list[str]] = {}
OPERATORS = 2_000
# operators that name a per-document resource (graphics state, font, image) cannot be reused;
# a font is named with its size between (`/F1 36 Tf`: an SVG's <text>, a logo's letters)
_PER_DOCUMENT = re.compile(r"/\S+ (gs|Do)\b|/\S+ \S+ Tf\b|\bsh\b")


def per_document(operators: list[str]) -> bool:
    """Whether these operators name a resource of the document they were drawn in, so that
    another document cannot take them as they are (a cache folder may hold such from a
    version that kept them)."""
    return any(_PER_DOCUMENT.search(op) for op in operators)


def keep_operators(key: str, operators: list[str]) -> None:
    """A drawing's operators as read from the disk cache, kept for its first form."""
    keep(_operators, key, operators, OPERATORS)


def ensure_form(canvas, picture) -> str:
    """Write the drawing into this document as a form XObject, the first time only."""
    name = form_name(picture)
    if canvas.hasForm(name):
        return name
    cached = kept_found(_operators, picture.key)
    if cached is None and picture.drawing is None:  # given up since it was loaded
        again = picture_cache.kept_drawing(picture.stored)
        cached = again["ops"] if again else None
        if cached is not None:
            keep(_operators, picture.key, cached, OPERATORS)
    if cached is not None and canvas._pageCompression and not rl_config.useA85:
        kept_form(canvas, name, (picture.width, picture.height), picture.key, cached)
        return name
    canvas.beginForm(name, 0, 0, picture.width, picture.height)
    if cached is not None:
        canvas._code.extend(cached)
    else:
        drawing = picture.drawing if picture.make is None else picture.make().drawing
        _Renderer().draw(renderPDF.renderScaledDrawing(drawing), canvas, 0, 0,
                         showBoundary=False)
        code = list(canvas._code)
        if not per_document(code):
            keep(_operators, picture.key, code, OPERATORS)
            picture_cache.keep_drawing(picture.stored, picture.width, picture.height,
                                       code, facts=picture.facts, words=picture.words,
                                       frames=picture.frames)
    end_form(canvas, name)
    return name


class _Renderer(renderPDF._PDFRenderer):
    """reportlab's, but a bitmap inside a drawing (a JPEG's bytes: see svgs) goes in as an
    image of the document, its JPEG as it is, not inline: an inline image's data is bytes,
    which a form's stream, text, cannot hold. Its form then names a resource of this
    document, and is made again in the next (see _PER_DOCUMENT)."""

    def drawImage(self, image):  # noqa: N802 - reportlab's name
        from reportlab.lib.utils import ImageReader

        if not isinstance(image.path, bytes):
            return super().drawImage(image)
        self._canvas.drawImage(ImageReader(io.BytesIO(image.path)), image.x, image.y,
                               image.width, image.height)
