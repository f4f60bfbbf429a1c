"""The handout's TrueType fonts, as reportlab fonts that do two more things.

They tell a recording in progress which characters they wrote (see ``replay``). And the
PDF objects of a subset — the font program cut down to the characters used, its widths and
its text map — are formatted once per process for each subset content: every patient's
handout of a protocol uses the same characters in the same codes, and cutting, compressing
and formatting them again was a good part of writing each PDF. Those objects hold no
reference to any other object of the document, so the bytes are the same either way. The
font's dictionary and its descriptor do name other objects, by numbers each document gives
them: they are kept for those numbers (the same in every handout of a protocol), which a
document's bytes are looked up by.
"""

from __future__ import annotations

import functools

from handouts.kept import keep
from handouts.render import replay

_formatted: dict = {}  # (font, subset, part) -> bytes
_LIMIT = 512


@functools.cache
def font_class():
    """reportlab's TTFont with the two additions (the class is made on first use: importing
    reportlab's font code is not free)."""
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont

    class Kept(pdfdoc.PDFObject):
        """An object formatted in an earlier document (or now, and kept)."""

        def __init__(self, key, make, ref_only: bool, refs: tuple = ()):
            self.key, self.make, self.refs = key, make, refs
            if ref_only:
                self.__RefOnly__ = 1

        def format(self, document):
            if not isinstance(document.encrypt, pdfdoc.NoEncryption):
                return pdfdoc.format(self.make(), document, toplevel=1)
            # the objects it names, as this document numbers them
            key = (*self.key, *(ref.format(document) for ref in self.refs))
            found = _formatted.get(key)
            if found is None:
                found = pdfdoc.format(self.make(), document, toplevel=1)
                keep(_formatted, key, found, _LIMIT)
            return found

    def stream(content_of, length1: bool = False):
        def make():
            s = pdfdoc.PDFStream()
            s.content = content_of()
            if length1:
                s.dictionary["Length1"] = len(s.content)
            s.filters = [pdfdoc.PDFZCompress]
            return s
        return make

    class Font(TTFont):
        def splitString(self, text, doc, encoding="utf-8"):
            replay.note_text(self, text)
            return super().splitString(text, doc, encoding)

        def addObjects(self, doc):
            # reportlab's TTFont.addObjects, with the subset's own objects kept (see module)
            if not doc.compression:
                return super().addObjects(doc)
            state = self._assignState(doc)
            state.frozen = 1
            face = self.face
            for n, subset in enumerate(state.subsets):
                internal = self.getSubsetInternalName(n, doc)[1:]
                base = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode(
                    "pdfdoc")
                key = (self.fontName, n, tuple(subset))
                font = pdfdoc.PDFTrueTypeFont()
                font.__Comment__ = f"Font {self.fontName} subset {n}"
                font.Name = internal
                font.BaseFont = base
                font.FirstChar = 0
                font.LastChar = len(subset) - 1
                font.Widths = Kept((*key, "widths"), lambda s=subset: pdfdoc.PDFArray(
                    list(map(face.getCharWidth, s))), ref_only=False)
                font.ToUnicode = doc.Reference(
                    Kept((*key, "cmap"), stream(lambda b=base, s=subset: text_map(
                        b, s, self.__dict__.get("letters_of"))), ref_only=True),
                    "toUnicodeCMap:" + base)
                program = doc.Reference(
                    Kept((*key, "program"), stream(lambda s=subset: face.makeSubset(s), True),
                         ref_only=True), f"fontFile:{face.filename}({base})")
                descriptor = pdfdoc.PDFDictionary({
                    "Type": "/FontDescriptor", "Ascent": face.ascent,
                    "CapHeight": face.capHeight, "Descent": face.descent,
                    "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                    "FontBBox": pdfdoc.PDFArray(face.bbox), "FontName": pdfdoc.PDFName(base),
                    "ItalicAngle": face.italicAngle, "StemV": face.stemV,
                    "FontFile2": program, "MissingWidth": face.defaultWidth,
                })
                font.FontDescriptor = doc.Reference(
                    Kept((*key, "descriptor"), lambda d=descriptor: d, ref_only=True,
                         refs=(program,)), "fontDescriptor:" + base)
                # its name in this document, as the pages' text calls it, is counted too
                font = Kept((*key, "font", internal), lambda f=font: f, ref_only=True,
                            refs=(font.ToUnicode, font.FontDescriptor))
                doc.Reference(font, internal)
                doc.idToObject["BasicFonts"].dict[internal] = font
            del self.state[doc]

    return Font


def text_map(base: str, subset: list[int], letters_of: dict[int, str] | None) -> str:
    """A subset's ToUnicode CMap, as reportlab's ``makeToUnicodeCMap`` writes it, except
    that a glyph shaping made of several letters (see shaping.py) maps to those letters,
    not to the private code reportlab gave it."""
    letters_of = letters_of or {}

    def utf16(code: int) -> str:
        return letters_of.get(code, chr(code)).encode("utf-16-be").hex().upper()

    return "\n".join((
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({base})", f"/Ordering ({base})", "/Supplement 0", ">> def",
        f"/CMapName /{base} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(code)}>" for i, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"))
