"""The web app and an email held for an address that looks mistyped (README: *Email*,
*An address that looks mistyped*): the line that says so gives the two ways on in the page,
the address put right in its box, or the button "bo@gmial.com is right: send it", which
does what ``email --confirm ID`` then ``email --retry`` do for that one message (the same
line in the audit log) and says what happened; a message no longer held (sent meanwhile,
or withdrawn) is said to be so and never sent twice. A real SMTP server on loopback
(aiosmtpd) and a real headless Chromium with axe-core, as test_email_web.py and
test_web_caregiver_email.py; made-up people."""

from __future__ import annotations

import re

from handouts.mail import typo_held

from test_email import servers, clinic  # noqa: F401 (fixtures)
from test_web import Browser, start_program, unescape
from test_web_browser import (axe_source, axe_violations, browser_page, chromium,  # noqa: F401
                              press, search)
from web_mail import desk, served, web_mail  # noqa: F401 (fixture)

HELD = ("Not sent to bo@gmial.com: the address looks mistyped: did you mean bo@gmail.com? Put "
        "the address right in the Email box and press Email to patient again. If you have "
        "checked that bo@gmial.com is right as typed, send it as it is:")


def confirmed(clinic) -> list[dict]:
    """The audit log's lines that say a person checked the address: right as typed."""
    return [e for e in clinic.audit() if e.get("reason") == typo_held.CHECKED]


