"""The web app and an email that may have been sent (README: *Email*): the mail server took
the whole message and never answered, so the line tells the desk to ask the patient, and
the button beside it, "ada@example.com did not get it: send it again", does what
``email --retry --include-uncertain`` does for that one message, then says what happened:
sent (once: the server's mailbox), may have been sent again (the same button again), waits
(the server down: the same button sends it later), already sent meanwhile (never twice) or
no longer there. And a message that waits because the server could not be reached is said
to be sent by pressing Email again, which it is; one whose address the server refused is not
promised so. A real SMTP server on loopback (aiosmtpd), the Flask test client and a real
headless Chromium with axe-core; made-up people."""

from __future__ import annotations

import re

from test_email import servers, clinic  # noqa: F401 (fixtures)
from test_email_once import DropsAfterData
from test_email_refused import RefusesBigData
from test_email_uncertain import given
from test_web import build_pdf, unescape
from test_web_browser import (axe_source, axe_violations, browser_page, chromium,  # noqa: F401
                              press, search)
from test_web_email_held import problems, result
from web_mail import desk, served, web_mail  # noqa: F401 (fixture)

ASK = ("Ask the patient whether it arrived; only if it did not, send it again: ada@example.com "
       "did not get it: send it again")
WAITS = "It waits in the outbox: press Email to patient again later to send it."
NO_COMMAND = ("make_handouts.py", "--retry", "--include-uncertain", "uncertain/", "pending/")


def button(page: str) -> str:
    """The value the button posts (the message's name in the outbox), and only one."""
    [value] = re.findall(r'value="(email_resend:[^"]+)" id="email-resend"', page)
    return value


def may_have_been_sent(b) -> str:
    """Ada's handout emailed to a server that takes it and hangs up unanswered: the page."""
    page = build_pdf(b, "email")
    assert page.status_code == 422
    return page.get_data(as_text=True)


def no_server_words(page: str) -> None:
    said = unescape(page)
    for word in NO_COMMAND:
        assert word not in said, word


def test_the_button_sends_it_again_once_and_a_second_press_says_already_sent(
        clinic, web_mail, database):  # the record in the clinic's folder, the test's own
    server = web_mail(DropsAfterData(every=1))
    b = desk(clinic)
    page = may_have_been_sent(b)
    said = problems(page)
    assert said.startswith("May have been sent to ada@example.com: the mail server "), said
    assert said.endswith(ASK), said
    no_server_words(page)
    [name] = [p.stem for p in clinic.files("uncertain")]
    press_it = button(page)
    assert press_it == f"email_resend:{name}"
    assert server.mailbox.recipients() == ["ada@example.com"]
    # pressing Email again does not send it: never twice unasked
    assert "May have been sent" in problems(may_have_been_sent(b))
    assert server.mailbox.recipients() == ["ada@example.com"]
    server.mailbox.every = 1000  # the server answers from now on
    page = b.post(press_it, b.form())
    assert page.status_code == 200
    assert result(page.get_data(as_text=True)) == "Sent to ada@example.com"
    assert server.mailbox.recipients() == ["ada@example.com"] * 2
    assert [p.stem for p in clinic.files("sent")] == [name] and clinic.files("uncertain") == []
    assert given(clinic, "Ada Example") == ["maybe emailed", "emailed"]
    # the same button pressed again (Back, another tab): already sent, not a third copy
    page = b.post(press_it, b.form())
    assert page.status_code == 200
    assert result(page.get_data(as_text=True)).startswith(
        "Already sent to ada@example.com on "), result(page.get_data(as_text=True))
    assert server.mailbox.recipients() == ["ada@example.com"] * 2
    assert [e["result"] for e in clinic.audit()].count("sent") == 1


def test_dropped_again_it_may_have_been_sent_again_and_the_same_button_is_there(
        clinic, web_mail):
    server = web_mail(DropsAfterData(every=1))
    b = desk(clinic)
    press_it = button(may_have_been_sent(b))
    page = b.post(press_it, b.form())
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert problems(text).startswith("May have been sent to ada@example.com: ")
    assert problems(text).endswith(ASK) and button(text) == press_it
    assert server.mailbox.recipients() == ["ada@example.com"] * 2
    server.mailbox.every = 1000
    page = b.post(press_it, b.form())
    assert result(page.get_data(as_text=True)) == "Sent to ada@example.com"
    assert server.mailbox.recipients() == ["ada@example.com"] * 3


