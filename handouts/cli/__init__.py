"""The command line: parse arguments, call the library, write files, map errors to exit codes.

Exit status: 0 done, 1 a problem with the input (each printed as file:line: path: message),
2 wrong command-line usage (click's own). Heavy modules are imported inside the commands
that need them, so `make_handouts.py list` starts fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from pathlib import Path

import click

from handouts.errors import HandoutError

LAYOUTS = ("standard", "compact", "large_print")


def fail_on_user_error(fn):
    """Print a HandoutError as its lines and exit 1; never a traceback for a user's mistake."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except HandoutError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(1)

    return wrapper


def workspace_options(fn):
    fn = click.option("--clinic", "clinic_path", type=click.Path(dir_okay=False),
                      help="The clinic's branding file (default: clinic.yaml beside "
                           "make_handouts.py).")(fn)
    fn = click.option("--library", "library_path", type=click.Path(dir_okay=False),
                      help="The exercise library (default: exercises.yaml beside "
                           "make_handouts.py).")(fn)
    return fn


def open_ws(library_path, clinic_path):
    from handouts.build import open_workspace

    return open_workspace(library_path, clinic_path)


def warn(messages) -> None:
    for message in messages:
        click.echo(f"warning: {message}", err=True)


def write_pdf(path: Path, data: bytes) -> None:
    from handouts.build import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise HandoutError(f"{path}: cannot write the PDF: {exc.strerror or exc}; "
                           "choose another folder with -o") from None


def counted(count: int, thing: str) -> str:
    """ "1 protocol", "2 protocols" """
    return f"{count} {thing}{'' if count == 1 else 's'}"


def describe(path: Path, data: bytes) -> str:
    from handouts.render.pdf import page_count

    return f"wrote {path} ({page_count(data)} pages, {max(1, round(len(data) / 1024))} KB)"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="handouts")
def main():
    """Turn the clinic's exercise library into per-patient PDF home programs."""


@main.command()
@click.argument("program", required=False, type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Where to write the PDF (default: out/<date>_<patient>.pdf).")
@click.option("--patient", help="The patient's name (instead of a PROGRAM file).")
@click.option("--email", help="The patient's email address.")
@click.option("--exercise", "exercises", multiple=True, metavar="ID[:FIELD=VALUE,...]",
              help="An exercise, with dose changes: child_pose:hold=30s,reps=3. Repeatable.")
@click.option("--education", multiple=True, metavar="ID", help="An education topic. Repeatable.")
@click.option("--protocol", metavar="ID", help="Start from a protocol (a named starter set).")
@click.option("--therapist", help="The therapist's name as it should print.")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD "
              "(default: today).")
@click.option("--layout", type=click.Choice(LAYOUTS), help="standard, compact (saves paper) "
              "or large_print.")
@click.option("--order", type=click.Choice(["as_listed", "by_position"]),
              help="Keep the order given, or group by position (lying, kneeling, ...).")
@click.option("--language", metavar="CODE", help="Language of the handout: en, es, or two for "
              'a bilingual one ("es,en").')
@click.option("--note", help="A note from the therapist, printed on page 1.")
@workspace_options
@fail_on_user_error
def build(program, output, patient, email, exercises, education, protocol, therapist, date,
          layout, order, language, note, library_path, clinic_path):
    """Build one patient's handout from a PROGRAM file or from options.

    \b
      make_handouts.py build examples/jane-doe.yaml
      make_handouts.py build --patient "Jane Doe" --exercise si_joint_correction \\
          --exercise child_pose:hold=30s,reps=3 --education posture
    """
    from handouts import build as api

    # a saved program may be printed in another layout, language or order; its content
    # (patient, exercises, doses) changes only in the file
    quick = dict(email=email, exercises=exercises, education=education, protocol=protocol,
                 therapist=therapist, date=date.date() if date else None, note=note)
    if program and (patient or any(quick.values())):
        raise click.UsageError("give either a PROGRAM file or --patient with options, not both "
                               "(only --layout, --language, --order and -o go with a file)")
    if not program and not patient:
        raise click.UsageError("give a PROGRAM file, or --patient with --exercise or --protocol")
    ws = open_ws(library_path, clinic_path)
    if program:
        prog = api.load_program(program, ws)
        if language or order:
            prog = api.program_with(prog, ws, language=language, order=order)
    else:
        prog = api.program_from_options(ws, patient=patient, layout=layout, order=order,
                                        language=language, **quick)
    built = api.build_handout(prog, ws, layout=layout)
    warn(built.warnings)
    path = Path(output) if output else Path("out") / built.filename
    write_pdf(path, built.pdf)
    click.echo(describe(path, built.pdf))


