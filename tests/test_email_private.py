"""An email that names no exercise: where the PDF is locked with a password, and where the
clinic says so in clinic.yaml (a pelvic-health clinic's "Pelvic floor squeeze and lift" names
the condition as plainly as a protocol's title would, on the mail server and on a phone's
lock screen). Messages composed as they are sent; made-up patients."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

import handouts as api
from handouts.mail import message as mail

from test_email import PDF_PASSWORD, clinic  # noqa: F401 (fixture)


def _bodies(message) -> list[str]:
    return [message.get_body(("plain",)).get_content(),
            message.get_body(("html",)).get_content()]


def _composed(clinic, **compose) -> list[str]:
    ws = clinic.ws()
    built = api.build_handout(api.load_program(clinic.program(
        "Ada Example", "ada@example.com", exercises=["bridge", "cat_camel"]), ws), ws)
    return _bodies(mail.compose(built.handout, built.pdf, built.filename,
                                sender=mail.sender(ws.clinic), **compose))


def test_a_locked_pdf_is_not_read_out_in_the_email_beside_it(clinic):
    # the password keeps the exercises from whoever opens the file; the body listed them
    clinic.configure()
    for body in _composed(clinic, protected=True):
        assert "locked with a password" in body
        for said in ("Bridge", "Cat and camel", "Repeat 5–10 times", "at a glance"):
            assert said not in body, said
        assert "555-0100" in body
    result = clinic.run("email", str(clinic.program("Bo Example", "bo@example.com")),
                        "--no-send", "--encrypt", env={"HANDOUTS_PDF_PASSWORD": PDF_PASSWORD})
    assert result.exit_code == 0, result.output
    [eml] = clinic.files("pending")
    for body in _bodies(BytesParser(policy=policy.default).parsebytes(eml.read_bytes())):
        assert "Bridge" not in body and "locked with a password" in body


def test_a_clinic_can_keep_the_exercises_out_of_every_email(clinic):
    clinic.configure(email_lists_exercises=False)
    for body in _composed(clinic):
        for said in ("Bridge", "Cat and camel", "Repeat 5–10 times", "at a glance"):
            assert said not in body, said
        assert "It is in the file attached to this email" in body and "555-0100" in body
        assert "\n\n\n" not in body  # no gap where the list was
    clinic.configure()  # as every clinic had it: the list, for a patient to read at once
    assert all("Bridge" in body for body in _composed(clinic))
