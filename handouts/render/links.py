"""The clinic's phone number as a link a phone can tap (``tel:``), wherever a handout prints
it: page 1's header and the last line of its safety box ("Call us at …"), and every page's
footer. Patients open the emailed handout on a phone, and a number they had to copy by hand
was the one thing on the page they are told to do. The clinic's email address and website on
page 1's header are links too (``mailto:``, ``https:``), and the website in the footer where
it prints there. A link is an annotation over what is drawn: the page looks and prints as
before.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFObject, PDFString
from reportlab.platypus import Flowable

from handouts.render import replay

# a phone keypad's letters, for a number written in words (1-800-PT-HELPS)
_KEYPAD = {letter: digit for digit, letters in {
    "2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV",
    "9": "WXYZ"}.items() for letter in letters}
_LETTERS_IN_BRACKETS = re.compile(r"\([^)]*[^\W\d_]")
_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)


def tel(phone: str) -> str | None:
    """``phone`` as a ``tel:`` address (RFC 3966: the digits, a leading ``+`` and an
    extension as ``;ext=``), or None where it does not read as one number: fewer than 3
    digits or more than 15 (E.164's most), or words with it ("555-0100 (front desk)",
    "555-0100 OPTION 2"). Capitals joined to the number are a keypad's letters
    (1-800-PT-HELPS); a word of its own is a word, whose letters would call another number."""
    ext = _EXTENSION.search(phone)
    number = (phone[:ext.start()] if ext else phone).strip()
    if not number or _LETTERS_IN_BRACKETS.search(number) or not (
            number[0] in "+(" or unicodedata.digit(number[0], None) is not None) or any(
            word.isalpha() for word in number.split()):
        return None
    digits = []
    for char in number:
        value = unicodedata.digit(char, None)  # any script's digits (٠١٢ too)
        if value is not None:
            digits.append(str(value))
        elif char in _KEYPAD:
            digits.append(_KEYPAD[char])
        elif not (char.isspace() or char in "+-.()/\u2010\u2011\u2012\u2013"):
            return None
    if not 3 <= len(digits) <= 15:
        return None
    plus = "+" if number.startswith("+") else ""
    return f"tel:{plus}{''.join(digits)}" + (f";ext={ext.group(1)}" if ext else "")


# one plain address, as a patient's is checked (input/patient.py): nothing a mail program
# could read as another recipient
_ADDRESS_CHARACTER = r'[^@\s<>,;:()\[\]\\"]'
_EMAIL = re.compile(rf"{_ADDRESS_CHARACTER}+@{_ADDRESS_CHARACTER}+\.{_ADDRESS_CHARACTER}+")
# a site's address as clinics write it: a host name of two labels or more (any script),
# perhaps a port and a path; with its scheme or without (www.example.com, example.ie/book)
_SITE = re.compile(r"(?P<scheme>https?://)?(?P<host>(?:[^\W_]|-)+(?:\.(?:[^\W_]|-)+)+)"
                   r"(?P<rest>(?::\d{1,5})?(?:/[^\s<>\"]*)?)", re.IGNORECASE)


def mailto(email: str) -> str | None:
    """``email`` as a ``mailto:`` address, or None where it is not one plain address
    ("hello@example.ie (front desk)", "a@b; c@d")."""
    if "=?" in email or not _EMAIL.fullmatch(email):
        return None
    return "mailto:" + quote(email, safe="@.!$&'*+-=^_`{|}~")  # RFC 6068: UTF-8, escaped


def web(website: str) -> str | None:
    """``website`` as an ``https:`` address (or the ``http:`` one it names), or None where
    it is not one site's address (words with it, two addresses)."""
    found = _SITE.fullmatch(website)
    if not found:
        return None
    try:  # a name in another script, as a browser sends it (IDNA)
        host = found["host"].encode("idna").decode("ascii")
    except UnicodeError:
        return None
    scheme = (found["scheme"] or "https://").lower()
    return scheme + host + quote(found["rest"], safe="/:?#[]@!$&'()*+,;=%-._~")


def link(canvas, uri: str, rect: tuple[float, float, float, float],
         relative: bool = False) -> None:
    """An invisible link to ``uri`` over ``rect`` (x0, y0, x1, y1): in the page's space, or
    ``relative`` to where the canvas draws now."""
    canvas._addAnnotation(_Link(uri, tuple(canvas._absRect(rect, int(relative)))))


class _Link(PDFObject):
    """A link annotation as reportlab's ``linkURL`` writes one with no border, byte for
    byte, but formatted by one line of ours: reportlab builds a dictionary of six objects
    for each link and formats them one by one, and every page's footer has its links (a
    tenth of a warm build's time went to them)."""

    def __init__(self, uri: str, rect: tuple[float, float, float, float]):
        self.uri, self.rect = uri, rect

    def format(self, document) -> bytes:
        # the address as reportlab writes (and, in a locked PDF, encrypts) a string
        return (b"<<\n/A <<\n/S /URI /Type /Action /URI %s\n>> /Border [ 0 0 0 ] "
                b"/Rect [ %s ] /Subtype /Link /Type /Annot\n>>"
                % (PDFString(self.uri).format(document), fp_str(*self.rect).encode("ascii")))


