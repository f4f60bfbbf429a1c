"""The pending journal: records that could not reach the database wait here, in one small
JSON file (0600, written whole), until the next time the database answers.

It holds patient names, so it lives in the private records folder, and it is never logged.
Library texts are kept once per version, as in the database.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator

from .where import private_folder

NAME = "pending.json"
SET_ASIDE = "pending-*.rejected.json"  # a journal the database would not take (aside.py)
_threads = threading.Lock()


class Journal:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / NAME

    def exists(self) -> bool:
        return self.path.is_file()

    def add(self, libraries: dict[str, list], entries: list[dict[str, Any]]) -> None:
        """Append entries (and any library version they need) to what is pending."""
        private_folder(self.folder)
        with self.locked():
            data = self.read()
            data["libraries"].update(libraries)
            data["entries"].extend(entries)
            self._write(data)

    def read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"libraries": {}, "entries": []}
        return {"libraries": dict(data.get("libraries", {})),
                "entries": list(data.get("entries", []))}

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def set_aside(self) -> Path:
        """Move the journal out of the way under a name of its own (never over one set
        aside before, in the same second say); returns that name."""
        stamp = time.strftime('%Y%m%d-%H%M%S')
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
        lock = os.open(self.folder / f".{NAME}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        with _threads, os.fdopen(lock, "a+b") as handle:
            deadline = time.monotonic() + wait
            while not _try_lock(handle):
                if time.monotonic() > deadline:
                    raise OSError(f"{self.path} is held by another process")
                time.sleep(0.05)
            try:
                yield self
            finally:
                _unlock(handle)


def write_whole(path: Path, data: dict[str, Any]) -> None:
    """Records as JSON, in a 0600 file that appears whole or not at all (as the API writes
    every file it replaces)."""
    from handouts import write_atomic

    write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _try_lock(handle) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(handle) -> None:
    if sys.platform == "win32":
        import msvcrt
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
