"""The pending journal: records that could not reach the database wait here, in one small
JSON file (0600, written whole), until the next time the database answers.

It holds patient names, so it lives in the private records folder, and it is never logged.
Library texts are kept once per version, as in the database.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from handouts import clinic_now
from handouts.errors import HandoutError, command

from .where import private_folder

NAME = "pending.json"
SET_ASIDE = "pending-*.rejected.json"  # a journal the database would not take (aside.py)
_threads = threading.Lock()
# what catching up did on its own that a person must know, not yet said (see ``said``)
_told: list[str] = []
_telling = threading.Lock()


class Damaged(HandoutError):
    """A file of records (the pending journal, one set aside) that cannot be read as one:
    cut short, not JSON, JSON of another shape, or not readable at all."""


def parse(path: Path) -> dict[str, Any]:
    """Records as the journal holds them (``libraries`` and ``entries``); FileNotFoundError
    when there is no file, Damaged (one line: the file and why) when it is not one. An
    empty file (a disk that lost a write) holds nothing to keep: read as no records."""
    data = read_json(path, empty={"libraries": {}, "entries": []})
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list) or \
            not isinstance(data.get("libraries", {}), dict):
        raise Damaged(f"{path}: not records as handouts writes them") from None
    return {"libraries": dict(data.get("libraries", {})), "entries": data["entries"]}


def read_json(path: Path, empty: Any = None) -> Any:
    """The JSON in a file of records (the journal, one set aside, one kept of a message not
    sent yet); FileNotFoundError when there is none, Damaged (one line: the file and why)
    when it cannot be read or is not JSON. ``empty``: what an empty file holds, if not
    that it is damaged."""
    try:
        text = Path(path).read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Damaged(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if empty is not None and not text.strip():
        return empty
    try:
        return json.loads(text)
    except ValueError:  # UnicodeDecodeError too
        raise Damaged(f"{path}: cut short or damaged (not JSON)") from None


def tell(line: str) -> None:
    """Keep a line for ``said``: what the record did on its own while doing what it was
    asked (a damaged journal set aside)."""
    with _telling:
        _told.append(line)
        del _told[:-20]  # a web app that never asks keeps the last few


def said() -> list[str]:
    """The lines ``tell`` kept since the last call, each said once."""
    with _telling:
        lines, _told[:] = list(_told), []
    return lines


class Added(NamedTuple):
    """What ``Journal.add`` did: what is said of a damaged journal set aside (else None),
    and how many handouts waited in it before and wait now."""

    said: str | None
    waited: int
    waiting: int


def _handouts(entries: list[dict[str, Any]]) -> int:
    """How many of the entries are handouts given (the others: program versions alone)."""
    return sum(1 for entry in entries if isinstance(entry, dict) and entry.get("handout"))


def caught_up(entries: list[dict[str, Any]], notices: list[str]) -> None:
    """Tell (see ``said``) that the records which waited in the journal are in the record
    now, and what writing them said (a patient told apart from another of one name): a
    front desk whose database was away learns, once, that its handouts reached it."""
    handouts = _handouts(entries)
    count, thing = (handouts, "handout") if handouts else (len(entries), "program version")
    # "for the record": a database away, or one whose disk was full, alike
    tell(f"recorded {count} {thing}{'s' if count != 1 else ''} that waited for the record "
         "(records/pending.json)")
    for line in notices:
        tell(line)


def damaged(exc: Damaged, kept: Path, *, anew: bool = False) -> str:
    """What is said of a journal that could not be read, once it is set aside as ``kept``
    (``anew``: and a new one begun, for records that could not reach the database)."""
    return (f"{exc}; it is kept as {kept}{' and a new one begun' if anew else ''}: put it "
            f"right and bring its records back with {command('import', Path(kept))}, or delete "
            "it once they are in the record")


class Journal:
    def __init__(self, folder: Path, timezone: str | None = None):
        self.folder = Path(folder)
        self.path = self.folder / NAME
        self.timezone = timezone  # clinic.yaml's: the clock that names a journal set aside

    def exists(self) -> bool:
        return self.path.exists()  # a folder in its place too: read() says so

    def add(self, libraries: dict[str, list], entries: list[dict[str, Any]]) -> Added:
        """Append entries (and any library version they need) to what is pending. A journal
        that cannot be read is set aside first, never written over, and a new one begun:
        what is said of it, with how many handouts waited before and wait now."""
        private_folder(self.folder)
        said = None
        with self.locked():
            try:
                data = self.read()
            except Damaged as exc:
                said = damaged(exc, self.set_aside(), anew=True)
                data = {"libraries": {}, "entries": []}
            waited = _handouts(data["entries"])
            for digest, files in libraries.items():  # one lost on its way ([]: see
                if files or digest not in data["libraries"]:  # unsent) never hides one kept
                    data["libraries"][digest] = files
            data["entries"].extend(entries)
            self._write(data)
        return Added(said, waited, _handouts(data["entries"]))

    def read(self) -> dict[str, Any]:
        """What is pending; Damaged if the journal cannot be read (see ``parse``)."""
        try:
            return parse(self.path)
        except FileNotFoundError:
            return {"libraries": {}, "entries": []}

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def set_aside(self) -> Path:
        """Move the journal out of the way under a name of its own (never over one set
        aside before, in the same second say), its time as the clinic's clock shows it (as
        a backup's is named); returns that name."""
        stamp = clinic_now(self.timezone).strftime("%Y%m%d-%H%M%S")
        for n in range(1, 1000):
            kept = self.path.with_name(f"pending-{stamp}{f'-{n}' if n > 1 else ''}"
                                       ".rejected.json")
            if not kept.exists():
                break
        os.replace(self.path, kept)
        return kept

    def _write(self, data: dict[str, Any]) -> None:
        write_whole(self.path, data)

    @contextlib.contextmanager
    def locked(self, wait: float = 30.0) -> Iterator["Journal"]:
        """One writer at a time: threads of the web app queue on a lock, processes (a batch
        and the web app, say) on a lock file beside the journal."""
        private_folder(self.folder)
        with locked(self.folder / f".{NAME}.lock", _threads, self.path, wait):
            yield self


def locked(lock_file: Path, threads: threading.Lock, what: Path,
           wait: float = 30.0) -> contextlib.AbstractContextManager[None]:
    """One at a time: this process's threads on ``threads``, processes on ``lock_file``
    (made 0600 if it is not there); an OSError naming ``what`` after ``wait`` seconds."""
    from handouts import file_lock

    return file_lock(lock_file, threads, OSError(f"{what} is held by another process"), wait)


def write_whole(path: Path, data: dict[str, Any]) -> None:
    """Records as JSON, in a 0600 file that appears whole or not at all (as the API writes
    every file it replaces)."""
    from handouts import write_atomic

    write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))

