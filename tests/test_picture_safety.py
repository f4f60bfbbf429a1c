"""A clinic's own pictures that could do harm, cost the therapist's wait, or print blank
without a word: each refused or warned about in one line, read back from the PDF and from
`check`. The pictures are made here, at test time."""

from __future__ import annotations

import base64
import io
import re

import pytest

import handouts as api
from test_clinic_pictures import SVG, built, photos_in, with_pictures


def saved(image, kind: str) -> bytes:
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


@pytest.fixture
def ghostscript(monkeypatch):
    """Ghostscript as Pillow would run it to open an EPS (where it is installed): each run
    recorded, and a red picture made, as the real one would draw the file."""
    from PIL import EpsImagePlugin, Image

    ran = []

    def run(tile, size, fp, scale=1, transparency=False):
        ran.append(size)
        return Image.new("RGB", size, "red").im

    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", run)
    return ran


def test_only_a_png_jpeg_gif_webp_or_bmp_is_opened_whatever_its_name(library_copy, tmp_path,
                                                                    ghostscript):
    """Pillow opened any of the forty-odd formats it knows under a .png or .jpg name: an
    EPS by running Ghostscript on what it holds (a known way in for an attacker), and a
    bitmap inside an SVG the same way; a HEIC photo from an iPhone was only "not a picture
    this can read". Now only the formats that print as they look are opened, and a file
    of another known kind is told what it is and what to do."""
    from PIL import Image

    red = Image.new("RGB", (300, 200), "red")
    eps = saved(red, "EPS")
    files = {
        "drawing.png": eps,
        "phone.jpg": b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 2000,
        "scan.jpg": saved(red, "TIFF"),
        "inside.svg": (f'<svg {SVG} width="300" height="200"><image width="300" height="200" '
                       f'href="data:image/png;base64,{base64.b64encode(eps).decode()}"/>'
                       "</svg>").encode(),
        "web.png": saved(red, "WEBP"),
        "clip-art.png": saved(red, "GIF"),
        "paint.png": saved(red, "BMP"),
    }
    made = built(library_copy, tmp_path, files)
    assert not ghostscript
    said = {name: w for name in files for w in made.warnings if f"images/{name}: " in w}
    assert sorted(said) == ["drawing.png", "inside.svg", "phone.jpg", "scan.jpg"]
    assert len(made.warnings) == 4
    assert "an EPS or PostScript file, which this cannot read" in said["drawing.png"]
    assert "a picture inside it: an EPS or PostScript file" in said["inside.svg"]
    assert "a HEIC photo (an iPhone's)" in said["phone.jpg"]
    assert "send it from the phone as a JPEG" in said["phone.jpg"]
    assert "a TIFF picture" in said["scan.jpg"]
    printed = photos_in(made.pdf)  # the WEBP, the GIF and the BMP, each red as it looks
    assert len(printed) == 3
    for photo in printed:
        assert abs(photo.getpixel((photo.width // 2, photo.height // 2)) - 76) <= 3
    problems = [str(p) for p in api.library_picture_problems(tmp_path / "exercises.yaml")]
    assert len(problems) == 4
    for name, warning in said.items():
        line, = (p for p in problems if f'"images/{name}": ' in p)
        assert warning.split(f"images/{name}: ")[1].split("; exercise ")[0] in line
    assert not ghostscript


def test_a_picture_named_heic_or_tiff_is_told_what_it_is_and_what_to_do(library_copy,
                                                                        tmp_path):
    """An iPhone's photo copied as it is (IMG_0001.HEIC) was '".heic" is not a picture
    type we use; use .svg, .png or .jpg', in check, build and the web app: nothing of how
    to make a JPEG of it, and renamed .jpg it was refused again. It is now told as the
    same photo under a .jpg name is: what it is, and how to send it as a JPEG."""
    from pathlib import Path

    from PIL import Image

    from handouts.web.pictures import unprinted

    red = Image.new("RGB", (300, 200), "red")
    files = {"IMG_0001.HEIC": b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 2000,
             "scan.tif": saved(red, "TIFF"), "page.pdf": b"%PDF-1.7\n",
             "photo.jxl": saved(red, "JPEG")}
    heic = ("a HEIC photo (an iPhone's), which this cannot read; send it from the phone as "
            "a JPEG (iPhone: Settings, Camera, Formats, Most Compatible, for photos taken "
            "from then on), or open it in a picture program and save it again as a JPEG")
    said = {"IMG_0001.HEIC": heic,
            "scan.tif": ("a TIFF picture (a scanner's?), which this cannot read; open it in "
                         "a picture program and save it again as a PNG or JPEG"),
            "page.pdf": "a PDF, which this cannot read; export the page as a PNG or JPEG",
            "photo.jxl": '".jxl" is not a picture type we use; use .svg, .png or .jpg '
                           "(a .gif, .webp or .bmp prints too)"}
    made = built(library_copy, tmp_path, files)
    for name, why in said.items():
        assert any(f"images/{name}: {why}; exercise " in w for w in made.warnings), \
            (name, made.warnings)
        assert str(unprinted(Path(f"images/{name}"))) == why
    problems = [str(p) for p in api.library_picture_problems(tmp_path / "exercises.yaml")]
    assert len(problems) == 4
    for name, why in said.items():
        line, = (p for p in problems if f'"images/{name}": ' in p)
        assert f'"images/{name}": {why} (' in line


def test_the_web_app_s_thumbnail_opens_no_other_format(tmp_path, ghostscript):
    """The web app's thumbnail of a photo opened it with Pillow as the handout did, any
    format, an EPS named .png by running Ghostscript."""
    import shutil

    from PIL import Image

    from handouts.web import create_app
    from test_web import LIBRARY, Browser

    folder = tmp_path / "library"
    shutil.copytree(LIBRARY, folder)
    (folder / "images" / "bridge.png").write_bytes(saved(Image.new("RGB", (300, 200)), "EPS"))
    lib = folder / "exercises.yaml"
    lib.write_text(lib.read_text().replace("image: images/bridge.svg",
                                           "image: images/bridge.png"))
    ws = api.open_workspace(lib, folder / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "p", record=lambda *a: ()))
    assert b.client.get("/images/bridge").status_code == 404
    assert not ghostscript


def test_the_web_app_s_thumbnail_keeps_the_handout_s_pixel_limit(tmp_path):
    """A PNG of more pixels than a handout takes (photos.MAX_PIXELS: check and build refuse
    it) was decoded whole for the web app's list of exercises: 30 million pixels, 30 MB of
    memory for a grey one, four times that in colour, on every cold request."""
    import io
    import shutil

    from PIL import Image

    from handouts.render.photos import MAX_PIXELS
    from handouts.web import create_app
    from test_web import LIBRARY, Browser

    folder = tmp_path / "library"
    shutil.copytree(LIBRARY, folder)
    lib = folder / "exercises.yaml"
    lib.write_text(lib.read_text().replace("image: images/bridge.svg",
                                           "image: images/bridge.png"))
    huge = (6000, 5000)
    assert huge[0] * huge[1] > MAX_PIXELS
    (folder / "images" / "bridge.png").write_bytes(saved(Image.new("L", huge), "PNG"))
    ws = api.open_workspace(lib, folder / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "p", record=lambda *a: ()))
    assert b.client.get("/images/bridge").status_code == 404
    # a photo within the limit still gets its thumbnail
    (folder / "images" / "bridge.png").write_bytes(saved(Image.new("RGB", (1200, 900)), "PNG"))
    b = Browser(create_app(ws, programs_dir=tmp_path / "p2", record=lambda *a: ()))
    got = b.client.get("/images/bridge")
    assert got.status_code == 200 and got.mimetype == "image/jpeg"
    assert Image.open(io.BytesIO(got.data)).size == (240, 180)


def test_an_svg_too_big_to_draw_in_good_time_is_refused_before_svglib_reads_it(
        library_copy, tmp_path):
    """An SVG of 60,000 tiny paths took svglib 27 s and 307 MB (build, 32 s, while the
    therapist waited); eight levels of ten <use>s each (a "<use> bomb") 6 s; 5,000 nested
    groups printed blank. Each is counted (every copy a <use> makes) before svglib reads
    it: one line from check, a placeholder and a warning from build. A detailed drawing
    under the limit still prints."""
    paths = "".join(f'<path d="M{i % 300} {i // 300} l3 3" stroke="#000"/>'
                    for i in range(21_000))
    bomb = '<g id="l0"><rect width="1" height="1"/></g>' + "".join(
        f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, 9))
    detailed = "".join(f'<path d="M{i % 300} {i // 60 % 200} l3 3" stroke="#000"/>'
                       for i in range(1_500))
    files = {
        "many.svg": f'<svg {SVG} width="300" height="200">{paths}</svg>',
        "bomb.svg": f'<svg {SVG} width="300" height="200"><defs>{bomb}</defs>'
                    '<use href="#l8"/></svg>',
        "deep.svg": f'<svg {SVG} width="300" height="200">' + "<g>" * 5000
                    + '<rect width="100" height="100"/>' + "</g>" * 5000 + "</svg>",
        "detailed.svg": f'<svg {SVG} width="300" height="200">{detailed}</svg>',
    }
    made = built(library_copy, tmp_path, {k: v.encode() for k, v in files.items()})
    said = {name: w for name in files for w in made.warnings if f"images/{name}: " in w}
    assert sorted(said) == ["bomb.svg", "deep.svg", "many.svg"], made.warnings
    for name in ("many.svg", "bomb.svg"):
        assert "an SVG drawing of more than 20,000 shapes (counting each copy a <use> " \
               "makes)" in said[name]
        assert "placeholder" in said[name]
    assert "groups nested more than 100 deep" in said["deep.svg"]
    problems = [str(p) for p in api.library_picture_problems(tmp_path / "exercises.yaml")]
    assert len(problems) == 3
    for name, warning in said.items():
        line, = (p for p in problems if f'"images/{name}": ' in p)
        assert warning.split(f"images/{name}: ")[1].split("; exercise ")[0] in line
    from test_clinic_pictures import forms
    drawn = [content for content, _ in forms(made.pdf) if content.count(" l") > 1_000]
    assert len(drawn) == 1  # the detailed drawing, its 1,500 lines


