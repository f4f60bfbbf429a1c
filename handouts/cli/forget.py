"""``forget``: a patient removed from the record and the outbox. The work is in
``handouts.record`` and ``handouts.mail.forgetting``; this says what was done, and what was
not.

The outbox is changed only while no sender holds it. When one does (a batch sending), the
record is cleaned first and forget waits for the sender, which sends none of the patient's
messages meanwhile; stopped while it waits (Ctrl-C, a closed terminal), forget says what is
left, and that running it again finishes it."""

from __future__ import annotations

import contextlib
import signal
import threading

import click

from handouts import HandoutError
from handouts.cli.options import (fail_on_user_error, iso_date, open_ws, rerun,
                                  outbox_folder, warn, workspace_options)
from handouts.cli.record import chosen, one_patient, patient_options
from handouts.errors import listed


@click.command()
@click.argument("patient")
@patient_options
@click.option("--outbox", "outbox_dir", type=click.Path(file_okay=False),
              help="The outbox their emails are in, as email and serve use it (default: "
                   "outbox/, in the --home folder if one is given).")
@click.option("--yes", is_flag=True, help="Do not ask before removing.")
@workspace_options
@fail_on_user_error
def forget(patient, dob, number, patient_id, outbox_dir, yes, library_path, clinic_path):
    """Remove a patient's records: the patient, every program version, every handout issued,
    and their emails in the outbox (the audit log keeps its lines, without their name and
    address).

    \b
      make_handouts.py forget "Jane Doe" --number 4512
    """
    from handouts import record
    from handouts.mail import forgetting
    from handouts.mail.outbox import Outbox
    from handouts.mail.sender_lock import Busy

    ws = open_ws(library_path, clinic_path)
    outbox = Outbox(outbox_folder(outbox_dir))
    born = iso_date(dob, "--dob", "1961-04-30", ws.clinic.day_first)
    down = None
    try:
        person = one_patient(ws, patient, dob, number, patient_id, outside=True)
    except record.Unavailable as exc:
        # the database out of reach: the records kept outside it are removed all the same
        # (the pending journal would bring them in once it answers), and the rest is said
        elsewhere = [] if patient_id is not None else record.outside(
            ws, patient, dob=born, number=number)
        if not elsewhere:
            raise
        person, down = chosen([o.patient for o in elsewhere], patient), exc
    except HandoutError:
        # a forget stopped while it waited for the outbox: the record has them no more; or
        # one the record no longer has (a restore put back a copy made before them) whose
        # emails the outbox still keeps, and the copies of the record maybe too
        if patient_id is not None or not (
                forgetting.unfinished(outbox, patient, born, number)
                or forgetting.find(outbox, forgetting.Who(patient, born, number))):
            raise
        person = record.Patient(None, patient, born, number)
    # before anything is removed: a folder of the record's copies out of reach stops it here
    asked = record.to_forget(ws, person)
    visits = record.visits(ws, person) if person.id is not None else ()
    who = forgetting.Who.of(person, visits)
    if not yes:
        with _unchanged(outbox, person):
            found = forgetting.find(outbox, who)
        click.confirm(f"Remove {asked}{f'; and {found}' if found else ''}?", abort=True,
                      err=True)
    waited = False  # the record's part done and said first, as a sender held the outbox
    with contextlib.ExitStack() as outbox_held:
        holding = None
        if outbox.root.is_dir():
            # a sender running meanwhile sends none of theirs it has not begun
            holding = outbox_held.enter_context(forgetting.held(outbox, who))
            try:
                outbox_held.enter_context(outbox.locked(wait=0))
            except Busy:  # a batch sending: the record now, the outbox once it is done
                holding.keep = waited = True  # until then, none of theirs is sent
                _record_part(ws, person, down)
                click.echo(f"waiting for the make_handouts.py sending from {outbox.root}/ to "
                           f"finish, to remove {person.name} from it; it sends none of their "
                           "messages meanwhile", err=True)
                _wait_for(outbox_held, outbox, person, patient, dob, number)
        with _unchanged(outbox, person, waited, patient, dob, number):
            gone = forgetting.forget(outbox, who)
        if holding is not None:
            holding.keep = False
        try:
            if waited:  # what was recorded of them while forget waited
                _since(ws, person, {handout_id for _, handout_id in gone.went},
                       None if down is not None else _again(outbox, patient, dob, number))
            else:
                _record_part(ws, person, down)
        finally:  # said even when the record could not all be changed
            if gone:
                click.echo(f"removed {gone}")
            for line in gone.under_way(person.name):
                click.echo(line)
    others = record.other_clinics(ws) if down is None else []
    if others:  # what waits at another clinic of the group would bring them back
        warn([f"{listed(others)} also {'use' if len(others) > 1 else 'uses'} this "
              f"record: {person.name} is gone from it for every clinic, but each keeps its "
              "own outbox and records waiting for the database (records/pending.json, "
              "records/unsent/); run forget there too, or what waits there brings them "
              "back (where nothing of theirs waits, it says there is no such patient)"])
    warn(_paper(person.name, visits))
    if down is not None:
        # a database made by a newer version answers: it is this computer that must change
        when = "handouts is updated here" if isinstance(down, record.Newer) else "it answers"
        raise HandoutError(f"{down}; {person.name} may be in the record too: run forget "
                           f"again once {when}")


@contextlib.contextmanager
def _unchanged(outbox, person, removed: bool = False, *typed):
    """The outbox could not be read or changed: what that leaves, and what to do."""
    try:
        yield
    except HandoutError as exc:
        if not removed:
            raise HandoutError(f"{exc}; nothing was removed from the record: run forget "
                               "again once it can be written") from None
        raise HandoutError(f"{exc}, though they are removed from the record (none of their "
                           "emails is sent while they wait); once it can be written, run: "
                           f"{_again(outbox, *typed)}") from None


