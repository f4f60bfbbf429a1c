"""A visit dated over a year ahead, a mistyped year (2062 for 2026) recorded before such a
date was refused, is not "the last visit" for good: the web app's "Start from the last
visit", ``export --last`` and ``latest_program`` start from the latest visit dated up to a
year ahead, and say which visit they passed over and its date; history still lists it. A
handout made ahead for next month is still the last visit. Made-up patients."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
import yaml

import handouts as api
from handouts import record
from test_record import clinic  # noqa: F401 - the fixture, shared


def given(clinic, date: str, hold: str):
    """Jane Doe's visit of ``date``, recorded as a printed handout; a far date as the
    record kept it before such dates were refused."""
    ws = clinic.ws()
    program = api.load_program(clinic.program(date=date, hold=hold), ws, kept=True)
    built = api.build_handout(program, ws)
    assert record.issued(ws, record.Issue.of(program, built), channel="printed",
                         by="dave") == ()


@pytest.fixture
def jane(clinic, database):  # noqa: F811 - the fixture
    given(clinic, "2026-11-23", "30 s")
    given(clinic, "2062-11-23", "45 s")  # meant 2026-11-23: the year mistyped
    [patient] = record.patients(clinic.ws(), "Jane Doe")
    return patient


PASSED = ("Jane Doe's visit 2 of {} is dated more than a year after today, a mistake in "
          "the year, so it is not the last visit.")


def hold_of(data: dict) -> str:
    [dose] = [e["dose"] for e in data["exercises"] if isinstance(e, dict)]
    return dose["hold"]


def test_the_next_visit_starts_from_the_latest_visit_not_the_mistyped_year(clinic, jane):
    start = record.start_from(clinic.ws(), jane)
    assert (start.visit.number, start.visit.visit_date) == (1, dt.date(2026, 11, 23))
    assert start.said() == PASSED.format("2062-11-23")
    assert record.latest_program(clinic.ws(), jane).date == dt.date(2026, 11, 23)

    # export --last: the file, and why it is not visit 2
    result = clinic.run("export", "Jane Doe", "--last", "--to", "next")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: {PASSED.format('2062-11-23')}\n"
    [path] = (clinic.root / "next").glob("*.yaml")
    assert result.stdout.startswith(f"wrote next/{path.name}, from visit 1 of 2026-11-23 of "
                                    "Jane Doe; edit it")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert hold_of(data) == "30 s" and "date" not in data

    # history still lists it, by its date
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stdout.splitlines()
            if line.startswith("visit ")] == ["visit 1, 2026-11-23, Dave Candy, PT, DPT",
                                              "visit 2, 2062-11-23, Dave Candy, PT, DPT"]


def test_the_web_apps_start_from_the_last_visit_passes_over_it_and_says_so(clinic, jane):
    from handouts.web import create_app
    from test_web import Browser

    b = Browser(create_app(clinic.ws(), programs_dir=clinic.root / "programs"))
    patient_page = " ".join(unescape(b.get(f"/patients/{jane.id}").get_data(as_text=True))
                            .split())
    assert "November 23, 2062" in patient_page  # listed, by its date
    page = b.post("next", {}, url=f"/patients/{jane.id}/next")
    assert page.status_code == 200, page.get_data(as_text=True)
    text = " ".join(unescape(page.get_data(as_text=True)).split())
    assert (f"{PASSED.format('November 23, 2062')} Started from visit 1 of November 23, "
            "2026: its doses show") in text
    assert "the newest given here" not in text  # that is said of a group's other clinics
    assert "Last visit: 30 s" in text and "45 s" not in text


def test_a_handout_made_ahead_for_next_month_is_the_last_visit(clinic, database):  # noqa: F811
    ahead = api.clinic_today(None) + dt.timedelta(days=30)
    given(clinic, "2026-11-23", "30 s")
    given(clinic, ahead.isoformat(), "45 s")
    [jane] = record.patients(clinic.ws(), "Jane Doe")
    start = record.start_from(clinic.ws(), jane)
    assert (start.visit.visit_date, start.said()) == (ahead, "")


def test_a_patient_whose_only_visit_is_far_dated_starts_from_it_on_the_web(clinic,
                                                                           database):  # noqa: F811
    """Its date was checked as a new program's, and the page said the visit "cannot be
    opened with the library as it is now"; the new visit is today's."""
    from handouts.web import create_app
    from test_web import Browser

    given(clinic, "2062-11-23", "45 s")
    [jane] = record.patients(clinic.ws(), "Jane Doe")
    b = Browser(create_app(clinic.ws(), programs_dir=clinic.root / "programs"))
    b.get(f"/patients/{jane.id}")
    page = b.post("next", {}, url=f"/patients/{jane.id}/next")
    text = " ".join(unescape(page.get_data(as_text=True)).split())
    assert page.status_code == 200, text
    assert "Started from visit 1 of November 23, 2062: its doses show" in text
    assert "Last visit: 45 s" in text and "more than a year" not in text
