"""A clinic's own pictures as drawing programs, phones and clip-art sites make them: each
printed as it looks, read back from the PDF. The pictures are made here, at test time."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

import handouts as api
from conftest import reader

SVG = 'xmlns="http://www.w3.org/2000/svg"'


def with_pictures(library_copy, folder, files: dict[str, bytes]) -> tuple[object, list[str]]:
    """The library copy in ``folder``, its first exercises given ``files`` (name → content,
    written into its images/) as pictures; and their ids."""
    ids: list[str] = []

    def use(data):
        for exercise, name in zip(data["exercises"], files):
            exercise["image"] = f"images/{name}"
            ids.append(exercise["id"])

    for name, content in files.items():
        (folder / "images" / name).write_bytes(content)
    return library_copy("exercises.yaml", use), ids


def built(library_copy, folder: Path, files: dict[str, bytes], layout: str = "standard"):
    """A handout of the library's first exercises, each with one of ``files`` (name →
    content, written into the images/ of the copy in ``folder``) as its picture."""
    ws, ids = with_pictures(library_copy, folder, files)
    program = api.program_from_options(ws, patient="Ada Example", exercises=ids,
                                       layout=layout)
    return api.build_handout(program, ws)


def forms(pdf: bytes):
    """Every form object (picture) the pages draw: its content and resources."""
    for page in reader(pdf).pages:
        for form in (page["/Resources"].get("/XObject") or {}).values():
            form = form.get_object()
            if form.get("/Subtype") == "/Form":
                yield form.get_data().decode("latin-1"), form.get("/Resources") or {}


def test_an_svg_s_gradients_and_opacity_are_named_in_its_form_s_resources(library_copy, tmp_path):
    """Inkscape and Illustrator fill with gradients and draw see-through shapes: the form
    a drawing goes in named neither its shadings nor its graphics states, so viewers
    painted the gradients black and the see-through shapes solid (and poppler said
    "ExtGState 'Sh0' is unknown")."""
    gradient = (f'<svg {SVG} width="200" height="100"><defs><linearGradient id="g">'
                '<stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/>'
                '</linearGradient></defs><rect width="200" height="100" fill="url(#g)"/></svg>')
    see_through = (f'<svg {SVG} width="200" height="100"><rect width="200" height="100"/>'
                   '<rect x="20" y="20" width="160" height="60" fill="#fff" '
                   'fill-opacity="0.5"/></svg>')
    made = built(library_copy, tmp_path, {"gradient.svg": gradient.encode(),
                                "see-through.svg": see_through.encode()})
    assert not made.warnings
    used = {"sh": "/Shading", "gs": "/ExtGState"}
    seen = set()
    for content, resources in forms(made.pdf):
        for name, operator in re.findall(r"(/\S+) (sh|gs)\b", content):
            seen.add(operator)
            kind = resources.get(used[operator])
            assert kind is not None and name in kind.get_object(), (name, operator)
    assert seen == {"sh", "gs"}


def photos_in(pdf: bytes) -> list:
    """Every bitmap the PDF prints, as Pillow reads it back from the PDF."""
    from PIL import Image

    found = []
    for page in reader(pdf).pages:
        for form in (page["/Resources"].get("/XObject") or {}).values():
            form = form.get_object()
            if form.get("/Subtype") == "/Image":
                found.append(Image.open(io.BytesIO(form.get_data())).convert("L"))
    return found


def test_a_scan_s_16_bit_grey_and_clip_art_s_palette_print_as_they_look(library_copy,
                                                                         tmp_path):
    """A 16-bit grey PNG (a scanner's) read as "damaged or cut short" wherever it had to
    be shrunk much (compact, a tighter card) and printed nearly white where it did not;
    a palette or 1-bit PNG (clip art, a scanned line drawing) was shrunk by dropping
    pixels, so its thin lines vanished."""
    from PIL import Image, ImageDraw, ImageStat

    grey = Image.new("I;16", (1200, 900), 0x8080)  # mid grey, in 16 bits
    lines = Image.new("L", (2400, 1600), 255)
    draw = ImageDraw.Draw(lines)
    for x in range(100, 2400, 150):
        draw.line([x, 100, x, 1500], fill=0, width=6)

    def png(image) -> bytes:
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()

    files = {"scan.png": png(grey), "clip-art.png": png(lines.quantize(4)),
             "line-scan.png": png(lines.convert("1", dither=Image.Dither.NONE))}
    for layout in ("compact", "standard"):
        made = built(library_copy, tmp_path, files, layout)
        assert not made.warnings, made.warnings
        printed = photos_in(made.pdf)
        assert len(printed) == 3
        for photo in printed:
            if photo.getpixel((0, 0)) < 200:  # the grey scan (the lines start white)
                assert 120 <= ImageStat.Stat(photo).mean[0] <= 136
            else:  # each of the 16 lines still there, across the middle
                row = [photo.getpixel((x, photo.height // 2)) for x in range(photo.width)]
                dark = [x for x in range(1, photo.width) if row[x] < 230 <= row[x - 1]]
                assert len(dark) == 16, (layout, photo.size, row)


def test_an_svg_with_no_number_or_a_size_below_0_or_a_web_page_is_refused(library_copy,
                                                                         tmp_path):
    """A viewBox of "0 0 nan 100" went into the PDF as "nan", no operator, and the viewer
    drew the rest of the page wrongly (a card's dose box twice, over itself); a width
    below 0 printed nothing, without a word; a web page saved as .svg was told its size
    was 0. Each is one line from check, and a placeholder and a warning from build."""
    files = {
        "nan.svg": f'<svg {SVG} width="200" height="100" viewBox="0 0 nan 100">'
                   '<rect width="200" height="100" fill="red"/></svg>',
        "below.svg": f'<svg {SVG} width="-200" height="100"><rect width="200" height="100"/>'
                     '</svg>',
        "page.svg": "<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>",
    }
    made = built(library_copy, tmp_path, {k: v.encode() for k, v in files.items()})
    said = {name: next(w for w in made.warnings if f"images/{name}: " in w) for name in files}
    assert len(made.warnings) == 3
    assert 'a size or place that is no number ("nan" or "inf")' in said["nan.svg"]
    assert "of no size (its width or height is 0 or less)" in said["below.svg"]
    assert "not an SVG drawing this can read" in said["page.svg"]
    for content, _ in forms(made.pdf):
        assert "nan" not in content and "inf" not in content
    problems = [str(p) for p in api.library_picture_problems(tmp_path / "exercises.yaml")]
    assert len(problems) == 3
    for name in files:
        line, = (p for p in problems if f'"images/{name}": ' in p)
        assert said[name].split(f"images/{name}: ")[1].split("; exercise ")[0] in line


def test_a_placeholder_s_label_stays_inside_its_box(library_copy, tmp_path):
    """Compact's picture column (and a standard card set tighter) wraps "Picture not
    available: <title>" onto more lines than the dashed box was tall: the words ran across
    its edges. The box is as tall as its label now."""
    import pypdfium2 as pdfium

    made = built(library_copy, tmp_path, {"broken.png": b"<html>404</html>"}, "compact")
    title = made.handout.exercises[0].title
    assert len(made.warnings) == 1
    words = ["Picture", "not", "available:", *title.split()]
    doc = pdfium.PdfDocument(made.pdf)
    page = doc[0]
    text = page.get_textpage()
    found = re.search(r"\s+".join(map(re.escape, words)), text.get_text_range())
    assert found, text.get_text_range()
    boxes = [text.get_charbox(i) for i in range(found.start(), found.end())
             if not text.get_text_range(i, 1).isspace()]
    label = (min(b[0] for b in boxes), min(b[1] for b in boxes),
             max(b[2] for b in boxes), max(b[3] for b in boxes))
    dashed = []
    for thing in page.get_objects(max_depth=8):
        if (thing.type == pdfium.raw.FPDF_PAGEOBJ_PATH
                and pdfium.raw.FPDFPageObj_GetDashCount(thing.raw) > 0):
            dashed.append(thing.get_bounds())
    box, = (b for b in dashed if b[0] < label[2] and label[0] < b[2])
    assert box[0] <= label[0] and label[2] <= box[2]
    assert box[1] <= label[1] and label[3] <= box[3], (box, label)
