"""The web app's languages through Flask's test client: only those the library is written
in are offered (a saved program's own choice kept), and the one chosen on the page is the
handout's, what will print in English said before the build."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

import handouts as api
from handouts.web import create_app

from conftest import page_texts
from test_web import LIBRARY, Browser, unescape, messages, start_program, built
from test_web import ws, issued, app, browser  # noqa: F401 (fixtures)


def spanish_browser(tmp_path: Path, **more: str) -> Browser:
    """The app over a copy of the test library that has a Spanish translation of one
    exercise (``more``: other files to add beside it)."""
    import shutil

    home = tmp_path / "library"
    shutil.copytree(LIBRARY, home)
    (home / "exercises.es.yaml").write_text(
        "language: es\nexercises:\n  cat_camel: {title: Gato y camello}\n", encoding="utf-8")
    for name, content in more.items():
        (home / name).write_text(content, encoding="utf-8")
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/")
    return b


def options(page) -> list[str]:
    html = page.get_data(as_text=True)
    menu = re.search(r'<select name="language"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [unescape(name) for name in re.findall(r"<option[^>]*>([^<]*)</option>", menu)]


def test_only_languages_the_library_is_written_in_are_offered(browser, tmp_path):
    # this library has no exercises.es.yaml: Spanish would print its English text under
    # Spanish headings (the old page offered Español, Español + English, English + español)
    assert options(browser.page) == ["English"]
    assert options(spanish_browser(tmp_path / "es").page) == [
        "English", "Español", "English + español", "Español + English"]
    # a saved program's own choice stays on the list, by its name
    form = start_program(browser, "child_pose")
    form["language"] = "es, en"
    assert options(browser.post("refresh", form)) == ["English", "Español + English"]
    # a library written in French with its English translation: both, French first
    french = Path(__file__).parent / "clinics" / "french"
    ws = api.open_workspace(home=_copy(french, tmp_path / "fr"))
    page = Browser(create_app(ws, programs_dir=tmp_path / "p", record=lambda *a: ()))
    assert options(page.get("/")) == ["Français", "English", "Français + English",
                                      "English + Français"]


def _copy(folder: Path, to: Path) -> Path:
    import shutil

    shutil.copytree(folder, to)
    return to


def test_language_is_chosen_on_the_page(tmp_path):
    browser = spanish_browser(tmp_path)
    html = browser.page.get_data(as_text=True)
    assert '<option value="es">Español</option>' in html
    assert '<option value="es, en">Español + English</option>' in html
    form = start_program(browser, "child_pose")
    assert form["language"] == "en" and form["order"] == "as_listed"
    form["language"] = "es, en"
    page = built(browser, form)
    assert page.mimetype == "application/pdf"
    text = " ".join(" ".join(page_texts(page.data)).split())
    assert "Pasos" in text and "Steps" in text and "Página 1 de" in text
    # this library has no Spanish words: the page says what will print in English
    page = browser.post("refresh", form)
    html = unescape(page.get_data(as_text=True))
    assert "The handout will build, but:" in html
    assert "exercises[child_pose]: no español title, caption, purpose, steps" in html
    form["language"] = "en"
    # (the words "will build, but" are in every page, for its scripts: the warning is not)
    assert "no español title" not in unescape(
        browser.post("refresh", form).get_data(as_text=True))
    form["language"] = "fr"
    page = browser.post("build", form)
    assert page.mimetype == "text/html"
    assert any('no handouts in "fr"' in m for m in messages(page)), messages(page)
    browser.post("save", {**form, "language": "es"})
    saved = yaml.safe_load((tmp_path / "programs" / "ada-example.yaml").read_text())
    assert saved["language"] == "es"
    browser.get("/programs/ada-example", follow_redirects=True)
    assert browser.form()["language"] == "es"
