"""Thai in every place a library's text prints, long enough that its lines must break
inside what reportlab takes for one word (Thai puts no space between words): no line starts
with a vowel or tone mark cut from its consonant, and a paragraph broken again at another
width (a large-print card tries its picture at several sizes) breaks as a fresh one would,
where it failed the handout. Made-up words throughout."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle

import handouts as api
from handouts.render import breaking, glyphs, hyphens, theme
from handouts.render.paragraph import Paragraph

from conftest import page_texts

NOTO = Path("/usr/share/fonts/truetype/noto")
# made-up instructions: "raise your arm slowly until your shoulder feels tight, hold a
# moment, lower it slowly, do this many times every day; if it hurts a lot, stop and call us"
THAI = ("ค่อยๆยกแขนขึ้นช้าๆจนรู้สึกตึงที่ไหล่แล้วค้างไว้สักครู่ก่อนจะลดแขนลงอย่างช้าๆ"
        "ทำซ้ำหลายครั้งทุกวันถ้ารู้สึกเจ็บมากให้หยุดทันทีแล้วโทรหาเรา")
# what is written with the letters before it: the vowels after a consonant (sara a, aa,
# am: HarfBuzz draws sara am as nikhahit and aa, and the PDF gives those back), the marks
# above and below, and mai yamok (repeat the word before)
AFTER = set("\u0e30\u0e31\u0e32\u0e33\u0e45\u0e46") | {chr(c) for c in range(0x0E34, 0x0E3B)} | {
    chr(c) for c in range(0x0E47, 0x0E4F)}


@pytest.fixture(scope="module", autouse=True)
def _thai_font():
    if not (NOTO / "NotoSansThai-Regular.ttf").is_file():
        pytest.skip("Noto's Thai font is not installed (Debian: fonts-noto-core)")


def thai(start: int, length: int | None = None) -> str:
    """The made-up text from its ``start``-th cluster on (each start moves where its lines
    break), at most ``length`` characters."""
    at = breaking.cluster_starts(THAI)[start]
    text = THAI[at:] + THAI
    return text if length is None else text[:length]


def in_thai(data: dict, start: int) -> None:
    exercise, topic = data["exercises"][0], data["education"][1]
    exercise.update(title=thai(start, 100), caption=thai(start + 1), purpose=thai(start + 2),
                    steps=[thai(start + 3), thai(start + 4)], tips=[thai(start + 5)],
                    cautions=[thai(start + 6)])
    topic.update(title=thai(start + 7, 100), summary=thai(start + 8),
                 body=[thai(start + 9), {"heading": thai(start + 10, 90)},
                       {"bullets": [thai(start + 11), thai(start + 12)]}])


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_no_line_starts_with_a_thai_vowel_or_mark_cut_from_its_letter(library_copy, layout):
    """Before: a line could start with sara am (ทำ cut after ท): it is a letter to Unicode,
    not a mark, so a break was allowed before it. Large print failed outright (see below)."""
    for start in (0, 7, 11):
        ws = library_copy("exercises.yaml", lambda data, s=start: in_thai(data, s))
        data = {"patient": {"name": "สมชาย ใจดี"}, "date": "2026-12-03", "layout": layout,
                "exercises": [ws.library.exercises[0].id, ws.library.exercises[1].id],
                "education": [ws.library.education[1].id], "note": thai(start + 13) * 2}
        built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
        lines = [line.strip() for page in page_texts(built.pdf) for line in page.splitlines()
                 if any("\u0e00" <= c <= "\u0e7f" for c in line)]
        assert len(lines) > 40
        assert not [line for line in lines if line[0] in AFTER], (start, lines)


def test_a_thai_paragraph_broken_again_at_another_width_breaks_as_a_fresh_one():
    """reportlab keeps a paragraph's words, split ones in parts, and joins the parts again
    to break the lines at a new width: a Thai word's parts were shaped already, and HarfBuzz
    refused to shape their glyphs again (TypeError), which failed a large-print handout with
    a caption as long as a line."""
    theme.register_fonts()
    base = ParagraphStyle("thai", fontName=theme.FAMILY, fontSize=11, leading=14)
    style = hyphens.style(base, ("th",), "th-TH")

    def lines(paragraph) -> list[str]:
        return ["".join(str(w.text) for w in line.words) for line in paragraph.blPara.lines]

    again = Paragraph(glyphs.markup(THAI), style)
    again.wrap(200, 1000)
    again.wrap(120, 1000)
    fresh = Paragraph(glyphs.markup(THAI), style)
    fresh.wrap(120, 1000)
    assert len(lines(fresh)) > 3 and lines(again) == lines(fresh)
    # and the rest of one split across pages, laid out in a narrower column
    first, rest = Paragraph(glyphs.markup(THAI * 2), style).split(200, 30)
    rest.wrap(120, 1000)
    assert len(first.blPara.lines) == 2 and len(rest.blPara.lines) > 4


def test_thai_vowels_after_their_consonant_go_with_it():
    # ท + sara am, ซ + tone mark + sara am; ช + tone mark + sara aa, then mai yamok
    assert breaking.cluster_starts("ทำซ้ำ") == [0, 2]
    assert breaking.cluster_starts("ช้าๆ") == [0]
    assert breaking.cluster_starts("กะปา") == [0, 2]
