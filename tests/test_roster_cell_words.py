"""A roster's layout and language as a scheduling system exports them, or a desk types
them: "Large Print", "Compact", "STANDARD", "letra grande"; "Spanish", "Español", "ES",
"Spanish/English". Each was refused ("is not allowed"; "is not a language code"), every
row of a day's export failing on the cells that say what the patient needs. Read through
`batch` and the roster reader; the packets read back from the PDFs. Made-up people only."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.input import row_cells

from conftest import page_texts


@pytest.mark.parametrize("typed, read", [
    ("Large Print", "large_print"), ("large-print", "large_print"), ("LP", "large_print"),
    ("LARGE_PRINT", "large_print"), ("letra grande", "large_print"),
    ("Gros caractères", "large_print"), ("Compact", "compact"), ("compacto", "compact"),
    ("STANDARD", "standard"), ("Regular", "standard"), ("estándar", "standard"),
    # what says no layout is left as typed: the program's own message names the layouts
    ("huge", "huge"), ("", ""),
])
def test_a_layout_as_a_desk_types_it(typed, read):
    assert row_cells.layout(typed) == read


@pytest.mark.parametrize("typed, read", [
    ("Spanish", "es"), ("Español", "es"), ("ESPAÑOL", "es"), ("espanol", "es"), ("ES", "es"),
    ("ET", "et"), ("Y", "Y"), ("English", "en"), ("Inglés", "en"), ("Français", "fr"), ("Deutsch", "de"),
    ("日本語", "ja"), ("Portuguese", "pt"), ("Vietnamese", "vi"), ("hmn", "hmn"),
    # Mandarin is printed in Chinese; which code Cantonese prints in is the clinic's to give
    ("Mandarin", "zh"), ("Chinese (Mandarin)", "zh"), ("Cantonese", "Cantonese"),
    ("Spanish/English", "es, en"), ("Spanish and English", "es, en"),
    ("Español y English", "es, en"), ("es, en", "es, en"), ("ES/EN", "es, en"),
    # with a country, as a scheduling system exports it: the country is the clinic's to
    # give (locale), not a row's; and its three-letter codes, and a stop after a name
    ("es-MX", "es"), ("en_US", "en"), ("es-419", "es"), ("Spanish (Mexico)", "es"),
    ("pt-BR, en", "pt, en"), ("ENG", "en"), ("SPA", "es"), ("spa/eng", "es, en"),
    ("english.", "en"), ("Cantonese (Hong Kong)", "Cantonese (Hong Kong)"),
    # no language's name, or three: left as typed for the program's own message
    ("Klingon", "Klingon"), ("Spanish/English/French", "Spanish/English/French"),
    ("Spanish/Klingon", "Spanish/Klingon"),
])
def test_a_language_as_an_export_names_it(typed, read):
    assert row_cells.language(typed) == read


def test_a_days_export_with_layouts_and_languages_in_words_builds_every_row(tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text(
        "Patient Name,Program,Date,Language,Layout\n"
        "Ada Example,chronic_low_back,2026-12-07,Spanish,Large Print\n"
        "Bo Example,chronic_low_back,2026-12-07,English,Compact\n"
        "Cy Example,chronic_low_back,2026-12-07,Spanish/English,STANDARD\n"
        "Di Example,chronic_low_back,2026-12-07,Klingon,huge\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(out), "--quiet"])
    assert "built 3 of 4 packets" in result.output, result.output
    # the row that names neither is told both, as before
    [bad] = [line for line in result.output.splitlines() if "row 4" in line]
    assert '"Layout": "huge" is not allowed' in bad and '"Klingon" is not a language code' in bad
    ws = api.open_workspace()
    rows = {row.program.patient.name: row.program for row in
            api.load_roster(roster, ws.library, languages=ws.languages).rows if row.program}
    assert {name: (p.layout, p.language) for name, p in rows.items()} == {
        "Ada Example": ("large_print", ("es",)), "Bo Example": ("compact", ("en",)),
        "Cy Example": ("standard", ("es", "en"))}
    ada = " ".join(page_texts((out / "2026-12-07_ada-example.pdf").read_bytes()))
    assert "Programa de ejercicios en casa" in ada, ada[:300]


@pytest.mark.parametrize("typed", ["N/A", "n/a", "None", "-", "declined", "No email",
                                   "ninguno", "なし"])
def test_an_email_cell_that_says_no_address_is_blank(tmp_path, typed):
    """A scheduling system's "N/A" (or a desk's "none", "declined") in the email column
    failed the row, "is not an email address": a day's print run lost every patient without
    an address. It is a blank cell; a mistyped address is still that row's one line."""
    roster = tmp_path / "today.csv"
    roster.write_text("Patient Name,Program,Date,Email,Parent/Guardian,Parent Email\n"
                      f"Ada Example,chronic_low_back,2026-12-07,{typed},,\n"
                      f"Bo Example,chronic_low_back,2026-12-07,,Cy Example,{typed}\n"
                      "Di Example,chronic_low_back,2026-12-07,di@example,,\n",
                      encoding="utf-8")
    ws = api.open_workspace()
    ada, bo, di = api.load_roster(roster, ws.library, languages=ws.languages).rows
    assert ada.program.patient.email is None and ada.problem is None
    assert bo.program.patient.caregiver_email is None and bo.problem is None
    assert di.program is None and '"Email": "di@example" is not an email address' in di.problem


