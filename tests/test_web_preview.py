"""The editor's preview through Flask's test client: what its line says while there is no
handout to show, and each page drawn at print size. (Its pages and layout warnings:
test_web_editor.py; in a real browser: test_web_browser_preview.py.)"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from test_web import Browser, start_program, unescape
from test_web_editor import app, ws  # noqa: F401


@pytest.fixture
def browser(app):  # noqa: F811
    b = Browser(app)
    b.get("/")
    return b


def said(browser, form: dict) -> str:
    answer = browser.client.post("/preview", data={**form, "csrf_token": browser.token})
    assert answer.json["ok"] is False
    return answer.json["message"]


def test_the_preview_says_what_to_do_to_see_the_handout(browser):
    """An empty name is not marked until the handout is asked for, so "Fix the marked boxes
    to see the handout" sent the therapist looking for a mark that was not there."""
    form = start_program(browser, "child_pose", name="")
    # the page as the server draws it (without JavaScript, and before the preview redraws)
    page = unescape(browser.page.get_data(as_text=True))
    assert "Type the patient's name to see the handout." in page
    assert "Fix the marked boxes" not in page
    assert said(browser, form) == "Type the patient's name to see the handout."
    assert said(browser, {**form, "patient_name": "   "}) == (
        "Type the patient's name to see the handout.")
    form["ex-0-hold"] = "5-x s"
    assert said(browser, form) == ("To see the handout, type the patient's name and fix "
                                   '"Exercise 1 (Child\'s pose), hold".')
    form.update(patient_name="Ada Example", patient_email="ada")
    assert said(browser, form) == ('To see the handout, fix "Email" and '
                                   '"Exercise 1 (Child\'s pose), hold".')


def test_each_page_is_drawn_at_print_size_too(browser):
    """Beside the form a Letter page is about 420 px wide, its words 5 px high: each page
    has a picture to show at print size (816 CSS px), drawn at twice the pixels, sharp on a
    laptop's screen."""
    form = start_program(browser, "child_pose", "bridge")
    answer = browser.client.post("/preview", data={**form, "csrf_token": browser.token}).json
    assert len(answer["print_urls"]) == answer["pages"] >= 2
    for screen, printed in zip(answer["urls"], answer["print_urls"]):
        small = Image.open(io.BytesIO(browser.client.get(screen).data))
        large = Image.open(io.BytesIO(browser.client.get(printed).data))
        assert large.size == (2 * small.size[0], 2 * small.size[1]) == (1224, 1584)
    gone = answer["print_urls"][0].replace("/1/", "/99/")
    assert browser.client.get(gone).status_code == 404
    # without JavaScript the page's picture opens it at print size, in a tab of its own,
    # and so does each page's link (a page's link opened the small picture in the editor's tab)
    page = browser.page.get_data(as_text=True)
    assert f'href="{answer["print_urls"][0]}"' in page
    links = re.findall(r'<a href="([^"]+)" target="_blank" data-page="\d+"', page)
    assert links == answer["print_urls"]


def test_a_preview_page_is_never_kept_in_a_browser_s_cache(browser):
    """A page of the preview shows the patient's name, as the PDF does: it was kept an hour
    in the browser's cache on disk, for the next person at a shared front-desk computer to
    find there, while the PDF itself is never kept (no-store)."""
    form = start_program(browser, "child_pose")
    answer = browser.client.post("/preview", data={**form, "csrf_token": browser.token}).json
    for url in (answer["urls"][0], answer["print_urls"][0]):
        shown = browser.client.get(url)
        assert shown.mimetype == "image/jpeg"
        assert shown.headers["Cache-Control"] == "no-store"


def test_a_preview_page_is_shown_to_the_browser_that_asked_for_it_only(browser, app):  # noqa: F811
    """Its pages carry the patient's name: another browser (no cookie, or another's) got
    them by the address, whose key was the PDF's own hash, the same for anyone who could
    make the same PDF. The draft's PDF was already kept to its browser."""
    form = start_program(browser, "child_pose")
    answer = browser.client.post("/preview", data={**form, "csrf_token": browser.token}).json
    stranger = Browser(app)
    stranger.get("/")
    for url in (answer["urls"][0], answer["print_urls"][0]):
        assert browser.client.get(url).status_code == 200
        assert stranger.client.get(url).status_code == 404
    # the same program previewed by the other browser: a key of its own
    theirs = stranger.client.post("/preview", data={**form, "csrf_token": stranger.token}).json
    assert theirs["urls"][0] != answer["urls"][0]
    assert stranger.client.get(theirs["urls"][0]).status_code == 200
