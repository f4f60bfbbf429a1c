"""The editor's library picker with a big library (Flask's test client, without JavaScript:
the page as the server sends it): a page carries the first matches, not every card of the
library; the search finds the others, Show all shows them, and a card the program or the
browser needs is never left out."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import yaml

import handouts as api
from handouts.web import create_app
from handouts.web.picker import CAP, FAVOURITES_COOKIE

from conftest import WEB_LIBRARY
from test_web import Browser

MADE = 120


def made_library(home: Path) -> Path:
    """The web app's test library and 120 made-up exercises more, after it: "Practice move 1"
    to "Practice move 120"."""
    shutil.copytree(WEB_LIBRARY, home)
    path = home / "exercises.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["exercises"] += [{
        "id": f"move_{n}", "title": f"Practice move {n}", "position": "sitting",
        "areas": ["knee"], "kind": "strength", "purpose": "Makes your knee strong.",
        "steps": ["Sit tall.", "Lift your leg."], "dose": {"reps": 10}}
        for n in range(1, MADE + 1)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return home


def browser_on(home: Path) -> Browser:
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=home / "programs", record=lambda *a: ()))
    b.get("/")
    return b


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    return browser_on(made_library(tmp_path_factory.mktemp("picker") / "library"))


def card_ids(response) -> list[str]:
    """The ids of the library cards the page holds, top to bottom."""
    return re.findall(r'<li class="card[^"]*" id="card-([^"]+)"', response.get_data(as_text=True))


def said(response) -> str:
    return unescape(re.search(r'id="q-msg" role="status">([^<]*)<',
                              response.get_data(as_text=True)).group(1))


def test_a_page_holds_the_first_cards_and_says_how_many_there_are(browser):
    page = browser.get("/")
    total = len(api.open_workspace(WEB_LIBRARY / "exercises.yaml",
                                   WEB_LIBRARY / "clinic.yaml").library.exercises) + MADE
    ids = card_ids(page)
    assert len(ids) == CAP and "move_1" in ids and "move_120" not in ids
    assert said(page) == f"{total} of {total} exercises"
    assert f">Show all {total}</button>" in page.get_data(as_text=True)


def test_the_search_finds_a_card_beyond_the_first(browser):
    page = browser.post("search", {"q": "move 117"})
    assert card_ids(page)[0] == "move_117"
    assert "Show all" not in page.get_data(as_text=True)  # every match is on the page
    # and the live search sends its cards, no more
    answer = browser.client.get("/search?q=move+117").get_json()
    assert answer["ids"][0] == "move_117" and answer["found"] == len(answer["ids"])
    assert re.findall(r'<li class="card[^"]*" id="card-([^"]+)"', answer["cards"]) == \
        answer["ids"]
    assert len(browser.client.get("/search?q=").get_json()["ids"]) == CAP


def test_show_all_shows_every_match_while_the_search_is_the_same(browser):
    page = browser.post("show_all", {"q": "practice"})
    assert card_ids(page) == [f"move_{n}" for n in range(1, MADE + 1)]
    # the focus goes to the first card not shown before
    assert f'data-focus="add-move_{CAP + 1}"' in page.get_data(as_text=True)
    # a button pressed after it keeps them all; a search changed shows the first again
    assert len(card_ids(browser.post("refresh", browser.form()))) == MADE
    form = browser.form()
    assert len(card_ids(browser.post("search", {**form, "q": "practice move"}))) == CAP
    # the live search alike, told the search Show all was pressed for
    answer = browser.client.get("/search", query_string={
        "q": "practice", "all_for": form["all_for"]}).get_json()
    assert len(answer["ids"]) == MADE
    assert len(browser.client.get("/search", query_string={
        "q": "practice move", "all_for": form["all_for"]}).get_json()["ids"]) == CAP


def test_an_exercise_in_the_program_keeps_its_card_wherever_it_ranks(browser):
    page = browser.post("add:move_117", {"patient_name": "Kai Example"})
    html = page.get_data(as_text=True)
    assert "move_117" in card_ids(page) and len(card_ids(page)) == CAP + 1
    assert "Added Practice move 117 as no. 1." in html  # on its card, where it was pressed
    assert "✓ In the program (no. 1)" in html
    ids = browser.client.get("/search?q=&program=move_117").get_json()["ids"]
    assert "move_117" in ids and len(ids) == CAP + 1


def test_the_browsers_favourites_come_first_and_all_of_them(browser):
    more = [f"move_{n}" for n in range(60, 60 + CAP)]  # more favourites than a page's cards
    browser.client.set_cookie(FAVOURITES_COOKIE, ",".join(["move_119", "move_3", "<x>", *more]))
    try:
        ids = card_ids(browser.get("/"))
        # the favourites first, in the library's order (the search's, had words been typed)
        assert ids[:3] == ["move_3", "move_60", "move_61"] and len(ids) == CAP + 2
        assert ids[CAP + 1] == "move_119"
        assert browser.client.get("/search?q=").get_json()["ids"] == ids
    finally:
        browser.client.delete_cookie(FAVOURITES_COOKIE)


def test_a_small_library_sends_every_card_as_before(tmp_path):
    b = browser_on(shutil.copytree(WEB_LIBRARY, tmp_path / "small"))
    page = b.get("/")
    ws = api.open_workspace(WEB_LIBRARY / "exercises.yaml", WEB_LIBRARY / "clinic.yaml")
    every = [e.id for e in ws.library.exercises]
    assert card_ids(page) == every
    assert "Show all" not in page.get_data(as_text=True)
    # the live search sends the cards it finds (the page holds no others, hidden)
    answer = b.client.get("/search?q=").get_json()
    assert re.findall(r'<li class="card[^"]*" id="card-([^"]+)"', answer["cards"]) == every
