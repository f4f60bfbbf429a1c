"""Handouts written to the outbox but not sent yet: what the record will keep of each, by the
message's name, until a send (at once, or by ``email --retry`` in a later run) delivers it.

One small JSON file per message in ``records/unsent/`` (0600, written whole, in the private
records folder): the entry as ``issued`` would write it. The library version it names (the
texts of the library, its translations and the clinic file: about 40 KB for the shipped
library) is kept once beside them, in ``unsent/libraries/<its hash>.json``, however many
messages name it, and deleted once none does: a batch of 500 emails keeps 0.5 MB, not 20.
A copy lost meanwhile (deleted, cut short) loses no message's record: the message is
recorded without it (see ``writing``). A file written by an older version holds its
library version itself, and is read as it is.
"""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path
from typing import Any, Iterable

from .journal import Damaged, locked, read_json
from .where import private_folder

FOLDER = "unsent"
LIBRARIES = "libraries"  # the library versions the messages name, one file each
# in a message's file: when it went whole to the server, which never answered, as the
# record has it as *maybe emailed* (see ``emailed``)
UNANSWERED = "unanswered"
# the outbox folder the message waits in (absolute): where history looks for it, and which
# outbox the command it suggests names
OUTBOX = "outbox"
_HASH = re.compile(r"[0-9a-f]{64}")
_threads = threading.Lock()
# the copies read whole and found to be their version in this process, by (path, size,
# time): a batch that queues 500 messages checks its library's copy once
_checked: set[tuple[str, int, int]] = set()


def folder(records: Path) -> Path:
    return Path(records) / FOLDER


def keep(records: Path, name: str, libraries: dict[str, list], entry: dict[str, Any], *,
         outbox: str | None = None) -> None:
    """Keep one message's entry until it is sent (written again if queued again), with the
    ``outbox`` folder it waits in: written
    whole and on the disk before the message can go, as the outbox's own files are (about
    2 ms a message, the library version's hash included: 0.8-0.9 s for 500), so a
    power cut never leaves a message to send whose record is lost. Its library version is
    on the disk before it."""
    from handouts import write_atomic

    where = folder(records)
    private_folder(Path(records))
    private_folder(where)
    with _locked(where):  # never while ``tidy`` decides that no message names a version
        inline = {}
        for digest, files in libraries.items():
            if _HASH.fullmatch(digest):
                _share(where, digest, files)
            else:  # not a name this wrote: kept with the message, as an older version did
                inline[digest] = files
        kept = {"libraries": inline, "entry": entry} if inline else {"entry": entry}
        if outbox:
            kept[OUTBOX] = outbox
        write_atomic(where / f"{_safe(name)}.json",
                     json.dumps(kept, ensure_ascii=False).encode("utf-8"))


def read(path: Path) -> dict[str, Any]:
    """One message's kept entry (and, in a file an older version wrote, its library
    versions); FileNotFoundError when there is none, Damaged (one line: the file and why)
    when it cannot be read as one."""
    kept = read_json(path)
    if not isinstance(kept, dict) or not isinstance(kept.get("libraries", {}), dict) or \
            not isinstance(kept.get("entry"), dict) or \
            not isinstance(kept["entry"].get("patient"), dict) or \
            not isinstance(kept["entry"].get("handout"), dict) or \
            ("libraries" not in kept and
             not _HASH.fullmatch(str(kept["entry"]["handout"].get("library")))):
        raise Damaged(f"{path}: not what handouts keeps of a message not sent yet")
    return kept


def program_of(records: Path, name: str) -> str | None:
    """The program text kept with message ``name`` (its patient, caregiver and addresses as
    it was queued); None where none is kept or its file cannot be read."""
    try:
        text = read(folder(records) / f"{_safe(name)}.json")["entry"].get("yaml")
    except (OSError, Damaged):
        return None
    return text if isinstance(text, str) else None


def mark(path: Path, at: str) -> None:
    """Note in a message's file that the record has it as *maybe emailed* at ``at``."""
    from handouts import write_atomic

    kept = read(path)
    kept[UNANSWERED] = at
    write_atomic(path, json.dumps(kept, ensure_ascii=False).encode("utf-8"))


