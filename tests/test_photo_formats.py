"""A clinic's photos as websites and old programs save them (a .webp, a .gif, a .bmp, on
their own or inside an SVG), a photo cut short, and the web app's thumbnail addresses
after an upgrade: each printed or said as a person would expect, read back from the PDF,
from `check` and from the web app. The pictures are made here, at test time."""

from __future__ import annotations

import hashlib
import io
import re
import shutil

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

import handouts as api
from conftest import WEB_LIBRARY
from test_photo_colours import printed_photos

RED, BLUE = (220, 30, 30), (30, 30, 220)


def saved(image, kind: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def web_photos() -> dict[str, bytes]:
    """What a clinic's staff save from websites: a WebP whose left half is transparent, an
    animated GIF (its first frame red, then blue, then green), and an old program's BMP
    (blue); each 800 × 600, enough pixels to print sharp."""
    webp = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    ImageDraw.Draw(webp).rectangle([400, 0, 799, 599], fill=(*RED, 255))
    frames = [Image.new("RGB", (800, 600), colour) for colour in (RED, BLUE, (30, 160, 30))]
    return {"photo.webp": saved(webp, "WEBP", lossless=True),
            "moving.gif": saved(frames[0], "GIF", save_all=True, append_images=frames[1:],
                                duration=200, loop=0),
            "paint.bmp": saved(Image.new("RGB", (800, 600), BLUE), "BMP")}


def near(found, meant, by: int = 24) -> bool:
    return all(abs(a - b) <= by for a, b in zip(found, meant))


def clinic_with(tmp_path, files: dict[str, bytes]):
    """A copy of the web app's test library whose first exercises name ``files`` (written
    into its images/) as their pictures; the library file and those exercises' ids."""
    home = tmp_path / "clinic"
    shutil.copytree(WEB_LIBRARY, home)
    lib = home / "exercises.yaml"
    text = lib.read_text(encoding="utf-8")
    shipped = re.findall(r"image: images/([a-z_]+)\.svg\n", text)
    for name, exercise in zip(files, shipped):
        (home / "images" / name).write_bytes(files[name])
        text = text.replace(f"image: images/{exercise}.svg\n", f"image: images/{name}\n", 1)
    lib.write_text(text, encoding="utf-8")
    return lib, shipped[:len(files)]


def app_for(lib, tmp_path):
    from handouts.web import create_app
    from test_web import Browser

    ws = api.open_workspace(lib, lib.parent / "clinic.yaml")
    return Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))


