"""A page's text as pypdf's ``extract_text`` reads it, a few times faster: the tests read
thousands of pages, and pypdf (tokenizing every operator of a page in Python, reading every
font's /ToUnicode) took a quarter of the suite's time.

pdfium (C++) decodes the glyphs of each text object and measures it; the content stream is
scanned with regular expressions, and pypdf's own rules (``TextExtraction`` and
``crlf_space_check`` in ``pypdf._text_extraction``) turn the moves between the objects into
line breaks and spaces. So the breaks fall where pypdf's do, also where pdfium's geometry
cannot see them: reportlab ends every paragraph line with T*, which pypdf reads as a line break
even where the next cell of a table row starts on the same baseline.

A page whose stream and pdfium's text objects do not pair up (an inline image, another count of
objects) or whose text runs right to left raises ``Unreadable``; ``conftest.page_texts`` then
reads the PDF with pypdf."""

from __future__ import annotations

import io
import math
import re

import pypdf
import pypdfium2 as pdfium
from pypdf._text_extraction import orient

from pdf_objects import Runs
from pdf_stream import ELEMENT, SHOW, TEXT_OPERATOR, Unreadable, operations, string, unescaped

# what pypdf reads of a text object but these (colours, rise, word and character spacing:
# pdfium's widths have the spacing in them)
_IGNORED = {b"rg", b"RG", b"g", b"G", b"k", b"K", b"sc", b"scn", b"SC", b"SCN", b"cs", b"CS",
            b"Ts", b"Tw", b"Tc", b"Tz", b"Tr", b"gs", b"d", b"w"}
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mult(m, n):
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


def _spaces_kept(said: str, shown: bytes) -> str:
    """pdfium's text of a string with the string's spaces put back (byte 32 is a space in the
    font): pdfium leaves out a string that is only a space (it makes up one of its own, owned
    by no text object) and the second of two spaces. The runs of other bytes must match
    pdfium's; where they do not, its text is left as it is."""
    if b" " not in shown or said.count(" ") == shown.count(b" "):
        return said
    wanted = re.findall(rb" +|[^ ]+", shown)
    found = re.findall(r" +|[^ ]+", said)
    kept, index = [], 0
    for run in wanted:
        if run[:1] == b" ":
            kept.append(" " * len(run))
            index += index < len(found) and found[index][:1] == " "
        elif index < len(found) and found[index][:1] != " ":
            kept.append(found[index])
            index += 1
        else:
            return said
    return "".join(kept) if index == len(found) else said


