"""A roster's dates written the other way round from the clinic's order of day and month:
03/04/1950 is the 3rd of April in Dublin and March 4th in Boston. Where the roster's own
cells show it writes them the other way (21/03/1970 in a clinic that reads month first), a
date that could be either is refused with both readings, not read the clinic's way without a
word (a visit filed months away, a date of birth that makes a patient someone new in the
record). Made-up people only."""

from __future__ import annotations

import datetime as dt

import pytest

import handouts as api
from conftest import page_texts
from test_record import clinic  # noqa: F401 - the fixture, shared

ISSUED = "SELECT p.name, p.dob, g.visit_date FROM programs g JOIN patients p ON " \
         "g.patient_id = p.id ORDER BY g.id"


def rows_of(tmp_path, ws, text: str, day_first: bool) -> list:
    """The rows of a roster of ``text`` (its headings first, ";" between cells), read."""
    roster = tmp_path / "r.csv"
    roster.write_text(text, encoding="utf-8")
    return list(api.load_roster(roster, ws.library, day_first=day_first).rows)


def test_a_roster_written_day_first_is_not_read_month_first_without_a_word(clinic, database):
    # clinic.yaml names no locale: 03/12/2026 reads month first, as in the US
    roster = clinic.root / "today.csv"
    roster.write_text("name,dob,program,date\n"
                      "Ann Lee,03/04/1950,chronic_low_back,\n"   # 3 April, or March 4?
                      "Bo Ray,21/03/1970,chronic_low_back,\n"    # day first, whatever the clinic
                      "Cy Fox,1950-04-03,chronic_low_back,04/12/2026\n"
                      "Di Moss,05/05/1950,chronic_low_back,05/05/2026\n",  # the same either way
                      encoding="utf-8")
    result = clinic.run("batch", str(roster), "--out-dir", "out", "--quiet")
    assert result.exit_code == 1
    # row 2's date of birth is not quoted in row 1's line: another patient's, it would be
    # kept with row 1's (an emailed batch's log, under row 1's address)
    either = ("could be either of two dates: this clinic reads dates month first "
              "(MM/DD/YYYY), but row 2's \"dob\" is written day first; write it as "
              "YYYY-MM-DD")
    assert result.stderr.splitlines() == [
        f'error: {roster}:2: row 1: "dob": "03/04/1950" {either} (1950-03-04 or '
        "1950-04-03)",
        f'error: {roster}:3: row 2: "dob": "21/03/1970" is not a date read month first '
        "(MM/DD/YYYY, as this clinic reads dates; a locale such as en-GB in clinic.yaml reads "
        "them day first); write it as YYYY-MM-DD (e.g. 2026-11-23)",
        f'error: {roster}:4: row 3: "date": "04/12/2026" {either} (2026-04-12 or 2026-12-04)']
    # only the row whose dates read one way was built, and recorded
    assert database.rows(clinic.root, ISSUED) == [("Di Moss", "1950-05-05", "2026-05-05")]
    [pdf] = (clinic.root / "out").glob("*.pdf")
    assert pdf.name == "2026-05-05_di-moss.pdf"
    assert "Date: May 5, 2026" in page_texts(pdf.read_bytes())[0]


@pytest.mark.parametrize("day_first, other_way, order", [
    (True, "03/21/1970", "day first (DD/MM/YYYY), but row 3's \"dob\" is written month "
                         "first"),
    (False, "21/03/1970", "month first (MM/DD/YYYY), but row 3's \"dob\" is written day "
                          "first")])
