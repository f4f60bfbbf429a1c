"""``forget`` while a sender holds the outbox: a message already being sent when forget
begins cannot be called back, and forget says it went (or may have); a batch holding the
outbox however long makes forget clean the record first and wait, never give up half-done
without saying so. Real processes, a real SMTP server on loopback (aiosmtpd) that holds a
message's DATA while forget runs; the record and the outbox are read back; made-up people."""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from conftest import ROOT
from handouts.cli import main
from handouts.mail.outbox import Outbox

from test_email import Mailbox, attachment, pdf_text
from test_email import clinic, servers  # noqa: F401 (fixtures)
from test_email_forget import bo_nowhere, run, until

GONE = ("one email to Bo Example was being sent as you asked to forget them: the mail server "
        "took it, so it has gone")
MAYBE = ("one email to Bo Example was being sent as you asked to forget them: the mail "
         "server never answered, so it may have gone")


class HoldsBo(Mailbox):
    """Takes every message; Bo's, once it has all arrived, is answered (or its connection
    dropped, so the sender never hears) only when the test says so."""

    def __init__(self, drop: bool):
        super().__init__()
        self.drop = drop
        self.arrived, self.go = threading.Event(), threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        if "bo@example.com" in envelope.rcpt_tos:
            self.arrived.set()
            await asyncio.get_running_loop().run_in_executor(None, self.go.wait, 60)
            if self.drop:
                server.transport.abort()
        return "250 OK"


def in_record(clinic, name: str):
    return CliRunner().invoke(main, ["history", name, "--library",
                                     str(clinic.root / "exercises.yaml"), "--clinic",
                                     str(clinic.root / "clinic.yaml")])


class Lines:
    """A process's stderr, read as it comes."""

    def __init__(self, process):
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process):
        for line in process.stderr:
            self.lines.append(line.rstrip("\n"))

    def text(self) -> str:
        self.thread.join(timeout=120)
        return "\n".join(self.lines)


def as_printed(command: str, cwd) -> subprocess.Popen:
    """A command forget printed ("run: ..."), run as a person would paste it, from another
    folder than the clinic's: it must work on the same clinic and outbox."""
    words = shlex.split(command)
    assert words[0] == "make_handouts.py"
    return subprocess.Popen([sys.executable, str(ROOT / "make_handouts.py"), *words[1:]],
                            cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "HANDOUTS_SMTP_PASSWORD": ""})


def ada_and_bo(clinic, servers, **bo):
    """A mail server the clinic sends to, and the program files of two patients with an
    email address: Ada's and Bo's (``bo``: more of his, such as ``patient=``)."""
    server = servers()
    clinic.configure({"port": server.port})
    return (server, clinic.program("Ada Example", "ada@example.com"),
            clinic.program("Bo Example", "bo@example.com", **bo))


def finish(process) -> str:
    """Its stdout, once it has ended (its stderr is read by ``Lines`` alone)."""
    out = process.stdout.read()
    process.wait(timeout=120)
    return out


# the server's answer and the record's kind are apart: a dropped answer on SQLite only
@pytest.mark.parametrize("database, answer", [("sqlite", "250"), ("postgres", "250"),
                                              ("sqlite", "dropped")], indirect=["database"])
def test_an_email_being_sent_as_forget_begins_is_said_to_have_gone(clinic, servers, database,
                                                                   answer):
    mailbox = HoldsBo(drop=answer == "dropped")
    server = servers(mailbox)
    clinic.configure({"port": server.port})
    bo = clinic.program("Bo Example", "bo@example.com")
    assert clinic.run("email", str(bo), "--no-send").exit_code == 0  # only outside the db
    sending = run(clinic, "email", "--retry")
    try:
        assert mailbox.arrived.wait(60), "Bo's message never reached the server"
        forgetting = run(clinic, "forget", "Bo Example", "--yes")
        said = Lines(forgetting)
        until(lambda: any(line.startswith("waiting for") for line in said.lines),
              "said it waits for the sender")
    finally:
        mailbox.go.set()
    sending.communicate(timeout=120)
    out = finish(forgetting)
    assert forgetting.returncode == 0, (out, said.text())
    assert said.text() == (f"waiting for the make_handouts.py sending from {clinic.outbox}/ to "
                           "finish, to remove Bo Example from it; it sends none of their "
                           "messages meanwhile")
    # the sender recorded the email it sent: forget removed that too
    assert out.splitlines()[0] == ("removed Bo Example from the records kept outside the "
                                   "database: the record of 1 message not sent yet")
    assert out.splitlines()[-1] == (GONE if answer == "250" else MAYBE)
    assert in_record(clinic, "Bo Example").output == \
        'error: no patient named "Bo Example" in the record\n'
    assert server.mailbox.recipients() == ["bo@example.com"]
    bo_nowhere(clinic)
    assert not list((clinic.outbox / ".forgetting").iterdir())


