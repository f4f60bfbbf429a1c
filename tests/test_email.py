"""Email: against a real SMTP server on loopback (aiosmtpd), started by each test.

The messages are parsed back with the standard library's email parser; the attached PDFs with
pypdf. The small test library (tests/web_library) is used, so these tests do not need the
clinic's own exercises.yaml.

Here: the server, the clinic folder and the helpers the other email tests share (by import),
and one patient's message. TLS, passwords and encrypted PDFs: test_email_security.py;
delivery, nothing lost or sent twice: test_email_delivery.py; the web app's button:
test_email_web.py (the web app with this server and clinic, as its tests set it up:
web_mail.py); the clinic's record: test_email_recorded.py.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import socket
import ssl
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
import trustme
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

import handouts as api
from handouts.mail import message as mail
from handouts.cli import main

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
    sock = _reusable()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    _HELD[port] = sock
    return port


def _reusable() -> socket.socket:
    # another socket of this process may bind the port beside it (``_refusing``)
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    return sock


def _refusing(port: int) -> None:
    """The held ``port`` held again by a socket that does not listen, the one that did
    closed: a stopped server's port refuses connections, as a server that is down does.
    (The socket a server listened on took them into its queue and never answered: a client
    waited its whole timeout, 10 s, for a greeting.) Bound beside the old one before that
    is closed, so the port is never free for another process to take."""
    fresh = _reusable()
    fresh.bind(("127.0.0.1", port))
    _HELD.pop(port).close()
    _HELD[port] = fresh


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
            if self.port in _HELD:
                _refusing(self.port)


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
