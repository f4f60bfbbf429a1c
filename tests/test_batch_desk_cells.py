"""A front desk's roster row with bad cells, read against the roster: a program file's
advice ("or leave next_visit out") said of a cell the desk can only leave blank, and a row
with several bad cells that named only the first, so the desk fixed it and ran the roster
again only to meet the next. Read back from the command's output and the PDFs; made-up
patients only."""

from __future__ import annotations

from conftest import page_texts
from test_record import clinic  # noqa: F401 - the fixture, shared

HEADER = "Patient First Name,Patient Last Name,DOB,MRN,Protocol,Appt Date,Next Appt,Log Weeks\n"


def roster(clinic, rows: str) -> str:
    path = clinic.root / "monday.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return str(path)


def test_a_cell_s_advice_is_to_leave_the_cell_blank_not_a_key_out(clinic):
    mrn = "4" * 41
    path = roster(clinic, "Bo,Able,,,chronic_low_back,11/23/2026,11/20/2026,\n"
                          f"Cy,Baker,,{mrn},chronic_low_back,11/23/2026,,\n"
                          "Di,Moss,,,chronic_low_back,11/23/2031,,\n")
    result = clinic.run("batch", path, "--out-dir", "out", "--quiet")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f'error: {path}:2: row 1: "Next Appt": 2026-11-20 is not after the visit\'s date '
        "(2026-11-23); give the day of the next visit, or leave the cell blank")
    assert lines[1] == (f'error: {path}:3: row 2: "MRN": must be 1 to 40 characters; leave '
                        "the cell blank if the clinic has none for this patient")
    assert lines[2].startswith(f'error: {path}:4: row 3: "Appt Date": "2031-11-23" is more '
                               "than a year after today")
    assert lines[2].endswith("or leave the cell blank for today's")
    assert len(lines) == 3
    for line in lines:  # no program file's words: a key to leave out, a key in snake_case
        assert " out" not in line and "next_visit" not in line and "patient." not in line

    # a program file keeps its own words: it has the key, not a cell
    (clinic.root / "bo.yaml").write_text(
        "patient:\n  name: Bo Able\ndate: 2026-11-23\nnext_visit: 2026-11-20\n"
        "protocol: chronic_low_back\n", encoding="utf-8")
    result = clinic.run("build", "bo.yaml", "-o", "bo.pdf")
    assert result.exit_code == 1
    assert result.stderr.rstrip().endswith("or leave next_visit out")


def test_every_bad_cell_of_a_row_is_said_in_column_order_and_no_cascade(clinic):
    """Ann's date of birth was checked first and alone; fixing it met the visit's date,
    then the weeks of log. Each bad cell is said in the row's one line, by its heading,
    in the roster's column order; a next visit is not checked against a visit's date that
    is itself no date (its problem would be the date's), and the good rows print."""
    path = roster(clinic, "Ann,Lee,13/45/1950,,chronic_low_back,11/31/2026,11/30/2026,9\n"
                          "Bo,Able,,,chronic_low_bak,11/23/2026,12/14/26,0\n"
                          "Cy,Baker,03/14/1955,,chronic_low_back,11/23/2026,12/14/2026,\n")
    result = clinic.run("batch", path, "--out-dir", "out", "--quiet")
    assert result.exit_code == 1, result.output
    ann, bo = result.stderr.splitlines()
    assert ann.startswith(f'error: {path}:2: row 1: "DOB": "13/45/1950" is not a date')
    said = [part.split(":")[0] for part in ann.split(": row 1: ", 1)[1].split("; ")
            if part.startswith('"')]
    assert said == ['"DOB"', '"Appt Date"', '"Log Weeks"']
    assert "November 2026 has 30 days" in ann and "9 weeks: a log has 1 to 6" in ann
    assert "Next Appt" not in ann  # 11/30/2026 is a good date: only the visit's is wrong

    # an unknown protocol is said among the row's cells, in the protocol column's place
    assert bo.startswith(f'error: {path}:3: row 2: unknown protocol "chronic_low_bak"')
    assert bo.index('"Next Appt": "12/14/26": the year needs four digits') > bo.index(
        "unknown protocol") and bo.index('"Log Weeks": 0 weeks') > bo.index('"Next Appt"')
    assert "no exercises" not in bo and "protocol:" not in bo
    # no advice for a next visit further off, which a log of no weeks is not about
    assert bo.endswith('"Log Weeks": 0 weeks: a log has 1 to 6 weeks; give 1 for a log of '
                       "one week")
    assert result.stdout.startswith("built 1 of 3 packets in out/")
    assert "Cy Baker" in "".join(page_texts(
        (clinic.root / "out" / "2026-11-23_cy-baker.pdf").read_bytes()))


def test_a_merge_into_a_folder_names_a_file_in_it_to_give_instead(clinic):
    """`--merge out` where out/ is there said only "give the name of a file to write"; the
    desk is given one, the day's packets as the web app names its download."""
    path = roster(clinic, "Ann,Lee,,,chronic_low_back,11/23/2026,,\n")
    (clinic.root / "out").mkdir()
    result = clinic.run("batch", path, "--merge", "out", "--date", "2026-11-23", "--quiet")
    assert result.exit_code == 1
    assert result.stderr == ("error: --merge out: that is a folder, not a file; give the name "
                             "of a file to write in it, e.g. --merge out/2026-11-23_packets.pdf\n")
    assert list((clinic.root / "out").iterdir()) == []
    result = clinic.run("batch", path, "--merge", "out/2026-11-23_packets.pdf", "--quiet")
    assert result.exit_code == 0, result.output
    assert "Ann Lee" in "".join(page_texts(
        (clinic.root / "out" / "2026-11-23_packets.pdf").read_bytes()))


