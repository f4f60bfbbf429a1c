"""What ``batch`` says when it ends: each warning once, at the roster row it is about (the
packet's file and the merged file say the same), the rows that failed among them in row
order, then one line of what was built, found, skipped and merged; exit 1 where a row, the
folder or the merged file failed."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

import handouts as api
from handouts.errors import one_line
from handouts.cli.options import counted, warn


@dataclass(frozen=True)
class Merged:
    """What became of the merged print file: written (``path``), or not (``problem``)."""

    jobs: list
    pages: int = 0
    warnings: tuple[tuple[str, ...], ...] = ()  # each job's
    path: Path | None = None
    problem: str | None = None
    found: bool = False  # there already, byte for byte: its packets are printed again
    asked: Path | None = None  # the name asked for, where another file had it



def report(outcomes, merged: Merged | None, folder, total, *, located: bool,
           notices=()) -> None:
    """``notices``: the record's, each with the number of the row it names (0: none)."""
    repeats = [o for o in outcomes if o.repeat]
    failed = sorted((o for o in outcomes if not o.ok and not o.folder), key=lambda o: o.number)
    # the folder itself cannot be written (full, read-only): said once, not for each row
    blocked = [o for o in outcomes if o.folder]
    _say_by_row(outcomes, merged, located, (repeats, failed), notices)
    built = [o for o in outcomes if o.ok and not o.skipped and not o.repeat and not o.found]
    found = [o for o in outcomes if o.found]
    skipped = [o for o in outcomes if o.skipped]
    if blocked:
        click.echo(f"error: {blocked[0].problem}", err=True)
    if merged and merged.problem:
        click.echo(f"error: {one_line(merged.problem)}", err=True)
    parts = []
    if folder is not None:
        # what is on disk, not what was asked for: rows whose handouts are byte for byte
        # the same share one file
        on_disk = {o.path for o in built if o.path.is_file()}
        parts.append(f"built {len(on_disk)} of {counted(total, 'packet')} in {folder}/")
        if len(built) > len(on_disk):
            parts.append(f"{len(built) - len(on_disk)} the same as another's file")
        if found:
            parts.append(f"{len({o.path for o in found})} already there, unchanged")
        if skipped:
            parts.append(f"{len(skipped)} already there (skipped)")
        if blocked:
            parts.append(f"{len(blocked)} not built")
    if repeats:
        parts.append(f"{counted(len(repeats), 'row')} the same as an earlier one (one packet "
                     "for both)")
    if merged and merged.path:
        parts.append(f"merged {counted(len(merged.jobs), 'packet')} into {merged.path} "
                     f"({counted(merged.pages, 'page')})"
                     f"{', already there, unchanged' if merged.found else ''}"
                     + (f"; {merged.asked} holds other packets" if merged.asked else ""))
    elif merged:
        parts.append("nothing merged")
    if failed:
        parts.append(f"{len(failed)} failed")
    click.echo("; ".join(parts) + ".")
    if failed or blocked or (merged and merged.problem):
        sys.exit(1)


def _say_by_row(outcomes, merged: Merged | None, located: bool, rows, notices) -> None:
    """Each warning once, after the roster row it is about: a packet's file and the merged
    file say the same of it, and a warning that several rows give is one line naming them
    (rows 1, 4 and 9), or, for many (a picture every packet has), the first and how many
    others. The rows that repeat an earlier one and the rows that failed (``rows``), and
    the record's ``notices``, are said among them, every line in row order, as the desk
    reads them beside the roster (a notice that names no row first). Walk-in copies are
    one packet, so theirs are said plainly."""
    repeats, failed = rows
    found = [(warning, o.number, o.location) for o in outcomes for warning in o.warnings]
    packets = zip(merged.jobs, merged.warnings) if merged else ()
    found += [(warning, job.number, job.location) for job, warnings in packets
              for warning in (*warnings, *job.notes)]
    errors = [(o.number, f"error: {o.location} {o.problem}") for o in failed]
    if not located:
        warn(dict.fromkeys(warning for warning, _, _ in found))
        warn(notice for _, notice in notices)
        lines = errors
    else:
        said = api.numbered_by_row(found, [*((o.number, o.repeat) for o in repeats),
                                           *notices])
        lines = [(number, f"warning: {one_line(line)}") for number, line in said] + errors
    for _, line in sorted(lines, key=lambda item: item[0]):  # stable: a row's error last
        click.echo(line, err=True)
