"""A clinic's own pictures that could do harm, cost the therapist's wait, or print blank
without a word: each refused or warned about in one line, read back from the PDF and from
`check`. The pictures are made here, at test time."""

from __future__ import annotations

import base64
import io

import pytest

import handouts as api
from test_clinic_pictures import SVG, built, photos_in


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