def test_a_batch_holding_the_outbox_makes_forget_clean_the_record_and_wait(clinic, servers,
                                                                          database):
    server, ada, bo = ada_and_bo(clinic, servers)
    assert CliRunner().invoke(main, ["build", str(bo), "-o", str(clinic.root / "bo.pdf"),
                                     "--library", str(clinic.root / "exercises.yaml"),
                                     "--clinic", str(clinic.root / "clinic.yaml")]
                              ).exit_code == 0  # Bo is in the database too
    assert clinic.run("email", str(ada), str(bo), "--no-send").exit_code == 0
    batch = Outbox(clinic.outbox).locked()  # a long batch, sending from the outbox
    batch.__enter__()
    try:
        forgetting = run(clinic, "forget", "Bo Example", "--yes")
        said = Lines(forgetting)
        until(lambda: any(line.startswith("waiting for") for line in said.lines),
              "said it waits for the sender")
        # the record is clean already; the outbox waits, and nothing of Bo's is sent
        assert in_record(clinic, "Bo Example").exit_code == 1
        assert [p.name.split("_")[1] for p in clinic.files("pending")] == [
            "ada-example", "bo-example"]
    finally:
        batch.__exit__(None, None, None)
    out = finish(forgetting)
    assert forgetting.returncode == 0, (out, said.text())
    assert out == ("removed Bo Example: 1 program version, 1 handout issued, and the record "
                   "of 1 message not sent yet\n"
                   f"removed from {clinic.outbox}/: 1 message not sent yet (withdrawn, never "
                   "sent), their name and address from 1 line of the audit log (the line "
                   "stays)\n")
    retry = clinic.run("email", "--retry")
    assert retry.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    assert server.mailbox.recipients() == ["ada@example.com"]
    bo_nowhere(clinic)


