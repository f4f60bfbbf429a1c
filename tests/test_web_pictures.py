"""The web app's pictures as the clinic's staff see them: a picture that cannot be shown is
said so in its place (not the browser's broken-picture frame), a picture's problem names the
file as the library names it, and a logo or picture replaced shows on the next page while
an unchanged one stays in the browser's cache. Through Flask's test client; the same in
real Chromium is in test_web_browser_pictures.py."""

from __future__ import annotations

import io
import re
import shutil
from html import unescape

import pytest
from PIL import Image

import handouts as api
from handouts.web import create_app

from conftest import WEB_LIBRARY, reader
from test_web import Browser

BROKEN = {
    # exercise: (file it is given, its bytes, the word said in its place)
    "cat_camel": ("images/huge.png", lambda: png(Image.new("L", (6000, 5000))), "too large"),
    "child_pose": ("images/scan.tiff", lambda: png(Image.new("RGB", (40, 30)), "TIFF"),
                   "wrong format"),
    # a web page saved under a picture's name (a JPEG cut short is "damaged": see
    # test_photo_formats)
    "knee_to_chest": ("images/knee.jpg", lambda: b"<!DOCTYPE html><title>404</title>",
                      "not a picture"),
    "pelvic_tilt": ("images/empty.png", lambda: b"", "empty"),
    "belly_breathing": ("images/phone.png", lambda: (b"\0\0\0\x18ftypheic" + bytes(40)),
                        "wrong format"),
    # a drawing is told from the first page on, not once its thumbnail has failed
    "chin_tuck": ("images/cut.svg", lambda: (WEB_LIBRARY / "images" / "chin_tuck.svg"
                                             ).read_bytes()[:200], "damaged"),
    "seated_twist": ("images/twist.figure.yaml", lambda: FIGURE.replace(
        b"base: sitting", b"base: sittin"), "has problems"),
}
# a figure file that draws (the shipped library's own, a made-up pose)
FIGURE = b"""title: Sitting tall on a chair
frames:
  - pose: {base: sitting, surface: chair}
    props: [floor, chair]
"""


def png(image, kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


@pytest.fixture
def clinic(tmp_path):
    """A copy of the web app's test library whose exercises in BROKEN name pictures that
    cannot be shown."""
    home = tmp_path / "clinic"
    shutil.copytree(WEB_LIBRARY, home)
    lib = home / "exercises.yaml"
    text = lib.read_text(encoding="utf-8")
    for exercise, (name, content, _) in BROKEN.items():
        (home / name).write_bytes(content())
        text = text.replace(f"image: images/{exercise}.svg", f"image: {name}", 1)
    lib.write_text(text, encoding="utf-8")
    return home


def app_for(home, tmp_path):
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    return Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))


def thumbs(html: str) -> dict[str, str]:
    """Each library card's picture: its img's address, or the placeholder's label."""
    found = {}
    for card, body in re.findall(r'<li class="card[^"]*" id="card-([a-z_]+)"(.*?)</li>',
                                 html, re.S):
        img = re.search(r'<img class="thumb" src="([^"]+)"', body)
        label = re.search(r'role="img" aria-label="([^"]+)"', body)
        found[card] = img.group(1) if img else unescape(label.group(1)) if label else ""
    return found


def test_a_picture_that_cannot_be_shown_is_said_so_in_its_place(clinic, tmp_path):
    """The library list gave each of these an <img> whose address answered 404, and the
    browser drew its broken-picture frame; a .tiff was even sent as an SVG."""
    b = app_for(clinic, tmp_path)
    html = b.get("/").get_data(as_text=True)
    shown = thumbs(html)
    for exercise, (name, _, word) in BROKEN.items():
        assert shown[exercise] == f"Picture cannot be shown: {word}", exercise
        # the whole line on hover, the file as the library names it, no server path
        title = unescape(re.search(rf'id="card-{exercise}".*?title="([^"]+)"', html,
                                   re.S).group(1))
        assert title.startswith(f"{name}:") and str(tmp_path) not in title
        assert b.client.get(f"/images/{exercise}").status_code == 404
    # the others: their thumbnails, each of which answers with a picture
    for exercise in ("bridge", "wall_angel"):
        answer = b.client.get(shown[exercise].replace("&amp;", "&"))
        assert answer.status_code == 200 and answer.mimetype == "image/svg+xml"
    # a program's own row says it too
    page = b.post("add:cat_camel", {"patient_name": "Ann Example"})
    row = re.search(r'<li class="item".*?</li>', page.get_data(as_text=True), re.S).group(0)
    assert 'aria-label="Picture cannot be shown: too large"' in row and "<img" not in row