def test_either_order_refuses_what_could_be_two_dates_only_where_the_roster_shows_the_other(
        tmp_path, ws, day_first, other_way, order):
    roster = tmp_path / "r.csv"
    rows = ("name;program;date;dob\n"
            "Ann Lee;chronic_low_back;03/12/2026;\n"
            "Bo Ray;chronic_low_back;;12/12/1961\n")
    roster.write_text(rows, encoding="utf-8")
    # nothing in the roster says otherwise: read in the clinic's order, as ever
    read = list(api.load_roster(roster, ws.library, day_first=day_first).rows)
    assert str(read[0].program.date) == ("2026-12-03" if day_first else "2026-03-12")
    assert str(read[1].program.patient.dob) == "1961-12-12"

    roster.write_text(rows + f"Cy Fox;chronic_low_back;;{other_way}\n", encoding="utf-8")
    read = list(api.load_roster(roster, ws.library, day_first=day_first).rows)
    readings = "2026-12-03 or 2026-03-12" if day_first else "2026-03-12 or 2026-12-03"
    assert read[0].problem == (f'"date": "03/12/2026" could be either of two dates: this clinic '
                               f"reads dates {order}; write it as YYYY-MM-DD ({readings})")
    assert str(read[1].program.patient.dob) == "1961-12-12"  # the same either way
    assert read[2].problem.startswith(f'"dob": "{other_way}" is not a date read')


def test_a_cell_that_is_no_date_either_way_is_its_rows_problem_beside_a_day_first_one(
        tmp_path, ws):
    # 00/05/1980 and 03/04/0000 are no date read either way: each was a ValueError
    # traceback that stopped the whole batch (its two readings were made to be named)
    roster = tmp_path / "r.csv"
    roster.write_text("name;program;dob\n"
                      "Ann Lee;chronic_low_back;21/03/1970\n"
                      "Bo Ray;chronic_low_back;00/05/1980\n"
                      "Cy Fox;chronic_low_back;03/04/0000\n"
                      "Di Moss;chronic_low_back;12/12/1961\n", encoding="utf-8")
    read = list(api.load_roster(roster, ws.library).rows)
    month_first = ("is not a date read month first (MM/DD/YYYY, as this clinic reads dates; a "
                   "locale such as en-GB in clinic.yaml reads them day first); write it as "
                   "YYYY-MM-DD (e.g. 2026-11-23)")
    assert [row.problem for row in read[1:3]] == [
        f'"dob": "00/05/1980" {month_first}', f'"dob": "03/04/0000" {month_first}']
    assert str(read[3].program.patient.dob) == "1961-12-12"


def test_a_year_of_two_digits_is_asked_for_in_four_at_its_row(tmp_path, ws):
    """03/04/50, a spreadsheet's short date: was '"03/04/50" is not a date; write it as
    YYYY-MM-DD', which does not say what is wrong with it. 1950 or 2050 is not guessed;
    the good row is still read."""
    roster = tmp_path / "r.csv"
    roster.write_text("name;program;dob;date\n"
                      "Ann Lee;chronic_low_back;03/04/50;\n"
                      "Bo Ray;chronic_low_back;;11.23.26\n"
                      "Cy Fox;chronic_low_back;12/12/1961;\n", encoding="utf-8")
    read = list(api.load_roster(roster, ws.library).rows)
    assert [(row.location.line, row.problem) for row in read[:2]] == [
        (2, '"dob": "03/04/50": the year needs four digits; write 03/04/1950 or '
            "03/04/2050 (or the date as YYYY-MM-DD)"),
        # a visit's date is this century's: 1926 is not offered
        (3, '"date": "11.23.26": the year needs four digits; write 11.23.2026 (or the date '
            "as YYYY-MM-DD)")]
    assert str(read[2].program.patient.dob) == "1961-12-12"


