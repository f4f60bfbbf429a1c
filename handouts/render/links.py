"""The clinic's phone number as a link a phone can tap (``tel:``), wherever a handout prints
it: page 1's header and the last line of its safety box ("Call us at …"), and every page's
footer. Patients open the emailed handout on a phone, and a number they had to copy by hand
was the one thing on the page they are told to do. The clinic's email address and website on
page 1's header are links too (``mailto:``, ``https:``). A link is an annotation over what is
drawn: the page looks and prints as before.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from reportlab.platypus import Flowable

# a phone keypad's letters, for a number written in words (1-800-PT-HELPS)
_KEYPAD = {letter: digit for digit, letters in {
    "2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV",
    "9": "WXYZ"}.items() for letter in letters}
_LETTERS_IN_BRACKETS = re.compile(r"\([^)]*[^\W\d_]")
_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)


def tel(phone: str) -> str | None:
    """``phone`` as a ``tel:`` address (RFC 3966: the digits, a leading ``+`` and an
    extension as ``;ext=``), or None where it does not read as one number: fewer than 3
    digits or more than 15 (E.164's most), or words with it ("555-0100 (front desk)").
    Capitals are a keypad's letters (1-800-PT-HELPS)."""
    ext = _EXTENSION.search(phone)
    number = (phone[:ext.start()] if ext else phone).strip()
    if not number or _LETTERS_IN_BRACKETS.search(number) or not (
            number[0] in "+(" or unicodedata.digit(number[0], None) is not None):
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
    canvas.linkURL(uri, rect, relative=int(relative), thickness=0)


class Linked(Flowable):
    """``inner`` (a paragraph) with a link to ``uri`` over the whole of it. A drawing that
    adds a link is never replayed (see replay.draw): every document gets its own."""

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
        link(canvas, self.uri, (x, y, x + self.width, y + self.height), relative=True)


def linked(inner: Flowable, phone: str) -> Flowable:
    """``inner``, linked to ``phone`` where it reads as a number; else as it is."""
    uri = tel(phone)
    return Linked(inner, uri) if uri else inner