def _record_part(ws, person, down) -> None:
    """The patient removed from the record, and said; a sender that was sending as forget
    began may have recorded them in the database since they were looked up."""
    from handouts import record

    if person.id is None and down is None:
        person = _in_database(ws, person) or person
    click.echo(f"removed {record.forget(ws, person)}")


def _since(ws, person, went: set[str], again_command: str | None) -> None:
    """After the wait: what was recorded of the patient meanwhile goes too, in the database
    and outside it (a handout made while the database was down waits in pending.json; an
    email queued meanwhile is kept in unsent/): either would bring them back. The email a
    sender was sending as forget began (``went``: the ids of those the outbox says went) is
    recorded as it goes, and is said with the outbox; any other handout was made for them
    meanwhile (a build, the web app), perhaps at a new visit, and is said apart: a person
    must know that it is gone. A database that answered before the wait and not after
    (``again_command``: what finishes the job; None: forget says so at its end already) is
    a HandoutError, once what is outside it is removed."""
    from handouts import record

    said = None
    try:
        again = _in_database(ws, person, or_none=False)
    except record.Unavailable as down:
        again = None
        when = "handouts is updated here" if isinstance(down, record.Newer) else "it answers"
        said = again_command and (f"{down}, so forget could not check whether anything was "
                                  f"recorded of {person.name} there while it waited; once "
                                  f"{when}, run: {again_command}")
    try:
        _removed_since(ws, person, went, again)
    except HandoutError as exc:
        if said:
            raise HandoutError(f"{exc}; and {said}") from None
        raise
    if said:
        raise HandoutError(said)


def _removed_since(ws, person, went: set[str], again) -> None:
    """``_since``'s work, with the patient as the database has them after the wait (None:
    not there, or it cannot be reached)."""
    from handouts import record

    kept = [o for o in record.outside(ws, person.name, dob=person.dob, number=person.number)
            if (o.patient.dob, o.patient.number) == (person.dob, person.number)]
    if again is None and not kept:
        return
    made = [] if again is None else [
        f"{h.handout_id} {h.how}" for visit in record.visits(ws, again) for h in visit.handouts
        if not (h.channel == "emailed" and h.handout_id in went)]
    made += [f"{k.handout_id} {k.how}" for o in kept for k in o.issued
             if not (k.channel == "emailed" and k.handout_id in went)]
    # the database's forget removes them outside it too; without it, outside alone
    gone = record.forget(ws, again or record.Patient(None, person.name, person.dob,
                                                     person.number))
    click.echo(f"removed {gone} (recorded while forget waited)")
    if made:
        one = len(made) == 1
        which = record.listed(made)
        warn([f"{'a handout' if one else f'{len(made)} handouts'} made for {person.name} "
              f"while forget waited ({which}) {'was' if one else 'were'} removed too; make "
              f"{'it' if one else 'them'} again if they are still your patient"])


def _paper(name: str, visits) -> list[str]:
    """The PDFs made for the patient, which forget cannot reach: the record keeps no path
    of a file written, a merged print file or a download (README: what forget removes), so
    the person is told what to look for. An email's copy is the outbox's, removed above."""
    from handouts import pdf_names, record

    made = [h for visit in visits for h in visit.handouts
            if h.channel not in ("emailed", "maybe emailed")]
    if not made:
        return []
    # a name with ß, or in Japanese, say, was spelled otherwise by earlier versions
    files = [f"{day.isoformat()}_{slug}.pdf"
             for day in sorted({h.visit_date for h in made}) for slug in pdf_names(name)]
    ids = list(dict.fromkeys(h.handout_id for h in made))
    return [f"the PDFs made for {name} are not in the record, and forget cannot find them: "
            f"delete by hand those you kept (files named {record.listed(files, 3)} in out/ or "
            "the folder given to build or batch, and their pages in merged print files, "
            f"marked {record.listed(ids, 3)})"]


def _in_database(ws, person, *, or_none: bool = True):
    """The patient as the database has them now (the same name, date of birth and number),
    or None (also when it cannot be reached and ``or_none``: forget said so already)."""
    from handouts import record

    try:
        found = record.patients(ws, person.name, dob=person.dob, number=person.number)
    except record.Unavailable:
        if not or_none:
            raise
        return None
    same = [p for p in found if (p.dob, p.number) == (person.dob, person.number)]
    return same[0] if len(same) == 1 else None


def _wait_for(stack: contextlib.ExitStack, outbox, person, *typed) -> None:
    """The outbox's lock, for as long as the sender takes. A Ctrl-C, a closed terminal or a
    ``kill`` meanwhile: what is left, and how to finish it."""
    before = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                number = getattr(signal, name)
                before[number] = signal.signal(number, signal.default_int_handler)
    try:
        stack.enter_context(outbox.locked(wait=None))
    except KeyboardInterrupt:
        raise HandoutError(f"stopped: {person.name} is removed from the record, but their "
                           f"emails are still in {outbox.root}/ (none of them is sent while "
                           f"they wait); to remove them, run: {_again(outbox, *typed)}"
                           ) from None
    finally:
        for number, handler in before.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)


def _again(outbox, name: str, dob: str | None, number: str | None) -> str:
    """The command that finishes a forget stopped before it reached the outbox: on the
    same clinic (its --home, --library and --clinic as given) and outbox."""
    from shlex import quote

    return rerun(" ".join(["forget", quote(name), *([f"--dob {quote(dob)}"] if dob else []),
                           *([f"--number {quote(number)}"] if number else [])]),
                 outbox=outbox.root)