@main.command(name="list")
@click.option("--tag", help="Only entries with this tag (a body area, kind or position).")
@workspace_options
@fail_on_user_error
def list_(tag, library_path, clinic_path):
    """The catalogue: exercises with their doses, education topics and protocols."""
    from handouts.words.dose import phrase, phrase_frequency

    ws = open_ws(library_path, clinic_path)
    lib = ws.library
    exercises = [e for e in lib.exercises if not tag or tag in e.tags]
    if tag and not exercises:
        tags = sorted({t for e in lib.exercises for t in e.tags})
        raise HandoutError(f'no exercise has the tag "{tag}"; tags: {", ".join(tags)}')
    click.echo("Exercises")
    for e in exercises:
        dose = " · ".join([*phrase(e.dose), phrase_frequency(e.dose.frequency)])
        click.echo(f"  {e.id:<28} {e.title}")
        click.echo(f"  {'':<28} {dose}")
        click.echo(f"  {'':<28} tags: {', '.join(e.tags)}")
    if not tag:
        click.echo("\nEducation topics")
        for t in lib.education:
            click.echo(f"  {t.id:<28} {t.title}")
        click.echo("\nProtocols")
        for p in lib.protocols:
            click.echo(f"  {p.id:<28} {p.title}")
            click.echo(f"  {'':<28} {', '.join(i.id for i in p.exercises)}")


@main.command()
@click.argument("programs", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--language", metavar="CODE", help="Also list every library text that has no "
              "translation into this language (e.g. es).")
@click.option("--max-grade", type=float, default=6.0, show_default=True,
              help="Warn about library entries that read above this school grade.")
@workspace_options
def check(programs, language, max_grade, library_path, clinic_path):
    """Check the library, clinic, pictures and fonts (and any PROGRAM files); list every
    problem, and warn where the wording is hard to read. Exit status 1 if there is any
    problem (warnings do not count)."""
    from handouts import build as api

    problems = []
    ws = None
    try:
        ws = api.open_workspace(library_path, clinic_path)
    except HandoutError as exc:
        problems.extend(exc.problems)
    problems.extend(api.check_fonts())
    if ws:
        problems.extend(api.check_pictures(ws))
        for program in programs:
            try:
                api.load_program(program, ws)
            except HandoutError as exc:
                problems.extend(exc.problems)
    if ws:
        for finding in api.plain_language_findings(ws, max_grade=max_grade):
            click.echo(f"warning: plain language: {finding}", err=True)
    if ws and language:
        from handouts.words import text

        if language not in text.languages():
            problems.append(f'--language: no handouts in "{language}" yet; use one of '
                            + ", ".join(text.languages()))
        else:
            missing = api.untranslated_entries(ws, language)
            for line in missing:
                click.echo(f"untranslated: {line}", err=True)
            click.echo(f"{counted(len(missing), 'untranslated text')} for {language}.",
                       err=True)
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems:
        click.echo(f"{counted(len(problems), 'problem')} found.", err=True)
        sys.exit(1)
    lib = ws.library
    counts = [counted(len(lib.exercises), "exercise"), counted(len(lib.education),
                                                             "education topic"),
              counted(len(lib.protocols), "protocol")]
    if programs:
        counts.append(counted(len(programs), "program file"))
    click.echo(f"OK: {', '.join(counts)}; clinic \"{ws.clinic.name}\"")


@main.command()
@click.option("--out-dir", type=click.Path(file_okay=False), default="out", show_default=True)
@workspace_options
@fail_on_user_error
def demo(out_dir, library_path, clinic_path):
    """Build every example program in examples/ into out/."""
    from handouts import build as api

    ws = open_ws(library_path, clinic_path)
    examples = sorted((api.ROOT / "examples").glob("*.yaml"))
    if not examples:
        raise HandoutError(f"{api.ROOT / 'examples'}: no example programs found")
    for example in examples:
        built = api.build_handout(api.load_program(example, ws), ws)
        warn(built.warnings)
        path = Path(out_dir) / f"{example.stem}.pdf"
        write_pdf(path, built.pdf)
        click.echo(describe(path, built.pdf))