def test_a_date_without_its_year_is_asked_for_with_it_at_its_row(tmp_path, ws):
    """12/7, "Dec 7": a desk typing today's date. It was '"12/7" is not a date; write it as
    YYYY-MM-DD', which did not say what was missing. The year is not guessed; a visit's
    date is shown with this year's, as its row's other dates are written, a date of birth
    with none (it is not this year's); the good row is still read."""
    roster = tmp_path / "r.csv"
    roster.write_text("name;program;dob;date\n"
                      "Ann Lee;chronic_low_back;;12/7\n"
                      "Bo Ray;chronic_low_back;Mar 4;Dec 7\n"
                      "Cy Fox;chronic_low_back;12/12/1961;7-Dec\n"
                      "Di Poe;chronic_low_back;;7 de diciembre\n"
                      "Ed Kay;chronic_low_back;;12.7.\n"
                      "Flo Ng;chronic_low_back;12/12/1961;\n", encoding="utf-8")
    before = dt.date.today().year
    read = list(api.load_roster(roster, ws.library).rows)
    after = dt.date.today().year  # the year may turn as it is read
    said = [(row.location.line, row.problem) for row in read[:5]]
    for year in {before, after}:
        expected = [
            (2, f'"date": "12/7" has no year; write it with its year (12/7/{year}) or as '
                "YYYY-MM-DD"),
            (3, '"dob": "Mar 4" has no year; write it with its year or as YYYY-MM-DD; '
                f'"date": "Dec 7" has no year; write it with its year (Dec 7, {year}) or as '
                "YYYY-MM-DD"),
            (4, f'"date": "7-Dec" has no year; write it with its year (7-Dec-{year}) or as '
                "YYYY-MM-DD"),
            (5, '"date": "7 de diciembre" has no year; write it with its year (7 de '
                f"diciembre de {year}) or as YYYY-MM-DD"),
            (6, f'"date": "12.7." has no year; write it with its year (12.7.{year}) or as '
                "YYYY-MM-DD")]
        if said == expected:
            break
    assert said == expected
    assert str(read[5].program.patient.dob) == "1961-12-12"


@pytest.mark.parametrize("locale", [None, "en", "en-US", "en-CA", "en-PH", "en-PR", "en-GU",
                                    "en-VI", "en-AS", "en-MP", "en-UM", "en-GB", "en-IE",
                                    "en-AU", "en-NZ", "en-IN", "en-ZA"])
def test_a_roster_s_dates_read_in_the_order_the_clinic_prints_them(tmp_path, ws, locale):
    """en-CA, en-PH and the US territories print "December 3, 2026", as the US does, but a
    roster's 03/12/2026 was read day first there (only -US read month first): the front desk
    types a date as it sees it printed."""
    from handouts.words import text

    wording = text.Wording(locale=locale)
    printed = text.phrase("en", "date_long", wording, date=dt.date(2026, 12, 3),
                          months=text.strings("en", wording)["months"])
    clinic = ws.clinic.model_copy(update={"locale": locale})
    roster = tmp_path / "r.csv"
    roster.write_text("name;program;date\nAnn Lee;chronic_low_back;03/12/2026\n",
                      encoding="utf-8")
    [row] = api.load_roster(roster, ws.library, day_first=clinic.day_first).rows
    assert (printed, str(row.program.date)) in [("3 December 2026", "2026-12-03"),
                                                ("December 3, 2026", "2026-03-12")]


@pytest.mark.parametrize("locale, day_first", [
    ("es-US", False), ("es-PR", False), ("vi-US", False), ("zh-GU", False),
    ("es-MX", True), ("es-ES", True), ("es", True), ("fr-CA", True), ("fr", True)])
def test_a_clinic_in_the_us_or_its_territories_reads_month_first_in_any_language(
        tmp_path, ws, locale, day_first):
    """A Puerto Rico clinic's scheduling system, forms and patients' IDs write 12/03/2026,
    as the rest of the US does, and its English prints "December 3, 2026": es-PR read a
    roster's dates day first (only -US read month first). What the Spanish prints, "3 de
    diciembre", is words, not the order a front desk types numbers in."""
    clinic = ws.clinic.model_copy(update={"locale": locale})
    roster = tmp_path / "r.csv"
    roster.write_text("name;program;date\nAnn Lee;chronic_low_back;03/12/2026\n",
                      encoding="utf-8")
    [row] = api.load_roster(roster, ws.library, day_first=clinic.day_first).rows
    assert str(row.program.date) == ("2026-12-03" if day_first else "2026-03-12")


