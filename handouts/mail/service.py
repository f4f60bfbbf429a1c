"""Email handouts to patients: program files, roster rows or a built handout → the outbox →
the mail server. Shared by ``make_handouts.py email``, ``batch --email`` and the web app.

    with outbox.locked():
        outcomes = withdraw_replaced(outbox, [queue_program(outbox, "jane.yaml", ws)], ws.clinic)
        outcomes = send(outbox, outcomes, ws.clinic, password, clinic_path=ws.clinic_path)
    headline, lines = run_summary.summary(outcomes, outbox)  # what the user is told

Every message is written to the outbox's pending/ first and sent from there, so a failure
loses nothing and ``--retry`` (``send(..., retry=True)``) finishes the job without sending
anything twice. Nothing here prints or prompts: the shells do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, replace
from email import policy
from pathlib import Path
from typing import Callable, Iterable, Sequence

import handouts as api
from handouts import Clinic, HandoutError, Program, Row, address_refusal, record
from handouts.mail import caregiver_held, records_alone, typo_held
from handouts.mail.earlier import Earlier, found as found_earlier
from handouts.mail import message as mail
from handouts.mail.forgetting import named
from handouts.mail.outbox import Outbox, Record, message_name, patient_digest
from handouts.mail.refusals import PASSWORD_VARIABLE
from handouts.mail.smtp import deliver

SMTP_PASSWORD_VARIABLE = PASSWORD_VARIABLE
PDF_PASSWORD_VARIABLE = "HANDOUTS_PDF_PASSWORD"
NO_ADDRESS = "no email address"
NO_SMTP = ("clinic.yaml has no smtp: section, so nothing can be sent: add smtp: with host, "
           "port, security, username and from (see README, Email), or use --no-send to only "
           "write the messages")


@dataclass(frozen=True)
class Outcome:
    """What became of one patient's message."""

    label: str  # where it came from: a program file, a roster row, "web app"
    recipient: str | None
    # "queued" | "sent" | "already sent" | "failed" | "skipped" | "uncertain" (the server
    # took it but never confirmed: it may have been delivered, and is not sent again) |
    # "repeat" (a roster row the same as an earlier one: its message is the earlier row's)
    result: str
    reason: str | None = None
    name: str | None = None  # the message's name in the outbox
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what else the user must know (two files, one handout)
    # the patient's earlier messages found as it was queued: withdrawn, or waiting too
    earlier: tuple[Earlier, ...] = ()
    untried: bool = False  # failed because an earlier message's failure stopped the rest
    # the roster row it comes from (0 and None: a program file, the web app), by which a
    # run's lines are said in row order (run_summary.by_row)
    number: int = 0
    location: api.Location | None = None
    # when the outbox says it went (already sent), or went whole to a server that never
    # answered (uncertain), in UTC; and for the latter what went wrong then (None: not one
    # an earlier run left): ``reason`` says them in English, and a page in its own words
    at: dt.datetime | None = None
    then: str | None = None
    # its lines name ``recipient``: not a roster row's whose program file gave the address,
    # which the desk did not type on the row (``Row.file_address``)
    shown: bool = True


