"""The day's packets in real headless Chromium, where the tester found the page let the front
desk down: a walk-in number left out is told beside its box, which gets the focus and keeps
what was typed, and each form's two-sided printing stays as it was ticked, through an error
and through a build; what a build did gets the focus. Server, browser and axe as in
test_web_browser.py. A French clinic's library, which has no protocol: walk-ins say how to
make one rather than offer an empty menu that failed as an expired page."""

from __future__ import annotations

import re

import handouts as api

from test_library_language import clinic
from test_web_browser import (axe_source, axe_violations, browser_page, chromium,  # noqa: F401
                              running, server)


def test_a_walk_in_number_left_out_is_told_beside_its_box(chromium, server, tmp_path,
                                                          axe_source):
    from playwright.sync_api import expect

    base, _ = server
    with browser_page(chromium) as page:
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


def test_two_sided_printing_stays_ticked_each_form_its_own(chromium, server, tmp_path):
    from playwright.sync_api import expect

    base, _ = server
    roster = tmp_path / "today.csv"
    roster.write_text("name,program\nEve Example,low_back_start\n")
    with browser_page(chromium) as page:
        page.goto(base + "/packets")
        page.set_input_files("#roster", str(roster))
        page.check("#duplex")
        with page.expect_navigation():
            page.click("text=Build one print file")
        expect(page.locator("#packets-result")).to_contain_text("Built 1 packet from today.csv")
        # the next roster prints two-sided too, unless unticked
        assert page.is_checked("#duplex") and not page.is_checked("#walk-duplex")

        page.fill("#copies", "2")
        page.check("#walk-duplex")
        with page.expect_navigation():
            page.click("text=Build walk-in packets")
        expect(page.locator("#packets-result")).to_contain_text("Built 2 walk-in packets")
        assert page.is_checked("#walk-duplex") and page.is_checked("#duplex")
        assert page.input_value("#copies") == "2"

        page.uncheck("#duplex")
        page.set_input_files("#roster", str(roster))
        with page.expect_navigation():
            page.click("text=Build one print file")
        expect(page.locator("#packets-result")).not_to_contain_text("fresh sheets")
        assert not page.is_checked("#duplex") and page.is_checked("#walk-duplex")


def test_what_a_build_did_gets_the_focus_so_that_it_is_read_out(chromium, server, tmp_path):
    """The result (or why nothing was built) is on the page as it loads, where a screen
    reader may not announce a status: the focus moves to it, as the editor's results do."""
    from playwright.sync_api import expect

    base, _ = server
    good, bad = tmp_path / "today.csv", tmp_path / "bad.csv"
    good.write_text("name,program,dob\nEve Example,low_back_start,1970-01-02\n"
                    "Eve Example,low_back_start,1970-01-02\n")
    bad.write_text("name,program\nFay Example,nothing_such\n")
    with browser_page(chromium) as page:
        page.goto(base + "/packets")
        for roster, shown in ((good, "#packets-result"), (bad, "#problems")):
            page.set_input_files("#roster", str(roster))
            with page.expect_navigation():
                page.click("text=Build one print file")
            expect(page.locator(shown)).to_be_focused()
            if roster == good:  # Eve listed twice: one packet, and no row left out (it
                # said "1 row could not be built" of the row that shares her packet)
                expect(page.locator("#packets-result")).to_have_text(re.compile(
                    r"^Built 1 packet from today\.csv, \d+ pages; 1 row the same as an earlier "
                    r"one \(one packet for both\) \(below\)\.$"))
                expect(page.locator("#problems")).to_contain_text(
                    "today.csv:3: row 2 is the same patient and program as row 1 (line 2); "
                    "one packet is made for both")
        page.fill("#copies", "1")
        with page.expect_navigation():
            page.click("text=Build walk-in packets")
        expect(page.locator("#packets-result")).to_contain_text("Built 1 walk-in packet")
        expect(page.locator("#packets-result")).to_be_focused()


def test_walk_ins_of_a_library_without_a_protocol_say_how_to_make_one(chromium, tmp_path,
                                                                      axe_source):
    """The French test clinic has no protocol: the walk-in form offered an empty menu, and
    its button answered "That request could not be used ... open too long"."""
    from playwright.sync_api import expect
    ws = api.open_workspace(home=clinic(tmp_path))
    with running(ws, tmp_path / "programs", threads=2) as base, \
            browser_page(chromium) as page:
        page.goto(f"{base}/packets")
        expect(page.locator("#no-protocols")).to_contain_text(  # in the clinic's French
            "Les dossiers sans rendez-vous sont faits à partir d’un protocole, et la "
            "bibliothèque n’en a pas encore.")
        assert page.locator("#walk-protocol, #copies").count() == 0
        assert axe_violations(page, axe_source) == []
