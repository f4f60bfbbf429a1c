"""The web app with a mail server, as the web app's email tests set it up: test_email.py's
clinic folder sending through a real SMTP server on loopback (aiosmtpd, its ``servers``), and
the app on that clinic, its programs folder and outbox the clinic's, at a desk (Flask's test
client, test_web.py's ``Browser``) or served as ``serve`` serves it for a real headless
Chromium (test_web_browser.py's ``running``).

A test module that asks for ``web_mail`` imports it with test_email's ``clinic`` and
``servers``, the fixtures it uses."""

from __future__ import annotations

import pytest

from handouts.web import create_app

from test_email import Mailbox, Server
from test_web import Browser
from test_web_browser import running


@pytest.fixture
def web_mail(clinic, servers, monkeypatch):
    """``web_mail(mailbox=None, down=False, **clinic_settings)``: a mail server for the test
    clinic, and clinic.yaml's ``smtp:`` sending to its port (with ``clinic_settings`` beside
    it, e.g. ``locale="es-ES"``); the clinic's programs folder made. Returns the ``Server``;
    ``down``, it is not started yet (a connection is refused, as by a server that is down)
    until the test calls its ``start()``.

    The app sends without a password: HANDOUTS_SMTP_PASSWORD, where it reads one (as
    ``serve`` was started), is taken out of the environment the tests run in."""
    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    waiting = []

    def start(mailbox: Mailbox | None = None, *, down: bool = False,
              **clinic_settings) -> Server:
        if down:
            server = Server(mailbox or Mailbox())
            waiting.append(server)
        else:
            server = servers(mailbox)
        clinic.configure({"port": server.port}, **clinic_settings)
        (clinic.root / "programs").mkdir(exist_ok=True)
        return server

    yield start
    for server in waiting:  # its port is let go by ``servers``, after this
        server.stop()


def desk(clinic) -> Browser:
    """A Browser on a new web app of the clinic (its programs folder and outbox the
    clinic's), the editor's first page loaded. Another call is another desk."""
    b = Browser(create_app(clinic.ws(), programs_dir=clinic.root / "programs",
                           outbox_dir=clinic.outbox))
    b.get("/")
    return b


def served(clinic):
    """The clinic's web app served as ``serve`` serves it, for Chromium (see ``running``):
    ``with served(clinic) as base:`` its address, while the block runs."""
    return running(clinic.ws(), clinic.root / "programs")
