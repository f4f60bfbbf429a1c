"""What a button's answer keeps, with JavaScript, in real headless Chromium: a bad dose stays
marked and the sections a therapist opened stay open when another exercise is removed (the
swapped-in part of the page had dropped both). Server and browser as in test_web_browser.py;
the same without JavaScript is in test_web_editor_kept.py."""

from __future__ import annotations

from test_web_browser import browser_page, chromium, press, server  # noqa: F401


def test_a_bad_dose_and_the_sections_opened_outlast_another_button(chromium, server):
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium) as page:
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + "/")
        page.fill("#patient_name", "Kit Kept")
        for ident in ("bridge", "chin_tuck", "cat_camel"):
            press(page, f"#add-{ident}")
        page.click("#item-1 details.more summary")
        page.click("#item-1-weekly summary")
        page.fill("#ex-1-reps", "5-x")
        press(page, "#build")
        expect(page.locator("#ex-1-reps")).to_have_attribute("aria-invalid", "true")
        press(page, "#remove-0")  # another exercise's button

        expect(page.locator("#ex-0-reps")).to_have_value("5-x")
        expect(page.locator("#ex-0-reps")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#ex-0-reps-msg")).to_contain_text("is not a number or range")
        for section in ("#item-0 details.more", "#item-0-weekly"):
            expect(page.locator(section)).to_have_attribute("open", "")
        expect(page.locator("#item-1 details.more")).not_to_have_attribute("open", "")

        # one closed again stays closed through the next button
        page.click("#item-0 details.more summary")
        press(page, "#down-0")
        expect(page.locator("#item-1 details.more")).not_to_have_attribute("open", "")
        expect(page.locator("#item-1-weekly")).to_have_attribute("open", "")
        expect(page.locator("#ex-1-reps")).to_have_attribute("aria-invalid", "true")
        assert errors == []


def test_a_new_program_links_the_keyboard_to_the_protocol_menu(chromium, server):
    """The skip link lands on the library's search box, past the Protocol menu a new program
    is often started from: the empty program's line takes the keyboard there."""
    base, _ = server
    with browser_page(chromium) as page:
        page.goto(base + "/")
        page.focus("#patient_name")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent") == "start from a protocol":
                break
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "protocol"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "protocol-go"


def test_week_by_week_closed_stays_closed_though_it_has_rows(chromium, server):
    """Week by week with rows opened at every button's answer: closed, it stays closed."""
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Wes Weekly")
        press(page, "#add-wall_angel")  # the library has stages for it: open, the first time
        weekly = page.locator("#item-0-weekly")
        expect(weekly).to_have_attribute("open", "")
        page.click("#item-0-weekly summary")
        press(page, "#add-chin_tuck")
        press(page, "#up-1")
        expect(page.locator("#item-1-weekly")).not_to_have_attribute("open", "")
        page.fill("#patient_name", "")
        press(page, "#build")
        expect(page.locator("#item-1-weekly")).not_to_have_attribute("open", "")
