"""The record's commands: history, find, reprint, backup and restore (and what ``forget``
and ``export`` share: which patient a name means). They print what the clinic's record
holds; the work is in ``handouts.record``."""

from __future__ import annotations

from pathlib import Path

import click

from handouts import HandoutError
from handouts.errors import command, one_line
from handouts.cli import offline
from handouts.cli.options import (counted, describe, fail_on_user_error,
                                  handout_id_argument, iso_date, open_ws, pdf_output, warn,
                                  workspace_options, write_pdf)


def patient_options(fn):
    fn = click.option("--id", "patient_id", type=int, help="The patient's id in the record, "
                      "as listed when two patients have the same name.")(fn)
    fn = click.option("--number", help="The patient's clinic number, when two patients "
                                       "have the same name.")(fn)
    fn = click.option("--dob", metavar="YYYY-MM-DD",
                      help="The patient's date of birth (YYYY-MM-DD), when two patients "
                           "have the same name.")(fn)
    return fn


def one_patient(ws, name: str, dob: str | None, number: str | None,
                patient_id: int | None, everyone: str = "", *, outside: bool = False,
                unsent: bool = False):
    """The one patient these words name, or an error listing everyone they could mean;
    ``everyone``: how this command is asked for every patient instead, if it can be;
    ``outside``: a patient known only from records kept outside the database (waiting for
    it, set aside, messages not sent yet) will do, as for ``forget`` (their id is None);
    ``unsent``: the error for one known only so says what to do with their emails not sent
    yet, as ``history`` says it of a patient in the record."""
    from handouts import record

    if not name.strip():  # an empty shell variable, say: never taken to mean everyone
        raise HandoutError(f'PATIENT is empty ("{name}"); give the patient\'s name{everyone}')
    born = iso_date(dob, "--dob", "1961-04-30", ws.clinic.day_first)
    found = record.patients(ws, name, dob=born, number=number)
    if patient_id is not None:
        found = [p for p in found if p.id == patient_id]
    if not found:
        elsewhere = record.outside(ws, name, dob=born, number=number) \
            if patient_id is None else []
        if elsewhere and outside:
            return chosen([o.patient for o in elsewhere], name)
        told = " with that date of birth, number or id" if dob or number or patient_id else ""
        unread = record.unreadable(ws) if patient_id is None else []
        todo = offline.not_sent(ws, name, born, number) if unsent and elsewhere else None
        raise HandoutError(f'no patient named "{name}"{told} in the record'
                           + "".join(f"; {o.patient} is only in records kept outside it, {o}"
                                     for o in elsewhere)
                           + (f"; {todo}" if todo else "")
                           + "".join(f"; not looked in {why}: they may be in it"
                                     for why in unread))
    return chosen(found, name)


def chosen(found, name: str):
    """The one of these patients, or an error that lists them and how to say which."""
    if len(found) > 1:
        # one line, as every error: the choices follow the colon, separated by semicolons;
        # each the whole command, with the name: "--id 1" alone was taken for one, and
        # refused for want of the name
        asked = click.get_current_context(silent=True)
        verb = asked.info_name if asked is not None else None
        raise HandoutError(f'{len(found)} patients in the record are named "{name}"; say '
                           "which with --dob, --number or --id: "
                           + "; ".join(f"{p}: {_which(p, name, verb)}" for p in found))
    return found[0]


def _which(patient, name: str, verb: str | None) -> str:
    if patient.id is not None:
        told = ["--id", str(patient.id)]
    else:
        told = [*(["--dob", patient.dob.isoformat()] if patient.dob else []),
                *(["--number", patient.number] if patient.number else [])]
    if not told:
        return "neither date of birth nor number"
    return command(verb, name, *told) if verb else " ".join(told)


def behind(ws) -> None:
    """After reading the record: a warning when handouts waiting to be written into it
    could not be (a full or read-only disk), so that what follows lacks them."""
    from handouts import record

    warn(filter(None, [record.behind(ws)]))


