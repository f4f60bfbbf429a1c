"""The sinks' helpers: private folders, files written whole or not at all, never over
another file, and the locks that let one writer in at a time (the names: file_names)."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from handouts.errors import HandoutError


@dataclass(frozen=True)
class Modes:
    """Permission bits for the folders and files the program makes."""

    folder: int
    file: int


# patient names are in file names and handouts, so no other local account may list or read
# them unless the clinic says its print folder is shared (clinic.yaml shared_print_folder)
PRIVATE = Modes(0o700, 0o600)
SHARED = Modes(0o755, 0o644)


def print_modes(clinic) -> Modes:
    """The modes for printed handouts (out/, --merge): private unless the clinic shares the
    folder with a print station. The outbox, programs/ and the drawing cache stay private."""
    return SHARED if getattr(clinic, "shared_print_folder", False) else PRIVATE


def numbered(path: Path, number: int) -> Path:
    """``out/2026-11-23_jo-smith.pdf`` → ``out/2026-11-23_jo-smith-2.pdf``"""
    return path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")


def make_folder(path: Path, modes: Modes = PRIVATE) -> None:
    """Make a folder and any missing parents with ``modes.folder``; existing ones are left
    as they are (they are the user's)."""
    path = Path(path)
    if path.is_dir():
        return
    missing = []
    for parent in (path, *path.parents):
        if parent.is_dir():
            break
        missing.append(parent)
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue
        os.chmod(folder, modes.folder)  # mkdir's mode is masked by the umask


def _temporary(path: Path, data: bytes, modes: Modes) -> str:
    make_folder(path.parent, modes)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if modes.file != 0o600:  # mkstemp makes 0600
                os.fchmod(handle.fileno(), modes.file)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes, modes: Modes = PRIVATE) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename. Replaces
    ``path``: for files the program owns (records, caches); handouts use ``write_new``."""
    path = Path(path)
    tmp = _temporary(path, data, modes)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_new(path: Path, data: bytes, modes: Modes = PRIVATE) -> Path:
    """Write ``data`` whole under ``path``, or, if another file is there, under the first
    free numbered name (``-2``, ``-3``...); a file with the very same bytes is kept as it is.
    Never replaces a file, even one another process makes at the same moment. Returns
    where the data is."""
    return write_new_or_found(path, data, modes)[0]


def write_new_or_found(path: Path, data: bytes, modes: Modes = PRIVATE,
                       former: Iterable[Path] = ()) -> tuple[Path, bool]:
    """``write_new``, and whether it wrote the file: False where a file with the very same
    bytes was there already (a roster run again), so that nothing new was made; under
    ``path`` or one of the ``former`` names an earlier version gave it."""
    path = Path(path)
    for before in former:
        if before != path and _same_bytes(before, data):
            return before, False
    tmp = _temporary(path, data, modes)
    found: list[Path] = []

    def same(target: Path) -> bool:
        if _same_bytes(target, data):
            found.append(target)
            return True
        return False

    try:
        target = rename_new(Path(tmp), path, same=same)
        return target, not found
    finally:
        Path(tmp).unlink(missing_ok=True)


def rename_new(tmp: Path, path: Path, same: Callable[[Path], bool] = lambda _: False) -> Path:
    """Give the finished file ``tmp`` (in ``path``'s folder) the name ``path`` or, if
    another file is there, the first free numbered name (``-2``, ``-3``...), or stop at a
    file that ``same`` says holds it already. Never replaces a file, even one another
    process makes at the same moment (the name is claimed with a hard link, which fails if
    it exists). Returns the name; ``tmp`` may be left for the caller to remove."""
    for number in range(1, 10_000):
        target = numbered(path, number)
        try:
            _claim(str(tmp), target)
        except FileExistsError:
            if same(target):
                return target
            continue
        return target
    raise HandoutError(f"{path}: 9,999 other files already have this name; choose "
                       "another folder")


# what a write fails with when the folder, not the file, is the trouble: every file after it
# would fail the same way
_FULL = {errno.ENOSPC, errno.EDQUOT}
_CLOSED = {errno.EROFS, errno.EACCES, errno.EPERM}


def folder_trouble(folder: Path, exc: OSError) -> str | None:
    """The one line for a write into ``folder`` that failed for the folder's sake (full,
    read-only, not this user's to write), saying what to do; None for a file's own trouble."""
    if exc.errno not in _FULL | _CLOSED:
        return None
    todo = ("free some space there" if exc.errno in _FULL
            else "make it writable, or choose another --out-dir")
    return (f"{folder}/: cannot write: {exc.strerror or exc}; {todo}, then run the same batch "
            "again: the packets written are left as they are")


def write_exclusive(path: Path, data: bytes, modes: Modes = PRIVATE) -> None:
    """Write ``data`` whole under ``path``, which must not be there: FileExistsError if it
    is, even when another process makes it at the same moment (the name is claimed as
    ``write_new`` claims one), and then nothing is written."""
    path = Path(path)
    tmp = _temporary(path, data, modes)
    try:
        _claim(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def stamp(data: bytes) -> str:
    """What a file holds, in short: a hash of its bytes. A page that opened a file carries
    it, so that saving over the file can tell whether someone else saved it meanwhile."""
    return hashlib.sha256(data).hexdigest()[:20]


def file_stamp(path: Path) -> str:
    """``stamp`` of the file at ``path`` as it is now; "" where there is no such file."""
    try:
        return stamp(Path(path).read_bytes())
    except FileNotFoundError:
        return ""


def _claim(tmp: str, target: Path) -> None:
    """Give ``tmp`` the name ``target`` unless that exists (FileExistsError)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        # a file system without hard links (FAT, some shares): claim the name with an
        # empty file that only this process may replace
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            os.replace(tmp, target)
        except BaseException:
            target.unlink(missing_ok=True)
            raise


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def refuse_inputs(output: Path, inputs: Iterable[Path | str | None], option: str) -> None:
    """An output path that names an input file (the program, library, clinic, roster, a
    picture) is refused: writing there would destroy the input. So is one that names
    something other than a file (a device such as /dev/null, a folder, a pipe): a handout
    would go beside it under a numbered name (/dev/null-2), or replace it."""
    output = Path(output)
    if not output.exists():
        return
    kind = _not_a_file(output)
    if kind:
        raise HandoutError(f"{option} {output}: that is {kind}, not a file; give the name of "
                           "a file to write")
    for given in inputs:
        if given is None:
            continue
        with contextlib.suppress(OSError):
            if os.path.samefile(output, given):
                raise HandoutError(f"{option} {output}: that is an input file ({given}); "
                                   "writing there would destroy it. Choose another name")


def _not_a_file(path: Path) -> str | None:
    """What ``path`` is (followed through links) if it is there and no regular file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    return ("a folder" if stat.S_ISDIR(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
            "a pipe" if stat.S_ISFIFO(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "something else")


@contextlib.contextmanager
def folder_lock(folder: Path, modes: Modes = PRIVATE) -> Iterator[None]:
    """One batch at a time writes into a folder: a second one refuses at once, in one line,
    rather than mixing its files with the first's. The lock is on the folder itself (a lock
    file would be one more file among the handouts); it goes when the process ends, however
    it ends."""
    make_folder(folder, modes)
    fd = _open_to_lock(Path(folder), modes)
    try:
        if not _try_lock(fd):
            raise HandoutError(f"{folder}: another make_handouts.py batch is writing into "
                               "this folder; wait for it to finish, or choose another "
                               "--out-dir")
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def file_lock(lock_file: Path, threads: threading.Lock, busy: Exception,
              wait: float | None = 30.0) -> Iterator[None]:
    """One at a time: this process's threads (the web app's) queue on ``threads``, processes
    on ``lock_file`` (made 0600 if it is not there). Waits up to ``wait`` seconds (None: as
    long as it takes), else raises ``busy``. ``lock_file`` may be a folder, locked itself as
    ``folder_lock`` locks one (no lock file among the user's files: the web app's saves into
    programs/). The outbox's senders, the record's journals and the web app's saves share
    it, so a lock is written once for every platform."""
    deadline = None if wait is None else time.monotonic() + wait
    if not threads.acquire(timeout=-1 if wait is None else wait):
        raise busy
    try:
        fd = _open_to_lock(Path(lock_file), PRIVATE)
        try:
            while not _try_lock(fd):
                if deadline is not None and time.monotonic() >= deadline:
                    raise busy
                time.sleep(0.05)
            try:
                yield
            finally:
                _unlock(fd)
        finally:
            os.close(fd)
    finally:
        threads.release()


def _open_to_lock(path: Path, modes: Modes) -> int:
    """A descriptor to lock ``path`` by: the file (made if it is not there), or a folder
    itself (on Windows, which cannot lock a folder, a lock file in it)."""
    if not path.is_dir():
        return os.open(path, os.O_RDWR | os.O_CREAT, modes.file)
    if os.name == "nt":  # pragma: no cover - Windows front-desk PCs
        return os.open(path / ".handouts.lock", os.O_RDWR | os.O_CREAT, modes.file)
    return os.open(path, os.O_RDONLY)


# msvcrt locks a byte from the file's position: every fd here is fresh, at 0, and never read
def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover - Windows front-desk PCs
            import msvcrt
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover
        import msvcrt
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl
        fcntl.flock(fd, fcntl.LOCK_UN)
