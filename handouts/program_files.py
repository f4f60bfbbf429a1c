"""The program files ``check`` is given (or the clinic's examples), each read once: its
problems, and what the checks that look inside it read, its parsed YAML (the letters no
font draws), its program (the doses a clinic's own templates print) and its handout (a
log's weeks, what prints of an exercise listed twice), handed to each of them rather than
read, or resolved, again by each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from handouts.errors import HandoutError, Problem
from handouts.input import loading
from handouts.input.models import Program
from handouts.input.yamlsource import Parsed
from handouts.resolve import Handout
from handouts.workspace import Workspace


@dataclass(frozen=True)
class ProgramFile:
    """One program file as ``check`` read it: ``path`` as given; ``parsed`` None where the
    file cannot be read as YAML; ``program`` None where it has ``problems``; ``handout``
    None where there is no program, no workspace, or it does not resolve (its build says
    why). ``handout`` has no default: the checks that look at what prints (a log's
    wording, an exercise listed twice) pass over a file without one, so one made without
    saying it would pass them all in silence."""
    path: Path | str
    parsed: Parsed | None
    program: Program | None
    problems: tuple[Problem, ...]
    handout: Handout | None


def read_program_files(paths: Sequence[Path | str], ws: Workspace | None,
                       ) -> list[ProgramFile]:
    """Each program file, read once: checked against the library, or, where the library or
    clinic file does not open (``ws`` None), its own keys and values alone."""
    return [_read(path, ws) for path in paths]


def _read(path: Path | str, ws: Workspace | None) -> ProgramFile:
    from handouts.build import resolve_program
    from handouts.programs import load_program

    try:
        parsed = loading.parse(loading.read_text(path), str(path))
    except HandoutError as exc:
        return ProgramFile(path, None, None, tuple(exc.problems), None)
    try:
        program = (load_program(path, ws, parsed=parsed) if ws
                   else loading.validate(parsed, Program))
    except HandoutError as exc:
        return ProgramFile(path, parsed, None, tuple(exc.problems), None)
    try:
        handout = resolve_program(program, ws) if ws else None
    except HandoutError:
        handout = None
    return ProgramFile(path, parsed, program, (), handout)
