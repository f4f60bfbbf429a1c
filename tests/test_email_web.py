"""The web app's email button: it sends through the outbox, and never asks for the SMTP
password. A real SMTP server on loopback (aiosmtpd), as in test_email.py."""

from __future__ import annotations

from test_email import held_port
from test_email import servers, clinic  # noqa: F401 (fixtures)
from web_mail import desk, web_mail  # noqa: F401 (fixture)


def test_the_web_apps_email_button_sends_through_the_outbox(clinic, web_mail):
    from test_web import build_pdf

    server = web_mail()
    b = desk(clinic)
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
    from test_web import build_pdf

    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    clinic.configure({"port": held_port(), "username": "desk@example.com"})
    b = desk(clinic)
    page = build_pdf(b, "email")
    assert page.status_code == 422
    assert "start the app with HANDOUTS_SMTP_PASSWORD set" in page.get_data(as_text=True)
