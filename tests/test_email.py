"""Email: against a real SMTP server on loopback (aiosmtpd), started by each test.

The messages are parsed back with the standard library's email parser; the attached PDFs with
pypdf. The small test library (tests/web_library) is used, so these tests do not need the
clinic's own exercises.yaml.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import socket
import ssl
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pypdf
import pytest
import trustme
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

import handouts as api
from handouts.mail import message as mail
from handouts.cli import main
from handouts.errors import HandoutError
from handouts.mail.outbox import Outbox
from handouts.web import create_app

from conftest import WEB_LIBRARY, page_texts

LIBRARY = WEB_LIBRARY  # a copy: what a test writes beside clinic.yaml stays out of tests/
SMTP_PASSWORD = "s3cret-Horse-battery"
PDF_PASSWORD = "pdf-Opens-With-This"


# --- a mail server on loopback ------------------------------------------------------------

class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts; refuses listed recipients."""

    def __init__(self, refuse=()):
        self.refuse = set(refuse)
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def parsed(self):
        return [BytesParser(policy=policy.default).parsebytes(m[2]) for m in self.messages]

    def recipients(self) -> list[str]:
        return [r for m in self.messages for r in m[1]]


_HELD: dict[int, socket.socket] = {}  # a port → the socket that holds it


def held_port() -> int:
    """A loopback port that this test process holds from now on: bound to port 0 and not
    listening, so a connection to it is refused, as by a mail server that is down, until a
    Server starts on it. A port found free, let go and bound again later could be taken by
    another process in between (a test that fails now and then)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    _HELD[port] = sock
    return port


def let_go(port: int) -> None:
    sock = _HELD.pop(port, None)
    if sock is not None:
        sock.close()


class _OnHeldPort(Controller):
    """aiosmtpd's Controller on a port the test holds, rather than one it binds by number."""

    def __init__(self, handler, port: int, **kwargs):
        super().__init__(handler, hostname="127.0.0.1", port=port, **kwargs)

    def _create_server(self):
        held = _HELD[self.port]
        held.listen()
        # a copy of the socket: stopping the server closes it, and the port stays held
        # (listening) for a server started on it again
        return self.loop.create_server(self._factory_invoker, sock=held.dup(),
                                       ssl=self.ssl_context)


class Server:
    """Start and stop an aiosmtpd server; ``port`` (a ``held_port()``) may be chosen
    before it starts."""

    def __init__(self, mailbox: Mailbox, port: int | None = None, **kwargs):
        self.mailbox = mailbox
        self.port = port or held_port()
        self.kwargs = kwargs
        self.controller = None

    def start(self):
        self.controller = _OnHeldPort(self.mailbox, self.port, server_hostname="localhost",
                                      ready_timeout=10, **self.kwargs)
        self.controller.start()
        return self

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def servers():
    started = []

    def start(mailbox=None, port=None, **kwargs):
        server = Server(mailbox or Mailbox(), port, **kwargs)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
    for port in list(_HELD):  # the servers' ports, and any a test held for a server down
        let_go(port)


@pytest.fixture(scope="session")
def ca():
    return trustme.CA()


@pytest.fixture(scope="session")
def tls_context(ca):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


