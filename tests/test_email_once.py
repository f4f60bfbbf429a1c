"""Email is never sent twice by the program itself, and no address or name can forge a
recipient. Real SMTP servers on loopback (aiosmtpd): one that stores a message and drops the
connection before answering, one that answers after the client's timeout."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import socket
import struct
import threading
from email import policy
from pathlib import Path

import pytest

import handouts as api
from handouts.mail import message as mail
from handouts.mail.outbox import Outbox, Record, message_name

from test_email import Clinic, Mailbox, held_port  # noqa: F401 (the fixtures below use them)
from test_email import clinic, servers  # noqa: F401 (fixtures)
from web_mail import desk, web_mail  # noqa: F401 (fixture)



class DropsAfterData(Mailbox):
    """Stores every message, then, for every ``every``-th one, drops the connection instead
    of answering: the message is delivered, but the sender never hears so."""

    def __init__(self, every: int = 1):
        super().__init__()
        self.every = every

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        if len(self.messages) % self.every == 0:
            server.transport.abort()  # gone before the reply is written
        return "250 OK"


class AnswersLate(Mailbox):
    """Stores every message and answers only after ``delay`` seconds."""

    def __init__(self, delay: float):
        super().__init__()
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        await asyncio.sleep(self.delay)
        return "250 OK"


class CutsOff:
    """A bare SMTP server on loopback that takes messages as any does, except one to ``cut``:
    of that it reads the first few KB, then closes the connection (a reset, the rest unread),
    so the message never reaches it whole."""

    def __init__(self, cut: str):
        self.cut = cut.encode()
        self.delivered: list[bytes] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:  # stopped
                return
            threading.Thread(target=self.session, args=(conn,), daemon=True).start()

    def session(self, conn):
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 cuts-off\r\n")
            rcpt = b""
            for line in lines:
                verb = line[:4].upper()
                if verb == b"RCPT":
                    rcpt = line
                elif verb == b"DATA":
                    conn.sendall(b"354 go on\r\n")
                    if self.cut in rcpt:
                        lines.read(5000)
                        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                        struct.pack("ii", 1, 0))
                        return
                    while lines.readline() not in (b".\r\n", b""):
                        pass
                    self.delivered.append(rcpt)
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                conn.sendall(b"250 ok\r\n")

    def stop(self):
        self.sock.close()


def more_than_the_kernel_buffers() -> int:
    """Bytes that cannot all wait in the sender's socket buffer: its send fails when the
    server resets the connection, rather than only the wait for the reply."""
    try:
        most = int(Path("/proc/sys/net/ipv4/tcp_wmem").read_text().split()[2])
    except (OSError, ValueError, IndexError):
        most = 4 << 20
    return 2 * most + (1 << 20)


def test_a_connection_lost_while_the_message_is_sent_leaves_it_pending(clinic):
    server = CutsOff("cut@example.com")
    try:
        clinic.configure({"port": server.port})
        ws = clinic.ws()
        outbox = Outbox(clinic.outbox)
        built = api.build_handout(api.load_program(clinic.program("Aaron Big",
                                                                  "cut@example.com"), ws), ws)
        big = mail.compose(built.handout, bytes(more_than_the_kernel_buffers()),
                           built.filename, sender=mail.sender(ws.clinic))
        name = message_name(built.handout)
        outbox.queue(name, big.as_bytes(policy=policy.SMTP),
                     Record(built.handout.handout_id, "cut@example.com", ""))
        assert clinic.run("email", str(clinic.program("Bo Example", "bo@example.com")),
                          "--no-send").exit_code == 0
        result = clinic.run("email", "--retry")
    finally:
        server.stop()
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "sent 1, failed 1, skipped 0."
    [line] = [l for l in result.stderr.splitlines() if l.startswith("failed:")]
    assert re.fullmatch(rf"failed: {name}\.eml: cut@example\.com: the connection to the mail "
                        rf"server 127\.0\.0\.1:{server.port} was lost while the message was "
                        r"being sent \(.+\), so it was not delivered", line), line
    assert "may have been" not in result.output and not clinic.files("uncertain")
    # not sent: it waits, and the next message still went
    assert [p.stem for p in clinic.files("pending")] == [name]
    assert len(server.delivered) == 1 and b"bo@example.com" in server.delivered[0]


def roster_of(clinic, count: int):
    return clinic.roster([(f"Patient {i:02d} Example", f"p{i:02d}@example.com",
                           "low_back_start", "2026-11-23") for i in range(1, count + 1)])


def test_a_server_that_drops_the_connection_after_data_gets_each_message_once(clinic, servers):
    server = servers(DropsAfterData(every=5))
    clinic.configure({"port": server.port})
    roster = roster_of(clinic, 20)
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    assert result.stdout == ("sent 16, failed 0, skipped 0, may have been sent 4 "
                             "(not sent again).\n")
    rcpts = server.mailbox.recipients()
    assert sorted(rcpts) == [f"p{i:02d}@example.com" for i in range(1, 21)]  # one copy each
    maybe = [line for line in result.stderr.splitlines()
             if line.startswith("may have been sent: ")]
    assert len(maybe) == 4 and all(re.search(
        r"the mail server 127\.0\.0\.1:\d+ took the whole message but did not answer "
        r"\([^()]+\)$", line) for line in maybe), maybe
    assert ("4 messages may have reached their patients: ask; confirm each that came with "
            f"make_handouts.py email --confirm NAME{clinic.given}, NAME its handout id or its "
            "file in uncertain/; then send the rest again with make_handouts.py email --retry "
            f"--include-uncertain{clinic.given}") in result.stderr
    assert "Traceback" not in result.output
    assert len(clinic.files("uncertain")) == 4 and not clinic.files("pending")
    assert [a["result"] for a in clinic.audit()].count("uncertain") == 4

    # neither a retry nor the same roster again sends them by itself
    retry = clinic.run("email", "--retry")
    assert retry.stdout == f"nothing waits in {clinic.outbox}/pending/.\n"
    assert retry.stderr == (f"4 messages in {clinic.outbox}/uncertain/ may have been sent: "
                            "ask; confirm each that came with make_handouts.py email --confirm "
                            f"NAME{clinic.given}, NAME its handout id or its file in "
                            "uncertain/; then send the rest again with make_handouts.py email "
                            f"--retry --include-uncertain{clinic.given}\n")
    assert retry.exit_code == 1
    again = clinic.run("batch", str(roster), "--email")
    assert again.stdout == ("sent 0, failed 0, skipped 0, may have been sent 4 (not sent "
                            "again), already sent 16 (not sent again).\n")
    assert len(server.mailbox.messages) == 20

    # the user asked the four patients: it did not arrive; now, and only now, it goes again
    server.mailbox.every = 1000
    sent = clinic.run("email", "--retry", "--include-uncertain")
    assert sent.exit_code == 0, sent.output
    assert sent.stdout.endswith("sent 4, failed 0, skipped 0.\n")
    assert len(server.mailbox.messages) == 24 and len(clinic.files("sent")) == 20
    assert not clinic.files("uncertain")


def test_a_server_that_answers_after_the_timeout_gets_each_message_once(clinic, servers):
    server = servers(AnswersLate(delay=2.5))
    clinic.configure({"port": server.port, "timeout": 0.5})
    result = clinic.run("batch", str(roster_of(clinic, 3)), "--email")
    assert result.exit_code == 1
    assert result.stdout == "sent 0, failed 0, skipped 0, may have been sent 3 (not sent again).\n"
    assert sorted(server.mailbox.recipients()) == ["p01@example.com", "p02@example.com",
                                                    "p03@example.com"]
    # nothing sent again; exit status 1 while they may have been sent (README: *Email*)
    assert clinic.run("email", "--retry").exit_code == 1
    assert len(server.mailbox.messages) == 3


def test_a_run_killed_while_sending_leaves_the_message_uncertain(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Ada Example", "ada@example.com")
    assert clinic.run("email", str(program), "--no-send").exit_code == 0
    outbox = Outbox(clinic.outbox)
    [name] = outbox.pending_names()
    outbox.mark_sending(name, outbox.record(name))  # as a process killed mid-send leaves it
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    assert "may have been sent 1 (not sent again)" in result.stdout
    assert "an earlier run stopped while sending it" in result.stderr
    assert server.mailbox.messages == [] and outbox.uncertain_names() == [name]


def test_a_queued_message_interrupted_before_data_is_simply_pending(clinic, servers):
    port = held_port()  # nothing listens: the connection fails before any DATA
    clinic.configure({"port": port})
    program = clinic.program("Ada Example", "ada@example.com")
    result = clinic.run("email", str(program))
    assert "sent 0, failed 1, skipped 0." in result.stdout
    [record] = clinic.files("pending", "json")
    assert json.loads(record.read_text())["sending"] is None
    server = servers(port=port)
    assert clinic.run("email", "--retry").exit_code == 0
    assert server.mailbox.recipients() == ["ada@example.com"]


@pytest.mark.parametrize("host", ["192.0.2.10", "localhost", "mail.example.com"])
def test_security_none_only_to_a_literal_loopback_address(clinic, host):
    clinic.configure({"host": host, "port": 25})  # no username: still refused
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 1
    assert (f"security: none sends handouts unencrypted, so it is only for a relay on this "
            f"computer (127.0.0.1 or ::1), not {host}") in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("address", ["group:ada@example.com;", "group:ada@example.com",
                                     "=?utf-8?q?eve=40example.org?=@example.com",
                                     "ada@example.com(eve@example.org)"])
def test_group_syntax_and_encoded_words_are_not_addresses(clinic, servers, address):
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([("Ada Example", address, "low_back_start", "2026-11-23"),
                            ("Bo Example", "bo@example.com", "low_back_start", "2026-11-23")])
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    assert result.stdout == "sent 1, failed 0, skipped 1.\n"
    assert f'"{address}" is not an email address' in result.stderr
    assert server.mailbox.recipients() == ["bo@example.com"]


def test_a_group_as_the_clinics_from_address_is_refused(clinic):
    clinic.configure({"port": 25, "from": "Desk: desk@example.com, eve@example.org;"})
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "is not one email address" in result.stderr


def test_an_encoded_word_in_a_name_cannot_add_a_recipient(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    # "=?utf-8?b?...?=" is "Bcc: eve@example.org"
    name = "=?utf-8?b?QmNjOiBldmVAZXhhbXBsZS5vcmc=?="
    result = clinic.run("email", str(clinic.program(name, "ada@example.com")))
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    assert [a.addr_spec for a in message["To"].addresses] == ["ada@example.com"]
    assert server.mailbox.recipients() == ["ada@example.com"]
    assert b"eve@example.org" not in server.mailbox.messages[0][2].split(b"\r\n\r\n")[0]


def test_a_line_break_in_a_name_does_not_stop_the_batch(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([("Ada Example", "ada@example.com", "low_back_start", "2026-11-23"),
                            ("Jo\nSmith", "jo@example.com", "low_back_start", "2026-11-23"),
                            ("Cy Example", "cy@example.com", "low_back_start", "2026-11-23")])
    result = clinic.run("batch", str(roster), "--email")
    assert "Traceback" not in result.output
    headline = result.stdout.splitlines()[0]
    assert headline in ("sent 3, failed 0, skipped 0.", "sent 2, failed 1, skipped 0.")
    recipients = server.mailbox.recipients()
    assert recipients.count("ada@example.com") == 1 and recipients.count("cy@example.com") == 1
    assert len(recipients) == len(set(recipients))


def test_pressing_email_again_in_the_web_app_does_not_send_a_second_copy(clinic, web_mail):
    from test_web import build_pdf

    server = web_mail(DropsAfterData(every=1))
    b = desk(clinic)
    for _ in range(2):  # the therapist sees no "Sent" and presses the button again
        page = build_pdf(b, "email")
        text = page.get_data(as_text=True)
        assert page.status_code == 422
        assert "May have been sent to ada@example.com" in text
        assert "Traceback" not in text
    assert server.mailbox.recipients() == ["ada@example.com"]


# as the patient's history says a time: the day, then the clock as the US locale shows it
SENT_ON = (r"Already sent to ada@example\.com on (\w+ \d{1,2}, \d{4}, \d{1,2}:\d\d)"
           "[\u202f ]([AP]M)")


def sent_on(said: re.Match) -> dt.datetime:
    return dt.datetime.strptime(f"{said[1]} {said[2]}", "%B %d, %Y, %I:%M %p")


def test_already_sent_says_when_as_the_clinic_s_clock_shows_it(clinic, web_mail, monkeypatch):
    """Email pressed again for a handout sent from another tab said "Already sent to … on
    2026-12-04T18:44:20+00:00": the time as kept, in UTC. It is said as the history says
    times: this computer's clock, to the minute."""
    import time

    from test_web import build_pdf

    monkeypatch.setenv("TZ", "America/Chicago")
    time.tzset()
    try:
        server = web_mail()
        b = desk(clinic)
        assert build_pdf(b, "email").status_code == 200
        again = build_pdf(b, "email").get_data(as_text=True)
        said = re.search(SENT_ON, again)
        assert said, again[:2000]
        sent = sent_on(said)
        now = dt.datetime.now()  # the local clock, as the TZ set here
        assert abs((now - sent).total_seconds()) < 3600  # Chicago's, not UTC (5 or 6 h off)
        assert "+00:00" not in again
        assert server.mailbox.recipients() == ["ada@example.com"]
    finally:
        monkeypatch.undo()
        time.tzset()


def test_already_sent_says_when_on_the_clinic_s_timezone_not_the_server_s(clinic, web_mail,
                                                                          monkeypatch):
    """With ``timezone:`` in clinic.yaml (a server in UTC+14 for a clinic in UTC-12), the
    time is the clinic's clock, as the history and the patient's page give it."""
    import time
    import zoneinfo

    from test_web import build_pdf

    zone = zoneinfo.ZoneInfo("Etc/GMT+12")
    monkeypatch.setenv("TZ", "Etc/GMT-14")
    time.tzset()
    try:
        web_mail(timezone="Etc/GMT+12")
        b = desk(clinic)
        before = dt.datetime.now(zone).replace(second=0, microsecond=0, tzinfo=None)
        assert build_pdf(b, "email").status_code == 200
        after = dt.datetime.now(zone).replace(tzinfo=None)
        again = build_pdf(b, "email").get_data(as_text=True)
        said = re.search(SENT_ON, again)
        assert said, again[:2000]
        assert before <= sent_on(said) <= after, said[0]
    finally:
        monkeypatch.undo()
        time.tzset()
