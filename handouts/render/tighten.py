"""Which of a page's cards are set tighter, and how tight, for one more card to fit (see
CardRun).

A card may come with several tighter versions: the dose on a line under the title instead
of a box under the picture, and the picture as large as a standard card's, then smaller
(cards.TIGHTER). The picture is what a patient follows alone, so a page first asks the
versions whose picture keeps its size, of as many cards as it needs; only where that is not
enough does it take smaller pictures, of the fewest cards, and gives each of those back as
much of its picture as the room left allows.
"""

from __future__ import annotations

from collections.abc import Callable


def versions(full: list[float], tighter: list[int], height: Callable[[int, int], float],
             room: float) -> list[int] | None:
    """For each card (``full``: their heights as set, ``tighter``: how many tighter
    versions each has, largest picture first), the version to set (0: as set, k: its k-th
    tighter one) for them all to fit ``room``; None where they cannot. ``height(i, k)``:
    card ``i``'s k-th tighter version's height, asked only where it is needed."""
    total = sum(full)
    if total <= room:
        return [0] * len(full)
    for level in range(1, max(tighter, default=0) + 1):
        at = {i: min(level, n) for i, n in enumerate(tighter) if n}
        saving = {i: full[i] - height(i, k) for i, k in at.items()}
        picked, left = [0] * len(full), total
        # the fewest cards at this level: the biggest savings first
        for i in sorted(saving, key=saving.get, reverse=True):
            if left <= room or saving[i] <= 0:
                break
            left -= saving[i]
            picked[i] = at[i]
        if left > room:
            continue
        for i, k in enumerate(picked):
            # a picture made smaller than it need be gets back what the room left allows
            for larger in range(1, k):
                more = height(i, larger) - height(i, k)
                if left + more <= room:
                    left += more
                    picked[i] = larger
                    break
        return picked
    return None
