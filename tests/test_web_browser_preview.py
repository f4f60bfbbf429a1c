"""The preview on a clinic's common laptop (1366 x 768 at 100 %) in real headless Chromium:
its column is about 420 px wide, so a Letter page's words are 5 px high; one click on the
page shows it at print size, over the editor, and Escape goes back to where it was. What a
screen reader hears of it: each page's link and picture named, the line saying what to do
while there is no page. Server, browser and axe as in test_web_browser.py."""

from __future__ import annotations

import re

from test_web_browser import (axe_source, axe_violations, browser_page,  # noqa: F401
                              chromium, preview_loaded, server)

LAPTOP = (1366, 768)


def start_from_protocol(page, base: str) -> None:
    """A new program from the low back protocol, the patient's name not typed yet."""
    page.goto(base + "/")
    page.select_option("#protocol", "low_back_start")
    page.click("#protocol-go")


def test_one_click_shows_the_page_at_print_size(chromium, server, axe_source):
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium, LAPTOP) as page:
        start_from_protocol(page, base)
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


HEARD = """() => { window.heard = [];
    new MutationObserver(() => { const said = document.getElementById('announce').textContent;
        if (said) window.heard.push(said); })
      .observe(document.getElementById('announce'), {childList: true, characterData: true,
                                                     subtree: true}); }"""


def test_a_screen_reader_hears_the_preview_only_when_it_changes(chromium, server):
    """The line above the preview was a live region that said "Page 1 of 3: as it prints
    (updated)" after every pause in typing. It still shows that; a screen reader is told a
    new page count, or what to do while there is no handout, once each."""
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium, LAPTOP) as page:
        start_from_protocol(page, base)
        status = page.locator("#preview-status")
        expect(status).to_have_text("Type the patient's name to see the handout.")
        live = "el => !!el.closest('[role=status], [role=alert], [aria-live]')"
        assert not status.evaluate(live)
        page.evaluate(HEARD)

        def updated(action) -> None:
            was = page.evaluate("document.getElementById('preview').dataset.updated || ''")
            action()
            page.wait_for_function("(was) => (document.getElementById('preview').dataset"
                                   ".updated || '') !== was", arg=was)

        updated(lambda: page.fill("#patient_name", "Lee Listen"))
        total = page.locator("#preview-pages a").count()
        expect(status).to_have_text(f"Page 1 of {total}: as it prints (updated).")
        updated(lambda: page.fill("#ex-0-reps", "12"))
        updated(lambda: page.fill("#note", "Walk each day."))  # the same page count
        updated(lambda: page.check("#large_print"))
        more = page.locator("#preview-pages a").count()
        assert more > total
        updated(lambda: page.fill("#patient_name", ""))
        expect(status).to_have_text("Type the patient's name to see the handout.")
        updated(lambda: page.fill("#note", "Walk each day, twice."))  # nothing new to say
        updated(lambda: page.fill("#patient_name", "Lee Listen"))
        page.wait_for_function("() => window.heard.length >= 4")
        assert page.evaluate("window.heard") == [
            f"Page 1 of {total}: as it prints.", f"Page 1 of {more}: as it prints.",
            "Type the patient's name to see the handout.", f"Page 1 of {more}: as it prints."]


def test_the_print_size_dialog_turns_the_pages(chromium, server, axe_source):
    """The page at print size showed one page: Previous and Next (a fingertip's size, by the
    keyboard too) turn it, the focus stays in the dialog when a button is disabled under it,
    and Escape goes back to the picture, which shows the page last read."""
    from playwright.sync_api import expect

    from test_web_browser import shoot

    base, _ = server
    for size in (LAPTOP, (820, 1180)):
        with browser_page(chromium, size) as page:
            page.width_name = f"{size[0]}"
            start_from_protocol(page, base)
            page.fill("#patient_name", "Tess Turner")
            expect(page.locator("#preview-status")).to_contain_text("(updated)")
            preview_loaded(page)
            total = page.locator("#preview-pages a").count()
            assert total >= 3
            page.click("#preview-zoom")
            heading = page.locator("#print-size-h")
            expect(heading).to_have_text(f"Page 1 of {total} at print size")
            prev, next_ = page.locator("#print-size-prev"), page.locator("#print-size-next")
            expect(prev).to_be_disabled()
            for button in (prev, next_, page.locator("#print-size-close")):
                box = button.bounding_box()
                assert box["width"] >= 44 and box["height"] >= 44, box
            page.keyboard.press("Shift+Tab")  # from Close to Next: Previous is disabled
            assert page.evaluate("document.activeElement.id") == "print-size-next"
            for n in range(2, total + 1):
                page.keyboard.press("Enter")
                expect(heading).to_have_text(f"Page {n} of {total} at print size")
            last = page.get_attribute("#preview-pages a:last-child", "href")
            expect(page.locator("#print-size-img")).to_have_attribute(
                "src", re.compile(re.escape(last) + "$"))
            expect(page.locator("#print-size-said")).to_have_text(
                f"Page {total} of {total} at print size")
            expect(next_).to_be_disabled()
            # the focus was on Next as it was disabled: it is on Previous, in the dialog
            assert page.evaluate("document.activeElement.id") == "print-size-prev"
            page.keyboard.press("ArrowLeft")
            expect(heading).to_have_text(f"Page {total - 1} of {total} at print size")
            expect(page.locator("#print-size-img")).to_have_js_property("complete", True)
            shoot(page, "print-size-turned")
            assert axe_violations(page, axe_source) == []
            page.keyboard.press("Escape")
            expect(page.get_by_role("dialog")).to_be_hidden()
            assert page.evaluate("document.activeElement.id") == "preview-zoom"
            expect(page.locator(f"#preview-pages a[data-page='{total - 1}']")).to_have_attribute(
                "aria-current", "page")


