"""The clinic's own protocols: ``protocols.local.yaml`` beside the library, written by the web
app's *Save as a clinic protocol* (or by hand), with the keys of the library's ``protocols:``.

The file is read as the library is (``yamlsource``: no aliases or tags, size and depth
limits, the line of every value) and each entry is checked on its own, against the library:
an entry with a problem is left out and the others are used. A program that names an entry
left out is told that entry's problem (``references.program_problems``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from handouts.errors import HandoutError, Location, Problem
from handouts.input import loading, references
from handouts.input.models import Library, Protocol
from handouts.input.yamlsource import MAX_CHARS, Parsed, parse

FILE_NAME = "protocols.local.yaml"


@dataclass(frozen=True)
class LocalProtocols:
    """What the clinic's protocols file holds, checked: the entries a program can use, and
    every problem of the file in line order."""

    protocols: tuple[Protocol, ...] = ()
    problems: tuple[Problem, ...] = ()
    # the entries left out, by id: a program that names one is told why
    broken: Mapping[str, tuple[Problem, ...]] = field(default_factory=dict)
    digest: str = ""  # of the file's bytes, as ``fingerprint`` gives it
    text: str = ""  # the file's text, as it was read (the record keeps it)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.protocols)


def path_beside(library_path: Path | str) -> Path:
    return Path(library_path).parent / FILE_NAME


def fingerprint(path: Path) -> str:
    """What the file holds now, in short: "" when there is no file, so that a workspace
    knows whether the file changed since it was read."""
    try:
        with path.open("rb") as file:
            return hashlib.sha256(file.read(MAX_CHARS + 1)).hexdigest()
    except FileNotFoundError:
        return ""
    except OSError as exc:  # read (and reported) by ``load`` each time
        return f"unreadable: {exc.errno}"


def load(path: Path, library: Library, *, where: str = "", text: str | None = None,
         ) -> LocalProtocols:
    """The file's protocols checked against ``library`` (the library's file alone, named
    ``where`` in messages); ``text`` instead of the file's (what a save would write). No file,
    or an empty one: no protocols. A problem never raises: it is in ``problems``."""
    digest = fingerprint(path) if text is None else ""
    if text is None and not digest:
        return LocalProtocols()
    read = text
    try:
        read = loading.read_text(path) if text is None else text
        parsed = parse(read, str(path))
        items, problems = _entries(parsed)
    except HandoutError as exc:
        # every protocol of the file is left out, and a command naming one says why (not
        # that the library has no such protocol)
        why = references.Unreadable(exc.problems)
        return LocalProtocols(problems=exc.problems, digest=digest, text=read or "",
                              broken={ident: why for ident in _named(read, path)
                                      if ident not in library.protocol_ids})
    found: list[Protocol] = []
    broken: dict[str, tuple[Problem, ...]] = {}
    seen: dict[str, int] = {}
    for i, entry in enumerate(items):
        ident = entry.get("id") if isinstance(entry, dict) else None
        ident = ident if isinstance(ident, str) and ident else None
        protocol, own = _checked(parsed, i, library, where)
        if ident in library.protocol_ids:
            # the library's protocol of that id is the one used; this one is left out
            problems.append(Problem(parsed.location(("protocols", i, "id")), f'the library '
                                    f'({where or "exercises.yaml"}) has a protocol "{ident}" '
                                    "already; give this one another id"))
        elif ident in seen:
            problems.append(Problem(parsed.location(("protocols", i, "id")), f'duplicate id '
                                    f'"{ident}" (also entry {seen[ident] + 1} of protocols); '
                                    "give each protocol its own id"))
        elif own:
            broken.update({ident: own} if ident else {})
        else:
            found.append(protocol)
        problems.extend(own)
        if ident:
            seen.setdefault(ident, i)
    return LocalProtocols(tuple(found), tuple(sorted(problems, key=_line)), broken, digest,
                          read)


# an entry's id as a line of the file gives it, "- id: desk_worker" or "  id: 'desk_worker'":
# the dash's column, or the key's, and the id
_ID_LINE = re.compile(r"""^([ \t]*)(-[ \t]+)?id[ \t]*:[ \t]*(["']?)([a-z0-9][a-z0-9_]*)\3"""
                      r"[ \t]*(?:#.*)?$", re.M)


def _named(text: str | None, path: Path) -> list[str]:
    """The ids of the entries of a file that cannot be read as YAML, found in its lines: the
    ``id:`` keys of the least indented list items (an exercise's ``id:`` in an entry is
    deeper). Not UTF-8 (a title typed in another encoding): the bytes as far as they read."""
    if text is None:
        try:
            with path.open("rb") as file:
                text = file.read(MAX_CHARS).decode("utf-8", "replace")
        except OSError:
            return []
    items = [(len(m[1]) if m[2] else len(m[1]) - 2, m[4]) for m in _ID_LINE.finditer(text)]
    top = min((level for level, _ in items), default=0)
    return list(dict.fromkeys(ident for level, ident in items if level == top))


def _line(problem: Problem) -> int:
    return problem.location.line or 0


def _checked(parsed: Parsed, i: int, library: Library, where: str,
             ) -> tuple[Protocol | None, tuple[Problem, ...]]:
    """Entry ``i`` as a protocol, or its problems (schema, then ids and doses)."""
    at = ("protocols", i)
    try:
        protocol = loading.validate(parsed, Protocol, at=at)
    except HandoutError as exc:
        return None, exc.problems
    found = references.protocol_problems(protocol, library, where)
    return protocol, tuple(loading.located(parsed, [((*at, *path), message)
                                                    for path, message in found]))


def _entries(parsed: Parsed) -> tuple[list[Any], list[Problem]]:
    """The file's list of entries, and problems of the file around them (an unknown key at
    the top). HandoutError: nothing in the file can be used."""
    data = parsed.data
    if data is None:
        return [], []
    if not isinstance(data, dict):
        raise HandoutError(Problem(Location(parsed.file, 1), 'expected "protocols:" at the top '
                                   "of the file, with a list of protocols under it"))
    problems = [Problem(parsed.location((key,)), f'unknown key "{key}"; the file holds only '
                        '"protocols:"') for key in data if key != "protocols"]
    items = data.get("protocols")
    if items is None:
        return [], problems
    if not isinstance(items, list):
        raise HandoutError(Problem(parsed.location(("protocols",)), "expected a list of "
                                   'protocols, each starting with "- id:"'))
    return items, problems


def entries(path: Path) -> list[Any]:
    """The file's entries as data, each as it is (one with a problem too), for a save that
    adds one; HandoutError if the file cannot be read as a list of protocols, or holds more
    than the list (a save would lose it)."""
    if not fingerprint(path):
        return []
    parsed = parse(loading.read_text(path), str(path))
    items, problems = _entries(parsed)
    if problems:
        raise HandoutError(problems)
    return items


def readable_entries(path: Path) -> tuple[list[Any], Parsed] | None:
    """The file's entries as data with the parsed file (for checks of their words), or None
    where there is no file or no list to read (``load`` reports why)."""
    if not fingerprint(path):
        return None
    try:
        parsed = parse(loading.read_text(path), str(path))
        return _entries(parsed)[0], parsed
    except HandoutError:
        return None


def merged(library: Library, local: LocalProtocols) -> Library:
    """The library with the clinic's protocols after its own: what programs are checked
    against and built from."""
    return _with_protocols(library, (*library.protocols, *local.protocols)) \
        if local.protocols else library


def unmerged(library: Library, local: LocalProtocols) -> Library:
    """The library as its file holds it, from a ``merged`` one."""
    own = len(library.protocols) - len(local.protocols)
    return _with_protocols(library, library.protocols[:own]) if local.protocols else library


def _with_protocols(library: Library, protocols: tuple[Protocol, ...]) -> Library:
    # built without validating again (every part is valid) and without the id index that
    # the library may have made already (``Library._index``)
    fields = {name: getattr(library, name) for name in Library.model_fields}
    return Library.model_construct(**{**fields, "protocols": protocols})
