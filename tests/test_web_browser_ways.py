"""The end-of-visit task in a real headless Chromium by other ways than the mouse: with the
keyboard alone, dragging an exercise to reorder, and the basic flow with JavaScript off.
The app and the browser as in test_web_browser.py."""

from __future__ import annotations

from conftest import page_texts
from test_web_browser import axe_violations, browser_page, post, press, titles, wait_for_cards
from test_web_browser import chromium, axe_source, server  # noqa: F401 (fixtures)


def test_the_task_with_the_keyboard_alone(chromium, server, tmp_path, axe_source):
    base, _ = server
    with browser_page(chromium) as page:
        presses = 0

        def tab_to(selector: str, limit: int = 40) -> None:
            nonlocal presses
            for _ in range(limit):
                page.keyboard.press("Tab")
                presses += 1
                if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                    return
            raise AssertionError(f"{selector} not reached in {limit} Tab presses")

        page.goto(base + "/")
        tab_to("#patient_name")
        page.keyboard.type("Kay Board")
        tab_to("#q")
        page.keyboard.type("bridge")
        wait_for_cards(page, "bridge")
        tab_to("#add-bridge")
        page.keyboard.press("Enter")
        page.locator("#card-bridge-result").wait_for()
        assert page.evaluate("document.activeElement.id") == "add-bridge"
        page.keyboard.press("Shift+Tab")  # back to the search box, by keyboard
        presses += 1
        while page.evaluate("document.activeElement.id") != "q":
            page.keyboard.press("Shift+Tab")
            presses += 1
        page.keyboard.press("Control+A")
        page.keyboard.type("heel")
        wait_for_cards(page, "heel")
        tab_to("#add-heel_raise")
        page.keyboard.press("Enter")
        page.locator("#card-heel_raise-result").wait_for()
        # the result's link leads to the exercise just added; its Up button follows
        page.keyboard.press("Shift+Tab")
        presses += 1
        assert page.evaluate("document.activeElement.textContent") == "Go to it"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "item-1-title"
        tab_to("#up-1")
        page.keyboard.press("Enter")
        page.locator("#item-0-result").wait_for()
        assert titles(page) == ["Heel raise", "Bridge"]
        tab_to("#download")
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        assert info.value.suggested_filename.endswith("_kay-board.pdf")
        # 65: each exercise's Week by week is one stop (59 before it), the log's next visit
        # and its weeks one each (62 before them), a new program's link to the Protocol menu
        # one (64 before it: the skip link lands past the menu); 66: the skip link to the
        # preview, passed on the way to the first box; 68: the caregiver's box and the log's
        # pain row one each; 69: the day week 1 began (weeks_from); 70: the affected side;
        # 71: the caregiver's email
        assert presses <= 71, f"{presses} Tab presses"
        assert axe_violations(page, axe_source) == []


def test_drag_an_exercise_to_reorder(chromium, server, tmp_path):
    base, _ = server
    with browser_page(chromium) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Dee Drag")
        for ident in ("bridge", "chin_tuck", "cat_camel"):
            press(page, f"#add-{ident}")
        assert titles(page) == ["Bridge", "Chin tuck", "Cat and camel"]
        page.hover("#item-2 h3")
        page.mouse.down()
        page.hover("#item-1 h3")
        page.hover("#item-0 h3")
        page.mouse.up()
        page.locator("#item-0-result").wait_for()
        assert titles(page) == ["Cat and camel", "Bridge", "Chin tuck"]

        # a favourite is kept in this browser and comes first; "Favourites only" filters
        page.click("[data-fav=chin_tuck]")
        assert page.get_attribute("[data-fav=chin_tuck]", "aria-pressed") == "true"
        page.reload()
        assert page.locator(".card h3").first.inner_text() == "Chin tuck"
        page.check("#fav-only")
        assert page.locator(".card:visible h3").all_inner_texts() == ["Chin tuck"]


def test_the_basic_flow_works_without_javascript(chromium, server, tmp_path):
    base, _ = server

    with browser_page(chromium, javascript=False) as page:
        page.goto(base + "/")
        page.fill("input[name=patient_name]", "Cy Nojs")
        page.fill("input[name=q]", "heel")
        post(page, "button[value=search]")
        assert page.locator(".card:visible h3").all_inner_texts() == ["Heel raise"]
        post(page, "button[aria-label='Add Heel raise']")
        assert "/d/" in page.url  # Post/Redirect/Get: Back and Reload are safe
        page.fill("input[name=ex-0-reps]", "many")
        post(page, "button[value=download]")
        assert page.inner_text("#ex-0-reps-msg") == \
            '"many" is not a number or range (e.g. "3", "3-5", "as tolerated" or ' \
            '"until mild fatigue")'
        assert page.evaluate("document.activeElement.id") == "ex-0-reps"
        page.fill("input[name=ex-0-reps]", "12")
        post(page, "button[value=build]")
        assert "Ready:" in page.inner_text("#handout-result")
        with page.context.expect_page() as tab:
            page.click("#open-pdf")
        assert tab.value.url.endswith("/handout.pdf")
        page.fill("input[name=ex-0-reps]", "12")
        with page.expect_download() as info:
            page.click("button[value=download]")
        saved = tmp_path / "nojs.pdf"
        info.value.save_as(saved)
        assert "Cy Nojs" in "\n".join(page_texts(saved.read_bytes()))
        page.go_back()
        assert "/d/" in page.url or page.url.endswith("/")
