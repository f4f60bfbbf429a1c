"""A drawing's form XObject written as reportlab's beginForm/endForm would write it, with its
stream compressed once per process: joining, encoding and compressing a figure's operators
again for each PDF was a fifth of a render. The same operators after the same preamble give
the same flate stream, so the bytes are the same either way.
"""

from __future__ import annotations

_compressed: dict[tuple[str, str], bytes] = {}
_LIMIT = 256


def kept_form(canvas, name: str, size: tuple[float, float], key: str,
              operators: list[str]) -> None:
    """Write the form ``name`` of this ``size`` drawing ``operators`` (known by ``key``)."""
    from reportlab.pdfbase import pdfdoc

    found = _compressed.get((key, canvas._preamble))
    if found is None:
        found = pdfdoc.PDFZCompress.encode(
            pdfdoc.pdfdocEnc("\n".join([canvas._preamble, *operators])))
        if len(_compressed) >= _LIMIT:
            del _compressed[next(iter(_compressed))]
        _compressed[(key, canvas._preamble)] = found
    canvas.beginForm(name, 0, 0, *size)
    canvas.endForm()
    stream = pdfdoc.PDFStream(content=found)  # its own: formatting adds this PDF's resources
    stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
    canvas._doc.idToObject[canvas._doc.getXObjectName(name)].Contents = stream
