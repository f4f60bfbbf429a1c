"""A message's record left in pending/ with no message anywhere in the outbox: one never
written whole (the run stopped between its record and its message), or whose .eml was
removed by hand or by a virus scanner. ``email --retry`` said nothing of it and called the
run done, while ``history`` said it would be sent: it is a failure line instead."""

from __future__ import annotations

from handouts.mail.outbox import Outbox


def names(outbox: Outbox) -> list[str]:
    """The messages whose record waits in pending/ with no message beside it, nor in
    sent/, uncertain/ or replaced/ (a run stopped as it moved one leaves its record
    behind: that one was sent, or may have been)."""
    if not outbox.pending.is_dir():
        return []
    return sorted(p.stem for p in outbox.pending.glob("*.json") if not p.name.startswith(".")
                  and not any((folder / f"{p.stem}.eml").exists() for folder in (
                      outbox.pending, outbox.sent, outbox.uncertain, outbox.replaced)))


def failure(outbox: Outbox, name: str) -> tuple[str, str | None, str]:
    """What is said of the message ``name`` (its roster row or file, its address, why),
    logged as failed."""
    record = outbox.readable(name, outbox.pending)
    reason = (f"pending/{name}.eml, the message, is in no folder of the outbox, so it was "
              f"never sent; queue the handout again, then remove pending/{name}.json")
    outbox.audit("failed", record, reason=reason, file=f"{name}.eml")
    return (record.source if record and record.source else f"{name}.json",
            record.recipient if record else None, reason)
