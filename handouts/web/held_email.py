"""The button beside an email held for an address that looks mistyped ("bo@gmial.com is
right: send it"; see ``email_button.Held``): it says the address is right as typed and sends
the message now, as ``email --confirm NAME`` then ``email --retry`` do from the command line
(``mail.typo_confirm``, the same line in the audit log), then says what happened. The other
way on, the address put right in its box and Email pressed again, withdraws the held one.
An earlier message of the patient's held so, which the Email button found as it sent this
one (``email_button``), has that button and one that withdraws it, its address wrong
("bo@gmial.com is wrong: don't send it"), as a message replaced is withdrawn.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from flask import current_app

from handouts import HandoutError
from handouts.mail import service as emailing
from handouts.mail import typo_confirm
from handouts.mail.outbox import Outbox
from handouts.web.email_button import MaybeSent, answer, sender_password
from handouts.web.protocols import shown
from handouts.web.staff_words import page_said as said
from handouts.web.store import Outcome

# a message's name in the outbox (2026-12-07_bo-example_ABCD-EFGH, +digest for a second
# address): what the button posts; anything else is a forged form
NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z_+\-]{0,200}")


def confirm(name: str) -> Outcome:
    """Send the held message ``name`` as typed: its answer on the page, by the Email button
    where it was sent, above the form where it was not."""
    return sent_by_button(lambda outbox, clinic, password, path: typo_confirm.confirm_and_send(
        outbox, name, clinic, password, clinic_path=path), gone="email_held_gone")


def sent_by_button(send: Callable[[Outbox, object, str | None, Path], emailing.Outcome], *,
                   gone: str) -> Outcome:
    """What a button that sends one message of the outbox says (this one, and the one
    beside a message that may have been sent: resend_email): ``send(outbox, clinic,
    password, clinic_path)`` under the outbox's lock, what went recorded as the Email button
    records it, and its answer on the page: by the Email button where it was sent, above
    the form where it was not (with the button that sends it again where it may have been
    sent); the staff's words ``gone`` for one no longer in the outbox."""
    ws = current_app.extensions["handouts"].ws
    try:
        password = sender_password(ws)
        outbox = Outbox(current_app.extensions["handouts.outbox"])
        with outbox.locked():  # as the Email button's: not while another sends
            try:
                outcome = send(outbox, ws.clinic, password, ws.clinic_path)
            finally:  # as the Email button records what went
                noted = shown(emailing.record_sent(outbox, ws.clinic_path, ws.clinic), ws)
        if outcome.result == typo_confirm.GONE:
            raise HandoutError(said(gone))
        return Outcome(notice=answer(outcome, noted), where="handout")
    except MaybeSent as exc:  # with the button that sends it again (resend_email)
        return exc.said()
    except HandoutError as exc:
        return Outcome(general=[str(p) for p in exc.problems], where="problems")


def withdraw(name: str) -> Outcome:
    """Withdraw the held message ``name``, never sent (``typo_confirm.withdraw``: the audit
    log says why): said by the Email button; one no longer held is said so, above the form,
    and left as it is."""
    ws = current_app.extensions["handouts"].ws
    outbox = Outbox(current_app.extensions["handouts.outbox"])
    try:
        with outbox.locked():  # as the Email button's: not while another sends
            outcome = typo_confirm.withdraw(outbox, name, ws.clinic,
                                            clinic_path=ws.clinic_path)
    except HandoutError as exc:
        return Outcome(general=[str(p) for p in exc.problems], where="problems")
    if outcome.result == typo_confirm.WITHDRAWN:
        return Outcome(notice=said("email_withdrawn", recipient=outcome.recipient),
                       where="handout")
    if outcome.result in ("already sent", "uncertain"):  # gone to the server: too late
        return Outcome(general=[said("email_withdraw_too_late", recipient=outcome.recipient)],
                       where="problems")
    return Outcome(general=[said("email_withdraw_gone")], where="problems")
