"""The button beside an email that may have been sent ("ada@example.com did not get it: send
it again"; see ``email_button.MaybeSent``): the mail server took the whole message and never
answered, so the desk asks the patient first, and only where it did not arrive presses it.
It sends that one message again now, as ``email --retry --include-uncertain`` does from the
command line (``mail.resend``), then says what happened: sent; may have been sent again (the
same button again); waits (the server down); already sent meanwhile (never twice); or no
longer there. Pressing Email again never sends it: never twice unasked.
"""

from __future__ import annotations

from handouts.mail import resend
from handouts.web.held_email import sent_by_button
from handouts.web.store import Outcome


def send_again(name: str) -> Outcome:
    """Send the message ``name``, which may have been sent, again: its answer on the page,
    by the Email button where it was sent, above the form where it was not (with this
    button again where it may have been sent again)."""
    return sent_by_button(lambda outbox, clinic, password, path: resend.send_again(
        outbox, name, clinic, password, clinic_path=path), gone="email_resend_gone")
