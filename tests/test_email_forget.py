"""``forget`` reaches the outbox: a forgotten patient's message not sent yet is withdrawn and
deleted (never sent after), the copies of their messages sent, replaced or that may have been
sent are deleted, and the audit log keeps every line with "forgotten" for their name and
address. A real SMTP server on loopback (aiosmtpd); the outbox's folders and audit log are read
back as files; made-up patients."""

from __future__ import annotations

import asyncio
import json
import os
import re
import stat
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

from handouts.cli import main

from conftest import ROOT
from test_email import Clinic, Mailbox, attachment, held_port, pdf_text  # noqa: F401
from test_email import clinic, servers  # noqa: F401 (fixtures)

BO = (b"bo@example.com", b"bo@exmapel.com", b"bo.home@example.com", b"bo-example",
      b"Bo Example")


def forget(clinic, *args, input=None, outbox=True):
    """``forget`` as typed at the clinic: with ``outbox`` False, the default outbox (outbox/
    in the working folder, the test's clinic folder, as for ``email``)."""
    return CliRunner().invoke(main, ["forget", *args, "--library",
                                     str(clinic.root / "exercises.yaml"), "--clinic",
                                     str(clinic.root / "clinic.yaml"),
                                     *(["--outbox", str(clinic.outbox)] if outbox else [])],
                              input=input, catch_exceptions=False)


def bo_nowhere(clinic) -> None:
    """No file of Bo's in the outbox, and neither his name nor an address of his in it."""
    assert not [p for p in clinic.outbox.rglob("*") if "bo-example" in p.name]
    written = clinic.everything_written()
    assert not [word for word in BO if word in written]


def test_a_forgotten_patients_message_waiting_is_never_sent(clinic, servers, database):
    server = servers()
    clinic.configure({"port": server.port})
    ada = clinic.program("Ada Example", "ada@example.com")
    bo = clinic.program("Bo Example", "bo@example.com")
    assert clinic.run("email", str(ada), str(bo), "--no-send").exit_code == 0
    [bo_id] = [a["handout_id"] for a in clinic.audit() if a["recipient"] == "bo@example.com"]

    result = forget(clinic, "Bo Example", "--yes", outbox=False)
    assert result.exit_code == 0, result.output
    retry = clinic.run("email", "--retry")
    assert retry.exit_code == 0, retry.output
    assert retry.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    assert server.mailbox.recipients() == ["ada@example.com"]
    assert result.stdout == (
        "removed Bo Example from the records kept outside the database: the record of 1 "
        "message not sent yet\n"
        "removed from outbox/: 1 message not sent yet (withdrawn, never sent), their name and "
        "address from 1 line of the audit log (the line stays)\n")
    [message] = server.mailbox.parsed()
    assert "Ada Example" in pdf_text(attachment(message))
    [sent] = clinic.files("sent")
    assert sent.name.startswith("2026-11-23_ada-example_")
    assert not clinic.files("pending")
    bo_nowhere(clinic)
    # his lines stay, the proof that nothing went: queued, then withdrawn, to "forgotten"
    assert [(a["result"], a["recipient"], a["file"]) for a in clinic.audit()
            if a["handout_id"] == bo_id] == [
        ("queued", "forgotten", f"2026-11-23_forgotten_{bo_id}.eml"),
        ("withdrawn", "forgotten", f"2026-11-23_forgotten_{bo_id}.eml")]
    assert forget(clinic, "Bo Example", "--yes").exit_code == 1  # no one of that name now


class DropsFor(Mailbox):
    """Takes every message; for one to ``drop``, drops the connection instead of answering,
    so the sender never hears that it was delivered (the message may have been sent)."""

    def __init__(self, drop: str):
        super().__init__()
        self.drop = drop

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        if self.drop in envelope.rcpt_tos:
            server.transport.abort()
        return "250 OK"


