"""The end-of-visit task in a real headless Chromium (Debian's package, driven by Playwright)
at a desktop's, a tablet's and a phone's width: find exercises (forgiving search), add them
(a duplicate is refused), change a dose (checked as it is typed), reorder, remove and undo,
watch the preview, fail on an empty name (focus goes to it), download and read the PDF back,
save. After each action its result must be on screen without scrolling, the page must never
scroll sideways, and axe-core must find no serious or critical violation. The same task with
the keyboard alone, by drag and drop and with JavaScript off: test_web_browser_ways.py;
languages and the other pages: test_web_browser_languages.py, test_web_browser_pages.py.
Here: the browser, the app and the helpers the other browser tests import.

The app runs under waitress on 127.0.0.1, as `make_handouts.py serve` runs it. Skipped when
no Chromium (or no axe-core in tests/node_modules) is installed, except in CI (CI=true),
where that is a failure: .ci/run installs both.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from pathlib import Path

import pytest

import handouts as api
from handouts.web.server import Listen, make_app, waitress_options

import one_chromium
from conftest import WEB_LIBRARY, page_texts

LIBRARY = WEB_LIBRARY  # a copy: what a test writes beside clinic.yaml stays out of tests/
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path(os.environ.get("HANDOUTS_SHOTS", "")) if os.environ.get("HANDOUTS_SHOTS") else None
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WIDTHS = {"desktop": (1280, 800), "tablet": (820, 1180), "phone": (390, 844)}


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


@pytest.fixture
def chromium():
    """The process's headless Chromium (see one_chromium: shared by the tests that run one
    after another); each test's page is in a context of its own (see ``browser_page``)."""
    path = chromium_path()
    if path is None:
        need("no Chromium: install Debian's chromium package (apt-get install chromium)")
    try:
        from playwright.sync_api import expect
    except ImportError:
        need("playwright is not installed: pip install -r requirements-dev.txt")

    # an expectation waits only as long as it must; 5 s (playwright's default) was too short
    # for a preview with a picture of 25 million pixels on a machine running the suite on
    # both cores and more beside it; 15 s, for the tablet's preview of a protocol while six
    # other test runs shared the two cores (load 11)
    expect.set_options(timeout=30_000)
    return one_chromium.browser(path, CHROMIUM_ARGS)


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.is_file():
        need("axe-core is not installed: (cd tests && npm ci)")
    return AXE.read_text(encoding="utf-8")


@contextlib.contextmanager
def running(ws, programs_dir, threads: int = 4, password=None, proxies=()):
    """The app on ``ws`` as `serve` runs it (waitress, a free port on loopback; behind
    ``proxies``, ``serve --trusted-proxy``'s networks, with them): its address, while the
    block runs."""
    from waitress import create_server
    from waitress.wasyncore import close_all

    app = make_app(ws, host="127.0.0.1", password=password, programs_dir=programs_dir,
                   trusted_proxies=proxies)
    sockets = {}  # waitress's loop runs while it holds a socket
    srv = create_server(app, map=sockets, host="127.0.0.1", port=0,
                        **waitress_options(Listen(threads=threads, proxies=proxies)))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.effective_port}"
    finally:
        # closed by the server's own thread, woken by its trigger: a socket closed from here
        # while that thread's select() waits on it failed the thread with EBADF
        try:
            srv.trigger.pull_trigger(lambda: close_all(sockets))
        except OSError:
            # the trigger's pipe was already closed (seen once in CI: EBADF at a module's
            # teardown, after its tests had passed): closed from here, then, as before
            # bc73b65; the loop's select() fails on them and its thread ends
            close_all(sockets)
        thread.join(timeout=5)
        srv.task_dispatcher.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    programs = tmp_path_factory.mktemp("programs")
    with running(ws, programs, threads=8) as base:
        yield base, programs


@contextlib.contextmanager
def browser_page(chromium, size=(1280, 800), javascript=True):
    """A page of the module's Chromium in a new context: a profile of its own, as a new
    browser's (no cookies, storage or cache of another test's), closed after."""
    context = chromium.new_context(accept_downloads=True, java_script_enabled=javascript,
                                   viewport={"width": size[0], "height": size[1]})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(params=list(WIDTHS))
def page(request, chromium, tmp_path):
    with browser_page(chromium, WIDTHS[request.param]) as page:
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.width_name = request.param
        yield page
        assert errors == [], errors


# --- what a therapist would see -----------------------------------------------------------

def on_screen(page, selector: str) -> None:
    """The element is visible where the therapist is looking: inside the viewport."""
    from playwright.sync_api import expect

    target = page.locator(selector)
    expect(target).to_be_visible()
    box = target.bounding_box()
    view = page.viewport_size
    assert box is not None
    assert 0 <= box["y"] and box["y"] + box["height"] <= view["height"], (selector, box, view)
    assert 0 <= box["x"] and box["x"] + box["width"] <= view["width"], (selector, box, view)


