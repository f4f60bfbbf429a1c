"""``batch``: the front desk's many packets at once, from a roster or as walk-in copies."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import click

import handouts as api
from handouts import HandoutError, Location, record
from handouts.cli.batch_summary import Merged, report
from handouts.cli.options import (LAYOUTS, email_options, fail_on_user_error, iso_date,
                                  open_ws, outbox_folder, pdf_output, programs_folder,
                                  progress_bar, warn, workspace_options)

# a day of walk-ins for a busy clinic, several times over; a typo of a few zeros more would
# keep the machine busy for hours
MAX_COPIES = 500


@dataclass(frozen=True)
class BatchRequest:
    """Every option of ``batch``, as one object (a roster or walk-ins; files, a merged
    print file, or email)."""

    out_dir: str | None
    merge_path: str | None
    duplex: bool
    jobs: int | None
    skip_existing: bool
    quiet: bool
    protocol: str | None
    copies: int | None
    layout: str | None
    language: str | None
    date: str | None
    email_: bool
    outbox_dir: str | None
    no_send: bool
    encrypt: bool
    library_path: str | None
    clinic_path: str | None


@click.command()
@click.argument("files", nargs=-1, metavar="[ROSTER | PROGRAM.yaml...]", type=click.Path())
@click.option("--out-dir", type=click.Path(file_okay=False),
              help="Folder for one PDF per patient (default: out/; with --merge, only if "
                   "given).")
@click.option("--merge", "merge_path", type=click.Path(),
              help="Also write every packet, in roster order, into this one print file.")
@click.option("--duplex", is_flag=True, help="With --merge: start every packet on a fresh "
              "sheet (adds a blank back page after an odd page count).")
@click.option("--jobs", type=click.IntRange(min=1), help="Processes to build with "
              "(default: the number of CPUs).")
@click.option("--skip-existing", is_flag=True, help="Leave packets whose file already exists.")
@click.option("--quiet", is_flag=True, help="No progress bar; only the summary and problems.")
@click.option("--protocol", metavar="ID", help="Walk-in packets of this protocol, with a blank "
              "name line (use with --copies, instead of a ROSTER).")
@click.option("--copies", type=click.IntRange(min=1, max=MAX_COPIES),
              help=f"How many walk-in packets (at most {MAX_COPIES}).")
@click.option("--layout", type=click.Choice(LAYOUTS), help="Layout for walk-in packets.")
@click.option("--language", metavar="CODE", help='Language of walk-in packets: en, es, or "es,en" '
              "for bilingual ones (a roster gives each row's in its language column).")
@click.option("--date", metavar="YYYY-MM-DD",
              help="Date for rows that give none (default: today).")
@email_options
@click.option("--email", "email_", is_flag=True, help="Email each patient with an address "
              "their PDF, instead of writing files (see the email command); the mail "
              "server's password comes from HANDOUTS_SMTP_PASSWORD or a prompt, never from "
              "a file.")
@workspace_options
@fail_on_user_error
def batch(files: tuple[str, ...], **options):
    """Build many packets at once: every row of a ROSTER (CSV or YAML), several program
    files (each one a row), or walk-in copies.

    \b
      make_handouts.py batch today.csv --merge out/today.pdf --duplex
      make_handouts.py batch programs/*.yaml --merge out/today.pdf
      make_handouts.py batch --protocol PROTOCOL_ID --copies 10 --merge walk-ins.pdf
      make_handouts.py batch today.csv --email
    """
    from handouts import batch as runner

    r = BatchRequest(**options)
    _refuse_mixed(files, r)
    ws = open_ws(r.library_path, r.clinic_path)
    given = iso_date(r.date, "--date", day_first=ws.clinic.day_first)
    clinic_today = ws.today()  # where the clinic is, not the server
    ahead = api.too_far_ahead(given, clinic_today)
    if ahead:
        raise HandoutError(f"--date: {ahead}")
    today = given or clinic_today
    # the files given: one roster, or several program files (each one a row), or none for
    # walk-in copies; kept as given, so that every one is an input --merge must not replace
    if len(files) > 1:
        loaded = _program_files(files, ws)
    elif files:
        roster = files[0]
        loaded = api.load_roster(roster, ws.library, day_first=ws.clinic.day_first,
                                 languages=ws.languages,
                                 desk=api.RosterDesk(ws.local.broken, ws.staff_languages,
                                                     programs_folder(), ws.home,
                                                     ws.clinic.language[0]),
                                 # a row with no date is --date's visit: its next one after it
                                 today=api.Days(clinic_today, today))
        warn(loaded.notices)
        if not loaded.rows:  # the wrong day's export, say: "." or "0 of 0" would not tell
            raise HandoutError(f"{roster}: the roster lists no patients; nothing to build "
                               "or send")
    if files and r.email_:
        from handouts.cli.email import run_batch_email

        return run_batch_email(loaded.rows, ws, today=today, outbox_dir=outbox_folder(r.outbox_dir),
                               no_send=r.no_send, encrypt=r.encrypt, quiet=r.quiet,
                               roster=", ".join(files))
    # the record is opened on the other core while the first packets are built (the
    # workers start after them); walk-in packets are nobody's, and not recorded
    with _stop_requests() as stop, \
            record.ready(ws) if files else contextlib.nullcontext() as ahead:
        if files:
            items = runner.plan(loaded.rows, ws, today=today)
        else:
            items = runner.walk_in_jobs(r.protocol, r.copies, ws, today=today, layout=r.layout,
                                        language=r.language)
        given = record.Given(ws, ahead)  # the clinic's record of each packet, as made
        items = given.watch(items)
        folder = Path(r.out_dir) if r.out_dir else (None if r.merge_path else Path("out"))
        if r.merge_path:  # ".pdf" added where the name lacks it, as build -o does
            kind = "packets" if files else f"walk-in_{r.protocol}"  # as the web app names it
            r = replace(r, merge_path=str(pdf_output(r.merge_path, ws, "--merge", *files,
                                                     example=f"{today}_{kind}.pdf")))
        show = not r.quiet and sys.stderr.isatty()
        # counting a roster's rows reads it once more: only for a bar someone sees
        length = (len(loaded.rows) if files else r.copies) if show else 0
        merged = None
        try:
            if r.merge_path:  # the merged file needs every packet at once
                items = list(_until_stopped(items, stop))
            if folder is not None:
                skipped: dict[str, Path] = {}  # the packets --skip-existing left: id → file
                outcomes = _build_files(items, ws, folder, r, given, stop, (show, length),
                                        skipped)
            else:
                outcomes = [i for i in items if isinstance(i, runner.Outcome)]
            if r.merge_path:
                merged = _merge(items, outcomes, folder, ws, r, given, stop)
        except KeyboardInterrupt:
            # what was built is recorded, so --skip-existing may finish
            warn(notice for _, notice in given.finish())
            click.echo(f"\nstopped: {_left(folder, r.merge_path)}", err=True)
            sys.exit(130)
        total = len(outcomes) if folder is not None else len(outcomes) + len(
            [i for i in items if isinstance(i, runner.Job)])
        notices = given.finish()  # said among the rows' lines, at the row each names
        if folder is not None and skipped:
            notices += [(0, notice) for notice in _unrecorded(ws, skipped)]
    report(outcomes, merged, folder, total, located=bool(files), notices=notices)


def _program_files(files: tuple[str, ...], ws) -> api.Roster:
    """Program files given together (as a front desk drags them in): one roster row each,
    in the order given; a file with a problem is its row's problem, the others are built."""
    others = [f for f in files if not f.lower().endswith((".yaml", ".yml"))]
    if others:
        raise click.UsageError(f'"{others[0]}": give one roster, or several program files '
                               "(.yaml); for several rosters, run batch once for each")
    rows = []
    for number, file in enumerate(files, 1):
        try:
            program = api.load_program(file, ws)
        except HandoutError as exc:
            # said as build says it (file:line: place: what), at the file's first problem
            own = [p for p in exc.problems if p.location.file == file]
            first = own[0].location.line if own else None
            rows.append(api.Row(number, Location(file, first), problem="; ".join(
                ": ".join(filter(None, (f"line {p.location.line}" if p.location.line not in
                                        (None, first) else "", p.location.path, p.message)))
                if p.location.file == file else str(p) for p in exc.problems)))
            continue
        rows.append(api.Row(number, Location(file), program=program,
                            email=program.patient.caregiver_email if program.patient.caregiver
                            else program.patient.email))
    return api.Roster(tuple(rows))


def _left(folder: Path | None, merge_path: str | None) -> str:
    """What a stopped batch left, and how to finish it: --skip-existing leaves the packet
    files written; without them (--merge alone) there is nothing for it to leave."""
    if folder is None:
        return "nothing was merged; run the batch again"
    return (f"no partial files were left{' and nothing was merged' if merge_path else ''}; "
            "run again with --skip-existing to finish")


def _until_stopped(items, stop):
    """The items, until the batch is asked to stop (then KeyboardInterrupt)."""
    for item in items:
        if stop.is_set():
            raise KeyboardInterrupt
        yield item


def _build_files(items, ws, folder: Path, r: BatchRequest, given, stop, bar: tuple[bool, int],
                 skipped: dict[str, Path]):
    """One PDF per packet in ``folder``; each built one goes to ``given`` as it is told, and
    the file of each a roster row gives that --skip-existing left into ``skipped``, by its
    handout id."""
    from handouts import batch as runner

    modes = api.print_modes(ws.clinic)

    def told(outcome) -> None:
        job = given.in_flight.get(outcome.number)
        if outcome.skipped and job is not None:
            # by the id a version before 5 December 2026 gave it too: its file may be that one's
            for handout_id in {job.handout.handout_id, api.counted_before(job.handout)}:
                skipped[handout_id] = outcome.path
        given.built(outcome)
    try:
        with api.folder_lock(folder, modes), progress_bar(*bar, "Building") as shown:
            return runner.build_files(
                items, ws, folder, workers=r.jobs or runner.default_workers(),
                skip_existing=r.skip_existing, modes=modes, stop=stop,
                progress=lambda o: (shown.update(1), told(o)))
    except OSError as exc:  # the folder itself (a file's own trouble is its row's)
        warn(notice for _, notice in given.finish())
        raise HandoutError(f"{exc.filename or folder}: cannot write: "
                           f"{exc.strerror or exc}") from None


def _unrecorded(ws, skipped: dict[str, Path]) -> list[str]:
    """What to say of the packets --skip-existing left that the record lacks: it builds
    nothing for them, so it cannot record them as a plain run does (batch.Given)."""
    try:
        lacking = record.lacking(ws, skipped)
    except HandoutError:  # the record's trouble is said where it is written
        return []
    # a packet is under two ids where its pictures' digests changed it: kept by either
    lacking = {skipped[i] for i in lacking} - {p for i, p in skipped.items() if i not in lacking}
    return [f"the record lacks {len(lacking)} of the packets skipped (--skip-existing): a "
            "run stopped outright wrote them, or they were made otherwise; run the same "
            "batch without --skip-existing to record them"] if lacking else []


def _merge(items, outcomes, folder: Path | None, ws, r: BatchRequest, given, stop):
    """The merged print file of every packet built (every good row without a folder),
    recorded for the packets it alone holds; None if there is none to merge. One that
    cannot be written is a problem of its own: the packets built are kept and told."""
    from handouts import batch as runner

    built = {o.number for o in outcomes if o.ok}
    jobs = [i for i in items if isinstance(i, runner.Job)
            and (folder is None or i.number in built)]
    if not jobs:
        return None
    try:
        pages, warnings, path, found = runner.build_merged(
            jobs, ws, Path(r.merge_path), duplex=r.duplex, modes=api.print_modes(ws.clinic),
            stop=stop)
    except OSError as exc:  # the file the user named, never the temporary one beside it
        return Merged(jobs, problem=f"{r.merge_path}: cannot write the merged file: "
                                    f"{exc.strerror or exc}")
    except HandoutError as exc:  # a font or picture every packet needs, say
        return Merged(jobs, problem=f"{r.merge_path}: not written: "
                                    + "; ".join(str(p) for p in exc.problems))
    # a packet whose file was there already is recorded as printed in the merged file:
    # printed again, it is handed out again
    given.merged(jobs, {o.number for o in outcomes if o.ok and not o.found})
    return Merged(jobs, pages, warnings, path, found=found,
                  asked=Path(r.merge_path) if path != Path(r.merge_path) else None)


@contextlib.contextmanager
def _stop_requests():
    """Ctrl-C, a closed terminal (SIGHUP) or a ``kill`` (SIGTERM) asks the batch to stop,
    and it stops between packets: the packets begun are finished, every file written is
    recorded and no partial file is left. Raised where the signal came, a KeyboardInterrupt
    could cut the reporting of a written file in two, and the record would lack it. The
    record's helper, forked inside, is asked the same and so finishes its writing too."""
    stop = threading.Event()
    names = [name for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {name: signal.signal(getattr(signal, name), lambda *_: stop.set())
              for name in names}
    try:
        yield stop
    finally:
        for name, handler in before.items():
            signal.signal(getattr(signal, name), handler)


def _refuse_mixed(files: tuple[str, ...], r: BatchRequest) -> None:
    """Options that do not go together are a usage error (exit 2), before any work."""
    if bool(files) == bool(r.protocol):
        raise click.UsageError("give a ROSTER file, or --protocol with --copies" +
                               (", not both" if files else ""))
    if r.protocol and not r.copies:
        raise click.UsageError("--protocol needs --copies N")
    if files and r.copies:  # a roster's packets are one a row: the copies were left unmade
        raise click.UsageError("--copies is for walk-in packets (with --protocol); a roster "
                               "gives one packet a row: print the merged file more than once "
                               "for copies")
    if files and (r.layout or r.language):
        raise click.UsageError("--layout and --language are for walk-in packets; a roster "
                               "gives each row's in its layout and language columns")
    if r.duplex and not r.merge_path:
        raise click.UsageError("--duplex goes with --merge")
    if r.email_ and (r.protocol or r.out_dir or r.merge_path or r.skip_existing or r.jobs):
        raise click.UsageError("--email sends each row its PDF; it does not go with "
                               "--protocol, --out-dir, --merge, --skip-existing or --jobs")
    if not r.email_ and (r.no_send or r.encrypt or r.outbox_dir):
        raise click.UsageError("--outbox, --no-send and --encrypt go with --email")
