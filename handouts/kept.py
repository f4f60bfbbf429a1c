"""The per-process caches: what a process lays out, resolves or formats once and reuses, each
a plain dict of at most so many entries, the oldest given up first. The web app's threads
keep into the same dicts, so an entry is added (and the oldest given up) under one lock; a
look-up is a plain ``dict.get``, or ``found`` where an entry in use should outlast the
ones made since (a cache whose limit is a small part of what a long-running process meets:
the web app makes a new card for every dose typed, and a library's cards recur in every
handout)."""

from __future__ import annotations

import threading
from typing import Hashable

_adding = threading.Lock()
_limits: dict[int, int] = {}  # id of a cache -> its limit, as ``keep`` was last given it


def keep(kept: dict, key: Hashable, value, limit: int) -> None:
    """``kept[key] = value``, giving up the oldest entry first where ``kept`` is full."""
    with _adding:
        _limits[id(kept)] = limit
        if key not in kept and len(kept) >= limit:
            kept.pop(next(iter(kept)), None)
        kept[key] = value


def found(kept: dict, key: Hashable):
    """``kept.get(key)``, the entry (where there is one) counted as the newest: the ones
    given up first are those unused for longest. Counted only once ``kept`` is three
    quarters full: nothing is given up before it is full, and moving an entry hashes its
    key (a block's content) twice more, a cost every handout of a batch paid for nothing."""
    value = kept.get(key)
    if value is not None and len(kept) * 4 >= _limits.get(id(kept), 0) * 3:
        with _adding:
            if kept.get(key) is value:
                del kept[key]
                kept[key] = value
    return value
