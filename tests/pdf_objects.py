"""pdfium's text objects of a page, for pdf_text: the characters pdfium decodes for each and
how far it reaches, read through pdfium's C functions with as few calls from Python as can be."""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c
from pypdf._text_extraction import RTL_CHARACTER_PATTERN

from pdf_stream import Unreadable


def _c_function(function, restype, *argtypes):
    """A pdfium function returning a plain int: pypdfium2's wrapper builds a ctypes object
    for every pointer returned, which made a loop over a page's characters as slow as pypdf."""
    return ctypes.cast(function, ctypes.CFUNCTYPE(restype, *argtypes))


# the text object a character belongs to (none for a space or line break pdfium makes up)
_char_object = _c_function(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p,
                           ctypes.c_void_p, ctypes.c_int)
_object_text = _c_function(pdfium_c.FPDFTextObj_GetText, ctypes.c_ulong, ctypes.c_void_p,
                           ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)
_BUFFER = ctypes.create_string_buffer(1 << 16)


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value


class Runs:
    """pdfium's text objects of one page: ``page`` is, per container (the page, then each form
    in drawing order, nested), the (characters' span, advance) of each text object and the
    forms in it; ``said`` gives an object's characters."""

    def __init__(self, page, textpage):
        self.textpage = textpage
        text = textpage.get_text_range()
        if RTL_CHARACTER_PATTERN.search(text):
            # pdfium puts right-to-left text in an order of its own and reads Arabic's
            # presentation forms as plain letters; pypdf keeps what the /ToUnicode says
            raise Unreadable("right-to-left text")
        count = textpage.count_chars()
        if len(text) != count:  # not one UTF-16 unit a character
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
                           for index in range(count))
        self.text = text
        self.spans = self._spans(_address(textpage.raw), count)
        self.page = self._container(page.raw, pdfium_c.FPDFPage_CountObjects,
                                    pdfium_c.FPDFPage_GetObject)

    def _spans(self, textpage: int, count: int) -> dict[int, tuple[int, int]]:
        """Where each text object's characters are in the page's: pdfium keeps an object's
        characters together, so one look-up an object (its own text, which may end with the
        space after it) finds them; a page where they are not together is read a character
        at a time."""
        spans, index = {}, 0
        while index < count:
            owner = _char_object(textpage, index)
            if not owner:  # a space or a line break pdfium made up
                index += 1
                continue
            size = _object_text(owner, textpage, _BUFFER, len(_BUFFER))
            said = _BUFFER.raw[:max(size - 2, 0)].decode("utf-16-le")
            end = index + len(said)
            if said.endswith(" ") and _char_object(textpage, end - 1) != owner:
                end -= 1  # the space after the object's characters, not one of its own
            if owner in spans or end <= index or self.text[index:end] != said[:end - index] \
                    or _char_object(textpage, end - 1) != owner:
                return self._spans_by_character(textpage, count)
            spans[owner] = (index, end)
            index = end
        return spans

    @staticmethod
    def _spans_by_character(textpage: int, count: int) -> dict[int, tuple[int, int]]:
        owners = [_char_object(textpage, index) for index in range(count)]
        spans = {}
        for index, owner in enumerate(owners):
            if owner:
                start, _ = spans.get(owner, (index, index))
                spans[owner] = (start, index + 1)
        for owner, (start, end) in spans.items():
            if any(other and other != owner for other in owners[start:end]):
                raise Unreadable("a text object whose characters pdfium does not keep together")
        return spans

    def _container(self, parent, count, get):
        texts, forms = [], []
        matrix = pdfium_c.FS_MATRIX()
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        for index in range(count(parent)):
            obj = get(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                # from the object's origin to its right edge, in its container's space
                pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
                pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                texts.append((self.spans.get(_address(obj), (0, 0)), right.value - matrix.e))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                forms.append(self._container(obj, pdfium_c.FPDFFormObj_CountObjects,
                                             pdfium_c.FPDFFormObj_GetObject))
        return texts, forms

    def said(self, span: tuple[int, int], made_up_spaces: bool) -> str:
        """An object's characters; with ``made_up_spaces``, without the spaces pdfium puts
        in a TJ's gaps (marked as made up, but owned by the object)."""
        start, end = span
        said = self.text[start:end]
        if made_up_spaces and " " in said:
            said = "".join(char for index, char in enumerate(said, start) if char != " "
                           or not pdfium_c.FPDFText_IsGenerated(self.textpage.raw, index))
        # pdfium marks a hyphen that ends a line (U+FFFE); the PDF has a plain one
        return said.replace("\ufffe", "-")
