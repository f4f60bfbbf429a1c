"""What a front desk's busy Monday showed: a record notice that named no roster row, a
roster run again that recorded packets it never made, an unknown protocol with no list of
the protocols there are, and forget leaving the patient's PDFs without a word. Read back
from the record's database and the command's own output."""

from __future__ import annotations

import re

import pytest

from conftest import page_texts
from test_record import clinic  # noqa: F401 - the fixture, shared

HEADER = "Patient First Name,Patient Last Name,DOB,MRN,Protocol,Appt Date\n"
GARCIAS = ("Maria,Garcia,03/14/1955,100300,chronic_low_back,11/23/2026\n"
           "Bo,Able,,,chronic_low_back,11/23/2026\n"
           "Maria,Garcia,09/02/1988,100301,chronic_low_back,11/23/2026\n")


def monday(clinic, rows=GARCIAS) -> str:
    path = clinic.root / "monday.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return str(path)


def test_a_second_patient_of_one_name_is_said_at_the_roster_row_in_its_columns(clinic,
                                                                              database):
    roster = monday(clinic)
    result = clinic.run("batch", roster, "--out-dir", "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {roster}:4: row 3: a new patient in the record, told apart "
        "from 1 other of that name by date of birth and clinic number; give the same "
        '"DOB" and "MRN" at every visit to keep a patient\'s visits together',
        f"warning: {roster}:4: row 3: another patient of the same name is row 1 (line 2): "
        "check which packet is whose before you hand them out"]
    assert [r[1:4] for r in database.rows(clinic.root)] == [
        ("Maria Garcia", "1955-03-14", "100300"), ("Bo Able", None, None),
        ("Maria Garcia", "1988-09-02", "100301")]


def test_a_roster_run_again_to_files_records_nothing_and_says_nothing_was_built(clinic,
                                                                               database):
    """A file run that writes no file hands nothing out; a merged print file, printed
    again, is each of its packets handed out again."""
    roster = monday(clinic)
    first = clinic.run("batch", roster, "--out-dir", "out", "--quiet")
    assert first.stdout == "built 3 of 3 packets in out/.\n"
    files = {p.name: p.read_bytes() for p in (clinic.root / "out").glob("*.pdf")}
    assert len(files) == 3
    assert len(database.rows(clinic.root)) == 3

    again = clinic.run("batch", roster, "--out-dir", "out", "--quiet")
    assert again.exit_code == 0, again.output
    assert again.stdout == "built 0 of 3 packets in out/; 3 already there, unchanged.\n"
    assert {p.name: p.read_bytes() for p in (clinic.root / "out").glob("*.pdf")} == files
    assert len(database.rows(clinic.root)) == 3
    history = clinic.run("history", "Bo Able")
    assert sum(" batch " in line for line in history.stdout.splitlines()) == 1

    # printed again: the merged file's packets are handed out again, files or no files, and
    # the summary says a file that is there already, byte for byte, is left as it is
    said = []
    for options in (["--merge", "all.pdf"], ["--merge", "all.pdf", "--out-dir", "out"]):
        merged = clinic.run("batch", roster, *options, "--quiet")
        assert merged.exit_code == 0, merged.output
        said.append(merged.stdout)
    assert not (clinic.root / "all-2.pdf").exists()
    pages = len(page_texts((clinic.root / "all.pdf").read_bytes()))
    assert said[0] == f"merged 3 packets into all.pdf ({pages} pages).\n"
    assert said[1] == ("built 0 of 3 packets in out/; 3 already there, unchanged; merged 3 "
                       f"packets into all.pdf ({pages} pages), already there, unchanged.\n")
    history = clinic.run("history", "Bo Able")
    assert sum(" batch " in line for line in history.stdout.splitlines()) == 3
    assert len(page_texts((clinic.root / "all.pdf").read_bytes())) > 3


@pytest.mark.parametrize("where", ["roster", "build", "program"])
def test_an_unknown_protocol_lists_the_protocols_there_are(clinic, where):
    if where == "roster":
        roster = monday(clinic, "Uma,Patel,09/21/1960,100220,acl_rehab,11/23/2026\n")
        result = clinic.run("batch", roster, "--out-dir", "out", "--quiet")
        said = (f'error: {roster}:2: row 1: unknown protocol "acl_rehab"; known protocols: '
                '"chronic_low_back"; give a protocol id or a program file (ending .yaml): '
                f"acl_rehab.yaml is neither beside the roster ({clinic.root}) nor in the "
                f"clinic's saved programs ({clinic.root / 'programs'})")
    elif where == "build":
        result = clinic.run("build", "--protocol", "acl_rehab", "--patient", "Uma Patel",
                            "-o", "uma.pdf")
        said = ('error: options: protocol: unknown protocol "acl_rehab" in exercises.yaml; '
                'known protocols: "chronic_low_back"')
    else:
        program = clinic.root / "uma.yaml"
        program.write_text("patient:\n  name: Uma Patel\nprotocol: acl_rehab\n",
                           encoding="utf-8")
        result = clinic.run("build", str(program), "-o", "uma.pdf")
        said = (f'error: {program}:3: protocol: unknown protocol "acl_rehab" in '
                'exercises.yaml; known protocols: "chronic_low_back"')
    assert result.exit_code == 1
    assert said in result.stderr.splitlines()


def test_forget_tells_the_desk_to_delete_the_pdfs_it_cannot_reach(clinic, database):
    roster = monday(clinic)
    assert clinic.run("batch", roster, "--out-dir", "out", "--merge", "all.pdf",
                      "--quiet").exit_code == 0
    [handout_id] = {r[0] for r in database.rows(clinic.root) if r[1] == "Bo Able"}
    result = clinic.run("forget", "Bo Able", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: the PDFs made for Bo Able are not in the record, and forget cannot find "
        "them: delete by hand those you kept (files named 2026-11-23_bo-able.pdf in out/ or "
        "the folder given to build or batch, and their pages in merged print files, marked "
        f"{handout_id})"]
    assert (clinic.root / "out" / "2026-11-23_bo-able.pdf").is_file()  # the desk's to delete
    assert any(re.search(rf"Handout {handout_id}", page)
               for page in page_texts((clinic.root / "all.pdf").read_bytes()))


def test_a_bad_date_of_birth_is_named_by_the_roster_s_heading(clinic):
    """The desk's roster has a "DOB" column, not a program's patient.dob: a date of birth
    that is no date names the column the desk can find, and the other rows are built."""
    roster = monday(clinic, "Maria,Garcia,02/30/1961,100300,chronic_low_back,11/23/2026\n"
                            "Bo,Able,,,chronic_low_back,11/23/2026\n"
                            "Cy,Baker,1961-02-30,100302,chronic_low_back,11/23/2026\n")
    result = clinic.run("batch", roster, "--out-dir", "out", "--quiet")
    assert result.exit_code == 1, result.output
    error, other = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert other.startswith(f'error: {roster}:4: row 3: "DOB": '), other
    assert error == (f'error: {roster}:2: row 1: "DOB": "02/30/1961", read month first '
                     "(MM/DD/YYYY), is not a date: February 1961 has 28 days; check the day "
                     "and the month")
    assert "patient.dob" not in result.stderr
    assert result.stdout.startswith("built 1 of 3 packets in out/")
