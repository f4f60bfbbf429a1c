"""The record's commands away from the office: where the database cannot be reached,
``find`` and ``reprint`` take a handout made on this computer meanwhile from the pending
journal, and every read says, with why, what to do instead; and what waits on this computer
for a patient (an email not sent yet, a handout not yet in the record), which ``history``
and ``export --last`` say as it is no visit the record shows."""

from __future__ import annotations

import functools
import os

import click

from handouts import HandoutError
from handouts.cli.options import outbox_folder, rerun

WAITS = ("not yet in the record: it waits on this computer (records/pending.json) until the "
         "record can be reached")


def said_away(fn):
    """A read of the record that cannot reach it says what to do, not only why."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from handouts import record

        try:
            return fn(*args, **kwargs)
        except record.Away as away:
            raise HandoutError(away_line(away)) from None

    return wrapper


def away_line(away: BaseException, *, handout_id: str | None = None,
              also: str | None = None, instead: str | None = None) -> str:
    """The one line for a read the database out of reach stopped: why, then what to do
    (``instead``: what to do for this read); ``also``: what else waits for the patient."""
    what = click.get_current_context().info_name
    here = (f"; only the handouts made on this computer since can be found, and none is "
            f"{handout_id}" if handout_id else "")
    todo = instead or ("run it where the record can be reached; before a day away, export "
                       "the programs to start from (export PATIENT --last) and build from "
                       "those files")
    return (f"the record cannot be reached, so {what} cannot read it ({away}){here}: {todo}"
            + (f"; {also}" if also else ""))


def not_sent(ws, name: str, born=None, number: str | None = None, *,
             exact: bool = False) -> str | None:
    """The emails to this patient not sent yet (what the record keeps of each waits in
    records/unsent/ until the mail server takes it), and what to do, by the outbox each
    waits in: those in pending/ are sent with ``email --retry``; those in uncertain/ may
    have reached the patient (the server took them whole and never answered), so the user
    asks first. None if none. Read from this computer's files alone, so said where the
    record is out of reach too. ``exact``: the patient has no other date of birth or
    number (one found in the record), not merely none given to narrow the name down."""
    from handouts import record

    found = [o for o in record.outside(ws, name, dob=born, number=number)
             if not exact or (o.patient.dob, o.patient.number) == (born, number)]
    # by outbox: the handout ids of those that may have gone, and of those not sent
    waiting: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for kept in (k for o in found for k in o.issued if k.unsent):
        folder = kept.outbox or os.path.abspath(outbox_folder(None))
        which = 0 if _may_have_gone(folder, kept) else 2 if _held(ws, folder, kept) else 1
        ids = waiting.setdefault(folder, ([], [], []))[which]
        if kept.handout_id not in ids:
            ids.append(kept.handout_id)
    return "; ".join(filter(None, (_said(name, *ids, folder) for folder, ids in
                                   waiting.items()))) or None


def _held(ws, folder: str, kept) -> bool:
    """Whether the message is held in pending/ for an address that looks mistyped
    (mail.typo_held): ``email --retry`` does not send it."""
    from handouts.mail import typo_held
    from handouts.mail.outbox import Outbox

    return kept.message in typo_held.held(Outbox(folder), [kept.message], ws.clinic)


def _may_have_gone(folder: str, kept) -> bool:
    """Whether the message waits in uncertain/ of ``folder``; one in neither of its folders
    (moved by hand, or the outbox elsewhere now) as the record has it: *maybe emailed*."""
    from handouts.mail.outbox import Outbox

    outbox = Outbox(folder)
    if outbox.is_uncertain(kept.message):
        return True
    return kept.unanswered and not (outbox.pending / f"{kept.message}.eml").exists()


def _said(name: str, maybe: list[str], unsent: list[str], held: list[str],
          folder: str) -> str:
    """What to do with the patient's emails in one outbox: send those not sent; of those
    that may have gone, ask, confirm each that came, then send the rest (``--retry
    --include-uncertain`` sends those not sent too, so one command does for both)."""
    from handouts import record

    def handouts(ids: list[str]) -> str:
        return f"handout{'' if len(ids) == 1 else 's'} {record.listed(ids)}"

    def emails(ids: list[str]) -> str:
        return f"1 email to {name}" if len(ids) == 1 else f"{len(ids)} emails to {name}"

    def not_yet(ids: list[str]) -> str:
        return f"{'is' if len(ids) == 1 else 'are'} not sent yet ({handouts(ids)})"

    confirm = (rerun(f"email --confirm {held[0]}", outbox=folder) if len(held) == 1 else
               f"{rerun('email --confirm ID', outbox=folder)}, ID its handout id")
    said_held = (f"{emails(held)} {'is' if len(held) == 1 else 'are'} held for an address "
                 f"that looks mistyped ({handouts(held)}): put the address right and email "
                 f"{'it' if len(held) == 1 else 'them'} again; if it is right as typed, "
                 f"confirm it with {confirm}, then {rerun('email --retry', outbox=folder)} "
                 "sends it") if held else ""
    if not maybe and not unsent:
        return said_held
    if not maybe:
        return "; ".join(filter(None, (
            f"{emails(unsent)} {not_yet(unsent)}: send {'it' if len(unsent) == 1 else 'them'}"
            f" with {rerun('email --retry', outbox=folder)}", said_held)))
    one = len(maybe) == 1
    said = (f"{emails(maybe)} may have been sent ({handouts(maybe)}: the mail server never "
            f"answered)" + (f" and {len(unsent)} {not_yet(unsent)}" if unsent else ""))
    again = rerun("email --retry --include-uncertain", outbox=folder)
    if one:
        ask = f"if it came, confirm it with {rerun(f'email --confirm {maybe[0]}', outbox=folder)}"
    else:
        ask = (f"confirm each that came with {rerun('email --confirm ID', outbox=folder)}, "
               "ID its handout id")
    rest = (f"then send the rest with {again}" if unsent or not one else
            f"if not, send it again with {again}")
    return "; ".join(filter(None, (f"{said}: ask; {ask}; {rest}", said_held)))


def not_recorded(ws, name: str, born=None, number: str | None = None) -> str | None:
    """What ``export --last`` says where the record is out of reach and handouts of the
    patient's made on this computer are not in it yet (in the pending journal, or set
    aside): the file to start the next visit from is the one the last was made from; None
    if there are none."""
    from handouts import record

    ids = _not_recorded(ws, name, born, number)
    if not ids:
        return None
    one = len(ids) == 1
    return (f"{'the handout' if one else 'the handouts'} made for {name} on this computer "
            f"({record.listed(ids)}) {'is' if one else 'are'} not in the record yet: start "
            f"the next visit from the program file {'it' if one else 'the last'} was made "
            "from, or run export where the record can be reached")


def _not_recorded(ws, name: str, born, number: str | None) -> list[str]:
    """The ids of this patient's handouts kept on this computer and not in the record
    (waiting, or set aside); each once."""
    from handouts import record

    found = record.outside(ws, name, dob=born, number=number)
    return list(dict.fromkeys(k.handout_id for o in found for k in o.issued if not k.unsent))


def find(ws, handout_id: str):
    """Every time the handout was given, from the record, or (out of reach) from the
    pending journal; and a line to say where it was found not yet recorded, else None."""
    from handouts import record

    try:
        return record.find(ws, handout_id), None
    except record.Away as away:
        found = record.find_waiting(ws, handout_id)
        if not found:
            raise HandoutError(away_line(away, handout_id=handout_id)) from None
        return found, WAITS


def reprint(ws, handout_id: str):
    """The handout made again from the record, or (out of reach) from the pending journal;
    and a line to say where it was found not yet recorded, else None."""
    from handouts import record

    try:
        return record.reprint(ws, handout_id), None
    except record.Away as away:
        try:
            return record.reprint_waiting(ws, handout_id), WAITS
        except record.NotInRecord:
            raise HandoutError(away_line(away, handout_id=handout_id)) from None