def test_copies_of_a_forgotten_patients_messages_go_and_the_audit_log_keeps_its_lines(
        clinic, servers, database):
    server = servers(DropsFor("bo.home@example.com"))
    clinic.configure({"port": server.port})
    ada = clinic.program("Ada Example", "ada@example.com")
    assert clinic.run("email", str(ada)).exit_code == 0
    # Bo: a message with a mistyped address replaced by the corrected one, which is sent
    bo = clinic.program("Bo Example", "bo@exmapel.com")
    assert clinic.run("email", str(bo), "--no-send").exit_code == 0
    bo = clinic.program("Bo Example", "bo@example.com")
    assert clinic.run("email", str(bo)).exit_code == 0
    # a second program that may have been sent, and a third not sent yet
    knee = clinic.program("Bo Example", "bo.home@example.com", exercises=["bridge"])
    knee = knee.rename(clinic.root / "bo-knee.yaml")
    assert clinic.run("email", str(knee)).exit_code == 1
    hip = clinic.program("Bo Example", "bo@example.com", exercises=["child_pose"])
    hip = hip.rename(clinic.root / "bo-hip.yaml")
    assert clinic.run("email", str(hip), "--no-send").exit_code == 0
    assert [len(clinic.files(f)) for f in ("pending", "uncertain", "sent", "replaced")] == [
        1, 1, 2, 1]
    before = clinic.audit()
    theirs = [a for a in before if "bo" in (a.get("recipient") or "")]
    everything = clinic.everything_written()

    asked = (f"; and from {clinic.outbox}/: 1 message not sent yet (withdrawn, never sent), "
             "1 message that may have been sent (withdrawn, never sent again), 1 copy of a "
             "message sent, 1 message replaced earlier, their name and address from "
             f"{len(theirs)} lines of the audit log (the lines stay)")
    result = forget(clinic, "Bo Example", input="n\n")
    assert result.exit_code == 1 and "Aborted" in result.output
    # the message that may have been sent is in the record as such: a visit, a handout;
    # the one withdrawn (the mistyped address) is not: never sent, its record let go
    assert ("Remove Bo Example: 2 program versions, 2 handouts issued, and the record of 2 "
            "messages not sent yet" + asked + "?") \
        in result.output
    assert clinic.everything_written() == everything  # nothing removed yet

    result = forget(clinic, "Bo Example", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("removed Bo Example: 2 program versions, 2 handouts issued, and "
                             "the record of 2 messages not sent yet\n"
                             f"removed{asked.removeprefix('; and')}\n")
    bo_nowhere(clinic)
    assert [p.name for p in clinic.outbox.rglob("*.eml")] == [
        p.name for p in clinic.files("sent")] and len(clinic.files("sent")) == 1
    after = clinic.audit()
    # every line stays, in its place; Ada's as they were; two lines say what was withdrawn
    assert len(after) == len(before) + 2
    assert [a for a in after if a["recipient"] == "ada@example.com"] == \
        [a for a in before if a["recipient"] == "ada@example.com"]
    kept = [a for a, b in zip(after, before) if b in theirs]
    assert [a["recipient"] for a in kept] == ["forgotten"] * len(theirs)
    assert [(a["time"], a["handout_id"], a["result"], a.get("message_id")) for a in kept] == \
        [(b["time"], b["handout_id"], b["result"], b.get("message_id")) for b in theirs]
    assert {a["result"] for a in kept} >= {"queued", "sent", "withdrawn", "uncertain"}
    assert [(a["result"], a["recipient"]) for a in after[-2:]] == [("withdrawn", "forgotten")] * 2
    assert stat.S_IMODE((clinic.outbox / "audit.jsonl").stat().st_mode) == 0o600

    sent = len(server.mailbox.messages)
    assert clinic.run("email", "--retry", "--include-uncertain").stdout == (
        f"nothing waits in {clinic.outbox / 'pending'}/.\n")
    assert len(server.mailbox.messages) == sent


class HoldsFirst(Mailbox):
    """Takes every message; the first is answered only once the test says so."""

    def __init__(self):
        super().__init__()
        self.go = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        if len(self.messages) == 1:
            await asyncio.get_running_loop().run_in_executor(None, self.go.wait, 60)
        return "250 OK"


def run(clinic, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "make_handouts.py"), *args, "--library",
         str(clinic.root / "exercises.yaml"), "--clinic", str(clinic.root / "clinic.yaml"),
         "--outbox", str(clinic.outbox)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "HANDOUTS_SMTP_PASSWORD": ""})


def until(done, what: str) -> None:
    for _ in range(600):  # a generous while on a busy machine; never how long it took
        if done():
            return
        time.sleep(0.1)
    raise AssertionError(f"never {what}")


