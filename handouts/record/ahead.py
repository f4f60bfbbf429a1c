"""The record made ready beside the build: a second process opens the database while the
handout is laid out, then writes what it is sent and sends back the notices.

Importing SQLAlchemy and opening the record (creating or upgrading it) is about a quarter of
a one-handout build from a cold start, and none of it needs the handout. So the ``build``
command forks a helper first: it does that work on the other core, then waits. When the PDF
is written the entries go to it over a pipe, it writes them in one transaction (or into
the pending journal, as ``issued`` always does) and answers with the notices, such as a
patient told apart from another of the same name. The user sees exactly what an in-process
write would show, at the same moment. ``batch`` does the same while its first packets are
built (its workers start only after them), and sends its entries in several sets, each
answered before the next is sent.

Nothing is forked where it would not be safe or possible (no ``os.fork``; other threads
running, which a fork copies mid-work); then, and whenever the helper does not answer,
the entries are written in this process as before. A build that fails sends nothing: the
helper is told there is no more (or sees the pipe close) and leaves without writing.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import threading
from typing import Callable


class Ahead:
    """A helper process with the record open, waiting for sets of entries."""

    def __init__(self, pid: int, to_helper: int, from_helper: int):
        self.pid, self._to, self._from = pid, to_helper, from_helper

    def write(self, libraries: dict, rows: list) -> tuple[str, ...] | None:
        """Have the helper write the entries; its notices, or None if it gave no answer
        (the caller then writes them itself: writing an entry twice keeps it once; and
        every later set too, as the helper is let go)."""
        if self._to < 0:
            return None
        try:
            _send(self._to, pickle.dumps((libraries, rows)))
            answer = _receive(self._from)
            return tuple(pickle.loads(answer)) if answer else None
        except (OSError, pickle.UnpicklingError, EOFError):
            self.close()
            return None

    def close(self) -> None:
        """Let the helper go (unsent entries: none to write) and wait for it to end."""
        if self._to >= 0:
            # said, not left to the pipe's end: a batch's workers, forked after the helper,
            # hold copies of this end until they have all gone
            with contextlib.suppress(OSError):
                _send(self._to, b"")
        for fd in (self._to, self._from):
            if fd >= 0:
                os.close(fd)
        self._to = self._from = -1
        if self.pid:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = 0


# each message is its length (8 bytes) and a pickle; an empty one ends the conversation
def _send(fd: int, data: bytes) -> None:
    view = memoryview(len(data).to_bytes(8, "big") + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int) -> bytes:
    size = int.from_bytes(_exactly(fd, 8), "big")
    return _exactly(fd, size)


def _exactly(fd: int, size: int) -> bytes:
    parts, left = [], size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            raise EOFError("the other process went away")
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def start(prepare: Callable[[], None], write: Callable[[dict, list], tuple[str, ...]],
          ) -> Ahead | None:
    """Fork a helper that runs ``prepare()`` (its failure is only reported by the write
    that follows), then ``write(libraries, rows)`` on what it is sent; None where this
    process should not fork."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    down_r, down_w = os.pipe()
    up_r, up_w = os.pipe()
    # What this process has made so far (its modules, the workspace: most of a cold build's
    # objects, kept to its end) is left out of the helper's looks for garbage cycles, which
    # would copy the pages they touch; and here it is moved to the oldest generation, so a
    # look no longer goes through those 50,000 young objects for nothing (15-19 ms).
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the helper
        os.close(down_w)
        os.close(up_r)
        _helper(prepare, write, down_r, up_w)
    gc.unfreeze()
    os.close(down_r)
    os.close(up_w)
    return Ahead(pid, down_w, up_r)


def _helper(prepare, write, down: int, up: int) -> None:
    # never returns: os._exit, so that nothing of the parent's (buffered output, exit
    # handlers, a test runner's teardown) runs a second time here
    code = 1
    try:
        try:
            prepare()
        except Exception:  # noqa: BLE001 - the write reports the same trouble, if it lasts
            pass
        with contextlib.suppress(EOFError):  # the parent went away: nothing more to write
            while sent := _receive(down):
                _send(up, pickle.dumps(tuple(write(*pickle.loads(sent)))))
        code = 0
    finally:
        os._exit(code)