def queue_built(outbox: Outbox, built: api.Built, ws: api.Workspace, *, label: str,
                program: Program, pdf_password: str | None = None,
                origin: str | None = None, row: record.RowWords | None = None) -> Outcome:
    """Compose the message for a built handout and write it to pending/ (or find it sent).
    ``origin``: what made it (the program file, the roster file; default ``label``): see
    ``withdraw_replaced``. ``row``: the roster row it comes from, which the record's
    notices about the patient name in the roster's words."""
    handout = built.handout
    try:
        to = mail.recipient(handout)
    except HandoutError as exc:
        return skip(outbox, label, mail.address_of(program.patient), str(exc),
                    handout_id=handout.handout_id)
    clinic = ws.clinic
    pdf = mail.protect_pdf(built.pdf, pdf_password) if pdf_password is not None else built.pdf
    message = mail.compose(handout, pdf, built.filename,
                           sender=mail.sender(clinic, source=str(ws.clinic_path),
                                              language=handout.language),
                           reply_to=clinic.smtp.reply_to if clinic.smtp else None,
                           protected=pdf_password is not None)
    name = message_name(handout)
    queued = outbox.queue(name, message.as_bytes(policy=policy.SMTP),
                          Record(handout.handout_id, to, "", source=label,
                                 patient=patient_key(program),
                                 program=program_key(origin or label, handout)),
                          was=message_name(handout, api.counted_before(handout)))
    name = queued.name
    result = "already sent" if queued.already_sent else "queued"
    # the clinic's record keeps it until the server takes it (now, or in a later --retry)
    noted = () if queued.already_sent else record.queued(
        ws, name, record.Issue.of(program, built, row), outbox=os.path.abspath(outbox.root))
    typo = typo_held.held(outbox, [name], clinic).get(name) if result == "queued" \
        and not queued.uncertain and api.address_meant(to) else None
    if typo:
        return _held_for_typo(outbox, label, name, *typo, (*built.warnings, *noted))
    reason = f"on {_local(queued.record.sent, clinic.timezone)}" if queued.already_sent \
        and queued.record.sent else None
    at = _utc(queued.record.sent) if queued.already_sent and queued.record.sent else None
    then = None
    if queued.already_sent:
        outbox.audit("skipped", queued.record, reason="already sent", file=f"{name}.eml")
    if queued.uncertain:
        result = "uncertain"
        tried, then = queued.record.unanswered, queued.record.reason or ""
        at = _utc(tried) if tried else None
        reason = "; ".join(filter(None, [f"tried on {_local(tried, clinic.timezone)}" if tried
                                         else "tried before", then]))
        outbox.audit("skipped", queued.record, reason="may have been sent", file=f"{name}.eml")
    return Outcome(label, to, result, reason, name, (*built.warnings, *noted), at=at, then=then)


def _held_for_typo(outbox: Outbox, label: str, name: str, kept: Record, likely: str,
                   warnings: tuple[str, ...] = ()) -> Outcome:
    """A message to an address that looks mistyped, held in pending/ (``typo_held``)."""
    why = typo_held.reason(kept, likely)
    outbox.audit("skipped", kept, reason=typo_held.reason(kept, likely, logged=True),
                 file=f"{name}.eml")
    said = api.looks_mistyped(kept.recipient, likely)  # the build's warning says no more
    return Outcome(label, kept.recipient, "skipped", why, name,
                   tuple(w for w in warnings if said not in w))


def withdraw_replaced(outbox: Outbox, outcomes: Sequence[Outcome], clinic: Clinic,
                      clinic_path: Path | None = None) -> list[Outcome]:
    """Once a run's messages are queued: withdraw what an earlier run left waiting that
    they replace (the same patient, from the same program file, roster file or web app),
    and say so on the outcome of the message that replaced it. ``clinic``: whose own
    domains, and whose audit log's checked addresses, tell an earlier message held from
    one that goes (``typo_held.held``, as ``send`` tells them). ``clinic_path``: whose
    record lets go of what it kept of each withdrawn one, never sent."""
    found = outbox.withdraw_replaced()
    if clinic_path is not None:
        record.withdrawn(clinic_path, [name for it in found.values() for name in it.withdrawn])
    elsewhere = [name for it in found.values() for name in it.elsewhere]
    held = {name: likely for name, (_, likely)
            in typo_held.held(outbox, elsewhere, clinic).items()} if elsewhere else {}
    out = []
    for o in outcomes:
        if o.name in found:  # said by each shell in its words (earlier.line: the CLI's)
            o = replace(o, earlier=(*o.earlier, *found_earlier(found.pop(o.name), held)))
        out.append(o)
    return out


