"""Saving the editor's program as one of the clinic's own protocols: a new entry at the end of
``protocols.local.yaml`` beside the library, with the keys of exercises.yaml's ``protocols:``
(id, title, exercises with their doses and notes, education), so an entry can be copied
there as it is.

Reading and checking the file is the API's (``Workspace.local``), as for every command:
the web app only adds an entry, after checking the file it would write as the next reader
will read it, and shows the file's problems.
"""

from __future__ import annotations

import os
from typing import Iterable

import yaml

import handouts as api
from handouts import HandoutError

HEADER = ("# The clinic's own protocols, saved from the web app (make_handouts.py serve).\n"
          "# Same keys as the protocols: list of exercises.yaml; copy an entry there to make it\n"
          "# part of the library.\n")


def save(ws: api.Workspace, title: str, program: api.Program) -> None:
    """Add the program's exercises and education as a new protocol named ``title``.
    HandoutError if the title is empty or taken, the file cannot be read as a list of
    protocols, or the new entry would not load."""
    title = " ".join(title.split())
    ident = api.slug(title, fallback="").replace("-", "_")
    if not ident:
        raise HandoutError("Give the protocol a name with letters or digits.")
    entries = api.local_protocol_entries(ws)
    taken = {e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}
    if ident in taken | set(ws.library.protocol_ids):
        raise HandoutError(f'A protocol named "{title}" exists already: choose another name.')
    data = program.to_yaml_data()
    entry = {"id": ident, "title": title, "exercises": data.get("exercises", [])}
    if data.get("education"):
        entry["education"] = data["education"]
    text = HEADER + yaml.safe_dump({"protocols": [*entries, entry]}, sort_keys=False,
                                   allow_unicode=True)
    problems = api.check_local_protocols(ws, text).broken.get(ident)
    if problems:
        raise HandoutError(problems)
    api.write_atomic(ws.local_path, text.encode("utf-8"))


def shown(problems: Iterable[api.Problem], ws: api.Workspace) -> list[str]:
    """Problems as the page shows them: the files beside the library named as the clinic
    knows them (``protocols.local.yaml:4: ...``), not by the server's whole path."""
    folder = f"{ws.library_path.parent}{os.sep}"
    return [str(p).replace(folder, "") for p in problems]
