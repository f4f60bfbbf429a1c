"""``batch ROSTER --email`` with a row that repeats an earlier one (the same patient and
program twice: two bookings, a row entered twice): the patient gets one email, and the desk
is told as a printed batch tells it, not that a patient was skipped. A real SMTP server on
loopback (aiosmtpd); made-up patients."""

from __future__ import annotations

import pytest

from test_email import Mailbox, attachment, pdf_text  # noqa: F401
from test_email import clinic, servers  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def _record(monkeypatch):
    # the clinic's record in the test's own folder, beside its clinic.yaml
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)


def test_a_repeated_row_gets_one_email_and_is_told_as_without_email(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([("Ada Example", "ada@example.com", "low_back_start", "2026-11-23"),
                            ("Bo Other", "bo@example.com", "low_back_start", "2026-11-23"),
                            ("Ada Example", "ada@example.com", "low_back_start", "2026-11-23")])
    result = clinic.run("batch", str(roster), "--email")
    # one message each, Ada's once
    assert sorted(server.mailbox.recipients()) == ["ada@example.com", "bo@example.com"]
    for message in server.mailbox.parsed():
        name = "Ada Example" if message["To"].addresses[0].addr_spec.startswith("ada") \
            else "Bo Other"
        assert name in pdf_text(attachment(message))
    # told as `batch` without --email tells it: a warning naming both rows, and a count
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"warning: {roster}:4: row 3 is the same patient and program as row 1 (line 2); "
        "one email is sent for both\n")
    assert result.stdout == ("sent 2, failed 0, skipped 0, 1 row the same as an earlier one "
                             "(one email for both).\n")
    assert [e["result"] for e in clinic.audit() if e["result"] != "queued"] == [
        "skipped", "sent", "sent"]
    # and the record has Ada once: one visit, one handout emailed
    from handouts import record

    [ada] = record.patients(clinic.ws(), "Ada Example")
    [visit] = record.visits(clinic.ws(), ada)
    assert [i.channel for i in visit.handouts] == ["emailed"]

    # the same roster again: nothing goes twice, and the repeat is said the same way
    result = clinic.run("batch", str(roster), "--email")
    assert len(server.mailbox.messages) == 2
    assert result.exit_code == 0, result.output
    assert "row 3 is the same patient and program as row 1" in result.stderr
    assert result.stdout == ("sent 0, failed 0, skipped 0, 1 row the same as an earlier one "
                             "(one email for both), already sent 2 (not sent again).\n")


def test_two_patients_of_one_name_at_two_addresses_each_get_theirs(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([("Ada Example", "ada@example.com", "low_back_start", "2026-11-23"),
                            ("Ada Example", "ada.e@example.com", "low_back_start",
                             "2026-11-23")])
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 0, result.output
    assert sorted(server.mailbox.recipients()) == ["ada.e@example.com", "ada@example.com"]
    assert result.stdout == "sent 2, failed 0, skipped 0.\n" and result.stderr == ""
