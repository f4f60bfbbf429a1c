"""The web app's *Affected side* choice in a real headless Chromium: reached and chosen
with the keyboard alone, named by its label (axe-core finds nothing serious), and the PDF
the browser downloads draws the chosen side. A made-up hand clinic (tests/clinics/hand),
whose wrist drawing shows the right hand unless a side says otherwise."""

from __future__ import annotations

import shutil

import handouts as api
from conftest import ROOT
from test_figure_sides_set import forms
from test_web_browser import axe_violations, browser_page, press, running
from test_web_browser import chromium, axe_source  # noqa: F401 (fixtures)


def test_the_side_is_chosen_with_the_keyboard_and_the_download_draws_it(chromium, tmp_path,
                                                                        axe_source,
                                                                        monkeypatch):
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)  # the record beside it
    home = tmp_path / "northside"
    shutil.copytree(ROOT / "tests" / "clinics" / "hand", home)
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    with running(ws, tmp_path / "programs") as base, browser_page(chromium) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Ann Example")
        press(page, "#add-wrist_bend_table")
        downloads = {}
        for side in ("", "left"):
            if side:
                page.click("label[for=affected_side]")  # the label names the choice
                assert page.evaluate("document.activeElement.id") == "affected_side"
                page.keyboard.press("ArrowDown")  # none → left, as a keyboard chooses
                assert page.input_value("#affected_side") == "left"
                assert axe_violations(page, axe_source) == []
            with page.expect_download() as info:
                page.click("#download")
            downloads[side] = info.value.path().read_bytes()
        assert forms(downloads["left"]) != forms(downloads[""])
        assert page.input_value("#affected_side") == "left"  # kept on the page