def check_password(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == b"desk@example.com"
          and auth_data.password == SMTP_PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


# --- a clinic folder: the small library, a clinic.yaml with smtp:, programs ---------------

class Clinic:
    def __init__(self, root: Path):
        self.root = root
        shutil.copy(LIBRARY / "exercises.yaml", root / "exercises.yaml")
        shutil.copytree(LIBRARY / "images", root / "images")
        self.outbox = root / "outbox"

    def configure(self, smtp: dict | None = None, **extra):
        clinic = yaml.safe_load((LIBRARY / "clinic.yaml").read_text())
        clinic.update({"email": "desk@example.com", "address": "12 Test Street"}, **extra)
        if smtp is not None:
            clinic["smtp"] = {"host": "127.0.0.1", "security": "none",
                              "from": "Test Street Physio <desk@example.com>", "timeout": 10,
                              **smtp}
        (self.root / "clinic.yaml").write_text(yaml.safe_dump(clinic, sort_keys=False))
        return self

    def program(self, name: str, email: str | None, **fields) -> Path:
        data = {"patient": {"name": name, **({"email": email} if email else {})},
                "therapist": "Dave Candy, PT, DPT", "date": "2026-11-23",
                "exercises": ["bridge", {"id": "child_pose", "dose": {"hold": "45 s"}}],
                **fields}
        path = self.root / f"{api.slug(name)}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        return path

    def roster(self, rows, header=("name", "email", "program", "date")) -> Path:
        path = self.root / "today.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    def ws(self):
        return api.open_workspace(self.root / "exercises.yaml", self.root / "clinic.yaml")

    @property
    def given(self) -> str:
        """How a command ``run`` prints to run later ends: with its outbox, library and
        clinic, so that run from any folder it acts on this clinic's."""
        return (f" --outbox {self.outbox} --library {self.root / 'exercises.yaml'} "
                f"--clinic {self.root / 'clinic.yaml'}")

    def run(self, *args, env=None):
        args = [*args, "--library", str(self.root / "exercises.yaml"),
                "--clinic", str(self.root / "clinic.yaml"), "--outbox", str(self.outbox)]
        return CliRunner().invoke(main, args, env={"HANDOUTS_SMTP_PASSWORD": None,
                                                   "HANDOUTS_PDF_PASSWORD": None, **(env or {})},
                                  catch_exceptions=False)

    def files(self, folder: str, ext: str = "eml") -> list[Path]:
        return sorted((self.outbox / folder).glob(f"*.{ext}"))

    def audit(self) -> list[dict]:
        return [json.loads(line) for line in (self.outbox / "audit.jsonl").read_text().splitlines()]

    def everything_written(self) -> bytes:
        return b"".join(p.read_bytes() for p in self.outbox.rglob("*") if p.is_file())


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Clinic(tmp_path)


def attachment(message) -> bytes:
    [part] = list(message.iter_attachments())
    assert part.get_content_type() == "application/pdf"
    return part.get_content()


def pdf_text(data: bytes) -> str:
    return "\n".join(page_texts(data))


# --- one patient --------------------------------------------------------------------------

def test_a_message_arrives_with_both_bodies_and_the_very_pdf(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Ada Example", "ada@example.com")
    result = clinic.run("email", str(program))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    assert f"sent to ada@example.com ({program})" in result.stdout
    [(mail_from, rcpts, _)] = server.mailbox.messages
    assert mail_from == "desk@example.com" and rcpts == ["ada@example.com"]
    [message] = server.mailbox.parsed()
    assert message["From"] == "Test Street Physio <desk@example.com>"
    assert message["To"] == "Ada Example <ada@example.com>"
    assert message["Reply-To"] == "desk@example.com"
    assert message["Subject"] == "Your home exercise program from Test Street Physio"
    assert message["Date"].datetime is not None
    assert re.fullmatch(r"<[^@>]+@example\.com>", message["Message-ID"])
    assert message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "multipart/mixed"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (plain, html):
        assert "Ada Example" in body and "Bridge" in body and "Hold 45 seconds" in body
        assert "555-0100" in body and "12 Test Street" in body
    assert "<table" in html and "<table" not in plain
    ws = clinic.ws()
    built = api.build_handout(api.load_program(program, ws), ws)
    [part] = list(message.iter_attachments())
    assert part.get_filename() == built.filename == "2026-11-23_ada-example.pdf"
    assert attachment(message) == built.pdf  # byte for byte
    assert message["X-Handout-Id"] == built.handout.handout_id
    # the message went from pending/ to sent/, with its record; the audit log says so
    assert not clinic.files("pending") and len(clinic.files("sent")) == 1
    assert clinic.files("sent")[0].name == (f"2026-11-23_ada-example_{built.handout.handout_id}"
                                            ".eml")
    audit = clinic.audit()
    assert [a["result"] for a in audit] == ["queued", "sent"]
    assert {a["handout_id"] for a in audit} == {built.handout.handout_id}
    assert {a["recipient"] for a in audit} == {"ada@example.com"}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", a["time"]) for a in audit)
    assert audit[1]["message_id"] == message["Message-ID"]


def test_the_email_says_no_more_than_it_must(clinic):
    clinic.configure()
    ws = clinic.ws()
    program = api.load_program(clinic.program(
        "Ada Example", "ada@example.com", protocol="low_back_start", education=["posture"],
        note="Ease the sciatica slowly.",
        exercises=[{"id": "bridge", "note": "Mind the disc herniation."}]), ws)
    built = api.build_handout(program, ws)
    message = mail.compose(built.handout, built.pdf, built.filename,
                           sender=mail.sender(ws.clinic))
    words = [message["Subject"], message.get_body(("plain",)).get_content(),
             message.get_body(("html",)).get_content()]
    for text in words:
        # the protocol's name, education topics and notes can reveal a condition
        for secret in ("Low back", "first week", "Sitting well", "sciatica", "disc",
                       "Stop and call"):
            assert secret.lower() not in text.lower(), secret
        assert "Bridge" in text or text is words[0]
    # exercise and dose, at a glance; the details are in the PDF
    assert "Cat and camel: Repeat 5–10 times" in words[1]
    assert "Mind the disc herniation." in pdf_text(built.pdf)


def test_the_email_says_how_often_apart_from_how_much_in_short_active_sentences(clinic):
    """"Repeat 5–10 times · 2 times a day" set one count beside another with nothing to
    tell them apart; the frequency is labelled as on a card's dose line. The greeting was
    one long passive sentence ("…, made on … by …. The attached PDF (…) shows …")."""
    clinic.configure()
    ws = clinic.ws()
    built = api.build_handout(api.load_program(clinic.program(
        "Ada Example", "ada@example.com", exercises=["cat_camel"]), ws), ws)
    message = mail.compose(built.handout, built.pdf, built.filename,
                           sender=mail.sender(ws.clinic))
    plain = " ".join(message.get_body(("plain",)).get_content().split())
    html = message.get_body(("html",)).get_content()
    assert "1. Cat and camel: Repeat 5–10 times. How often: 2 times a day" in plain
    assert ">Repeat 5–10 times. How often: 2 times a day</td>" in html
    for text in (plain, html):
        assert "made on" not in text and "attached PDF" not in text
        assert "It is in the file attached to this email" in text
    assert "Here is your home exercise program from Test Street Physio. " in plain


def test_spanish_handouts_get_spanish_emails(clinic):
    clinic.configure()
    ws = clinic.ws()
    built = api.build_handout(api.load_program(clinic.program(
        "María López", "maria@example.com", language="es"), ws), ws)
    message = mail.compose(built.handout, built.pdf, built.filename,
                           sender=mail.sender(ws.clinic))
    assert message["Subject"] == "Su programa de ejercicios en casa de Test Street Physio"
    assert message["Content-Language"] == "es"
    plain = message.get_body(("plain",)).get_content()
    assert plain.startswith("Hola, María López:")
    assert "Sostenga 45 segundos" in plain or "45 segundos" in plain
    assert "Llámenos al 555-0100" in plain
    assert 'lang="es"' in message.get_body(("html",)).get_content()


def test_names_and_text_are_escaped_in_the_html_body(clinic):
    clinic.configure()
    ws = clinic.ws()
    built = api.build_handout(api.load_program(clinic.program(
        "Ann <b>Bold</b> & Co", "ann@example.com"), ws), ws)
    message = mail.compose(built.handout, built.pdf, built.filename,
                           sender=mail.sender(ws.clinic))
    html = message.get_body(("html",)).get_content()
    assert "Ann &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html and "<b>Bold" not in html
    assert message["To"].addresses[0].display_name == "Ann <b>Bold</b> & Co"
    assert message.get_body(("plain",)).get_content().startswith("Hello Ann <b>Bold</b> & Co,")


def test_no_send_writes_standard_eml_files_without_smtp_settings(clinic):
    clinic.configure()  # no smtp: at all; From is the clinic's email
    program = clinic.program("Ada Example", "ada@example.com")
    result = clinic.run("email", str(program), "--no-send")
    assert result.exit_code == 0, result.output
    assert "written 1 to" in result.stdout
    [eml] = clinic.files("pending")
    message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    assert message["To"] == "Ada Example <ada@example.com>"
    assert message["From"] == "Test Street Physio <desk@example.com>"
    assert b"\r\n" in eml.read_bytes()  # RFC 5322 line ends
    assert attachment(message)[:5] == b"%PDF-"
    # sending needs smtp:, and says how to set it up
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    assert "clinic.yaml has no smtp: section" in result.stderr
    assert "Traceback" not in result.output


# --- TLS and passwords --------------------------------------------------------------------

def test_starttls_with_the_clinics_own_certificate_authority_and_a_password(
        clinic, servers, ca, tls_context):
    server = servers(tls_context=tls_context, require_starttls=True,
                     authenticator=check_password, auth_require_tls=True)
    ca.cert_pem.write_to_path(str(clinic.root / "clinic-ca.pem"))
    clinic.configure({"port": server.port, "security": "starttls", "username":
                      "desk@example.com", "ca_file": "clinic-ca.pem"})  # beside clinic.yaml
    program = clinic.program("Ada Example", "ada@example.com")
    result = clinic.run("email", str(program), env={"HANDOUTS_SMTP_PASSWORD": SMTP_PASSWORD})
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["ada@example.com"]
    assert SMTP_PASSWORD.encode() not in clinic.everything_written()


def test_implicit_tls(clinic, servers, ca, tls_context):
    server = servers(ssl_context=tls_context)
    ca.cert_pem.write_to_path(str(clinic.root / "ca.pem"))
    clinic.configure({"port": server.port, "security": "ssl", "ca_file": "ca.pem"})
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["ada@example.com"]


def test_an_untrusted_certificate_is_refused_with_a_clear_error(clinic, servers, tls_context):
    server = servers(tls_context=tls_context, require_starttls=True)
    clinic.configure({"port": server.port, "security": "starttls"})  # no ca_file
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 1
    assert "sent 0, failed 1, skipped 0." in result.stdout
    line = next(l for l in result.stderr.splitlines() if l.startswith("failed:"))
    assert "the mail server's certificate is not trusted" in line
    assert "set smtp: ca_file: in clinic.yaml" in line
    assert "Traceback" not in result.output
    assert not server.mailbox.messages
    [record] = clinic.files("pending", "json")
    assert "certificate is not trusted" in json.loads(record.read_text())["reason"]


def test_a_wrong_password_is_refused_and_never_written_anywhere(clinic, servers, ca,
                                                               tls_context):
    server = servers(tls_context=tls_context, require_starttls=True,
                     authenticator=check_password, auth_require_tls=True)
    ca.cert_pem.write_to_path(str(clinic.root / "ca.pem"))
    clinic.configure({"port": server.port, "security": "starttls", "username":
                      "desk@example.com", "ca_file": "ca.pem"})
    wrong = "Wrong-Pass-123"
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")),
                        env={"HANDOUTS_SMTP_PASSWORD": wrong})
    assert result.exit_code == 1
    assert re.search(r"failed: .*: ada@example\.com: the server refused the user name or "
                     r"password \(535 [^)]*\)", result.stderr)
    assert wrong not in result.output
    assert wrong.encode() not in clinic.everything_written()
    assert not server.mailbox.messages and len(clinic.files("pending")) == 1
    # the right one from the environment sends what waited
    result = clinic.run("email", "--retry", env={"HANDOUTS_SMTP_PASSWORD": SMTP_PASSWORD})
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["ada@example.com"]


def test_a_needed_password_missing_is_one_line_before_anything_is_written(clinic):
    clinic.configure({"port": held_port(), "username": "desk@example.com"})
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 1
    assert result.stderr == ("error: the mail server needs the password of desk@example.com: "
                             "set HANDOUTS_SMTP_PASSWORD in the environment (it is never read "
                             "from a file), or run this in a terminal to be asked\n")
    assert not clinic.outbox.exists()


def test_a_password_in_clinic_yaml_is_refused(clinic):
    clinic.configure({"port": 587, "password": "hunter2"})
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    assert "never put the password in a file" in result.stderr
    assert "hunter2" not in result.output


# --- nothing lost, nothing twice ----------------------------------------------------------

def test_email_from_another_clinics_folder_uses_that_clinics_mail_server(clinic, servers,
                                                                          tmp_path,
                                                                          monkeypatch):
    """``--home DIR`` (or HANDOUTS_HOME): the handout and the message are that clinic's, as
    for every other command, and so are the server a later --retry sends through and the
    outbox it reads (in that folder, wherever the command runs)."""
    port = held_port()  # nothing listens there yet: the message waits in the outbox
    clinic.configure({"port": port, "from": "Home Clinic <home@example.com>"},
                     name="Home Clinic")
    program = str(clinic.program("Ada Example", "ada@example.com"))
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")

    def run(*args):
        return CliRunner().invoke(main, ["--home", str(clinic.root), *args],
                                  env={"HANDOUTS_SMTP_PASSWORD": None}, catch_exceptions=False)

    result = run("email", program)
    assert result.exit_code == 1 and f"cannot reach the mail server 127.0.0.1:{port}" \
        in result.stderr
    server = servers(port=port)
    result = run("email", "--retry")
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    assert message["From"] == "Home Clinic <home@example.com>"
    assert "Home Clinic" in pdf_text(attachment(message))
    assert len(clinic.files("sent")) == 1 and not (tmp_path / "elsewhere" / "outbox").exists()


def test_server_down_then_retry_delivers_each_message_once(clinic, servers):
    port = held_port()  # nothing listens there yet
    clinic.configure({"port": port})
    programs = [str(clinic.program(n, e)) for n, e in (
        ("Ada Example", "ada@example.com"), ("Bo Example", "bo@example.com"),
        ("Cy Example", "cy@example.com"))]
    result = clinic.run("email", *programs)
    assert result.exit_code == 1
    assert "sent 0, failed 3, skipped 0." in result.stdout
    assert f"cannot reach the mail server 127.0.0.1:{port}" in result.stderr
    assert f"3 messages wait in {clinic.outbox / 'pending'}/; send them later with " \
        "make_handouts.py email --retry" in result.stderr
    assert len(clinic.files("pending")) == 3
    reasons = [json.loads(p.read_text())["reason"] for p in clinic.files("pending", "json")]
    assert all("cannot reach the mail server" in r for r in reasons)

    server = servers(port=port)
    result = clinic.run("email", "--retry")
    assert result.exit_code == 0, result.output
    assert "sent 3, failed 0, skipped 0." in result.stdout
    assert sorted(server.mailbox.recipients()) == ["ada@example.com", "bo@example.com",
                                                    "cy@example.com"]
    assert not clinic.files("pending") and len(clinic.files("sent")) == 3
    # again: nothing waits, nothing goes twice, and queuing the same handout finds it sent
    assert clinic.run("email", "--retry").stdout == f"nothing waits in {clinic.outbox}/pending/.\n"
    again = clinic.run("email", programs[0])
    assert again.exit_code == 0, again.output
    assert "already sent 1 (not sent again)" in again.stdout
    assert len(server.mailbox.messages) == 3
    results = [a["result"] for a in clinic.audit()]
    assert results.count("sent") == 3 and results.count("failed") == 3


def test_a_batch_delivers_the_rest_when_one_recipient_is_refused(clinic, servers):
    server = servers(Mailbox(refuse={"bob@example.com"}))
    clinic.configure({"port": server.port})
    roster = clinic.roster([
        ("Ada Example", "ada@example.com", "low_back_start", "2026-11-23"),
        ("Bob Example", "bob@example.com", "low_back_start", "2026-11-23"),
        ("Cy Example", "", "low_back_start", "2026-11-23"),
        ("Di Example", "di-at-example.com", "low_back_start", "2026-11-23"),
        ("Ed Example", "ed@example.com", "no_such_protocol", "2026-11-23"),
        ("Flo Example", "flo@example.com", "low_back_start", "2026-11-23"),
    ])
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    assert result.stdout.strip() == "sent 2, failed 2, skipped 2."
    lines = result.stderr.splitlines()
    assert any(re.fullmatch(r"failed: .*today\.csv:3: row 2: bob@example\.com: the server "
                            r"refused the recipient \(550 no such user here\)", l) for l in lines)
    assert any(re.search(r"skipped: .*today\.csv:4: row 3: no email address$", l)
               for l in lines)
    assert any(re.search(r'skipped: .*row 4: di-at-example\.com: "di-at-example\.com" is not an '
                         r"email address$", l) for l in lines)
    assert any(re.search(r'failed: .*row 5: ed@example\.com: .*unknown protocol', l)
               for l in lines), lines
    assert "1 message waits in" in result.stderr
    assert sorted(server.mailbox.recipients()) == ["ada@example.com", "flo@example.com"]
    [waiting] = clinic.files("pending", "json")
    record = json.loads(waiting.read_text())
    assert record["recipient"] == "bob@example.com"
    assert record["reason"] == "the server refused the recipient (550 no such user here)"
    skipped = [a for a in clinic.audit() if a["result"] == "skipped"]
    assert [a["recipient"] for a in skipped] == [None, "di-at-example.com"]


def test_a_100_patient_batch_sends_each_patient_exactly_their_own(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    names = [f"Patient {i:03d} Example" for i in range(1, 101)]
    roster = clinic.roster([(n, f"p{i:03d}@example.com", "low_back_start", "2026-11-23")
                            for i, n in enumerate(names, start=1)])
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "sent 100, failed 0, skipped 0."
    rcpts = server.mailbox.recipients()
    assert sorted(rcpts) == sorted(f"p{i:03d}@example.com" for i in range(1, 101))
    assert len(rcpts) == len(set(rcpts)) == len(server.mailbox.messages)
    for (_, [rcpt], _), message in zip(server.mailbox.messages, server.mailbox.parsed()):
        own = names[int(rcpt[1:4]) - 1]
        assert message["To"].addresses[0].addr_spec == rcpt
        named = set(re.findall(r"Patient \d{3} Example", pdf_text(attachment(message))))
        assert named == {own}
        assert own in message.get_body(("plain",)).get_content()
    # run the same roster again: nothing goes twice
    again = clinic.run("batch", str(roster), "--email")
    assert again.exit_code == 0
    assert "already sent 100" in again.stdout and len(server.mailbox.messages) == 100


def test_a_dropped_connection_is_reopened_once_and_the_batch_goes_on(clinic, servers,
                                                                     monkeypatch):
    from handouts.mail import service as emailing, smtp as sending

    opened = []
    real_open = sending.Connection.open
    monkeypatch.setattr(sending.Connection, "open",
                        lambda self: opened.append(1) or real_open(self))
    server = servers()
    clinic.configure({"port": server.port})
    ws = clinic.ws()
    outbox = Outbox(clinic.outbox)
    queued = [emailing.queue_program(outbox, clinic.program(n, e), ws) for n, e in (
        ("Ada Example", "ada@example.com"), ("Bo Example", "bo@example.com"),
        ("Cy Example", "cy@example.com"))]
    restarted = []

    def restart_after_the_first(outcome):
        if not restarted:  # the server goes away under the open connection, and comes back
            server.stop()
            restarted.append(servers(server.mailbox, port=server.port))

    with outbox.locked():
        outcomes = emailing.send(outbox, queued, ws.clinic, None, progress=restart_after_the_first)
    assert [o.result for o in outcomes] == ["sent"] * 3, outcomes
    assert server.mailbox.recipients() == ["ada@example.com", "bo@example.com",
                                           "cy@example.com"]
    assert len(opened) == 2  # one connection for all, reopened once when it was dropped


def test_changing_the_mail_server_does_not_make_a_sent_handout_new(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Ada Example", "ada@example.com")
    assert clinic.run("email", str(program)).exit_code == 0
    clinic.configure({"port": server.port, "reply_to": "office@example.com", "timeout": 5})
    again = clinic.run("email", str(program))
    assert "already sent 1" in again.stdout and len(server.mailbox.messages) == 1


def test_a_swapped_message_is_not_sent_to_the_wrong_patient(clinic, servers):
    clinic.configure({"port": held_port()})
    a = clinic.program("Ada Example", "ada@example.com")
    b = clinic.program("Bo Example", "bo@example.com")
    assert clinic.run("email", str(a), str(b), "--no-send").exit_code == 0
    first, second = clinic.files("pending")
    data_1, data_2 = first.read_bytes(), second.read_bytes()
    first.write_bytes(data_2)  # each .eml now sits beside the other patient's record
    second.write_bytes(data_1)
    server = servers()
    clinic.configure({"port": server.port})
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    assert "sent 0, failed 2, skipped 0." in result.stdout
    assert "was changed after it was queued" in result.stderr
    assert not server.mailbox.messages


def test_a_patient_without_an_address_is_skipped_with_exit_1(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    result = clinic.run("email", str(clinic.program("Ada Example", None)),
                        str(clinic.program("Bo Example", "bo@example.com")))
    assert result.exit_code == 1
    assert "sent 1, failed 0, skipped 1." in result.stdout
    assert "no email address for this patient" in result.stderr
    assert server.mailbox.recipients() == ["bo@example.com"]


def test_bad_input_is_one_line_never_a_traceback(clinic):
    clinic.configure({"port": held_port()})
    bad = clinic.program("Ada Example", "ada@example.com")
    bad.write_text(bad.read_text().replace("ada@example.com", "ada-at-example"))
    result = clinic.run("email", str(bad), "missing.yaml", "--no-send")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    # the file's problem, its file named once (not "no address", the recipient it lacks)
    assert re.search(r'^failed: [^:]*ada-example\.yaml:\d+: patient\.email: "ada-at-example" '
                     r'is not an email address', result.stderr, re.M)
    assert "failed: missing.yaml: file not found\n" in result.stderr
    assert "no address" not in result.stderr
    assert CliRunner().invoke(main, ["email"]).exit_code == 2  # usage: nothing to do


def test_the_outbox_lets_one_sender_at_a_time(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    with outbox.locked():
        with pytest.raises(HandoutError, match="another make_handouts.py is sending"):
            with outbox.locked(wait=0):
                pass
    with outbox.locked(wait=0):
        pass


# --- encrypted PDFs -----------------------------------------------------------------------

def test_an_encrypted_pdf_opens_with_its_password_and_not_without(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([("Ada Example", "ada@example.com", "low_back_start", "2026-11-23",
                             PDF_PASSWORD),
                            ("Bo Example", "bo@example.com", "low_back_start", "2026-11-23",
                             "")],
                           header=("name", "email", "program", "date", "PDF password"))
    result = clinic.run("batch", str(roster), "--email", "--encrypt",
                        env={"HANDOUTS_PDF_PASSWORD": "the-one-for-the-rest"})
    assert result.exit_code == 0, result.output
    by_rcpt = {m["To"].addresses[0].addr_spec: m for m in server.mailbox.parsed()}
    for rcpt, password in (("ada@example.com", PDF_PASSWORD),
                           ("bo@example.com", "the-one-for-the-rest")):
        message = by_rcpt[rcpt]
        reader = pypdf.PdfReader(io.BytesIO(attachment(message)))
        assert reader.is_encrypted
        assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256
        assert not reader.decrypt("wrong password")
        with pytest.raises(pypdf.errors.PdfReadError):
            reader.pages[0].extract_text()
        reader = pypdf.PdfReader(io.BytesIO(attachment(message)))
        assert reader.decrypt(password)
        assert rcpt[:2].capitalize() in reader.pages[0].extract_text()
        plain = message.get_body(("plain",)).get_content()
        assert "locked with a password" in plain and password not in plain
        assert password.encode() not in server.mailbox.messages[0][2]
    everything = clinic.everything_written()
    assert PDF_PASSWORD.encode() not in everything
    assert b"the-one-for-the-rest" not in everything


def test_encrypt_a_single_program_with_the_password_from_the_environment(clinic):
    clinic.configure()
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")),
                        "--no-send", "--encrypt", env={"HANDOUTS_PDF_PASSWORD": PDF_PASSWORD})
    assert result.exit_code == 0, result.output
    [eml] = clinic.files("pending")
    message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    reader = pypdf.PdfReader(io.BytesIO(attachment(message)))
    assert reader.is_encrypted and reader.decrypt(PDF_PASSWORD)
    no_password = clinic.run("email", str(clinic.program("Bo Example", "bo@example.com")),
                             "--no-send", "--encrypt")
    assert no_password.exit_code == 1
    assert "--encrypt needs a password: set HANDOUTS_PDF_PASSWORD" in no_password.stderr


# --- the web app's button -----------------------------------------------------------------

def test_the_web_apps_email_button_sends_through_the_outbox(clinic, servers, monkeypatch):
    from test_web import Browser, build_pdf

    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    server = servers()
    clinic.configure({"port": server.port})
    ws = clinic.ws()
    b = Browser(create_app(ws, programs_dir=clinic.root / "programs",
                           outbox_dir=clinic.outbox))
    b.get("/")
    page = build_pdf(b, "email")
    assert page.status_code == 200, page.get_data(as_text=True)
    assert "Sent to ada@example.com" in page.get_data(as_text=True)
    assert server.mailbox.recipients() == ["ada@example.com"]
    assert len(clinic.files("sent")) == 1
    # the same handout again is not sent twice
    page = build_pdf(b, "email")
    assert "Already sent to ada@example.com" in page.get_data(as_text=True)
    assert len(server.mailbox.messages) == 1
    # the server refusing: a line above the form, and the message waits for --retry
    server.mailbox.refuse.add("ada@example.com")
    (clinic.outbox / "sent").rename(clinic.outbox / "sent-before")
    page = build_pdf(b, "email")
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Not sent to ada@example.com: the server refused the recipient" in text
    assert len(clinic.files("pending")) == 1


def test_the_web_app_never_asks_for_the_smtp_password(clinic, monkeypatch):
    from test_web import Browser, build_pdf

    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    clinic.configure({"port": held_port(), "username": "desk@example.com"})
    b = Browser(create_app(clinic.ws(), outbox_dir=clinic.outbox))
    b.get("/")
    page = build_pdf(b, "email")
    assert page.status_code == 422
    assert "start the app with HANDOUTS_SMTP_PASSWORD set" in page.get_data(as_text=True)


# --- the clinic's record ------------------------------------------------------------------

def test_what_was_sent_is_recorded_as_emailed_and_nothing_else(clinic, servers, database):
    server = servers(Mailbox(refuse={"bob@example.com"}))
    clinic.configure({"port": server.port})
    program = clinic.program("Ada Example", "ada@example.com")
    assert clinic.run("email", str(program)).exit_code == 0
    roster = clinic.roster([
        ("Bob Example", "bob@example.com", "low_back_start", "2026-11-23"),
        ("Flo Example", "flo@example.com", "low_back_start", "2026-11-23"),
        ("Cy Example", "", "low_back_start", "2026-11-23")])
    assert clinic.run("batch", str(roster), "--email").exit_code == 1  # Bob refused, Cy none
    queued = clinic.program("Di Example", "di@example.com")
    assert clinic.run("email", str(queued), "--no-send").exit_code == 0  # not sent: not issued

    rows = database.rows(clinic.root)
    assert [(r[1], r[6]) for r in rows] == [("Ada Example", "emailed"),
                                            ("Flo Example", "emailed")]
    # the record's id and checksum are those of the very PDF that arrived
    sent = {m["To"].addresses[0].addr_spec: m for m in server.mailbox.parsed()}
    for row, address in zip(rows, ("ada@example.com", "flo@example.com")):
        assert row[0] == sent[address]["X-Handout-Id"]
        assert row[8] == hashlib.sha256(attachment(sent[address])).hexdigest()


def test_the_web_apps_email_button_records_what_it_sent(clinic, servers, database,
                                                       monkeypatch):
    from test_web import Browser, build_pdf

    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    server = servers()
    clinic.configure({"port": server.port})
    b = Browser(create_app(clinic.ws(), programs_dir=clinic.root / "programs",
                           outbox_dir=clinic.outbox))
    b.get("/")
    page = build_pdf(b, "email")
    assert "Sent to ada@example.com" in page.get_data(as_text=True)
    [message] = server.mailbox.parsed()
    assert [(r[0], r[1], r[6]) for r in database.rows(clinic.root)] == [
        (message["X-Handout-Id"], "Ada Example", "emailed")]


def test_the_web_apps_sent_notice_names_a_kept_file_as_the_clinic_knows_it(clinic, servers,
                                                                           monkeypatch):
    """A message a stopped run sent but did not record is recorded by the next send; where
    what was kept of it cannot be read, the "Sent to" notice said so by the server's whole
    path to the file."""
    from test_web import Browser, build_pdf, unescape

    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    server = servers()
    clinic.configure({"port": server.port})
    bob = clinic.program("Bob Example", "bob@example.com")
    assert clinic.run("email", str(bob), "--no-send").exit_code == 0
    [eml] = clinic.files("pending")  # as if the server took it and the run then stopped
    (clinic.outbox / "sent").mkdir(exist_ok=True)
    eml.rename(clinic.outbox / "sent" / eml.name)
    [kept] = (clinic.root / "records" / "unsent").glob("*.json")
    kept.write_bytes(kept.read_bytes()[:40])
    b = Browser(create_app(clinic.ws(), programs_dir=clinic.root / "programs",
                           outbox_dir=clinic.outbox))
    b.get("/")
    text = unescape(build_pdf(b, "email").get_data(as_text=True))
    assert "Sent to ada@example.com" in text
    assert f"records/unsent/{kept.name}: cut short or damaged (not JSON)" in text
    assert str(clinic.root) not in text


def test_a_message_sent_later_by_retry_is_recorded_when_it_goes(clinic, servers, database):
    import stat

    server = servers(Mailbox(refuse={"bob@example.com"}))
    clinic.configure({"port": server.port})
    ada = clinic.program("Ada Example", "ada@example.com")
    bob = clinic.program("Bob Example", "bob@example.com")
    assert clinic.run("email", str(ada), "--no-send").exit_code == 0
    assert clinic.run("email", str(bob)).exit_code == 1  # refused: it waits in pending/
    kept = sorted((clinic.root / "records" / "unsent").glob("*.json"))
    assert len(kept) == 2 and {stat.S_IMODE(k.stat().st_mode) for k in kept} == {0o600}
    assert not (clinic.root / "records" / "handouts.db").exists() or \
        database.rows(clinic.root) == []  # queued is not issued

    # Ada's goes with the retry; Bob's is refused again and stays kept
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    [message] = server.mailbox.parsed()
    rows = database.rows(clinic.root)
    assert [(r[0], r[1], r[6]) for r in rows] == [
        (message["X-Handout-Id"], "Ada Example", "emailed")]
    assert rows[0][8] == hashlib.sha256(attachment(message)).hexdigest()
    [left] = (clinic.root / "records" / "unsent").glob("*.json")
    assert "bob-example" in left.name

    server.mailbox.refuse.clear()
    assert clinic.run("email", "--retry").exit_code == 0
    assert [r[1] for r in database.rows(clinic.root)] == ["Ada Example", "Bob Example"]
    assert not list((clinic.root / "records" / "unsent").glob("*.json"))
