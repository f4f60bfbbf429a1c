"""The day's packets in real headless Chromium, where the tester found the page let the front
desk down: a walk-in number left out is told beside its box, which gets the focus and keeps
what was typed, and each form's two-sided printing stays as it was ticked. Server, browser
and axe as in test_web_browser.py."""

from __future__ import annotations

from test_web_browser import (axe_source, axe_violations, browser_page, chromium,  # noqa: F401
                              server)


def test_a_walk_in_number_left_out_is_told_beside_its_box(chromium, server, tmp_path,
                                                          axe_source):
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium, tmp_path) as page:
        page.goto(base + "/packets")
        page.fill("#copies", "")
        page.select_option("#walk-layout", "compact")
        page.check("#walk-duplex")
        with page.expect_navigation():
            page.click("text=Build walk-in packets")
        expect(page.locator("#copies-msg")).to_have_text("Give the number of packets: 1 to 50.")
        assert "copies-msg" in page.get_attribute("#copies", "aria-describedby").split()
        assert page.get_attribute("#copies", "aria-invalid") == "true"
        expect(page.locator("#copies")).to_be_focused()
        assert page.input_value("#copies") == ""  # as typed, not a number never typed
        assert page.input_value("#walk-layout") == "compact"
        assert page.is_checked("#walk-duplex") and not page.is_checked("#duplex")
        assert axe_violations(page, axe_source) == []

