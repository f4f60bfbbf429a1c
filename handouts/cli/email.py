"""``email``, and the shell of ``batch --email``: passwords from the environment or a prompt,
progress, and the summary. The work is in ``handouts.mail.service``."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import signal
import sys
import threading
from pathlib import Path
from typing import Sequence

import click

import handouts as api
from handouts import HandoutError
from handouts.errors import command
from handouts.cli.options import (email_options, fail_on_user_error, home, open_ws,
                                  outbox_folder, progress_bar, rerun, warn,
                                  workspace_options)

# the mail package is imported by the functions that send, so that `--help` stays fast


@click.command()
@click.argument("programs", nargs=-1, type=click.Path())
@click.option("--retry", is_flag=True, help="Send every message still waiting in the outbox "
              "(none is sent twice).")
@click.option("--include-uncertain", is_flag=True, help="With --retry: also send again the "
              "messages that may have been sent (the server took them but never answered); "
              "ask those patients first.")
@click.option("--confirm", "confirm", multiple=True, metavar="NAME", help="A message in "
              "uncertain/ that the patient says came (NAME: its file there, or its handout "
              "id): moved to sent/, recorded as emailed, never sent again; or one held in "
              "pending/ for an address that looks mistyped, which is right as typed: sent "
              "by the next --retry. Repeatable.")
@email_options
@workspace_options
@fail_on_user_error
def email(programs, retry, include_uncertain, confirm, outbox_dir, no_send, encrypt, **paths):
    """Email each PROGRAM's patient their handout, or (--retry) send what waits in the outbox.

    \b
      make_handouts.py email programs/jane-doe.yaml
      make_handouts.py email --retry
      make_handouts.py email --confirm ABCD-EFGH

    The mail server is clinic.yaml's smtp:; its password comes from HANDOUTS_SMTP_PASSWORD or a
    prompt, never from a file. Exit status 1 if any message failed, was skipped or may have
    been sent (with --retry: while any in uncertain/ may have been; without, they are said).
    """
    if include_uncertain and not retry:
        raise click.UsageError("--include-uncertain goes with --retry")
    if confirm:
        # a handout id as printed, typed without quotes (--confirm 6KBW B2EG): its second
        # half came as a program's name, as find and reprint take it
        if len(confirm) == 1 and len(programs) == 1 and re.fullmatch(
                r"[A-Za-z0-9]{4}", confirm[0]) and re.fullmatch(r"[A-Za-z0-9]{4}", programs[0]):
            confirm, programs = (f"{confirm[0]}-{programs[0]}",), ()
        if programs or retry or no_send or encrypt:
            raise click.UsageError("--confirm goes alone: it sends nothing")
        return run_confirm(confirm, outbox_dir=outbox_folder(outbox_dir),
                           clinic_path=paths["clinic_path"])
    run_email(programs, outbox_dir=outbox_folder(outbox_dir), no_send=no_send, retry=retry,
              include_uncertain=include_uncertain, encrypt=encrypt, **paths)


def smtp_password(clinic: api.Clinic) -> str | None:
    """From HANDOUTS_SMTP_PASSWORD, else a prompt on a terminal; never from a file."""
    from handouts.mail import service as emailing
    from handouts.mail.service import SMTP_PASSWORD_VARIABLE

    if clinic.smtp is None:
        raise HandoutError(emailing.NO_SMTP)
    if not clinic.smtp.username:
        return None
    value = os.environ.get(SMTP_PASSWORD_VARIABLE)
    if value:
        return value
    if sys.stdin.isatty():
        return click.prompt(f"Password for {clinic.smtp.username} at {clinic.smtp.host}",
                            hide_input=True, err=True)
    raise HandoutError(f"the mail server needs the password of {clinic.smtp.username}: set "
                       f"{SMTP_PASSWORD_VARIABLE} in the environment (it is never read from a "
                       "file), or run this in a terminal to be asked")


def pdf_password() -> str:
    """The password for encrypted PDFs: HANDOUTS_PDF_PASSWORD, else asked twice."""
    from handouts.mail.service import PDF_PASSWORD_VARIABLE

    value = os.environ.get(PDF_PASSWORD_VARIABLE)
    if value:
        return value
    if sys.stdin.isatty():
        return click.prompt("Password for the PDF (give it to the patient yourself, not by "
                            "email)", hide_input=True, confirmation_prompt=True, err=True)
    raise HandoutError(f"--encrypt needs a password: set {PDF_PASSWORD_VARIABLE}, or run this "
                       "in a terminal to be asked")


def run_email(programs: Sequence[str], *, outbox_dir: str, no_send: bool, retry: bool,
              include_uncertain: bool, encrypt: bool, library_path: str | None,
              clinic_path: str | None) -> None:
    from handouts.mail import records_alone, service as emailing
    from handouts.mail.outbox import Outbox
    from handouts.mail.sender_lock import Busy

    if not programs and not retry:
        raise click.UsageError("give PROGRAM files, or --retry to send what waits in the outbox")
    if retry and no_send:
        raise click.UsageError("--retry sends; it does not go with --no-send")
    if encrypt and not programs:
        raise click.UsageError("--encrypt goes with PROGRAM files (a queued message is "
                               "sent as it was written)")
    if programs:
        # a file named twice (a.yaml ./a.yaml) is one patient's one message, counted once
        unique: dict[str, str] = {}
        for program in programs:
            unique.setdefault(os.path.abspath(program), program)
        programs = list(unique.values())
        ws = open_ws(library_path, clinic_path)
        clinic, clinic_file = ws.clinic, ws.clinic_path
    else:  # --retry alone needs only the clinic's smtp: settings (--home's clinic's too)
        clinic_file, clinic = _clinic_alone(clinic_path)
    outbox = Outbox(outbox_dir)
    if not programs and not outbox.pending_names() and not records_alone.names(outbox) \
            and not (include_uncertain and outbox.uncertain_names()):
        # what a stopped run left, under the lock as every sender records: unlocked, it
        # could write back a kept entry that a sender or forget just removed. A sender
        # holding it records all this at its own end
        with contextlib.suppress(Busy), outbox.locked(wait=0):
            warn(emailing.record_sent(outbox, clinic_file, clinic))
        click.echo(f"nothing waits in {outbox.pending}/.")
        if _still_uncertain(outbox, set()):
            sys.exit(1)
        return
    password = _check_sender(clinic, clinic_file, no_send)
    pdf_pw = pdf_password() if encrypt else None
    outcomes: list = []
    with _stoppable(outbox), outbox.locked(), _recorded(outbox, clinic_file, clinic) as told:
        try:
            for program in programs:
                outcomes.append(emailing.queue_program(outbox, program, ws,
                                                       pdf_password=pdf_pw))
        finally:  # stopped or not, what was queued replaces what it should
            outcomes = emailing.withdraw_replaced(outbox, outcomes, clinic, clinic_file)
        if not no_send:
            outcomes = emailing.send(outbox, outcomes, clinic, password,
                                     clinic_path=clinic_file, retry=retry,
                                     include_uncertain=include_uncertain,
                                     progress=_say_sent)
    done = report(outcomes, outbox, told)
    # an earlier run's, which no run sends by itself; this run's are in its report. Said
    # after a PROGRAM's run too, where a therapist emailing the next patient hears of it;
    # only --retry, whose job is the outbox, exits 1 for it (README: *Email*)
    waiting = _still_uncertain(outbox, {o.name for o in outcomes})
    if (retry and waiting) or not done:
        sys.exit(1)


def _clinic_alone(clinic_path: str | None) -> tuple[Path, api.Clinic]:
    """The clinic file (--clinic, else --home's or the default) and the clinic, for what
    needs no library: --retry, --confirm."""
    clinic_file = Path(clinic_path) if clinic_path else \
        (home() or api.ROOT) / api.DEFAULT_CLINIC.name
    return clinic_file, api.load_clinic(clinic_file)


def run_confirm(given: Sequence[str], *, outbox_dir: str, clinic_path: str | None) -> None:
    """``email --confirm``: each message named, which its patient says came, to sent/ and
    into the record as emailed. A name not in uncertain/ is said (exit status 1); the
    others are confirmed all the same."""
    from handouts.mail import service as emailing
    from handouts.mail import settling, typo_held
    from handouts.mail.outbox import Outbox

    clinic_file, clinic = _clinic_alone(clinic_path)
    outbox = Outbox(outbox_dir)
    unknown, several = [], {}
    with _stoppable(outbox), outbox.locked():
        try:
            for each in dict.fromkeys(given):
                names = settling.find_uncertain(outbox, each)
                typos = [] if names else typo_held.find(outbox, each, clinic)
                if len(typos) == 1:  # held for an address that looks mistyped: it is right
                    record = typo_held.confirm(outbox, typos[0])
                    click.echo(f"confirmed: {typos[0]}.eml to {record.recipient}: the "
                               "address is right as typed; it goes with the next "
                               f"{command('email', '--retry')}")
                    continue
                folder = outbox.uncertain if names else outbox.pending
                names = names or typos
                if len(names) > 1:  # one handout to two addresses: which one came?
                    several[each] = (folder, [(n, outbox.readable(n, folder)) for n in names])
                if len(names) != 1:
                    unknown.append(each)
                    continue
                [name] = names
                record = settling.confirm(outbox, name)
                to = f" to {record.recipient}" if record else ""
                click.echo(f"confirmed: {name}.eml{to}: moved to {outbox.sent}/ and recorded "
                           "as emailed; it is not sent again")
        finally:  # stopped or not, what was moved is in the record
            warn(emailing.record_sent(outbox, clinic_file, clinic))
    for each in unknown:
        if each in several:
            folder, found = several[each]
            files = ", ".join(f"{n}.eml" + (f" (to {r.recipient})" if r else "")
                              for n, r in found)
            which = "that came" if folder == outbox.uncertain else "whose address is right"
            click.echo(f"error: {each}: {len(found)} messages in {folder}/ have this handout "
                       f"id (one handout to {len(found)} addresses): give the name of the "
                       f"file {which}: {files}", err=True)
            continue
        click.echo(f"error: {each}: no message in {outbox.uncertain}/, nor one held in "
                   f"{outbox.pending}/ for an address that looks mistyped, has this name or "
                   "handout id; give the name of a file there, or its handout id", err=True)
    _still_uncertain(outbox, set())
    if unknown:
        sys.exit(1)


def _still_uncertain(outbox, told: set) -> bool:
    """Say the messages in uncertain/ that are not among ``told``, if any: each may not have
    reached its patient, so a script is not told that all is done (exit status 1) until a
    person settles it (README: *Email*). For ``email`` and ``batch --email`` alike."""
    maybe = sorted(set(outbox.uncertain_names()) - told)
    if maybe:
        from handouts.mail.run_summary import settle

        one = len(maybe) == 1
        click.echo(f"{len(maybe)} message{'' if one else 's'} in {outbox.uncertain}/ may have "
                   f"been sent: {settle(maybe)}", err=True)
    return bool(maybe)


def run_batch_email(rows, ws, *, today: dt.date, outbox_dir: str, no_send: bool,
                    encrypt: bool, quiet: bool, roster: str = "the roster") -> None:
    from handouts.mail import service as emailing
    from handouts.mail.outbox import Outbox

    password = _check_sender(ws.clinic, ws.clinic_path, no_send)
    pdf_pw = None
    if encrypt:
        if any(not r.password for r in rows):
            pdf_pw = pdf_password()
    elif any(r.password for r in rows):
        click.echo("warning: the roster has passwords but --encrypt was not given: the PDFs "
                   "are sent without a password", err=True)
    outbox = Outbox(outbox_dir)
    show = not quiet and sys.stderr.isatty()
    with _stoppable(outbox, roster) as stop, outbox.locked(), \
            _recorded(outbox, ws.clinic_path, ws.clinic) as told:
        outcomes: list = []
        stop.rows = len(rows)

        def written(_outcome) -> None:
            stop.written += 1
            bar.update(1)

        try:
            with progress_bar(show, len(rows) if show else 0, "Writing") as bar:
                outcomes = emailing.queue_rows(outbox, rows, ws, today=today,
                                               encrypt=encrypt, pdf_password=pdf_pw,
                                               progress=written)
        finally:  # stopped or not, what was queued replaces what it should
            outcomes = emailing.withdraw_replaced(outbox, outcomes, ws.clinic,
                                                 ws.clinic_path)
        if not no_send:
            queued = sum(o.result == "queued" for o in outcomes)
            with progress_bar(show, queued, "Sending") as bar:
                outcomes = emailing.send(outbox, outcomes, ws.clinic, password,
                                         clinic_path=ws.clinic_path,
                                         progress=lambda _o: bar.update(1))
    done = report(outcomes, outbox, told)
    _still_uncertain(outbox, {o.name for o in outcomes})  # an earlier run's, as email says
    if not done:
        sys.exit(1)


def _check_sender(clinic: api.Clinic, clinic_file: Path, no_send: bool) -> str | None:
    """Fail before anything is written: a From address, and the SMTP password if sending."""
    from handouts.mail import message as mail

    mail.sender(clinic, source=str(clinic_file))
    return None if no_send else smtp_password(clinic)


def _say_sent(outcome) -> None:
    if outcome.result == "sent":
        click.echo(f"sent to {outcome.recipient} ({outcome.label})")


@contextlib.contextmanager
def _recorded(outbox, clinic_file: Path, clinic: api.Clinic):
    """Record what the server took as the block ends, stopped or not, into the list it
    gives: the report says each notice at the roster row it names. A run stopped gets no
    report, so they are said at once."""
    from handouts.mail import service as emailing

    told: list[str] = []
    try:
        yield told
    except BaseException:
        warn(emailing.record_sent(outbox, clinic_file, clinic))
        raise
    told += emailing.record_sent(outbox, clinic_file, clinic)


def report(outcomes: Sequence, outbox, notices: Sequence[str] = ()) -> bool:
    """Print a line for each message not sent, the warnings and the record's ``notices``
    (a roster's in row order), then the summary, last; whether all is done."""
    from handouts.mail import run_summary

    headline, lines = run_summary.summary(outcomes, outbox, notices)
    for line in lines:
        click.echo(line, err=True)
    click.echo(headline + ".")
    return run_summary.ok(outcomes)


class _stoppable:
    """Ctrl-C: what was written stays pending, and nothing is half-written. A closed
    terminal (SIGHUP) or a ``kill`` (SIGTERM) stops it the same way, so the message being
    sent is settled and what went out is recorded, rather than the process just ending."""

    def __init__(self, outbox, roster: str = "the roster"):
        self.outbox = outbox
        self.before: dict[signal.Signals, object] = {}
        self.uncertain: set[str] = set()
        # a roster's rows: how many, and how many were written to the outbox so far (a
        # stop before the last is written leaves the rest in no folder at all)
        self.roster, self.rows, self.written = roster, 0, 0

    def __enter__(self):
        self.uncertain = set(self.outbox.uncertain_names())
        if threading.current_thread() is threading.main_thread():
            for name in ("SIGTERM", "SIGHUP"):
                if hasattr(signal, name):
                    number = getattr(signal, name)
                    self.before[number] = signal.signal(number, signal.default_int_handler)
        return self

    def __exit__(self, kind, exc, tb):
        for number, handler in self.before.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if kind is KeyboardInterrupt:
            click.echo(f"\nstopped: anything not sent waits in {self.outbox.pending}/; send it "
                       f"with {rerun('email --retry', self.outbox.root)}", err=True)
            unwritten = self.rows - self.written
            if unwritten > 0:  # --retry sends what was written: these it has never seen
                click.echo(f"{unwritten} of the {self.rows} rows of {self.roster} were not "
                           "written yet, and wait nowhere: run the same batch command again "
                           "for them (a row written or sent already is not again)", err=True)
            # not pending, and the summary is not printed: one the server had in full as it
            # stopped (or an earlier run was sending) may have gone, as the summary says
            maybe = sorted(set(self.outbox.uncertain_names()) - self.uncertain)
            if maybe:
                from handouts.mail.run_summary import settle

                one = len(maybe) == 1
                click.echo(f"{len(maybe)} message{'' if one else 's'} may have reached "
                           f"{'its patient' if one else 'their patients'} and "
                           f"wait{'s' if one else ''} in {self.outbox.uncertain}/: "
                           f"{settle(maybe)}", err=True)
            sys.exit(130)
        if kind is not None and issubclass(kind, OSError):
            raise HandoutError(f"{exc.filename or self.outbox}: cannot write: "
                               f"{exc.strerror or exc}") from None
        return False
