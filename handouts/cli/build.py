"""``build``, ``list``, ``demo`` and ``draw``: one handout, the catalogue, the examples, one
picture."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

import handouts as api
from handouts import HandoutError, record
from handouts.errors import commands_said_by, full_command
from handouts.cli.options import (LAYOUTS, counted, describe, fail_on_user_error, iso_date,
                                  open_ws, pdf_output, unwritable, warn, workspace_options,
                                  write_pdf)


@click.command()
@click.argument("program", required=False, type=click.Path())
@click.option("-o", "--output", type=click.Path(),
              help="The PDF file to write, .pdf added where the name has none "
              "(default: out/<date>_<patient>.pdf).")
@click.option("--patient", help="The patient's name (instead of a PROGRAM file).")
@click.option("--email", help="The patient's email address.")
@click.option("--caregiver", help="Who the handout is given to, for a child or an adult "
              "someone cares for: named beside the patient, and greeted by the email.")
@click.option("--caregiver-email", "caregiver_email",
              help="The caregiver's email address, where their handout is emailed.")
@click.option("--exercise", "exercises", multiple=True, metavar="ID[:FIELD=VALUE,...]",
              help="An exercise id from `list`, with any dose changes: "
              "EXERCISE_ID:hold=30s,reps=3. Repeatable.")
@click.option("--education", multiple=True, metavar="ID", help="An education topic's id (see "
              "`list`). Repeatable.")
@click.option("--protocol", metavar="ID", help="Start from a protocol (a named starter set).")
@click.option("--leave-out", "leave_out", multiple=True, metavar="ID",
              help="One of the protocol's exercises not to give (repeat it).")
@click.option("--weeks-from", "weeks_from", metavar="YYYY-MM-DD",
              help="The day week 1 began (the surgery's): weekly stages start at this week.")
@click.option("--affected-side", "affected_side", type=click.Choice(["left", "right"]),
              help="The patient's side: the pictures of one-sided exercises show it.")
@click.option("--therapist", help="The therapist's name as it should print.")
@click.option("--date", metavar="YYYY-MM-DD", help="The handout's date (default: today).")
@click.option("--layout", type=click.Choice(LAYOUTS), help="standard, compact (saves paper) "
              "or large_print.")
@click.option("--order", type=click.Choice(["as_listed", "by_position"]),
              help="Keep the order given, or group by position (lying, kneeling, ...).")
@click.option("--language", metavar="CODE", help="Language of the handout: en, es, or two for "
              'a bilingual one ("es,en").')
@click.option("--note", help="A note from the therapist, printed before the exercises: on page 1 "
              "under the summary where it fits, else heading the exercises.")
@workspace_options
@fail_on_user_error
def build(program, output, library_path, clinic_path, **given):
    """Build one patient's handout from a PROGRAM file or from options (the ids in
    capitals stand for the library's own: `list` shows them).

    \b
      make_handouts.py build programs/jane-doe.yaml
      make_handouts.py build --patient "Jane Doe" --exercise EXERCISE_ID \\
          --exercise OTHER_EXERCISE_ID:hold=30s,reps=3 --education TOPIC_ID
    """
    patient, layout, order, language = (given.pop(k) for k in ("patient", "layout", "order",
                                                                "language"))
    # a saved program may be printed in another layout, language or order; its content
    # (patient, exercises, doses) changes only in the file
    quick = dict(given)
    if program and (patient or any(quick.values())):
        raise click.UsageError("give either a PROGRAM file or --patient with options, not both "
                               "(only --layout, --language, --order and -o go with a file)")
    if not program and not patient:
        raise click.UsageError("give a PROGRAM file, or --patient with --exercise or --protocol")
    ws = open_ws(library_path, clinic_path)
    quick["date"] = iso_date(quick["date"], "--date", day_first=ws.clinic.day_first)
    quick["weeks_from"] = iso_date(quick["weeks_from"], "--weeks-from",
                                   day_first=ws.clinic.day_first)
    quick["leave_out"] = list(quick["leave_out"])
    # the record is opened on the other core while the handout is laid out
    with record.ready(ws) as ahead:
        if program:
            prog = api.load_program(program, ws)
            if language or order:
                saved, prog = prog, api.program_with(prog, ws, language=language, order=order)
                warn(api.in_file(api.notes_written_for(saved, prog, ws), program))
        else:
            prog = api.program_from_options(ws, patient=patient, layout=layout, order=order,
                                            language=language, **quick)
        built = api.build_handout(prog, ws, layout=layout)
        warn(api.in_file(built.warnings, program) if program else built.warnings)
        path = (pdf_output(output, ws, "-o", program, example=built.filename) if output
                else Path("out") / built.filename)
        written = write_pdf(path, built.pdf, api.print_modes(ws.clinic))
        # recorded before a word is said: the PDF written is handed out, whatever becomes
        # of the lines about it
        notices = record.issued(ws, record.Issue.of(prog, built), channel="printed",
                                ahead=ahead)
        click.echo(describe(written, built.pdf) + (
            f" ({path} holds another handout)" if written != path else ""))
        warn(notices)


@click.command(name="list")
@click.option("--tag", help="Only entries with this tag (a body area, kind or position).")
@workspace_options
@fail_on_user_error
def list_(tag, library_path, clinic_path):
    """The catalogue: exercises with their doses, education topics and protocols."""
    ws = open_ws(library_path, clinic_path)
    lib = ws.library
    exercises = [e for e in lib.exercises if not tag or tag in e.tags]
    if tag and not exercises:
        tags = sorted({t for e in lib.exercises for t in e.tags})
        raise HandoutError(f'no exercise has the tag "{tag}"; tags: {", ".join(tags)}')
    click.echo("Exercises")
    for e in exercises:
        dose = api.listed_dose(e, ws)
        click.echo(f"  {e.id:<28} {e.title}")
        click.echo(f"  {'':<28} {dose}")
        click.echo(f"  {'':<28} tags: {', '.join(e.tags)}")
    if not tag:
        click.echo("\nEducation topics")
        for t in lib.education:
            click.echo(f"  {t.id:<28} {t.title}")
        click.echo("\nProtocols")
        own = set(ws.local.ids)
        for p in lib.protocols:
            mark = f"  (the clinic's own, {ws.local_path.name})" if p.id in own else ""
            click.echo(f"  {p.id:<28} {p.title}{mark}")
            click.echo(f"  {'':<28} {', '.join(i.id for i in p.exercises)}")
        # the entries left out: the clinic expects to see them here
        warn([f"left out: {problem}" for problem in ws.local.problems])


@click.command()
@click.option("--out-dir", type=click.Path(file_okay=False), default="out", show_default=True,
              help="The folder for the PDFs; an example clinic's go into a folder of its "
                   "name inside it.")
@workspace_options
@fail_on_user_error
def demo(out_dir, library_path, clinic_path):
    """Build every example program in examples/ into out/, and every example clinic's (a
    folder in examples/ with its own clinic.yaml) into out/<its folder>/ (replacing the
    examples' own earlier PDFs; a patient's handout is never named so). An example with a
    problem is told and left out; the others are built, and the exit status is 1."""
    ws = open_ws(library_path, clinic_path)
    examples = ws.home / "examples"
    clinics = sorted(p for p in examples.iterdir() if (p / "clinic.yaml").is_file()) \
        if examples.is_dir() else []
    failed: list[Path] = []  # the examples (or example clinics) with a problem
    if not _demo(ws, examples, Path(out_dir), failed) and not clinics:
        raise HandoutError(f"{examples}: no example programs found")
    for folder in clinics:
        # the commands its messages name are for that clinic, not the one demo was given
        with commands_said_by(functools.partial(_in_folder, folder)):
            try:
                other = api.open_workspace(home=folder)
            except HandoutError as exc:  # that clinic's examples wait; the others are built
                _told(exc)
                failed.append(folder)
                continue
            _demo(other, folder / "examples", Path(out_dir) / folder.name, failed)
    if failed:
        click.echo(f"{counted(len(failed), 'example')} not built.", err=True)
        sys.exit(1)


def _in_folder(folder: Path, words: str) -> str:
    """A command (``words``: a verb and its quoted arguments) on the example clinic in
    ``folder``: its own files, whatever --home, --library or --clinic demo was given."""
    return full_command(words, home=folder)


def _demo(ws, examples: Path, out_dir: Path, failed: list[Path]) -> int:
    """Each program in ``examples`` built into ``out_dir``, each with a problem told and
    added to ``failed``; how many there were."""
    found = sorted(examples.glob("*.yaml"))
    for example in found:
        try:
            built = api.build_handout(api.load_program(example, ws), ws)
            warn(api.in_file(built.warnings, example))
            path = out_dir / f"{example.stem}.pdf"
            write_pdf(path, built.pdf, api.print_modes(ws.clinic), replace=True)
        except HandoutError as exc:  # one example's mistake does not cost the others
            _told(exc)
            failed.append(example)
            continue
        except Exception as exc:  # noqa: BLE001 - a fault of ours: the others are still built
            click.echo(f"error: {example}: could not be built ({api.fault(exc)}, a fault in "
                       "handouts: report it)", err=True)
            failed.append(example)
            continue
        click.echo(describe(path, built.pdf))
    return len(found)


def _told(exc: HandoutError) -> None:
    for problem in exc.problems:
        click.echo(f"error: {problem}", err=True)


@click.command()
@click.argument("exercise")
@click.option("-o", "--output", type=click.Path(),
              help="FILE.svg or FILE.png (default: out/<exercise>.svg).")
@click.option("--language", default="en", metavar="CODE",
              help='The language of the words in the picture: en, es, or "es,en".')
@click.option("--side", type=click.Choice(["left", "right"]),
              help="The patient's side to show, as a program's affected_side draws it.")
@workspace_options
@fail_on_user_error
def draw(exercise, output, language, side, library_path, clinic_path):
    """Draw one EXERCISE's picture, to look at while writing its figure file.

    \b
      make_handouts.py draw EXERCISE_ID -o picture.png
    """
    if not exercise.strip():
        raise click.UsageError("give an EXERCISE id (`list` shows them)")
    ws = open_ws(library_path, clinic_path)
    target = Path(output or Path("out") / f"{exercise}.svg")
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png"):
        raise click.UsageError("-o must name an .svg or a .png file")
    fallback = fmt == "png" and not api.can_draw_png()
    if fallback:
        target, fmt = target.with_suffix(".svg"), "svg"
    languages = tuple(code.strip() for code in language.split(",") if code.strip())
    data = api.draw_exercise(exercise, ws, fmt, languages or ("en",), side=side)
    if fallback:  # said once there is something to write
        warn([f"this computer cannot make PNG files (reportlab's renderPM needs rlPyCairo); "
              f"writing {target} instead, which any web browser opens"])
    # a drawing is redrawn over its own preview while a figure file is written, but never
    # over the library's own pictures, the logo or the YAML files
    api.refuse_inputs(target, [ws.library_path, ws.clinic_path,
                               *(ws.image_root / e.image for e in ws.library.exercises if e.image),
                               ws.logo_root / ws.clinic.logo if ws.clinic.logo else None], "-o")
    try:
        api.write_atomic(target, data)
    except OSError as exc:  # as a PDF's: the folder, not the temporary file beside it
        raise HandoutError(f"{target}: cannot write the picture: {unwritable(target, exc)}; "
                           "choose another folder with -o") from None
    click.echo(f"wrote {target}")
    warn(api.drawn_side_notices(exercise, ws, side))
