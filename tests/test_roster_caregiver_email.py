"""A roster row with a caregiver's email but no caregiver is told in the roster's columns,
as its other mistakes are (README: *Front desk: batches*): the desk reads the roster, not a
program file, so "add patient: caregiver:" named a key it has not got. The row's good
neighbours are still built. Made-up people only."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from handouts.cli import main

from conftest import ROOT, page_texts


def batch(roster: Path, out: Path):
    return CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(out), "--quiet",
                                     "--library", str(ROOT / "exercises.yaml"),
                                     "--clinic", str(ROOT / "clinic.yaml")],
                              catch_exceptions=False)


def test_a_row_without_its_caregiver_is_told_by_the_roster_s_columns(tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text(
        "Name,Parent/Guardian,Email,Parent email,Program,Date\n"
        "Dana Ortiz,Luis Ortiz,dana@example.com,luis@example.com,chronic_low_back,2026-11-23\n"
        "Eli Ortiz,,eli@example.com,luis@example.com,chronic_low_back,2026-11-23\n",
        encoding="utf-8")
    result = batch(roster, tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'error: {roster}:3: row 2: "Parent email": an address for a caregiver, but the row '
        'names none: write who the handout is given to in the "Parent/Guardian" column']
    assert "patient:" not in result.output and "Traceback" not in result.output
    # the good row is still built, for its caregiver
    [built] = (tmp_path / "out").glob("*.pdf")
    assert built.name == "2026-11-23_dana-ortiz.pdf"
    assert "Luis Ortiz" in page_texts(built.read_bytes())[0]


def test_a_roster_without_a_caregiver_column_is_told_the_one_to_add_in_its_language(
        tmp_path):
    roster = tmp_path / "hoy.csv"
    roster.write_text("Nombre,Correo,Correo del cuidador,Programa,Fecha\n"
                      "Eli Ortiz,eli@example.com,luis@example.com,chronic_low_back,2026-11-23\n",
                      encoding="utf-8")
    result = batch(roster, tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'error: {roster}:2: row 1: "Correo del cuidador": an address for a caregiver, but the '
        'row names none: add a "Cuidador" column with who the handout is given to']



def test_a_bad_caregiver_cell_is_one_line_not_also_told_it_names_none(tmp_path):
    """A caregiver's name the row cannot take (too long, a paste gone wrong) was said, and
    then its address was told the row names no caregiver, which it does: two messages for
    one mistake, the second one wrong."""
    roster = tmp_path / "today.csv"
    long_name = "Luis Ortiz " * 30  # 330 characters, as a paste gone wrong
    roster.write_text(
        "Name,Parent/Guardian,Email,Parent email,Program,Date\n"
        f"Eli Ortiz,{long_name},eli@example.com,luis@example.com,chronic_low_back,"
        "2026-11-23\n", encoding="utf-8")
    result = batch(roster, tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'error: {roster}:2: row 1: "Parent/Guardian": is 329 characters long; shorten it '
        "to 300 or fewer"]
