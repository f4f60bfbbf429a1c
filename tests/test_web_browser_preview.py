"""The preview on a clinic's common laptop (1366 x 768 at 100 %) in real headless Chromium:
its column is about 420 px wide, so a Letter page's words are 5 px high; one click on the
page shows it at print size, over the editor, and Escape goes back to where it was. What a
screen reader hears of it: each page's link and picture named, the line saying what to do
while there is no page. Server, browser and axe as in test_web_browser.py."""

from __future__ import annotations

from test_web_browser import (axe_source, axe_violations, browser_page,  # noqa: F401
                              chromium, preview_loaded, server)

LAPTOP = (1366, 768)


def test_one_click_shows_the_page_at_print_size(chromium, server, axe_source):
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium, LAPTOP) as page:
        page.goto(base + "/")
        page.select_option("#protocol", "low_back_start")
        page.click("#protocol-go")
        status = page.locator("#preview-status")
        # an empty name was never marked, yet the line said "Fix the marked boxes"
        expect(status).to_have_text("Type the patient's name to see the handout.")
        expect(page.locator("#preview-pages")).to_be_hidden()  # no landmark with no links

        page.fill("#patient_name", "Lap Top")
        page.fill("#ex-0-reps", "12")
        expect(status).to_contain_text("Page 1 of")
        preview_loaded(page)
        shown, drawn = page.eval_on_selector(
            "#preview-img", "img => [img.getBoundingClientRect().width, img.naturalWidth]")
        assert shown < drawn  # the column is narrower than the page as it is drawn
        pages = page.get_by_role("navigation", name="Preview pages")
        expect(pages.get_by_role("link", name="Page 2", exact=True)).to_be_visible()
        total = page.locator("#preview-pages a").count()
        picture = page.get_by_role("link", name=f"Page 1 of {total} of the handout: see it "
                                                "at print size")

        picture.click()
        dialog = page.get_by_role("dialog", name=f"Page 1 of {total} at print size")
        expect(dialog).to_be_visible()
        large = page.locator("#print-size-img")
        expect(large).to_have_js_property("complete", True)
        # a Letter page is 8.5 in wide: 816 CSS px at 100 %, as a ruler measures the paper
        width = page.wait_for_function(
            "() => document.getElementById('print-size-img').getBoundingClientRect().width"
            " >= 815 && document.getElementById('print-size-img').getBoundingClientRect()")
        box = width.json_value()
        assert 815 <= box["width"] <= 817 and box["left"] >= 0 and box["right"] <= LAPTOP[0]
        assert page.evaluate("document.activeElement.id") == "print-size-close"
        assert axe_violations(page, axe_source) == []

        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        assert page.evaluate("document.activeElement.id") == "preview-zoom"
