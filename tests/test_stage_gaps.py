"""A progression's stages leave no week out (README: *Doses*; docs/library.md: *A
progression's stages*): the card prints only the stages' weeks, so weeks between them would
have no dose the patient can read. A file's gap is one line at its stage (the invalid cases
program-progression-gap and library-progression-gap); the web form tells it beside the row
after it, as it tells an overlap."""

from __future__ import annotations

import pytest

import handouts as api
from handouts.web import create_app

from test_web import LIBRARY, Browser, start_program, unescape
from test_web_weekly import stage_fields


@pytest.fixture
def browser(tmp_path):
    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/")
    return b


def test_a_middle_stage_removed_leaves_a_gap_told_beside_the_next_row(browser):
    form = start_program(browser, "bridge")
    for _ in range(3):
        browser.post("stage_add:0", form)
        form = browser.form()
    form.update({"ex-0-stage-0-reps": "5", "ex-0-stage-1-reps": "8", "ex-0-stage-2-reps": "12"})
    browser.post("stage_remove:0:1", form)
    form = browser.form()
    assert stage_fields(form)["ex-0-stage-1-weeks"] == "5-6"
    page = browser.post("build", form)
    assert page.status_code == 422
    html = unescape(page.get_data(as_text=True))
    row = html[html.index('id="ex-0-stage-1"'):]
    assert ('weeks 3-4 have no stage: give them one, or end the stage before at week 4 '
            '("1-4")') in row[:row.index("</tr>", row.index("stage-messages"))]
    # what was typed stays, to be put right
    assert stage_fields(browser.form())["ex-0-stage-1-reps"] == "12"