class _Reading:
    """pypdf's TextExtraction (pypdf 7) for the operators reportlab writes, with the text and
    width of each string shown taken from pdfium's text object, not decoded from the font."""

    def __init__(self, runs: Runs, objects, forms, resources, spaces, visitor_text=None):
        self.runs, self.objects, self.forms = runs, iter(objects), iter(forms)
        self.resources = resources
        self.visitor_text = visitor_text
        self.cm = self.tm = self.memo_cm = self.memo_tm = _IDENTITY
        self.m_prev = _IDENTITY  # tm x cm where the text last moved
        self.stack = []
        self.font_size, self.TL = 12.0, 0.0
        self.font_resource = None
        self.space_half = 0.5  # half a space, in ems: pypdf's before the first Tf
        self.spaces = spaces
        self.ascii_spaces = True
        self.previous_font_space = None
        self.str_widths, self.str_height = 0.0, 0.0
        self.line_span = None
        self.text, self.output = "", ""
        self._fonts = resources.get("/Font") or {}
        self._font_cache = {}

    def visit(self, text):
        if self.visitor_text is not None:
            self.visitor_text(text, list(self.memo_cm), list(self.memo_tm),
                              self.font_resource, self.font_size)

    def memo(self):
        self.memo_cm, self.memo_tm = self.cm, self.tm

    def flush(self):
        self.output += self.text
        self.visit(self.text)
        self.text = ""
        self.memo()

    def moved(self, str_widths: float):
        """pypdf's crlf_space_check, after every Td, Tm, T* and Tj."""
        text_was_empty = self.text == ""
        space = self.font_size * self.space_half
        if self.previous_font_space is not None:
            space = min(space, self.previous_font_space)
        m_prev, m = self.m_prev, _mult(self.tm, self.cm)
        orientation = orient(m)
        if orientation in (0, 180):
            moved_height, moved_width, axis_index = m[5] - m_prev[5], m[4] - m_prev[4], 5
        else:
            moved_height, moved_width, axis_index = m[4] - m_prev[4], m[5] - m_prev[5], 4
        axis = m[axis_index]
        span = self.line_span
        if span is None or span[0] != axis_index:
            distance = abs(moved_height)
        else:
            lower, upper = span[1], span[2]
            distance = 0.0 if lower <= axis <= upper else min(abs(axis - lower), abs(axis - upper))
        last = self.text[-1:] or self.output[-1:]
        threshold = 0.8 * min(self.str_height * math.hypot(m_prev[2], m_prev[3]),
                              self.font_size * math.hypot(m[2], m[3]))
        if distance > threshold:
            if last not in ("", "\n"):
                self.output += self.text + "\n"
                self.visit(self.text + "\n")
                self.text = ""
            self.line_span = (axis_index, axis, axis)
        else:
            if (abs(moved_height) > threshold or moved_width >= (space + str_widths) * math.hypot(
                    m_prev[0], m_prev[1])) and last not in ("", " "):
                self.text += " "
            if last in ("", "\n") or span is None or span[0] != axis_index:
                self.line_span = (axis_index, axis, axis)
            else:
                self.line_span = (axis_index, min(span[1], axis), max(span[2], axis))
        self.m_prev = m
        if text_was_empty or self.text == "":
            self.memo()

    def moved_by_position(self):
        widths, self.str_widths = self.str_widths, 0.0
        self.moved(widths)

    def next_line(self):  # T*
        tm = self.tm
        self.tm = (*tm[:4], tm[4] - self.TL * tm[2], tm[5] - self.TL * tm[3])
        self.moved_by_position()

    def show(self, operands: bytes, operator: bytes):
        """Tj, TJ, ' and ": pdfium's object for the text and its width, the stream's strings
        for the spaces pdfium leaves out and for TJ's gaps, which pypdf reads as spaces."""
        try:
            span, advance = next(self.objects)
        except StopIteration:
            raise Unreadable("more strings shown than pdfium's text objects") from None
        if operator == b"'" or operator == b'"':
            self.next_line()
            if operator == b'"':  # aw ac string: the string only
                operands = operands[operands.find(b"("):]
        literal = operands.strip()
        if operator != b"TJ" and literal[:1] == b"(" and literal[-1:] == b")":
            # one literal string, left escaped: a space is written as itself, and the text
            # is all the object's
            elements = strings = [literal[1:-1]]
            said = self.runs.said(span, False)
            glyphs = len(literal) - 2
            if len(said) < glyphs:
                glyphs = len(unescaped(literal[1:-1]))
        else:
            elements = [string(e) if e[:1] in b"(<" else float(e)
                        for e in ELEMENT.findall(operands)]
            strings = [e for e in elements if isinstance(e, bytes)]
            said = self.runs.said(span, operator == b"TJ" and len(elements) > len(strings))
            glyphs = sum(map(len, strings))
        if self.ascii_spaces:
            said = _spaces_kept(said, b"".join(strings))
        if len(said) < glyphs:
            # a glyph pdfium reads as nothing: it leaves out U+3000, the ideographic space,
            # as it does a space; pypdf reads what the font's /ToUnicode says
            raise Unreadable("fewer characters than the strings have glyphs")
        pieces = self._pieces(said, strings, elements)
        for element in elements:
            if isinstance(element, bytes):  # pypdf's Tj, for each string
                self.previous_font_space = None
                self.text += pieces.pop(0)
                self.str_height = self.font_size
                self.moved(0.0)
            else:  # pypdf's process_tj_offset: a wide enough gap is a space
                previous = self.text or self.output
                if -element >= self.space_half * 1000 * 0.95 and previous and \
                        previous[-1] not in " \n":
                    self.previous_font_space = None
                    self.text += " "
                    self.moved(0.0)
        if not strings:  # nothing pypdf would show, but pdfium made an object of it
            self.text += said
        scale = math.hypot(*_mult(self.tm, self.cm)[:2]) or 1.0  # container → text space
        self.str_widths += advance / scale

    def _pieces(self, said: str, strings: list[bytes], elements) -> list[str]:
        """pdfium's text of a TJ, split among its strings by their lengths, a character a
        byte; where that does not add up, all of it to the first, unless a gap between two
        strings would put a space inside it."""
        if len(strings) <= 1:
            return [said]
        if sum(map(len, strings)) == len(said):
            pieces, at = [], 0
            for string in strings:
                pieces.append(said[at:at + len(string)])
                at += len(string)
            return pieces
        first = elements.index(strings[0])
        last = len(elements) - 1 - elements[::-1].index(strings[-1])
        if any(-e >= self.space_half * 1000 * 0.95 for e in elements[first:last]
               if isinstance(e, float)):
            raise Unreadable("a gap between strings pdfium reads as fewer characters")
        return [said] + [""] * (len(strings) - 1)

    def font(self, operands: bytes):  # Tf
        if self.text != "":
            self.previous_font_space = self.font_size * self.space_half
            self.output += self.text
            self.visit(self.text)
        self.text = ""
        self.memo()
        name, size = operands.split()[-2:]
        if name not in self._font_cache:
            font = self._fonts.get(name.decode("latin-1"))
            font = font.get_object() if font is not None else None
            # reportlab keeps ASCII at its own codes in the first subset of a font it embeds
            self._font_cache[name] = (font, _space_half(name, font, self.spaces),
                                      name.endswith(b"+0") or b"+" not in name)
        self.font_resource, self.space_half, self.ascii_spaces = self._font_cache[name]
        self.font_size = float(size)

    def read(self, data: bytes) -> str:
        for operands, operator in operations(data):
            if operator in _IGNORED:
                continue
            if operator in SHOW:
                self.show(operands, operator)
            elif operator == b"Td" or operator == b"TD":
                tx, ty = (float(v) for v in operands.split()[:2])
                if operator == b"TD":
                    self.TL = -ty
                tm = self.tm
                self.tm = (*tm[:4], tm[4] + tx * tm[0] + ty * tm[2], tm[5] + tx * tm[1] + ty * tm[3])
                self.moved_by_position()
            elif operator == b"Tm":
                self.tm = tuple(float(v) for v in operands.split()[:6])
                self.moved_by_position()
            elif operator == b"T*":
                self.next_line()
            elif operator == b"BT":
                self.tm = _IDENTITY
                self.flush()
            elif operator == b"ET":
                self.flush()
            elif operator == b"Tf":
                self.font(operands)
            elif operator == b"TL":
                self.TL = float(operands)
            elif operator == b"q":
                self.stack.append((self.cm, self.font_resource, self.font_size, self.TL))
            elif operator == b"Q":
                self.cm, self.font_resource, self.font_size, self.TL = (
                    self.stack.pop() if self.stack else (_IDENTITY, None, 12.0, 0.0))
            elif operator == b"cm":
                self.output += self.text
                self.visit(self.text)
                self.text = ""
                self.cm = _mult(tuple(float(v) for v in operands), self.cm)
                self.memo()
            elif operator == b"Do":
                self.draw(operands[0].decode("latin-1"))
        self.output += self.text
        if self.text != "":
            self.visit(self.text)
        return self.output

    def draw(self, name: str):  # Do: a line break, then a form's text, read afresh
        self.output += self.text
        self.visit(self.text)
        if self.output and self.output[-1] != "\n":
            self.output += "\n"
            self.visit("\n")
        xobject = (self.resources.get("/XObject") or {}).get(name)
        xobject = xobject.get_object() if xobject is not None else None
        if xobject is not None and xobject.get("/Subtype") == "/Form":
            try:
                objects, forms = next(self.forms)
            except StopIteration:
                raise Unreadable("more forms drawn than pdfium's form objects") from None
            self.output += _read_container(xobject, self.runs, objects, forms, self.spaces,
                                           self.visitor_text)
        self.text = ""
        self.memo()


