"""A roster saved from a spreadsheet with what the spreadsheet shows in place of a value: an
error ("#N/A" from a lookup that found nothing), a formula written out, the 0 of a formula
whose cell is empty, and a long chart number shortened to "1.23457E+11". Each was printed
("For: #N/A") or kept in the record as the patient's number; now each is its row's one
line, naming the cell by its heading, and the other rows are built. Made-up people only."""

from __future__ import annotations

from click.testing import CliRunner

from handouts.cli import main

from conftest import page_texts


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_what_a_spreadsheet_writes_for_a_value_is_the_row_s_problem(tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text("Patient Name,Protocol,MRN,DOB,Date\n"
                      "#N/A,chronic_low_back,,,2026-11-23\n"
                      "0,chronic_low_back,,,2026-11-23\n"
                      "=VLOOKUP(A2;Sheet2!A:B;2),chronic_low_back,,,2026-11-23\n"
                      "Dan Notreal,chronic_low_back,1.23457E+11,,2026-11-23\n"
                      "Eve Notreal,#REF!,,=B5+1,2026-11-23\n"
                      "Fay Notreal,chronic_low_back,123457000000,,2026-11-23\n",
                      encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    error = "is an error the spreadsheet shows in the cell, not a value; mend the cell (or " \
            "its formula) in the spreadsheet and save the roster again"
    formula = "is a formula, not its value; save the roster from the spreadsheet again as " \
              "CSV, which writes each formula's value"
    assert result.stderr.splitlines() == [
        f'error: {roster}:2: row 1: "Patient Name": "#N/A" {error}',
        f'error: {roster}:3: row 2: "Patient Name": "0" is a number, not a name (a '
        "spreadsheet shows 0 for a formula whose cell is empty); mend the cell and save the "
        "roster again",
        f'error: {roster}:4: row 3: "Patient Name": "=VLOOKUP(A2;Sheet2!A:B;2)" {formula}',
        f'error: {roster}:5: row 4: "MRN": "1.23457E+11" is a long number the spreadsheet '
        "shortened, its last digits lost; format the column as Text, type the numbers again "
        "and save the roster again",
        f'error: {roster}:6: row 5: "Protocol": "#REF!" {error}; "DOB": "=B5+1" {formula}']
    [built] = (tmp_path / "out").glob("*.pdf")
    assert built.name == "2026-11-23_fay-notreal.pdf"
    assert "Fay Notreal" in " ".join(page_texts(built.read_bytes()))


def test_a_roster_with_no_program_column_is_one_line_before_any_row(tmp_path):
    """An appointments export with no program column failed each row with the same line,
    naming a column it did not have, then "built 0 of 3"."""
    roster = tmp_path / "today.csv"
    roster.write_text("Patient Name,Appt Date\nAnn Lee,11/23/2026\nBo Lee,11/23/2026\n",
                      encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {roster}:1: the roster needs a column for each patient's program (a "
        'protocol id, or a program file); found: Patient Name, Appt Date; add a "program" '
        "column"]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_excel_s_sep_line_is_read_and_a_report_s_title_is_told(tmp_path):
    """Excel's "sep=;" line before the headings was read as the headings ("found: sep=");
    a report's title and date above them were too, with a list of headings to add."""
    roster = tmp_path / "today.csv"
    roster.write_text("sep=;\nName;Program;Date\nAnn Lee;chronic_low_back;2026-11-23\n"
                      "Bo Lee;no_such;2026-11-23\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    [error] = result.stderr.splitlines()
    assert error.startswith(f'error: {roster}:4: row 2: unknown protocol "no_such"')
    assert "Ann Lee" in " ".join(page_texts(
        (tmp_path / "out" / "2026-11-23_ann-lee.pdf").read_bytes()))
    report = tmp_path / "report.csv"
    report.write_text("Daily Appointment Report\nDate: 11/23/2026\n\nPatient Name,Protocol\n"
                      "Ann Lee,chronic_low_back\n", encoding="utf-8")
    told = run("batch", report, "--out-dir", tmp_path / "report")
    assert told.exit_code == 1
    assert told.stderr.splitlines() == [
        f"error: {report}:1: this line is no row of column headings, and line 4 is: delete "
        "the lines above it and save the roster again"]
