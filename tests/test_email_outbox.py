"""The outbox and the clinic's record when a run does not go as planned: a file in pending/
that cannot be read, a run stopped part way, a message queued again with a corrected
address. Real SMTP servers on loopback (aiosmtpd), real files, made-up patients."""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import json
import os
import re
import signal
import subprocess
import sys
import threading

import pytest

import handouts as api
from handouts.mail.outbox import Outbox

from conftest import ROOT
from test_email import Clinic, Mailbox, held_port  # noqa: F401 (the fixtures below use them)
from test_email import clinic, servers  # noqa: F401 (fixtures)
from test_web import start_program
from web_mail import desk, web_mail  # noqa: F401 (fixture)


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
    # where it breaks off, as a file's line and column; Python's "(char 40)" not nested in
    # the line's brackets
    assert f"{bo}:" in line and re.search(
        r"\.json:\d+:\d+: not a record this program wrote \([^()]+\); remove it", line), line
    assert "Traceback" not in result.output and "error:" not in result.stderr
    # the good ones went, before and after it; the bad one is left as it was
    assert sorted(server.mailbox.recipients()) == ["ada@example.com", "cy@example.com"]
    assert [p.name for p in clinic.files("pending")] == [f"{bo.stem}.eml"]
    assert bo.read_bytes() == truncated
    assert [a["result"] for a in clinic.audit()].count("failed") == 1


@pytest.mark.parametrize("others", [True, False])
def test_a_pending_record_whose_message_is_gone_is_a_failure_line(clinic, servers, others):
    """Its .eml removed (by hand, by a virus scanner) or never written: --retry passed it
    by without a word and said all was done, while history said it would be sent."""
    server = servers()
    clinic.configure({"port": server.port})
    queued_three(clinic)
    bo = clinic.files("pending")[1]
    bo.unlink()
    if not others:  # the record alone waits: not "nothing waits"
        for message in clinic.files("pending"):
            message.unlink()
        for record in clinic.files("pending", "json"):
            if record.stem != bo.stem:
                record.unlink()
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    [line] = [l for l in result.stderr.splitlines() if l.startswith("failed: ")]
    assert line.endswith(f"pending/{bo.stem}.eml, the message, is in no folder of the outbox, "
                         f"so it was never sent; queue the handout again, then remove "
                         f"pending/{bo.stem}.json"), line
    assert "bo@example.com" in line
    assert sorted(server.mailbox.recipients()) == (
        ["ada@example.com", "cy@example.com"] if others else [])
    assert "failed 1" in result.stdout


def test_a_pending_record_without_its_fields_says_which_in_plain_words(clinic, servers):
    # Python's "Record.__init__() missing 1 required positional argument" was the reason,
    # its brackets nested in the line's
    server = servers()
    clinic.configure({"port": server.port})
    queued_three(clinic)
    bo = clinic.files("pending", "json")[1]
    bo.write_text('{"recipient": "bo@example.com"}')
    result = clinic.run("email", "--retry")
    [line] = [l for l in result.stderr.splitlines() if l.startswith("failed: ")]
    assert line.endswith(f"{bo}: not a record this program wrote (handout_id, recipient and "
                         "sha256 must be text); remove it and queue the handout again"), line


# --- what the server took is recorded, however the run ends -------------------------------

class SignalsAtData(Mailbox):
    """Takes every message; at the ``nth`` it signals the process that sends, before it
    answers: Ctrl-C (or a kill) comes while the client waits for the server's reply."""

    def __init__(self, nth: int, signal: int):
        super().__init__()
        self.nth, self.signal, self.pid = nth, signal, None

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        if len(self.messages) == self.nth and self.pid:
            os.kill(self.pid, self.signal)
        return "250 OK"


# how the run is stopped and the record's kind are apart: SIGTERM on SQLite only
@pytest.mark.parametrize("database, stop", [("sqlite", signal.SIGINT), ("postgres", signal.SIGINT),
                                            ("sqlite", signal.SIGTERM)], indirect=["database"])
