"""What the shells print and keep that no one asked for: a row that fails for a reason no one
expected is named by its row, with the error's type and place in the code, never with the
error's message, which can quote the patient's name, date of birth or number (a batch's
output is often kept as a log; an email run's reasons go in the audit log)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

import handouts as api
from handouts import build
from handouts.cli import main

from test_email import Clinic, servers  # noqa: F401 (fixture)

NAME, DOB, NUMBER = "Zelda Quux", "1961-04-30", "004512"
HEADER = ("name", "email", "program", "date", "dob", "number")


def patient_in(text: str) -> list[str]:
    return [said for said in ("zelda", "quux", DOB, NUMBER) if said in text.lower()]


@pytest.fixture
def failing_for_zelda(monkeypatch):
    """Resolving Zelda's row fails as a fault in the code would, its message quoting her."""
    real = api.resolve_program

    def resolve(program, *args, **kwargs):
        p = program.patient
        if p.name == NAME:
            raise KeyError(f"{p.name} {p.dob} {p.number}")
        return real(program, *args, **kwargs)

    monkeypatch.setattr(api, "resolve_program", resolve)
    # and where the shells' one way to resolve a roster row (api.resolve_row) calls it
    monkeypatch.setattr(build, "resolve_program", resolve)


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Clinic(tmp_path)


ROWS = [("Ada Example", "ada@example.com", "low_back_start", "2026-11-23", "", ""),
        (NAME, "zq@example.com", "low_back_start", "2026-11-23", DOB, NUMBER)]


def test_a_batch_row_that_fails_unexpectedly_is_said_without_the_patient(
        clinic, failing_for_zelda):
    clinic.configure()
    roster = clinic.roster(ROWS, header=HEADER)
    result = CliRunner().invoke(main, [
        "batch", str(roster), "--out-dir", str(clinic.root / "out"), "--jobs", "1",
        "--library", str(clinic.root / "exercises.yaml"),
        "--clinic", str(clinic.root / "clinic.yaml")], catch_exceptions=False)
    assert result.exit_code == 1
    assert patient_in(result.output) == []
    [line] = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert re.fullmatch(r"error: .*today\.csv:3: row 2: could not be built \(KeyError at "
                        r"handouts/build\.py:\d+, a fault in handouts: report it\)", line), line
    assert len(list((clinic.root / "out").glob("*ada-example.pdf"))) == 1  # the good row


def test_an_email_row_that_fails_unexpectedly_is_logged_without_the_patients_details(
        clinic, servers, failing_for_zelda):
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster(ROWS, header=HEADER)
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    assert len(server.mailbox.messages) == 1  # Ada's
    # the address is the audit log's to keep, and the summary's to say; not the rest
    assert patient_in(result.output) == []
    assert patient_in((clinic.outbox / "audit.jsonl").read_text()) == []
    [failed] = [a for a in clinic.audit() if a["result"] == "failed"]
    assert re.fullmatch(r"could not be made \(KeyError at handouts/build\.py:\d+, a "
                        r"fault in handouts: report it\)", failed["reason"]), failed["reason"]
