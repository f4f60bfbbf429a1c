"""``forget`` and a caregiver's address two patients share (README: *The clinic's record*,
*Email*): two children, one parent. The audit log's lines of the child forgotten lose their
name and the parent's address; the other child's keep every word, those that name no
handout (a roster row that could not be built) too, which were told apart by the address
alone. Real SMTP on loopback (aiosmtpd), as in test_email.py; made-up people."""

from __future__ import annotations

from test_email import clinic, servers  # noqa: F401 (fixtures)
from test_email_forget import forget

LUIS = {"caregiver": "Luis Ortiz", "caregiver_email": "luis@example.com"}


def test_forgetting_one_child_leaves_the_other_s_lines_at_their_shared_parent_s_address(
        clinic, servers, database):
    server = servers()
    clinic.configure({"port": server.port})
    ana = clinic.program("Ana Ortiz", None, patient={"name": "Ana Ortiz", **LUIS})
    ben = clinic.program("Ben Ortiz", None, patient={"name": "Ben Ortiz", **LUIS})
    assert clinic.run("email", str(ana), str(ben)).exit_code == 0
    # a row of each that cannot be built: no handout, no id, the parent's address
    roster = clinic.roster([
        ("Ana Ortiz", "Luis Ortiz", "luis@example.com", "no_such_protocol", "2026-11-23"),
        ("Ben Ortiz", "Luis Ortiz", "luis@example.com", "no_such_protocol", "2026-11-23")],
        header=("name", "caregiver", "caregiver email", "program", "date"))
    assert clinic.run("batch", str(roster), "--email").exit_code == 1
    before = clinic.audit()
    bens = [line for line in before if "ben-ortiz" in line.get("file", "")
            or line.get("source", "").endswith("row 2")]
    assert len(bens) == 3 and all(line["recipient"] == "luis@example.com" for line in bens)

    result = forget(clinic, "Ana Ortiz", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        f"removed from {clinic.outbox}/: 1 copy of a message sent, their name and address "
        "from 3 lines of the audit log (the lines stay)")
    after = clinic.audit()
    assert len(after) == len(before)
    # Ben's lines as they were, word for word; Ana's lines, and only hers, forgotten
    assert [a for a, b in zip(after, before) if b in bens] == bens
    anas = [a for a, b in zip(after, before) if b not in bens]
    assert [line["recipient"] for line in anas] == ["forgotten"] * 3
    # nor the digest of her name that told her row's line from Ben's: anyone with her name
    # could tell the line by it
    assert [line.get("named") for line in anas] == [None, None, "forgotten"]
    written = b"".join(str(line).encode() for line in anas)
    assert b"ana-ortiz" not in written and b"luis@example.com" not in written