def test_a_sender_running_meanwhile_does_not_send_what_forget_removes(clinic, servers,
                                                                      database):
    mailbox = HoldsFirst()
    server = servers(mailbox)
    clinic.configure({"port": server.port})
    ada = clinic.program("Ada Example", "ada@example.com")
    bo = clinic.program("Bo Example", "bo@example.com")
    assert clinic.run("email", str(ada), str(bo), "--no-send").exit_code == 0
    sending = run(clinic, "email", "--retry")  # Ada's first, then Bo's
    try:
        until(lambda: mailbox.messages, "sent Ada's message")
        forgetting = run(clinic, "forget", "Bo Example", "--yes")
        # forget has said it is removing Bo, and waits for the sender
        until(lambda: list((clinic.outbox / ".forgetting").glob("*")), "began to forget")
    finally:
        mailbox.go.set()
    out, err = sending.communicate(timeout=120)
    assert sending.returncode == 1, (out, err)
    assert out.splitlines()[-1] == "sent 1, failed 0, skipped 1."
    assert (f"skipped: {bo}: bo@example.com: not sent: its patient is being forgotten "
            "(make_handouts.py forget)") in err.splitlines()
    out, err = forgetting.communicate(timeout=120)
    assert forgetting.returncode == 0, (out, err)
    assert out.splitlines()[-1].startswith(
        f"removed from {clinic.outbox}/: 1 message not sent yet (withdrawn, never sent)")
    assert server.mailbox.recipients() == ["ada@example.com"]
    assert not (clinic.outbox / ".forgetting").exists() or \
        not list((clinic.outbox / ".forgetting").iterdir())
    bo_nowhere(clinic)
    assert json.loads((clinic.outbox / "audit.jsonl").read_text().splitlines()[-1])[
        "result"] == "withdrawn"


def test_audit_lines_that_name_no_handout_lose_the_patients_address_too(clinic, servers,
                                                                         database):
    server = servers()
    clinic.configure({"port": server.port})
    bo = clinic.program("Bo Example", "bo@example.com")
    assert clinic.run("email", str(bo)).exit_code == 0
    # a roster row that cannot be built: no handout, no id, but Bo's address, in the log
    roster = clinic.roster([("Bo Example", "bo@example.com", "no_such_protocol", "2026-11-23"),
                            ("Ada Example", "ada@example.com", "low_back_start", "2026-11-23")])
    assert clinic.run("batch", str(roster), "--email").exit_code == 1
    nameless = [a for a in clinic.audit() if not a.get("handout_id")]
    assert [a["recipient"] for a in nameless] == ["bo@example.com"], nameless
    before = clinic.audit()

    result = forget(clinic, "Bo Example", "--yes")
    assert result.exit_code == 0, result.output
    after = clinic.audit()
    assert len(after) == len(before)
    assert [a["recipient"] for a in after if not a.get("handout_id")] == ["forgotten"]
    assert [a for a in after if a["recipient"] == "ada@example.com"] == \
        [a for a in before if a["recipient"] == "ada@example.com"]
    bo_nowhere(clinic)


def test_audit_lines_of_an_address_as_typed_and_refused_are_forgotten_too(clinic, servers,
                                                                          database):
    """A program file's address written with a name ("Bo Example <bo@example.com>") failed,
    then one with a stop after it ("bo@example.com.") was skipped, before the address was put
    right: both lines kept the name and address after forget (they were to no address the
    record knew). Another patient's address that holds theirs is not theirs."""
    server = servers()
    clinic.configure({"port": server.port})
    bo = clinic.program("Bo Example", "Bo Example <bo@example.com>")
    assert clinic.run("email", str(bo)).exit_code == 1
    bo = clinic.program("Bo Example", "bo@example.com.")
    clinic.run("email", str(bo))
    bo = clinic.program("Bo Example", "bo@example.com")
    assert clinic.run("email", str(bo)).exit_code == 0
    ada = clinic.program("Ada Example", "ada.bo@example.com")
    assert clinic.run("email", str(ada)).exit_code == 0
    before = clinic.audit()
    assert sum("bo@example.com" in json.dumps(a) for a in before) >= 3, before

    assert forget(clinic, "Bo Example", "--yes").exit_code == 0
    after = clinic.audit()
    assert len(after) == len(before)
    assert not [a for a in after if "Bo Example" in json.dumps(a)
                or re.search(r"(?<![\w.])bo@example\.com", json.dumps(a))], after
    assert [a for a in after if a["recipient"] == "ada.bo@example.com"] == \
        [a for a in before if a["recipient"] == "ada.bo@example.com"]