@pytest.mark.parametrize("day_first", [False, True])
def test_dotted_dates_read_as_slashed_ones_and_one_of_each_is_refused(tmp_path, ws, day_first):
    """05.12.2026, as much of Europe types it, reads in the clinic's order as 05/12/2026
    does, and its line shows the order with dots; 05/12.2026 was read as if it were either,
    where which half is the slip is not known."""
    roster = tmp_path / "r.csv"
    roster.write_text("name;program;dob;date\n"
                      "Ann Lee;chronic_low_back;05.12.1950;05/12/2026\n"
                      "Bo Ray;chronic_low_back;05/12.1950;\n"
                      "Cy Fox;chronic_low_back;;5.12.26\n", encoding="utf-8")
    ann, bo, cy = api.load_roster(roster, ws.library, day_first=day_first).rows
    assert (str(ann.program.patient.dob), str(ann.program.date)) == (
        ("1950-12-05", "2026-12-05") if day_first else ("1950-05-12", "2026-05-12"))
    assert bo.problem == ('"dob": "05/12.1950" has both "/" and "." in it; write '
                          "05/12/1950 (or the date as YYYY-MM-DD)")
    assert cy.problem == ('"date": "5.12.26": the year needs four digits; write 5.12.2026 '
                          "(or the date as YYYY-MM-DD)")

    other_way = "12.31.1950" if day_first else "31.12.1950"
    roster.write_text(f"name;program;dob\nDi Moss;chronic_low_back;{other_way}\n",
                      encoding="utf-8")
    [di] = api.load_roster(roster, ws.library, day_first=day_first).rows
    order = ("day first (DD.MM.YYYY, as this clinic's locale reads dates)" if day_first else
             "month first (MM.DD.YYYY, as this clinic reads dates; a locale such as en-GB in "
             "clinic.yaml reads them day first)")
    assert di.problem == (f'"dob": "{other_way}" is not a date read {order}; write it '
                          "as YYYY-MM-DD (e.g. 2026-11-23)")


@pytest.mark.parametrize("locale", [None, "en", "en-GB", "en-US"])
def test_a_clinic_that_prints_its_own_dates_day_first_with_no_country_is_warned(tmp_path,
                                                                                  locale):
    """The locale decides how a roster's 03/12/2026 reads, never the wording: a clinic with
    its own date_long, 3 December 2026, and no locale read every roster month first without
    a word. Where the locale names no country, check says so; where it names one (en-US:
    a US clinic printing the day first), it is believed."""
    from click.testing import CliRunner

    from handouts.cli import main

    home = tmp_path / "pt"
    made = CliRunner().invoke(main, ["new", str(home), "--name", "Test PT", "--phone",
                                     "555-0100", *(["--locale", locale] if locale else [])])
    assert made.exit_code == 0, made.output
    own = home / "strings.en.yaml"
    own.write_text('date_long: "{{ date.day }} {{ months[date.month - 1] }} {{ date.year }}"\n',
                   encoding="utf-8")
    checked = CliRunner().invoke(main, ["--home", str(home), "check"])
    assert checked.exit_code == 0, checked.output
    said = [line for line in checked.stderr.splitlines() if "date_long" in line]
    named = {None: "clinic.yaml names no locale",
             "en": "clinic.yaml's locale \"en\" names no country"}.get(locale)
    assert said == ([f'warning: {own}:1: date_long: prints the day first ("23 November 2026"), '
                     f"but {named}, so a roster's 03/12/2026 reads month first (March 12); if "
                     "your front desk types dates day first, name your country in clinic.yaml's "
                     'locale (e.g. "en-GB", "en-AU")'] if named else [])


def test_a_language_only_some_patients_get_says_nothing_of_the_desk(tmp_path):
    """The front desk types dates in the clinic's own language's way: an English clinic
    (no locale) whose Arabic wording prints the day first is not told to change its
    locale (check warned of the Arabic test clinic's date_long, with English examples)."""
    from click.testing import CliRunner

    from handouts.cli import main

    home = tmp_path / "pt"
    made = CliRunner().invoke(main, ["new", str(home), "--name", "Test PT", "--phone",
                                     "555-0100"])
    assert made.exit_code == 0, made.output
    (home / "strings.fr.yaml").write_text(
        'date_long: "{{ date.day }} {{ months[date.month - 1] }} {{ date.year }}"\n',
        encoding="utf-8")
    checked = CliRunner().invoke(main, ["--home", str(home), "check"])
    assert [line for line in checked.stderr.splitlines() if "date_long: prints" in line] == []


