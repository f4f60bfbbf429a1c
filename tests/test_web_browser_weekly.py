"""An exercise's Week by week in real headless Chromium: a two-stage progression set from the
form and read back from the downloaded PDF's text, a bad stage told beside its row with what
was typed kept, a stage removed; with JavaScript (at a desktop's and a phone's width, axe-core
finding nothing serious) and without it. Server, browser and axe as in test_web_browser.py."""

from __future__ import annotations

import pytest

from conftest import page_texts
from test_web_browser import (WIDTHS, axe_source, axe_violations, browser_page, post,  # noqa: F401
                              chromium, no_sideways_scroll, on_screen, press, server, shoot)

BAD_WEEKS = '"3-1": the range runs backwards; put the smaller number first (e.g. "1-3")'


def downloaded_text(page, tmp_path, button: str = "#download") -> str:
    with page.expect_download() as info:
        page.click(button)
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    return "\n".join(page_texts(saved.read_bytes()))


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


SIZES = {**WIDTHS, "narrowest": (320, 640)}


@pytest.mark.parametrize("width", ["desktop", "phone", "narrowest"])
def test_set_a_two_stage_progression_and_print_it(chromium, server, tmp_path, axe_source,
                                                  width):
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium, tmp_path, SIZES[width]) as page:
        page.width_name = width
        page.goto(base + "/")
        page.fill("#patient_name", "Wen Weekly")
        press(page, "#add-bridge")
        page.click("#item-0-weekly summary")
        expect(page.locator("#ex-0-stages-hint")).to_have_text(
            "None: the same dose every week.")
        # Add weeks: the new row's weeks box has the focus, the result is beside it
        press(page, "#stage-add-0")
        assert focused(page) == "ex-0-stage-0-weeks"
        assert page.input_value("#ex-0-stage-0-weeks") == "1-2"
        expect(page.locator("#item-0-weekly-result")).to_have_text("Added weeks 1-2 to Bridge.")
        on_screen(page, "#ex-0-stage-0-weeks")
        page.fill("#ex-0-stage-0-reps", "5")
        press(page, "#stage-add-0")
        assert focused(page) == "ex-0-stage-1-weeks"
        assert page.input_value("#ex-0-stage-0-reps") == "5"  # kept through the swap
        page.fill("#ex-0-stage-1-reps", "10")
        page.fill("#ex-0-stage-1-sets", "3")
        on_screen(page, "#item-0-weekly-result")
        no_sideways_scroll(page)
        assert axe_violations(page, axe_source) == []
        shoot(page, "weekly")
        # the header cells name each box's column to a screen reader
        assert page.locator("#item-0-weekly th").all_inner_texts()[:3] == \
            ["Weeks", "Reps", "Sets"]
        text = downloaded_text(page, tmp_path)
        table = text[text.index("Week by week"):]
        assert table.index("Weeks 1–2") < table.index("2 sets of 5") < \
            table.index("Weeks 3–4") < table.index("3 sets of 10")

        # the library's own stages show in grey, as the dose boxes do
        press(page, "#add-wall_angel")
        expect(page.locator("#ex-1-stage-1-reps")).to_have_attribute("placeholder", "8-10")
        assert page.input_value("#ex-1-stage-1-reps") == ""
        page.locator("#item-1-weekly").scroll_into_view_if_needed()
        shoot(page, "weekly-library")
        no_sideways_scroll(page)
        assert axe_violations(page, axe_source) == []


