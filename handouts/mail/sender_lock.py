"""One sender at a time in an outbox (a batch, `email --retry`, the web app, `forget`), so
no message goes out twice: this process's threads queue on a lock, processes on the lock
file ``.lock`` in the outbox's folder.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path
from typing import Iterator

from handouts import HandoutError, make_folder


class Busy(HandoutError):
    """Another sender holds the outbox (``Outbox.locked``)."""


# threads of one process (the web app) queue behind each other; processes use the file lock
_THREAD_LOCK = threading.Lock()


@contextlib.contextmanager
def held(root: Path, wait: float | None = 30.0) -> Iterator[None]:
    """The outbox in ``root`` held by this sender alone; waits up to ``wait`` seconds for
    another to finish (None: for as long as it takes), else raises ``Busy``."""
    make_folder(root)
    deadline = None if wait is None else time.monotonic() + wait
    busy = Busy(f"{root}: another make_handouts.py is sending from this "
                "outbox; try again when it has finished")
    if not _THREAD_LOCK.acquire(timeout=-1 if wait is None else wait):
        raise busy
    try:
        with os.fdopen(os.open(root / ".lock", os.O_RDWR | os.O_CREAT, 0o600),
                       "r+b") as handle:
            while not _try_lock(handle):
                if deadline is not None and time.monotonic() >= deadline:
                    raise busy
                time.sleep(0.1)
            try:
                yield
            finally:
                _unlock(handle)
    finally:
        _THREAD_LOCK.release()


def _try_lock(handle) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover - Windows front-desk PCs
            import msvcrt
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle) -> None:
    if os.name == "nt":  # pragma: no cover
        import msvcrt
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
