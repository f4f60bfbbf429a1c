"""The web form fed what broke it (issue 10): an absurd frequency (18 s and 1 GB of memory,
then a crash), the longest note (a 500 from reportlab's LayoutError), a name with a line
break. Each gets its answer: a message at its box, or the PDF."""

from __future__ import annotations

import re

from handouts.input import models

from conftest import page_texts
from test_web import app, browser, built, issued, start_program, unescape, ws  # noqa: F401 (fixtures)


def test_an_absurd_frequency_is_a_message_at_its_box(browser):
    form = start_program(browser, "child_pose")
    form["ex-0-frequency"] = "1000000 times a day"
    page = browser.post("build", form)
    assert page.status_code == 422
    assert re.search(r'id="ex-0-frequency-msg"[^>]*>"1000000 times a day": a day has room for '
                     r"at most 24 sessions", unescape(page.get_data(as_text=True)))


def test_the_longest_notes_and_a_name_with_a_line_break_build(browser):
    form = start_program(browser, "child_pose", "bridge", name="Ada\nExample")
    note = ("Breathe out slowly as you move. " * 100)[: models.MAX_NOTE - 4] + " END"
    form.update({"note": note, "ex-0-note": note, "large_print": "1"})
    page = built(browser, form)
    assert page.status_code == 200 and page.mimetype == "application/pdf"
    text = " ".join(" ".join(page_texts(page.data)).split())
    assert text.count(" END") == 2
    assert "Ada Example" in text
