"""What ``check`` says of exercises listed twice (see ``told``) in a protocol of the library
or of the clinic's own, at the line of its second entry; and of each program file, what its
build would tell of it (``Handout.told``), at its line."""

from __future__ import annotations

from typing import Sequence

from handouts import told
from handouts.errors import Location
from handouts.input import local
from handouts.program_files import ProgramFile
from handouts.programs import in_file
from handouts.workspace import Workspace


def twice_warnings(ws: Workspace, programs: Sequence[ProgramFile] = ()) -> list[str]:
    """``check``'s: each exercise a protocol (the library's, the clinic's own) lists more
    than once, at the line of its second entry, with what the handouts print; and what a
    build of each of the ``programs`` (as ``read_program_files`` read them) tells of it. Warnings, not problems: a program kept
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
    return found + build_told_warnings(programs)


def build_told_warnings(programs: Sequence[ProgramFile]) -> list[str]:
    """What a build of each of the ``programs`` tells of its program (``Handout.told``), at
    its line in the file, as ``build`` says it: an exercise the file lists twice, a dose key
    that every weekly stage replaces, the words it typed that print as written in another
    language than theirs ("side: chaque côté" in an English library), a log longer than
    its advice. What it tells of the library is said at the library's line instead."""
    found = []
    for file in programs:
        if file.handout is None:
            continue  # its problems are check's errors
        lines = [line for line in file.handout.told if not _said_of_the_library(line)]
        for line, at in zip(lines, in_file(lines, file.path)):
            # a line of no key in the file (an exercise its protocol gives): named by file
            found.append(at if at != line else f"{file.path}: {line}")
    return found


def _said_of_the_library(line: str) -> bool:
    """A build's line about the library, not the program: a protocol's exercise listed twice
    (said by ``twice_warnings`` at the protocol's line) or a library stage's words its
    translation lacks (``told.as_written``: said by ``check --language`` at the stage's
    line, as every text a translation lacks is)."""
    key = line.partition(": ")[0]
    return key.startswith("protocols[") or key.endswith(".dose.progression")
