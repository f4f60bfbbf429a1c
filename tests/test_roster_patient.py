"""A roster row's patient is the row's: a program file saved for one patient and named on
another patient's row is a template, and nothing of who it was saved for (email, date of
birth, clinic number) reaches the other patient's handout, message or record. Made-up
people only."""

from __future__ import annotations

import email
from pathlib import Path

import pytest
import yaml

import handouts as api
from test_record import clinic  # noqa: F401 - the fixture, shared

JANE = {"name": "Jane Doe", "email": "jane.doe@example.com", "dob": "1961-04-30",
        "number": "004512", "caregiver": None, "caregiver_email": None}


def saved_program(folder: Path) -> Path:
    path = folder / "jane-doe.yaml"
    path.write_text(yaml.safe_dump({
        "patient": JANE, "therapist": "Dave Candy, PT, DPT", "date": "2026-11-23",
        "exercises": ["si_joint_correction", "child_pose"]}, sort_keys=False)
        .replace("'1961-04-30'", "1961-04-30"), encoding="utf-8")
    return path


def patients(path: Path, ws: api.Workspace) -> list[dict | str]:
    return [row.program.patient.model_dump(mode="json") if row.program else row.problem
            for row in api.load_roster(path, ws.library).rows]


def test_a_program_saved_for_another_patient_gives_none_of_her_details(tmp_path, ws):
    saved_program(tmp_path)
    roster = tmp_path / "r.csv"
    roster.write_text(
        "name,program,email,dob,number\n"
        "Ann Lee,jane-doe.yaml,,,\n"  # the saved program as a template
        "Bo Ray,jane-doe.yaml,bo@example.com,,\n"
        "Jane Doe,jane-doe.yaml,,,\n"  # her own program: her details stay
        "jane  DOE,jane-doe.yaml,,,\n"  # as the record matches a name
        "Jane Doe,jane-doe.yaml,,1990-01-02,\n"  # another Jane Doe: born another day
        "Jane Doe,jane-doe.yaml,,,77\n"  # another Jane Doe: another clinic number
        "Jane Doe,jane-doe.yaml,jd@example.com,1961-04-30,\n", encoding="utf-8")
    nobody = {"email": None, "dob": None, "number": None, "caregiver": None,
              "caregiver_email": None}
    assert patients(roster, ws) == [
        {"name": "Ann Lee", **nobody},
        {"name": "Bo Ray", **nobody, "email": "bo@example.com"},
        JANE,
        {**JANE, "name": "jane  DOE"},
        {"name": "Jane Doe", **nobody, "dob": "1990-01-02"},
        {"name": "Jane Doe", **nobody, "number": "77"},
        {**JANE, "email": "jd@example.com"}]


def test_a_program_file_whose_patient_is_not_a_mapping_is_a_template_too(tmp_path, ws):
    (tmp_path / "p.yaml").write_text("patient: Jane Doe\nexercises: [child_pose]\n")
    roster = tmp_path / "r.csv"
    roster.write_text("name,program\nAnn Lee,p.yaml\n", encoding="utf-8")
    assert patients(roster, ws) == [{"name": "Ann Lee", "email": None, "dob": None,
                                     "number": None, "caregiver": None,
                                     "caregiver_email": None}]


def test_a_caregiver_s_address_stays_with_the_caregiver_it_was_written_for(tmp_path, ws):
    """A row naming another caregiver for the same patient (her mother brought her today)
    does not take the address saved for the one in the file: the email greeting the mother
    would go to the father's address."""
    path = saved_program(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "caregiver: null\n  caregiver_email: null",
        "caregiver: Luis Doe\n  caregiver_email: luis@example.com"), encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text(
        "name,caregiver,caregiver email,program\n"
        "Jane Doe,,,jane-doe.yaml\n"  # the file's caregiver and his address
        "Jane Doe,luis  DOE,,jane-doe.yaml\n"  # the same man, written otherwise
        "Jane Doe,Maria Doe,,jane-doe.yaml\n"  # another: no address of hers yet
        "Jane Doe,Maria Doe,maria@example.com,jane-doe.yaml\n", encoding="utf-8")
    luis = {**JANE, "caregiver": "Luis Doe", "caregiver_email": "luis@example.com"}
    assert patients(roster, ws) == [
        luis, {**luis, "caregiver": "luis  DOE"},
        {**JANE, "caregiver": "Maria Doe"},
        {**JANE, "caregiver": "Maria Doe", "caregiver_email": "maria@example.com"}]


def test_batch_email_never_sends_a_template_user_s_handout_to_its_first_patient(clinic):
    with (clinic.root / "clinic.yaml").open("a", encoding="utf-8") as clinic_file:
        clinic_file.write("\nemail: desk@example.com\n")  # the address messages are from
    saved_program(clinic.root)
    roster = clinic.root / "r.csv"
    roster.write_text("name,program,email\nAnn Lee,jane-doe.yaml,\n"
                      "Bo Ray,jane-doe.yaml,bo@example.com\n", encoding="utf-8")
    result = clinic.run("batch", str(roster), "--email", "--no-send", "--outbox", "outbox")
    pending = sorted((clinic.root / "outbox" / "pending").glob("*.eml"))
    recipients = [email.message_from_bytes(p.read_bytes())["To"] for p in pending]
    assert recipients == ["Bo Ray <bo@example.com>"], result.output
    assert "row 1: no email address" in result.stderr


def test_batch_files_a_template_user_s_handout_under_the_row_s_patient(clinic, database):
    saved_program(clinic.root)
    roster = clinic.root / "r.csv"
    roster.write_text("name,program\nAnn Lee,jane-doe.yaml\nJane Doe,jane-doe.yaml\n",
                      encoding="utf-8")
    result = clinic.run("batch", str(roster), "--out-dir", "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert [r[1:4] for r in database.rows(clinic.root)] == [
        ("Ann Lee", None, None), ("Jane Doe", "1961-04-30", "004512")]


@pytest.mark.parametrize("day_first, born, wrong", [(True, "30/04/1961", "31/04/1961"),
                                                    (False, "04/30/1961", "04/31/1961")])
def test_a_date_of_birth_is_read_in_the_order_the_rosters_dates_are(tmp_path, ws, day_first,
                                                                     born, wrong):
    # a European spreadsheet exports a date of birth as it exports the visit's date, day
    # first; it was refused as "not a date; write it as YYYY-MM-DD" on every row that had one
    saved_program(tmp_path)
    roster = tmp_path / "r.csv"
    roster.write_text("name;program;date;dob\n"
                      f"Ann Lee;jane-doe.yaml;{born};{born}\n"
                      f"Jane Doe;jane-doe.yaml;;{born}\n"  # her own file: the same person
                      f"Bo Ray;jane-doe.yaml;;{wrong}\n", encoding="utf-8")
    rows = list(api.load_roster(roster, ws.library, day_first=day_first).rows)
    assert [r.program.patient.model_dump(mode="json") for r in rows[:2]] == [
        {"name": "Ann Lee", "email": None, "dob": "1961-04-30", "number": None,
         "caregiver": None, "caregiver_email": None}, JANE]
    assert str(rows[0].program.date) == "1961-04-30"
    order = "day first (DD/MM/YYYY)" if day_first else "month first (MM/DD/YYYY)"
    assert rows[2].problem == (f'"dob": "{wrong}", read {order}, is not a date: April '
                               "1961 has 30 days; check the day and the month")
