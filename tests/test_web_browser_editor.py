"""The editor in real headless Chromium, where the tester found the page let the therapist
down: Enter in a text box keeps the focus in that box; the banner about library files saved
with a problem comes and goes with the button pressed, not only with a reload; a preview page
chosen is said in the preview's status line. Server, browser and axe as in
test_web_browser.py."""

from __future__ import annotations

import contextlib
import re
import shutil

import handouts as api

from conftest import WEB_LIBRARY
from test_web_browser import (answered, axe_source, axe_violations, browser_page,  # noqa: F401
                              chromium, on_screen, press, running, server)


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def enter_in(page, selector: str, typed: str) -> None:
    """Type at the end of a box's text and press Enter; wait until the page has swapped in
    the answer."""
    page.focus(selector)
    page.keyboard.press("End")
    page.keyboard.type(typed)
    with page.expect_response(lambda r: r.url.endswith("/program")):
        page.keyboard.press("Enter")
    answered(page)


def test_enter_in_a_text_box_keeps_the_focus_in_that_box(chromium, server, tmp_path):
    base, _ = server
    with browser_page(chromium) as page:
        page.goto(base + "/")
        press(page, "#add-child_pose")
        press(page, "#add-bridge")
        for selector, typed in [("#patient_name", "Ena Enter"), ("#patient_dob", "1970-01-02"),
                                ("#therapist", "Tom Typed"), ("#ex-1-reps", "12"),
                                ("#ex-1-note", "Slowly"), ("#file_name", "ena-enter")]:
            enter_in(page, selector, typed)
            assert focused(page) == selector[1:], selector
            on_screen(page, selector)
            assert page.input_value(selector).endswith(typed)
        # the caret stays where it was: typing goes on at the end of what was typed
        page.keyboard.type("-2")
        assert page.input_value("#file_name") == "ena-enter-2"
        enter_in(page, "#patient_name", "")
        page.keyboard.type("s")
        assert page.input_value("#patient_name") == "Ena Enters"


@contextlib.contextmanager
def serving(folder):
    """The app as `serve` runs it, on a library and clinic of the test's own (``folder``, a
    copy of the web library, which the test may edit while the app runs)."""
    shutil.copytree(WEB_LIBRARY, folder)
    ws = api.open_workspace(folder / "exercises.yaml", folder / "clinic.yaml")
    with running(ws, folder / "programs") as base:
        yield base


def _open_then_break_the_library(page, base: str, library, patient: str) -> str:
    """A program open with child's pose in it; then the library saved with a mistake in that
    exercise's hold. Returns the library as it was, to put back."""
    page.goto(base + "/")
    page.fill("#patient_name", patient)
    press(page, "#add-child_pose")
    good = (library / "exercises.yaml").read_text(encoding="utf-8")
    (library / "exercises.yaml").write_text(good.replace("hold: 20-30 s", "hold: 20-x s"),
                                            encoding="utf-8")
    return good


def test_the_banner_about_library_files_follows_each_button(chromium, tmp_path, axe_source):
    """A clinic saves its library with a mistake while a program is open: the next button
    pressed shows why the last good files are still in use, and the one after the file is
    fixed takes the banner away, each without a reload."""
    from playwright.sync_api import expect

    library = tmp_path / "library"
    with serving(library) as base, browser_page(chromium) as page:
        good = _open_then_break_the_library(page, base, library, "Bo Banner")
        press(page, "#build")  # built from the last good files, and the page says why
        expect(page.locator("#handout-result")).to_contain_text("Ready: ")
        expect(page.locator(".stale")).to_contain_text(
            "The library files as saved have 1 problem")
        expect(page.locator(".stale")).to_contain_text(
            'exercises[child_pose].dose.hold: "20-x s" is not a duration')
        assert axe_violations(page, axe_source) == []
        (library / "exercises.yaml").write_text(good, encoding="utf-8")
        press(page, "#add-bridge")
        expect(page.locator(".stale")).to_have_count(0)
        assert page.input_value("#patient_name") == "Bo Banner"


