"""A clinic's photos as cameras, phones and stock sites make them, printed and shown as they
look: colours in another space than sRGB (a camera's Adobe RGB, an iPhone's Display P3),
said by the ICC profile inside the file, and, in the web app's list of exercises, a phone's
photo upright and a PNG's transparent parts white. Read back from the PDF and from the
thumbnail the web app sends. The pictures and profiles are made here, at test time."""

from __future__ import annotations

import io
import shutil
import struct

import pytest
from PIL import Image, ImageCms, ImageDraw

import handouts as api
from conftest import WEB_LIBRARY, reader

# what each quarter of the test photo is, in sRGB
QUARTERS = {"red": (255, 0, 0), "green": (0, 255, 0), "blue": (0, 0, 255),
            "skin": (224, 172, 105)}
# each space's primaries as XYZ (adapted to D50), as in Adobe's and Apple's own profiles
SPACES = {"Adobe RGB (1998)": ((0.6097, 0.3111, 0.0195), (0.2053, 0.6257, 0.0609),
                               (0.1492, 0.0632, 0.7446)),
          "Display P3": ((0.5151, 0.2412, -0.0011), (0.2920, 0.6922, 0.0419),
                         (0.1571, 0.0666, 0.7841))}


def icc_profile(name: str) -> bytes:
    """A matrix/TRC ICC profile (version 2) of the RGB space ``name`` of SPACES, gamma 2.2:
    what a camera or a phone puts inside its photos."""
    def s15(x):
        return struct.pack(">i", round(x * 65536))

    def xyz(x, y, z):
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    described = name.encode() + b"\0"
    tags = [(b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(described)) + described
             + bytes(79)),
            (b"cprt", b"text\0\0\0\0none\0"), (b"wtpt", xyz(0.9642, 1.0, 0.8249))]
    tags += [(tag, xyz(*primary)) for tag, primary in zip((b"rXYZ", b"gXYZ", b"bXYZ"),
                                                          SPACES[name])]
    tags += [(tag, b"curv\0\0\0\0" + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0")
             for tag in (b"rTRC", b"gTRC", b"bTRC")]
    start, table, body = 128 + 4 + 12 * len(tags), b"", b""
    for tag, data in tags:
        body += bytes(-len(body) % 4)
        table += tag + struct.pack(">II", start + len(body), len(data))
        body += data
    header = (struct.pack(">I", start + len(body)) + b"lcms" + bytes([2, 0x10, 0, 0])
              + b"mntrRGB XYZ " + bytes(12) + b"acsp" + b"APPL" + bytes(24)
              + s15(0.9642) + s15(1.0) + s15(0.8249) + bytes(48))
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


def quarters() -> Image.Image:
    """A photo of four colours, one a quarter, in sRGB."""
    image = Image.new("RGB", (800, 600))
    draw = ImageDraw.Draw(image)
    for i, colour in enumerate(QUARTERS.values()):
        x, y = 400 * (i % 2), 300 * (i // 2)
        draw.rectangle([x, y, x + 399, y + 299], fill=colour)
    return image


def saved_in(space: str, kind: str, image: Image.Image | None = None) -> bytes:
    """The photo's pixels as a camera saving in ``space`` writes them, with its profile."""
    profile = icc_profile(space)
    srgb = ImageCms.createProfile("sRGB")
    image = ImageCms.profileToProfile(image or quarters(), srgb,
                                      ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                      outputMode="RGB")
    out = io.BytesIO()
    image.save(out, kind, icc_profile=profile, **({"quality": 95} if kind == "JPEG" else {}))
    return out.getvalue()


def handout_with(library_copy, folder, files: dict[str, bytes], layout: str = "standard"):
    """A handout of the library copy's first exercises, each given one of ``files`` (name
    → content, written into its images/) as its picture; built with no warning."""
    ids: list[str] = []

    def use(data):
        for exercise, name in zip(data["exercises"], files):
            exercise["image"] = f"images/{name}"
            ids.append(exercise["id"])

    ws = library_copy("exercises.yaml", use)
    for name, content in files.items():
        (folder / "images" / name).write_bytes(content)
    made = api.build_handout(api.program_from_options(ws, patient="Ada Example",
                                                      exercises=ids, layout=layout), ws)
    assert not made.warnings, made.warnings
    return made


def printed_photos(pdf: bytes) -> list[Image.Image]:
    """Every bitmap the PDF prints, in colour, as Pillow reads it back from the PDF; each
    is a JPEG the PDF says is plain RGB or grey (no profile of its own)."""
    found = []
    for page in reader(pdf).pages:
        for item in (page["/Resources"].get("/XObject") or {}).values():
            item = item.get_object()
            if item.get("/Subtype") == "/Image":
                assert item["/ColorSpace"] in ("/DeviceRGB", "/DeviceGray")
                found.append(Image.open(io.BytesIO(item.get_data())).convert("RGB"))
    return found


def colours_of(photo: Image.Image) -> dict[str, tuple[int, ...]]:
    """The colour at the middle of each quarter."""
    return {name: photo.getpixel((photo.width * (1 + 2 * (i % 2)) // 4,
                                  photo.height * (1 + 2 * (i // 2)) // 4))
            for i, name in enumerate(QUARTERS)}


def near(found: tuple[int, ...], meant: tuple[int, ...]) -> bool:
    """Within what a JPEG's rounding, twice over, makes of a colour (without the profile
    followed, Adobe RGB's green printed 144 off, Display P3's 117)."""
    return all(abs(a - b) <= 16 for a, b in zip(found, meant))


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_a_photo_in_adobe_rgb_or_display_p3_prints_its_own_colours(library_copy, tmp_path,
                                                                   layout):
    """A PDF's pixels are taken as sRGB: a photo whose ICC profile says Adobe RGB (a
    camera's, a stock site's) or Display P3 (an iPhone's) had its profile dropped, so its
    colours printed dull and shifted (Adobe RGB's pure green as 144, 255, 60, its red as
    218, 0, 0)."""
    made = handout_with(library_copy, tmp_path, {
        "camera.jpg": saved_in("Adobe RGB (1998)", "JPEG"),
        "phone.jpg": saved_in("Display P3", "JPEG"),
        "stock.png": saved_in("Adobe RGB (1998)", "PNG")}, layout)
    printed = printed_photos(made.pdf)
    assert len(printed) == 3
    for photo in printed:
        found = colours_of(photo)
        assert all(near(found[name], meant) for name, meant in QUARTERS.items()), found


def test_a_profile_that_cannot_be_used_leaves_the_photo_as_it_is(library_copy, tmp_path):
    """A damaged profile, or one for other pixels (an RGB profile in a grey photo), is
    passed over: the photo prints with its pixels as they are, and nothing is said."""
    out = io.BytesIO()
    quarters().save(out, "JPEG", quality=95, icc_profile=b"not a profile" * 20)
    grey = io.BytesIO()
    quarters().convert("L").save(grey, "PNG", icc_profile=icc_profile("Display P3"))
    made = handout_with(library_copy, tmp_path, {"damaged.jpg": out.getvalue(),
                                                 "grey.png": grey.getvalue()})
    # the grey one told by its colours (the order of a page's pictures is not the cards')
    grey_printed, damaged = sorted(printed_photos(made.pdf),
                                   key=lambda photo: len(set(colours_of(photo)["red"])))
    found = colours_of(damaged)
    assert all(near(found[name], meant) for name, meant in QUARTERS.items()), found
    assert near(colours_of(grey_printed)["green"], (150, 150, 150))


def phone_photo() -> bytes:
    """A photo taken with the phone on its side: its pixels as the sensor saw them, turned
    a quarter, and EXIF orientation 6 (turn it a quarter clockwise to look at it)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    quarters().transpose(Image.Transpose.ROTATE_90).save(out, "JPEG", quality=95,
                                                        exif=exif.tobytes())
    return out.getvalue()


def clip_art() -> bytes:
    """A dark figure on a transparent background, whose pixels there are black."""
    image = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle([350, 100, 450, 500], fill=(40, 40, 40, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_the_web_app_s_thumbnails_show_a_photo_as_it_prints(tmp_path):
    """The list of exercises showed a phone's photo on its side (its EXIF orientation was
    not followed), a transparent PNG as a black square (its transparent pixels' own
    black), and a camera's Adobe RGB photo in dull colours, though each printed right."""
    from test_web import Browser
    from test_web_pictures import thumbs

    from handouts.web import create_app

    home = tmp_path / "clinic"
    shutil.copytree(WEB_LIBRARY, home)
    files = {"bridge": ("images/phone.jpg", phone_photo()),
             "cat_camel": ("images/clip-art.png", clip_art()),
             "child_pose": ("images/camera.jpg", saved_in("Adobe RGB (1998)", "JPEG"))}
    lib = home / "exercises.yaml"
    text = lib.read_text(encoding="utf-8")
    for exercise, (name, content) in files.items():
        (home / name).write_bytes(content)
        assert f"image: images/{exercise}.svg" in text
        text = text.replace(f"image: images/{exercise}.svg", f"image: {name}", 1)
    lib.write_text(text, encoding="utf-8")
    ws = api.open_workspace(lib, home / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    shown = thumbs(b.get("/").get_data(as_text=True))

    def thumbnail(exercise):
        answer = b.client.get(shown[exercise].replace("&amp;", "&"))
        assert answer.status_code == 200
        return Image.open(io.BytesIO(answer.data)).convert("RGB")

    phone = thumbnail("bridge")
    assert phone.size == (240, 180)  # upright: as wide as the photo is
    found = colours_of(phone)
    assert all(near(found[name], meant) for name, meant in QUARTERS.items()), found
    art = thumbnail("cat_camel")
    assert art.getpixel((10, 10)) == (255, 255, 255)  # the background white, as on paper
    assert art.getpixel((120, 90))[0] < 60  # and the figure dark
    found = colours_of(thumbnail("child_pose"))
    assert all(near(found[name], meant) for name, meant in QUARTERS.items()), found