def test_a_webp_gif_or_bmp_photo_prints_as_it_looks_in_check_build_and_the_web_app(tmp_path):
    """`image: images/photo.webp` (or .gif, .bmp) was refused ('".webp" is not a picture
    type we use; use .svg, .png or .jpg') by check, build and the web app, though the very
    same file renamed .jpg printed. Now each prints as it looks: the WebP's transparent half
    white, as on paper, and the animated GIF's first frame, which `check` says."""
    from handouts.cli import main
    from handouts.web.pictures import unprinted
    from test_web_pictures import thumbs

    files = web_photos()
    lib, ids = clinic_with(tmp_path, files)
    home = lib.parent
    result = CliRunner().invoke(main, ["--home", str(home), "check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # no error, and one warning: paper shows a moving picture's first frame alone
    said = [line for line in result.output.splitlines() if "images/" in line]
    number = lib.read_text().splitlines().index("  image: images/moving.gif") + 1
    assert said == [f'warning: {lib}:{number}: exercises[{ids[1]}].image: "images/moving.gif":'
                    " it moves (3 frames), and a handout prints only its first; check that "
                    "the first shows the exercise, or save the frame that does as a PNG"]

    ws = api.open_workspace(lib, home / "clinic.yaml")
    made = api.build_handout(api.program_from_options(ws, patient="Ada Example",
                                                      exercises=ids), ws)
    assert not made.warnings, made.warnings
    # each photo's left and right halves as printed: the WebP's transparent half white, as
    # on paper; the GIF's first frame, red; the BMP blue
    printed = sorted((photo.getpixel((photo.width // 4, photo.height // 2)),
                      photo.getpixel((photo.width * 3 // 4, photo.height // 2)))
                     for photo in printed_photos(made.pdf))
    meant = sorted([((255, 255, 255), RED), (RED, RED), (BLUE, BLUE)])
    assert len(printed) == 3
    assert all(near(a, c) and near(b, d) for (a, b), (c, d) in zip(printed, meant)), printed

    b = app_for(lib, tmp_path)
    shown = thumbs(b.get("/").get_data(as_text=True))
    for name, exercise in zip(files, ids):
        assert unprinted(home / "images" / name) is None
        answer = b.client.get(shown[exercise].replace("&amp;", "&"))
        assert answer.status_code == 200 and answer.mimetype == "image/jpeg", name
        thumb = Image.open(io.BytesIO(answer.data)).convert("RGB")
        assert thumb.size == (240, 180)
        assert near(thumb.getpixel((180, 90)), BLUE if name == "paint.bmp" else RED), name
        if name == "photo.webp":
            assert thumb.getpixel((60, 90)) == pytest.approx((255, 255, 255), abs=6)


def test_a_jfif_photo_prints_as_a_jpg_does_in_check_build_and_the_web_app(tmp_path):
    """Chrome on Windows saves a JPEG as photo.jfif: it was refused by its name ('".jfif"
    is not a picture type we use'), though renamed .jpg the same file printed."""
    from handouts.cli import main
    from handouts.web.pictures import unprinted
    from test_web_pictures import thumbs

    files = {"photo.jfif": saved(Image.new("RGB", (800, 600), BLUE), "JPEG", quality=95)}
    lib, ids = clinic_with(tmp_path, files)
    home = lib.parent
    result = CliRunner().invoke(main, ["--home", str(home), "check"], catch_exceptions=False)
    assert result.exit_code == 0 and "photo.jfif" not in result.output, result.output

    ws = api.open_workspace(lib, home / "clinic.yaml")
    made = api.build_handout(api.program_from_options(ws, patient="Ada Example",
                                                      exercises=ids), ws)
    assert not made.warnings, made.warnings
    [photo] = printed_photos(made.pdf)
    assert near(photo.getpixel((photo.width // 2, photo.height // 2)), BLUE)

    assert unprinted(home / "images" / "photo.jfif") is None
    shown = thumbs(app_for(lib, tmp_path).get("/").get_data(as_text=True))
    answer = app_for(lib, tmp_path).client.get(shown[ids[0]].replace("&amp;", "&"))
    assert answer.status_code == 200 and answer.mimetype == "image/jpeg"
    assert near(Image.open(io.BytesIO(answer.data)).convert("RGB").getpixel((120, 90)), BLUE)


def test_a_photo_cut_short_is_said_to_be_damaged_not_of_another_kind(tmp_path):
    """A JPEG cut short after 300 bytes (a copy stopped part way) was "not a picture this
    can read (a PNG or JPEG, or an SVG)": the clinic was told it was not a JPEG, though
    it starts as one. A file that starts as a PNG, JPEG, GIF or WEBP does is now "damaged
    or cut short", in check, build and, from the first page, the web app."""
    from test_web_pictures import thumbs

    noise = Image.effect_noise((400, 300), 50).convert("RGB")
    files = {"cut.jpg": saved(noise, "JPEG")[:300], "cut.png": saved(noise, "PNG")[:40],
             "cut.gif": saved(noise, "GIF")[:300], "cut.webp": saved(noise, "WEBP")[:300]}
    lib, ids = clinic_with(tmp_path, files)
    damaged = ("a picture that is damaged or cut short; open it in a picture program and "
               "save it again as a PNG or JPEG")
    problems = [str(p) for p in api.library_picture_problems(lib)]
    assert len(problems) == len(files), problems
    for name in files:
        line, = (p for p in problems if f'"images/{name}": ' in p)
        assert damaged in line, line

    ws = api.open_workspace(lib, lib.parent / "clinic.yaml")
    made = api.build_handout(api.program_from_options(ws, patient="Ada Example",
                                                      exercises=ids), ws)
    for name in files:
        assert any(f"images/{name}: {damaged}; exercise " in w for w in made.warnings), \
            (name, made.warnings)

    shown = thumbs(app_for(lib, tmp_path).get("/").get_data(as_text=True))
    assert [shown[exercise] for exercise in ids] == \
        ["Picture cannot be shown: damaged"] * len(files)


def test_a_thumbnail_made_another_way_since_an_upgrade_has_a_new_address(tmp_path,
                                                                         monkeypatch):
    """A thumbnail's address was versioned by its file alone (size, time, inode), and the
    browser keeps it a year: after the upgrade that made thumbnails upright, in sRGB and on
    white, a browser went on showing the old one, sideways or black, for the same file. The
    version now carries how thumbnails are made (THUMB_FORMAT)."""
    from handouts.web import pictures

    lib, ids = clinic_with(tmp_path, {"photo.png": saved(Image.new("RGB", (800, 600), RED),
                                                         "PNG")})
    path = lib.parent / "images" / "photo.png"
    b = app_for(lib, tmp_path)

    def address() -> str:
        from test_web_pictures import thumbs

        return thumbs(b.get("/").get_data(as_text=True))[ids[0]].replace("&amp;", "&")

    now = address()
    # the address the versions before this one gave the same file
    info = path.stat()
    before = hashlib.blake2s(repr((info.st_size, info.st_mtime_ns, info.st_ino)).encode(),
                             digest_size=6).hexdigest()
    assert now.endswith("?v=" + pictures.version(pictures.picture_stamp(path)))
    assert f"v={before}" not in now
    answer = b.client.get(now)
    assert "max-age=31536000" in answer.headers["Cache-Control"]
    # the next change to how thumbnails are made: a new address again, and the old one is
    # checked each time
    monkeypatch.setattr(pictures, "THUMB_FORMAT", pictures.THUMB_FORMAT + 1)
    assert address() != now
    assert b.client.get(now).headers["Cache-Control"] == "no-cache"


def test_a_webp_or_gif_inside_an_svg_prints_as_one_beside_it_does(library_copy, tmp_path):
    """A WEBP, GIF or BMP embedded in an SVG (data:image/webp;base64,...) was handed to
    svglib, which looks for a file of that name: the bitmap was left out, and an SVG of
    nothing else was "an SVG drawing that draws nothing". It is opened as the same photo
    beside the SVG is."""
    import base64

    from test_clinic_pictures import SVG, built, forms

    def inside(kind: str, mime: str) -> bytes:
        data = base64.b64encode(saved(Image.new("RGB", (300, 200), BLUE), kind)).decode()
        return (f'<svg {SVG} width="300" height="200"><image width="300" height="200" '
                f'href="data:image/{mime};base64,{data}"/></svg>').encode()

    files = {"web.svg": inside("WEBP", "webp"), "clip-art.svg": inside("GIF", "gif"),
             "paint.svg": inside("BMP", "bmp")}
    made = built(library_copy, tmp_path, files)
    assert not made.warnings, made.warnings
    bitmaps = [Image.open(io.BytesIO(image.get_object().get_data())).convert("RGB")
               for _, resources in forms(made.pdf)
               for image in (resources.get("/XObject") or {}).values()
               if image.get_object().get("/Subtype") == "/Image"]
    assert len(bitmaps) == len(files)
    assert all(near(b.getpixel((b.width // 2, b.height // 2)), BLUE) for b in bitmaps)
