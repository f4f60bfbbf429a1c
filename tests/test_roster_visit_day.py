"""The day a roster row's next visit is checked against, and a saved program's past next
visit in a roster that uses the file as a template (README: *Batch*). Read back from the
PDFs the batch writes and from what it says; made-up patients."""

from __future__ import annotations

import datetime as dt

from conftest import page_texts
from test_roster_next_visit import run, text_of, weeks_in

import handouts as api
from conftest import ROOT


def clinic_today() -> dt.date:
    return api.open_workspace(ROOT / "exercises.yaml", ROOT / "clinic.yaml").today()


def test_a_row_without_a_date_has_its_next_visit_checked_against_batch_date(tmp_path):
    # --date is the visit of a row that gives none, so the handout is dated it and its log
    # runs from it: a next visit between --date and the clinic's today was refused by the
    # roster's check, which took the clinic's today for the row's visit
    today = clinic_today()
    given, nxt = today - dt.timedelta(days=14), today - dt.timedelta(days=3)
    roster = tmp_path / "yesterday.csv"
    roster.write_text(f"name,program,next visit\nAnn Lee,chronic_low_back,{nxt}\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", roster, "--date", given, "--out-dir", out, "--quiet")
    assert result.exit_code == 0, result.output
    ann = text_of(out / f"{given}_ann-lee.pdf")
    assert "Your exercise log: 2 weeks" in ann and len(weeks_in(ann)) == 2
    # and the other way: a --date ahead of today, a next visit before it, is the row's
    # line, said at the roster's row as every other roster mistake is
    later = today + dt.timedelta(days=10)
    roster.write_text(f"name,program,next visit\nAnn Lee,chronic_low_back,"
                      f"{today + dt.timedelta(days=5)}\n", encoding="utf-8")
    result = run("batch", roster, "--date", later, "--out-dir", out, "--quiet")
    assert result.exit_code == 1
    assert f"error: {roster}:2: row 1: \"next visit\": {today + dt.timedelta(days=5)} is not " \
        f"after the visit's date ({later})" in result.output


def test_a_templates_past_next_visit_is_left_out_with_one_line_for_the_batch(tmp_path):
    # a program saved at a visit weeks ago, its next visit that visit's: every row of today
    # was refused at the file's line unless the roster gave its own next visit
    (tmp_path / "knee.yaml").write_text(
        "patient:\n  name: Template\ndate: 2026-10-18\nnext_visit: 2026-11-01\n"
        "log_weeks: 2\nexercises: [child_pose]\n", encoding="utf-8")
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date,next visit\n"
                      "Ann Lee,knee.yaml,2026-11-23,\n"
                      "Bo Ray,knee.yaml,2026-11-23,\n"
                      "Cy Fox,knee.yaml,2026-11-23,2026-12-07\n"
                      "Di Moss,knee.yaml,2026-10-25,\n", encoding="utf-8")  # still ahead
    out = tmp_path / "out"
    result = run("batch", roster, "--out-dir", out, "--quiet")
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "knee.yaml" in line]
    assert said == [f"warning: {roster}:2: rows 1 and 2: {tmp_path / 'knee.yaml'}:4: "
                    "next_visit: 2026-11-01 is on or before the visit's date, a past visit the "
                    'file was saved for: left out (a "next visit" column gives each row its '
                    "own)"]
    for name in ("ann-lee", "bo-ray"):
        text = text_of(out / f"2026-11-23_{name}.pdf")
        # its log_weeks stays, as Start from the last visit keeps it
        assert "Next appointment: ______" in text and len(weeks_in(text)) == 2
    cy = text_of(out / "2026-11-23_cy-fox.pdf")
    assert "Next appointment: December 7, 2026" in cy
    di = text_of(out / "2026-10-25_di-moss.pdf")
    assert "Next appointment: November 1, 2026" in di
