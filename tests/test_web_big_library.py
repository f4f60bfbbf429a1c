"""The web app with a clinic's big library (hundreds of exercises, many with a photo): the work
of each page must not grow with the library beyond writing its cards. Tested by the work done
(system calls that follow a picture's links, colours worked out), never by a time."""

from __future__ import annotations

import io
import pathlib
import shutil

import yaml
from PIL import Image

import handouts as api
from handouts.input import clinic_parts
from handouts.web import create_app

from conftest import WEB_LIBRARY
from test_web import Browser
from test_web_pictures import FIGURE, thumbs


def big_library(home: pathlib.Path, extra: int) -> pathlib.Path:
    """The web app's test library and ``extra`` exercises more, each with a picture of its own:
    two in three a photo, the others a figure file (drawn in the clinic's colours)."""
    shutil.copytree(WEB_LIBRARY, home)
    lib = home / "exercises.yaml"
    data = yaml.safe_load(lib.read_text(encoding="utf-8"))
    photo = io.BytesIO()
    Image.new("RGB", (64, 48), "#88aacc").save(photo, "JPEG")
    for i in range(extra):
        name = "".join(chr(ord("a") + int(digit)) for digit in str(i))  # 12: "bc"
        picture = f"images/made_{i}.jpg" if i % 3 else f"images/made_{i}.figure.yaml"
        (home / picture).write_bytes(photo.getvalue() if i % 3 else FIGURE)
        data["exercises"].append({
            "id": f"made_up_{name}", "title": f"Made-up move {i}", "position": "sitting",
            "areas": ["knee"], "kind": "strength", "image": picture,
            "purpose": "Makes your knee strong.", "steps": ["Sit tall.", "Lift your leg."],
            "dose": {"reps": 10}})
    lib.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return home


def browser(home, tmp_path) -> Browser:
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    return Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))


def page_work(b: Browser, monkeypatch) -> dict[str, int]:
    """What showing the editor again costs, counted: paths whose links were followed, and
    colours checked against white."""
    b.get("/")  # the first page makes each thumbnail, once: not counted
    counted = {"resolve": 0, "contrast": 0}
    resolve, contrast = pathlib.Path.resolve, clinic_parts.contrast

    def counting_resolve(self, *args, **kw):
        counted["resolve"] += 1
        return resolve(self, *args, **kw)

    def counting_contrast(colour):
        counted["contrast"] += 1
        return contrast(colour)

    monkeypatch.setattr(pathlib.Path, "resolve", counting_resolve)
    monkeypatch.setattr(clinic_parts, "contrast", counting_contrast)
    b.get("/")
    b.post("refresh", b.form())
    monkeypatch.undo()
    return counted


def test_a_page_costs_the_same_with_hundreds_of_pictures_as_with_a_few(tmp_path, monkeypatch):
    # each card's picture had its path's links followed (a dozen system calls) and the
    # clinic's colours worked out again at every page: with 400 exercises, half its time
    few = page_work(browser(big_library(tmp_path / "few", 3), tmp_path), monkeypatch)
    home = big_library(tmp_path / "many", 90)
    b = browser(home, tmp_path)
    many = page_work(b, monkeypatch)
    assert many == few, (few, many)

    # what a page found inside the library's folder is looked up again once its name leads
    # to another file: a link out of the folder put in a picture's place is not shown
    assert thumbs(b.page.get_data(as_text=True))["made_up_b"].startswith("/images/made_up_b?v=")
    picture, outside = home / "images" / "made_1.jpg", tmp_path / "outside.jpg"
    shutil.copy(picture, outside)
    picture.unlink()
    picture.symlink_to(outside)
    said = thumbs(b.get("/").get_data(as_text=True))["made_up_b"]
    assert said == "Picture cannot be shown: missing"
    assert b.client.get("/images/made_up_b").status_code == 404
