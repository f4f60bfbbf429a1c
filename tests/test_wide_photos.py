"""A clinic's own wide photo (someone lying down, 3:1) gets the wide card as a drawing does,
but no larger than its pixels print sharp (150 dots an inch): across the wide box, 3.45
inch, a photo of 450 x 150 pixels printed at 130. One with too few pixels to print larger
than in a standard card's column keeps that card. Read from the PDF: the photo's drawn box
(PDFium) and the pages' text."""

from __future__ import annotations

import shutil

import pypdfium2 as pdfium
import pytest
import yaml
from PIL import Image, ImageDraw

import handouts as api
from handouts.render.theme import theme_for

from conftest import EXAMPLES

DUBLIN = EXAMPLES / "dublin-shoulder"
CARD = theme_for("standard", "A4")  # the Dublin clinic's paper


def lying_photo(path, width: int) -> None:
    """A made-up photo three times as wide as tall: a person lying on a bed."""
    photo = Image.new("RGB", (width, width // 3), "white")
    pen, k = ImageDraw.Draw(photo), width / 900
    pen.rectangle([60 * k, 200 * k, 840 * k, 230 * k], outline="black", width=max(1, int(6 * k)))
    pen.ellipse([90 * k, 120 * k, 160 * k, 190 * k], outline="black", width=max(1, int(6 * k)))
    for line in ([160, 160, 450, 170], [450, 170, 600, 100], [600, 100, 750, 180]):
        pen.line([v * k for v in line], fill="black", width=max(1, int(8 * k)))
    photo.save(path)


def photo_width(pdf: bytes) -> float:
    """The drawn width, in points, of the one photo three times as wide as tall."""
    found = []
    for page in pdfium.PdfDocument(pdf):
        for thing in page.get_objects(max_depth=8):
            if thing.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE:
                left, bottom, right, top = thing.get_bounds()
                if abs((right - left) / (top - bottom) - 3) < 0.05:
                    found.append(right - left)
    [width] = found
    return width


def steps_across(pdf: bytes) -> bool:
    """Whether the pendulum's first step starts left of the photo's right edge: under it,
    across the card, not in a column beside it."""
    page = pdfium.PdfDocument(pdf)[1]
    [right] = [right for thing in page.get_objects(max_depth=8)
               if thing.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE
               for left, bottom, right, top in [thing.get_bounds()]
               if abs((right - left) / (top - bottom) - 3) < 0.05]
    found = page.get_textpage().search("Stand beside a table").get_next()
    assert found is not None
    return page.get_textpage().get_charbox(found[0])[0] < right


@pytest.mark.parametrize("pixels, inches, wide", [(1200, CARD.image_width * 1.5 / 72, True),
                                                  (450, 3.0, True),
                                                  (300, CARD.image_width / 72, False)])
def test_a_wide_photo_prints_as_large_as_its_pixels_print_sharp(tmp_path, pixels, inches, wide):
    home = tmp_path / "clinic"
    shutil.copytree(DUBLIN, home)
    lying_photo(home / "images" / "lying.png", pixels)
    path = home / "exercises.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["exercises"][0]["image"] = "images/lying.png"  # the pendulum's, say
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    ws = api.open_workspace(home=home)
    program = api.program_from_options(ws, patient="Pat Example", layout="standard",
                                       date="2026-11-23",
                                       exercises=["pendulum", "walking", "wall_slides"])
    built = api.build_handout(program, ws)
    assert photo_width(built.pdf) / 72 == pytest.approx(inches, abs=0.01)
    # a wide card's steps run across the card under the photo; a standard card's (set as
    # it is, or tighter on a page that sets its cards so) beside it
    assert steps_across(built.pdf) is wide