def _space_half(name: bytes, font, spaces: dict) -> float:
    """Half the width of a space in the font, in ems, as pypdf measures it: in the first subset
    of a font reportlab embeds ("+0") a space is /Widths at 32; any other font is measured by
    pypdf itself (slower: it reads the font's /ToUnicode), once a document."""
    if font is None:
        return 250 / 2 / 1000  # pypdf's stand-in for a font it cannot find
    key = id(font)  # the reader resolves an object once
    if key not in spaces:
        widths, first = font.get("/Widths"), font.get("/FirstChar")
        if name.endswith(b"+0") and widths is not None and first is not None and \
                0 <= 32 - first < len(widths) and float(widths[32 - first]):
            width = float(widths[32 - first])
        else:
            from pypdf.generic._font import Font
            found = Font.from_font_resource(font)
            width = found.space_width
            if found.character_widths.get(found.space_char, 0) == 0:
                width = 200.0  # extract_text's space_width, for a font without a space
        spaces[key] = width / 2 / 1000
    return spaces[key]


def _read_container(obj, runs: Runs, objects, forms, spaces, visitor_text=None) -> str:
    """The text of a page or a form, read afresh as pypdf reads each."""
    resources = obj.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    if not resources:
        return ""
    contents = (obj["/Contents"] if "/Contents" in obj else obj).get_object()
    if isinstance(contents, pypdf.generic.ArrayObject):
        data = b"\n".join(part.get_object().get_data() for part in contents)
    else:
        data = contents.get_data()
    if visitor_text is None and not TEXT_OPERATOR.search(data):
        return ""
    reading = _Reading(runs, objects, forms, resources, spaces, visitor_text)
    text = reading.read(data)
    if next(reading.objects, None) is not None:
        raise Unreadable("fewer strings shown than pdfium's text objects")
    return text


def read_pages(data: bytes) -> list[str]:
    """Each page's text, as pypdf's ``page.extract_text()`` gives it; raises ``Unreadable``
    where this reading cannot be pypdf's (see the module's docstring)."""
    return _read(data, lambda number: None)


def page_visits(data: bytes) -> list[list[tuple]]:
    """Per page, every call pypdf's ``page.extract_text(visitor_text=...)`` makes to its
    visitor: (text, cm, tm, font resource, font size); raises ``Unreadable`` as read_pages."""
    pages: list[list[tuple]] = []

    def visitor_for(number: int):
        pages.append([])
        return lambda *call: pages[number].append(call)
    _read(data, visitor_for)
    return pages


def _read(data: bytes, visitor_for) -> list[str]:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    document = pdfium.PdfDocument(data)
    try:
        texts, spaces = [], {}
        for number, page in enumerate(document):
            runs = Runs(page, page.get_textpage())
            objects, forms = runs.page
            texts.append(_read_container(pages[number], runs, objects, forms, spaces,
                                         visitor_for(number)))
        return texts
    finally:
        document.close()