def test_an_svg_that_draws_nothing_is_said_to(library_copy, tmp_path):
    """A "billion laughs" SVG (its entities are not expanded), one that names a file of the
    computer in an entity (not read), and a <use> that shows only itself were refused
    safely, but each printed a blank box without a word. Now each is one line from check
    ("draws nothing"), and a placeholder and a warning from build; the file's words are
    in neither."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Sesame")
    laughs = "".join(f'<!ENTITY {b} "' + f"&{a};" * 10 + '">'
                     for a, b in zip("abcdefgh", "bcdefghi"))
    files = {
        "laughs.svg": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
                      f'{laughs}]><svg {SVG} width="200" height="100">'
                      '<text x="10" y="50">&i;</text></svg>',
        "entity.svg": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM '
                      f'"file://{secret}">]><svg {SVG} width="200" height="100">'
                      '<text x="10" y="50">&xxe;</text></svg>',
        "itself.svg": f'<svg {SVG} width="200" height="100"><g id="a"><use href="#a"/>'
                      "</g></svg>",
        "line.svg": f'<svg {SVG} width="200" height="100"><line x1="10" y1="50" x2="190" '
                    'y2="50" stroke="#000" stroke-width="3"/></svg>',
    }
    made = built(library_copy, tmp_path, {k: v.encode() for k, v in files.items()})
    said = {name: w for name in files for w in made.warnings if f"images/{name}: " in w}
    assert sorted(said) == ["entity.svg", "itself.svg", "laughs.svg"], made.warnings
    for warning in said.values():
        assert "an SVG drawing that draws nothing" in warning and "placeholder" in warning
    from conftest import reader
    assert "Sesame" not in "".join(page.extract_text() for page in reader(made.pdf).pages)
    problems = [str(p) for p in api.library_picture_problems(tmp_path / "exercises.yaml")]
    assert len(problems) == 3
    assert all("draws nothing" in p and "Sesame" not in p for p in problems)


def test_check_warns_of_a_picture_that_prints_but_not_well(tmp_path):
    """Each printed without a word: an Inkscape arrow without its head (svglib does not
    draw SVG markers), so its direction was lost; a small drawing on Inkscape's A4 page,
    printed tiny; a 500 × 4000 photo printed as a strip 0.2 inch wide and a 6000 × 800
    panorama as a thin strip; an 80 × 60 photo at under 40 dots an inch. `check` warns of
    each in one line, at the line of its image:, and says what to do; it is still no
    problem (exit status 0), and a picture that prints well is not warned about."""
    import shutil

    from click.testing import CliRunner
    from PIL import Image

    from conftest import ROOT
    from handouts.cli import main

    home = tmp_path / "clinic"
    shutil.copytree(ROOT / "examples" / "dublin-shoulder", home)
    inkscape = ('<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" '
                'viewBox="0 0 210 297"><g><rect style="fill:#f00;stroke:#000" width="50" '
                'height="50" x="20" y="20"/></g></svg>')
    arrow = (f'<svg {SVG} width="200" height="100"><defs><marker id="head" markerWidth="10" '
             'markerHeight="10" refX="5" refY="5" orient="auto"><path d="M0,0 L10,5 L0,10 z"/>'
             '</marker></defs><rect width="200" height="100" fill="#eee"/><path d="M10,50 '
             'H180" stroke="#000" stroke-width="3" style="marker-end:url(#head)"/></svg>')
    files = {"arrow.svg": arrow.encode(), "a4-page.svg": inkscape.encode(),
             "tall.jpg": saved(Image.new("RGB", (500, 4000), "#68a"), "JPEG"),
             "panorama.jpg": saved(Image.new("RGB", (6000, 800), "#68a"), "JPEG"),
             "tiny.png": saved(Image.new("RGB", (80, 60), "#68a"), "PNG"),
             "fine.jpg": saved(Image.new("RGB", (1200, 900), "#68a"), "JPEG")}
    library = home / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    # the example clinic's six pictures, its drawings (figure files) among them
    pictures = re.findall(r"image: (images/\S+\.(?:svg|jpg|figure\.yaml))", text)
    assert len(pictures) >= len(files)
    for (name, content), old in zip(files.items(), pictures):
        (home / "images" / name).write_bytes(content)
        text = text.replace(f"image: {old}\n", f"image: images/{name}\n", 1)
    library.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(home), "check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if '.image: "images/' in line]
    said = {name: line for name in files for line in warned if f'"images/{name}": ' in line}
    assert sorted(said) == sorted(set(files) - {"fine.jpg"}) and len(warned) == 5, warned
    for name, line in said.items():
        number = text.splitlines().index(f"  image: images/{name}") + 1
        assert line.startswith(f"warning: {library}:{number}: exercises["), line
    assert "arrowheads (SVG markers) are not drawn" in said["arrow.svg"]
    assert "Stroke to Path" in said["arrow.svg"]
    assert "prints at 17% of the size it could" in said["a4-page.svg"]
    assert "Resize page to drawing" in said["a4-page.svg"]
    assert "tall and narrow (8 times as tall as it is wide), so it prints as a strip " \
           "0.2 inch (5.1 mm) wide and 1.6 inch" in said["tall.jpg"]
    assert "wide and low (7.5 times as wide as it is tall), so it prints as a strip 2.3 inch" \
        in said["panorama.jpg"]
    assert "only 80 × 60 pixels, so it prints blurred (about 37 dots an inch on a card, 20 " \
           "in large print); use a picture of at least 600 × 450 pixels" in said["tiny.png"]


def test_a_huge_photo_is_refused_without_a_warning_while_another_thread_leaves_its_own():
    """photos.pixel_limit made Pillow's DecompressionBombWarning an error inside
    warnings.catch_warnings, which swaps the process's one list of filters: in the web app
    a thread leaving its own catch_warnings (another request's photo) while this one opened
    a huge PNG put the list back without that error, so the warning went to the server's
    stderr and the photo was decoded whole and printed. Here the two threads' steps are
    taken in that order, in one thread."""
    import warnings

    from PIL import Image

    from handouts.render import photos

    huge = saved(Image.new("L", (6000, 5000)), "PNG")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("default")  # as a server shows them: on stderr
        other = warnings.catch_warnings()
        other.__enter__()  # the other thread enters its catch_warnings ...
        with pytest.raises(photos.Unreadable) as refused, photos.pixel_limit():
            other.__exit__(None, None, None)  # ... and leaves it while this one is inside
            photos.opened(huge).close()  # as a bitmap inside an SVG is opened
    assert refused.value.word == "too large" and "25,000,000 pixels" in str(refused.value)
    assert [str(w.message) for w in seen] == []
    # and a photo within the limit still opens
    with photos.pixel_limit():
        assert photos.opened(saved(Image.new("L", (60, 50)), "PNG")).size == (60, 50)


def hostile_svgs() -> dict[str, bytes]:
    """SVGs a handout refuses in one line: a PNG 60,000 pixels wide inside (30 million
    pixels, 1 GB when decoded), an EPS under a PNG's name inside (Pillow would run
    Ghostscript on it), 60,000 paths (svglib: 27 s)."""
    from PIL import Image

    def inside(data: bytes) -> bytes:
        return (f'<svg {SVG} width="300" height="200"><image width="300" height="200" '
                f'href="data:image/png;base64,{base64.b64encode(data).decode()}"/>'
                "</svg>").encode()

    paths = "".join(f'<path d="M{i % 300} {i // 300} l3 3" stroke="#000"/>'
                    for i in range(60_000))
    return {"wide.svg": inside(saved(Image.new("1", (60_000, 500)), "PNG")),
            "eps.svg": inside(saved(Image.new("RGB", (300, 200), "red"), "EPS")),
            "many.svg": f'<svg {SVG} width="300" height="200">{paths}</svg>'.encode()}


HOSTILE_SAID = {
    "wide.svg": "a picture inside it: the picture has more than 25,000,000 pixels",
    "eps.svg": "a picture inside it: an EPS or PostScript file, which this cannot read",
    "many.svg": "an SVG drawing of more than 20,000 shapes",
}


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_draw_reads_an_svg_as_a_handout_does(library_copy, tmp_path, ghostscript, fmt):
    """`draw -o x.png` read a clinic's SVG with svglib's own svg2rlg: a bitmap inside was
    opened by svglib's loader (any format Pillow knows; a PNG of 30 million pixels decoded
    whole, 1 GB), and no count of its shapes kept it from taking half a minute. Now it is
    read as the handouts read it, and refused with the handout's own words, before
    renderPM is asked (so whether or not this computer can make PNGs). An .svg (also what
    a computer without renderPM's backend writes for a .png) was written as it was, though
    no handout would print it: it is read the same way first."""
    from handouts.errors import HandoutError

    ws, ids = with_pictures(library_copy, tmp_path, hostile_svgs())
    for exercise, (name, said) in zip(ids, HOSTILE_SAID.items()):
        with pytest.raises(HandoutError) as refused:
            api.draw_exercise(exercise, ws, fmt)
        message = str(refused.value)
        assert message.startswith(f"{tmp_path / 'images' / name}: {said}"), message
        assert "\n" not in message
    assert not ghostscript


needs_png = pytest.mark.skipif(not api.can_draw_png(),
                               reason="reportlab's renderPM has no backend (rlPyCairo) here")


@needs_png
def test_draw_s_png_of_a_hostile_svg_is_one_line(library_copy, tmp_path, ghostscript):
    from click.testing import CliRunner

    from handouts.cli import main

    _, ids = with_pictures(library_copy, tmp_path, hostile_svgs())
    for exercise, (name, said) in zip(ids, HOSTILE_SAID.items()):
        out = tmp_path / f"{name}.png"
        drawn = CliRunner().invoke(main, ["--home", str(tmp_path), "draw", exercise,
                                          "-o", str(out)])
        assert drawn.exit_code == 1, drawn.output
        assert drawn.stderr.startswith(f"error: {tmp_path / 'images' / name}: {said}")
        assert drawn.stderr.count("\n") == 1 and not out.exists()
    assert not ghostscript


@needs_png
def test_draw_s_png_shows_a_bitmap_inside_an_svg(library_copy, tmp_path):
    """svgs.drawing hands the PDF a bitmap inside an SVG as a JPEG's bytes, which renderPM
    on its own leaves out without a word: the PNG shows it."""
    from click.testing import CliRunner
    from PIL import Image

    from handouts.cli import main

    blue = saved(Image.new("RGB", (50, 50), (0, 0, 255)), "PNG")
    svg = (f'<svg {SVG} width="200" height="100"><rect width="100" height="100" '
           f'fill="#c00"/><image x="100" width="100" height="100" '
           f'href="data:image/png;base64,{base64.b64encode(blue).decode()}"/></svg>')
    _, (exercise,) = with_pictures(library_copy, tmp_path, {"photo-inside.svg": svg.encode()})
    out = tmp_path / "inside.png"
    drawn = CliRunner().invoke(main, ["--home", str(tmp_path), "draw", exercise, "-o",
                                      str(out)])
    assert drawn.exit_code == 0, drawn.output
    png = Image.open(out).convert("RGB")
    assert png.size == (300, 150)  # twice the drawing's 150 × 75 points
    red, inside = png.getpixel((75, 75)), png.getpixel((225, 75))
    assert red[0] > 180 and red[2] < 60, red
    assert inside[2] > 200 and inside[0] < 60, inside


def test_draw_of_a_photo_says_to_open_the_photo(tmp_path):
    """`draw` of an exercise with a photo wrote the JPEG's bytes into the .svg asked for
    (no browser opens it), and for a .png said "not an SVG drawing ... or use a PNG or
    JPEG", which it is."""
    from click.testing import CliRunner

    from conftest import ROOT
    from handouts.cli import main

    home = ROOT / "examples" / "dublin-shoulder"
    photo = home / "images" / "wall_slides.jpg"
    for name in ("wall.svg", "wall.png"):
        drawn = CliRunner().invoke(main, ["--home", str(home), "draw", "wall_slides", "-o",
                                          str(tmp_path / name)])
        said = (f'error: exercise "wall_slides" has a photo, not a drawing: open {photo} to '
                "look at it (draw makes pictures of figure files and SVGs)\n")
        # only that: not first that an .svg is written instead of a .png, where this
        # computer makes none, as nothing is written
        assert drawn.exit_code == 1 and drawn.stderr == said, drawn.stderr
    assert not list(tmp_path.iterdir())
