"""The clinic's own protocols, saved from the editor: ``protocols.local.yaml`` beside the
library, one entry per protocol with the keys of exercises.yaml's ``protocols:`` (id, title,
exercises with their doses and notes, education), so an entry can be copied there as it is.

Each entry is checked through the public API as a program would be (unknown exercises, bad
doses: the usual one-line messages naming the file); an entry with a problem is left out of
the list and its problems are shown where the protocols are chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

import handouts as api
from handouts import HandoutError

FILE_NAME = "protocols.local.yaml"
HEADER = ("# The clinic's own protocols, saved from the web app (make_handouts.py serve).\n"
          "# Same keys as the protocols: list of exercises.yaml; copy an entry there to make it\n"
          "# part of the library.\n")


@dataclass(frozen=True)
class LocalProtocol:
    id: str
    title: str
    program: api.Program  # its exercises and education, checked against the library


def path_for(ws: api.Workspace) -> Path:
    return ws.library_path.parent / FILE_NAME


def read(ws: api.Workspace) -> tuple[list[dict], list[str]]:
    """The file's entries as data, and problems that make the whole file unusable."""
    path = path_for(ws)
    if not path.is_file():
        return [], []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        return [], [f"{FILE_NAME}: cannot be read ({exc}); fix or remove the file"]
    entries = data.get("protocols") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], [f"{FILE_NAME}: expected a list under protocols:"]
    return [e for e in entries if isinstance(e, dict)], []


def checked(entry: dict, ws: api.Workspace, index: int) -> LocalProtocol:
    """One entry as a protocol, or HandoutError with each problem on one line."""
    ident, title = str(entry.get("id", "")), str(entry.get("title", "")).strip()
    if not title or api.slug(ident, fallback="").replace("-", "_") != ident:
        raise HandoutError(f"{FILE_NAME}: protocols[{index}]: needs an id (lower-case letters, "
                           "digits, _) and a title")
    if ident in ws.library.protocol_ids:
        raise HandoutError(f"{FILE_NAME}: protocols[{ident}]: the library has a protocol "
                           "with this id already")
    data = {"patient": {"name": title}, "exercises": entry.get("exercises") or [],
            "education": entry.get("education") or []}
    program = api.program_from_data(data, ws, source=f"{FILE_NAME}: protocols[{ident}]")
    return LocalProtocol(ident, title, program)


def load(ws: api.Workspace) -> tuple[list[LocalProtocol], list[str]]:
    entries, problems = read(ws)
    found: list[LocalProtocol] = []
    for i, entry in enumerate(entries):
        try:
            protocol = checked(entry, ws, i)
        except HandoutError as exc:
            problems.extend(str(p) for p in exc.problems)
            continue
        if protocol.id not in {p.id for p in found}:
            found.append(protocol)
    return found, problems


def save(ws: api.Workspace, title: str, program: api.Program) -> LocalProtocol:
    """Add the program's exercises and education as a new protocol; HandoutError if the
    title is empty or taken, or the result would not load again."""
    title = " ".join(title.split())
    ident = api.slug(title, fallback="").replace("-", "_")
    if not ident:
        raise HandoutError("Give the protocol a name with letters or digits.")
    entries, problems = read(ws)
    if problems:
        raise HandoutError(problems)
    taken = {str(e.get("id")) for e in entries} | set(ws.library.protocol_ids)
    if ident in taken:
        raise HandoutError(f'A protocol named "{title}" exists already: choose another name.')
    data = program.to_yaml_data()
    entry = {"id": ident, "title": title, "exercises": data.get("exercises", [])}
    if data.get("education"):
        entry["education"] = data["education"]
    protocol = checked(entry, ws, len(entries))
    text = HEADER + yaml.safe_dump({"protocols": [*entries, entry]}, sort_keys=False,
                                   allow_unicode=True)
    api.write_atomic(path_for(ws), text.encode("utf-8"))
    return protocol