def test_the_server_down_it_waits_and_the_same_button_sends_it_later(clinic, web_mail):
    server = web_mail(DropsAfterData(every=1))
    b = desk(clinic)
    press_it = button(may_have_been_sent(b))
    server.mailbox.every = 1000
    server.stop()  # down: its port refuses the connection
    page = b.post(press_it, b.form())
    assert page.status_code == 422
    said = problems(page.get_data(as_text=True))
    assert said.startswith("Not sent to ada@example.com: cannot reach the mail server "), said
    assert said.endswith("It waits in the outbox: press the Email button again later to send "
                         "it."), said
    no_server_words(page.get_data(as_text=True))
    assert len(clinic.files("pending")) == 1 and server.mailbox.recipients() == [
        "ada@example.com"]
    server.start()
    page = b.post(press_it, b.form())
    assert result(page.get_data(as_text=True)) == "Sent to ada@example.com"
    assert server.mailbox.recipients() == ["ada@example.com"] * 2
    assert clinic.files("pending") == []


def test_one_moved_to_sent_meanwhile_is_not_sent_and_one_gone_is_said_so(clinic, web_mail):
    server = web_mail(DropsAfterData(every=1))
    b = desk(clinic)
    press_it = button(may_have_been_sent(b))
    server.mailbox.every = 1000
    # it came: moved to sent/ as the command line tells whoever runs the server
    (clinic.outbox / "sent").mkdir(exist_ok=True)
    for kept in (clinic.outbox / "uncertain").iterdir():
        kept.rename(clinic.outbox / "sent" / kept.name)
    page = b.post(press_it, b.form())
    assert page.status_code == 200
    assert result(page.get_data(as_text=True)).startswith("Already sent to ada@example.com")
    assert server.mailbox.recipients() == ["ada@example.com"]
    for kept in (clinic.outbox / "sent").iterdir():  # taken out of the outbox altogether
        kept.unlink()
    page = b.post(press_it, b.form())
    assert page.status_code == 422
    assert problems(page.get_data(as_text=True)) == (
        "Nothing was sent: that message is no longer in the outbox to send again: it was "
        "withdrawn or taken out of the outbox meanwhile.")
    assert server.mailbox.recipients() == ["ada@example.com"]


def test_the_button_needs_the_forms_token_and_a_name_of_the_outbox(clinic, web_mail):
    server = web_mail(DropsAfterData(every=1))
    b = desk(clinic)
    press_it = button(may_have_been_sent(b))
    server.mailbox.every = 1000
    assert b.post(press_it, b.form() | {"csrf_token": "forged"}).status_code == 400
    assert b.post("email_resend:../uncertain/x", b.form()).status_code == 400
    assert b.post("email_resend:", b.form()).status_code == 400
    assert server.mailbox.recipients() == ["ada@example.com"]
    assert len(clinic.files("uncertain")) == 1


def test_a_spanish_desk_is_asked_and_sends_it_again_in_spanish(clinic, web_mail):
    server = web_mail(DropsAfterData(every=1), locale="es-ES")
    b = desk(clinic)
    page = may_have_been_sent(b)
    said = problems(page)
    assert said.startswith("Tal vez se envió a ada@example.com: "), said
    assert said.endswith("Pregunte al paciente si le llegó; solo si no le llegó, envíelo de "
                         "nuevo: ada@example.com no lo recibió: enviar de nuevo"), said
    server.mailbox.every = 1000
    page = b.post(button(page), b.form())
    assert result(page.get_data(as_text=True)) == "Enviado a ada@example.com"
    assert server.mailbox.recipients() == ["ada@example.com"] * 2


def test_a_message_that_waits_is_said_to_be_sent_by_pressing_email_again(clinic, web_mail):
    server = web_mail(down=True)
    b = desk(clinic)
    page = build_pdf(b, "email")
    assert page.status_code == 422
    said = problems(page.get_data(as_text=True))
    assert said.startswith("Not sent to ada@example.com: cannot reach the mail server "), said
    assert said.endswith(WAITS), said
    no_server_words(page.get_data(as_text=True))
    server.start()
    page = build_pdf(b, "email")  # as the line says
    assert result(page.get_data(as_text=True)) == "Sent to ada@example.com"
    assert server.mailbox.recipients() == ["ada@example.com"]