def contents(program_yaml: str) -> str:
    """A visit's program in a few words: its protocol and exercise ids."""
    import yaml

    data = yaml.safe_load(program_yaml) or {}
    ids = [e if isinstance(e, str) else e.get("id", "?") for e in data.get("exercises", [])]
    parts = [f"protocol {data['protocol']}"] if data.get("protocol") else []
    return ", ".join(parts + ids)


def issue_line(issued, here, timezone: str | None = None) -> str:
    """One handout given; ``here``: this clinic (``record.here``: another clinic that
    shares the record and gave it is named); its time in the clinic's ``timezone``."""
    from handouts import record

    by = f"  by {issued.issued_by}" if issued.issued_by else ""
    at = f"  {issued.at(here).strip()}" if issued.at(here) else ""
    # whom an email went to, where not the patient whose history it is
    caregiver = issued.emailed_to_caregiver
    to = f"  to {caregiver} (caregiver)" if caregiver else ""
    when = record.local_time(issued.issued_at, timezone)
    # the channels in one column, however long the longest ("maybe emailed")
    width = max(map(len, record.CHANNELS))
    return f"{issued.handout_id}  {when}  {issued.channel:<{width}}{to}{by}{at}".rstrip()


@click.command()
@click.argument("patient")
@patient_options
@workspace_options
@fail_on_user_error
@offline.said_away
def history(patient, dob, number, patient_id, library_path, clinic_path):
    """A patient's visits (each program version) and every handout issued from each.

    \b
      make_handouts.py history "Jane Doe"
      make_handouts.py history "Jane Doe" --dob 1961-04-30
    """
    from handouts import record

    ws = open_ws(library_path, clinic_path)
    try:
        person = one_patient(ws, patient, dob, number, patient_id, unsent=True)
        visits = record.visits(ws, person)
    except record.Away as away:  # an email waiting to be sent is known all the same
        born = iso_date(dob, "--dob", "1961-04-30", ws.clinic.day_first)
        raise HandoutError(offline.away_line(
            away, also=offline.not_sent(ws, patient, born, number))) from None
    behind(ws)
    click.echo(str(person))
    here = record.here(ws)
    for visit in visits:
        therapist = f", {visit.therapist}" if visit.therapist else ""
        click.echo(f"visit {visit.number}, {visit.visit_date.isoformat()}{therapist}: "
                   f"{contents(visit.yaml)}")
        for issued in visit.handouts:
            click.echo(f"  {issue_line(issued, here, ws.clinic.timezone)}")
        if not visit.handouts:
            click.echo("  (saved, never issued)")
    # in no visit above until the mail server takes it (see record.unsent)
    waiting = offline.not_sent(ws, person.name, person.dob, person.number, exact=True)
    if waiting:
        click.echo(waiting)


@click.command()
@handout_id_argument
@workspace_options
@fail_on_user_error
def find(handout_id, library_path, clinic_path):
    """The handout behind an id from a printed page: patient, date, program, how it went.

    \b
      make_handouts.py find QX7A-B2CD
    """
    from handouts import record

    ws = open_ws(library_path, clinic_path)
    found, waits = offline.find(ws, handout_id)  # out of reach: from the pending journal
    behind(ws)
    if not found:
        raise record.NotInRecord.of(handout_id)
    shown = None
    for issued in found:
        head = (issued.patient, issued.version)
        if head != shown:
            visit = f"visit {issued.visit_number}" if issued.visit_number else "a visit"
            click.echo(f"{issued.handout_id}: {issued.patient}, {visit} of "
                       f"{issued.visit_date.isoformat()}: {contents(issued.yaml)}")
            shown = head
        click.echo(f"  {issue_line(issued, record.here(ws), ws.clinic.timezone)}")
    warn(filter(None, [waits]))


@click.command()
@handout_id_argument
@click.option("-o", "--output", type=click.Path(),
              help="The PDF file to write, .pdf added where the name has none "
              "(default: out/<date>_<patient>.pdf).")
