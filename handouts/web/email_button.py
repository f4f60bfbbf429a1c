"""The web app's "Email to patient" button ("Email to caregiver" for a caregiver's handout):
queue the handout in the outbox and send it now.

The button shows only when clinic.yaml has ``smtp:``. The SMTP password comes from the
environment only (HANDOUTS_SMTP_PASSWORD when ``serve`` starts); a page never asks for it.
A message the server did not take stays in the outbox for ``make_handouts.py email --retry``.
One held for an address that looks mistyped (``mail.typo_held``) is said with its two ways
on, the address put right or sent as typed by the button beside the line (``held_email``).
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import current_app

from handouts import Built, HandoutError, Program, Workspace
from handouts.errors import command
from handouts.mail import service as emailing
from handouts.mail import typo_held
from handouts.mail.message import address_of
from handouts.mail.outbox import DEFAULT_OUTBOX, Outbox
from handouts.web.protocols import shown
from handouts.web.staff_words import page_said as said


def email_handout(ws: Workspace, program: Program, built: Built, *,
                  outbox_dir: Path = DEFAULT_OUTBOX) -> str:
    """Send ``built.pdf`` to the patient's address, or to the caregiver's where it is given
    to one (``mail.address_of``); return one line to show the therapist, in the staff pages'
    words (what the mail server and the record said as they said it)."""
    if ws.clinic.smtp is not None and not address_of(program.patient):
        raise HandoutError(said("email_no_caregiver_address" if program.patient.caregiver
                                else "email_no_address"))
    password = sender_password(ws)
    outbox = Outbox(outbox_dir)
    with outbox.locked():
        try:
            [queued] = emailing.withdraw_replaced(outbox, [emailing.queue_built(
                outbox, built, ws, label="web app", program=program)], ws.clinic_path)
            if queued.result == "skipped":  # held for an address that looks mistyped?
                _held(outbox, queued, ws.clinic, program)
                raise HandoutError(said("email_not_sent", reason=queued.reason))
            [outcome] = emailing.send(outbox, [queued], ws.clinic, password,
                                      clinic_path=ws.clinic_path)
        finally:  # this one, and any a stopped run left unrecorded
            # a file the record could not read named as the clinic knows it, not by the
            # server's whole path
            noted = shown(emailing.record_sent(outbox, ws.clinic_path, ws.clinic), ws)
    return answer(outcome, noted)


def answer(outcome: emailing.Outcome, noted=()) -> str:
    """What became of a message sent (or not), as one line in the staff's words; ``noted``:
    what the record said as it recorded it. HandoutError for one not sent."""
    # the label ("web app: ") goes: the page is the web app
    notes = [note.partition(": ")[2] for note in outcome.notes]
    withdrawn = "".join(f". {note[:1].upper()}{note[1:]}" for note in notes)
    to = outcome.recipient
    if outcome.result == "sent":
        return "; ".join([said("email_sent", recipient=to), *noted, *notes])
    if outcome.result == "already sent":
        return said("email_already_sent", recipient=to, when=said(
            "email_sent_on", when=_time(outcome.at)) if outcome.at else
            f" {outcome.reason}" if outcome.reason else "")
    if outcome.result == "skipped":  # its patient is being forgotten meanwhile
        raise HandoutError(said("email_not_sent_to", recipient=to, reason=outcome.reason))
    if outcome.result == "uncertain":
        raise HandoutError(said("email_maybe_sent", recipient=to, reason=_tried(outcome),
                                command=command("email", "--retry", "--include-uncertain")))
    raise HandoutError(said("email_waits", recipient=to, reason=outcome.reason,
                            command=command("email", "--retry")) + withdrawn)


class Held(HandoutError):
    """The message waits in pending/, held for an address that looks mistyped: the line
    that says so, and the message's ``name`` there, which the page's button sends as typed
    (``held_email``)."""

    def __init__(self, line: str, name: str, recipient: str):
        super().__init__(line)
        self.name, self.recipient = name, recipient


def _held(outbox: Outbox, queued: emailing.Outcome, clinic, program: Program) -> None:
    """Raise Held where ``queued``, skipped, is held for an address that looks mistyped
    (``typo_held``): said in the staff's words with what to do, where the service's line
    named the command line's --confirm and --retry, which a front desk cannot run."""
    found = typo_held.held(outbox, [queued.name], clinic).get(queued.name) \
        if queued.name else None
    if found is None:
        return
    kept, likely = found
    caregiver = bool(program.patient.caregiver)
    raise Held(said("email_held", recipient=kept.recipient, likely=likely,
                    box=said("caregiver_email" if caregiver else "email"),
                    button=said("email_caregiver" if caregiver else "email_patient")),
               queued.name, kept.recipient)


def sender_password(ws: Workspace) -> str | None:
    """The mail server's password, from the environment only; HandoutError, in the staff's
    words, where the clinic has no mail server or the app was started without it."""
    smtp = ws.clinic.smtp
    if smtp is None:
        raise HandoutError(said("email_not_set_up"))
    password = os.environ.get(emailing.SMTP_PASSWORD_VARIABLE) or None
    if smtp.username and password is None:
        raise HandoutError(said("email_needs_password",
                                variable=emailing.SMTP_PASSWORD_VARIABLE))
    return password


def _time(when) -> str:
    """A time the outbox kept as the history page says one: the clinic's clock, its day and
    time as its locale writes them in the staff's language (the service's English "on
    2026-12-05 21:56" stood in a French line)."""
    return current_app.jinja_env.filters["local_time"](when)


def _tried(outcome: emailing.Outcome) -> str:
    """Why a message may have been sent: for one an earlier press left so, when it was
    tried in the staff's words, then what went wrong as the mail code said it."""
    if outcome.then is None:
        return outcome.reason or ""
    tried = said("email_tried_on", when=_time(outcome.at)) if outcome.at else \
        said("email_tried_before")
    return "; ".join(filter(None, [tried, outcome.then]))
