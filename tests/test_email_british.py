"""An en-GB (or en-IE) clinic's email in its own English: "tick", "Call us on". The email's
fixed sentences were written into the English templates in US English, so a British clinic's
handout said "tick" and its email "check off". Sent to the loopback server test_email.py
starts, and read back."""

from __future__ import annotations

import pytest

from test_email import Clinic, clinic, servers  # noqa: F401  (fixtures)


@pytest.mark.parametrize("locale", ["en-GB", "en-IE"])
def test_a_british_clinics_email_ticks_and_is_called_on(clinic, servers, locale):
    server = servers()
    clinic.configure({"port": server.port}, locale=locale, phone="020 7946 0000")
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    plain = " ".join(message.get_body(("plain",)).get_content().split())
    html = " ".join(message.get_body(("html",)).get_content().split())
    assert message["Subject"] == "Your home exercise programme from Test Street Physio"
    for body in (plain, html):
        assert "check off" not in body and "Call us at" not in body
        assert "It also has a log to tick off each time you exercise." in body
    assert "Questions? Call us on 020 7946 0000." in plain
    assert ('Questions? Call us on <a href="tel:02079460000"' in html
            and "<strong>020 7946 0000</strong></a>." in html)


def test_a_british_carers_email_ticks_off_for_the_child(clinic):
    clinic.configure(locale="en-GB")
    ws = clinic.ws()
    from handouts.mail import message as mail
    import handouts as api
    built = api.build_handout(api.load_program(clinic.program(
        "Sam Example", None, patient={"name": "Sam Example", "caregiver": "Jo Example",
                                       "caregiver_email": "parent@example.com"}), ws), ws)
    message = mail.compose(built.handout, built.pdf, built.filename,
                           sender=mail.sender(ws.clinic))
    plain = " ".join(message.get_body(("plain",)).get_content().split())
    assert "a log to tick off each time Sam does an exercise." in plain


def test_a_us_clinics_email_is_as_it_was(clinic):
    clinic.configure()
    ws = clinic.ws()
    from handouts.mail import message as mail
    import handouts as api
    built = api.build_handout(api.load_program(clinic.program(
        "Ada Example", "ada@example.com"), ws), ws)
    message = mail.compose(built.handout, built.pdf, built.filename,
                           sender=mail.sender(ws.clinic))
    plain = " ".join(message.get_body(("plain",)).get_content().split())
    html = " ".join(message.get_body(("html",)).get_content().split())
    for body in (plain, html):
        assert "It also has a log to check off each time you exercise." in body
    assert "Questions? Call us at 555-0100." in plain
    assert 'Questions? Call us at <a href="tel:555-0100"' in html