@pytest.mark.parametrize("day_first, typed", [(True, "31.02.1980"), (False, "02/31/1980"),
                                              (True, "31/04/2026")])
def test_a_day_its_month_does_not_have_is_said_so(tmp_path, ws, day_first, typed):
    # it was "not a date read day first (DD.MM.YYYY...)": the order the user did follow
    roster = tmp_path / "r.csv"
    roster.write_text(f"name;program;dob\nÖzlem Çelik;chronic_low_back;{typed}\n"
                      "Ann Lee;chronic_low_back;29.02.1980\n", encoding="utf-8")
    ozlem, ann = api.load_roster(roster, ws.library, day_first=day_first).rows
    sep = typed[2]
    order = (f"day first (DD{sep}MM{sep}YYYY)" if day_first else
             f"month first (MM{sep}DD{sep}YYYY)")
    month = "April 2026 has 30 days" if "04" in typed else "February 1980 has 29 days"
    assert ozlem.problem == (f'"dob": "{typed}", read {order}, is not a date: {month}; '
                             "check the day and the month")
    if day_first:  # 1980 was a leap year
        assert str(ann.program.patient.dob) == "1980-02-29"


@pytest.mark.parametrize("day_first", [True, False])
def test_a_date_written_year_first_is_read_in_every_clinic(tmp_path, ws, day_first):
    """2026/12/05 and 1968.03.14, as Japan, China, Korea and Taiwan write dates: a year of
    four digits first leaves no doubt, whatever the clinic's order of day and month (a
    ja-JP clinic was told "write it as YYYY-MM-DD"); one that is no date says so, as typed."""
    read = rows_of(tmp_path, ws, "name;program;date;dob\n"
                   "Ann Lee;chronic_low_back;2026/12/05;1968/03/14\n"
                   "Bo Ray;chronic_low_back;2026.12.05;1968.3.4\n"
                   "Cy Fox;chronic_low_back;2026/12/05;1975/13/40\n"
                   "Di Orr;chronic_low_back;2026/12/05;1980/02/30\n", day_first)
    assert [(str(r.program.date), str(r.program.patient.dob)) for r in read[:2]] == [
        ("2026-12-05", "1968-03-14"), ("2026-12-05", "1968-03-04")]
    assert read[2].problem == ('"dob": "1975/13/40", read year first (YYYY/MM/DD), is not a '
                               "date; check the month (1 to 12) and the day")
    assert read[3].problem == ('"dob": "1980/02/30", read year first (YYYY/MM/DD), is not a '
                               "date: February 1980 has 29 days; check the day and the month")


@pytest.mark.parametrize("day_first", [True, False])
def test_a_date_that_names_its_month_is_read_in_every_clinic(tmp_path, ws, day_first):
    """"Dec 5, 2026" and "14 March 1968", as a spreadsheet's long date format exports them
    or a desk types them, were "not a date; write it as YYYY-MM-DD": the month's name
    leaves no doubt of the order. A year of two digits is asked for in four, as in numbers;
    a day the month has not got says so, as typed."""
    read = rows_of(tmp_path, ws, "name;program;date;dob\n"
                   "Ann Lee;chronic_low_back;Dec 5, 2026;14 March 1968\n"
                   "Bo Ray;chronic_low_back;05-Dec-2026;4. März 1968\n"
                   "Cy Fox;chronic_low_back;5 de diciembre de 2026;March 4th, 1968\n"
                   "Di Orr;chronic_low_back;5-Dec-26;1968-03-04\n"
                   "Ed Poe;chronic_low_back;Dec 5, 2026;Feb 30, 1980\n", day_first)
    assert [(str(r.program.date), str(r.program.patient.dob)) for r in read[:3]] == [
        ("2026-12-05", "1968-03-14"), ("2026-12-05", "1968-03-04"),
        ("2026-12-05", "1968-03-04")]
    assert read[3].problem == ('"date": "5-Dec-26": the year needs four digits; write '
                               "5-Dec-2026 (or the date as YYYY-MM-DD)")
    assert read[4].problem == ('"dob": "Feb 30, 1980" is not a date: February 1980 has 29 '
                               "days; check the day")