def test_a_message_filed_under_the_former_spelling_of_a_name_is_forgotten_too(
        clinic, servers, database):
    # versions before 2026-12 dropped ß from file names: Strauß's messages are jurgen-strau's,
    # and a copy whose record (.json) cannot be read is theirs by that name and handout id
    clinic.configure({"port": servers().port})
    program = clinic.program("Jürgen Strauß", "js@example.com")
    assert clinic.run("email", str(program)).exit_code == 0
    [eml] = clinic.files("sent")
    assert eml.name.startswith("2026-11-23_jurgen-strauss_")
    eml.rename(eml.with_name(eml.name.replace("jurgen-strauss", "jurgen-strau")))
    eml.with_suffix(".json").unlink()
    audit = clinic.outbox / "audit.jsonl"
    audit.write_bytes(audit.read_bytes().replace(b"jurgen-strauss", b"jurgen-strau"))

    result = forget(clinic, "Jürgen Strauß", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        f"removed from {clinic.outbox}/: 1 copy of a message sent, their name and address "
        "from 2 lines of the audit log (the lines stay)")
    assert not list(clinic.outbox.rglob("*.eml"))
    written = clinic.everything_written()
    assert b"strau" not in written.lower() and b"js@example.com" not in written


def test_a_forgotten_patients_address_leaves_no_digest_in_the_audit_log(clinic, servers,
                                                                        database):
    """His handout sent to a wrong address, then to the corrected one: the second message's
    name carries the address's digest (``outbox.addressed``), which its audit lines keep.
    Forgotten, they kept it: anyone with his address could tell the lines were his."""
    import hashlib
    import re

    server = servers()
    clinic.configure({"port": server.port})
    bo = clinic.program("Bo Example", "bo@exmapel.com")
    assert clinic.run("email", str(bo)).exit_code == 0
    bo.write_text(bo.read_text().replace("exmapel", "example"))
    assert clinic.run("email", str(bo)).exit_code == 0
    assert server.mailbox.recipients() == ["bo@exmapel.com", "bo@example.com"]
    digest = hashlib.sha256(b"bo@example.com").hexdigest()[:8]
    assert any(f"+{digest}_" in (a.get("file") or "") for a in clinic.audit())

    result = forget(clinic, "Bo Example", "--yes", outbox=False)
    assert result.exit_code == 0, result.output
    bo_nowhere(clinic)
    assert digest.encode() not in clinic.everything_written()
    files = {a["file"] for a in clinic.audit() if a.get("file")}
    assert files and all(re.fullmatch(r"2026-11-23_forgotten_\w{4}-\w{4}\.eml", f)
                         for f in files), files


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_a_patient_a_restore_took_out_of_the_record_is_forgotten_everywhere_else(
        clinic, servers, database):
    """A copy of the record made before Bo came put back with restore: the record had no Bo,
    so forget said there was no such patient and removed nothing, though his message sent,
    the audit log's lines and the database restore replaced still named him."""
    server = servers()
    clinic.configure({"port": server.port})
    given = ["--library", str(clinic.root / "exercises.yaml"),
             "--clinic", str(clinic.root / "clinic.yaml")]
    assert clinic.run("email", str(clinic.program("Ada Example", "ada@example.com"))
                      ).exit_code == 0
    made = CliRunner().invoke(main, ["backup", "--to", str(clinic.root / "usb"), *given])
    assert made.exit_code == 0, made.output
    bo = clinic.program("Bo Example", "bo@example.com")
    bo.write_text(bo.read_text().replace("  email: bo@example.com\n",
                                         "  email: bo@example.com\n  dob: 1970-03-14\n"))
    assert clinic.run("email", str(bo)).exit_code == 0
    [copy] = (clinic.root / "usb").glob("*.db")
    put_back = CliRunner().invoke(main, ["restore", "--yes", str(copy), *given])
    assert put_back.exit_code == 0, put_back.output
    [replaced] = (clinic.root / "records").glob("handouts.db.replaced-*")
    assert b"Bo Example" in replaced.read_bytes()

    result = forget(clinic, "Bo Example", "--dob", "1970-03-14", "--yes")
    assert result.exit_code == 0, result.output
    assert "also from 1 database restore replaced" in result.output
    assert "1 copy of a message sent" in result.output
    bo_nowhere(clinic)
    assert b"Bo Example" not in replaced.read_bytes()
    assert len(clinic.files("sent")) == 1  # Ada's
