"""What the front desk's leftovers showed, read against the roster top to bottom: a bad visit
or next-visit date named by the program's key (date, next_visit) rather than the roster's
own heading, the record's notices said before every row's error instead of at their row,
dashed dates (05-12-1950) refused though desks type them, and `--merge today` writing a
file no viewer opens. Read back from the command's output, the record and the PDFs;
made-up patients only."""

from __future__ import annotations

import re

import pytest

import handouts as api
from conftest import page_texts
from test_record import clinic  # noqa: F401 - the fixture, shared

HEADER = "Patient First Name,Patient Last Name,DOB,MRN,Protocol,Appt Date,Next Appt\n"


def roster(clinic, rows: str) -> str:
    path = clinic.root / "monday.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return str(path)


def test_a_bad_visit_or_next_visit_date_is_named_by_the_roster_s_heading(clinic):
    """As a bad "DOB" already was: the desk finds "Appt Date" and "Next Appt" in its
    roster, not date and next_visit."""
    path = roster(clinic, "Ann,Lee,,,chronic_low_back,11/31/2026,\n"
                          "Bo,Able,,,chronic_low_back,11/23/2026,11/20/2026\n"
                          "Cy,Baker,,,chronic_low_back,11/23/2026,12/14/26\n"
                          "Di,Moss,,,chronic_low_back,11/23/2026,12/14/2026\n")
    result = clinic.run("batch", path, "--out-dir", "out", "--quiet")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f'error: {path}:2: row 1: "Appt Date": "11/31/2026", read month first (MM/DD/YYYY), '
        "is not a date: November 2026 has 30 days; check the day and the month",
        f'error: {path}:3: row 2: "Next Appt": 2026-11-20 is not after the visit\'s date '
        "(2026-11-23); give the day of the next visit, or leave the cell blank",
        f'error: {path}:4: row 3: "Next Appt": "12/14/26": the year needs four digits; '
        "write 12/14/2026 (or the date as YYYY-MM-DD)"]
    assert result.stdout.startswith("built 1 of 4 packets in out/")


def test_the_record_s_notices_come_among_the_rows_errors_in_row_order(clinic, database):
    """A second Maria Garcia (row 3) was told before row 2's error: a desk reading the
    lines down the roster found it out of place."""
    path = roster(clinic, "Maria,Garcia,03/14/1955,100300,chronic_low_back,11/23/2026,\n"
                          "Bo,Able,,,no_such_protocol,11/23/2026,\n"
                          "Maria,Garcia,09/02/1988,100301,chronic_low_back,11/23/2026,\n"
                          "Cy,Baker,,,chronic_low_back,11/31/2026,\n"
                          "Maria,Garcia,09/03/1988,100302,chronic_low_back,11/23/2026,\n")
    result = clinic.run("batch", path, "--out-dir", "out", "--quiet")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    # the rows of one name are told to the desk as packets too, at the first of them
    assert lines.pop(2) == f"warning: {path}:4: rows 3 and 5: another patient of the same " \
        "name is row 1 (line 2): check which packet is whose before you hand them out"
    assert [line.split(": row ")[0].rpartition(":")[2] for line in lines] == [
        "3", "4", "5", "6"]  # the roster's lines, in order
    assert [line.split(":")[0] for line in lines] == ["error", "warning", "error", "warning"]
    assert "told apart from 1 other of that name" in lines[1]
    assert "told apart from 2 others of that name" in lines[3]
    assert [r[1:4] for r in database.rows(clinic.root)] == [
        ("Maria Garcia", "1955-03-14", "100300"), ("Maria Garcia", "1988-09-02", "100301"),
        ("Maria Garcia", "1988-09-03", "100302")]


@pytest.mark.parametrize("day_first", [False, True])
def test_dashed_dates_read_as_slashed_ones(tmp_path, ws, day_first):
    """05-12-1950, as desks type it, was refused with the general line; it reads as
    05/12/1950 does, in the clinic's order, and is refused where 05/12/1950 would be."""
    path = tmp_path / "r.csv"
    path.write_text("name;program;dob;date\n"
                    "Ann Lee;chronic_low_back;05-12-1950;05-12-2026\n"
                    "Bo Ray;chronic_low_back;1950-12-05;\n"      # ISO: the year first
                    "Cy Fox;chronic_low_back;05-12/1950;\n"
                    "Di Moss;chronic_low_back;5-12-50;\n", encoding="utf-8")
    ann, bo, cy, di = api.load_roster(path, ws.library, day_first=day_first).rows
    assert (str(ann.program.patient.dob), str(ann.program.date)) == (
        ("1950-12-05", "2026-12-05") if day_first else ("1950-05-12", "2026-05-12"))
    assert str(bo.program.patient.dob) == "1950-12-05"
    assert cy.problem == ('"dob": "05-12/1950" has both "-" and "/" in it; write 05/12/1950 '
                          "(or the date as YYYY-MM-DD)")
    assert di.problem == ('"dob": "5-12-50": the year needs four digits; write 5-12-1950 or '
                          "5-12-2050 (or the date as YYYY-MM-DD)")

    # a dashed cell that reads only the other way shows the roster's order, as a slashed one
    other_way = "12-31-1950" if day_first else "31-12-1950"
    path.write_text(f"name;program;dob\nAnn Lee;chronic_low_back;05-12-1950\n"
                    f"Di Moss;chronic_low_back;{other_way}\n", encoding="utf-8")
    ann, di = api.load_roster(path, ws.library, day_first=day_first).rows
    assert ann.problem.startswith('"dob": "05-12-1950" could be either of two dates: this '
                                  "clinic reads dates " + (
                                      "day first (DD-MM-YYYY)" if day_first else
                                      "month first (MM-DD-YYYY)"))
    assert di.problem.startswith(f'"dob": "{other_way}" is not a date read ')


def test_a_merge_name_without_pdf_gets_it_and_a_folder_meant_is_refused(clinic):
    """`--merge today` wrote a file named "today" that no viewer opens on a double click,
    and `--merge new/` a file named "new"; as build -o does, .pdf is added, and a name
    ending in a slash is one line saying what would be right."""
    path = roster(clinic, "Ann,Lee,,,chronic_low_back,11/23/2026,\n")
    result = clinic.run("batch", path, "--merge", "today", "--quiet")
    assert result.exit_code == 0, result.output
    merged = clinic.root / "today.pdf"
    assert result.stdout == "merged 1 packet into today.pdf (6 pages).\n"
    assert not (clinic.root / "today").exists()
    assert "Ann Lee" in "".join(page_texts(merged.read_bytes()))

    result = clinic.run("batch", path, "--merge", "new/", "--quiet")
    assert result.exit_code == 1
    assert re.fullmatch(r"error: --merge new/: that names a folder, not a file; give the "
                        r"name of a file to write in it, e.g. --merge new/"
                        r"\d{4}-\d\d-\d\d_packets\.pdf\n", result.stderr), result.stderr
    assert not (clinic.root / "new").exists()