def test_a_drawing_that_cannot_be_drawn_is_said_so_from_the_first_page(clinic, tmp_path):
    """A .svg cut short was sent as it was, and a figure file that does not draw got an
    <img> whose thumbnail failed: the first page showed the browser's broken-picture frame,
    and the figure's problem, from the next page on, named the server's whole path to it
    after its name. Each is made once per version of its file, when the page is."""
    (clinic / "images" / "sitting.figure.yaml").write_bytes(FIGURE)
    lib = clinic / "exercises.yaml"
    lib.write_text(lib.read_text().replace("image: images/hip_flexor_stretch.svg",
                                           "image: images/sitting.figure.yaml"))
    b = app_for(clinic, tmp_path)
    html = b.get("/").get_data(as_text=True)
    shown = thumbs(html)
    assert shown["chin_tuck"] == "Picture cannot be shown: damaged"
    assert shown["seated_twist"] == "Picture cannot be shown: has problems"
    titles = {card: unescape(re.search(rf'id="card-{card}".*?title="([^"]+)"', html,
                                       re.S).group(1)) for card in ("chin_tuck", "seated_twist")}
    assert titles["chin_tuck"].startswith("images/cut.svg: not an SVG drawing this can read")
    said = 'images/twist.figure.yaml:3: frames[1].pose.base: unknown key pose "sittin"'
    assert titles["seated_twist"].startswith(said) and str(clinic) not in html
    # the handout says the same of it
    page = b.post("add:seated_twist", {"patient_name": "Ann Example"})
    warning, = re.findall(r"<li>([^<]*twist\.figure[^<]*)</li>", unescape(page.get_data(
        as_text=True)))
    assert warning.startswith(said) and "gets a placeholder" in warning
    # a figure file that draws, and a whole SVG, are pictures as before
    for exercise in ("hip_flexor_stretch", "bridge"):
        answer = b.client.get(shown[exercise].replace("&amp;", "&"))
        assert answer.status_code == 200 and answer.data.lstrip().startswith(b"<svg")