def test_the_banner_about_library_files_follows_the_preview_as_it_redraws(chromium, tmp_path,
                                                                          axe_source):
    """The library saved with a mistake while a dose is typed: the preview's redraw (no button
    pressed) brings the banner that says why the last good files are still in use, and the
    redraw after the file is fixed takes it away. It followed only the buttons."""
    from playwright.sync_api import expect

    library = tmp_path / "library"
    with serving(library) as base, browser_page(chromium) as page:
        good = _open_then_break_the_library(page, base, library, "Pat Preview")
        with page.expect_response(lambda r: r.url.endswith("/preview")):
            page.fill("#ex-0-reps", "4")  # the preview redraws after the pause
        expect(page.locator(".stale")).to_contain_text(
            "The library files as saved have 1 problem")
        expect(page.locator(".stale")).to_contain_text(
            'exercises[child_pose].dose.hold: "20-x s" is not a duration')
        assert page.locator("#stale-library").count() == 1
        assert axe_violations(page, axe_source) == []
        (library / "exercises.yaml").write_text(good, encoding="utf-8")
        with page.expect_response(lambda r: r.url.endswith("/preview")):
            page.fill("#ex-0-reps", "5")
        expect(page.locator(".stale")).to_have_count(0)
        assert page.locator("#stale-library").count() == 1  # there for the next one
        assert page.input_value("#patient_name") == "Pat Preview"


def test_the_preview_says_which_page_it_shows(chromium, server, tmp_path):
    """A page chosen under the preview is said in its status line, and to a screen reader,
    not left saying page 1."""
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium) as page:
        page.goto(base + "/")
        # set without an input event, so that no redrawn preview can come after the click:
        # the pages shown are those each button's answer brings
        page.eval_on_selector("#patient_name", "el => { el.value = 'Pia Pages'; }")
        press(page, "#add-child_pose")
        press(page, "#add-bridge")
        status = page.locator("#preview-status")
        expect(status).to_have_text(re.compile(r"^Page 1 of \d+: as it prints\.$"))
        pages = page.locator("#preview-pages a").count()
        assert pages >= 2
        page.click("#preview-pages a[data-page='2']")
        expect(status).to_have_text(f"Page 2 of {pages}: as it prints.")
        assert page.get_attribute("#preview-img", "alt") == (
            f"Page 2 of {pages} of the handout: see it at print size")
        # the line is no live region (it said "(updated)" at each pause in typing): the page
        # a link showed is told to a screen reader in the page's one polite region
        expect(page.locator("#announce")).to_have_text(f"Page 2 of {pages}: as it prints.")


def test_unticking_a_protocols_topic_says_the_handout_loses_the_protocol(chromium, server,
                                                                          axe_source):
    """A topic of the protocol unticked (no button pressed): as the preview redraws, the
    page says the program is no longer the protocol and its handout will not carry the
    protocol's title, in the list of what the handout warns about, which axe finds fine;
    ticked again, the note goes. The page said nothing, and the title was lost."""
    from playwright.sync_api import expect

    base, _ = server
    said = 'This is no longer the protocol "Low back: first week": you unticked'
    with browser_page(chromium) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Ute Untick")
        page.select_option("#protocol", "low_back_start")
        press(page, "#protocol-go")
        expect(page.locator("#preview-status")).to_contain_text("as it prints")
        assert said not in page.inner_text("#warnings-box")
        with page.expect_response(lambda r: r.url.endswith("/preview")):
            page.uncheck("#topic-posture")
        expect(page.locator("#preview-warnings")).to_contain_text(said)
        assert axe_violations(page, axe_source) == []
        with page.expect_response(lambda r: r.url.endswith("/preview")):
            page.check("#topic-posture")
        expect(page.locator("#warnings-box")).not_to_contain_text(said)


def test_the_next_visit_and_the_weeks_of_log_are_labelled_and_told_at_their_boxes(
        chromium, server, axe_source):
    """The log's two boxes are found by their labels; a next visit on the visit's own day
    is told at its box (and focused), which axe finds fine."""
    import datetime as dt

    from playwright.sync_api import expect

    base, _ = server
    today = api.clinic_today(None)
    with browser_page(chromium) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Nia Nextvisit")
        press(page, "#add-bridge")
        page.get_by_label("Next visit").fill(today.isoformat())
        page.get_by_label("Weeks of log").select_option("2")
        press(page, "#build")
        expect(page.locator("#next_visit-msg")).to_contain_text("is not after the visit's date")
        assert focused(page) == "next_visit"
        assert page.get_attribute("#next_visit", "aria-invalid") == "true"
        assert axe_violations(page, axe_source) == []
        page.get_by_label("Next visit").fill((today + dt.timedelta(days=7)).isoformat())
        press(page, "#build")
        expect(page.locator("#next_visit-msg")).to_have_text("")
        assert page.locator("#log_weeks").input_value() == "2"
