"""What ``check`` says of exercises listed twice (see ``told``): in a protocol of the library
or of the clinic's own, or in a program file, each at the line of its second entry; and of a
program file's dose key that every weekly stage replaces, at its line."""

from __future__ import annotations

from typing import Sequence

from handouts import told
from handouts.errors import Location
from handouts.input import local
from handouts.program_files import ProgramFile
from handouts.workspace import Workspace


def twice_warnings(ws: Workspace, programs: Sequence[ProgramFile] = ()) -> list[str]:
    """``check``'s: each exercise a protocol (the library's, the clinic's own) or one of the
    ``programs`` (as ``read_program_files`` read them) lists more than once, at the line of
    its second entry, with what the handouts print. Warnings, not problems: a program kept
    in the record must still be made again as it was (``reprint``), and it is printed as it
    always was."""
    found = []
    sources = [(ws.library_parsed, (ws.library_parsed.data or {}).get("protocols"))]
    own = local.readable_entries(ws.local_path)
    if own is not None:
        sources.append((own[1], own[0]))
    for parsed, protocols in sources:
        for p, protocol in enumerate(protocols if isinstance(protocols, list) else []):
            items = protocol.get("exercises") if isinstance(protocol, dict) else None
            if not isinstance(items, list):
                continue  # its problem is check's error
            ids = [item.get("id") if isinstance(item, dict) else item for item in items]
            name = f"protocols[{protocol.get('id')}]"
            for i, line in told.protocol_twice(ids):
                at = parsed.location(("protocols", p, "exercises", i))
                found.append(f"{Location(at.file, at.line, f'{name}.exercises[{i + 1}]')} {line}")
    for file in programs:
        if file.handout is None:
            continue  # its problems are check's errors
        printed = told.printed(file.handout.exercises, file.handout.language)
        for i, line in told.program_twice(file.program.exercises, printed):
            at = file.parsed.location(("exercises", i))
            found.append(f"{Location(at.file, at.line, f'exercises[{i + 1}]')} {line}")
        found += _under_stages(ws, file)
    return found


def _under_stages(ws: Workspace, file: ProgramFile) -> list[str]:
    """A program file's dose keys that print in no week (``told.under_stages``), each at
    its line."""
    printed = {e.id: e.dose for e in file.handout.exercises}
    found = []
    for i, item in enumerate(file.program.exercises):
        if item.id not in printed:
            continue
        for name, line in told.under_stages(item.dose, ws.library.exercise(item.id),
                                            printed[item.id]):
            at = file.parsed.location(("exercises", i, "dose", name))
            found.append(f"{Location(at.file, at.line, f'exercises[{item.id}].dose.{name}')} "
                         f"{line}")
    return found
