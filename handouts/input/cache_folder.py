"""The cache folder kept to a size: each of its folders holds at most so many entries, the
least recently used deleted first once one is written there.

Each edit of the library, clinic, translations or the clinic's own protocols is another
validated workspace (about 50 KB), each library version reprinted a folder of its files,
each new colour or picture box a drawing: nothing was ever deleted (23 MB after 230 edits,
and no end). An entry deleted only costs the time of making it again, and an entry this
process read or wrote is never deleted by it (an ``as-issued`` folder's pictures are read
while its handout is made). "Recently used" is the entry's time, set to now when it is
read, so another process deletes the ones no one has used for longest.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from handouts.input.cache import cache_root

# how many entries each folder keeps, at most; beyond, it is cut to nine tenths of that, so
# that it is not listed and cut again at every entry written
LIMITS = {"workspaces": 32, "as-issued": 16, "wording": 32, "drawings": 2_000,
          "photos": 1_000, "templates": 500, "hyphenation": 64, "digests": 5_000}
_in_use: dict[Path, None] = {}  # the entries this process used, the oldest first
_IN_USE = 4_000
_lock = threading.Lock()


def used(path: Path) -> Path:
    """``path``, an entry of a folder of the cache folder (a file, or a folder of files),
    is in use by this process: it is not deleted here, and counts as used now elsewhere
    (where it is there already)."""
    with _lock:
        _in_use.pop(path, None)
        _in_use[path] = None
        if len(_in_use) > _IN_USE:  # a process that ran for months: its oldest are done
            _in_use.pop(next(iter(_in_use)))
    try:
        os.utime(path)
    except OSError:  # not written yet, or a cache folder this user cannot write
        pass
    return path


def prune(folder: Path) -> int:
    """Delete the least recently used entries of ``folder`` (one of the cache folder's, in
    LIMITS) beyond its limit, none in use by this process; how many were deleted."""
    limit = LIMITS.get(folder.name)
    if limit is None or folder.parent != cache_root():
        return 0
    try:
        names = [n for n in os.listdir(folder) if not n.startswith(".")]  # .part: written
    except OSError:
        return 0
    if len(names) <= limit:
        return 0
    with _lock:
        busy = set(_in_use)
    aged = []
    for name in names:
        path = folder / name
        try:
            aged.append((os.lstat(path).st_mtime_ns, name, path))
        except OSError:  # deleted by another process meanwhile
            continue
    aged.sort()
    gone = 0
    for _, _, path in aged[:len(names) - (limit - limit // 10)]:
        if path in busy:
            continue
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            gone += 1
        except OSError:  # another process's, or not ours to delete: only bigger
            pass
    return gone
