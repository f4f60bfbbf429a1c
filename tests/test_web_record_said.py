"""The web app's record pages (Patients, a patient, a handout given) say what the record did
on its own as they read it: a pending journal that could not be read, or that the database
refused, is set aside, and the page that found it says so, once, above what it shows (the
command line warns). Flask's test client; real damaged and refused journals; made-up
patients."""

from __future__ import annotations

import html
import re

import pytest

from handouts import record
from handouts.web import create_app
from test_record import Clinic, refuse_handouts
from test_record_damaged import WHY, ann_waits, damage


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Clinic(tmp_path)


def notices(page) -> list[str]:
    return [html.unescape(n) for n in re.findall(r'<p class="notice record-said" '
                                                 r'role="status">([^<]*)</p>',
                                                 page.get_data(as_text=True))]


def test_a_damaged_journal_set_aside_by_a_page_is_said_on_that_page_once(clinic, database,
                                                                         monkeypatch):
    clinic.issue(clinic.program("Ben Baker"))
    journal = ann_waits(clinic, database, monkeypatch)
    damage(journal, "cut")
    client = create_app(clinic.ws(), programs_dir=clinic.root / "programs").test_client()
    page = client.get("/patients")
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    assert page.status_code == 200 and "Ben Baker" in page.get_data(as_text=True)
    assert notices(page) == [
        f"{journal}: {WHY['cut']}; it is kept as {kept}: put it right and bring its records "
        f"back with make_handouts.py --home {clinic.root} import {kept}, or delete it once "
        "they are in the record"]  # the app's own clinic, wherever it is pasted
    assert notices(client.get("/patients")) == []  # said once


def test_a_journal_the_database_refuses_is_said_on_the_patient_page_that_found_it(
        clinic, database):
    built, _ = clinic.issue(clinic.program("Ann Able"))
    [ann] = record.patients(clinic.ws(), "Ann Able")
    refuse_handouts(database, clinic, on=True)
    clinic.issue(clinic.program("Ben Baker"))  # refused: it waits in the journal
    client = create_app(clinic.ws(), programs_dir=clinic.root / "programs").test_client()
    page = client.get(f"/patients/{ann.id}")
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    # the page is shown, not "the patient record cannot be read now"
    assert page.status_code == 200 and built.handout.handout_id in page.get_data(as_text=True)
    assert notices(page) == [
        "the pending records could not be written (handouts are closed for the audit); they "
        f"are kept in {kept}; once that is put right, bring them back with: make_handouts.py "
        f"--home {clinic.root} import {kept}"]
    page = client.get(f"/patients/{ann.id}/handouts/{built.handout.handout_id}")
    assert page.status_code == 200 and notices(page) == []