def link_over(canvas, uri: str, rect: tuple[float, float, float, float]) -> None:
    """``link`` relative to where the canvas draws now, made again wherever what is being
    drawn is replayed (see replay.live: placed by the transformation the replay starts at)."""
    replay.live(canvas, functools.partial(link, uri=uri, rect=rect, relative=True),
                placed=True)


class Linked(Flowable):
    """``inner`` (a paragraph) with a link to ``uri`` over the whole of it: the link is made
    again at every replay of a drawing that holds it (page 1's header, the safety box)."""

    def __init__(self, inner: Flowable, uri: str):
        super().__init__()
        self.inner, self.uri = inner, uri
        self.hAlign = getattr(inner, "hAlign", "LEFT")

    def wrap(self, avail_w, avail_h):
        self.width, self.height = self.inner.wrap(avail_w, avail_h)
        return self.width, self.height

    def split(self, avail_w, avail_h):
        return [Linked(part, self.uri) for part in self.inner.split(avail_w, avail_h)]

    def getSpaceBefore(self):  # noqa: N802 - reportlab's name
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802 - reportlab's name
        return self.inner.getSpaceAfter()

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N803 - reportlab's names
        # the paragraph drawn as it was before it had a link (the page's operators are the
        # same), the link put over it in the same coordinates
        self.inner.drawOn(canvas, x, y, _sW)
        x = self.inner._hAlignAdjust(x, _sW)
        link_over(canvas, self.uri, (x, y, x + self.width, y + self.height))


class LinksOver(Flowable):
    """``plain`` (a paragraph, drawn and replayed as any other) with the links ``linked``
    (the same paragraph, its addresses in ``<a href>``) would make: reportlab places each
    over its address as drawn, on every line it wraps to, in either direction. Where the two
    break into the same lines, the links are measured once, ``linked`` drawn on a throwaway
    canvas, and put over ``plain`` at every draw (made again at every replay of a drawing
    that holds it); a paragraph with <a> links is never replayed (reportlab adds them as it
    draws, see replay.draw), and drawing it afresh for every handout took a quarter of a
    millisecond. Where the lines differ, ``linked`` itself is drawn."""

    def __init__(self, plain: Flowable, linked: Flowable):
        super().__init__()
        self.plain, self.linked = plain, linked
        self.hAlign = getattr(plain, "hAlign", "LEFT")
        self._links: dict = {}  # width -> the links, (uri, rect), or None: draw ``linked``

    def wrap(self, avail_w, avail_h):
        self.width, self.height = self.plain.wrap(avail_w, avail_h)
        return self.width, self.height

    def getSpaceBefore(self):  # noqa: N802 - reportlab's name
        return self.plain.getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802 - reportlab's name
        return self.plain.getSpaceAfter()

    def _measured(self) -> list | None:
        width = self.plain._wrapped_at
        if width not in self._links:
            shown = self.linked.wrap(width, 0xFFFFFF)
            same = shown == (self.width, self.height) and _lines(self.linked) == _lines(
                self.plain)
            self._links[width] = _drawn_links(self.linked) if same else None
        return self._links[width]

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N803 - reportlab's names
        found = self._measured()
        if found is None:
            self.linked.drawOn(canvas, x, y, _sW)
            return
        self.plain.drawOn(canvas, x, y, _sW)
        x = self.plain._hAlignAdjust(x, _sW)
        for uri, (x0, y0, x1, y1) in found:
            link_over(canvas, uri, (x + x0, y + y0, x + x1, y + y1))


def _lines(paragraph) -> list[str]:
    para = paragraph.blPara
    return [" ".join(line[1]) if para.kind == 0 else "".join(
        getattr(f, "text", "") for f in line.words) for line in para.lines]


def _drawn_links(paragraph) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The links ``paragraph`` makes as it is drawn at 0, 0: (uri, rect)."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    found = []

    class Capture(Canvas):
        def linkURL(self, url, rect, relative=0, **kw):  # noqa: N802 - reportlab's name
            found.append((url, tuple(rect)))
            # as a link reportlab adds itself would: a drawing that makes one is not kept
            self._annotationrefs.append(None)

    paragraph.drawOn(Capture(io.BytesIO()), 0, 0)
    return found


def linked(inner: Flowable, phone: str) -> Flowable:
    """``inner``, linked to ``phone`` where it reads as a number; else as it is."""
    uri = tel(phone)
    return Linked(inner, uri) if uri else inner