def program_key(origin: str, handout) -> str:
    """What made a message, as the outbox compares it: where it came from (a program or
    roster file; "web app" for every email the app sends), the visit's date and its
    exercises. A message queued again for the same patient replaces one of the same key
    (an address corrected), never another program: the web app's knee program and its
    shoulder program for one patient, or yesterday's row of a roster exported daily to
    the same file, are both sent."""
    what = json.dumps([handout.date.isoformat(), [e.id for e in handout.exercises]])
    return f"{origin}#{hashlib.sha256(what.encode('utf-8')).hexdigest()[:16]}"


def patient_key(program: Program) -> str:
    """Who a message is for, as the outbox compares it: name, date of birth and clinic
    number, as a digest (the outbox's records hold none of them in plain)."""
    who = program.patient
    return patient_digest(who.name, who.dob, who.number)


def queue_program(outbox: Outbox, path: Path | str, ws: api.Workspace, *,
                  pdf_password: str | None = None, today: dt.date | None = None) -> Outcome:
    label = str(path)
    try:
        program = api.load_program(path, ws)
        built = api.build_handout(program, ws, today=today)
    except HandoutError as exc:
        return fail(outbox, label, None, "; ".join(str(p) for p in exc.problems))
    located = replace(built, warnings=api.in_file(built.warnings, path))  # as build says them
    return queue_built(outbox, located, ws, label=label, program=program,
                       pdf_password=pdf_password, origin=str(Path(path).resolve()))


