"""End to end in a real headless Chromium (Debian's package, driven by Playwright): search,
pick three exercises, change a dose (checked live as it is typed), build, download, and read
the PDF back. The app runs under waitress on 127.0.0.1, as `make_handouts.py serve` runs it.

Skipped when no Chromium is installed, except in CI (CI=true), where that is a failure:
.ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

import handouts as api
from handouts.web.server import make_app

from conftest import page_texts

LIBRARY = Path(__file__).parent / "web_library"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("HANDOUTS_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def need(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the browser tests: see .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium():
    path = chromium_path()
    if path is None:
        need("no Chromium: install Debian's chromium package (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("playwright is not installed: pip install -r requirements-dev.txt")
    return path, sync_playwright


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from waitress import create_server

    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    programs = tmp_path_factory.mktemp("programs")
    app = make_app(ws, host="127.0.0.1", password=None, programs_dir=programs)
    srv = create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}", programs
    srv.close()
    thread.join(timeout=5)


@pytest.fixture
def page(chromium, tmp_path):
    path, sync_playwright = chromium
    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=path, args=CHROMIUM_ARGS,
            headless=True, accept_downloads=True)
        try:
            yield browser.pages[0] if browser.pages else browser.new_page()
        finally:
            browser.close()


def post(page, selector: str) -> None:
    """Press a button that posts the form, and wait for the new page."""
    with page.expect_navigation():
        page.click(selector)


def visible_cards(page) -> list[str]:
    return page.locator(".card:visible h3").all_inner_texts()


def test_search_pick_three_change_a_dose_build_and_read_the_pdf(page, server, tmp_path):
    from playwright.sync_api import expect

    base, programs = server
    page.goto(base + "/")
    page.fill("input[name=patient_name]", "Bea Placeholder")

    # live search (JavaScript), then each Add posts the form
    page.fill("input[name=q]", "stretch")
    assert visible_cards(page) == ["Child's pose", "Knee to chest",
                                   "Standing hip flexor stretch", "Seated twist"]
    post(page, "button[aria-label='Add Child\\'s pose']")
    page.fill("input[name=q]", "bridge")
    assert visible_cards(page) == ["Bridge"]
    post(page, "button[aria-label='Add Bridge']")
    page.select_option("select[name=tag]", "neck")
    page.fill("input[name=q]", "")
    assert visible_cards(page) == ["Chin tuck"]
    post(page, "button[aria-label='Add Chin tuck']")
    assert page.locator(".item h3").all_inner_texts() == ["Child's pose", "Bridge", "Chin tuck"]
    assert page.input_value("input[name=patient_name]") == "Bea Placeholder"

    # a dose is checked as it is typed, with the YAML's message
    hold = page.locator("input[name=ex-0-hold]")
    hold.fill("5-x s")
    message = page.locator("#ex-0-hold-msg")
    expect(message).to_have_text('"5-x s" is not a duration (e.g. "5-10 s", "1 min")')
    expect(hold).to_have_attribute("aria-invalid", "true")
    hold.fill("45 s")
    expect(message).to_have_text("")
    expect(hold).not_to_have_attribute("aria-invalid", "true")
    page.fill("input[name=ex-1-note]", "Squeeze at the top.")

    # reorder: chin tuck up above the bridge
    post(page, "button[aria-label='Move Chin tuck up']")
    assert page.locator(".item h3").all_inner_texts() == ["Child's pose", "Chin tuck", "Bridge"]

    with page.expect_download() as info:
        page.click("button[value=download]")
    download = info.value
    assert download.suggested_filename.endswith("_bea-placeholder.pdf")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = "\n".join(page_texts(saved.read_bytes()))
    assert "Bea Placeholder" in text
    assert "Hold 45 seconds" in text
    assert "Squeeze at the top." in text
    assert text.index("Child's pose") < text.index("Chin tuck") < text.index("Bridge")

    # Build opens the PDF in a new tab (the browser's viewer prints it)
    with page.context.expect_event("response", lambda r: r.request.method == "POST") as answer:
        with page.context.expect_page():
            page.click("button[value=build]")
    headers = answer.value.all_headers()
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"].startswith("inline; ")
    assert page.locator(".item h3").count() == 3  # the editor stays as it was

    # save, and open it again as at the next visit
    post(page, "button[value=save]")
    assert "Saved as programs/bea-placeholder.yaml" in page.inner_text(".notice")
    assert (programs / "bea-placeholder.yaml").is_file()
    page.goto(base + "/programs")
    post(page, "text=bea-placeholder")
    assert page.input_value("input[name=ex-0-hold]") == "45 s"
    assert page.locator(".item h3").all_inner_texts() == ["Child's pose", "Chin tuck", "Bridge"]

    # choosing Spanish updates the page at once: this library has no Spanish words yet
    with page.expect_navigation():
        page.select_option("select[name=language]", "es")
    assert "exercises[child_pose]: no español" in page.inner_text(".warnings")
    assert page.input_value("input[name=ex-0-hold]") == "45 s"


def test_the_basic_flow_works_without_javascript(chromium, server, tmp_path):
    path, sync_playwright = chromium
    base, _ = server
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=path, args=CHROMIUM_ARGS,
            headless=True, accept_downloads=True, java_script_enabled=False)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(base + "/")
            page.fill("input[name=patient_name]", "Cy Nojs")
            page.fill("input[name=q]", "heel")
            post(page, "button[value=search]")
            assert visible_cards(page) == ["Heel raise"]
            post(page, "button[aria-label='Add Heel raise']")
            page.fill("input[name=ex-0-reps]", "many")
            post(page, "button[value=download]")
            assert page.inner_text("#ex-0-reps-msg") == \
                '"many" is not a number or range (e.g. "3", "3-5", "as tolerated" or ' \
                '"until mild fatigue")'
            page.fill("input[name=ex-0-reps]", "12")
            with page.expect_download() as info:
                page.click("button[value=download]")
            saved = tmp_path / "nojs.pdf"
            info.value.save_as(saved)
            assert "Cy Nojs" in "\n".join(page_texts(saved.read_bytes()))
        finally:
            context.close()