@pytest.mark.parametrize("typed", ["Chronic Low Back", "chronic low back", "CHRONIC_LOW_BACK",
                                   "chronic-low-back",
                                   "Chronic low back pain with hypermobility",
                                   "CHRONIC LOW BACK PAIN WITH HYPERMOBILITY"])
def test_a_protocol_named_as_a_desk_writes_it_is_that_protocol(tmp_path, typed):
    """A program cell giving the protocol's id in other case or with spaces, or its title as
    `list` shows it, was an unknown protocol; a name no protocol has still is, told the
    close ones."""
    roster = tmp_path / "today.csv"
    roster.write_text(f"Patient Name,Program,Date\nAda Example,{typed},2026-12-07\n"
                      "Bo Example,Chronic high back,2026-12-07\n", encoding="utf-8")
    ws = api.open_workspace()
    ada, bo = api.load_roster(roster, ws.library, languages=ws.languages).rows
    assert ada.problem is None and ada.program.protocol == "chronic_low_back"
    assert 'unknown protocol "Chronic high back"; did you mean "chronic_low_back"?' in bo.problem


@pytest.mark.parametrize("typed", ["N/A", "none", "-", "Self", "patient", "本人"])
def test_a_caregiver_cell_that_says_none_gives_the_handout_to_the_patient(tmp_path, typed):
    """An adult's "Parent/Guardian" exported as "N/A" (or a responsible party "Self") printed
    "Caregiver: N/A" on page 1 and worded the handout to a caregiver; the patient's own."""
    roster = tmp_path / "today.csv"
    roster.write_text("Patient Name,Program,Date,Parent/Guardian,Parent Email\n"
                      f"Ada Example,chronic_low_back,2026-12-07,{typed},\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(out), "--quiet"])
    assert "built 1 of 1 packet " in result.output, result.output
    page_one = page_texts((out / "2026-12-07_ada-example.pdf").read_bytes())[0]
    assert "For: Ada Example" in page_one and "Caregiver" not in page_one, page_one[:300]


def test_a_cell_that_says_nothing_is_blank_and_no_is_still_an_answer(tmp_path):
    """"N/A", "TBD", "-" in an export's optional columns (next appointment, date of birth,
    clinic number, provider) failed the row as "not a date"; each is a blank cell. "no" in
    the pain row column is still no."""
    roster = tmp_path / "today.csv"
    roster.write_text("Patient Name,Program,Date,Next Appt,DOB,MRN,Provider,Pain row,Layout\n"
                      "Ada Example,chronic_low_back,2026-12-07,N/A,N/A,N/A,N/A,no,N/A\n"
                      "Bo Example,chronic_low_back,2026-12-07,TBD,unknown,-,-,N/A,-\n",
                      encoding="utf-8")
    ws = api.open_workspace()
    ada, bo = api.load_roster(roster, ws.library, languages=ws.languages).rows
    assert ada.problem is None and bo.problem is None, (ada.problem, bo.problem)
    for row in (ada, bo):
        program = row.program
        assert (program.next_visit, program.patient.dob, program.patient.number,
                program.therapist) == (None, None, None, None)
        assert "layout" not in program.model_fields_set
    assert ada.program.log_pain is False and bo.program.log_pain is None
    assert row_cells.says_none("no", "language") is False  # Norwegian's code


@pytest.mark.parametrize("typed, read", [
    ("Left side", "left"), ("Rt", "right"), ("Lt.", "left"), ("L knee", "left"),
    ("Right shoulder", "right"), ("lado izquierdo", "left"), ("côté droit", "right"),
    # both sides: the pictures as drawn, as a blank cell, and no problem
    ("Bilateral", None), ("both", None),
])
def test_a_side_as_an_export_writes_it(typed, read):
    cells = []
    assert row_cells.side(typed, "affected_side", cells) == read and cells == []


@pytest.mark.parametrize("typed", ["left and right", "L/R", "knee left", "B"])
def test_a_side_that_names_both_or_none_first_is_still_asked_for(typed):
    cells = []
    assert row_cells.side(typed, "affected_side", cells) is None
    assert [c.message for c in cells] == [f'"{typed}" is not left or right; write "left" or '
                                          '"right" for the side the pictures show, or leave '
                                          "the cell blank for none"]


def test_log_weeks_with_the_word_for_them_read(tmp_path):
    """"2 weeks", "2 wks" in a log weeks column were "not a number of weeks"."""
    roster = tmp_path / "today.csv"
    roster.write_text("Patient Name,Program,Date,Log weeks\n"
                      "Ada Example,chronic_low_back,2026-12-07,2 weeks\n"
                      "Bo Example,chronic_low_back,2026-12-07,3 wks\n"
                      "Cy Example,chronic_low_back,2026-12-07,4 semanas\n"
                      "Di Example,chronic_low_back,2026-12-07,two\n", encoding="utf-8")
    ws = api.open_workspace()
    *read, di = api.load_roster(roster, ws.library, languages=ws.languages).rows
    assert [row.program.log_weeks for row in read] == [2, 3, 4]
    assert '"Log weeks": "two" is not a number of weeks; give 1 to 6 (e.g. 2)' in di.problem


def test_an_appointment_export_s_headings_and_cells_are_read(tmp_path):
    """A US scheduling system's appointment export as it comes, headings and cells: every
    column was read but "Preferred Language", "Appt Date/Time", "Patient DOB", "Next Appt
    Date" and "Rendering Provider", and its cells failed the rows."""
    roster = tmp_path / "appointments.csv"
    roster.write_text(
        "Patient Full Name,Patient DOB,Appt Date/Time,Rendering Provider,Program,"
        "Preferred Language,Next Appt Date,Patient Email\n"
        "Ada Example,03/04/1961,12/07/2026 9:30 AM,\"Dave Candy, PT\",Chronic Low Back,"
        "Spanish,12/21/2026 10:00 AM,N/A\n", encoding="utf-8")
    ws = api.open_workspace()
    [ada] = api.load_roster(roster, ws.library, languages=ws.languages).rows
    assert ada.problem is None, ada.problem
    program = ada.program
    assert (str(program.patient.dob), str(program.date), program.therapist, program.protocol,
            program.language, str(program.next_visit), program.patient.email) == (
        "1961-03-04", "2026-12-07", "Dave Candy, PT", "chronic_low_back", ("es",),
        "2026-12-21", None)
