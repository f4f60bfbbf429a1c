"""The web app's "Email to patient" button ("Email to caregiver" for a caregiver's handout):
queue the handout in the outbox and send it now.

The button shows only when clinic.yaml has ``smtp:``. The SMTP password comes from the
environment only (HANDOUTS_SMTP_PASSWORD when ``serve`` starts); a page never asks for it.
A message the server did not take stays in the outbox, and the next press sends it. One the
server took whole but never answered for may have been sent: the button beside its line
sends it again once the patient says it did not arrive (``resend_email``).
One held for an address that looks mistyped (``mail.typo_held``) is said with its two ways
on, the address put right or sent as typed by the button beside the line (``held_email``).
What became of an earlier message for the same patient (``mail.earlier``: replaced by this
one, waiting too, or held) is said in the staff's words too, one held with its buttons.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import current_app

from handouts import Built, HandoutError, Program, Workspace
from handouts.mail import earlier
from handouts.mail import service as emailing
from handouts.mail import typo_held
from handouts.mail.message import address_of
from handouts.mail.outbox import DEFAULT_OUTBOX, Outbox
from handouts.mail.refusals import address_refused, message_refused
from handouts.web.protocols import shown
from handouts.web.staff_words import page_said as said
from handouts.web.store import Outcome

WEB_APP = "web app"  # what made every message the app queues, as the outbox keeps it


def email_handout(ws: Workspace, program: Program, built: Built, *,
                  outbox_dir: Path = DEFAULT_OUTBOX) -> Outcome:
    """Send ``built.pdf`` to the patient's address, or to the caregiver's where it is given
    to one (``mail.address_of``); return what to show the therapist by the Email button: a
    line in the staff pages' words (what the mail server and the record said as they said
    it), and the buttons of each earlier message of the patient's held for an address that
    looks mistyped."""
    if ws.clinic.smtp is not None and not address_of(program.patient):
        raise HandoutError(said("email_no_caregiver_address" if program.patient.caregiver
                                else "email_no_address"))
    password = sender_password(ws)
    outbox = Outbox(outbox_dir)
    with outbox.locked():
        try:
            [queued] = emailing.withdraw_replaced(outbox, [emailing.queue_built(
                outbox, built, ws, label=WEB_APP, program=program)], ws.clinic, ws.clinic_path)
            if queued.result == "skipped":  # held for an address that looks mistyped?
                _held(outbox, queued, ws.clinic, program)
                raise HandoutError(said("email_not_sent", reason=queued.reason))
            [outcome] = emailing.send(outbox, [queued], ws.clinic, password,
                                      clinic_path=ws.clinic_path)
        finally:  # this one, and any a stopped run left unrecorded
            # a file the record could not read named as the clinic knows it, not by the
            # server's whole path
            noted = shown(emailing.record_sent(outbox, ws.clinic_path, ws.clinic), ws)
    button = said("email_caregiver" if program.patient.caregiver else "email_patient")
    return Outcome(notice=answer(outcome, noted, ws, button=button), where="handout",
                   earlier_held=[
        (e.name, e.record.recipient) for e in outcome.earlier if e.kind == earlier.HELD])


def answer(outcome: emailing.Outcome, noted=(), ws: Workspace | None = None, *,
           button: str = "") -> str:
    """What became of a message sent (or not), as one line in the staff's words; ``noted``:
    what the record said as it recorded it; then what became of the patient's earlier
    messages (``ws``: by whose folders the files that made them are named). HandoutError
    for one not sent (MaybeSent for one that may have been), saying to press ``button``
    (the Email button's own words, where known) again."""
    before = "".join(f" {_earlier(e, ws)}" for e in outcome.earlier)
    to = outcome.recipient
    if outcome.result == "sent":
        return _then("; ".join([said("email_sent", recipient=to), *noted]), before)
    if outcome.result == "already sent":  # where it replaced one held, that one said too
        return _then(said("email_already_sent", recipient=to, when=said(
            "email_sent_on", when=_time(outcome.at)) if outcome.at else
            f" {outcome.reason}" if outcome.reason else ""), before)
    if outcome.result == "skipped":  # its patient is being forgotten meanwhile
        raise HandoutError(said("email_not_sent_to", recipient=to, reason=outcome.reason))
    if outcome.result == "uncertain":  # with the button that sends it again (resend_email)
        raise MaybeSent(said("email_maybe_sent", recipient=to, reason=_tried(outcome)),
                        outcome.name or "", to or "")
    # it waits in pending/, and the next press sends it: not so where the server refused
    # the address itself, which fails the same each time until it is put right, or the
    # message itself (too big, its content), which the next press builds the same
    button = button or said("email_the_button")
    key = ("email_refused" if address_refused(outcome.reason) else
           "email_message_refused" if message_refused(outcome.reason) else "email_waits")
    raise HandoutError(_then(said(key, recipient=to, reason=outcome.reason, button=button),
                             before))


def _earlier(e: earlier.Earlier, ws: Workspace | None) -> str:
    """An earlier message of the patient's, as the page says what became of it: where the
    command line names the outbox's folders and what to do in them, which a front desk
    cannot, the page says it plainly, and names what made it as the clinic knows it."""
    to = e.record.recipient
    if e.kind == earlier.WITHDRAWN:
        return said("email_earlier_replaced", recipient=to)
    source = e.record.source
    row = earlier.roster_row(source)
    if source in ("", WEB_APP):
        made = said("email_earlier_from_app")
    elif row:  # named as the desk knows it, not by the file's line as an error names it
        made = said("email_earlier_from_row", row=row[1],
                    file=shown([row[0]], ws)[0] if ws else row[0])
    else:
        made = said("email_earlier_from_file", file=shown([source], ws)[0] if ws else source)
    if e.kind == earlier.HELD:
        return said("email_earlier_held", source=made, recipient=to, likely=e.likely)
    return said("email_earlier_waits", source=made, recipient=to)


def _then(line: str, after: str) -> str:
    """``line``, then the sentences ``after``: ended as a sentence before them."""
    if not after:
        return line
    ended = line.rstrip().endswith((".", "?", "!"))
    return f"{line}{after}" if ended else f"{line}.{after}"


class Held(HandoutError):
    """The message waits in pending/, held for an address that looks mistyped: the line
    that says so, and the message's ``name`` there, which the page's button sends as typed
    (``held_email``)."""

    def __init__(self, line: str, name: str, recipient: str):
        super().__init__(line)
        self.name, self.recipient = name, recipient

    def said(self) -> Outcome:
        """The line above the form, with its button."""
        return Outcome(general=[str(self)], where="problems", held=self.name,
                       held_to=self.recipient)


class MaybeSent(HandoutError):
    """The mail server took the whole message and never answered, so it may have been
    delivered (the outbox's uncertain/): the line that says so, and the message's ``name``
    there, which the page's button sends again once the patient says it did not arrive
    (``resend_email``); never by itself, nor by pressing Email again."""

    def __init__(self, line: str, name: str, recipient: str):
        super().__init__(line)
        self.name, self.recipient = name, recipient

    def said(self) -> Outcome:
        """The line above the form, with its button."""
        return Outcome(general=[str(self)], where="problems", maybe_sent=self.name,
                       maybe_sent_to=self.recipient)


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
