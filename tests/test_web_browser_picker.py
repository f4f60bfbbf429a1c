"""The library picker of a big library in real headless Chromium, with JavaScript and without:
the page holds the first cards; the live search brings a card beyond them; Show all shows the
rest, the focus on the first of them; a card added stays; a favourite comes first. Server,
browser and axe as in test_web_browser.py; the library as in test_web_picker.py."""

from __future__ import annotations

import os

import pytest

import handouts as api
from handouts.web.picker import CAP

from test_web_browser import (axe_source, axe_violations, browser_page, chromium,  # noqa: F401
                              on_screen, post, press, running, search, titles,
                              wait_for_cards)
from test_web_picker import MADE, made_library


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    home = made_library(tmp_path_factory.mktemp("picker") / "library")
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    with running(ws, tmp_path_factory.mktemp("programs")) as base:
        yield base, len(ws.library.exercises)


def test_a_card_beyond_the_first_is_found_shown_all_and_kept(chromium, big_server, axe_source):
    from playwright.sync_api import expect

    base, total = big_server
    with browser_page(chromium) as page:
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + "/")
        cards = page.locator("#cards .card")
        assert cards.count() == CAP
        expect(page.locator("#q-msg")).to_have_text(f"{total} of {total} exercises")

        search(page, "move 117")  # the live search brings it
        assert page.locator(".card:visible h3").first.inner_text() == "Practice move 117"
        expect(page.locator("#show-all")).to_have_count(0)

        search(page, "practice")
        assert cards.count() == CAP
        press(page, "#show-all")
        assert cards.count() == MADE
        assert page.evaluate("document.activeElement.id") == f"add-move_{CAP + 1}"
        page.locator("#card-move_117").scroll_into_view_if_needed()
        if os.environ.get("HANDOUTS_SHOTS"):
            page.screenshot(path=os.path.join(os.environ["HANDOUTS_SHOTS"], "picker-all.png"))
        page.fill("#patient_name", "Lou Example")
        press(page, "#add-move_117")
        expect(page.locator("#card-move_117-result")).to_have_text(
            "Added Practice move 117 as no. 1. Go to it")
        on_screen(page, "#card-move_117-result")
        assert cards.count() == MADE  # Show all holds while the search is the same

        search(page, "practice move")  # another search: the first again, and the program's
        assert cards.count() == CAP + 1
        expect(page.locator("#card-move_117 .mark")).to_have_text("✓ In the program (no. 1)")
        assert axe_violations(page, axe_source) == []

        # a favourite beyond the first cards comes first, after a reload too
        page.click("[data-fav=move_117]")
        page.reload()
        expect(page.locator(".card h3").first).to_have_text("Practice move 117")
        page.check("#fav-only")
        assert page.locator(".card:visible h3").all_inner_texts() == ["Practice move 117"]
        expect(page.locator("#show-all")).to_be_hidden()
        assert errors == [], errors


def test_show_all_and_add_without_javascript(chromium, big_server):
    base, total = big_server
    with browser_page(chromium, javascript=False) as page:
        page.goto(base + "/")
        assert page.locator("#cards .card").count() == CAP
        page.fill("input[name=patient_name]", "Max Nojs")
        post(page, "#show-all")
        assert page.locator("#cards .card").count() == total
        post(page, "button[aria-label='Add Practice move 117']")
        assert titles(page) == ["Practice move 117"]
        assert page.locator("#card-move_117-result").inner_text().startswith(
            "Added Practice move 117 as no. 1.")


def test_a_search_that_finds_nothing_says_what_to_change(chromium, big_server, axe_source):
    """A word the library lacks left an empty list under "0 of 132 exercises": the list's
    place says what to change, the status line a screen reader hears says it too, and its
    link takes the keyboard back to the search box."""
    from playwright.sync_api import expect

    base, total = big_server
    with browser_page(chromium) as page:
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + "/")
        search(page, "zebra")
        told = 'No exercise matches "zebra". Check the spelling or try another word.'
        expect(page.locator("#cards-none")).to_have_text(f"{told} Go to the search box")
        on_screen(page, "#cards-none")
        expect(page.locator("#q-msg")).to_have_text(f"0 of {total} exercises. {told}")
        expect(page.locator("#q-msg .visually-hidden")).to_have_text(f". {told}")
        page.select_option("#area", "knee")
        wait_for_cards(page, "zebra", area="knee")
        expect(page.locator("#cards-none")).to_contain_text("set the menu back to Any")
        assert axe_violations(page, axe_source) == []
        page.focus("#cards-none a")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "q"
        search(page, "knee", area="knee")
        expect(page.locator("#cards-none")).to_have_count(0)
        expect(page.locator("#q-msg")).not_to_contain_text("No exercise")
        assert errors == []


def test_favourites_only_that_hides_every_match_says_the_others_match(chromium, big_server,
                                                                     axe_source):
    """*Favourites only* ticked and no favourite found: the list was empty under "0 of 132
    exercises", with no word that unticking it shows the cards that match. The list's place
    says so, and the status line a screen reader hears; unticked, both are gone."""
    from playwright.sync_api import expect

    base, total = big_server
    with browser_page(chromium) as page:
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + "/")
        page.click("[data-fav=move_2]")  # a favourite the search does not find
        search(page, "bridge")
        found = int(page.locator("#cards").get_attribute("data-found"))
        assert found >= 1
        others = "1 other exercise does" if found == 1 else f"{found} other exercises do"
        page.check("#fav-only")
        told = (f'No favourite matches "bridge"; {others}. Untick Favourites only to see '
                f'{"it" if found == 1 else "them"}.')
        expect(page.locator("#fav-none")).to_have_text(f"{told} Go to Favourites only")
        on_screen(page, "#fav-none")
        expect(page.locator("#q-msg")).to_have_text(f"0 of {total} exercises. {told}")
        assert axe_violations(page, axe_source) == []
        page.focus("#fav-none a")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "fav-only"
        page.keyboard.press("Space")  # unticked: the matches, and no word of favourites
        expect(page.locator("#fav-none")).to_be_hidden()
        expect(page.locator("#q-msg")).to_have_text(f"{found} of {total} exercises")
        assert page.locator(".card:visible").count() == found

        search(page, "move 2")  # the favourite matches: no such word
        page.check("#fav-only")
        assert page.locator(".card:visible h3").all_inner_texts() == ["Practice move 2"]
        expect(page.locator("#fav-none")).to_be_hidden()
        expect(page.locator("#q-msg")).to_have_text(f"1 of {total} exercises")
        assert errors == [], errors
