"""A message held for an address that looks mistyped (``typo_held``), confirmed right as
typed and sent at once: the web app's "bo@gmial.com is right: send it" button. It does what
``email --confirm NAME`` then ``email --retry`` do, for that one message: the same line in
the audit log (``typo_held.confirm``), then the same sending (``service.send``). Or said
to be wrong and withdrawn (``withdraw``: "bo@gmial.com is wrong: don't send it", beside an
earlier message of the patient's, held, that the Email button found).

    with outbox.locked():
        outcome = confirm_and_send(outbox, name, clinic, password, clinic_path=path)
        outcome = withdraw(outbox, name, clinic, clinic_path=path)

A message no longer held is not sent twice: one sent meanwhile (another tab, a --retry
after an ``email --confirm``) is said to be "already sent", one that may have been is
"uncertain", one withdrawn (its address put right and the handout emailed again) or
gone from the outbox is ``GONE``. One confirmed before but not yet sent (the server was
down) is sent now, as a --retry would.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from handouts import record
from handouts.mail import caregiver_held, service, typo_held
from handouts.mail.outbox import Outbox
from handouts.mail.service import Outcome

GONE = "gone"  # an Outcome's result here: in none of pending/, sent/ and uncertain/
WITHDRAWN = "withdrawn"  # ``withdraw``'s: moved to replaced/, never sent
NOT_HELD = "not held"  # ``withdraw``'s: in pending/, no longer held (checked right since)


def confirm_and_send(outbox: Outbox, name: str, clinic, password: str | None, *,
                     clinic_path: Path, label: str = "web app") -> Outcome:
    """Confirm the held message ``name`` (its file's name in pending/, without .eml) as
    right as typed, and send it; its Outcome ("sent", "failed", "uncertain", "already
    sent", "skipped" or ``GONE``). The caller holds ``outbox.locked()`` and records what
    went (``service.record_sent``)."""
    if not named(name):
        return Outcome(label, None, GONE, name=name)  # no file of the outbox's
    if name in typo_held.held(outbox, [name], clinic):
        typo_held.confirm(outbox, name)  # as `email --confirm` says it, in the audit log
    elif name not in outbox.pending_names():
        return settled(outbox, name, label)
    elif caregiver_held.held(outbox, [name], clinic_path):  # held for another reason
        kept = outbox.record(name)
        return Outcome(label, kept.recipient, "skipped",
                       caregiver_held.reason(outbox, name), name)
    kept = outbox.record(name)
    [outcome] = service.send(outbox, [Outcome(label, kept.recipient if kept else None,
                                              "queued", name=name)],
                             clinic, password, clinic_path=clinic_path)
    return outcome


def withdraw(outbox: Outbox, name: str, clinic, *, clinic_path: Path,
             label: str = "web app") -> Outcome:
    """Withdraw the held message ``name``, its address wrong: never sent, the audit log's
    line saying why (``typo_held.withdraw``), the record letting go of it as of one
    replaced. Its Outcome: ``WITHDRAWN``; for one no longer held, ``NOT_HELD`` (left to
    go), or as ``confirm_and_send`` says one sent, maybe sent or ``GONE``. The caller
    holds ``outbox.locked()``."""
    if not named(name):
        return Outcome(label, None, GONE, name=name)
    if name in typo_held.held(outbox, [name], clinic):
        kept = typo_held.withdraw(outbox, name)
        record.withdrawn(clinic_path, [name])
        return Outcome(label, kept.recipient, WITHDRAWN, name=name)
    if name in outbox.pending_names():
        kept = outbox.readable(name, outbox.pending)
        return Outcome(label, kept.recipient if kept else None, NOT_HELD, name=name)
    return settled(outbox, name, label)


def named(name: str) -> bool:
    """Whether ``name`` can be a message's in the outbox: a file's name, none of its folders'
    (a form's forged ``../sent/x``)."""
    return bool(name) and Path(name).name == name and not name.startswith(".")


def settled(outbox: Outbox, name: str, label: str) -> Outcome:
    """What became of a message no longer in pending/: sent, maybe sent, or gone."""
    if outbox.is_sent(name):
        kept = outbox.readable(name, outbox.sent)
        return Outcome(label, kept.recipient if kept else None, "already sent",
                       name=name, at=_utc(outbox.sent_at(name)))
    if outbox.is_uncertain(name):
        kept = outbox.readable(name, outbox.uncertain)
        return Outcome(label, kept.recipient if kept else None, "uncertain",
                       kept.reason if kept else None, name,
                       at=_utc(outbox.unanswered_at(name)),
                       then=(kept.reason or "") if kept else "")
    kept = outbox.readable(name, outbox.replaced)
    return Outcome(label, kept.recipient if kept else None, GONE, name=name)


def _utc(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.timezone.utc)
