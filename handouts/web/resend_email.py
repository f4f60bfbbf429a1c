"""The button beside an email that may have been sent ("ada@example.com did not get it: send
it again"; see ``email_button.MaybeSent``): the mail server took the whole message and never
answered, so the desk asks the patient first, and only where it did not arrive presses it.
It sends that one message again now, as ``email --retry --include-uncertain`` does from the
command line (``mail.resend``), then says what happened: sent; may have been sent again (the
same button again); waits (the server down); already sent meanwhile (never twice); or no
longer there. Pressing Email again never sends it: never twice unasked.
"""

from __future__ import annotations

from flask import current_app

from handouts import HandoutError
from handouts.mail import resend
from handouts.mail import service as emailing
from handouts.mail.outbox import Outbox
from handouts.web.email_button import MaybeSent, answer, sender_password
from handouts.web.protocols import shown
from handouts.web.staff_words import page_said as said
from handouts.web.store import Outcome


def send_again(name: str) -> Outcome:
    """Send the message ``name``, which may have been sent, again: its answer on the page,
    by the Email button where it was sent, above the form where it was not (with this
    button again where it may have been sent again)."""
    ws = current_app.extensions["handouts"].ws
    try:
        password = sender_password(ws)
        outbox = Outbox(current_app.extensions["handouts.outbox"])
        with outbox.locked():  # as the Email button's: not while another sends
            try:
                outcome = resend.send_again(outbox, name, ws.clinic, password,
                                            clinic_path=ws.clinic_path)
            finally:  # as the Email button records what went
                noted = shown(emailing.record_sent(outbox, ws.clinic_path, ws.clinic), ws)
        if outcome.result == resend.GONE:
            raise HandoutError(said("email_resend_gone"))
        return Outcome(notice=answer(outcome, noted), where="handout")
    except MaybeSent as exc:
        return exc.said()
    except HandoutError as exc:
        return Outcome(general=[str(p) for p in exc.problems], where="problems")
