"""The outbox and the clinic's record when a run does not go as planned: a file in pending/
that cannot be read, a run stopped part way, a message queued again with a corrected
address. Real SMTP servers on loopback (aiosmtpd), real files, made-up patients."""

from __future__ import annotations

import json

from test_email import Clinic, Mailbox, free_port  # noqa: F401 (the fixtures below use them)
from test_email import clinic, servers  # noqa: F401 (fixtures)


def queued_three(clinic):
    """Three programs written to pending/ (not sent): Ada's, Bo's and Cy's, in that order."""
    programs = [clinic.program(n, e) for n, e in (
        ("Ada Example", "ada@example.com"), ("Bo Example", "bo@example.com"),
        ("Cy Example", "cy@example.com"))]
    assert clinic.run("email", *map(str, programs), "--no-send").exit_code == 0
    return programs


def test_a_pending_record_that_cannot_be_read_fails_alone(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    queued_three(clinic)
    ada, bo, cy = clinic.files("pending", "json")
    truncated = bo.read_bytes()[:40]
    bo.write_bytes(truncated)  # as a full disk or a copy cut short leaves it
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "sent 2, failed 1, skipped 0."
    [line] = [l for l in result.stderr.splitlines() if l.startswith("failed: ")]
    assert line.startswith(f"failed: {bo.stem}.eml: ")
    assert f"{bo}: not a record this program wrote (" in line
    assert "Traceback" not in result.output and "error:" not in result.stderr
    # the good ones went, before and after it; the bad one is left as it was
    assert sorted(server.mailbox.recipients()) == ["ada@example.com", "cy@example.com"]
    assert [p.name for p in clinic.files("pending")] == [f"{bo.stem}.eml"]
    assert bo.read_bytes() == truncated
    assert [a["result"] for a in clinic.audit()].count("failed") == 1
