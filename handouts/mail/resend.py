"""A message that may have been sent (the server took it whole and never answered: it is in
the outbox's uncertain/), sent again once the patient says it did not arrive: the web app's
"ada@example.com did not get it: send it again" button. It does for that one message what
``email --retry --include-uncertain`` does: back to pending/ (``Outbox.release_uncertain``),
then sent (``service.send``), the same lines in the audit log.

    with outbox.locked():
        outcome = send_again(outbox, name, clinic, password, clinic_path=path)

Never twice unasked: one sent meanwhile (another tab, an ``email --retry``) is "already
sent"; one withdrawn or gone from the outbox is ``GONE``. One sent again that did not go
(the server down) waits in pending/, its record still saying it once went unanswered: the
same button sends it then, as pressing Email again would.
"""

from __future__ import annotations

from pathlib import Path

from handouts.mail import service
from handouts.mail.outbox import Outbox
from handouts.mail.service import Outcome
from handouts.mail.typo_confirm import GONE, named, settled

__all__ = ["GONE", "send_again"]


def send_again(outbox: Outbox, name: str, clinic, password: str | None, *,
               clinic_path: Path, label: str = "web app") -> Outcome:
    """Send the message ``name`` (its file's name in uncertain/, without .eml) again, the
    user having checked that it did not arrive; its Outcome ("sent", "failed",
    "uncertain" again, "already sent" or ``GONE``). The caller holds ``outbox.locked()``
    and records what went (``service.record_sent``)."""
    if not named(name):
        return Outcome(label, None, GONE, name=name)  # no file of the outbox's
    if outbox.is_sent(name):  # sent meanwhile: never twice
        return settled(outbox, name, label)
    if outbox.is_uncertain(name):
        outbox.release_uncertain(name)  # as --include-uncertain does: the user has checked
    elif name not in outbox.pending_names() or not _once_unanswered(outbox, name):
        return settled(outbox, name, label)  # not one that may have been sent: not sent
    kept = outbox.record(name)
    [outcome] = service.send(outbox, [Outcome(label, kept.recipient if kept else None,
                                              "queued", name=name)],
                             clinic, password, clinic_path=clinic_path)
    return outcome


def _once_unanswered(outbox: Outbox, name: str) -> bool:
    """Whether the message ``name``, in pending/, once went whole to a server that never
    answered (sent again by this, it did not go): so this button may send it."""
    kept = outbox.readable(name, outbox.pending)
    return bool(kept and kept.unanswered)
