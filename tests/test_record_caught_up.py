"""Handouts given while the clinic's database was away wait in the pending journal; the next
command or page that opens the record writes them, and says so once, so that the front desk
knows they reached the record (SQLite and PostgreSQL; made-up patients)."""

from __future__ import annotations

import pytest

from handouts.web import create_app
from test_record import Clinic
from test_record_damaged import ann_waits
from test_web_record_said import notices

SAID = "recorded 1 handout that waited for the record (records/pending.json)"


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Clinic(tmp_path)


def test_history_says_once_that_the_waiting_handout_is_recorded_now(clinic, database,
                                                                    monkeypatch):
    journal = ann_waits(clinic, database, monkeypatch)
    result = clinic.run("history", "Ann Able")
    assert result.exit_code == 0, result.output
    assert not journal.exists()
    assert result.stderr.splitlines() == [f"warning: {SAID}"]
    again = clinic.run("history", "Ann Able")
    assert again.exit_code == 0 and again.stderr == ""


def test_the_next_build_says_it_with_its_own_notices(clinic, database, monkeypatch):
    ann_waits(clinic, database, monkeypatch)
    result = clinic.run("build", str(clinic.program("Ben Baker")), "-o", "ben.pdf")
    assert result.exit_code == 0, result.output
    assert result.stderr.count(SAID) == 1, result.stderr
    assert len(database.rows(clinic.root)) == 2  # Ann's, caught up, and Ben's


def test_the_web_page_that_catches_up_says_it_once(clinic, database, monkeypatch):
    ann_waits(clinic, database, monkeypatch)
    client = create_app(clinic.ws(), programs_dir=clinic.root / "programs").test_client()
    page = client.get("/patients")
    assert page.status_code == 200 and "Ann Able" in page.get_data(as_text=True)
    assert notices(page) == [SAID]
    assert notices(client.get("/patients")) == []
