"""A handout's outline (the bookmarks a PDF reader lists): page 1, each exercise, the
education and the log, each entry opening its page where the part starts. A patient who
reads the emailed handout on a phone jumps to an exercise rather than scroll through 20
pages of large print.

One level: there is nothing to open or close. The reader's panel is not opened with the
file (on a phone it would cover page 1). A print file of many packets has its own outline
instead, one entry per packet (see pdf).

Written as one small object per entry, its destination in it (the page and the height to
open at): reportlab's own outline names each destination and writes it as an object of its
own, twice the objects and three times the time, more than the outline is worth per
handout.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFObject, PDFObjectReference, PDFString
from reportlab.platypus import Flowable

from handouts.words import text



def outlined(flowable: Flowable, said: text.Text) -> Flowable:
    """``flowable`` marked as where the PDF's outline entry ``said`` (in the handout's
    leading language) points: the page it, or its first part, is drawn on (see pdf)."""
    flowable.outline = text.parts(said)[0]
    return flowable


class Outline(PDFObject):
    """The document's outline: its entries, (title, the page's name in the document, the
    height to open at), in order; taken by the document's catalog instead of reportlab's."""

    ready = 1

    def __init__(self):
        self.entries: list[tuple[str, str, float]] = []

    def prepare(self, document, canvas) -> None:
        pass  # reportlab's own outline asks for it as the document is written

    def format(self, document) -> bytes:
        parent = document.Reference(self)
        entries = [_Entry(title, page, top, parent) for title, page, top in self.entries]
        refs = [document.Reference(entry) for entry in entries]
        for i, entry in enumerate(entries):
            entry.prev = refs[i - 1] if i else None
            entry.next = refs[i + 1] if i + 1 < len(refs) else None
        return (b"<< /Count %d /First %s /Last %s /Type /Outlines >>"
                % (len(refs), refs[0].format(document), refs[-1].format(document)))


class _Entry(PDFObject):
    def __init__(self, title: str, page: str, top: float, parent: PDFObjectReference):
        self.title, self.page, self.top, self.parent = title, page, top, parent
        self.prev = self.next = None

    def format(self, document) -> bytes:
        links = b"".join(b" /%s %s" % (name, ref.format(document))
                         for name, ref in ((b"Next", self.next), (b"Prev", self.prev)) if ref)
        return (b"<< /Dest [%s /XYZ null %s null]%s /Parent %s /Title %s >>"
                % (PDFObjectReference(self.page).format(document), b"%.2f" % self.top,
                   links, self.parent.format(document), PDFString(self.title).format(document)))


def use(canvas) -> Outline:
    """The document's outline, in place of reportlab's (before any entry)."""
    outline = Outline()
    doc = canvas._doc
    doc.Outlines = doc.outline = doc.Catalog.Outlines = outline
    return outline


def page_entries(canvas, outline: Outline, section, page: int | None,
                 found: list[tuple[str, float]]) -> None:
    """The entries of the page about to be written: page 1's (the handout's title, at the
    top), then what ``found`` holds (what was drawn on it, see outlined)."""
    name = canvas._doc.thisPageName()
    if page == 1:
        found = [(text.parts(section.handout.title)[0], section.theme.page_size[1]), *found]
    outline.entries.extend((said, name, top) for said, top in found)
