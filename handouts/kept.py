"""The per-process caches: what a process lays out, resolves or formats once and reuses, each
a plain dict of at most so many entries, the oldest given up first. The web app's threads
keep into the same dicts, so an entry is added (and the oldest given up) under one lock; a
look-up is a plain ``dict.get``."""

from __future__ import annotations

import threading
from typing import Hashable

_adding = threading.Lock()


def keep(kept: dict, key: Hashable, value, limit: int) -> None:
    """``kept[key] = value``, giving up the oldest entry first where ``kept`` is full."""
    with _adding:
        if key not in kept and len(kept) >= limit:
            kept.pop(next(iter(kept)), None)
        kept[key] = value