def problems(page: str) -> str:
    block = page.partition('id="problems"')[2].partition("</ul>")[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", block.partition("<ul>")[2])).split())


def result(page: str) -> str:
    found = re.search(r'id="handout-result"[^>]*>(.*?)</p>', page, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", found.group(1))).split())


def button(page: str) -> str:
    """The value the held message's button posts (its name in the outbox, in the form)."""
    return re.search(r'value="(email_confirm:[^"]+)" id="email-confirm"', page).group(1)


def held_in(b: Browser, address: str = "bo@gmial.com") -> str:
    form = start_program(b, "bridge", name="Bo Example")
    page = b.post("email", form | {"patient_email": address})
    assert page.status_code == 422
    return page.get_data(as_text=True)


def email_held_in_chromium(page, base: str, name: str = "Bo Example") -> None:
    """Bo's program begun in the browser, emailed to an address that looks mistyped."""
    page.goto(base + "/")
    page.fill("#patient_name", name)
    search(page, "bridge")
    press(page, "#add-bridge")
    page.fill("#patient_email", "bo@gmial.com")
    press(page, "#email")


def test_a_held_email_is_sent_as_typed_by_its_button_in_chromium(clinic, web_mail, chromium,
                                                                 axe_source):
    from playwright.sync_api import expect

    server = web_mail()
    with served(clinic) as base, browser_page(chromium) as page:
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        email_held_in_chromium(page, base)
        expect(page.locator("#problems li")).to_contain_text(HELD)
        confirm = page.locator("#email-confirm")
        expect(confirm).to_have_text("bo@gmial.com is right: send it")
        assert server.mailbox.recipients() == [] and len(clinic.files("pending")) == 1
        assert axe_violations(page, axe_source) == []
        press(page, "#email-confirm")
        expect(page.locator("#handout-result")).to_have_text("Sent to bo@gmial.com")
        expect(page.locator("#email-confirm")).to_have_count(0)
        assert axe_violations(page, axe_source) == []
        assert errors == []
    assert server.mailbox.recipients() == ["bo@gmial.com"]
    assert clinic.files("pending") == [] and len(clinic.files("sent")) == 1
    # the audit log says it as `email --confirm` does: checked, right as typed; then sent
    [checked] = confirmed(clinic)
    assert checked["recipient"] == "bo@gmial.com" and checked["result"] == "queued"
    assert checked["file"] == clinic.files("sent")[0].name
    assert [e["result"] for e in clinic.audit()][-1] == "sent"


def test_a_message_withdrawn_meanwhile_is_said_to_be_no_longer_held_in_chromium(
        clinic, web_mail, chromium):
    """The page at one desk still shows the button; at another the address was put right
    and the handout emailed again, which withdrew the held message: the button sends
    nothing, and says why."""
    from playwright.sync_api import expect

    server = web_mail()
    with served(clinic) as base, browser_page(chromium) as page:
        email_held_in_chromium(page, base)
        expect(page.locator("#email-confirm")).to_be_visible()
        other = desk(clinic)  # the other desk: the same program, the address right
        form = start_program(other, "bridge", name="Bo Example")
        sent = other.post("email", form | {"patient_email": "bo@gmail.com"})
        assert "Sent to bo@gmail.com" in sent.get_data(as_text=True)
        assert server.mailbox.recipients() == ["bo@gmail.com"]
        press(page, "#email-confirm")
        expect(page.locator("#problems li")).to_have_text(
            "That message is no longer held, so nothing was sent: its address was put right "
            "and the handout emailed again, or it was taken out of the outbox.")
    assert server.mailbox.recipients() == ["bo@gmail.com"]
    assert confirmed(clinic) == [] and clinic.files("pending") == []


def test_a_message_sent_already_is_not_sent_twice_by_a_second_press(clinic, web_mail):
    """Without JavaScript: the page's form as posted. The button pressed again (Back, or a
    second tab) finds it sent, and says so."""
    server = web_mail()
    b = desk(clinic)
    page = held_in(b)
    assert problems(page) == HELD + " bo@gmial.com is right: send it"
    press_it = button(page)
    sent = b.post(press_it, b.form())
    assert sent.status_code == 200 and result(sent.get_data(as_text=True)) == \
        "Sent to bo@gmial.com"
    again = b.post(press_it, b.form()).get_data(as_text=True)
    assert re.fullmatch(r"Already sent to bo@gmial\.com on .+: this very handout; it was not "
                        r"sent twice", result(again)), result(again)
    assert server.mailbox.recipients() == ["bo@gmial.com"]
    assert len(confirmed(clinic)) == 1 and clinic.files("pending") == []


def test_the_button_needs_the_forms_token_and_a_name_of_the_outbox(clinic, web_mail):
    server = web_mail()
    b = desk(clinic)
    press_it = button(held_in(b))
    forged = b.post(press_it, b.form() | {"csrf_token": "forged"})
    assert forged.status_code == 400
    assert b.post("email_confirm:../sent/x", b.form()).status_code == 400
    assert server.mailbox.recipients() == [] and confirmed(clinic) == []
    assert len(clinic.files("pending")) == 1


def test_the_server_down_the_message_waits_confirmed_for_a_retry(clinic, web_mail):
    """Confirmed, then the mail server does not answer: the page says it waits in the
    outbox, and `email --retry` sends it (the audit log has it as checked)."""
    server = web_mail(down=True)
    b = desk(clinic)
    press_it = button(held_in(b))
    down = b.post(press_it, b.form())
    assert down.status_code == 422
    said = problems(down.get_data(as_text=True))
    assert said.startswith("Not sent to bo@gmial.com: ") and \
        said.endswith("It waits in the outbox: press the Email button again later to send "
                      "it."), said
    assert "make_handouts.py" not in said, said
    assert len(clinic.files("pending")) == 1 and len(confirmed(clinic)) == 1
    server.start()
    result_ = clinic.run("email", "--retry")
    assert result_.exit_code == 0, result_.output
    assert server.mailbox.recipients() == ["bo@gmial.com"] and clinic.files("pending") == []


def test_a_spanish_desk_is_told_and_sends_in_spanish(clinic, web_mail):
    server = web_mail(locale="es-ES")
    b = desk(clinic)
    page = held_in(b)
    assert problems(page) == (
        "No se envió a bo@gmial.com: la dirección parece mal escrita: ¿quiso decir "
        "bo@gmail.com? Corrija la dirección en la casilla Correo electrónico y pulse Enviar "
        "al paciente otra vez. Si comprobó que bo@gmial.com está bien escrita, envíelo tal "
        "cual: bo@gmial.com está bien: enviar")
    sent = b.post(button(page), b.form()).get_data(as_text=True)
    assert result(sent) == "Enviado a bo@gmial.com"
    assert server.mailbox.recipients() == ["bo@gmial.com"] and len(confirmed(clinic)) == 1


def test_a_spanish_desk_sends_it_as_typed_in_chromium(clinic, web_mail, chromium, axe_source):
    from playwright.sync_api import expect

    server = web_mail(locale="es-ES")
    with served(clinic) as base, browser_page(chromium, (390, 844)) as page:  # a phone's width
        email_held_in_chromium(page, base, "Bo Ejemplo")
        expect(page.locator("#problems li")).to_contain_text(
            "No se envió a bo@gmial.com: la dirección parece mal escrita: ¿quiso decir "
            "bo@gmail.com?")
        expect(page.locator("#email-confirm")).to_have_text("bo@gmial.com está bien: enviar")
        assert axe_violations(page, axe_source) == []
        press(page, "#email-confirm")
        expect(page.locator("#handout-result")).to_have_text("Enviado a bo@gmial.com")
    assert server.mailbox.recipients() == ["bo@gmial.com"] and len(confirmed(clinic)) == 1
