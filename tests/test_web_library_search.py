"""Finding one exercise among hundreds in the editor's library picker (Flask's test client,
without JavaScript: the page as the server sends it): the likeliest card first, a body area
and a kind chosen together, and a page that does not grow with the library."""

from __future__ import annotations

import dataclasses
import itertools
from html import unescape
import re
import shutil
from pathlib import Path

import pytest
import yaml

import handouts as api
from handouts.web import catalog, create_app

from conftest import WEB_LIBRARY
from test_web import Browser

POSITIONS = {"kneeling": "Kneeling", "lying": "Lying", "sitting": "Seated",
             "standing": "Standing"}
AREAS = {"hips": "hip", "knee": "knee", "neck": "neck", "shoulders": "shoulder",
         "ankle": "ankle"}
KINDS = {"stretch": ["stretch", "reach"], "strength": ["press", "lift"],
         "mobility": ["circles", "slides"]}


def made_up_library(home: Path) -> Path:
    """The web app's test library and 120 made-up exercises more (one of each position, body
    area and move), the kneeling ones first: a library like a big clinic's."""
    shutil.copytree(WEB_LIBRARY, home)
    path = home / "exercises.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for (position, said), (area, part), (kind, moves) in itertools.product(
            POSITIONS.items(), AREAS.items(), KINDS.items()):
        for move in moves:
            title = f"{said} {part} {move}"
            data["exercises"].append({
                "id": title.lower().replace(" ", "_"), "title": title, "position": position,
                "areas": [area], "kind": kind, "purpose": "Helps you move.",
                "steps": ["Get ready.", "Move slowly."], "dose": {"reps": 10}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return home


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    home = made_up_library(tmp_path_factory.mktemp("big") / "library")
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=home / "programs", record=lambda *a: ()))
    b.get("/")
    return b


def shown_titles(response) -> list[str]:
    """The library cards the page shows, top to bottom (not those it hides)."""
    html = response.get_data(as_text=True)
    return [unescape(t) for t in re.findall(
        r'<li class="card[^"]*"[^>]*?(?<! hidden)>.*?<h3[^>]*>([^<]+)</h3>', html, re.S)]


def test_a_word_typed_whole_comes_before_a_word_it_only_starts(browser):
    titles = shown_titles(browser.post("show_all", {"q": "knee"}))  # (the page: 40)
    # 24 made-up "… knee …" and Knee to chest; 24 "Kneeling …" of other body areas, and
    # Cat and camel and Child's pose, done kneeling
    assert len(titles) == 51
    # every card that names the knee first; then those that only start with it ("kneeling")
    assert all("knee" in t.lower().split() for t in titles[:25]), titles[:25]
    assert not any("knee" in t.lower().split() for t in titles[25:]), titles[25:]
    # the live search answers in the same order
    answer = browser.client.get("/search?q=knee").get_json()
    assert answer["found"] == 51 and answer["ids"][0] == "knee_to_chest"


def test_the_title_ranks_before_the_tags(browser):
    # "hip" is the title's word in "Standing hip flexor stretch", a tag of Bridge
    titles = shown_titles(browser.get("/?q=hip+stretch"))
    assert titles.index("Standing hip flexor stretch") < titles.index("Child's pose")


def test_a_body_area_and_a_kind_together(browser):
    page = browser.post("search", {"q": "", "area": "knee", "kind": "strength"})
    titles = shown_titles(page)
    assert titles == [f"{p} knee {m}" for p in POSITIONS.values() for m in ("press", "lift")]
    html = page.get_data(as_text=True)
    for key, name in (("area", "Body area"), ("kind", "Kind"), ("position", "Position")):
        assert f'<label for="{key}">{name}</label>' in html
        assert re.search(rf'<select name="{key}"[^>]*id="{key}"', html)
    assert re.search(r'<option value="knee" selected>', html)
    assert re.search(r'<option value="strength" selected>', html)
    # and with a position and words too
    titles = shown_titles(browser.get("/?q=press&area=knee&kind=strength&position=lying"))
    assert titles == ["Lying knee press"]
    ids = browser.client.get("/search?area=knee&kind=strength").get_json()["ids"]
    assert len(ids) == 8


