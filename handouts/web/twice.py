"""An exercise a posted form lists twice (two tabs, a forged post): kept once, in its first
place, each later entry's dose over the one before, as the build of a program file that lists
it twice prints it (``resolve.merged_items``; README: *The program file*), so that the
handout the therapist previews and downloads is the one the saved file makes."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Sequence, TypeVar

from handouts.errors import listed, times

Item = TypeVar("Item")  # draft.Item (draft imports this module, so not the other way)


def added(items: list[Item], item: Item, sets_stages: bool) -> bool:
    """``item`` put in ``items``: at the end, or laid over the one of its id already there
    (True: it was listed before)."""
    for at, kept in enumerate(items):
        if kept.id == item.id:
            items[at] = over(kept, item, sets_stages)
            return True
    items.append(item)
    return False


def over(first: Item, later: Item, sets_stages: bool) -> Item:
    """``later`` laid over ``first``: each dose box it fills, its note where it has one, and
    its Week by week rows where they make a progression (``sets_stages``), as a later entry's
    dose keys, note and ``progression:`` replace the earlier one's in a file."""
    dose = {**first.dose, **{name: typed for name, typed in later.dose.items() if typed}}
    if later.dose.get("hold") and not later.dose.get("alternatives"):
        # a hold set without its alternatives takes the earlier ones away (dose_models._over):
        # they split the hold they were written for
        dose["alternatives"] = ""
    stages = {"stages": later.stages, "own_stages": later.own_stages} if sets_stages else {}
    return replace(first, dose=dose, note=later.note or first.note, **stages)


def told(dropped: Sequence[str]) -> str:
    """What the page says of the exercises a form listed more than once: ``dropped``, the
    title of each later entry kept in the first (one exercise listed three times is there
    twice). Said for one or many, twice or more: "Bridge was listed twice" was said of
    Bridge and Chin tuck listed three times each."""
    counted = list(Counter(dropped).items())
    # "Bridge was listed twice, Chin tuck 3 times and Wall slide twice"
    said = listed([f"{title} {times(n + 1)}" if at else f"{title} was listed {times(n + 1)}"
                   for at, (title, n) in enumerate(counted)])
    each = " and is" if len(counted) == 1 else "; each is"
    return (f"Each exercise prints once: {said}{each} kept once, in its first place, each "
            "later dose over the one before (as a saved program file prints it).")