def email_options(fn):
    fn = click.option("--encrypt", is_flag=True, help="Protect each PDF with a password "
                      "(AES-256): a roster's password column, else HANDOUTS_PDF_PASSWORD or a "
                      "prompt. The email never contains it.")(fn)
    fn = click.option("--no-send", is_flag=True, help="Only write the messages (.eml files) "
                      "to the outbox's pending/ folder; send them later with email --retry.")(fn)
    fn = click.option("--outbox", "outbox_dir", type=click.Path(file_okay=False),
                      help="Where messages wait (pending/), go once sent (sent/), and the "
                           "audit log is kept (default: outbox/).")(fn)
    return fn


@main.command()
@click.argument("programs", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--retry", is_flag=True, help="Send every message still waiting in the outbox "
              "(none is sent twice).")
@email_options
@workspace_options
@fail_on_user_error
def email(programs, retry, outbox_dir, no_send, encrypt, library_path, clinic_path):
    """Email each PROGRAM's patient their handout, or (--retry) send what waits in the outbox.

    \b
      make_handouts.py email examples/jane-doe.yaml
      make_handouts.py email --retry
    The mail server is clinic.yaml's smtp:; its password comes from HANDOUTS_SMTP_PASSWORD or a
    prompt. Exit status 1 if any message failed or was skipped.
    """
    from handouts.cli.email import run_email

    run_email(programs, outbox_dir=outbox_dir or "outbox", no_send=no_send, retry=retry,
              encrypt=encrypt, library_path=library_path, clinic_path=clinic_path)


@main.command()
@click.argument("roster", required=False, type=click.Path(dir_okay=False))
@click.option("--out-dir", type=click.Path(file_okay=False),
              help="Folder for one PDF per patient (default: out/; with --merge, only if "
                   "given).")
@click.option("--merge", "merge_path", type=click.Path(dir_okay=False),
              help="Also write every packet, in roster order, into this one print file.")
@click.option("--duplex", is_flag=True, help="With --merge: start every packet on a fresh "
              "sheet (adds a blank back page after an odd page count).")
@click.option("--jobs", type=click.IntRange(min=1), help="Processes to build with "
              "(default: the number of CPUs).")
@click.option("--skip-existing", is_flag=True, help="Leave packets whose file already exists.")
@click.option("--quiet", is_flag=True, help="No progress bar; only the summary and problems.")
@click.option("--protocol", metavar="ID", help="Walk-in packets of this protocol, with a blank "
              "name line (use with --copies, instead of a ROSTER).")
@click.option("--copies", type=click.IntRange(min=1), help="How many walk-in packets.")
@click.option("--layout", type=click.Choice(LAYOUTS), help="Layout for walk-in packets.")
@click.option("--language", metavar="CODE", help='Language of walk-in packets: en, es, or "es,en" '
              "for bilingual ones (a roster gives each row's in its language column).")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Date for rows that give none (default: today).")
@email_options
@click.option("--email", "email_", is_flag=True, help="Email each patient with an address "
              "their PDF, instead of writing files (see the email command).")
