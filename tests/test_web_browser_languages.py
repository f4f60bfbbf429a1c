"""Languages in a real headless Chromium: the language menu moves by arrow keys and the
preview warns of what prints in English; a name or note typed in Hebrew or Arabic reads
from the right. The app and the browser as in test_web_browser.py."""

from __future__ import annotations

import shutil

import pytest

import handouts as api

from test_web_browser import LIBRARY, browser_page, press, running
from test_web_browser import chromium, server  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def spanish_server(tmp_path_factory):
    """The app over a copy of the test library with a Spanish translation of one exercise
    (Español is offered only where the library has words in it)."""
    home = tmp_path_factory.mktemp("spanish") / "library"
    shutil.copytree(LIBRARY, home)
    (home / "exercises.es.yaml").write_text(
        "language: es\nexercises:\n  cat_camel: {title: Gato y camello}\n", encoding="utf-8")
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    with running(ws, tmp_path_factory.mktemp("programs")) as base:
        yield base


def test_the_language_menu_moves_by_arrow_keys_and_the_preview_warns(chromium, spanish_server,
                                                                     tmp_path):
    from playwright.sync_api import expect

    base = spanish_server
    with browser_page(chromium) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Lu Lingo")
        press(page, "#add-child_pose")
        address = page.url
        page.focus("#language")
        page.keyboard.press("ArrowDown")  # English -> Español, without a reload
        assert page.input_value("#language") == "es"
        assert page.url == address and page.input_value("#patient_name") == "Lu Lingo"
        expect(page.locator("#preview-warnings")).to_contain_text(
            "exercises[child_pose]: no español")


def test_a_name_or_note_typed_in_hebrew_or_arabic_reads_from_the_right(chromium, server,
                                                                         tmp_path):
    """The boxes a therapist types a patient's words into take the direction of what is
    typed (``dir="auto"``): a Hebrew name starts at the right edge of its box, and its full
    stop stays at its end; an English one stays on the left."""
    base, _ = server
    with browser_page(chromium) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "דנה לוי")
        page.fill("#note", "ابدأ ببطء.")
        page.fill("#therapist", "Dave Candy")
        direction = "el => getComputedStyle(el).direction"
        assert page.eval_on_selector("#patient_name", direction) == "rtl"
        assert page.eval_on_selector("#note", direction) == "rtl"
        assert page.eval_on_selector("#therapist", direction) == "ltr"
        press(page, "#add-child_pose")
        page.fill("input[name=ex-0-note]", "שבו זקוף")
        assert page.eval_on_selector("input[name=ex-0-note]", direction) == "rtl"