def names(records: Path) -> list[str]:
    """The messages whose entries are kept: queued, and not recorded as sent yet."""
    where = folder(records)
    if not where.is_dir():
        return []
    return sorted(p.stem for p in where.glob("*.json") if not p.name.startswith("."))


def take(records: Path, names: Iterable[str],
         ) -> tuple[dict[str, list], list[dict], list[Path], list[str]]:
    """The kept entries of these messages (a message queued before the record kept any has
    none): their library versions (``[]`` for one whose copy is lost: missing, or not the
    version its name says), the entries, the files to remove once recorded, and what is
    said of each file that cannot be read (left as it is, for a person to look at)."""
    libraries: dict[str, list] = {}
    entries, files, unread = [], [], []
    where = folder(records)
    for name in names:
        path = where / f"{_safe(name)}.json"
        try:
            kept = read(path)
        except FileNotFoundError:
            continue
        except Damaged as exc:
            unread.append(str(exc))
            continue
        wanted = kept.get("libraries") or {}
        if "libraries" not in kept:
            digest = kept["entry"]["handout"]["library"]
            wanted = {digest: libraries.get(digest) or _shared(where, digest)}
        for digest, version in wanted.items():  # a version kept wins over one lost
            if version or digest not in libraries:
                libraries[digest] = version
        entries.append(kept["entry"])
        files.append(path)
    return libraries, entries, files, unread


def drop(records: Path, name: str) -> None:
    """Let go of what is kept of message ``name``: withdrawn, never to be sent."""
    (folder(records) / f"{_safe(name)}.json").unlink(missing_ok=True)


def tidy(records: Path) -> None:
    """Delete the library versions kept for messages that no message names any more (all
    sent and recorded, or forgotten). A message file that cannot be read is searched for
    the names all the same, and while one cannot be opened at all, every version stays."""
    where = folder(records)
    shared = where / LIBRARIES
    if not shared.is_dir():
        return
    with _locked(where):
        named: set[str] = set()
        for path in where.glob("*.json"):
            try:
                named.update(re.findall(r"[0-9a-f]{64}", path.read_text("utf-8", "replace")))
            except FileNotFoundError:
                continue
            except OSError:
                return
        for copy in shared.glob("*.json"):
            if copy.stem not in named:
                copy.unlink(missing_ok=True)


def of_patient(records: Path, matches) -> list[Path]:
    """The kept files whose patient ``matches`` (a predicate on the entry's patient data);
    one that cannot be read is passed over (``waiting.unreadable`` names it)."""
    from .aside import belongs

    found = []
    where = folder(records)
    for path in sorted(where.glob("*.json")) if where.is_dir() else ():
        try:
            entry = read(path)["entry"]
        except (FileNotFoundError, Damaged):
            continue
        if belongs(entry, matches):
            found.append(path)
    return found


def _share(where: Path, digest: str, files: list) -> None:
    """The library version ``digest`` kept beside the messages, unless its copy is there and
    whole; one cut short or changed is written again."""
    from handouts import write_atomic

    path = where / LIBRARIES / f"{digest}.json"
    try:
        stat = path.stat()
        if (str(path), stat.st_size, stat.st_mtime_ns) in _checked or _shared(where, digest):
            return
    except OSError:
        pass
    private_folder(path.parent)
    write_atomic(path, json.dumps(files, ensure_ascii=False).encode("utf-8"))


def _shared(where: Path, digest: str) -> list:
    """The library version kept as ``digest``, read whole and checked against its name;
    ``[]`` when it is lost (not there, cut short, or another version's text)."""
    from .entry import library_hash

    path = where / LIBRARIES / f"{digest}.json"
    try:
        with path.open("rb") as handle:  # its time and size as it is read
            stat, files = os.fstat(handle.fileno()), json.loads(handle.read())
    except (OSError, ValueError):
        return []
    if not isinstance(files, list) or not files or not all(
            isinstance(f, list) and len(f) >= 3 and all(isinstance(p, str) for p in f)
            for f in files) or library_hash(files) != digest:
        return []
    _checked.add((str(path), stat.st_size, stat.st_mtime_ns))
    return files


def _locked(where: Path):
    return locked(where / ".lock", _threads, where / LIBRARIES)


def _safe(name: str) -> str:
    # message names are the outbox's own (date, slug, handout id); never a path
    return Path(name).name
