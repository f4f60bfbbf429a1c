"""The boxes a tablet's keyboard types into (Flask's test client): ids that name one element
each (the scripts find a box by its id), date boxes whose keyboard has a "-", and Week by week
boxes left as typed, as the dose boxes are."""

from __future__ import annotations

import re

from test_web_editor_kept import box, browser, html, ws  # noqa: F401
from test_web import start_program


def test_every_id_names_one_element_and_the_patients_box_is_not_the_librarys(browser):
    form = start_program(browser, "bridge", "wall_angel")
    browser.post("remove:0", {**form, "ex-1-stage-0-reps": "x"})  # an undo, a bad box
    for page in (html(browser), browser.client.get("/patients").get_data(as_text=True)):
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    patients = browser.client.get("/patients").get_data(as_text=True)
    # picker.js and the skip link find the library's search box by its id
    assert 'id="q"' in html(browser) and 'id="q"' not in patients
    assert re.search(r'<label for="([^"]+)">Find a patient', patients).group(1) in re.findall(
        r'<input id="([^"]+)"', patients)


def test_the_date_boxes_ask_for_a_keyboard_with_a_dash(browser):
    """A phone's digit pad (inputmode numeric, decimal or tel on an iPhone) has no "-",
    and a date is typed YYYY-MM-DD."""
    for name in ("patient_dob", "next_visit"):
        tag = box(browser, name)
        assert not re.search(r'inputmode="(numeric|decimal|tel)"', tag), tag
        assert 'autocorrect="off"' in tag and 'spellcheck="false"' in tag, tag


def test_the_week_by_week_boxes_are_left_as_typed(browser):
    start_program(browser, "wall_angel")
    cells = re.findall(r'<input name="ex-0-stage-[^"]+"[^>]*>', html(browser))
    assert cells
    for tag in cells:
        for attr in ('autocapitalize="none"', 'autocorrect="off"', 'spellcheck="false"'):
            assert attr in tag, tag
