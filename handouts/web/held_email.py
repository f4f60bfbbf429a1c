"""The button beside an email held for an address that looks mistyped ("bo@gmial.com is
right: send it"; see ``email_button.Held``): it says the address is right as typed and sends
the message now, as ``email --confirm NAME`` then ``email --retry`` do from the command line
(``mail.typo_confirm``, the same line in the audit log), then says what happened. The other
way on, the address put right in its box and Email pressed again, withdraws the held one.
"""

from __future__ import annotations

import re

from flask import current_app

from handouts import HandoutError
from handouts.mail import service as emailing
from handouts.mail import typo_confirm
from handouts.mail.outbox import Outbox
from handouts.web.email_button import answer, sender_password
from handouts.web.protocols import shown
from handouts.web.staff_words import page_said as said
from handouts.web.store import Outcome

# a message's name in the outbox (2026-12-07_bo-example_ABCD-EFGH, +digest for a second
# address): what the button posts; anything else is a forged form
NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z_+\-]{0,200}")


def confirm(name: str) -> Outcome:
    """Send the held message ``name`` as typed: its answer on the page, by the Email button
    where it was sent, above the form where it was not."""
    ws = current_app.extensions["handouts"].ws
    try:
        password = sender_password(ws)
        outbox = Outbox(current_app.extensions["handouts.outbox"])
        with outbox.locked():
            try:
                outcome = typo_confirm.confirm_and_send(outbox, name, ws.clinic, password,
                                                        clinic_path=ws.clinic_path)
            finally:  # as the Email button records what went
                noted = shown(emailing.record_sent(outbox, ws.clinic_path, ws.clinic), ws)
        if outcome.result == typo_confirm.GONE:
            raise HandoutError(said("email_held_gone"))
        return Outcome(notice=answer(outcome, noted), where="handout")
    except HandoutError as exc:
        return Outcome(general=[str(p) for p in exc.problems], where="problems")
