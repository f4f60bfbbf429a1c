"""Every word of a handout reads at 4.5:1 (WCAG's contrast for small text) against what it
is printed on, whatever the clinic's brand colours: each word's colour and the colour of the
box under it are read back from the PDF. The dose box is the brand colour's pale tint, and
its *How much* and *How often* are printed in the brand colour itself: a red that read on
white at 4.9:1 read there at 4.1:1."""

from __future__ import annotations

import ctypes
import dataclasses

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from handouts import build as api


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (c / 255 for c in rgb)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(one, other) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _fill(obj) -> tuple[int, int, int]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in (r, g, b, a)))
    return r.value, g.value, b.value


def words_on_boxes(pdf: bytes):
    """(page, text, its colour, the colour it sits on) for each run of text on every page:
    on the last filled box drawn under it, or white paper."""
    found = []
    for number, page in enumerate(pdfium.PdfDocument(pdf), 1):
        textpage = page.get_textpage()
        boxes = []  # (bounds, colour) of each filled path, in the order drawn
        for obj in page.get_objects(max_depth=0):
            bounds = obj.get_bounds()
            if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                mode, stroke = ctypes.c_int(), ctypes.c_int()
                pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke))
                if mode.value and bounds[2] - bounds[0] > 20 and bounds[3] - bounds[1] > 8:
                    boxes.append((bounds, _fill(obj)))
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                words = textpage.get_text_bounded(*bounds).strip()
                if not words:
                    continue
                cx, cy = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
                under = [colour for (l, b, r, t), colour in boxes
                         if l <= cx <= r and b <= cy <= t]
                found.append((number, words, _fill(obj), under[-1] if under else (255,) * 3))
    return found


RED = ("#e50000", "#b35900", "#1f2328")  # a red that reads on white (4.9:1), not on its tint
GREY = ("#0b6e75", "#b35900", "#6e6e6e")  # grey text, 5:1 on white: the dose on the tint
LAYOUTS = ("standard", "compact", "large_print")


# the colours a clinic gives are made readable once for every layout (clinic_parts.readable,
# theme.tint); each layout prints its own boxes (standard's and large print's dose box,
# compact's dose line): the two colours read on the tint go through every layout, the
# others through one each (all 15 pairs built 15 handouts of redrawn figures for that)
@pytest.mark.parametrize("primary, accent, text, layout", [
    *((*RED, layout) for layout in LAYOUTS),
    *((*GREY, layout) for layout in LAYOUTS),
    ("#7fd6d0", "#e08000", "#1f2328", "standard"),  # a light teal, printed darker
    ("#f5e663", "#ff3333", "#1f2328", "compact"),  # a pale yellow
    ("#111111", "#222222", "#111111", "large_print"),  # near-black
])
def test_every_word_reads_on_what_it_is_printed_on(ws, jane, primary, accent, text, layout):
    colours = ws.clinic.colors.model_copy(update={"primary": primary, "accent": accent,
                                                  "text": text})
    clinic = ws.clinic.model_copy(update={"colors": colours})
    pdf = api.build_handout(jane.model_copy(update={"layout": layout}),
                            dataclasses.replace(ws, clinic=clinic)).pdf
    runs = words_on_boxes(pdf)
    assert any("How much" in words for _, words, _, _ in runs)
    assert any(on != (255, 255, 255) for _, _, _, on in runs)  # the tinted boxes were found
    poor = [(page, words[:30], colour, on, round(ratio(colour, on), 2))
            for page, words, colour, on in runs if ratio(colour, on) < 4.5]
    assert poor == []