def test_a_row_with_no_name_or_no_program_says_its_other_bad_cells_too(clinic):
    """A row with no name or no program stopped there, though every other bad cell of a row
    is said in its one line: the desk added the name and met the date of birth."""
    path = roster(clinic, ",,13/45/1950,,chronic_low_back,11/23/2026,,\n"
                          "Bo,Able,13/45/1950,,,11/31/2026,,\n"
                          "Ed,Stone,,,chronic_low_back,11/23/2026,,\n")
    result = clinic.run("batch", path, "--out-dir", "out", "--quiet")
    assert result.exit_code == 1, result.output
    first, second = result.stderr.splitlines()
    assert first.startswith(f"error: {path}:2: row 1: no name; every row needs the "
                            'patient\'s name in the "Patient First Name" and "Patient Last '
                            'Name" columns; "DOB": "13/45/1950" is not a date')
    assert second.startswith(f"error: {path}:3: row 2: no program: give a protocol id")
    assert [part.split(":")[0] for part in second.split("; ") if part.startswith('"')] == [
        '"DOB"', '"Appt Date"']
    assert "must not be empty" not in result.stderr  # the blank is said once, as lacking
    assert result.stdout.startswith("built 1 of 3 packets in out/")


def test_a_program_cell_naming_no_program_file_is_said_with_the_row_s_other_cells(clinic):
    """A program cell naming a YAML file that holds no program stopped the row there: its
    bad date and its missing name were not said with it. Now the file is the program cell's
    problem, in the program column's place, beside every other."""
    (clinic.root / "notes.yaml").write_text("- a list\n- not a program\n", encoding="utf-8")
    path = roster(clinic, ",,13/45/1950,,notes.yaml,11/31/2026,,\n"
                          "Ed,Stone,,,chronic_low_back,11/23/2026,,\n")
    result = clinic.run("batch", path, "--out-dir", "out", "--quiet")
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    file = clinic.root / "notes.yaml"
    assert line.startswith(f"error: {path}:2: row 1: no name; every row needs the patient's "
                           'name in the "Patient First Name" and "Patient Last Name" columns; '
                           '"DOB": "13/45/1950" is not a date')
    assert line.index(f'; {file}: not a program file; "Appt Date": "11/31/2026"') > line.index(
        '"DOB"')
    assert result.stdout.startswith("built 1 of 2 packets in out/")


def test_what_a_row_lacks_and_a_name_too_long_are_named_by_the_roster_s_headings(clinic):
    """"every row needs the patient's \"name\"" named a key the desk's roster has not got,
    and a name too long, made of the first and last name columns, was "patient.name"."""
    long = "A" * 160
    path = roster(clinic, f",,,,chronic_low_back,11/23/2026,,\n{long},{long},,,,11/23/2026,,\n")
    result = clinic.run("batch", path, "--out-dir", "out", "--quiet")
    assert result.exit_code == 1, result.output
    nameless, too_long = result.stderr.splitlines()
    assert nameless == (f"error: {path}:2: row 1: no name; every row needs the patient's name "
                        'in the "Patient First Name" and "Patient Last Name" columns')
    assert too_long.startswith(f'error: {path}:3: row 2: no program: give a protocol id (')
    # the two columns are the sentence's subject: "...Last Name": is 321..." had none
    assert 'a program file in the "Protocol" column; "Patient First Name" and "Patient Last ' \
           'Name": together they are 321 characters long; shorten them to 300 or fewer' \
           in too_long
    assert "patient.name" not in too_long and '"name"' not in result.stderr

    other = clinic.root / "tuesday.csv"
    other.write_text("Patient Name,Program\n,chronic_low_back\n", encoding="utf-8")
    result = clinic.run("batch", str(other), "--out-dir", "out", "--quiet")
    assert result.stderr == (f"error: {other}:2: row 1: no name; every row needs the "
                             'patient\'s name in the "Patient Name" column\n')


def test_a_long_log_s_advice_names_the_roster_s_column_not_a_program_s_key(clinic):
    """A next visit over six weeks off: the warning said "log_weeks: 6 in the program", a key
    a roster row has not got. A roster row is told its "Log Weeks" column (and its next
    visit is its "Next Appt"), or, with no such column, what would say it."""
    path = roster(clinic, "Ann,Lee,,,chronic_low_back,11/23/2026,03/30/2027,\n")
    result = clinic.run("batch", path, "--out-dir", "out")
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if "days after" in line]
    assert warning == (
        f'warning: {path}:2: row 1: "Next Appt": 2027-03-30 is 127 days after the visit\'s '
        "date (2026-11-23); the log has 6 weeks, the most it can have, and ends on "
        '2027-01-03: plan a new handout by then (6 in the "Log Weeks" column says you mean '
        "it)")

    other = clinic.root / "tuesday.csv"
    other.write_text("name,program,date,next visit\n"
                     "Bo Able,chronic_low_back,2026-11-23,2027-03-30\n", encoding="utf-8")
    result = clinic.run("batch", str(other), "--out-dir", "out2")
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if "days after" in line]
    assert warning.startswith(f'warning: {other}:2: row 1: "next visit": 2027-03-30 is 127')
    assert warning.endswith('(a "log weeks" column of 6, or a program file\'s log_weeks: 6, '
                            "says you mean it)")
