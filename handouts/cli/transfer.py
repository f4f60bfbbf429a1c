"""The record's commands that move programs out and in: ``export`` writes a patient's
visits as program files, ``import`` takes program files (and records set aside) back in.
The work is in ``handouts.record``."""

from __future__ import annotations

import os
from pathlib import Path

import click

from handouts import HandoutError
from handouts.errors import command
from handouts.cli import offline
from handouts.cli.options import counted, fail_on_user_error, iso_date, open_ws, rerun, \
    warn, workspace_options
from handouts.cli.record import behind, one_patient, patient_options


@click.command()
@click.argument("patient", required=False)
@patient_options
@click.option("--last", is_flag=True, help="Only the PATIENT's last program, the one their "
              "next visit starts from, as one file to edit and build (no date: a build "
              "prints the day's).")
@click.option("--to", "folder", type=click.Path(file_okay=False), default="export",
              show_default=True, help="The folder to write the program files into.")
@workspace_options
@fail_on_user_error
@offline.said_away
def export(patient, dob, number, patient_id, last, folder, library_path, clinic_path):
    """Every program version of one PATIENT (or of everyone) as program YAML files; with
    --last, the one the PATIENT's next visit starts from.

    \b
      make_handouts.py export "Jane Doe" --to jane/
      make_handouts.py export "Jane Doe" --last --to programs/
    """
    import handouts as api
    from handouts import record

    if patient is None and (dob or number or patient_id is not None or last):
        # they narrow down a name: without one, they would be ignored and everyone exported
        raise HandoutError(("--last writes one patient's last program; give the PATIENT's "
                            "name") if last else
                           "--dob, --number and --id tell apart patients of one name; give "
                           "the PATIENT's name too, or leave them out to export everyone")
    ws = open_ws(library_path, clinic_path)
    try:
        person = one_patient(ws, patient, dob, number, patient_id, everyone="" if last else
                             ", or leave PATIENT out to export everyone") \
            if patient is not None else None
        if last:
            return _export_last(ws, person, Path(folder))
    except record.Away as away:
        if not last:
            raise
        # the handouts made on this computer meanwhile are known all the same
        born = iso_date(dob, "--dob", "1961-04-30", ws.clinic.day_first)
        raise HandoutError(offline.away_line(away, instead=offline.not_recorded(
            ws, patient, born, number))) from None
    files = record.exported(ws, person)
    behind(ws)
    for name, text in files:
        path = Path(folder) / name
        try:
            api.write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            raise HandoutError(f"{path}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"wrote {counted(len(files), 'program file')} to {folder}")


def _export_last(ws, person, folder: Path) -> None:
    """The program the patient's next visit starts from (as the web app's Start from the
    last visit chooses it, saying the same of another clinic's visit passed over), as one
    file that never replaces another (an edited one: the next numbered name)."""
    import handouts as api
    from handouts import record

    start = record.start_from(ws, person)
    behind(ws)
    if start is None:
        raise HandoutError(f"{person}: no visit in the record to start from")
    name, text = start.program_file(person)  # HandoutError: no visit this library opens
    warn(filter(None, [start.said()]))
    try:
        path = api.write_new(folder / name, text.encode("utf-8"))
    except OSError as exc:
        raise HandoutError(f"{folder / name}: cannot write: {exc.strerror or exc}") from None
    # a build counts the weeks from its own date: said here, where the file is to be edited
    again = start.weeks_again(ws, ws.today())
    warn([f"{path}: {again}"] if again else [])
    click.echo(f"wrote {path}, from visit {start.visit.number} of "
               f"{start.visit.visit_date.isoformat()} of {person}; edit it, then: "
               f"{command('build', path)}")


def _a_folder(folder: str) -> str:
    """What ``import`` says of a folder it is given: the command for the files in it."""
    from shlex import quote

    root = Path(folder)
    for pattern in ("pending-*.rejected.json", "*.yaml", "*/*.yaml"):  # */: export's folders
        if next(root.glob(pattern), None) is not None:
            return (f"{folder}: a folder; import takes files: to import the files in it, "
                    f"run {rerun(f'import {quote(os.path.abspath(root))}/{pattern}')}")
    return (f"{folder}: a folder, with no program files (.yaml) or records set aside in it; "
            f"import takes files, e.g. {rerun('import export/jane-doe/*.yaml')}")


@click.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@workspace_options
@fail_on_user_error
def import_(files, library_path, clinic_path):
    """Program FILES into the record, each as a visit of its patient (a program file with no
    date is today's visit). Bad files are reported; the good ones are imported.

    Records the database refused, set aside as records/pending-<time>.rejected.json, are
    brought back the same way once their cause is put right:

    \b
      make_handouts.py import records/pending-20261202-101500.rejected.json
    """
    import handouts as api
    from handouts import record

    ws = open_ws(library_path, clinic_path)
    folders = [f for f in files if Path(f).is_dir()]
    programs, problems = [], [p for f in folders for p in HandoutError(_a_folder(f)).problems]
    files = [f for f in files if f not in folders]
    if not files:
        raise HandoutError(problems)
    aside = [f for f in files if f.endswith(".rejected.json")]
    for file in aside:
        try:
            back = record.bring_back(ws, Path(file))
        except record.Unavailable:
            raise  # the database out of reach: the rest cannot go either
        except HandoutError as exc:
            problems.extend(exc.problems)
            continue
        click.echo(f"brought back {counted(back, 'record')} set aside in {file}")
    if aside and len(aside) == len(files):
        if problems:
            raise HandoutError(problems)
        return
    for file in (f for f in files if f not in aside):
        try:
            programs.append(api.load_program(file, ws))
        except HandoutError as exc:
            problems.extend(exc.problems)
    said = ""
    if programs:
        new, notices = record.imported(ws, programs)
        warn(notices)
        # a second import of the same files adds nothing, and says so
        said = f": {new} new, {len(programs) - new} already in the record"
    click.echo(f"imported {counted(len(programs), 'program file')}{said}")
    if problems:
        raise HandoutError(problems)
