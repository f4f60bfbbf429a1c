"""Saving the editor's program as one of the clinic's own protocols: a new entry at the end of
``protocols.local.yaml`` beside the library, with the keys of exercises.yaml's ``protocols:``
(id, title, exercises with their doses and notes, education, the log's pain row and rows of
its own), so an entry can be copied there as it is.

Reading and checking the file is the API's (``Workspace.local``), as for every command:
the web app only adds an entry, after checking the file it would write as the next reader
will read it, and shows the file's problems.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from typing import Iterable

import yaml

import handouts as api
from handouts import HandoutError

HEADER = ("# The clinic's own protocols, saved from the web app (make_handouts.py serve).\n"
          "# Same keys as the protocols: list of exercises.yaml; copy an entry there to make it\n"
          "# part of the library.\n")


class Unnamed(HandoutError):
    """A protocol's name with no letter or digit (the page says so in its language)."""


class Taken(HandoutError):
    """A protocol's name that another protocol's id has (the page says so in its language)."""


def save(ws: api.Workspace, title: str, program: api.Program) -> None:
    """Add the program's exercises and education as a new protocol named ``title``.
    HandoutError if the title is empty or taken, the file cannot be read as a list of
    protocols, or the new entry would not load."""
    title = " ".join(title.split())
    ident = api.slug(title, fallback="").replace("-", "_")
    if not ident and any(c.isalnum() for c in title):  # "腰痛プロトコル", "Ελληνικό": no
        # Latin letter to make an id of, which staff never see: one made of the title
        ident = "protocol_" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:8]
    if not ident:
        raise Unnamed("Give the protocol a name with letters or digits.")
    # its protocol's exercises and topics too, where it names one (api.program_from_protocol)
    whole = program.model_copy(update={"protocol": None,
                                       "exercises": tuple(api.program_items(program, ws)),
                                       "education": tuple(api.program_topics(program, ws))})
    data = whole.to_yaml_data()
    entry = {"id": ident, "title": title, "exercises": data.get("exercises", [])}
    if data.get("education"):
        entry["education"] = data["education"]
    # its log as the program has it (or the protocol it names): the pain row, its own rows
    named = ws.library.protocol(program.protocol) if program.protocol else None
    for key, said in (("log_pain", api.log_pain_said(program, named)),
                      ("log_rows", api.log_rows_said(program, named))):
        if said is not None:
            entry[key] = said
    # one save at a time, each reading the file the one before wrote: two therapists saving
    # at once both keep their protocol
    with _saving:
        entries = api.local_protocol_entries(ws)
        taken = {e["id"] for e in entries
                 if isinstance(e, dict) and isinstance(e.get("id"), str)}
        if ident in taken | set(ws.library.protocol_ids):
            raise Taken(f'A protocol named "{title}" exists already: choose another name.')
        text = _with_entry(ws.local_path, entries, entry)
        problems = api.check_local_protocols(ws, text).broken.get(ident)
        if problems:
            raise HandoutError(problems)
        api.write_atomic(ws.local_path, text.encode("utf-8"))


_saving = threading.Lock()


def _with_entry(path, entries: list, entry: dict) -> str:
    """The file with ``entry`` added: after the clinic's own lines, as they are (comments,
    order, spacing), as one more item of its list; the whole file written anew only where
    the new item would not read back as the list's last."""
    whole = HEADER + yaml.safe_dump({"protocols": [*entries, entry]}, sort_keys=False,
                                    allow_unicode=True)
    try:
        old = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return whole
    first_item = re.search(r"^protocols:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*( *)- ", old,
                           re.M)
    if not entries or first_item is None:
        return whole
    item = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True)
    indent = first_item.group(1)
    added = old + ("" if old.endswith("\n") else "\n") + "".join(
        indent + line if line.strip() else line for line in item.splitlines(True))
    try:
        again = yaml.safe_load(added)
    except yaml.YAMLError:
        return whole
    return added if again == {"protocols": [*entries, entry]} else whole


def shown(problems: Iterable[api.Problem | str], ws: api.Workspace) -> list[str]:
    """Problems (or warnings) as the page shows them: the clinic's files named as the clinic
    knows them, not by the server's whole path: those beside the library as the library
    names them (``protocols.local.yaml:4: ...``, ``images/knee.png: ...``), the others from
    the clinic's folder."""
    folders = dict.fromkeys(f"{folder}{os.sep}" for folder in (ws.library_path.parent, ws.home))
    out = []
    for problem in problems:
        line = str(problem)
        for folder in folders:
            line = line.replace(folder, "")
        out.append(line)
    return out


def of_handout(lines: Iterable[str], handout: api.Handout, ws: api.Workspace) -> list[str]:
    """A handout's warnings as the page shows them (see ``shown``), its pictures named as
    the library names them (``images/knee.png: ...``) wherever it was made from (see
    api.pictures_as_named)."""
    return shown(api.pictures_as_named(list(lines), handout, ws), ws)