def test_dob_written_year_first_is_read_as_a_date(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from handouts.cli import main

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    home = tmp_path / "clinic"
    home.mkdir()
    for name in ("exercises.yaml", "clinic.yaml"):
        (home / name).write_bytes((api.ROOT / name).read_bytes())
    run = lambda dob: CliRunner().invoke(  # noqa: E731
        main, ["--home", str(home), "history", "Ann Lee", "--dob", dob])
    result = run("1968/03/14")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == ('error: no patient named "Ann Lee" with '
                                                      "that date of birth, number or id in the "
                                                      "record")
    result = run("1968/02/30")
    assert result.output.strip().splitlines()[-1] == (
        'error: --dob: "1968/02/30", read year first (YYYY/MM/DD), is not a date: February '
        "1968 has 29 days; check the day and the month")


def test_a_future_date_of_birth_is_told_to_check_its_year_not_how_it_is_written(clinic,
                                                                                database):
    # a pediatric clinic's desk typed this year's visit date as a child's birthday: the
    # month-first date was read as written, so "write it as YYYY-MM-DD" could not mend it
    later = dt.date.today().year + 1
    roster = clinic.root / "today.csv"
    roster.write_text(f"name,dob,program\nAva Chen,12/20/{later},chronic_low_back\n"
                      "Mia Lopez,06/12/2019,chronic_low_back\n", encoding="utf-8")
    result = clinic.run("batch", str(roster), "--out-dir", "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'error: {roster}:2: row 1: "dob": "{later}-12-20" is in the future; a date of birth '
        "is today or before: check its year"]
    assert [p.name.split("_", 1)[1] for p in (clinic.root / "out").glob("*.pdf")] == [
        "mia-lopez.pdf"]


def test_a_date_that_names_its_month_is_read_in_a_program_and_an_option(tmp_path):
    from click.testing import CliRunner

    from handouts.cli import main
    from handouts.input.models import Program

    program = Program.model_validate({"patient": {"name": "Ann Lee", "dob": "March 14, 1968"},
                                      "date": "5 Dec 2026", "exercises": ["child_pose"]})
    assert (str(program.date), str(program.patient.dob)) == ("2026-12-05", "1968-03-14")
    out = tmp_path / "p.pdf"
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--patient", "Ann Lee", "--exercise", "child_pose",
                                 "--date", "Dec 8, 2026", "-o", str(out)])
    assert built.exit_code == 0, built.output
    assert "Date: December 8, 2026" in " ".join(page_texts(out.read_bytes()))
    refused = runner.invoke(main, ["build", "--patient", "Ann Lee", "--exercise", "child_pose",
                                   "--date", "Dec 8, 26", "-o", str(out)])
    assert refused.exit_code != 0 and 'error: --date: "Dec 8, 26": the year needs four ' \
        "digits; write Dec 8, 2026 (or the date as YYYY-MM-DD)" in refused.output