def test_a_bad_stage_is_told_beside_its_row_and_a_stage_removed(chromium, server, tmp_path,
                                                                 axe_source):
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium, tmp_path) as page:
        page.width_name = "desktop"
        page.goto(base + "/")
        page.fill("#patient_name", "Bo Badweeks")
        press(page, "#add-chin_tuck")
        page.click("#item-0-weekly summary")
        press(page, "#stage-add-0")
        press(page, "#stage-add-0")
        page.fill("#ex-0-stage-0-weeks", "3-1")
        page.fill("#ex-0-stage-0-hold", "10 s")
        page.fill("#ex-0-stage-1-reps", "12")
        press(page, "#build")
        # the message is in the row under the bad one, tied to its box, which has the focus
        message = page.locator("#ex-0-stage-0 + tr.stage-messages #ex-0-stage-0-weeks-msg")
        expect(message).to_have_text(BAD_WEEKS)
        assert focused(page) == "ex-0-stage-0-weeks"
        assert page.get_attribute("#ex-0-stage-0-weeks", "aria-invalid") == "true"
        assert "ex-0-stage-0-weeks-msg" in page.get_attribute("#ex-0-stage-0-weeks",
                                                              "aria-describedby")
        on_screen(page, "#ex-0-stage-0-weeks-msg")
        assert [page.input_value(f"#ex-0-stage-{s}") for s in
                ("0-weeks", "0-hold", "1-weeks", "1-reps")] == ["3-1", "10 s", "3-4", "12"]
        assert page.locator("#problems a[href='#ex-0-stage-0-weeks']").inner_text() == \
            f"Exercise 1 (Chin tuck), week by week, stage 1, weeks: {BAD_WEEKS}"
        assert axe_violations(page, axe_source) == []
        shoot(page, "weekly-problem")

        # checked as it is typed, like a dose box
        page.fill("#ex-0-stage-0-weeks", "1-2")
        expect(page.locator("#ex-0-stage-0-weeks-msg")).to_have_text("")

        # remove the first stage: the second keeps what was typed, the focus stays in the table
        press(page, "#stage-remove-0-0")
        expect(page.locator("#item-0-weekly-result")).to_have_text(
            "Removed weeks 1-2 from Chin tuck.")
        assert focused(page) == "stage-remove-0-0"
        assert page.locator("#item-0-weekly tr.stage").count() == 1
        assert page.input_value("#ex-0-stage-0-weeks") == "3-4"
        assert page.input_value("#ex-0-stage-0-reps") == "12"
        text = downloaded_text(page, tmp_path)
        assert "Weeks 3–4" in text and "Weeks 1–2" not in text
        # and the last: the focus goes to Add weeks
        press(page, "#stage-remove-0-0")
        assert focused(page) == "stage-add-0"
        assert "Week by week" not in downloaded_text(page, tmp_path)


def test_week_by_week_without_javascript(chromium, server, tmp_path):
    base, _ = server
    with browser_page(chromium, tmp_path, javascript=False) as page:
        page.goto(base + "/")
        page.fill("input[name=patient_name]", "Nia Nojs")
        post(page, "button[aria-label='Add Heel raise']")
        page.click("#item-0-weekly summary")
        post(page, "#stage-add-0")
        assert page.url.endswith("#ex-0-stage-0-weeks")  # the browser goes to the new row
        post(page, "#stage-add-0")
        page.fill("#ex-0-stage-0-reps", "8")
        page.fill("#ex-0-stage-1-weeks", "2-4")
        page.fill("#ex-0-stage-1-load", "2 kg")
        post(page, "button[value=build]")
        assert page.inner_text("#ex-0-stage-1-weeks-msg") == \
            '"2-4" overlaps the stage before it ("1-2"); start this stage at week 3 or later'
        assert page.input_value("#ex-0-stage-1-load") == "2 kg"
        page.fill("#ex-0-stage-1-weeks", "3-4")
        post(page, "#stage-add-0")
        post(page, "#stage-remove-0-2")
        assert page.locator("#item-0-weekly tr.stage").count() == 2
        text = downloaded_text(page, tmp_path, "button[value=download]")
        table = " ".join(text[text.index("Week by week"):].split())  # lines joined
        assert "Weeks 1–2 2 sets of 8 Weeks 3–4 2 sets of 10–15 · Weight: 2 kg" in table
