"""The end of a visit on a tablet, by touch, in real headless Chromium: an iPad's 820 x 1180
portrait and 1180 x 820 landscape, and a small laptop (1366 x 768) at 150 % and 200 % zoom.
Type a new patient, start from a protocol, change one dose, see the preview, download, and
find the patient again with the handout given. On every page on the way, every target a
finger taps is at least 44 x 44 CSS px (WCAG 2.5.5), no text is smaller than 16 px, the page
never scrolls sideways and axe-core finds nothing serious. Then what a keyboard user and the
on-screen keyboard need: a focus ring that shows on the clinic's header, and name and dose
boxes that the tablet neither capitalises nor "corrects" wrongly. Server, browser and axe as
in test_web_browser.py."""

from __future__ import annotations

import contextlib

import pytest

from test_brand_contrast import ratio
from test_web_browser import (answered, axe_source, axe_violations, chromium,  # noqa: F401
                              no_sideways_scroll, preview_loaded, server)

SIZES = {
    "portrait": dict(viewport={"width": 820, "height": 1180}, has_touch=True, is_mobile=True),
    "landscape": dict(viewport={"width": 1180, "height": 820}, has_touch=True, is_mobile=True),
    # a 1366 x 768 laptop zoomed: the CSS viewport shrinks as the pixels grow
    "laptop-150": dict(viewport={"width": 911, "height": 512}, device_scale_factor=1.5),
    "laptop-200": dict(viewport={"width": 683, "height": 384}, device_scale_factor=2),
}
FINGER = 44  # CSS px

# every element a finger may tap, the checkbox's label with it (a tap on it ticks the box);
# a link inside a sentence is a word of it and exempt (WCAG 2.5.5's "inline")
TOO_SMALL = """() => {
  const small = [];
  const tappable = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  for (const el of document.querySelectorAll(tappable)) {
    let r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= 0 || el.closest('[aria-hidden=true]')) continue;
    const label = el.type === 'checkbox' && document.querySelector('label[for="' + el.id + '"]');
    let [w, h] = [r.width, r.height];
    if (label) {
      const l = label.getBoundingClientRect();
      w = Math.max(r.right, l.right) - Math.min(r.left, l.left);
      h = Math.max(r.bottom, l.bottom) - Math.min(r.top, l.top);
    }
    const inline = el.tagName === 'A' && getComputedStyle(el).display === 'inline'
      && el.parentElement.textContent.trim() !== el.textContent.trim();
    if (!inline && (w < 43.5 || h < 43.5))
      small.push((el.id || el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '"')
                 + ' ' + Math.round(w) + 'x' + Math.round(h));
  }
  return small;
}"""

TINY_TEXT = """() => {
  const tiny = new Set();
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const el = walk.currentNode.parentElement;
    if (!walk.currentNode.textContent.trim() || !el.getClientRects().length) continue;
    if (el.closest('.visually-hidden, .skip, .default-action, .no-picture')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) tiny.add(el.tagName.toLowerCase() + '.' + el.className + ' ' + size + 'px');
  }
  return [...tiny];
}"""


@contextlib.contextmanager
def device(chromium, size: str):
    context = chromium.new_context(accept_downloads=True, **SIZES[size])
    try:
        page = context.new_page()
        page.touch = SIZES[size].get("has_touch", False)
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page
        assert errors == [], errors
    finally:
        context.close()


def fit_for_a_finger(page, axe_source: str, where: str) -> None:
    # a page reached by a tap may have its elements before its stylesheet has loaded: an
    # unstyled button measured 21 px high on a busy machine
    page.wait_for_load_state("load")
    found = {f"targets under {FINGER} px": page.evaluate(TOO_SMALL),
             "text under 16 px": page.evaluate(TINY_TEXT)}
    assert {k: v for k, v in found.items() if v} == {}, where
    no_sideways_scroll(page)
    assert axe_violations(page, axe_source) == [], where


def touch(page, selector: str) -> None:
    """A tap on a tablet, a click on the laptop."""
    if page.touch:
        page.tap(selector)
    else:
        page.click(selector)


def tap(page, selector: str) -> None:
    """Tap a button of the editor and wait until the page has swapped in the answer."""
    touch(page, selector)
    answered(page)