def queue_rows(outbox: Outbox, rows: Iterable[Row], ws: api.Workspace, *, today: dt.date,
               encrypt: bool = False, pdf_password: str | None = None,
               progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """One message per roster row with an address. A row with no address, or a malformed
    one, is skipped; a row that cannot be built fails; neither stops the others. With
    ``encrypt`` each PDF gets its row's password, else ``pdf_password``."""
    outcomes = []
    seen: dict[tuple, str] = {}  # (message name, address) → the row that made it
    # the same patient and program twice (a booking entered twice): one email, and the desk
    # is told as a printed batch tells it, not that a patient was skipped
    repeats = api.Repeats(one="one email is sent for both", handed=False)
    for row in rows:
        label = str(row.location).rstrip(":")
        address = mail.address_of(row.program.patient) if row.program else row.email
        # whose a line naming no handout is, besides its address (forgetting.named)
        name = row.program.patient.name if row.program else row.name
        if row.program is None and row.file_address:  # said by its row, as the desk typed it
            outcome = fail(outbox, label, None, row.problem)
        elif not address:
            # a caregiver's handout has only the patient's address: said as a program's is
            given = row.program is not None and row.program.patient.caregiver
            outcome = skip(outbox, label, None, mail.NO_CAREGIVER_ADDRESS if given
                           else NO_ADDRESS)
        elif address_refusal(address):
            outcome = skip(outbox, label, address, address_refusal(address), name=name)
        elif row.program is None:
            outcome = fail(outbox, label, address, row.problem, name=name)
        elif encrypt and not (row.password or pdf_password):
            outcome = skip(outbox, label, address, "no PDF password: add a password column to "
                           f"the roster or set {PDF_PASSWORD_VARIABLE}", name=name)
        else:
            try:
                outcome = _queue_row(outbox, row, ws, seen, repeats, today=today, pdf_password=(
                    row.password or pdf_password) if encrypt else None)
            except HandoutError as exc:
                outcome = fail(outbox, label, address, "; ".join(
                    str(p) for p in exc.problems), name=name)
            except Exception as exc:  # one row's surprise must not cost the others theirs
                outcome = fail(outbox, label, address,
                               f"could not be made ({api.fault(exc)}, a fault in handouts: "
                               "report it)", name=name)
        outcome = replace(outcome, number=row.number, location=row.location,
                          shown=not row.file_address)
        outcomes.append(outcome)
        progress and progress(outcome)
    return outcomes


def _queue_row(outbox: Outbox, row: Row, ws: api.Workspace, seen: dict[tuple, str],
               repeats: api.Repeats, *, today: dt.date, pdf_password: str | None) -> Outcome:
    label = str(row.location).rstrip(":")
    handout = api.resolve_row(row, ws, today=today)
    address = mail.address_of(row.program.patient)
    repeat, _ = repeats.check(row.location, row.program, handout)  # rows with an address
    if repeat:
        outbox.audit("skipped", handout_id=handout.handout_id,
                     recipient=address, reason=repeat, source=label)
        return Outcome(label, address, "repeat", repeat, warnings=(repeat,))
    pdf, warnings = api.render_handouts([handout], ws)
    # the same handout to the same address (a handout's id leaves out the address)
    name = (message_name(handout), (address or "").casefold())
    if name in seen:
        return skip(outbox, label, address, f"the same handout as "
                    f"{seen[name]}, which gets the one message", handout_id=handout.handout_id)
    seen[name] = label
    warnings = (*warnings, *filter(None, [row.note]))  # a template's past next visit left out
    return queue_built(outbox, api.Built(handout, pdf, warnings), ws, label=label,
                       program=row.program, pdf_password=pdf_password,
                       origin=str(Path(row.location.file).resolve()) if row.location.file
                       else None, row=record.RowWords.of(row))


def skip(outbox: Outbox, label: str, recipient: str | None, reason: str, *,
         handout_id: str | None = None, name: str | None = None) -> Outcome:
    """A patient who gets no message (no address, or a malformed one): logged and reported.
    ``name``: the patient's, for a line that names no handout (``forgetting.named``)."""
    outbox.audit("skipped", handout_id=handout_id, recipient=recipient, reason=reason,
                 source=label, named=named(name) if name else None)
    return Outcome(label, recipient, "skipped", reason)


def fail(outbox: Outbox, label: str, recipient: str | None, reason: str, *,
         name: str | None = None) -> Outcome:
    """A handout that could not be made (a bad program or row): logged and reported, with
    the patient's ``name`` as ``skip`` has it."""
    outbox.audit("failed", recipient=recipient, reason=reason, source=label,
                 named=named(name) if name else None)
    return Outcome(label, recipient, "failed", reason)


def send(outbox: Outbox, outcomes: Sequence[Outcome], clinic: Clinic, password: str | None,
         *, clinic_path: Path | None = None, retry: bool = False,
         include_uncertain: bool = False,
         progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Send every queued message (and, with ``retry``, everything else pending; with
    ``include_uncertain`` too, the messages that may have been sent), once each. Returns the
    outcomes with "queued" replaced by what happened. ``clinic_path``: the clinic file, by
    whose folder its smtp: settings' files are found, and whose record tells a caregiver's
    message an earlier version addressed to the patient, held in pending/
    (``caregiver_held``)."""
    if clinic.smtp is None:
        raise HandoutError(NO_SMTP)
    if include_uncertain:  # the user has checked: these did not arrive
        for name in outbox.uncertain_names():
            outbox.release_uncertain(name)
    names = [o.name for o in outcomes if o.result == "queued"]
    labels: dict[str, str] = {}
    for o in outcomes:
        if o.name:
            labels.setdefault(o.name, o.label)
    held: dict = {}
    typos: dict = {}
    if retry:
        earlier = [n for n in outbox.pending_names() if n not in labels]
        held = caregiver_held.held(outbox, earlier, clinic_path) if clinic_path else {}
        typos = typo_held.held(outbox, [n for n in earlier if n not in held], clinic)
        names += [n for n in earlier if n not in held and n not in typos]
    deliveries = {}

    def delivered(d):
        deliveries[d.name] = d
        if progress:
            progress(_outcome(d, labels, zone=clinic.timezone))

    deliver(outbox, dict.fromkeys(names), clinic.smtp, password,
            ca_root=Path(clinic_path).parent if clinic_path else None,
            progress=delivered)
    out: list[Outcome] = []
    seen: dict[str, int] = {}  # message name → where its first outcome is in out
    for o in outcomes:
        if o.result == "queued":
            first = deliveries[o.name]
            if o.name in seen and first.result == "sent":  # e.g. two files, one handout
                o = replace(o, result="already sent", reason=f"as {labels[o.name]}")
            elif o.name in seen:  # one message, counted once: failed 1, not failed 2
                at = seen[o.name]
                out[at] = replace(out[at], notes=(*out[at].notes, f"{o.label}: the same "
                                  f"handout as {out[at].label}, which gets the one message"))
                continue
            else:
                o = replace(_outcome(first, labels, o.warnings, zone=clinic.timezone),
                            label=o.label, notes=o.notes, earlier=o.earlier, number=o.number,
                            location=o.location, shown=o.shown)
            seen.setdefault(o.name, len(out))
        out.append(o)
    return out + [_outcome(deliveries[n], labels, zone=clinic.timezone)
                  for n in names if n not in labels] + [
        _held(outbox, name, kept) for name, kept in held.items()] + [
        _held_for_typo(outbox, kept.source or f"{name}.eml", name, kept, likely)
        for name, (kept, likely) in typos.items()] + [
        _alone(outbox, name) for name in (records_alone.names(outbox) if retry else ())]


def _alone(outbox: Outbox, name: str) -> Outcome:
    label, recipient, reason = records_alone.failure(outbox, name)
    return Outcome(label, recipient, "failed", reason, name)


def _held(outbox: Outbox, name: str, kept: Record) -> Outcome:
    why = caregiver_held.reason(outbox, name)
    outbox.audit("skipped", kept, reason=why, file=f"{name}.eml")
    return Outcome(kept.source or f"{name}.eml", kept.recipient, "skipped", why, name)


def _outcome(d, labels, warnings=(), *, zone: str | None = None) -> Outcome:
    label = labels.get(d.name) or (d.record.source if d.record and d.record.source else
                                   f"{d.name}.eml")
    reason, at = d.reason, None
    if d.result == "already sent" and d.record and d.record.sent:
        reason, at = f"on {_local(d.record.sent, zone)}", _utc(d.record.sent)
    return Outcome(label, d.recipient, d.result, reason, d.name, warnings, untried=d.untried,
                   at=at)


def _utc(stamp: str) -> dt.datetime | None:
    """A time the outbox kept (with its offset) in UTC; None for one this did not write."""
    try:
        return dt.datetime.fromisoformat(stamp).astimezone(dt.timezone.utc)
    except ValueError:
        return None


def _local(stamp: str, zone: str | None) -> str:
    """When a message was sent (kept with its offset) as the patient history gives times:
    the clinic's clock (clinic.yaml's ``timezone``, else this computer's), to the minute
    (record.local_time)."""
    when = _utc(stamp)
    if when is None:  # not a time this wrote: as it is
        return stamp
    return record.local_time(when.replace(tzinfo=None), zone)


def record_sent(outbox: Outbox, clinic_path: Path, clinic: Clinic) -> tuple[str, ...]:
    """Record as emailed every message in sent/ whose entry the record still keeps: this
    run's, and any that a run stopped (Ctrl-C, a kill, a power cut) before it recorded them,
    each at the time the server took it; and as *maybe emailed* each in uncertain/, at the
    time it went whole to the server, which never answered. Returns notices. The caller
    holds ``outbox.locked()``: a sender or ``forget`` may be removing what it reads."""
    kept = record.unsent_names(clinic_path)
    sent = [n for n in kept if outbox.is_sent(n)]
    maybe = {n: outbox.unanswered_at(n) for n in kept if outbox.is_uncertain(n)}
    notices = record.delivered(clinic_path, clinic, sent,
                               when={n: outbox.sent_at(n) for n in sent}) if sent else ()
    return (*notices, *(record.unanswered(clinic_path, clinic, maybe) if maybe else ()))
