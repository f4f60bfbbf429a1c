"""The program file a CSV roster's program cell names: a YAML file in the roster's folder or
below it, written as its name (``knee/jo.yaml``) or as a saved program's name without its
``.yaml`` (``jane-doe``); a name alone is looked for in the clinic's saved programs too (the
web app's ``programs/``); anything else refused by its name alone, never read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

from handouts.errors import HandoutError, Location, Problem
from handouts.input import loading
from handouts.input.yamlsource import parse


def program_cell(base: Path, saved: Path | None, source: str, known: Sequence[str],
                 cells: list[Problem]) -> tuple[Path | None, Any]:
    """The program file the row's program cell names, and its YAML parsed; (None, None) for
    a protocol id. A file that cannot be read, or that is no program, is the program
    cell's problem, added to ``cells``, (file, None): the row's other cells are still read
    and said with it."""
    file = None
    try:
        file = named_program(base, source, known, saved)
        if file is None:
            return None, None
        parsed = parse(loading.read_text(file), str(file))
        if isinstance(parsed.data, dict) and parsed.data:
            return file, parsed
        cells.append(Problem(Location(), f"{file}: not a program file"))
    except HandoutError as exc:
        cells += exc.problems
    return file or Path(source), None


def named_program(base: Path, source: str, protocols: Sequence[str],
                  saved: Path | None = None) -> Path | None:
    """The program file a roster's program cell names, or None where it names no file (a
    protocol id): a file's name as written (``jane-doe.yaml``, ``knee/jo.yaml``), or a saved
    program's name without its ``.yaml`` (``jane-doe``, as the web app lists and saves it),
    where no protocol has that id and the roster's folder has that file. A name alone is
    looked for beside the roster, then in ``saved`` (the clinic's ``programs/``, where the
    web app saves them): a desk's roster is seldom kept in that folder."""
    if "/" in source or "\\" in source:
        return program_file(base, source)
    named = source.lower().endswith((".yaml", ".yml"))
    if not named and source in protocols:
        return None
    for folder, said in zip(_folders(base, saved), ("the roster's folder",
                                                     "the clinic's saved programs folder")):
        for name in (source,) if named else (f"{source}.yaml", f"{source}.yml"):
            if os.path.lexists(folder / name):  # a link too: it must stay inside
                return program_file(folder, name, said)
    if named and len(_folders(base, saved)) > 1:
        raise HandoutError(Problem(Location(), f'program: "{source}" {not_found(base, saved)}'))
    # one folder: the file is named, and reading it says it is not there
    return program_file(base, source) if named else None


def not_found(base: Path, saved: Path | None) -> str:
    """Where a saved program's name was looked for, and not found: both folders, so that
    the desk knows where to put it; "" where it was looked for in one (the web app's upload,
    read as if in programs/, whose lines name no folder of the server's)."""
    # absolute: a roster given as today.csv was looked for beside in "."
    folders = [os.path.abspath(folder) for folder in _folders(base, saved)]
    if len(folders) == 1:
        return ""
    return (f"is neither beside the roster ({folders[0]}) nor in the clinic's saved programs "
            f"({folders[1]})")


def _folders(base: Path, saved: Path | None) -> list[Path]:
    """The roster's folder, then the saved programs' where that is another (the web app
    reads an upload as if it were in it)."""
    if saved is None or os.path.abspath(saved) == os.path.abspath(base):
        return [base]
    return [base, saved]


def program_file(base: Path, source: str, said: str = "the roster's folder") -> Path:
    """The program file a roster cell names: a YAML file in the roster's folder or below it.
    Anything else is refused by its name alone, never read, so that no message can show a
    line of a file the user did not mean to give (``../../etc/shadow``)."""
    file = base / source
    try:
        inside = file.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError, ValueError):
        inside = False
    if not inside:
        raise HandoutError(Problem(Location(), f'program: "{source}" is outside {said}; '
                                   "keep program files in it or below it"))
    if not source.lower().endswith((".yaml", ".yml")):
        raise HandoutError(Problem(Location(), f'program: "{source}" is not a program file; '
                                   "give a protocol id or a .yaml file"))
    return file