def test_a_batch_stopped_part_way_records_what_the_server_took(clinic, servers, database,
                                                               stop):
    mailbox = SignalsAtData(3, stop)
    server = servers(mailbox)
    clinic.configure({"port": server.port})
    names = ["Ann One", "Hal Eight", "Ivy Nine", "Jon Ten"]
    roster = clinic.roster([(n, f"{n.split()[0].lower()}@example.com", "low_back_start",
                             "2026-11-23") for n in names])
    batch = subprocess.Popen(
        [sys.executable, str(ROOT / "make_handouts.py"), "batch", str(roster), "--email",
         "--library", str(clinic.root / "exercises.yaml"), "--clinic",
         str(clinic.root / "clinic.yaml"), "--outbox", str(clinic.outbox)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mailbox.pid = batch.pid
    out, err = batch.communicate(timeout=120)
    assert batch.returncode == 130, (out, err)
    assert "stopped: anything not sent waits in" in err and "Traceback" not in err
    # two went, the third may have (the server had it when the run stopped), one waits
    assert len(clinic.files("sent")) == 2 and len(clinic.files("uncertain")) == 1
    assert len(clinic.files("pending")) == 1
    assert [(r[1], r[6]) for r in database.rows(clinic.root)] == [
        ("Ann One", "emailed"), ("Hal Eight", "emailed"), ("Ivy Nine", "maybe emailed")]

    # the next runs record each message they send, and nothing twice
    mailbox.nth = 0
    # Jon's; not the uncertain one, which still waits for a person: exit status 1
    assert clinic.run("email", "--retry").exit_code == 1
    assert [r[1] for r in database.rows(clinic.root)] == ["Ann One", "Hal Eight", "Ivy Nine",
                                                           "Jon Ten"]
    assert clinic.run("email", "--retry", "--include-uncertain").exit_code == 0
    assert clinic.run("batch", str(roster), "--email").stdout == (
        "sent 0, failed 0, skipped 0, already sent 4 (not sent again).\n")
    # Ivy's first message may have reached her, and the second did: both are true
    assert sorted((r[1], r[6]) for r in database.rows(clinic.root)) == sorted(
        [(n, "emailed") for n in names] + [("Ivy Nine", "maybe emailed")])
    assert not list((clinic.root / "records" / "unsent").glob("*.json"))


def test_a_batch_stopped_while_it_writes_says_which_rows_wait_nowhere(clinic, servers,
                                                                     monkeypatch):
    """Ctrl-C while the roster's messages were still being written said that anything not
    sent waited in pending/, to send with --retry; --retry sent the two written and said
    all was done, and the other two patients got nothing, in no folder."""
    from handouts.mail import service as emailing

    server = servers()
    clinic.configure({"port": server.port})
    names = ["Ann One", "Hal Eight", "Ivy Nine", "Jon Ten"]
    roster = clinic.roster([(n, f"{n.split()[0].lower()}@example.com", "low_back_start",
                             "2026-11-23") for n in names])
    writing = emailing.queue_rows

    def stopped_at_the_second(*args, progress, **kw):
        def written(outcome):
            progress(outcome)
            if len(clinic.files("pending")) == 2:
                raise KeyboardInterrupt
        return writing(*args, progress=written, **kw)

    monkeypatch.setattr(emailing, "queue_rows", stopped_at_the_second)
    stopped = clinic.run("batch", str(roster), "--email")
    monkeypatch.undo()
    assert stopped.exit_code == 130
    assert stopped.stderr.splitlines()[-1] == (
        f"2 of the 4 rows of {roster} were not written yet, and wait nowhere: run the same "
        "batch command again for them (a row written or sent already is not again)")
    assert len(clinic.files("pending")) == 2 and not server.mailbox.recipients()
    # the same run again writes and sends the other two, and the first two once
    again = clinic.run("batch", str(roster), "--email")
    assert again.exit_code == 0, again.output
    assert sorted(server.mailbox.recipients()) == sorted(
        f"{n.split()[0].lower()}@example.com" for n in names)


def test_messages_sent_by_a_run_that_died_are_recorded_by_the_next(clinic, servers, database):
    from handouts.mail import service as emailing

    server = servers()
    clinic.configure({"port": server.port})
    queued_three(clinic)
    outbox = Outbox(clinic.outbox)
    ws = clinic.ws()
    with outbox.locked():  # sent, and then the process was killed before it recorded them
        emailing.send(outbox, [], ws.clinic, None, retry=True)
    assert len(clinic.files("sent")) == 3
    assert not (clinic.root / "records" / "handouts.db").exists() or \
        database.rows(clinic.root) == []

    result = clinic.run("email", "--retry")
    assert result.stdout == f"nothing waits in {clinic.outbox}/pending/.\n"
    assert [r[1] for r in database.rows(clinic.root)] == ["Ada Example", "Bo Example",
                                                          "Cy Example"]
    # at the time each was sent, as sent/ says
    sent = sorted(dt.datetime.fromisoformat(json.loads(p.read_text())["sent"])
                  .astimezone(dt.timezone.utc).replace(tzinfo=None)
                  for p in clinic.files("sent", "json"))
    issued = sorted(dt.datetime.fromisoformat(r[0]) for r in database.rows(
        clinic.root, "SELECT issued_at FROM handouts"))
    assert issued == sent
    assert clinic.run("email", "--retry").exit_code == 0
    assert len(database.rows(clinic.root)) == 3


class HoldsTheAnswer(Mailbox):
    """Answers a message's RCPT (``at`` "rcpt") or, once it has all arrived, its DATA
    ("data") only when the test says so: a slow server."""

    def __init__(self, at: str):
        super().__init__()
        self.at = at
        self.holding, self.go = threading.Event(), threading.Event()

    async def _hold(self, step: str) -> None:
        if step == self.at:
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.go.wait, 300)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await self._hold("rcpt")
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_DATA(self, server, session, envelope):
        await self._hold("data")
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.parametrize("at", ["rcpt", "data"])
def test_ctrl_c_while_the_server_is_slow_to_answer_stops_at_once(clinic, servers, at):
    # a person who presses Ctrl-C expects it to stop now, not once the server answers the
    # goodbye (QUIT) it would be sent: up to smtp: timeout, here ten minutes
    from test_email_forget import run

    mailbox = HoldsTheAnswer(at)
    server = servers(mailbox)
    clinic.configure({"port": server.port, "timeout": 600})
    ada = clinic.program("Ada Example", "ada@example.com")
    assert clinic.run("email", str(ada), "--no-send").exit_code == 0
    [record] = clinic.files("pending", "json")
    before = json.loads(record.read_text())
    handout_id = before["handout_id"]
    sending = run(clinic, "email", "--retry")
    try:
        assert mailbox.holding.wait(60), "the message never reached the server"
        sending.send_signal(signal.SIGINT)
        try:  # a hang detector, not a time it must beat: the server holds for 300 s
            out, err = sending.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            sending.kill()
            sending.communicate()
            raise AssertionError("Ctrl-C waited for the mail server to answer") from None
        held = not mailbox.go.is_set()
    finally:
        mailbox.go.set()
    assert held  # it ended while the server still held its answer
    assert sending.returncode == 130, (out, err)
    assert "stopped: anything not sent waits in" in err and "Traceback" not in err
    # what the outbox says of the message is as before: stopped before the server had all
    # of it, it simply waits; once the server had it all, it may have gone, and is said so
    maybe = (f"1 message may have reached its patient and waits in {clinic.outbox}/uncertain/: "
             f"ask; if it came, confirm it with make_handouts.py email --confirm "
             f"{handout_id}{clinic.given}; if not, send it again with make_handouts.py email "
             f"--retry --include-uncertain{clinic.given}")
    assert (err.splitlines()[-1] == maybe) is (at == "data"), err
    if at == "rcpt":
        assert not clinic.files("uncertain") and not clinic.files("sent")
        assert json.loads(record.read_text()) == before  # no "sending" mark left
        assert [a["result"] for a in clinic.audit()] == ["queued"]
    else:
        assert not clinic.files("pending") and len(clinic.files("uncertain")) == 1
        audit = clinic.audit()
        assert [a["result"] for a in audit] == ["queued", "uncertain"]
        assert audit[-1]["reason"] == "stopped while the server was answering"


# --- a message queued again for the same patient and program replaces the one waiting -----

def test_a_corrected_address_withdraws_the_message_to_the_wrong_one(clinic, servers):
    port = held_port()  # the server is down: the first message waits
    clinic.configure({"port": port})
    program = clinic.program("Kim Lee", "kim.lee@exmapel.com")
    assert clinic.run("email", str(program)).exit_code == 1
    [wrong] = clinic.files("pending")
    program.write_text(program.read_text().replace("exmapel", "example"))
    result = clinic.run("email", str(program))
    assert result.exit_code == 1
    assert (f"{program}: an earlier message to kim.lee@exmapel.com for this patient is "
            f"withdrawn: replaced by this one (kept in {clinic.outbox / 'replaced'}/)"
            ) in result.stderr.splitlines()
    assert f"1 message waits in {clinic.outbox / 'pending'}/" in result.stderr
    [right] = clinic.files("pending")
    assert [p.name for p in clinic.files("replaced")] == [wrong.name]
    withdrawn = [a for a in clinic.audit() if a["result"] == "withdrawn"]
    assert [(a["recipient"], a["reason"]) for a in withdrawn] == [
        ("kim.lee@exmapel.com", f"replaced by {right.name}")]

    server = servers(port=port)
    assert clinic.run("email", "--retry").exit_code == 0
    assert server.mailbox.recipients() == ["kim.lee@example.com"]
    assert clinic.run("email", "--retry", "--include-uncertain").stdout == (
        f"nothing waits in {clinic.outbox}/pending/.\n")
    assert [p.name for p in clinic.files("replaced")] == [wrong.name]  # kept, never sent


def test_a_corrected_address_sent_before_withdraws_the_message_to_the_wrong_one(
        clinic, servers):
    """Sent to the right address; then a typo waited for a server that was down; the
    address put right again was "already sent", and the message to the typo stayed and
    went with the next --retry: a patient's handout to a stranger's address. And a
    message withdrawn was "not sent yet" in the patient's history for good."""
    port = held_port()
    clinic.configure({"port": port})
    program = clinic.program("Tia Madeup", "tia@example.com")
    server = servers(port=port)
    assert clinic.run("email", str(program)).exit_code == 0
    server.stop()
    program.write_text(program.read_text().replace("example.com", "exmapel.com"))
    assert clinic.run("email", str(program)).exit_code == 1  # the server is down: it waits
    [wrong] = clinic.files("pending")
    program.write_text(program.read_text().replace("exmapel.com", "example.com"))
    result = clinic.run("email", str(program))
    assert "already sent 1 (not sent again)" in result.stdout
    assert (f"{program}: an earlier message to tia@exmapel.com for this patient is "
            f"withdrawn: replaced by this one (kept in {clinic.outbox / 'replaced'}/)"
            ) in result.stderr.splitlines()
    assert clinic.files("pending") == [] and [p.name for p in clinic.files("replaced")] == [
        wrong.name]
    server = servers(port=port)
    assert clinic.run("email", "--retry").stdout == f"nothing waits in {clinic.outbox}/pending/.\n"
    assert server.mailbox.recipients() == []  # the first went before this server started
    from click.testing import CliRunner

    from handouts.cli import main

    history = CliRunner().invoke(main, ["history", "Tia Madeup", "--library", str(
        clinic.root / "exercises.yaml"), "--clinic", str(clinic.root / "clinic.yaml")]).output
    assert "emailed" in history and "not sent yet" not in history, history


def test_the_web_apps_button_withdraws_its_earlier_message_too(clinic, web_mail):
    server = web_mail(down=True)  # not started yet: the first message waits
    b = desk(clinic)
    form = start_program(b, "child_pose", "bridge")
    page = b.post("email", {**form, "patient_email": "ada@exmapel.com"})
    assert page.status_code == 422 and "Not sent to ada@exmapel.com" in page.get_data(
        as_text=True)
    server.start()
    page = b.post("email", {**form, "patient_email": "ada@example.com"})
    text = html.unescape(page.get_data(as_text=True))
    # in the staff's words, no folder of the server's (test_web_email_earlier.py)
    assert ("Sent to ada@example.com. An earlier message to ada@exmapel.com for this patient "
            "was replaced by this one: it is not sent.") in text
    assert server.mailbox.recipients() == ["ada@example.com"]
    assert len(clinic.files("replaced")) == 1 and not clinic.files("pending")


def test_the_web_apps_second_program_for_a_patient_does_not_withdraw_her_first(
        clinic, web_mail):
    """Every email the web app sends comes from "web app": a knee program and then a
    shoulder program for one patient, while the server is down, both wait and both go."""
    server = web_mail(down=True)
    b = desk(clinic)
    first = start_program(b, "child_pose")
    assert b.post("email", {**first, "patient_email": "ada@example.com"}).status_code == 422
    second = start_program(b, "bridge")
    page = b.post("email", {**second, "patient_email": "ada@example.com"})
    assert page.status_code == 422 and "withdrawn" not in page.get_data(as_text=True)
    assert len(clinic.files("pending")) == 2 and not (clinic.outbox / "replaced").exists()
    server.start()
    assert clinic.run("email", "--retry").exit_code == 0
    assert server.mailbox.recipients() == ["ada@example.com", "ada@example.com"]


def test_other_patients_and_other_programs_are_not_withdrawn(clinic, servers):
    port = held_port()
    clinic.configure({"port": port})
    ada = clinic.program("Ada Example", "ada@example.com")
    knee = ada.rename(clinic.root / "ada-knee.yaml")  # a second program for her
    clinic.program("Ada Example", "ada@example.com", exercises=["bridge"])
    bo = clinic.program("Bo Example", "bo@example.com")
    header = ("name", "email", "program", "date", "dob")
    roster = clinic.roster([("Jo Smith", "jo.1950@example.com", "low_back_start",
                             "2026-11-23", "1950-01-02"),
                            ("Jo Smith", "jo.home@example.com", "low_back_start",
                             "2026-11-23", "1950-01-02")], header=header)
    for result in (clinic.run("email", str(knee), str(ada), str(bo)),
                   clinic.run("batch", str(roster), "--email"),
                   clinic.run("batch", str(roster), "--email")):  # both of Jo's rows again
        assert "withdrawn" not in result.output and result.stdout.startswith("sent 0, failed")
    # another patient of the same name, in the same roster file on another run
    clinic.roster([("Jo Smith", "jo.1990@example.com", "low_back_start", "2026-11-23",
                    "1990-03-04")], header=header)
    assert "withdrawn" not in clinic.run("batch", str(roster), "--email").output
    assert len(clinic.files("pending")) == 6 and not (clinic.outbox / "replaced").exists()

    # the same patient from another program, to another address: both go, and it says so
    elsewhere = clinic.program("Bo Example", "bo@example.org")
    elsewhere = elsewhere.rename(clinic.root / "bo-new.yaml")
    result = clinic.run("email", str(elsewhere))
    assert (f"{elsewhere}: an earlier message for this patient, to bo@example.com (from "
            f"{bo}), also waits in {clinic.outbox / 'pending'}/ and goes too; if that "
            "address is wrong, move it out of that folder") in result.stderr.splitlines()
    server = servers(port=port)
    assert clinic.run("email", "--retry").exit_code == 0
    assert sorted(server.mailbox.recipients()) == [
        "ada@example.com", "ada@example.com", "bo@example.com", "bo@example.org",
        "jo.1950@example.com", "jo.1990@example.com", "jo.home@example.com"]


def test_the_outbox_knows_a_patient_as_the_record_does_accents_and_all():
    """The outbox tells patients apart as the record does: José Núñez typed without his
    accents is the same patient (the record files both under one), so a corrected message
    to him replaces the one waiting."""
    from handouts.mail.service import patient_key

    def program(name):
        return api.program_from_options(api.open_workspace(), patient=name,
                                        exercises=["child_pose"])

    assert patient_key(program("José  Núñez")) == patient_key(program("jose nunez"))
    assert patient_key(program("José Núñez")) != patient_key(program("José Nuñes"))