# each of the page's layouts (its CSS's widths: 48-64 rem, 64-75 rem, under 48 rem) once, by
# touch and by click; the laptop at 150 % is the portrait tablet's layout clicked, as the
# laptop at 200 % is clicked (it is in the preview's test below)
@pytest.mark.parametrize("size", ["portrait", "landscape", "laptop-200"])
def test_a_protocols_handout_by_touch(chromium, server, axe_source, size):
    from playwright.sync_api import expect

    base, _ = server
    name = f"Tab Lett-{size}"
    with device(chromium, size) as page:
        page.goto(base + "/")
        fit_for_a_finger(page, axe_source, "a new program")
        touch(page, "#patient_name")
        page.keyboard.type(name)
        page.select_option("#protocol", "low_back_start")
        tap(page, "#protocol-go")
        expect(page.locator("#protocol-result")).to_contain_text("3 exercises added")
        page.fill("#ex-0-reps", "5-x")  # a slip first: told beside its box
        expect(page.locator("#ex-0-reps-msg")).to_contain_text("is not a number or range")
        tap(page, "#build")
        expect(page.locator("#problems")).to_be_visible()
        touch(page, "#item-0-weekly summary")
        touch(page, "#item-0 details.more summary")
        fit_for_a_finger(page, axe_source, "a protocol, a slip, its details open")

        page.fill("#ex-0-reps", "12")
        expect(page.locator("#ex-0-reps-msg")).to_have_text("")
        expect(page.locator("#preview-status")).to_contain_text("Page 1 of")
        with page.expect_download() as download:
            touch(page, "#download")
        assert download.value.suggested_filename.endswith(".pdf")
        fit_for_a_finger(page, axe_source, "downloaded")

        touch(page, "nav[aria-label=Main] >> text=Patients")
        page.fill("input[name=q]", name)
        page.keyboard.press("Enter")
        page.wait_for_url("**/patients?found=*")  # the name posted, not in the address
        fit_for_a_finger(page, axe_source, "the patients found")
        touch(page, f".plain-list a >> text={name}")
        expect(page.locator("h1")).to_contain_text(name)
        expect(page.locator(".given")).to_contain_text("Downloaded")
        fit_for_a_finger(page, axe_source, "the patient's visits")
        for address in ("/programs", "/packets"):
            page.goto(base + address)
            fit_for_a_finger(page, axe_source, address)


def test_the_focus_ring_shows_on_the_header(chromium, server):
    """The accent's orange ring on the clinic's teal header was 1.2:1 to it: a keyboard user
    lost the focus between the page's top links."""
    base, _ = server
    with device(chromium, "laptop-150") as page:
        page.goto(base + "/patients")
        page.focus("nav[aria-label=Main] a >> text=Patients")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # so that :focus-visible holds, as with a keyboard
        ring, header = page.evaluate("""() => [getComputedStyle(document.activeElement)
            .outlineColor, getComputedStyle(document.querySelector('header.top'))
            .backgroundColor]""")
        assert contrast(ring, header) >= 3, (ring, header)


def contrast(one: str, other: str) -> float:
    """WCAG's ratio of two CSS colours as getComputedStyle gives them ("rgb(r, g, b)")."""
    def rgb(css: str) -> tuple[int, int, int]:
        r, g, b = (int(p) for p in css[css.index("(") + 1:-1].split(",")[:3])
        return r, g, b
    return ratio(rgb(one), rgb(other))


def test_the_on_screen_keyboard_leaves_names_and_doses_as_typed(chromium, server):
    """A tablet's keyboard capitalises a sentence's first letter and "corrects" words it does
    not know: a surname into a word, "5-10 s" or "tol" into something else. Names get a
    capital per word; doses, file names and the clinic number neither."""
    base, _ = server
    with device(chromium, "portrait") as page:
        page.goto(base + "/")
        page.select_option("#protocol", "low_back_start")
        tap(page, "#protocol-go")

        def said(selector: str) -> list:
            return page.eval_on_selector(selector, """el => [el.getAttribute('autocapitalize'),
                el.getAttribute('autocorrect'), el.spellcheck]""")

        for box in ("#patient_name", "#therapist"):
            assert said(box) == ["words", "off", False], box
        for box in ("#ex-0-reps", "#ex-0-hold", "#file_name", "#patient_number"):
            assert said(box) == ["none", "off", False], box


@pytest.mark.parametrize("size", ["portrait", "laptop-150"])
def test_the_preview_is_as_large_as_it_is_drawn(chromium, server, size):
    """Upright on a tablet and on a zoomed laptop the preview had a column of 300 px: a page
    drawn 612 px wide shrank to half, its words 4 px high. Under both columns it shows at
    least as it is drawn."""
    from playwright.sync_api import expect

    base, _ = server
    with device(chromium, size) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Pre View")
        page.select_option("#protocol", "low_back_start")
        tap(page, "#protocol-go")
        expect(page.locator("#preview-status")).to_contain_text("Page 1 of")
        preview_loaded(page)
        shown, drawn = page.eval_on_selector(
            "#preview-img", "img => [img.getBoundingClientRect().width, img.naturalWidth]")
        assert drawn > 500
        assert shown >= drawn, (shown, drawn)


def test_a_long_name_wraps_on_the_narrowest_screen(chromium, server):
    """A name of one long word (a double-barrelled surname typed without its space, a paste)
    on the Patients list and the patient's page at 320 px: the 44 px links are flex boxes,
    whose text kept the word whole and pushed the page sideways (327 px in a CI run whose
    record held such a patient)."""
    base, _ = server
    name = "Ann " + "Longsurnamewithoutanyspaceatall" * 2
    context = chromium.new_context(accept_downloads=True, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(base + "/")
        page.fill("#patient_name", name)
        page.click("#add-hip_flexor_stretch")
        page.wait_for_selector("#ex-0-hold")
        with page.expect_download():
            page.click("#download")
        page.goto(base + "/patients?q=" + name.split()[1][:20])
        page.wait_for_load_state("load")
        no_sideways_scroll(page)
        page.goto(base + page.get_attribute(".plain-list a", "href"))
        page.wait_for_load_state("load")
        no_sideways_scroll(page)
    finally:
        context.close()