def test_a_spanish_desk_is_told_it_waits_in_spanish(clinic, web_mail):
    web_mail(down=True, locale="es-ES")
    page = build_pdf(desk(clinic), "email")
    said = problems(page.get_data(as_text=True))
    assert said.startswith("No se envió a ada@example.com: "), said
    assert said.endswith("Espera en la bandeja de salida: pulse Enviar al paciente otra vez "
                         "más tarde para enviarlo."), said


def test_an_address_the_server_refused_is_not_promised_to_go_by_pressing_again(
        clinic, web_mail):
    server = web_mail()
    server.mailbox.refuse.add("ada@example.com")
    b = desk(clinic)
    page = build_pdf(b, "email")
    assert page.status_code == 422
    said = problems(page.get_data(as_text=True))
    assert said == (
        "Not sent to ada@example.com: the server refused the recipient (550 no such user "
        "here). The mail server does not take this address, so the message will not go as it "
        "is: check the address, put it right and press Email to patient again."), said
    assert "press Email to patient again later" not in said
    assert "It waits" not in said


class RefusesData(RefusesBigData):
    """As RefusesBigData, and a message to ``spam`` refused for its content (554 5.7.1)."""

    spam = ""

    async def handle_DATA(self, server, session, envelope):
        if self.spam in envelope.rcpt_tos:
            return "554 5.7.1 Message rejected: looks like spam"
        return await super().handle_DATA(server, session, envelope)


REFUSED_AGAIN = ("Pressing Email to patient again sends the same message, which the server "
                 "refuses the same way: download the handout and print it for the patient "
                 "instead.")


def test_a_message_refused_for_good_is_not_promised_to_go_by_pressing_again(clinic, web_mail):
    """Over the server's size limit, or refused for its content (a 5xx at its end), the next
    press builds and sends the same message, and it is refused the same way: the desk is
    told to print it, not to press again later. A full mailbox (552 too, but the patient's,
    which they may empty) still waits for a later press."""
    server = web_mail(RefusesData(limit=1000, full="nobody@example.com"))
    said = problems(build_pdf(desk(clinic), "email").get_data(as_text=True))
    assert said.startswith("Not sent to ada@example.com: the mail server refused the message "
                           "as too big (552 5.3.4 Message size exceeds fixed limit): it is "), said
    assert said.endswith(REFUSED_AGAIN) and WAITS not in said, said
    server.mailbox.limit, server.mailbox.spam = 10**9, "ada@example.com"
    said = problems(build_pdf(desk(clinic), "email").get_data(as_text=True))
    assert said == ("Not sent to ada@example.com: the server did not accept the message (554 "
                    f"5.7.1 Message rejected: looks like spam). {REFUSED_AGAIN}"), said
    server.mailbox.spam, server.mailbox.full = "", "ada@example.com"
    said = problems(build_pdf(desk(clinic), "email").get_data(as_text=True))
    assert said == ("Not sent to ada@example.com: the server did not accept the message "
                    f"(552 5.2.2 Mailbox full). {WAITS}"), said
    assert server.mailbox.recipients() == []

def test_the_send_it_again_button_in_chromium(clinic, web_mail, chromium, axe_source,
                                              tmp_path):
    """The line and its button as a desk sees them, axe-core finding nothing on the page;
    pressed once the patient says it did not arrive, it is sent, and the page says so."""
    from playwright.sync_api import expect

    server = web_mail(DropsAfterData(every=1))
    with served(clinic) as base, browser_page(chromium) as page:
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + "/")
        page.fill("#patient_name", "Ada Example")
        search(page, "bridge")
        press(page, "#add-bridge")
        page.fill("#patient_email", "ada@example.com")
        press(page, "#email")
        expect(page.locator("#problems li")).to_contain_text(
            "May have been sent to ada@example.com: ")
        expect(page.locator("#problems li")).to_contain_text(ASK)
        resend = page.locator("#email-resend")
        expect(resend).to_have_text("ada@example.com did not get it: send it again")
        assert axe_violations(page, axe_source) == []
        page.locator("#problems").screenshot(path=str(tmp_path / "maybe-sent.png"))
        server.mailbox.every = 1000
        press(page, "#email-resend")
        expect(page.locator("#handout-result")).to_have_text("Sent to ada@example.com")
        expect(page.locator("#email-resend")).to_have_count(0)
        assert axe_violations(page, axe_source) == []
        assert errors == []
    assert server.mailbox.recipients() == ["ada@example.com"] * 2