def test_forget_stopped_while_it_waits_says_what_is_left_and_finishes_when_run_again(
        clinic, servers, database, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    server, ada, bo = ada_and_bo(clinic, servers, patient={
        "name": "Bo Example", "email": "bo@example.com", "dob": "1970-01-02"})
    assert clinic.run("email", str(ada), str(bo), "--no-send").exit_code == 0
    batch = Outbox(clinic.outbox).locked()
    batch.__enter__()
    try:
        # the clinic named by --home alone: the command printed must name it too
        forgetting = subprocess.Popen(
            [sys.executable, str(ROOT / "make_handouts.py"), "--home", str(clinic.root),
             "forget", "bo example", "--dob", "1970-01-02", "--yes"], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = Lines(forgetting)
        until(lambda: any(line.startswith("waiting for") for line in said.lines),
              "said it waits for the sender")
        forgetting.send_signal(signal.SIGTERM)  # the terminal closed, say
        out = finish(forgetting)
    finally:
        batch.__exit__(None, None, None)
    assert forgetting.returncode == 1
    assert out == ("removed Bo Example (born 1970-01-02) from the records kept outside the "
                   "database: the record of 1 message not sent yet\n")
    # its outbox is the --home folder's own, which --home names
    again = f"make_handouts.py --home {clinic.root} forget 'bo example' --dob 1970-01-02"
    assert said.text().splitlines()[-1] == (
        f"error: stopped: Bo Example is removed from the record, but their emails are still in "
        f"{clinic.outbox}/ (none of them is sent while they wait); to remove them, run: "
        f"{again}")
    # until then, no sender sends Bo's message
    retry = clinic.run("email", "--retry")
    assert retry.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 1."
    assert server.mailbox.recipients() == ["ada@example.com"]

    again = as_printed(f"{again} --yes", cwd=tmp_path / "elsewhere")
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, (out, err)
    assert out.splitlines()[-1].startswith(
        f"removed from {clinic.outbox}/: 1 message not sent yet (withdrawn, never sent)")
    bo_nowhere(clinic)
    assert not list((clinic.outbox / ".forgetting").iterdir())
    assert clinic.run("email", "--retry").stdout == \
        f"nothing waits in {clinic.outbox / 'pending'}/.\n"
    assert server.mailbox.recipients() == ["ada@example.com"]


def test_a_sender_stopped_while_the_server_answers_tells_forget_it_may_have_gone(
        clinic, servers, database):
    # Ctrl-C at the sender while the server holds Bo's message, forget waiting meanwhile:
    # the message moves to uncertain/, and forget, removing it, says it may have gone
    mailbox = HoldsBo(drop=False)
    server = servers(mailbox)
    clinic.configure({"port": server.port})
    bo = clinic.program("Bo Example", "bo@example.com")
    assert clinic.run("email", str(bo), "--no-send").exit_code == 0
    sending = run(clinic, "email", "--retry")
    try:
        assert mailbox.arrived.wait(60), "Bo's message never reached the server"
        forgetting = run(clinic, "forget", "Bo Example", "--yes")
        said = Lines(forgetting)
        until(lambda: any(line.startswith("waiting for") for line in said.lines),
              "said it waits for the sender")
        sending.send_signal(signal.SIGINT)
        # stopped, the sender settles Bo's message as one that may have gone and ends, the
        # server still holding its answer to Bo's DATA (the sender does not wait for it)
        sending.communicate(timeout=120)
    finally:
        mailbox.go.set()
    assert sending.returncode != 0
    out = finish(forgetting)
    assert forgetting.returncode == 0, (out, said.text())
    assert f"removed from {clinic.outbox}/: 1 message that may have been sent (withdrawn, " \
           "never sent again)" in out
    assert out.splitlines()[-1] == MAYBE
    assert server.mailbox.recipients() == ["bo@example.com"]
    bo_nowhere(clinic)
    assert not list((clinic.outbox / ".forgetting").iterdir())


def test_a_handout_made_while_forget_waits_is_removed_and_said_apart(clinic, servers,
                                                                    database):
    # forget waits for a batch holding the outbox; meanwhile the desk prints Bo a handout
    # (a new visit, say): forget removes it with the rest, and says so apart from what a
    # sender recorded, so that the clinic can make it again
    import io

    from pypdf import PdfReader

    server, ada, bo = ada_and_bo(clinic, servers)
    assert clinic.run("email", str(ada), str(bo), "--no-send").exit_code == 0
    batch = Outbox(clinic.outbox).locked()
    batch.__enter__()
    try:
        forgetting = run(clinic, "forget", "Bo Example", "--yes")
        said = Lines(forgetting)
        until(lambda: any(line.startswith("waiting for") for line in said.lines),
              "said it waits for the sender")
        later = clinic.program("Bo Example", "bo@example.com", date="2026-12-07",
                               exercises=["bridge"])
        built = CliRunner().invoke(main, ["build", str(later), "-o",
                                          str(clinic.root / "bo.pdf"), "--library",
                                          str(clinic.root / "exercises.yaml"), "--clinic",
                                          str(clinic.root / "clinic.yaml")])
        assert built.exit_code == 0, built.output
        again = in_record(clinic, "Bo Example")  # recorded again, meanwhile
        assert again.exit_code == 0, again.output
        handout_id = again.output.splitlines()[2].split()[0]
    finally:
        batch.__exit__(None, None, None)
    out = finish(forgetting)
    assert forgetting.returncode == 0, (out, said.text())
    pdf = PdfReader(io.BytesIO((clinic.root / "bo.pdf").read_bytes()))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Bo Example" in text and handout_id in text
    assert out == ("removed Bo Example from the records kept outside the database: the record "
                   "of 1 message not sent yet\n"
                   "removed Bo Example: 1 program version, 1 handout issued (recorded while "
                   "forget waited)\n"
                   f"removed from {clinic.outbox}/: 1 message not sent yet (withdrawn, never "
                   "sent), their name and address from 1 line of the audit log (the line "
                   "stays)\n")
    assert said.text().splitlines()[1:] == [
        f"warning: a handout made for Bo Example while forget waited ({handout_id} printed) "
        "was removed too; make it again if they are still your patient"]
    assert in_record(clinic, "Bo Example").exit_code == 1
    retry = clinic.run("email", "--retry")
    assert retry.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    assert server.mailbox.recipients() == ["ada@example.com"]
    bo_nowhere(clinic)



def printed_id(pdf: bytes) -> str:
    """The handout id a PDF's footer prints."""
    import re

    [found] = set(re.findall(r"\b[A-Z2-7]{4}-[A-Z2-7]{4}\b", pdf_text(pdf)))
    return found


def bo_given_from_a_share(clinic, servers, share, monkeypatch):
    """The record on a network share (``share``), Bo given a handout into it and Ada's
    email queued; how the desk builds a handout on the command line (with the clinic's
    files: CliRunner), and the mail server."""
    def build(program, pdf):
        return CliRunner().invoke(main, ["build", str(program), "-o", str(pdf), "--library",
                                         str(clinic.root / "exercises.yaml"), "--clinic",
                                         str(clinic.root / "clinic.yaml")])

    share.mkdir()
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{share}/handouts.db")
    server, ada, bo = ada_and_bo(clinic, servers)
    assert build(bo, share.parent / "bo.pdf").exit_code == 0  # Bo is in the database
    assert clinic.run("email", str(ada), "--no-send").exit_code == 0
    return build, server


def test_records_made_outside_the_database_while_forget_waits_are_removed_too(
        clinic, servers, tmp_path, monkeypatch):
    # forget waits for a batch holding the outbox; meanwhile the batch queues Bo an email
    # (kept in records/unsent/ until it goes), and, the database's network share gone, the
    # desk prints Bo a handout (it waits in records/pending.json): after the wait forget
    # removes both, and says so, or they would bring Bo back into the record
    import email

    from handouts.mail import service as emailing
    from record_db import close_engines

    share = tmp_path / "share"
    build, server = bo_given_from_a_share(clinic, servers, share, monkeypatch)
    outbox = Outbox(clinic.outbox)
    batch = outbox.locked()  # a long batch, sending from the outbox
    batch.__enter__()
    try:
        forgetting = run(clinic, "forget", "Bo Example", "--yes")
        said = Lines(forgetting)
        until(lambda: any(line.startswith("waiting for") for line in said.lines),
              "said it waits for the sender")
        # the batch queues Bo a new visit's email, which it will not send
        emailing.queue_program(outbox, clinic.program("Bo Example", "bo@example.com",
                                                      date="2026-12-07"), clinic.ws())
        [eml] = [p for p in clinic.files("pending") if "bo-example" in p.name]
        queued = printed_id(attachment(email.message_from_bytes(
            eml.read_bytes(), policy=email.policy.default)))
        share.rename(tmp_path / "share-gone")  # the database out of reach
        later = clinic.program("Bo Example", "bo@example.com", date="2026-12-14",
                               exercises=["bridge"])
        built = build(later, tmp_path / "bo-later.pdf")
        assert built.exit_code == 0, built.output
        assert "recorded later: the record cannot be reached" in built.output
    finally:
        batch.__exit__(None, None, None)
    out = finish(forgetting)
    # the database out of reach, forget cannot tell whether it was given a handout of Bo's
    # meanwhile (here it was not): it says so, after the rest
    assert forgetting.returncode == 1, (out, said.text())
    printed = printed_id((tmp_path / "bo-later.pdf").read_bytes())
    assert out == ("removed Bo Example: 1 program version, 1 handout issued\n"
                   "removed Bo Example from the records kept outside the database: the record "
                   "of 1 message not sent yet, 1 record waiting for the database (recorded "
                   "while forget waited)\n"
                   f"removed from {clinic.outbox}/: 1 message not sent yet (withdrawn, never "
                   "sent), their name and address from 1 line of the audit log (the line "
                   "stays)\n")
    assert said.text().splitlines()[1:] == [
        f"warning: 2 handouts made for Bo Example while forget waited ({printed} printed, "
        f"{queued} to be emailed) were removed too; make them again if they are still your "
        "patient",
        f"error: the database is unavailable (sqlite:///{share}/handouts.db): the folder "
        f"{share} is not there (is the network share or drive connected?), so forget could "
        "not check whether anything was recorded of Bo Example there while it waited; once "
        f"it answers, run: make_handouts.py forget 'Bo Example' --outbox {clinic.outbox} "
        f"--library {clinic.root / 'exercises.yaml'} --clinic {clinic.root / 'clinic.yaml'}"]
    records = clinic.root / "records"
    assert [p.name.split("_")[1] for p in (records / "unsent").glob("*.json")] == [
        "ada-example"]
    assert not (records / "pending.json").exists()
    (tmp_path / "share-gone").rename(share)  # the database back: Bo does not come back
    close_engines()
    assert in_record(clinic, "Bo Example").output == \
        'error: no patient named "Bo Example" in the record\n'
    retry = clinic.run("email", "--retry")
    assert retry.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    assert server.mailbox.recipients() == ["ada@example.com"]
    bo_nowhere(clinic)
    assert b"Bo Example" not in b"".join(p.read_bytes() for p in records.rglob("*.json"))


def test_a_database_gone_at_the_end_of_the_wait_is_said_with_what_finishes_the_job(
        clinic, servers, tmp_path, monkeypatch):
    # forget waits for a batch holding the outbox; meanwhile the desk prints Bo a handout
    # (recorded in the database), then the database's network share goes: forget cannot
    # look for that handout, so it says so, and what to run once the database is back
    from record_db import close_engines

    share = tmp_path / "share"
    build, _ = bo_given_from_a_share(clinic, servers, share, monkeypatch)
    batch = Outbox(clinic.outbox).locked()  # a long batch, sending from the outbox
    batch.__enter__()
    try:
        forgetting = run(clinic, "forget", "Bo Example", "--yes")
        said = Lines(forgetting)
        until(lambda: any(line.startswith("waiting for") for line in said.lines),
              "said it waits for the sender")
        later = clinic.program("Bo Example", "bo@example.com", date="2026-12-14",
                               exercises=["bridge"])
        built = build(later, tmp_path / "bo-later.pdf")
        assert built.exit_code == 0, built.output
        assert "recorded later" not in built.output  # in the database
        close_engines()
        share.rename(tmp_path / "share-gone")  # then the database out of reach
    finally:
        batch.__exit__(None, None, None)
    out = finish(forgetting)
    assert forgetting.returncode == 1, (out, said.text())
    assert out == "removed Bo Example: 1 program version, 1 handout issued\n"
    again = (f"make_handouts.py forget 'Bo Example' --outbox {clinic.outbox} --library "
             f"{clinic.root / 'exercises.yaml'} --clinic {clinic.root / 'clinic.yaml'}")
    assert said.text().splitlines()[1:] == [
        f"error: the database is unavailable (sqlite:///{share}/handouts.db): the folder "
        f"{share} is not there (is the network share or drive connected?), so forget could "
        "not check whether anything was recorded of Bo Example there while it waited; once "
        f"it answers, run: {again}"]

    # the database back, the command said finishes the job
    (tmp_path / "share-gone").rename(share)
    printed = printed_id((tmp_path / "bo-later.pdf").read_bytes())
    assert printed in in_record(clinic, "Bo Example").output  # still there
    (tmp_path / "elsewhere").mkdir()
    finished = as_printed(f"{again} --yes", cwd=tmp_path / "elsewhere")
    out, err = finished.communicate(timeout=120)
    assert finished.returncode == 0, (out, err)
    assert out.splitlines()[0] == "removed Bo Example: 1 program version, 1 handout issued"
    close_engines()
    assert in_record(clinic, "Bo Example").output == \
        'error: no patient named "Bo Example" in the record\n'
    bo_nowhere(clinic)