def test_a_pages_link_says_it_opens_a_new_tab_where_it_does(chromium, server, axe_source):
    """Without JavaScript a page's link opens it at print size in a new tab and said only
    "Page 2"; with it, the link shows the page beside the form and must not say new tab."""
    from playwright.sync_api import expect

    from test_web_browser import post

    base, _ = server
    with browser_page(chromium, LAPTOP, javascript=False) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Nora Noscript")
        page.select_option("#protocol", "low_back_start")
        post(page, "#protocol-go")
        nav = page.get_by_role("navigation", name="Preview pages")
        two = nav.get_by_role("link", name="Page 2 at print size (new tab)", exact=True)
        expect(two).to_have_attribute("target", "_blank")
        with page.context.expect_page() as tab:
            two.click()
        assert "print" in tab.value.url
        tab.value.close()
        total = page.locator("#preview-pages a").count()
        zoom = page.get_by_role("link", name=f"Page 1 of {total} of the handout: see it at "
                                             "print size (new tab)", exact=True)
        expect(zoom).to_have_attribute("target", "_blank")
        expect(page.locator("#preview-zoom-hint")).to_have_text(
            "Click or tap the page to see it at print size in a new tab.")
        draft, cookies = page.url, page.context.cookies()  # the draft is the session's
    # axe needs JavaScript (its timers): the page as served, its own scripts kept out
    with browser_page(chromium, LAPTOP) as page:
        page.context.add_cookies(cookies)
        page.route("**/*.js", lambda route: route.abort())
        page.goto(draft)
        expect(page.locator("#preview-pages a[data-page='2']")).to_have_accessible_name(
            "Page 2 at print size (new tab)")
        assert axe_violations(page, axe_source) == []
    # the same page with JavaScript, its links as served, and as the preview draws them anew
    with browser_page(chromium, LAPTOP) as page:
        page.context.add_cookies(cookies)
        page.goto(draft)
        preview_loaded(page)
        served = page.locator("#preview-pages a[data-page='2']")
        expect(served).to_have_accessible_name("Page 2")
        expect(served).not_to_have_attribute("target", re.compile(".*"))
        page.fill("#patient_name", "Jo Script")
        expect(page.locator("#preview-status")).to_contain_text("(updated)")
        preview_loaded(page)
        nav = page.get_by_role("navigation", name="Preview pages")
        expect(nav.get_by_role("link", name="Page 2", exact=True)).not_to_have_attribute(
            "target", re.compile(".*"))
        expect(page.locator("#preview-zoom")).not_to_have_attribute("target", re.compile(".*"))
        expect(page.locator("#preview-zoom-hint")).to_have_text(
            "Click or tap the page to see it at print size.")
        assert axe_violations(page, axe_source) == []


def test_a_skip_link_takes_the_keyboard_to_the_preview(chromium, server, axe_source):
    """From Large print, the last box of the patient's, the preview was 80 Tab presses away
    (every exercise's boxes, the library's cards): the links shown on focus at the top of the
    page had the library and the handout buttons, not the preview."""
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium, LAPTOP) as page:
        start_from_protocol(page, base)
        page.fill("#patient_name", "Kay Skip")
        expect(page.locator("#preview-status")).to_contain_text("Page 1 of")
        preview_loaded(page)
        page.focus("a.skip")  # the page's first link, as the first Tab press takes it
        for _ in range(3):  # after the page, the library search and the handout buttons
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the preview"
        box = page.locator("a.skip:focus").bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0  # shown where it has the focus
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "preview-h"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.page") == "1"
        assert axe_violations(page, axe_source) == []


def test_the_keyboard_keeps_its_page_link_when_the_preview_is_drawn_again(chromium, server):
    """A redraw makes the page links anew: the keyboard on page 2's link (tabbed to just
    after typing, 400 ms before the redraw) was dropped to the top of the page. It stays on
    page 2's link, and goes to the preview's heading when there are no pages to show."""
    base, _ = server
    with browser_page(chromium, LAPTOP) as page:
        start_from_protocol(page, base)
        page.fill("#patient_name", "Kay Keys")
        page.wait_for_function("() => document.querySelectorAll('#preview-pages a').length > 1")
        preview_loaded(page)

        def typed_elsewhere(selector: str, value: str) -> None:
            """A box changed while the keyboard stays where it is, and the redraw waited
            for."""
            was = page.evaluate("document.getElementById('preview').dataset.updated")
            page.eval_on_selector(selector, "(box, value) => { box.value = value;"
                                  " box.dispatchEvent(new Event('input', {bubbles: true})); }",
                                  value)
            page.wait_for_function("(was) => document.getElementById('preview').dataset"
                                   ".updated !== was", arg=was)

        page.focus('#preview-pages a[data-page="2"]')
        typed_elsewhere("#ex-0-reps", "12")
        assert page.evaluate("document.activeElement.dataset.page") == "2"
        page.keyboard.press("Tab")  # the keyboard goes on from where it was
        assert page.evaluate("document.activeElement.dataset.page") == "3"

        typed_elsewhere("#patient_name", "")  # no handout: no page links
        assert page.evaluate("document.activeElement.id") == "preview-h"