@workspace_options
@fail_on_user_error
def batch(roster, out_dir, merge_path, duplex, jobs, skip_existing, quiet, protocol, copies,
          layout, language, date, email_, outbox_dir, no_send, encrypt, library_path,
          clinic_path):
    """Build many packets at once: every row of a ROSTER (CSV or YAML), or walk-in copies.

    \b
      make_handouts.py batch today.csv --merge out/today.pdf --duplex
      make_handouts.py batch --protocol chronic_low_back --copies 10 --merge walk-ins.pdf
      make_handouts.py batch today.csv --email
    """
    from handouts import batch as runner
    from handouts.input.roster import load_roster

    if bool(roster) == bool(protocol):
        raise click.UsageError("give a ROSTER file, or --protocol with --copies")
    if protocol and not copies:
        raise click.UsageError("--protocol needs --copies N")
    if roster and (layout or language):
        raise click.UsageError("--layout and --language are for walk-in packets; a roster "
                               "gives each row's in its layout and language columns")
    if duplex and not merge_path:
        raise click.UsageError("--duplex goes with --merge")
    if email_ and (protocol or out_dir or merge_path or skip_existing or jobs):
        raise click.UsageError("--email sends each row its PDF; it does not go with "
                               "--protocol, --out-dir, --merge, --skip-existing or --jobs")
    if not email_ and (no_send or encrypt or outbox_dir):
        raise click.UsageError("--outbox, --no-send and --encrypt go with --email")
    today = date.date() if date else dt.date.today()
    ws = open_ws(library_path, clinic_path)
    if roster and email_:
        from handouts.cli.email import run_batch_email

        loaded = load_roster(roster, ws.library)
        warn(loaded.notices)
        return run_batch_email(loaded.rows, ws, today=today, outbox_dir=outbox_dir or "outbox",
                               no_send=no_send, encrypt=encrypt, quiet=quiet)
    if roster:
        loaded = load_roster(roster, ws.library)
        warn(loaded.notices)
        jobs_, failed = runner.plan(loaded.rows, ws, today=today)
    else:
        jobs_, failed = runner.walk_in_jobs(protocol, copies, ws, today=today,
                                            layout=layout, language=language), []
    folder = Path(out_dir) if out_dir else (None if merge_path else Path("out"))
    total = len(jobs_) + len(failed)
    show = not quiet and sys.stderr.isatty()
    outcomes = list(failed)
    try:
        if folder is not None:
            with progress_bar(show, len(jobs_), "Building") as bar:
                outcomes += runner.build_files(
                    jobs_, ws, folder, workers=jobs or runner.default_workers(),
                    skip_existing=skip_existing, progress=lambda _o: bar.update(1))
        built = [o for o in outcomes if o.ok]
        merged = None
        if merge_path and jobs_:
            good = {o.number for o in built} if folder is not None else None
            merge_jobs = [j for j in jobs_ if good is None or j.number in good]
            if merge_jobs:
                pages, warnings = runner.build_merged(merge_jobs, ws, Path(merge_path),
                                                      duplex=duplex)
                merged = (len(merge_jobs), pages, warnings)
    except KeyboardInterrupt:
        click.echo("\nstopped: no partial files were left; run again with --skip-existing "
                   "to finish", err=True)
        sys.exit(130)
    except OSError as exc:
        raise HandoutError(f"{exc.filename or merge_path}: cannot write: "
                           f"{exc.strerror or exc}") from None
    _report(outcomes, merged, merge_path, folder, total)


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass


def progress_bar(show: bool, length: int, label: str):
    """A progress bar on standard error, or (not a terminal, --quiet, nothing to do) none."""
    if not show or not length:
        return _NoBar()
    return click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True)


def _report(outcomes, merged, merge_path, folder, total) -> None:
    warn(dict.fromkeys(w for o in outcomes for w in o.warnings))
    failed = sorted((o for o in outcomes if not o.ok), key=lambda o: o.number)
    built = [o for o in outcomes if o.ok and not o.skipped]
    skipped = [o for o in outcomes if o.skipped]
    for o in failed:
        click.echo(f"error: {o.location} {o.problem}", err=True)
    parts = []
    if folder is not None:
        parts.append(f"built {len(built)} of {total} packets in {folder}/")
        if skipped:
            parts.append(f"{len(skipped)} already there (skipped)")
    if merged:
        count, pages, _ = merged
        parts.append(f"merged {count} packets into {merge_path} ({pages} pages)")
        warn(dict.fromkeys(merged[2]))
    if failed:
        parts.append(f"{len(failed)} failed")
    click.echo("; ".join(parts) + ".")
    if failed:
        sys.exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Any but this computer's needs HANDOUTS_WEB_PASSWORD.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--programs-dir", type=click.Path(file_okay=False), default="programs",
              show_default=True, help="Where programs are saved and opened.")
@click.option("--outbox", "outbox_dir", type=click.Path(file_okay=False), default="outbox",
              show_default=True, help="Where emailed handouts wait and the audit log is kept "
              "(the same folder `email --retry` reads).")
@workspace_options
@fail_on_user_error
def serve(host, port, programs_dir, outbox_dir, library_path, clinic_path):
    """The therapist's web app: search, build, preview, print and save handouts in a browser.

    \b
      make_handouts.py serve                 # then open http://127.0.0.1:8000/
      HANDOUTS_WEB_PASSWORD=... make_handouts.py serve --host 0.0.0.0
    """
    import os

    from handouts.web.security import PASSWORD_VARIABLE, check_bind
    from handouts.web.server import serve as run

    password = os.environ.get(PASSWORD_VARIABLE) or None
    check_bind(host, password)
    ws = open_ws(library_path, clinic_path)
    try:
        run(ws, host=host, port=port, password=password, programs_dir=Path(programs_dir),
            outbox_dir=Path(outbox_dir), echo=click.echo)
    except OSError as exc:
        raise HandoutError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                           "is it running already? Try another --port") from None


if __name__ == "__main__":  # pragma: no cover
    main()