@pytest.mark.parametrize("day_first", [True, False])
def test_a_date_with_its_time_of_day_is_its_day(tmp_path, ws, day_first):
    """A scheduling system's "Appt Date" with the appointment's time ("12/07/2026 9:30 AM",
    "2026-12-07T09:30:00") was "not a date": every row of such an export failed. The day is
    the date's; a date that is wrong is said with its time, as typed."""
    read = rows_of(tmp_path, ws, "name;program;date\n"
                   "Ann Lee;chronic_low_back;07/07/2026 9:30 AM\n"
                   "Bo Ray;chronic_low_back;2026-07-07T09:30:00Z\n"
                   "Cy Fox;chronic_low_back;Jul 7, 2026 at 2:15 p.m.\n"
                   "Di Orr;chronic_low_back;07/07/26 09:30\n", day_first)
    assert [str(r.program.date) for r in read[:3]] == ["2026-07-07"] * 3
    assert read[3].problem == ('"date": "07/07/26 09:30": the year needs four digits; write '
                               "07/07/2026 (or the date as YYYY-MM-DD)")
    # a program file's date is a day: one with a time is refused there, as before
    from handouts.input.models import Program

    with pytest.raises(ValueError, match="not a date"):
        Program.model_validate({"patient": {"name": "Ann Lee"}, "date": "2026-07-07 09:30",
                                "exercises": ["child_pose"]})


def test_a_date_with_its_time_still_shows_the_roster_s_order(tmp_path, ws):
    """"21/03/2026 9:30" can only be read day first: the roster's other dates that could be
    either are refused in a clinic that reads month first, as without the time."""
    read = rows_of(tmp_path, ws, "name;program;date\n"
                   "Ann Lee;chronic_low_back;21/03/2026 9:30\n"
                   "Bo Ray;chronic_low_back;03/04/2026 10:00\n", day_first=False)
    assert read[1].problem.startswith('"date": "03/04/2026 10:00" could be either of two '
                                      "dates: this clinic reads dates month first")


def test_a_program_s_or_the_web_form_s_dates_are_told_as_their_field_is():
    """A program file's (and the web app's form's) dates were read with no field named: a
    next visit of "12/21/26" was offered 12/21/1926, and one with no year no year to add."""
    from handouts.input import typed
    from handouts.input.models import Program

    def told(**given) -> str:
        with typed.dates_read(False), pytest.raises(ValueError) as refused:
            Program.model_validate({"patient": {"name": "Ann Lee", **given.pop("patient", {})},
                                    "exercises": ["child_pose"], **given})
        return str(refused.value)

    assert 'write 12/21/2026 (or the date as YYYY-MM-DD)' in told(date="2026-12-07",
                                                                   next_visit="12/21/26")
    assert "Dec 21, 2026" in told(date="2026-12-07", next_visit="Dec 21")
    assert "write 3/4/1945 or 3/4/2045" in told(patient={"dob": "3/4/45"})


@pytest.mark.parametrize("day_first, dob, date, dob_said, date_said", [
    (False, "31-12-60", "25.11.26",
     '"dob": "31-12-60": the year needs four digits, and this clinic reads dates month first '
     "(MM-DD-YYYY), where 31 is no month; write it as YYYY-MM-DD (1960-12-31 or 2060-12-31)",
     '"date": "25.11.26": the year needs four digits, and this clinic reads dates month first '
     "(MM.DD.YYYY), where 25 is no month; write it as YYYY-MM-DD (2026-11-25)"),
    (True, "12/31/60", "11/25/26",
     '"dob": "12/31/60": the year needs four digits, and this clinic reads dates day first '
     "(DD/MM/YYYY), where 31 is no month; write it as YYYY-MM-DD (1960-12-31 or 2060-12-31)",
     '"date": "11/25/26": the year needs four digits, and this clinic reads dates day first '
     "(DD/MM/YYYY), where 25 is no month; write it as YYYY-MM-DD (2026-11-25)")])
def test_a_short_year_in_the_other_order_is_offered_the_date_that_order_reads(
        tmp_path, ws, day_first, dob, date, dob_said, date_said):
    """31-12-60 at a month-first clinic was told to write 31-12-1960 or 31-12-2060, which
    that clinic then refuses as no date read month first: the advice went round in a
    circle. Its two numbers read only the other way, so that reading is offered, as
    YYYY-MM-DD, which every clinic reads the same."""
    read = rows_of(tmp_path, ws, f"name;program;dob;date\nAnn Lee;chronic_low_back;{dob};\n"
                                 f"Bo Ray;chronic_low_back;;{date}\n", day_first)
    assert [row.problem for row in read] == [dob_said, date_said]
