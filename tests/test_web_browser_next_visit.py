"""The next visit, saved, in a real headless Chromium: the program saved at the last visit
has the patient's name, and the new one, started from the record, is not saved over it. The
app and the browser as in test_web_browser.py."""

from __future__ import annotations

import yaml

from test_web_browser import WIDTHS, axe_violations, browser_page, press
from test_web_browser import chromium, axe_source, server  # noqa: F401 (fixtures)


def test_the_next_visits_program_is_saved_beside_the_last_ones(chromium, server,
                                                               axe_source):
    """Save was refused ("already exists") with an empty file name box, and refused again
    the same way at every press: the box now offers a free name, and a second press keeps
    both programs."""
    from playwright.sync_api import expect

    base, programs = server
    with browser_page(chromium, WIDTHS["desktop"]) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Noa Nextweek")
        press(page, "#add-bridge")
        page.fill("#ex-0-reps", "10")
        press(page, "#save")
        expect(page.locator("#save-result")).to_have_text("Saved as programs/noa-nextweek.yaml")
        with page.expect_download():
            page.click("#download")  # the visit, in the record
        expect(page.locator("#handout-result")).to_contain_text("Downloaded")

        # a week later: from the patient's history, a dose progressed, saved
        page.goto(base + "/patients?q=noa+nextweek")
        page.click("text=Noa Nextweek")
        page.click("text=Start from the last visit")
        page.fill("#ex-0-reps", "15")
        press(page, "#save")
        message = page.locator("#file_name-msg")
        expect(message).to_contain_text("Not saved: programs/noa-nextweek.yaml already exists.")
        expect(message).to_contain_text(
            "To keep both, press Save program again: this one goes to "
            "programs/noa-nextweek-2.yaml.")
        assert page.input_value("#file_name") == "noa-nextweek-2"
        assert page.evaluate("document.activeElement.id") == "file_name"
        assert axe_violations(page, axe_source) == []
        press(page, "#save")
        expect(page.locator("#save-result")).to_have_text(
            "Saved as programs/noa-nextweek-2.yaml")
    first = yaml.safe_load((programs / "noa-nextweek.yaml").read_text(encoding="utf-8"))
    second = yaml.safe_load((programs / "noa-nextweek-2.yaml").read_text(encoding="utf-8"))
    assert first["exercises"] == [{"id": "bridge", "dose": {"reps": "10"}}]
    assert second["exercises"] == [{"id": "bridge", "dose": {"reps": "15"}}]
