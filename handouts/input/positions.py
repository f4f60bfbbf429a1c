"""Where `order: by_position` puts an exercise: floor to feet, by the words of its position.

A clinic writes its own positions ("sitting on a chair", "standing on one leg"), so a
position that names a known one in its words sorts with it, after the known one itself;
any other follows them all, alphabetically (see docs/library.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

# floor to feet; "on your back" and the like are what a clinic writes after "lying"
POSITIONS = ("lying", "lying on your back", "on your back", "supine", "side-lying",
             "side lying", "lying on your side", "on your side", "prone", "lying on your front",
             "on your front", "on your stomach", "kneeling", "all fours", "hands and knees",
             "quadruped", "sitting", "seated", "standing", "walking")

_KNOWN = {position: rank for rank, position in enumerate(POSITIONS)}


@lru_cache(maxsize=256)
def _named(position: str) -> int:
    """The rank of the longest known position that ``position`` has as whole words
    ("standing on one leg": standing; "side-lying on a bed": side-lying, not lying)."""
    found = [(len(known), rank) for known, rank in _KNOWN.items()
             if re.search(rf"(?<![\w-]){re.escape(known)}(?![\w-])", position)]
    return max(found)[1] if found else len(POSITIONS)


def position_rank(position: str, order: tuple[str, ...] = ()) -> tuple[int, str]:
    """The sort key of a position: the library's own ``order`` (its ``positions:``, in its
    language) where it gives one, any other position after them, alphabetically; else the
    known ones in POSITIONS' order, each followed by the clinic's own words that name it
    (alphabetically), then the clinic's other positions, alphabetically. Exercises of one
    position keep their order (the sort is stable)."""
    if order:
        known = order.index(position) if position in order else len(order)
        return known, position if known == len(order) else ""
    if position in _KNOWN:
        return _KNOWN[position], ""
    return _named(position), position
