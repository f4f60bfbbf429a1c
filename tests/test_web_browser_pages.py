"""The web app's other pages in a real headless Chromium: every page at the narrowest and
widest screens, a second visit from the patient's history, the day's packets from the front
desk. The app and the browser as in test_web_browser.py."""

from __future__ import annotations

import handouts as api

from conftest import page_texts
from test_web_browser import (LIBRARY, WIDTHS, axe_violations, browser_page, no_sideways_scroll,
                              press, shoot, titles)
from test_web_browser import chromium, axe_source, server  # noqa: F401 (fixtures)


def test_every_page_at_the_narrowest_and_widest_screens(chromium, server, tmp_path, axe_source):
    from playwright.sync_api import expect

    base, _ = server
    for size in ((320, 640), (1280, 800)):
        with browser_page(chromium, size) as page:
            page.width_name = str(size[0])
            page.goto(base + "/")
            page.fill("#patient_name", "Wide Narrow")
            press(page, "#add-hip_flexor_stretch")
            page.fill("#ex-0-hold", "5-x s")
            press(page, "#build")
            # no picture of a handout that cannot be built, not even a broken one
            expect(page.locator("#preview-img")).to_be_hidden()
            expect(page.locator("#preview-status")).to_have_text(
                'To see the handout, fix "Exercise 1 (Standing hip flexor stretch), hold".')
            shoot(page, "editor-problems")
            pages = {"editor": page.url}
            with page.expect_download():
                page.fill("#ex-0-hold", "30 s")
                page.click("#download")  # so that the record has a patient to show
            for name, address in [("saved", "/programs"), ("missing", "/nothing-here"),
                                  ("gone", "/d/not-a-draft"), ("patients", "/patients")]:
                pages[name] = base + address
            page.goto(base + "/patients?q=wide+narrow")
            pages["patient"] = base + page.get_attribute(".plain-list a", "href")
            for name, address in pages.items():
                page.goto(address)
                assert page.locator("h1").count() == 1, name
                no_sideways_scroll(page)
                assert axe_violations(page, axe_source) == [], name


def test_a_second_visit_from_the_patients_history(chromium, server, tmp_path, axe_source):
    """Two patients of one name stay two; the second visit starts from the first, shows the
    old doses beside the new, prints the new ones, and the first visit stays in the record."""
    from playwright.sync_api import expect

    from handouts import record

    base, _ = server
    with browser_page(chromium, WIDTHS["tablet"]) as page:
        page.width_name = "tablet"

        def visit(dob: str, exercise: str, reps: str, topic: str = "") -> None:
            page.goto(base + "/")
            page.fill("#patient_name", "Jo Twin-Sample")
            page.fill("#patient_dob", dob)
            press(page, f"#add-{exercise}")
            page.fill("#ex-0-reps", reps)
            if topic:
                page.check(f"#topic-{topic}")
            with page.expect_download():
                page.click("#download")
            expect(page.locator("#handout-result")).to_contain_text("Downloaded")

        visit("1961-04-30", "bridge", "10", topic="posture")
        visit("1985-05-05", "chin_tuck", "5")
        page.goto(base + "/patients?q=twin")
        people = page.locator(".plain-list a").all_inner_texts()
        assert people == ["Jo Twin-Sample (born 1961-04-30)",
                          "Jo Twin-Sample (born 1985-05-05)"]
        assert axe_violations(page, axe_source) == []
        page.click("text=Jo Twin-Sample (born 1961-04-30)")
        expect(page.locator("h1")).to_have_text("Jo Twin-Sample (born 1961-04-30)")
        assert page.locator(".visit").count() == 1
        assert "Bridge: reps 10" in page.inner_text(".visit")
        # what she was given to read, beside what to do: the front desk asks for both
        assert page.inner_text(".visit .topics") == "Education: Sitting well"
        assert "Downloaded" in page.inner_text(".visit")
        assert axe_violations(page, axe_source) == []
        shoot(page, "patient")

        # a handout lost: made again from the record, the very PDF she was given
        page.click(".given a")
        expect(page.locator("#sameness")).to_contain_text("the very same PDF, byte for byte")
        assert axe_violations(page, axe_source) == []
        again = page.request.get(base + page.get_attribute("#open-pdf", "href"))
        assert again.headers["content-type"] == "application/pdf"
        assert "Bridge" in "\n".join(page_texts(again.body()))
        page.click("text=Back to Jo Twin-Sample")

        # the next visit: the old dose beside the box, the new one prints
        page.click("text=Start from the last visit")
        expect(page.locator("#ex-0-reps-before")).to_have_text("Last visit: 10")
        assert page.input_value("#ex-0-reps") == "10"
        assert page.input_value("#patient_dob") == "1961-04-30"
        page.fill("#ex-0-reps", "15")
        shoot(page, "second-visit")
        assert axe_violations(page, axe_source) == []
        with page.expect_download() as info:
            page.click("#download")
        saved = tmp_path / "second.pdf"
        info.value.save_as(saved)
        text = "\n".join(page_texts(saved.read_bytes()))
        assert "2 sets of 15" in text and "2 sets of 10" not in text

        page.goto(base + "/patients?q=twin")
        page.click("text=Jo Twin-Sample (born 1961-04-30)")
        assert page.locator(".visit").count() == 2
        assert "Bridge: reps 15" in page.locator(".visit").nth(0).inner_text()
        assert "Bridge: reps 10" in page.locator(".visit").nth(1).inner_text()
    # read back from the record itself: two versions for her, one for the other Jo
    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    jo = {p.dob.isoformat(): p for p in record.patients(ws, "Jo Twin-Sample")}
    first, second = record.visits(ws, jo["1961-04-30"])
    assert "reps: '10'" in first.yaml or "reps: 10" in first.yaml
    assert [h.channel for h in first.handouts] == ["downloaded"]
    assert "15" in second.yaml and [h.channel for h in second.handouts] == ["downloaded"]
    assert len(record.visits(ws, jo["1985-05-05"])) == 1


