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
    assert f"error: {roster}:2: row 1: next_visit: {today + dt.timedelta(days=5)} is not " \
        f"after the visit's date ({later})" in result.output