def test_a_photo_damaged_past_its_first_bytes_is_said_so_once_its_thumbnail_failed(
        clinic, tmp_path):
    """Damage past the header is found only as the photo is decoded: the first page asks
    for its thumbnail, which is refused; every page after says why in its place."""
    whole = png(Image.effect_noise((400, 300), 50).convert("RGB"))
    (clinic / "images" / "bridge.png").write_bytes(whole[:len(whole) // 2])
    lib = clinic / "exercises.yaml"
    lib.write_text(lib.read_text().replace("image: images/bridge.svg",
                                           "image: images/bridge.png"))
    b = app_for(clinic, tmp_path)
    address = thumbs(b.get("/").get_data(as_text=True))["bridge"]
    assert b.client.get(address.replace("&amp;", "&")).status_code == 404
    assert thumbs(b.get("/").get_data(as_text=True))["bridge"] == \
        "Picture cannot be shown: damaged"


def test_the_editor_names_a_picture_as_the_library_does_and_warns_once(clinic, tmp_path):
    """The warning about a picture printed as a placeholder named it by the server's whole
    path (/srv/.../clinic/images/huge.png), in the box above the form and again in the
    preview's list."""
    b = app_for(clinic, tmp_path)
    b.get("/")
    page = b.post("add:cat_camel", {"patient_name": "Ann Example"})
    html = unescape(page.get_data(as_text=True))
    said = ("images/huge.png: the picture has more than 25,000,000 pixels; save it smaller "
            "(e.g. 2000 × 1500); exercise cat_camel gets a placeholder instead of its picture")
    assert html.count(said) == 1 and f"<li>{said}</li>" in html
    assert str(clinic) not in html
    # the live preview's answer too
    form = b.form()
    answer = b.client.post("/preview", data={**form, "csrf_token": b.token}).get_json()
    assert answer["ok"] and answer["warnings"] == [said]


def test_a_replaced_logo_shows_on_the_next_page_and_an_unchanged_one_is_kept(tmp_path):
    """The logo's address was always /logo, kept by the browser for an hour: a clinic that
    replaced its logo saw the old one until then. Its address now carries the file's
    stamp, so the browser may keep it long."""
    home = tmp_path / "clinic"
    shutil.copytree(WEB_LIBRARY, home)
    (home / "logo.png").write_bytes(png(Image.new("RGB", (120, 40), "#0b6e75")))
    with open(home / "clinic.yaml", "a", encoding="utf-8") as out:
        out.write("logo: logo.png\n")
    b = app_for(home, tmp_path)
    first = re.search(r'<img src="([^"]+)" alt="" class="logo">',
                      b.get("/").get_data(as_text=True)).group(1).replace("&amp;", "&")
    assert first.startswith("/logo?v=")
    answer = b.client.get(first)
    assert answer.status_code == 200
    assert "max-age=31536000" in answer.headers["Cache-Control"]
    # asked for without its version (an old link): checked again each time
    assert b.client.get("/logo").headers["Cache-Control"] == "no-cache"
    assert b.client.get("/favicon.ico").headers["Location"].endswith(first)

    (home / "logo.png").write_bytes(png(Image.new("RGB", (120, 40), "#5a2d82")))
    html = b.get("/").get_data(as_text=True)
    second = re.search(r'<img src="([^"]+)" alt="" class="logo">', html).group(1)
    second = second.replace("&amp;", "&")
    assert second != first and f'<link rel="icon" href="{second}' in html.replace("&amp;",
                                                                                   "&")
    shown = Image.open(io.BytesIO(b.client.get(second).data)).convert("RGB")
    assert shown.getpixel((5, 5)) == pytest.approx((0x5a, 0x2d, 0x82), abs=8)
    # the first address no longer names the logo as it is: not kept
    assert b.client.get(first).headers["Cache-Control"] == "no-cache"

    # a logo the page cannot show is left out (the clinic's name is beside it), no frame
    (home / "logo.png").write_bytes(png(Image.new("L", (6000, 5000))))
    html = b.get("/").get_data(as_text=True)
    assert 'class="logo"' not in html and 'rel="icon"' not in html
    assert b.client.get("/favicon.ico").status_code == 204


def test_a_replaced_photo_gets_a_new_thumbnail_address(clinic, tmp_path):
    (clinic / "images" / "bridge.jpg").write_bytes(png(Image.new("RGB", (300, 200)), "JPEG"))
    lib = clinic / "exercises.yaml"
    lib.write_text(lib.read_text().replace("image: images/bridge.svg",
                                           "image: images/bridge.jpg"))
    b = app_for(clinic, tmp_path)
    before = thumbs(b.get("/").get_data(as_text=True))["bridge"].replace("&amp;", "&")
    assert "max-age=31536000" in b.client.get(before).headers["Cache-Control"]
    (clinic / "images" / "bridge.jpg").write_bytes(png(Image.new("RGB", (300, 201)), "JPEG"))
    after = thumbs(b.get("/").get_data(as_text=True))["bridge"].replace("&amp;", "&")
    assert after != before
    assert Image.open(io.BytesIO(b.client.get(after).data)).size == (240, 161)


def test_a_handout_s_warnings_name_its_picture_as_the_library_does_on_every_page(
        clinic, tmp_path, database):
    """The editor named a picture as the library does (images/huge.png), but a handout made
    again from the record (its page) and the day's walk-in packets named it by the server's
    whole path, the first in the cache folder where the record's copy of the library is."""
    from handouts import record

    ws = api.open_workspace(clinic / "exercises.yaml", clinic / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    b.get("/")
    b.post("add:cat_camel", {"patient_name": "Ann Example"})
    download = b.post("download", b.form())
    assert download.mimetype == "application/pdf"
    said = ("images/huge.png: the picture has more than 25,000,000 pixels; save it smaller "
            "(e.g. 2000 × 1500); exercise cat_camel gets a placeholder instead of its picture")
    [ann] = record.patients(ws, "Ann Example")
    handout_id = reader(download.data).metadata["/Keywords"].removeprefix("handout:")
    given = unescape(b.get(f"/patients/{ann.id}/handouts/{handout_id}").get_data(as_text=True))
    assert f"<li>{said}</li>" in given and "huge.png" not in given.replace(said, "")

    b.get("/packets")
    page = b.post("", {"protocol": "low_back_start", "copies": "2", "layout": "standard"},
                  url="/packets/walk-ins")
    html = unescape(page.get_data(as_text=True))
    assert "Built 2 walk-in packets" in html
    assert f"<li>{said}</li>" in html and "huge.png" not in html.replace(said, "")


def test_serve_draws_the_thumbnails_beside_the_server_not_in_the_first_page(
        library_copy, tmp_path, monkeypatch):
    """The first page drew every figure file for its thumbnail (about 25 ms each: 2.5 s for
    a library of 100). ``serve`` now has them made beside the server as it starts
    listening; the first page draws none, and shows each thumbnail, or why there is none."""
    import threading

    import waitress

    from handouts.web import server

    ws = library_copy("exercises.yaml", lambda data: data["exercises"][1].update(
        image="images/missing.figure.yaml"))
    figures = [e.id for e in ws.library.exercises
               if e.image and e.image.endswith(".figure.yaml")]
    drawn = []
    draw = api.draw_exercise
    monkeypatch.setattr(api, "draw_exercise", lambda exercise, *a: drawn.append(exercise)
                        or draw(exercise, *a))
    served = []

    def listen(app, **options):  # as waitress would, then stops at once
        served.append(app)
        [making] = [t for t in threading.enumerate() if t.name == "thumbnails"]
        making.join()

    monkeypatch.setattr(waitress, "serve", listen)
    server.serve(ws, programs_dir=tmp_path / "programs", outbox_dir=tmp_path / "outbox",
                 echo=lambda line: None)
    assert sorted(drawn) == sorted(set(figures) - {ws.library.exercises[1].id})
    drawn.clear()
    page = served[0].test_client().get("/").get_data(as_text=True)
    assert drawn == []
    shown = thumbs(page)
    assert len(shown) == len(ws.library.exercises) > 10
    assert shown[ws.library.exercises[1].id] == "Picture cannot be shown: missing"
    assert all(src.startswith("/images/") for name, src in shown.items()
               if name != ws.library.exercises[1].id)
