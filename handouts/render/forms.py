"""A drawing's form XObject written as reportlab's beginForm/endForm would write it, with its
stream compressed once per process: joining, encoding and compressing a figure's operators
again for each PDF was a fifth of a render. The same operators after the same preamble give
the same flate stream, so the bytes are the same either way. The form object is formatted
once per process too: all it names of its document is the font dictionary.
"""

from __future__ import annotations

import functools
import re

from handouts.kept import keep

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
