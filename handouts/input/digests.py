"""The SHA-256 of a picture file, kept while its size and time stay the same: the handout's
id counts what a picture shows (identity.py) and the record keeps each picture by it; the
drawing cache's names count the figure engine's fonts by it (render/figure_keys.py)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from handouts.input.cache import cache_root
from handouts.input.cache_folder import used

# by the file itself: its device and inode, its size and times (ctime too, which no one can
# set), so that a picture asked for again (a batch asks twice a row) is found without
# resolving its path, the cache folder's name for it: a sixth of a batch's main process
_digests: dict[tuple[int, ...], str] = {}


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file; None if it cannot be read. Kept while the file's size and time
    stay the same, per process and in the cache folder (``digests/``), as git's index keeps
    its files' hashes: a library of photos is read once, not at every build."""
    found = digest_kept(path)
    return None if found is None else found[0]


def digest_kept(path: Path) -> tuple[str, bool] | None:
    """``file_digest``, and whether it was written to the cache folder just now."""
    try:
        stat = path.stat()
    except OSError:
        return None
    same_file = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    if same_file in _digests:
        return _digests[same_file], False
    key = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
    kept = cache_root() / "digests" / hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    try:
        digest = kept.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        digest = ""
    wrote = False
    if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
        with contextlib.suppress(OSError):  # a cache that cannot be written: only slower
            _write(kept, digest)
            wrote = True
    used(kept)  # not pruned under this process; the newest for others
    if len(_digests) > 10_000:  # a web app that ran for months: start again
        _digests.clear()
    _digests[same_file] = digest
    return digest, wrote


def _write(kept: Path, digest: str) -> None:
    """Whole or not at all, private as all the cache (``files.write_atomic`` would be an
    import cycle: files knows the handout, whose id this module's digests are in)."""
    kept.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=kept.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(digest)
        os.replace(temp, kept)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