def preview_loaded(page) -> None:
    """Wait for the preview's picture itself: the status says "Page 1 of" as the picture is
    asked for, and its size is known once it has loaded (naturalWidth was 0 in a CI run)."""
    page.wait_for_function("() => { const img = document.getElementById('preview-img');"
                           " return img && img.complete && img.naturalWidth > 0; }")


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width} px wide"


def axe_violations(page, axe_source: str) -> list[str]:
    """axe-core's serious and critical findings for the page as it is now."""
    # evaluated by the driver, so the page's CSP allows it; once a document (the editor swaps
    # its parts in place): 0.1-0.2 s a call, and a test calls this a few times a page
    if page.evaluate("typeof axe") == "undefined":
        page.evaluate(axe_source + "\n;0")
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
    }""")
    return found


def shoot(page, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{page.width_name}.png"))


def search(page, words: str, **chosen: str) -> None:
    """Type in the library's search box; wait until the live (server) search's answer for
    these words (and the filters ``chosen``: area, kind, position) is shown."""
    page.fill("#q", words)
    wait_for_cards(page, words, **chosen)


def wait_for_cards(page, words: str, **chosen: str) -> None:
    asked = "\n".join([words, *(chosen.get(k, "") for k in ("area", "kind", "position"))])
    page.wait_for_function("(asked) => document.getElementById('cards').dataset.shownFor"
                           " === asked", arg=asked)


def press(page, selector: str) -> None:
    """Press a button and wait until the page has swapped in the answer."""
    page.click(selector)
    answered(page)


def answered(page) -> None:
    """Wait until the page has swapped in a button's answer: app.js sets the form's aria-busy
    back to false. Looked at in each frame the page draws: an expectation looks at 0.02,
    0.07, 0.17, 0.27 s, then every 0.5 s, and most answers came in between (a press took
    0.40 s so, 0.24 s this way, on a busy machine)."""
    page.wait_for_function("() => document.getElementById('program')"
                           "?.getAttribute('aria-busy') === 'false'")


def titles(page) -> list[str]:
    return [t.split(". ", 1)[1] for t in page.locator(".item h3").all_inner_texts()]


def post(page, selector):
    """Click a button that submits the form as a plain post (no JavaScript), and wait for
    the page it brings."""
    with page.expect_navigation():
        page.click(selector)


def test_the_end_of_visit_task_at_each_width(page, server, tmp_path, axe_source):
    from playwright.sync_api import expect

    base, programs = server
    page.goto(base + "/")
    assert page.locator("h1").count() == 1
    assert axe_violations(page, axe_source) == []
    page.fill("#patient_name", "Bea Placeholder")

    # the search forgives endings and typos
    search(page, "stretching")
    # the likeliest first, as the server ranks them (the library lists Child's pose first)
    assert page.locator(".card:visible h3").all_inner_texts() == [
        "Standing hip flexor stretch", "Child's pose", "Knee to chest", "Seated twist"]
    press(page, "#add-child_pose")
    expect(page.locator("#card-child_pose-result")).to_have_text(
        "Added Child's pose as no. 1. Go to it")
    on_screen(page, "#card-child_pose-result")
    search(page, "hip flexer")
    assert page.locator(".card:visible h3").all_inner_texts() == ["Standing hip flexor stretch"]
    press(page, "#add-hip_flexor_stretch")
    on_screen(page, "#card-hip_flexor_stretch-result")
    search(page, "brige")
    press(page, "#add-bridge")
    on_screen(page, "#card-bridge-result")

    # the library marks what is in the program, and a second Add is refused where it was pressed
    search(page, "child")
    expect(page.locator("#card-child_pose .mark")).to_have_text("✓ In the program (no. 1)")
    press(page, "#add-child_pose")
    expect(page.locator("#card-child_pose-result")).to_contain_text(
        "Not added: Child's pose is no. 1 in the program already")
    on_screen(page, "#card-child_pose-result")
    assert titles(page) == ["Child's pose", "Standing hip flexor stretch", "Bridge"]
    assert page.input_value("#patient_name") == "Bea Placeholder"

    # a dose is checked as it is typed, with the YAML's message, tied to its box
    hold = page.locator("#ex-0-hold")
    hold.fill("5-x s")
    expect(page.locator("#ex-0-hold-msg")).to_have_text(
        '"5-x s" is not a duration (e.g. "5-10 s", "1 min", "up to 10 s")')
    assert "ex-0-hold-msg" in hold.get_attribute("aria-describedby")
    hold.fill("45 s")
    expect(page.locator("#ex-0-hold-msg")).to_have_text("")

    # reorder with the buttons; the result shows beside the moved exercise, which has focus
    page.locator("#up-2").scroll_into_view_if_needed()
    press(page, "#up-2")
    assert titles(page) == ["Child's pose", "Bridge", "Standing hip flexor stretch"]
    expect(page.locator("#item-1-result")).to_have_text("Bridge is now no. 2.")
    on_screen(page, "#item-1-result")
    assert page.evaluate("document.activeElement.id") == "item-1-title"

    # remove, and undo it: the exercise comes back where it was, with its dose
    page.locator("#remove-0").scroll_into_view_if_needed()
    press(page, "#remove-0")
    assert titles(page) == ["Bridge", "Standing hip flexor stretch"]
    on_screen(page, "#undo")
    assert page.evaluate("document.activeElement.id") == "undo"
    press(page, "#undo")
    assert titles(page) == ["Child's pose", "Bridge", "Standing hip flexor stretch"]
    assert page.input_value("#ex-0-hold") == "45 s"
    on_screen(page, "#item-0-result")

    # the preview shows the handout's first page, drawn from the PDF
    page.locator("#preview").scroll_into_view_if_needed()
    expect(page.locator("#preview-status")).to_contain_text("Page 1 of")
    preview_loaded(page)
    assert page.evaluate("document.getElementById('preview-img').naturalWidth") > 500
    no_sideways_scroll(page)
    shoot(page, "preview")

    # Download with no name: nothing downloads, the focus goes to the box, the summary links it
    page.fill("#patient_name", "")
    page.locator("#download").scroll_into_view_if_needed()
    press(page, "#download")
    assert page.evaluate("document.activeElement.id") == "patient_name"
    on_screen(page, "#patient_name")
    expect(page.locator("#patient_name-msg")).not_to_be_empty()
    assert page.locator("#problems a[href='#patient_name']").count() == 1
    assert axe_violations(page, axe_source) == []
    shoot(page, "problems")

    page.fill("#patient_name", "Bea Placeholder")
    page.locator("#download").scroll_into_view_if_needed()
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename.endswith("_bea-placeholder.pdf")
    expect(page.locator("#handout-result")).to_have_text(
        f"Downloaded {download.suggested_filename}.")
    on_screen(page, "#handout-result")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = "\n".join(page_texts(saved.read_bytes()))
    assert "Bea Placeholder" in text and "Hold 45 seconds" in text
    # the editor and the PDF agree: three exercises, in the editor's order
    assert text.index("Child's pose") < text.index("Bridge") < text.index("hip flexor")
    assert "4. " not in "\n".join(line for line in text.splitlines() if "hip flexor" in line)

    # a name in its own script downloads under it, as the server names it: its ASCII
    # fallback ("…_.pdf", "…_-.pdf") was the same for every such patient of the day
    for name in ("李小龍", "Ηλέκτρα Παπαδοπούλου"):
        page.fill("#patient_name", name)
        page.locator("#download").scroll_into_view_if_needed()
        with page.expect_download() as info:
            page.click("#download")
        own = info.value.suggested_filename
        assert own.endswith(f"_{api.pdf_names(name)[0]}.pdf") and own.isascii() is False, own
        expect(page.locator("#handout-result")).to_have_text(f"Downloaded {own}.")
    page.fill("#patient_name", "Bea Placeholder")

    # while a request runs every button is disabled (no double builds): look from inside
    # the request, before it goes on to the server
    seen = {}

    def look(route):
        seen["busy"] = page.get_attribute("#program", "aria-busy")
        seen["disabled"] = page.is_disabled("#build") and page.is_disabled("#download")
        route.continue_()

    page.route("**/program", look)
    # Build: the result shows beside the button, and the PDF opens in a new tab (once)
    with page.context.expect_page() as tab:
        page.click("#build")
        answered(page)
    page.unroute("**/program")
    assert seen == {"busy": "true", "disabled": True}
    assert tab.value.url.endswith("/handout.pdf")
    expect(page.locator("#handout-result")).to_contain_text("Ready: ")
    on_screen(page, "#handout-result")
    tab.value.close()

    # leaving with unsaved changes asks first; staying keeps the work
    page.fill("#ex-1-note", "Squeeze at the top.")
    page.once("dialog", lambda dialog: dialog.dismiss())
    with page.expect_event("dialog") as asked:
        page.click("header >> text=New program", no_wait_after=True)
    assert asked.value.type == "beforeunload"
    assert page.input_value("#ex-1-note") == "Squeeze at the top."

    # save: the result shows beside the button; Back never posts the form again
    file_name = f"bea-{page.width_name}"
    page.fill("#file_name", file_name)
    press(page, "#save")
    expect(page.locator("#save-result")).to_have_text(f"Saved as programs/{file_name}.yaml")
    on_screen(page, "#save-result")
    assert (programs / f"{file_name}.yaml").is_file()
    assert "/d/" in page.url
    page.fill("#file_name", file_name)  # not this patient's file any more
    page.fill("#patient_name", "Someone Else")
    page.fill("#file_name", "bea-" + ("tablet" if page.width_name != "tablet" else "phone"))
    no_sideways_scroll(page)
    assert axe_violations(page, axe_source) == []
    shoot(page, "saved")
