"""``batch ROSTER --email`` read top to bottom beside the roster: every row's line (its
failure, its skip, a repeat, the record's notice) in row order, and the summary last, as a
printed batch says them. A real SMTP server on loopback (aiosmtpd); made-up patients."""

from __future__ import annotations

import re

import pytest

from test_email import clinic, servers  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def _record(monkeypatch):
    # the clinic's record in the test's own folder, beside its clinic.yaml
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)


def test_every_row_s_line_comes_in_row_order_and_the_summary_last(clinic, servers):
    """The record's notice of a second Maria Garcia (row 3) was said before everything, and
    the failed and skipped rows (2, 4, 6) after the summary line."""
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([
        ("Maria Garcia", "maria@example.com", "03/14/1955", "100300", "low_back_start",
         "2026-11-23"),
        ("Bo Able", "bo@example.com", "", "", "no_such_protocol", "2026-11-23"),
        ("Maria Garcia", "maria.g@example.com", "09/02/1988", "100301", "low_back_start",
         "2026-11-23"),
        ("Cy Baker", "", "", "", "low_back_start", "2026-11-23"),
        ("Maria Garcia", "maria@example.com", "03/14/1955", "100300", "low_back_start",
         "2026-11-23"),
        ("Di Moss", "di@example.com", "", "", "low_back_start", "2026-11-31"),
    ], header=("Patient Name", "Email", "DOB", "MRN", "Program", "Date"))
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1, result.output
    assert sorted(server.mailbox.recipients()) == ["maria.g@example.com", "maria@example.com"]
    lines = result.output.splitlines()  # as the desk sees them, both streams in turn
    assert [re.search(r"today\.csv:\d+: row (\d+)", line).group(1) for line in lines[:-1]] == [
        "2", "3", "4", "5", "6"], lines
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "failed", "warning", "skipped", "warning", "failed"]
    assert "told apart from 1 other of that name" in lines[1]
    assert "is the same patient and program as row 1" in lines[3]
    assert lines[-1] == ("sent 2, failed 2, skipped 1, 1 row the same as an earlier one (one "
                         "email for both).")
