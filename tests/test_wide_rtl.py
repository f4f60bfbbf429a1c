"""A wide card on a page that runs right to left (a Hebrew handout with a lying exercise):
the picture at the right margin, the title and the dose left of it, the steps under both,
ending at the right; read in the order title, dose, caption, first step. The test clinic is the
Hebrew one (Dublin's library, standing exercises only) with the main library's lying hip
flexor stretch and made-up Hebrew words for it. Where things are is read back from the PDF
as test_rtl_page does."""

from __future__ import annotations

import shutil

import pypdfium2 as pdfium
import pytest
import yaml

import handouts as api

from conftest import ROOT
from test_rtl_page import HEBREW_CLINIC, forms_drawn, made_clinic, margins, span, spans
from test_wide_pictures import WIDE

LYING = "lying_hip_flexor_stretch"
HEBREW = {"title": "מתיחת הירך בשכיבה",
          "caption": "רגל אחת תלויה מחוץ למיטה.",
          "purpose": "מותחת את השרירים בחלק הקדמי של הירך.",
          "steps": ["שכבו על הגב ליד קצה המיטה.", "חבקו ברך אחת אל החזה.",
                    "תנו לרגל השנייה לתלות מצד המיטה.", "שמרו על הגב התחתון שטוח.",
                    "החזיקו, ואז החליפו צד."],
          "tips": ["כשהשרירים האלה קשים, הם מושכים את הגב."],
          "cautions": ["הפסיקו אם הכאב מחמיר."],
          "side": "כל צד"}


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> bytes:
    home = made_clinic(tmp_path_factory.mktemp("wide-rtl") / "clinic", HEBREW_CLINIC)
    library = yaml.safe_load((ROOT / "exercises.yaml").read_text(encoding="utf-8"))
    lying = next(e for e in library["exercises"] if e["id"] == LYING)
    shutil.copy(ROOT / lying["image"], home / "images")
    for name, add in (("exercises.yaml", lambda d: d["exercises"].append(lying)),
                      ("exercises.he.yaml", lambda d: d["exercises"].update({LYING: HEBREW}))):
        data = yaml.safe_load((home / name).read_text(encoding="utf-8"))
        add(data)
        (home / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                 encoding="utf-8")
    ws = api.open_workspace(home=home)
    data = {"patient": {"name": "דנה לוי"}, "date": "2026-12-03", "language": ["he"],
            "layout": "standard", "exercises": ["pendulum", LYING, "shoulder_blade_squeeze"]}
    return api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf


def card_title(pdf: bytes) -> tuple[int, float, float, float]:
    """Where the card's title is drawn (page 1's summary names the exercise too)."""
    return [s for s in spans(pdf, HEBREW["title"]) if s[0] > 1][0]


def test_a_wide_cards_picture_is_at_the_right_its_text_left_and_the_steps_under_both(pdf):
    _, right = margins("standard")
    page, _, title_right, title_base = card_title(pdf)
    wide = [f for f in forms_drawn(pdf, page) if f[1] - f[0] >= WIDE * (f[3] - f[2])]
    [picture] = wide
    assert picture[1] > right - 30  # at the right margin
    assert title_right < picture[0] and picture[2] < title_base < picture[3]
    # the dose line (its side, page 1's summary has it too), beside the picture too
    dose = [s for s in spans(pdf, HEBREW["side"]) if s[0] == page][0]
    assert dose[2] < picture[0] and picture[2] < dose[3]
    step = span(pdf, HEBREW["steps"][0][:12])
    assert step[0] == page and step[3] < picture[2]  # under the picture
    assert step[2] > right - 30  # from the right margin, under the picture (not left of it)
    assert abs(step[2] - span(pdf, HEBREW["steps"][1][:10])[2]) < 1  # ending at one edge


def test_a_wide_card_reads_title_dose_caption_steps_in_order(pdf):
    """A screen reader follows the order things are drawn in (PDFium gives a line's
    right-to-left text in the order it is read): the title, the dose, the caption, the steps."""
    page, *_ = card_title(pdf)
    text = pdfium.PdfDocument(pdf)[page - 1].get_textpage().get_text_range()
    at = [text.find(part) for part in
          (HEBREW["title"], "30–60", HEBREW["caption"], HEBREW["steps"][0])]
    assert -1 not in at and at == sorted(at), at
