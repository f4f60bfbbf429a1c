"""What the editor's pages keep from one button to the next, without JavaScript (Flask's
test client): every bad box it holds stays marked, whichever button was pressed, and the
sections a therapist opened stay open. With JavaScript: test_web_browser_kept.py."""

from __future__ import annotations

import re

import pytest

from test_web import start_program, unescape
from test_web_weekly import browser, ws  # noqa: F401 (fixtures: a page of the real library)


def html(browser) -> str:
    return browser.page.get_data(as_text=True)


def box(browser, name: str) -> str:
    return re.search(rf'<input name="{re.escape(name)}"[^>]*>', html(browser)).group(0)


def mark(browser, name: str) -> tuple[bool, str]:
    """Whether the box is marked bad, and the message beside it."""
    said = re.search(rf'<span class="message" id="{re.escape(name)}-msg">([^<]*)</span>',
                     html(browser)).group(1)
    return 'aria-invalid="true"' in box(browser, name), unescape(said)


def opened(browser) -> dict[str, bool]:
    """Each details section of the program by its data-section: open or not."""
    return {re.search(r'data-section="([^"]+)"', tag).group(1): " open" in tag
            for tag in re.findall(r"<details[^>]*>", html(browser))}


@pytest.mark.parametrize("button", ["remove:0", "add:cat_camel", "down:0", "refresh",
                                    "stage_add:0"])
def test_a_bad_dose_stays_marked_whatever_button_is_pressed(browser, button):
    form = start_program(browser, "bridge", "chin_tuck")
    browser.post("build", {**form, "ex-1-reps": "5-x"})
    assert mark(browser, "ex-1-reps")[0]
    browser.post(button, browser.form())
    place = 0 if button == "remove:0" else 1 - (button == "down:0")
    bad, said = mark(browser, f"ex-{place}-reps")
    assert bad and "is not a number or range" in said, button
    assert browser.form()[f"ex-{place}-reps"] == "5-x"


def test_a_bad_stage_box_typed_then_another_button_is_marked_without_a_build(browser):
    form = start_program(browser, "bridge", "wall_angel")
    browser.post("add:chin_tuck", {**form, "ex-1-stage-0-weeks": "1-x"})
    bad, said = mark(browser, "ex-1-stage-0-weeks")
    assert bad and said
    # an empty box that must be filled is told when the handout is asked for, not before
    assert mark(browser, "patient_name") == (False, "")
    browser.post("refresh", {**browser.form(), "patient_name": ""})
    assert mark(browser, "patient_name") == (False, "")
    assert 'id="problems"' not in html(browser)


def test_sections_opened_stay_open_and_one_holding_a_bad_box_opens(browser):
    form = start_program(browser, "bridge", "chin_tuck", "cat_camel")
    assert not any(opened(browser).values())
    # the page (app.js, from what is open) posts which sections were open
    browser.post("remove:0", {**form, "open_sections": "more-chin_tuck weekly-chin_tuck"})
    assert opened(browser)["more-chin_tuck"] and opened(browser)["weekly-chin_tuck"]
    assert not opened(browser)["more-cat_camel"]
    # without JavaScript the page's own list comes back: still open after the next button
    browser.post("down:0", browser.form())
    assert opened(browser)["more-chin_tuck"] and opened(browser)["weekly-chin_tuck"]
    # a section the therapist closed stays closed, unless it holds a bad box
    browser.post("stage_add:0", browser.form())
    browser.post("refresh", {**browser.form(), "open_sections": "", "ex-0-stage-0-weeks": "x"})
    shown = opened(browser)
    assert shown["weekly-cat_camel"] and not shown["more-chin_tuck"]


def test_week_by_week_with_rows_opens_the_first_time_then_stays_as_left(browser):
    """Week by week with rows opened at every button, so a therapist who closed it saw it
    open again each time: it opens the first time it has rows, with the answer of its own
    button, and whenever it holds a bad box; else it stays as the therapist left it."""
    start_program(browser, "wall_angel")  # the library has stages for it
    assert opened(browser)["weekly-wall_angel"]
    # closed (app.js posts what is open), then another button: it stays closed
    browser.post("refresh", {**browser.form(), "open_sections": ""})
    assert not opened(browser)["weekly-wall_angel"]
    browser.post("add:chin_tuck", {**browser.form(), "open_sections": ""})
    assert not opened(browser)["weekly-wall_angel"]
    # its own button's answer opens it, and so does a bad box in it
    browser.post("stage_add:0", {**browser.form(), "open_sections": ""})
    assert opened(browser)["weekly-wall_angel"]
    browser.post("refresh", {**browser.form(), "open_sections": ""})
    assert not opened(browser)["weekly-wall_angel"]
    browser.post("refresh", {**browser.form(), "open_sections": "", "ex-0-stage-0-weeks": "x"})
    assert opened(browser)["weekly-wall_angel"]
