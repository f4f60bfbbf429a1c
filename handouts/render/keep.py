"""Flowables kept in one piece on a page, measured without reportlab's copy of the frame."""

from __future__ import annotations

from reportlab.platypus import KeepTogether as _ReportlabKeepTogether
from reportlab.platypus.flowables import _listWrapOn

from handouts.render.flowables import measuring_canvas


class KeepTogether(_ReportlabKeepTogether):
    """reportlab's KeepTogether (also what the document makes of flowables that keep with
    the next one), measuring its parts without copying the document's frame first: reportlab
    copies it for content that adds to the frame as it is measured, which ours never does,
    and the copy was a tenth of a packet's render."""

    def wrap(self, aW, aH):  # noqa: N803 - reportlab's names
        dims: list = []
        width, self._H = _listWrapOn(self._content, aW, measuring_canvas(), dims=dims)
        self._H0 = dims[0][1] if dims else 0
        self._wrapInfo = aW, aH
        return width, 0xFFFFFF  # force a split, as reportlab's does
