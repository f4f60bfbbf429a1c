"""An exercise's Week by week in real headless Chromium: a two-stage progression set from the
form and read back from the downloaded PDF's text, a bad stage told beside its row with what
was typed kept, a stage removed and put back by Undo, the last visit's stages shown under the
table; with JavaScript (at a desktop's and a phone's width, axe-core
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


def weeks_open(page, base: str, patient: str, exercise: str, stages: int = 0) -> None:
    """A new program for ``patient`` with ``exercise``, its Week by week open, ``stages``
    rows added."""
    page.goto(base + "/")
    page.fill("#patient_name", patient)
    press(page, f"#add-{exercise}")
    page.click("#item-0-weekly summary")
    for _ in range(stages):
        press(page, "#stage-add-0")


# the phone's layout (under 30 rem) at its narrowest, where a row of boxes is likeliest to
# push the page sideways; a phone's 390 px is the same layout with room to spare
@pytest.mark.parametrize("width", ["desktop", "narrowest"])
def test_set_a_two_stage_progression_and_print_it(chromium, server, tmp_path, axe_source,
                                                  width):
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium, SIZES[width]) as page:
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
        page.keyboard.type("1-2")  # the weeks proposed are selected: typing replaces them
        assert page.input_value("#ex-0-stage-0-weeks") == "1-2"
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
            table.index("From week 3 on") < table.index("3 sets of 10")

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
    with browser_page(chromium) as page:
        page.width_name = "desktop"
        weeks_open(page, base, "Bo Badweeks", "chin_tuck", stages=2)
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

        # remove the first stage: the second keeps what was typed, the focus is on its Undo
        press(page, "#stage-remove-0-0")
        expect(page.locator("#item-0-weekly-result")).to_have_text(
            "Removed weeks 1-2 from Chin tuck.")
        assert focused(page) == "undo"
        assert page.locator("#item-0-weekly tr.stage").count() == 1
        assert page.input_value("#ex-0-stage-0-weeks") == "3-4"
        assert page.input_value("#ex-0-stage-0-reps") == "12"
        page.fill("#ex-0-stage-0-weeks", "1-4")  # a first stage starts at week 1
        text = " ".join(downloaded_text(page, tmp_path).split())
        assert "From week 1 on" in text and "Weeks 1–2" not in text, text
        # and the last
        press(page, "#stage-remove-0-0")
        assert focused(page) == "undo"
        assert "Week by week" not in downloaded_text(page, tmp_path)


def test_week_by_week_without_javascript(chromium, server, tmp_path):
    base, _ = server
    with browser_page(chromium, javascript=False) as page:
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
        page.fill("#ex-0-stage-1-sets", "many")
        post(page, "button[value=build]")
        # the order of the weeks is told in the same post as the stage's bad value
        assert page.inner_text("#ex-0-stage-1-weeks-msg") == \
            '"2-4" overlaps the stage before it ("1-2"); start this stage at week 3 or later'
        assert page.inner_text("#ex-0-stage-1-sets-msg").startswith('"many" is not')
        assert page.input_value("#ex-0-stage-1-load") == "2 kg"
        page.fill("#ex-0-stage-1-weeks", "3-4")
        page.fill("#ex-0-stage-1-sets", "")
        post(page, "#stage-add-0")
        page.fill("#ex-0-stage-2-reps", "20")
        post(page, "#stage-remove-0-2")
        assert page.locator("#item-0-weekly tr.stage").count() == 2
        # Undo, as a plain post: the browser goes to it, then to the row it puts back
        assert page.url.endswith("#undo")
        assert page.inner_text("#item-0-weekly-result") == "Removed weeks 5-6 from Heel raise."
        post(page, "#undo")
        assert page.url.endswith("#ex-0-stage-2-weeks")
        assert page.input_value("#ex-0-stage-2-reps") == "20"
        post(page, "#stage-remove-0-2")
        assert page.locator("#item-0-weekly tr.stage").count() == 2
        text = downloaded_text(page, tmp_path, "button[value=download]")
        table = " ".join(text[text.index("Week by week"):].split())  # lines joined
        assert "Weeks 1–2 2 sets of 8 From week 3 on 2 sets of 10–15 · Weight: 2 kg" in table


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_undo_a_removed_stage(chromium, server, tmp_path, axe_source, width):
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium, SIZES[width]) as page:
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.width_name = width
        weeks_open(page, base, "Uma Undo", "bridge", stages=3)
        page.fill("#ex-0-stage-1-reps", "8")
        page.fill("#ex-0-stage-1-sets", "3")
        press(page, "#stage-remove-0-1")
        # the notice and its Undo, the focus on Undo, both where the therapist is looking
        expect(page.locator("#item-0-weekly-result")).to_have_text(
            "Removed weeks 3-4 from Bridge.")
        assert focused(page) == "undo"
        on_screen(page, "#undo")
        on_screen(page, "#item-0-weekly-result")
        assert page.locator("#item-0-weekly tr.stage").count() == 2
        no_sideways_scroll(page)
        assert axe_violations(page, axe_source) == []
        shoot(page, "weekly-undo")
        page.fill("#ex-0-stage-1-reps", "15")  # typed after the removal: kept
        press(page, "#undo")
        expect(page.locator("#item-0-weekly-result")).to_have_text(
            "Put weeks 3-4 back in Bridge.")
        assert focused(page) == "ex-0-stage-1-weeks"  # the row put back
        assert [page.input_value(f"#ex-0-stage-{j}-{k}") for j, k in
                ((1, "weeks"), (1, "reps"), (1, "sets"), (2, "weeks"), (2, "reps"))] == \
            ["3-4", "8", "3", "5-6", "15"]
        assert page.locator("#undo").count() == 0
        assert axe_violations(page, axe_source) == []
        shoot(page, "weekly-undone")
        text = " ".join(downloaded_text(page, tmp_path).split())
        assert "Weeks 3–4 3 sets of 8" in text and "From week 5 on 2 sets of 15" in text
        assert errors == []


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_last_visits_stages_show_under_the_table(chromium, server, tmp_path, axe_source,
                                                    width):
    from playwright.sync_api import expect

    base, _ = server
    name = f"Lena Lastweeks-{width.capitalize()}"
    with browser_page(chromium, SIZES[width]) as page:
        page.width_name = width
        weeks_open(page, base, name, "chin_tuck", stages=2)
        page.fill("#ex-0-stage-0-hold", "10 s")
        page.fill("#ex-0-stage-1-hold", "20 s")
        with page.expect_download():
            page.click("#download")
        expect(page.locator("#handout-result")).to_contain_text("Downloaded")

        page.goto(base + "/patients?q=" + name.replace(" ", "+"))
        page.click(f"text={name}")
        page.click("text=Start from the last visit")
        line = page.locator("#ex-0-stages-before")
        expect(line).to_have_text("Last visit: weeks 1-2: hold 10 s; weeks 3-4: hold 20 s")
        assert "ex-0-stages-before" in page.get_attribute("#item-0-weekly fieldset",
                                                          "aria-describedby")
        # progress the patient: a third stage, and the second one's hold raised
        page.fill("#ex-0-stage-1-hold", "30 s")
        press(page, "#stage-add-0")
        expect(line).to_have_text("Last visit: weeks 1-2: hold 10 s; weeks 3-4: hold 20 s")
        page.fill("#ex-0-stage-2-hold", "40 s")
        page.locator("#ex-0-stages-before").scroll_into_view_if_needed()
        on_screen(page, "#ex-0-stages-before")
        no_sideways_scroll(page)
        assert axe_violations(page, axe_source) == []
        shoot(page, "weekly-last-visit")
        text = " ".join(downloaded_text(page, tmp_path).split())
        assert "Weeks 3–4" in text and "30 s" in text and "From week 5 on" in text
        expect(line).to_be_visible()  # still there after the download's post


def test_the_next_visit_carries_the_weeks_on_from_where_the_patient_is(chromium, server,
                                                                      axe_source):
    """Started from a visit 15 days ago, the top of the page says the wall angel's stages
    start again at week 1, its link going to the wall angel's Week by week far below, which
    says so too; Carry on makes the one stage left its dose, and Undo puts the stages back;
    axe-core finds nothing serious on the page, at each step."""
    import datetime as dt

    from playwright.sync_api import expect

    import handouts as api
    from handouts import record
    from test_web_browser import LIBRARY

    base, _ = server
    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    data = {"patient": {"name": "Bea Weekson"}, "date": ws.today() - dt.timedelta(days=15),
            "exercises": ["cat_camel", "child_pose", "knee_to_chest", "pelvic_tilt",
                          "wall_angel"]}
    program = api.program_from_data(data, ws, source="program.yaml")
    record.issued(ws, record.Issue.of(program, api.build_handout(program, ws)),
                  channel="printed", by="dave")
    with browser_page(chromium) as page:
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.width_name = "desktop"
        page.goto(base + "/patients?q=weekson")
        page.click("text=Bea Weekson")
        page.click("text=Start from the last visit")
        top = page.locator("#top-notice .notice")
        expect(top).to_contain_text("Wall angel's weekly stages start again at week 1: see "
                                    "its Week by week.")
        assert axe_violations(page, axe_source) == []
        note = page.locator("#ex-4-restart")
        assert note.bounding_box()["y"] > page.viewport_size["height"]  # far below
        page.click("#top-notice a")
        on_screen(page, "#ex-4-restart")
        expect(note).to_have_text(
            "These weekly stages start again at week 1; the last handout was given 15 days "
            "ago (week 3). Carry on from week 3")
        shoot(page, "carry-on")
        assert axe_violations(page, axe_source) == []
        press(page, "#carry-on-4")
        expect(page.locator("#item-4-weekly-result")).to_have_text(
            "Wall angel carries on from week 3 of the last handout. 1 stage done left out. "
            "The stage left is its dose now (reps 8-10, sets 2), with no Week by week.")
        expect(note).to_have_count(0)
        assert page.locator("#ex-4-stage-0-weeks").count() == 0
        assert (page.input_value("#ex-4-reps"), page.input_value("#ex-4-sets")) == \
            ("8-10", "2")
        assert focused(page) == "undo"
        on_screen(page, "#undo")
        shoot(page, "carry-on-undo")
        assert axe_violations(page, axe_source) == []
        press(page, "#undo")
        expect(page.locator("#item-4-weekly-result")).to_have_text(
            "Wall angel's Week by week is back as it was before Carry on.")
        assert focused(page) == "carry-on-4"
        assert page.input_value("#ex-4-reps") == ""
        assert page.get_attribute("#ex-4-stage-1-weeks", "placeholder") == "3-4"
        assert axe_violations(page, axe_source) == []
        assert errors == []