@workspace_options
@fail_on_user_error
def reprint(handout_id, output, library_path, clinic_path):
    """The same PDF again, made from what the record kept of the handout with this ID.

    \b
      make_handouts.py reprint QX7A-B2CD -o copy.pdf
    """
    import handouts as api
    from handouts import record

    ws = open_ws(library_path, clinic_path)
    again, waits = offline.reprint(ws, handout_id)  # out of reach: from the pending journal
    behind(ws)
    path = (pdf_output(output, ws, "-o", example=again.built.filename) if output
            else Path("out") / again.built.filename)
    written = write_pdf(path, again.built.pdf, api.print_modes(ws.clinic))
    # the pictures as the library names them, not by the cache folder the record's copy of
    # the library was put in
    warn(api.pictures_as_named(again.said, again.built.handout, ws))
    first = again.issued
    on = record.local_time(first.issued_at, ws.clinic.timezone)[:10]
    said = {True: f"the same bytes as the handout {first.given(record.here(ws), on)}",
            None: "the record has no checksum of the PDF issued to compare it with",
            False: "NOT the same bytes as the PDF issued, though the same handout id: its "
                   "pictures, the fonts, the clinic's own wording or handouts itself (an "
                   "update) have changed since" if again.same_id else
                   "NOT the handout issued: a picture it shows or some of its fixed wording "
                   "has changed since (the clinic's own, or in an update of handouts), so this "
                   "one prints as handout "
                   f"{again.built.handout.handout_id}"}[again.identical]
    other = f" ({path} holds another handout)" if written != path else ""
    click.echo(f"{describe(written, again.built.pdf)}{other}: {said}")
    warn(filter(None, [waits]))


@click.command()
@click.option("--to", "folder", type=click.Path(file_okay=False),
              help="The folder to put the copy in, e.g. a USB drive (default: clinic.yaml's "
                   "backup_folder, else the backups folder beside the database: records/backups).")
@workspace_options
@fail_on_user_error
def backup(folder, library_path, clinic_path):
    """Copy the clinic's record (its SQLite database), checked, to a file of its own.

    \b
      make_handouts.py backup --to /media/usb/handouts
    """
    from handouts import record

    ws = open_ws(library_path, clinic_path)
    copy = record.backup(ws, Path(folder) if folder else None)
    click.echo(f"backed up the record to {copy} ({copy.stat().st_size // 1024 + 1} KB)")


@click.command()
@click.argument("copy", type=click.Path())
@click.option("--yes", is_flag=True, help="Do not ask before replacing the record (a copy "
              "of another clinic's record is asked about all the same).")
@workspace_options
@fail_on_user_error
def restore(copy, yes, library_path, clinic_path):
    """Put a COPY of the record (from backup, or records/backups/daily-DATE.db) back in
    place of the record's database; the database it replaces is kept beside it.

    \b
      make_handouts.py restore records/backups/daily-2026-12-02.db
    """
    from handouts import record

    ws = open_ws(library_path, clinic_path)
    record.check_copy(ws, Path(copy))  # a wrong copy is said before the question, not after
    other = record.other_clinic(ws, Path(copy))
    if other:  # asked even with --yes, which answers the usual question, not this one
        click.echo(f'warning: {copy} is the record of "{one_line(other)}", not of '
                   f'"{one_line(record.here(ws).with_site)}"', err=True)
        click.confirm("Put that clinic's record in place of this one's?", abort=True,
                      err=True)
    elif not yes:
        click.confirm(f"Replace the clinic's record with {copy}? Handouts issued after it "
                      "was made will not be in the record", abort=True, err=True)
    done = record.restore(ws, Path(copy))
    kept = f"; the database it replaced is kept as {done.replaced}" if done.replaced else ""
    click.echo(f"restored the record from {done.source}: {counted(done.patients, 'patient')}, "
               f"{counted(done.handouts, 'handout')} issued{kept}")

