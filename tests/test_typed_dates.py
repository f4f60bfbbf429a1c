"""A date a person types outside a roster (a program file's ``dob:``, ``date:`` and
``next_visit:``, the web form's *Date of birth* and *Next visit*, ``history --dob``) is read
as the clinic's roster reads its cells: 14/03/1968 in a day-first clinic (en-GB), 03/14/1968
in a month-first one (the US), with the roster's one-line errors for a date that is none read
in that order. A front desk that types dates one way all day was told "write it as
YYYY-MM-DD" everywhere but in its rosters. Made-up people only."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
import yaml

import handouts as api
from conftest import WEB_LIBRARY, page_texts
from handouts.web import create_app
from test_record import clinic  # noqa: F401 - the fixture, shared
from test_web import Browser, start_program, unescape

# a clinic of each order: (its clinic.yaml's locale line, how it writes day d of month m)
DAY_FIRST = ("locale: en-GB\n", lambda d, m, y, sep="/": f"{d:02}{sep}{m:02}{sep}{y}")
MONTH_FIRST = ("", lambda d, m, y, sep="/": f"{m:02}{sep}{d:02}{sep}{y}")
ORDERS = pytest.mark.parametrize("order", [DAY_FIRST, MONTH_FIRST], ids=["day", "month"])
# "14/03/1968" read in the other order: the roster's line, as a program file and the form say it
WRONG = {DAY_FIRST: ('"03/14/1968" is not a date read day first (DD/MM/YYYY, as this '
                     "clinic's locale reads dates); write it as YYYY-MM-DD (e.g. 2026-11-23)"),
         MONTH_FIRST: ('"14/03/1968" is not a date read month first (MM/DD/YYYY, as this '
                       "clinic reads dates; a locale such as en-GB in clinic.yaml reads them "
                       "day first); write it as YYYY-MM-DD (e.g. 2026-11-23)")}


def _in_order(folder, order) -> None:
    """The clinic in ``folder`` reads dates in ``order``."""
    path = folder / "clinic.yaml"
    path.write_text(path.read_text(encoding="utf-8") + order[0], encoding="utf-8")


@ORDERS
def test_a_program_files_dates_are_read_in_the_clinics_order(clinic, database, order):
    _in_order(clinic.root, order)
    written = order[1]
    program = clinic.program("Ann Lee", dob=written(14, 3, 1968), date=written(5, 6, 2026),
                             file="ann.yaml")
    text = program.read_text(encoding="utf-8") + f"next_visit: {written(19, 6, 2026, '.')}\n"
    program.write_text(text, encoding="utf-8")
    read = api.load_program(program, clinic.ws())
    assert (read.patient.dob, read.date, read.next_visit) == (
        dt.date(1968, 3, 14), dt.date(2026, 6, 5), dt.date(2026, 6, 19))
    result = clinic.run("build", str(program), "-o", str(clinic.root / "ann.pdf"))
    assert result.exit_code == 0, result.output
    first = page_texts((clinic.root / "ann.pdf").read_bytes())[0]
    assert ("Date: 5 June 2026" if order is DAY_FIRST else "Date: June 5, 2026") in first
    # 05/06/1970 could be either: read in the clinic's order, as a roster's cell is
    program.write_text(text.replace(written(14, 3, 1968), "05/06/1970"), encoding="utf-8")
    assert api.load_program(program, clinic.ws()).patient.dob == (
        dt.date(1970, 6, 5) if order is DAY_FIRST else dt.date(1970, 5, 6))
    # the other order: one line at the key, in the roster's words
    other = "03/14/1968" if order is DAY_FIRST else "14/03/1968"
    program.write_text(text.replace(written(14, 3, 1968), other), encoding="utf-8")
    result = clinic.run("build", str(program), "-o", str(clinic.root / "ann.pdf"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {program}:3: patient.dob: {WRONG[order]}"]


@ORDERS
def test_history_reads_dob_in_the_clinics_order(clinic, database, order):
    _in_order(clinic.root, order)
    clinic.issue(clinic.program("Ann Lee", dob="1968-03-14"))
    result = clinic.run("history", "Ann Lee", "--dob", order[1](14, 3, 1968))
    assert result.exit_code == 0, result.output
    assert "1968-03-14" in result.output
    other = "03/14/1968" if order is DAY_FIRST else "14/03/1968"
    result = clinic.run("history", "Ann Lee", "--dob", other)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: --dob: {WRONG[order]}"]


@pytest.fixture
def web_clinic(tmp_path):
    folder = tmp_path / "clinic"
    shutil.copytree(WEB_LIBRARY, folder)
    return folder


@ORDERS
def test_the_web_forms_dates_are_read_in_the_clinics_order(web_clinic, tmp_path, order):
    _in_order(web_clinic, order)
    ws = api.open_workspace(web_clinic / "exercises.yaml", web_clinic / "clinic.yaml")
    browser = Browser(create_app(ws, programs_dir=tmp_path / "programs",
                                 record=lambda *a: ()))
    browser.get("/")
    form = start_program(browser, "bridge")
    visit = ws.today() + dt.timedelta(days=10)
    typed = {"patient_dob": order[1](14, 3, 1968),
             "next_visit": order[1](visit.day, visit.month, visit.year, ".")}
    assert browser.post("save", {**form, **typed}).status_code == 200
    saved = yaml.safe_load((tmp_path / "programs" / "ada-example.yaml").read_text("utf-8"))
    assert (saved["patient"]["dob"], saved["next_visit"]) == ("1968-03-14", visit.isoformat())
    other = "03/14/1968" if order is DAY_FIRST else "14/03/1968"
    page = browser.post("build", {**form, **typed, "patient_dob": other})
    assert page.status_code == 422
    assert re.search(r'id="patient_dob-msg"[^>]*>' + re.escape(WRONG[order]) + "<",
                     unescape(page.get_data(as_text=True)))
