"""An exercise a posted form lists twice (two tabs, a forged post): kept once, in its first
place, each later entry's dose over the one before, as the build of a program file that lists
it twice prints it (``resolve.merged_items``; README: *The program file*), so that the
handout the therapist previews and downloads is the one the saved file makes."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

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
        # a hold set without its alternatives takes the earlier ones away (models._over):
        # they split the hold they were written for
        dose["alternatives"] = ""
    stages = {"stages": later.stages, "own_stages": later.own_stages} if sets_stages else {}
    return replace(first, dose=dose, note=later.note or first.note, **stages)