def test_a_three_letter_word_misspelled_finds_the_word_meant(browser):
    """ "kneeling rok" found nothing though "kneling rock" found it: a word had to have four
    letters to be nearly matched."""
    answer = browser.client.get("/search?q=kneeling+nek").get_json()
    assert answer["ids"] == [f"kneeling_neck_{move}" for move in (
        "stretch", "reach", "press", "lift", "circles", "slides")]
    # Chin tuck (tagged neck) and the 24 made-up neck exercises
    assert browser.client.get("/search?q=nek").get_json()["found"] == 25
    ws = api.open_workspace()  # the clinic's library, with Kneeling rock-back
    found = catalog.search(catalog.cards(ws), "kneeling rok")
    assert found[0].exercise.id == "kneeling_rock_back"


def test_a_three_letter_word_the_library_has_finds_only_itself():
    """One letter changed turns a word into another ("hip", "hop"): a three-letter word is
    nearly matched only where the library has nothing it could be."""
    ws = api.open_workspace(WEB_LIBRARY / "exercises.yaml", WEB_LIBRARY / "clinic.yaml")
    first, second, third = catalog.cards(ws)[:3]
    cards = [dataclasses.replace(first, words=("hip", "lift")),
             dataclasses.replace(second, words=("hop",)),
             dataclasses.replace(third, words=("hips", "help"))]

    def ids(query):
        return [c.exercise.id for c in catalog.search(cards, query)]

    assert ids("hip") == [first.exercise.id, third.exercise.id]
    assert ids("hop") == [second.exercise.id]
    assert ids("hup") == [first.exercise.id, second.exercise.id]  # "hip" or "hop": both
    assert ids("hzz") == ids("zip") == []  # two letters away; another first letter


def test_a_search_that_finds_nothing_says_what_to_change(browser):
    """A word the library lacks left an empty list and "0 of 132 exercises": nothing said
    what to do. The list's place says it, and so does the line a screen reader hears."""
    page = unescape(browser.get("/?q=zebra").get_data(as_text=True))
    told = 'No exercise matches "zebra". Check the spelling or try another word.'
    assert f'<p class="none" id="cards-none">{told} <a href="#q">' in page
    assert f'exercises<span class="visually-hidden">. {told}</span></p>' in page
    answer = browser.client.get("/search?q=zebra&area=knee").get_json()
    assert answer["found"] == 0
    assert ('No exercise matches "zebra" with Body area: knee. Check the spelling, try '
            "another word or set the menu back to Any.") in unescape(answer["cards"])
    page = unescape(browser.get("/?area=knee&kind=mobility&position=lying&q=press")
                    .get_data(as_text=True))
    assert ('No exercise matches "press" with Body area: knee, Kind: mobility and '
            "Position: lying. Check the spelling, try another word or set a menu back to "
            "Any.") in page
    # where something matches, nothing of the kind is said
    assert "cards-none" not in browser.get("/?q=knee").get_data(as_text=True)


def test_a_library_in_another_script_is_searched_in_it():
    """The made-up Japanese hand clinic's library (tests/clinics/japanese): a word typed in
    Japanese was no word to the search (only a-z and 0-9 were), and every card was listed.
    Japanese has no spaces between words, so a word is looked for inside a title too;
    Greek and Hindi words are whole, accents and vowel signs with them."""
    home = Path(__file__).parent / "clinics" / "japanese"
    cards = catalog.cards(api.open_workspace(home / "exercises.yaml", home / "clinic.yaml"))

    def titles(query):
        return [str(c.exercise.title) for c in catalog.search(cards, query)]

    assert titles("パテ") == ["パテにぎり"]  # a title's start
    assert titles("ストレッチ") == ["タオルを使った手首のストレッチ"]  # inside a title
    assert titles("ﾊﾟﾃ") == titles("パテ")  # half-width kana, as some keyboards type them
    assert titles("putty") == ["パテにぎり"]  # the id's words, as before
    assert titles("ゾウ") == []  # a word no card has: not every card
    assert catalog.stems("Διάταση ώμου") == ("διαταση", "ωμου")  # accents, as "épaule"
    assert catalog.stems("घुटना मोड़ना") == ("घुटना", "मोडना")  # a vowel sign is no space


def test_the_titles_of_the_librarys_translations_are_searched_too():
    """The made-up Pune clinic's library is English, its handouts Hindi (exercises.hi.yaml):
    its therapists know the exercises by the Hindi titles they print."""
    home = Path(__file__).parent / "clinics" / "hindi"
    cards = catalog.cards(api.open_workspace(home / "exercises.yaml", home / "clinic.yaml"))

    def titles(query):
        return [str(c.exercise.title) for c in catalog.search(cards, query)]

    assert titles("एड़ी") == titles("heel") == ["Heel slide", "Heel raise at the kitchen counter"]
    assert titles("एड़ी उठाना") == ["Heel raise at the kitchen counter"]
