"""The program file a CSV roster's program cell names: a YAML file in the roster's folder or
below it, written as its name (``knee/jo.yaml``) or as a saved program's name without its
``.yaml`` (``jane-doe``); anything else refused by its name alone, never read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from handouts.errors import HandoutError, Location, Problem


def named_program(base: Path, source: str, protocols: Sequence[str]) -> Path | None:
    """The program file a roster's program cell names, or None where it names no file (a
    protocol id): a file's name as written (``jane-doe.yaml``, ``knee/jo.yaml``), or a saved
    program's name without its ``.yaml`` (``jane-doe``, as the web app lists and saves it),
    where no protocol has that id and the roster's folder has that file."""
    if source.lower().endswith((".yaml", ".yml")) or "/" in source or "\\" in source:
        return program_file(base, source)
    if source in protocols:
        return None
    for suffix in (".yaml", ".yml"):
        if os.path.lexists(base / f"{source}{suffix}"):  # a link too: it must stay inside
            return program_file(base, f"{source}{suffix}")
    return None


def program_file(base: Path, source: str) -> Path:
    """The program file a roster cell names: a YAML file in the roster's folder or below it.
    Anything else is refused by its name alone, never read, so that no message can show a
    line of a file the user did not mean to give (``../../etc/shadow``)."""
    file = base / source
    try:
        inside = file.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError, ValueError):
        inside = False
    if not inside:
        raise HandoutError(Problem(Location(), f'program: "{source}" is outside the roster\'s '
                                   "folder; keep program files in it or below it"))
    if not source.lower().endswith((".yaml", ".yml")):
        raise HandoutError(Problem(Location(), f'program: "{source}" is not a program file; '
                                   "give a protocol id or a .yaml file"))
    return file
