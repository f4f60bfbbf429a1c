"""Pictures the web app cannot show, and what the handout warns about them, in real headless
Chromium (server, browser and axe as in test_web_browser.py): no broken-picture frame in the
library list or a program's row, and the warning said once, naming the file as the library
does, before and after the live preview redraws."""

from __future__ import annotations

import handouts as api

from test_web_browser import (axe_source, axe_violations, browser_page, chromium,  # noqa: F401
                              press, running)
from test_web_pictures import BROKEN, clinic  # noqa: F401

SAID = "images/huge.png: the picture has more than 25,000,000 pixels"


def test_no_broken_picture_frame_and_one_warning_naming_the_file(chromium, clinic, tmp_path,
                                                                 axe_source):
    from playwright.sync_api import expect

    ws = api.open_workspace(clinic / "exercises.yaml", clinic / "clinic.yaml")
    with running(ws, tmp_path / "programs") as base, browser_page(chromium) as page:
        page.goto(f"{base}/")
        page.fill("#patient_name", "Ann Example")
        press(page, "#add-cat_camel")
        for exercise, (_, _, word) in BROKEN.items():
            expect(page.locator(f"#card-{exercise} [role=img]")).to_have_attribute(
                "aria-label", f"Picture cannot be shown: {word}")
        expect(page.locator("#item-0 [role=img]")).to_contain_text("too large")
        # every picture on the page was drawn: none is the browser's broken frame
        page.evaluate("() => Promise.all([...document.images].map("
                      "i => { i.loading = 'eager'; return i.decode().catch(() => 0); }))")
        broken = page.evaluate("() => [...document.images].filter("
                               "i => i.complete && i.naturalWidth === 0).map(i => i.src)")
        assert broken == []
        expect(page.locator("#preview-warnings")).to_contain_text(SAID)
        # the live preview redraws: the warning is still said once, in the one list
        page.fill("#note", "Go easy on the first day.")
        expect(page.locator("#preview-status")).to_contain_text("(updated)")
        assert page.locator("main").inner_text().count(SAID) == 1
        assert str(clinic) not in page.content()
        assert axe_violations(page, axe_source) == []
        # a program the handout does not warn about: no empty warnings box
        press(page, "#remove-0")
        press(page, "#add-bridge")
        page.fill("#note", "Go easy.")
        expect(page.locator("#preview-status")).to_contain_text("(updated)")
        expect(page.locator(".warnings")).to_be_hidden()


NO_NAMESPACE = ('<svg width="200" height="120">\n'
                '  <rect x="4" y="4" width="192" height="112" fill="none" stroke="#b35900" '
                'stroke-width="3"/>\n  <circle cx="100" cy="60" r="30" fill="#0b6e75"/>\n'
                '</svg>\n')


def test_an_svg_without_its_namespace_shows_as_it_prints(chromium, tmp_path):
    """An SVG whose <svg> names no namespace (``<svg width=".." height="..">``) prints in the
    handout (svglib draws it), but was the browser's broken frame as an <img> in the web
    app, as the exercise's thumbnail and as the logo: it is sent with the SVG namespace,
    the file left as it is."""
    import shutil

    from conftest import WEB_LIBRARY

    home = tmp_path / "clinic"
    shutil.copytree(WEB_LIBRARY, home)
    for name in ("bridge.svg", "logo.svg"):
        (home / "images" / name).write_text(NO_NAMESPACE)
    clinic_file = home / "clinic.yaml"
    clinic_file.write_text(clinic_file.read_text() + "logo: images/logo.svg\n")
    ws = api.open_workspace(home / "exercises.yaml", clinic_file)
    built = api.build_handout(api.program_from_options(ws, patient="Ann Example",
                                                       exercises=["bridge"]), ws)
    assert built.warnings == ()
    with running(ws, tmp_path / "programs") as base, browser_page(chromium) as page:
        page.goto(f"{base}/")
        page.evaluate("() => Promise.all([...document.images].map("
                      "i => { i.loading = 'eager'; return i.decode().catch(() => 0); }))")
        shown = page.evaluate("() => [...document.images].filter(i => i.src).map("
                              "i => [new URL(i.src).pathname, i.naturalWidth])")
        assert {"/images/bridge", "/logo"} <= {src for src, _ in shown}, shown
        assert [src for src, width in shown if width == 0] == []
    assert (home / "images" / "bridge.svg").read_text() == NO_NAMESPACE
