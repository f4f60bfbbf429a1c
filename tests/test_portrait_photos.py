"""Large print's picture beside the dose box, for a photo taller than it is wide.

The picture is fitted in the layout's box (4.2 x 3 inches, less on a full page), so a
portrait photo filled its height and left half its column blank, while the dose box beside
it was squeezed into more lines; the taller row then shrank the photo further to keep the
exercise on its page (the Dublin clinic's band turn-out, 1.3 x 1.65 inches). The column is
now as wide as the photo and its caption need, and the dose box has the rest. Read from the
PDF: each photo's box on its page (PDFium), and the text of the pages.
"""

from __future__ import annotations

import shutil

import pypdfium2 as pdfium
import pytest
import yaml
from PIL import Image, ImageDraw

from handouts import build as api
from handouts.render.theme import theme_for
from handouts.words import text

from conftest import EXAMPLES, page_texts

DUBLIN = EXAMPLES / "dublin-shoulder"
LARGE = theme_for("large_print")


def photos(pdf: bytes) -> dict[int, tuple[float, float]]:
    """Page index → (width, height) in points of the photo drawn on it."""
    found = {}
    for number, page in enumerate(pdfium.PdfDocument(pdf)):
        for thing in page.get_objects(max_depth=8):
            if thing.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE:
                left, bottom, right, top = thing.get_bounds()
                found[number] = (right - left, top - bottom)
    return found


def pages_of(pages: list[str], heading: str) -> list[int]:
    """The pages an exercise takes: the one it starts, and those it continues on (the first
    exercise may share its page with the therapist's note above it)."""
    return [i for i, text in enumerate(pages) if text.startswith(heading)
            or text.startswith("Note from your therapist") and f" {heading} " in text]


def test_the_dublin_band_photo_is_drawn_large_beside_its_long_dose():
    """The clinic's band turn-out photo (portrait by its EXIF orientation) beside a dose box
    with three weeks of progression: it printed 1.3 x 1.65 inches in large print. The photo
    is drawn near its full size now, and the exercise still fits its one page."""
    clinic = api.open_workspace(home=DUBLIN)
    program = api.program_with(api.load_program(DUBLIN / "examples" / "aoife-byrne.yaml",
                                                clinic), clinic, layout="large_print")
    built = api.build_handout(program, clinic)
    pages = [" ".join(t.split()) for t in page_texts(built.pdf)]
    band = next(e for e in built.handout.exercises if e.id == "band_external_rotation")
    [page] = pages_of(pages, f"{band.number}. {band.title}")
    width, height = photos(built.pdf)[page]
    assert height > width
    assert height >= 0.8 * LARGE.image_height, (width / 72, height / 72)
    for e in built.handout.exercises:  # each exercise on a page of its own, none runs on
        assert len(pages_of(pages, f"{e.number}. {e.title}")) == 1, e.id
    assert " ".join(band.tips[-1].split()) in pages[page]


@pytest.fixture
def portrait_clinic(tmp_path):
    """The Dublin clinic with a portrait photo (600 x 900, a figure drawn with Pillow) for
    its wall slides, and six steps and two cautions."""
    home = tmp_path / "clinic"
    shutil.copytree(DUBLIN, home)
    photo = Image.new("RGB", (600, 900), "white")
    pen = ImageDraw.Draw(photo)
    pen.ellipse([250, 80, 350, 180], outline="black", width=8)
    for line in ([300, 180, 300, 520], [300, 240, 200, 120], [300, 240, 400, 120],
                 [300, 520, 230, 820], [300, 520, 370, 820]):
        pen.line(line, fill="black", width=10)
    pen.line([480, 40, 480, 860], fill=(11, 110, 117), width=12)
    photo.save(home / "images" / "wall_slides.jpg", quality=90)
    path = home / "exercises.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    wall = next(e for e in data["exercises"] if e["id"] == "wall_slides")
    wall["steps"] = [
        "Stand facing a wall, one small step away from it. Put your forearms on it.",
        "Slowly slide your arms up the wall. Keep your forearms on the wall as they go.",
        "Stop when you feel a stretch. It should feel like a pull, not a pain.",
        "Hold it there for a slow breath in and out.",
        "Slowly slide them back down.",
        "Rest your arms at your sides before the next one."]
    wall["cautions"] = ["Keep your shoulders away from your ears.",
                        "Stop if you feel a sharp pain in your shoulder."]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return home


@pytest.mark.parametrize("languages, least, spans", [
    # English: the photo's column (the photo and a caption of two lines) is the taller of
    # the row: the photo keeps its size, the dose box takes the width it leaves
    ("en", 0.75, 1),
    # Spanish and English: the dose box is the taller, and was 1.7 x 2.55 inches beside it
    ("es,en", 0.95, 2)])
def test_a_portrait_photo_takes_a_column_as_wide_as_it_needs(portrait_clinic, languages,
                                                             least, spans):
    """The brief's case: the wall slides with a portrait photo, six steps and two cautions,
    in large print. The photo is no smaller than before and, where the dose box was the
    taller, larger; the exercise takes no more pages; the dose box starts where the photo's
    column ends, not 4.2 inches along."""
    clinic = api.open_workspace(home=portrait_clinic)
    program = api.program_with(
        api.load_program(portrait_clinic / "examples" / "aoife-byrne.yaml", clinic), clinic,
        layout="large_print", language=languages)
    built = api.build_handout(program, clinic)
    pages = [" ".join(t.split()) for t in page_texts(built.pdf)]
    wall = next(e for e in built.handout.exercises if e.id == "wall_slides")
    heading = f"{wall.number}. {text.parts(wall.title)[0]}"
    taken = pages_of(pages, heading)
    assert len(taken) == spans, taken
    width, height = photos(built.pdf)[taken[0]]
    assert height >= least * LARGE.image_height, (width / 72, height / 72)
    assert " ".join(text.parts(wall.cautions[-1])[-1].split()) in pages[taken[-1]]
    # the dose box starts where the photo's column ends: nearer the photo than the box's
    # width (the photo fills its height) and the gap, where it started before
    document = pdfium.PdfDocument(built.pdf)
    page = document[taken[0]]
    found = page.get_textpage()
    label = found.get_charbox(found.get_text_range().index("How much"))[0]
    photo_left = min(thing.get_bounds()[0] for thing in page.get_objects(max_depth=8)
                     if thing.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
    box_width = LARGE.image_width * height / LARGE.image_height
    assert label - photo_left < box_width + LARGE.space.md, (label / 72, box_width / 72)