def test_the_days_packets_from_the_front_desk(chromium, server, tmp_path, axe_source):
    """The front desk chooses the day's roster file and gets one print file; the page reads
    on a phone too and axe-core finds nothing serious."""
    from playwright.sync_api import expect

    base, _ = server
    roster = tmp_path / "today.csv"
    roster.write_text("name,program\nEve Example,low_back_start\nFay Example,nothing_such\n")
    for width in ("desktop", "phone"):
        with browser_page(chromium, WIDTHS[width]) as page:
            page.width_name = width
            page.goto(base + "/")
            page.click("text=Day's packets")
            expect(page.locator("h1")).to_have_text("The day's packets")
            assert axe_violations(page, axe_source) == []
            page.set_input_files("#roster", str(roster))
            page.check("#duplex")
            page.click("text=Build one print file")
            expect(page.locator("#packets-result")).to_contain_text(
                "Built 1 packet from today.csv")
            expect(page.locator("#problems")).to_contain_text(
                'today.csv:3: row 2: unknown protocol "nothing_such"')
            assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width][0]
            assert axe_violations(page, axe_source) == []
            shoot(page, "packets")
            pdf = page.request.get(base + page.get_attribute("#open-pdf", "href"))
            assert "Eve Example" in "\n".join(page_texts(pdf.body()))


def test_two_tabs_on_one_program_each_keep_their_own(chromium, server):
    """A tab duplicated (or the program's address opened twice): what each tab does is kept,
    each under its own address once both have changed it. The last to post took the other's
    place, and a reload of the other showed a name and exercises it had never typed."""
    base, _ = server
    with browser_page(chromium) as first:
        first.goto(base + "/")
        first.fill("#patient_name", "Tab One")
        press(first, "#add-bridge")
        shared = first.url
        assert "/d/" in shared
        second = first.context.new_page()
        second.goto(shared)
        second.fill("#patient_name", "Tab Two")
        press(second, "#add-chin_tuck")
        assert second.url == shared  # the draft had not changed since it was drawn
        press(first, "#add-hip_flexor_stretch")
        assert first.url != shared  # drawn before the second tab's change: a draft of its own
        for page in (first, second):
            page.reload()
        assert first.input_value("#patient_name") == "Tab One"
        assert titles(first) == ["Bridge", "Standing hip flexor stretch"]
        assert second.input_value("#patient_name") == "Tab Two"
        assert titles(second) == ["Bridge", "Chin tuck"]
        # each goes on under its own address as before
        press(second, "#add-hip_flexor_stretch")
        assert second.url == shared
