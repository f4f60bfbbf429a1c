"""One sender at a time in an outbox (a batch, `email --retry`, the web app, `forget`), so
no message goes out twice: this process's threads queue on a lock, processes on the lock
file ``.lock`` in the outbox's folder (``handouts.file_lock``).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Iterator

from handouts import HandoutError, file_lock, make_folder


class Busy(HandoutError):
    """Another sender holds the outbox (``Outbox.locked``)."""


# threads of one process (the web app) queue behind each other; processes use the file lock
_THREAD_LOCK = threading.Lock()


@contextlib.contextmanager
def held(root: Path, wait: float | None = 30.0) -> Iterator[None]:
    """The outbox in ``root`` held by this sender alone; waits up to ``wait`` seconds for
    another to finish (None: for as long as it takes), else raises ``Busy``."""
    make_folder(root)
    busy = Busy(f"{root}: another make_handouts.py is sending from this "
                "outbox; try again when it has finished")
    with file_lock(root / ".lock", _THREAD_LOCK, busy, wait):
        yield
