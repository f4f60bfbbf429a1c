"""A progression's first stage starts at week 1 (README: *Doses*): the card prints only the
stages' weeks, so weeks before the first stage would have no dose the patient can read. A
file's late start is one line at its first stage (the invalid cases
program-progression-late-start and library-progression-late-start); a batch row with it is
that row's line, the other rows built; the web form tells it beside the first row. What
the record kept from before the rule reprints as it was given (test_record_kept_rules)."""

from __future__ import annotations

import pytest

from test_roster_next_visit import run
from test_stage_gaps import browser  # noqa: F401 - the fixture, shared
from test_web import start_program, unescape
from test_web_weekly import stage_fields

LATE = 'weeks 1-2 have no stage: start this stage at week 1 ("1-4"), or give them a stage ' \
    "before it"


def test_the_first_stage_removed_leaves_weeks_before_the_next_told_beside_its_row(
        browser):  # noqa: F811 - the fixture
    form = start_program(browser, "bridge")
    for _ in range(2):
        browser.post("stage_add:0", form)
        form = browser.form()
    form.update({"ex-0-stage-0-reps": "5", "ex-0-stage-1-reps": "8"})
    browser.post("stage_remove:0:0", form)
    form = browser.form()
    assert stage_fields(form)["ex-0-stage-0-weeks"] == "3-4"
    page = browser.post("build", form)
    assert page.status_code == 422
    html = unescape(page.get_data(as_text=True))
    row = html[html.index('id="ex-0-stage-0"'):]
    assert LATE in row[:row.index("</tr>", row.index("stage-messages"))]
    assert stage_fields(browser.form())["ex-0-stage-0-reps"] == "8"  # as typed, to put right
    page = browser.post("build", {**browser.form(), "ex-0-stage-0-weeks": "1-4"})
    assert page.status_code == 200, unescape(page.get_data(as_text=True))


def test_a_batch_row_whose_program_starts_late_is_its_line_and_the_others_are_built(
        tmp_path):
    late = ("patient:\n  name: Template\nexercises:\n  - id: child_pose\n    dose:\n"
            "      progression:\n        - {weeks: 3-4, hold: 20 s}\n"
            "        - {weeks: 5-6, hold: 30 s}\n")
    (tmp_path / "late.yaml").write_text(late, encoding="utf-8")
    (tmp_path / "early.yaml").write_text(late.replace("3-4", "1-4"), encoding="utf-8")
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date\nAnn Lee,late.yaml,2026-11-23\n"
                      "Bo Ray,early.yaml,2026-11-23\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", roster, "--out-dir", out, "--quiet")
    assert result.exit_code == 1
    [said] = [line for line in result.output.splitlines() if "no stage" in line]
    assert said.endswith(f"late.yaml:7: exercises[child_pose].dose.progression[1].weeks: "
                         f"{LATE}"), said
    assert "Traceback" not in result.output
    assert [p.name for p in out.glob("*.pdf")] == ["2026-11-23_bo-ray.pdf"]


@pytest.mark.parametrize("weeks, told", [
    ("2", 'week 1 has no stage: start this stage at week 1 ("1-2"), or give it a stage '
          "before it"),
    ("1", None), ("1-2", None)])
def test_what_a_late_first_stage_is_told(weeks, told):
    from handouts.input import progression
    from handouts.input.quantities import parse_weeks

    assert progression.start_problem(parse_weeks(weeks)) == told

