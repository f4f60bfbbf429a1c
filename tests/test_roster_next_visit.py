"""A roster's next visit and weeks of log (README: *Batch*, *The handout*): each row's log
runs until its own next visit, or for its own weeks; a cell that is wrong is that row's one
line, and every other row is built. Read back from the PDFs the batch writes; made-up
patients."""

from __future__ import annotations

import re

from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import ROOT, page_texts

LIBRARY = ["--library", ROOT / "exercises.yaml", "--clinic", ROOT / "clinic.yaml"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in (*args, *LIBRARY)],
                              catch_exceptions=False)


def text_of(pdf) -> str:
    return "\n".join(page_texts(pdf.read_bytes()))


def weeks_in(text: str) -> list[str]:
    return re.findall(r"^Week \d+", text, re.M)


def test_each_rows_next_visit_and_weeks_of_log_are_its_own_and_a_bad_cell_is_its_row(
        tmp_path):
    (tmp_path / "knee.yaml").write_text(
        "patient:\n  name: Template\ndate: 2026-11-23\nnext_visit: 2026-11-30\n"
        "exercises: [child_pose]\n", encoding="utf-8")
    roster = tmp_path / "today.csv"
    roster.write_text(
        "name,program,date,Next Visit,Log weeks\n"
        "Ann Lee,chronic_low_back,2026-11-23,2026-12-14,\n"   # 3 weeks until it
        "Bo Ray,chronic_low_back,2026-11-23,,2\n"
        "Cy Fox,chronic_low_back,2026-11-23,2026-11-20,\n"    # before the visit
        "Di Moss,chronic_low_back,2026-11-23,12/14/26,\n"
        "Ed Wu,chronic_low_back,2026-11-23,,9\n"
        "Flo Kim,chronic_low_back,11/23/2026,12/07/2026,\n"   # month first: 2 weeks
        "Gus Hart,knee.yaml,,2026-12-21,\n",                  # the row's over the file's
        encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("error")] == [
        f"error: {roster}:4: row 3: \"Next Visit\": 2026-11-20 is not after the visit's date "
        "(2026-11-23); give the day of the next visit, or leave the cell blank",
        f'error: {roster}:5: row 4: "Next Visit": "12/14/26": the year needs four digits; '
        "write 12/14/2026 (or the date as YYYY-MM-DD)",
        f'error: {roster}:6: row 5: "Log weeks": 9 weeks: a log has 1 to 6 weeks; for a next '
        "visit further off, give 6 and a new handout between"]
    out = tmp_path / "out"
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "2026-11-23_ann-lee.pdf", "2026-11-23_bo-ray.pdf", "2026-11-23_flo-kim.pdf",
        "2026-11-23_gus-hart.pdf"]
    ann = text_of(out / "2026-11-23_ann-lee.pdf")
    assert "Your exercise log: 3 weeks" in ann and len(weeks_in(ann)) == 3
    assert "Next appointment: December 14, 2026" in ann
    bo = text_of(out / "2026-11-23_bo-ray.pdf")
    assert "Your exercise log: 2 weeks" in bo and len(weeks_in(bo)) == 2
    assert "Next appointment: December" not in bo
    flo = text_of(out / "2026-11-23_flo-kim.pdf")
    assert "Your exercise log: 2 weeks" in flo and "Next appointment: December 7, 2026" in flo
    gus = text_of(out / "2026-11-23_gus-hart.pdf")
    assert "Your exercise log: 4 weeks" in gus and "Next appointment: December 21, 2026" in gus


def test_a_roster_headed_in_french_or_spanish_gives_the_next_visit(tmp_path, ws):
    roster = tmp_path / "rdv.csv"
    roster.write_text("Nom;Programme;Date;Prochain rendez-vous;Semaines de carnet\n"
                      "Zoé Marchetti;chronic_low_back;2026-11-23;07/12/2026;\n"
                      "Léa Roux;chronic_low_back;2026-11-23;;5\n", encoding="utf-8")
    zoe, lea = api.load_roster(roster, ws.library, day_first=True).rows
    assert str(zoe.program.next_visit) == "2026-12-07" and zoe.program.log_weeks is None
    assert lea.program.log_weeks == 5 and lea.program.next_visit is None
    roster.write_text("Nombre,Programa,Fecha,Próxima cita\n"
                      "Ana Ruiz,chronic_low_back,2026-11-23,2026-12-07\n", encoding="utf-8")
    [ana] = api.load_roster(roster, ws.library).rows
    assert str(ana.program.next_visit) == "2026-12-07"


def test_a_files_next_visit_that_is_no_date_is_its_one_line_whatever_the_rows_date(tmp_path):
    # Python 3.11's date.fromisoformat also reads 20261130 and 2026-W48-1: a row with a date
    # of its own took them as a past next visit and left them out with a warning, where a
    # row without one, and build of the file, said they are no date
    for typed in ("20261130", "2026-W48-1"):
        (tmp_path / "knee.yaml").write_text(
            f'patient:\n  name: Template\ndate: 2026-11-23\nnext_visit: "{typed}"\n'
            "exercises: [child_pose]\n", encoding="utf-8")
        roster = tmp_path / "today.csv"
        roster.write_text("name,program,date\nGus Hart,knee.yaml,2026-12-07\n"
                          "Hal Ode,knee.yaml,\n", encoding="utf-8")
        result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
        assert result.exit_code == 1
        said = (f'knee.yaml:4: next_visit: "{typed}" is not a date; write it as YYYY-MM-DD '
                "(e.g. 2026-11-23)")
        assert [line for line in result.output.splitlines()
                if line.startswith(("error", "warning"))] == [
            f"error: {roster}:2: row 1: {tmp_path / said}",
            f"error: {roster}:3: row 2: {tmp_path / said}"]
        assert not list((tmp_path / "out").glob("*.pdf"))
