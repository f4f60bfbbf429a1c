"""A clinic's logo as clinics make them: many are wide, the mark with the clinic's name
written out beside it (8:1). The header's square box printed such a logo as a strip 6 pt
tall, its words unreadable; it now takes the width the clinic's name and contact lines leave
beside them (the phone staying beside them where it did), and a square logo keeps its size.
Sizes are read back from the PDF's page 1."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

from handouts.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def clinic_with_logo(tmp_path, width: int, height: int, layout: str) -> bytes:
    folder = tmp_path / "clinic"
    assert run("new", folder, "--name", "Sunny Side Physical Therapy",
               "--phone", "555-0100").exit_code == 0
    logo = Image.new("RGB", (width, height), (20, 90, 140))
    ImageDraw.Draw(logo).ellipse([4, 4, height - 4, height - 4], fill=(240, 180, 20))
    logo.save(folder / "logo.png")
    clinic = folder / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "logo: logo.png\n"
                      "tagline: Care close to home\n"
                      "address: 1 Example Road, Springfield\n", encoding="utf-8")
    out = tmp_path / "handout.pdf"
    built = run("--home", folder, "build", folder / "examples" / "sample-patient.yaml",
                "--layout", layout, "-o", out)
    assert built.exit_code == 0, built.output
    return out.read_bytes()


def header_facts(pdf: bytes) -> tuple[tuple[float, float], float, float, float, float]:
    """Page 1's logo (width, height in pt); the top of the phone number; the top and bottom
    of the clinic's name; the bottom of its contact line."""
    page = pdfium.PdfDocument(pdf)[0]
    images = [obj.get_bounds() for obj in page.get_objects(max_depth=0)
              if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
    assert len(images) == 1  # the logo
    left, bottom, right, top = images[0]
    text = page.get_textpage()
    everything = text.get_text_range()

    def box(words: str) -> tuple[float, float]:
        at = everything.find(words)
        assert at >= 0, words
        boxes = [text.get_charbox(i) for i in range(at, at + len(words)) if words[i - at] != " "]
        return min(b[1] for b in boxes), max(b[3] for b in boxes)

    name_bottom, name_top = box("Sunny Side Physical Therapy")
    return ((right - left, top - bottom), box("555-0100")[1], name_top, name_bottom,
            box("1 Example Road")[0])


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_a_wide_logo_prints_wide_not_as_a_strip(tmp_path, layout):
    (width, height), phone_top, name_top, name_bottom, contact_bottom = header_facts(
        clinic_with_logo(tmp_path, 800, 100, layout))
    # the square box gave it 49 pt of width (6 pt tall); now at least twice that
    assert height > 14, (width, height)
    assert width == pytest.approx(height * 8, rel=0.02)
    # and the clinic's name on one line (its letters one line tall)
    body = {"standard": 13, "compact": 11, "large_print": 18}[layout]
    assert name_top - name_bottom < body * 2
    if layout != "large_print":  # large print sets the phone under the name, logo or none
        assert phone_top > contact_bottom  # the phone still beside the name, not under it


@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_a_square_logo_keeps_its_size(tmp_path, layout):
    (width, height), *_ = header_facts(clinic_with_logo(tmp_path, 300, 300, layout))
    size = {"standard": 13, "large_print": 18}[layout] * 3.8
    assert (width, height) == (pytest.approx(size), pytest.approx(size))


def test_a_logo_with_too_few_pixels_is_warned_of_by_check(tmp_path):
    """A 40-pixel icon saved from the clinic's website prints at about 58 dots an inch in
    the header: blurred on every handout. `check` says so at the line of ``logo:``, with the
    size that prints sharp; a logo of enough pixels, and one too small but wide, are not
    warned of (the wide one prints wider, and so sharper)."""
    folder = tmp_path / "clinic"
    assert run("new", folder, "--name", "Tiny PT", "--phone", "555-0100").exit_code == 0
    clinic = folder / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 1
    for name, size in (("icon.png", (40, 40)), ("good.png", (300, 300)), ("wide.png", (800, 100))):
        Image.new("RGB", size, (20, 90, 140)).save(folder / name)

    said = {}
    for name in ("icon.png", "good.png", "wide.png"):
        clinic.write_text(text + f"logo: {name}\n", encoding="utf-8")
        checked = run("--home", folder, "check")
        assert checked.exit_code == 0, checked.output  # a warning: the handout still prints
        said[name] = [out for out in checked.stderr.splitlines() if "logo" in out]
    assert said == {
        "icon.png": [f'warning: {clinic}:{line}: logo: "icon.png": only 40 × 40 pixels, so it '
                     "prints blurred (about 58 dots an inch on a handout, 42 in large print); "
                     "use a picture of at least 150 × 150 pixels, or the logo as an SVG"],
        "good.png": [], "wide.png": []}


def test_a_white_logo_on_a_see_through_background_is_warned_of_by_check(tmp_path):
    """A logo made for a website's dark header, white shapes on a transparent background,
    printed as nothing: an empty space beside the clinic's name on every handout. `check`
    says so at the line of ``logo:``; a coloured logo on a see-through background prints,
    and is not warned of."""
    def drawn(colour):
        def save(path):
            logo = Image.new("RGBA", (400, 120), (0, 0, 0, 0))
            ImageDraw.Draw(logo).ellipse([10, 10, 110, 110], fill=colour)
            logo.save(path)
        return save

    clinic, line, said = logo_warnings(tmp_path, {"white.png": drawn((255, 255, 255, 255)),
                                                  "teal.png": drawn((11, 110, 117, 255))})
    assert said == {
        "white.png": [f'warning: {clinic}:{line}: logo: "white.png": it is white where it is '
                      "not see-through (a logo made for a dark background), so it prints as "
                      "nothing on white paper; use the logo's version for a light background"],
        "teal.png": []}


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_a_tall_logo_prints_half_the_square_wide_at_least(tmp_path, layout):
    """A logo three times as tall as wide (a mark over the clinic's initials) printed in the
    square's height, 16 pt wide: its letters too small to read. It is now at least half the
    square wide, the header no more than twice the square's height for it; where the phone
    goes under the clinic's name (large print), it stands beside both."""
    (width, height), phone_top, name_top, *_ = header_facts(
        clinic_with_logo(tmp_path, 100, 300, layout))
    size = {"standard": 13, "compact": 11, "large_print": 18}[layout] * 3.8
    assert width == pytest.approx(height / 3, rel=0.02)
    assert size / 2 - 0.5 <= width and height <= 2 * size + 0.5, (width, height, size)


def test_a_white_svg_logo_on_a_see_through_background_is_warned_of_by_check(tmp_path):
    """The same logo as an SVG (white shapes and words, no background) was not warned of:
    only a photo's pixels were looked at. `check` now reads the colours the SVG's shapes,
    lines and words are drawn in; a logo with one coloured shape among white ones prints,
    and is not warned of."""
    white = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120">'
             '<g fill="#ffffff"><circle cx="60" cy="60" r="50"/>'
             '<text x="130" y="75" font-size="40">White PT</text></g>'
             '<path d="M10 110 H390" fill="none" stroke="white" stroke-width="4"/>{}'
             '</svg>')
    mixed = white.format('<rect x="300" y="10" width="40" height="40" fill="#0b6e75"/>')
    clinic, line, said = logo_warnings(tmp_path, {
        "white.svg": lambda path: path.write_text(white.format(""), encoding="utf-8"),
        "mixed.svg": lambda path: path.write_text(mixed, encoding="utf-8")})
    assert said == {
        "white.svg": [f'warning: {clinic}:{line}: logo: "white.svg": it is white where it is '
                      "not see-through (a logo made for a dark background), so it prints as "
                      "nothing on white paper; use the logo's version for a light background"],
        "mixed.svg": []}


def logo_warnings(tmp_path, logos: dict) -> tuple:
    """A new clinic's `check` with each of ``logos`` (a file name and what writes it) as its
    ``logo:`` in turn: the clinic file, the line ``logo:`` is on, and what check said of the
    logo for each (a warning: the handout still prints)."""
    folder = tmp_path / "clinic"
    assert run("new", folder, "--name", "White PT", "--phone", "555-0100").exit_code == 0
    clinic = folder / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    said = {}
    for name, write in logos.items():
        write(folder / name)
        clinic.write_text(text + f"logo: {name}\n", encoding="utf-8")
        checked = run("--home", folder, "check")
        assert checked.exit_code == 0, checked.output
        said[name] = [out for out in checked.stderr.splitlines() if "logo" in out]
    return clinic, len(text.splitlines()) + 1, said
