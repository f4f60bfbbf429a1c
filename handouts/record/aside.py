"""Records set aside: a pending journal the database answered but would not take is moved to
``records/pending-<time>.rejected.json`` (see ``store.Record.catch_up``), so that one bad
record does not stop every use of the record. They hold patients' names: ``forget`` removes
a patient from them too, and ``bring_back`` writes one file's records once its cause is put
right (``import records/pending-….rejected.json``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

from handouts.errors import HandoutError, command

from .entry import fold
from .journal import SET_ASIDE, Damaged, parse, write_whole
from .kinds import counted, listed

Matches = Callable[[dict[str, Any]], bool]  # a predicate on an entry's patient data


def theirs(patient) -> Matches:
    """Whether an entry's patient data (as the journal keeps it) is this patient's (a
    ``kinds.Patient``): the same name (folded), date of birth and clinic number."""
    told = (fold(patient.name), patient.dob.isoformat() if patient.dob else None,
            patient.number)
    return lambda p: (fold(p["name"]), p.get("dob"), p.get("number")) == told


def files(folder: Path) -> list[Path]:
    """The files of records set aside in the records folder, oldest first."""
    return sorted(Path(folder).glob(SET_ASIDE)) if Path(folder).is_dir() else []


def read(path: Path) -> dict[str, Any]:
    """A file of records set aside, as the journal holds them; Damaged (a HandoutError, one
    line: a clinic may name any file) if it cannot be read as one."""
    try:
        return parse(path)
    except FileNotFoundError as exc:
        raise Damaged(f"{path}: cannot be read ({exc.strerror})") from None


def to_bring_back(path: Path) -> dict[str, Any]:
    """A file of records set aside, read for ``import``; a HandoutError that says what to do
    when it cannot be: a name mistyped (the files set aside beside it are named), or a file
    damaged (nothing of it is imported: put it right, or delete it once what it names is in
    the record)."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        here = files(path.parent)
        there = "this folder" if path.parent == Path() else path.parent
        raise HandoutError(f"{path}: no such file; " + (
            f"the records set aside in {there} are: {', '.join(map(str, here))}" if here
            else f"{there} holds no records set aside (pending-<time>.rejected.json)"))
    try:
        return read(path)
    except Damaged as exc:
        whole = whole_records(path)
        if whole is not None:
            return whole
        raise HandoutError(f"{exc}; nothing was imported from it: open it in a text editor "
                           "(it is JSON), put it right and import it again, or delete it once "
                           f"{command('history', 'NAME')} shows the handouts it names for each "
                           "patient in it") from None


def whole_records(path: Path) -> dict[str, Any] | None:
    """The records of a file cut short or damaged (a journal in a laptop's bag, a full
    disk) that are whole, as the journal holds them, with ``cut``: the one line that says
    what was lost; None where none is whole. The journal is written whole, with its library
    versions before its entries, so each entry before the damage is as it was written, and
    each after it that reads whole: losing them all for one's sake asked a therapist to mend
    JSON."""
    try:
        text = Path(path).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None
    decode, found = json.JSONDecoder().raw_decode, {"libraries": {}, "entries": []}
    at, lost = _blank(text, 0), []
    if not text.startswith("{", at):
        return None
    at += 1
    while True:  # the keys of the file's one object, to the cut
        try:
            key, at = decode(text, _blank(text, at, ","))
            at = _blank(text, at)
            if not text.startswith(":", at):
                break
            at = _blank(text, at + 1)
            if key == "entries" and text.startswith("[", at):
                lost = _entries(text, at + 1, found["entries"])
                break
            value, at = decode(text, at)
        except ValueError:
            break
        if key == "libraries" and isinstance(value, dict):
            found["libraries"] = value
    found["entries"] = [e for e in found["entries"]
                        if isinstance(e, dict) and isinstance(e.get("patient"), dict)]
    if not found["entries"]:
        return None
    names = [_NAME.search(text, start, end) for start, end in lost]
    whose = [json.loads(name[1]) for name in names if name]
    whole = counted(len(found["entries"]), "whole record")
    if len(lost) > 1 or lost and lost[0][1] < len(text):  # whole records after the damage
        one = len(lost) == 1
        of = f" ({'a record' if len(whose) == 1 else 'records'} of {listed(whose)})"
        found["cut"] = (f"{path}: damaged: brought back the {whole} in it; "
                        f"{counted(len(lost), 'record')} could not be read{of if whose else ''}"
                        f": make {'that handout' if one else 'those handouts'} again if "
                        f"history does not list {'it' if one else 'them'}, then delete the file")
        return found
    begins = f" (it begins with a record of {whose[0]})" if whose else ""
    found["cut"] = (f"{path}: cut short: brought back the {whole} before the cut; what "
                    f"came after is lost{begins}: make that handout again if history "
                    "does not list it, then delete the file")
    return found


# where an entry starts: the journal writes its patient first (entry.program_data), and no
# text within an entry holds these characters unescaped
_ENTRY = '{"patient": '
# the patient's name at an entry's start, read where the entry is not whole
_NAME = re.compile(r'"name":\s*("(?:[^"\\]|\\.)*")')


def _entries(text: str, at: int, into: list) -> list[tuple[int, int]]:
    """Each whole entry of the list that starts at ``at`` appended to ``into``; where each
    that is not whole starts and ends (the next whole one's start, or the file's end)."""
    decode = json.JSONDecoder().raw_decode
    lost: list[tuple[int, int]] = []
    while True:
        start = _blank(text, at, ",")
        try:
            entry, at = decode(text, start)
        except ValueError:
            if text.startswith("]", start):  # the list's end: the damage is after it
                return lost
            at = text.find(_ENTRY, start + 1)
            lost.append((start, len(text) if at < 0 else at))
            if at < 0:
                return lost
            continue
        into.append(entry)


def _blank(text: str, at: int, comma: str = "") -> int:
    """Past the white space at ``at`` (and a ``comma`` between items)."""
    at = re.compile(r"\s*").match(text, at).end()
    if comma and text.startswith(comma, at):
        at = re.compile(r"\s*").match(text, at + 1).end()
    return at


def forget(folder: Path, matches: Matches, *, dry_run: bool = False) -> int:
    """Remove the patient's entries from every file set aside (a file left with none is
    deleted; the others are written whole, without the library versions only they used);
    how many entries there were."""
    removed = 0
    for path in files(folder):
        try:
            data = read(path)
        except Damaged:
            continue  # not ours to change: forget says it could not look in it
        kept, gone = without(data, matches)
        removed += gone
        if not gone or dry_run:
            continue
        if kept is None:
            path.unlink()
        else:
            write_whole(path, kept)
    return removed


def without(data: dict[str, Any], matches: Matches) -> tuple[dict[str, Any] | None, int]:
    """Records as the journal holds them (``libraries`` and ``entries``) without the
    patient's entries, with only the library versions the others use (None when no entry
    is left), and how many entries went: for the pending journal and each file set aside."""
    kept = [e for e in data["entries"] if not belongs(e, matches)]
    gone = len(data["entries"]) - len(kept)
    if not kept:
        return None, gone
    used = {(e.get("handout") or {}).get("library") for e in kept if isinstance(e, dict)}
    return {"libraries": {k: v for k, v in data["libraries"].items() if k in used},
            "entries": kept}, gone


def belongs(entry: Any, matches: Matches) -> bool:
    """Whether a journal entry is the patient's (an entry it cannot read is no one's)."""
    try:
        return bool(matches(entry["patient"]))
    except (TypeError, KeyError, AttributeError):
        return False
