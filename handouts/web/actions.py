"""The editor's buttons that change the program (add, move, remove, undo, add or remove a
stage of an exercise's Week by week): each changes the draft and says what it did and where on
the page to say it.
No requests or responses here; a forged argument raises ``Refused``."""

from __future__ import annotations

import json
import re

from handouts import Library
from handouts.web import dose_fields
from handouts.web import draft as drafts
from handouts.web.draft import Draft, Item
from handouts.web.staff_words import page_said as said
from handouts.web.store import Outcome

_WEEKS = re.compile(r"^(\d{1,3})(?:\s*-\s*(\d{1,3}))?$")
LAST_WEEK = 104  # as a progression's stage may end (README: Limits)


class Refused(ValueError):
    """A button's argument that the page never offers (a forged form)."""


def title(library: Library, ident: str) -> str:
    if ident not in library.exercise_ids:  # renamed or removed since the page was shown
        return said("not_in_library", id=ident)
    return str(library.exercise(ident).title)


def index(arg: str, items: list) -> int:
    if not arg.isdigit() or not 0 <= int(arg) < len(items):
        raise Refused(arg)
    return int(arg)


def add(draft: Draft, arg: str, library: Library) -> Outcome:
    if arg not in library.exercise_ids:
        raise Refused(arg)
    where = f"card-{arg}"
    have = [item.id for item in draft.items]
    if arg in have:
        return Outcome(notice=said("not_added_there", title=title(library, arg),
                                   number=have.index(arg) + 1), where=where,
                       link=f"item-{have.index(arg)}-title")
    if len(draft.items) >= drafts.MAX_EXERCISES:
        return Outcome(notice=said("not_added_full", most=drafts.MAX_EXERCISES), where=where)
    draft.items.append(Item(arg))
    return Outcome(notice=said("added_as", title=title(library, arg), number=len(draft.items)),
                   where=where, link=f"item-{len(draft.items) - 1}-title")


def move(draft: Draft, arg: str, library: Library, step: int) -> Outcome:
    items = draft.items
    i = index(arg, items)
    j = min(max(i + step, 0), len(items) - 1)
    items[i], items[j] = items[j], items[i]
    return Outcome(notice=said("now_no", title=title(library, items[j].id), number=j + 1),
                   where=f"item-{j}")


def move_to(draft: Draft, arg: str, library: Library) -> Outcome:
    """Drag and drop: ``from:to``."""
    source, _, target = arg.partition(":")
    items = draft.items
    i, j = index(source, items), index(target, items)
    items.insert(j, items.pop(i))
    return Outcome(notice=said("now_no", title=title(library, items[j].id), number=j + 1),
                   where=f"item-{j}")


def remove(draft: Draft, arg: str, library: Library) -> Outcome:
    i = index(arg, draft.items)
    item = draft.items.pop(i)
    undo = json.dumps({"at": i, "id": item.id, "dose": item.dose, "note": item.note,
                       "stages": item.stages, "own_stages": item.own_stages})
    return Outcome(notice=said("removed_item", title=title(library, item.id)),
                   where=f"removed-{i}",
                   undo=undo)


def undo(draft: Draft, posted: str, library: Library) -> Outcome:
    """Put a removed exercise back where it was, with the dose and note it had; or a removed
    stage of an exercise's Week by week (``undo_stage``)."""
    try:
        data = json.loads(posted)
    except ValueError:
        raise Refused(posted) from None
    if isinstance(data, dict) and "stage" in data:
        return undo_stage(draft, data, library)
    try:
        ident, at = data["id"], int(data["at"])
        dose = {str(k): str(v)[:200] for k, v in dict(data.get("dose") or {}).items()
                if k in drafts.DOSE_FIELDS}
        note = str(data.get("note") or "")[:2000]
        stages = [{str(k): str(v)[:200] for k, v in dict(row).items() if k in drafts.STAGE_KEYS}
                  for row in list(data.get("stages") or [])[:drafts.MAX_STAGES]]
    except (ValueError, KeyError, TypeError, OverflowError):  # 1e400 reads as infinity
        raise Refused(posted) from None
    # one the library no longer has comes back as it was removed: still to be replaced
    known = ident in library.exercise_ids
    if not (known or drafts.could_be_id(ident)):
        raise Refused(str(ident))
    if ident in {item.id for item in draft.items}:
        return Outcome(notice=said("in_already", title=title(library, ident)))
    at = min(max(at, 0), len(draft.items))
    draft.items.insert(at, Item(ident, dose, note, stages,
                                bool(data.get("own_stages")) or not known))
    return Outcome(notice=said("back_as", title=title(library, ident), number=at + 1),
                   where=f"item-{at}")


def own_stages(item: Item, library: Library) -> None:
    """The Week by week rows become the item's own: the library's stages, with what was typed
    over them, to add to or take from."""
    if not item.own_stages:
        item.stages = drafts.merged_stages(
            item.stages, dose_fields.stage_texts(library.exercise(item.id).dose))
        item.own_stages = True


def next_weeks(rows: list[dict[str, str]]) -> str:
    """The weeks a new stage likely covers: as many as the last one's, right after them."""
    if not rows:
        return "1-2"
    found = _WEEKS.match(rows[-1].get("weeks", ""))
    if not found:
        return ""
    lo, hi = int(found.group(1)), int(found.group(2) or found.group(1))
    start, end = hi + 1, hi + 1 + max(hi - lo, 0)
    if start > LAST_WEEK:
        return ""
    return f"{start}-{min(end, LAST_WEEK)}" if min(end, LAST_WEEK) > start else str(start)


def weeks_named(weeks: str) -> str:
    return said("weeks_range" if "-" in weeks else "week_n", weeks=weeks)


def dose_word(field: str) -> str:
    """A dose field as a line of a dose names it ("hold", "combien de fois"): its box's
    label in the page's language, in lower case; the field itself where none is known."""
    return said(f"dose_{field}").lower() if field in DOSE_WORDS else field


# the dose fields the staff words name (dose_hold ...), and a stage's weeks and progression
DOSE_WORDS = frozenset({*drafts.DOSE_FIELDS, "weeks", "progression"})


def stage_named(weeks: str | None, number: int) -> str:
    """A stage by its weeks ("weeks 3-4"), or by its place where it has none ("stage 2")."""
    return weeks_named(weeks) if weeks else said("stage_n", number=number)


def add_stage(draft: Draft, arg: str, library: Library) -> Outcome:
    i = index(arg, draft.items)
    item, where = draft.items[i], f"item-{i}-weekly"
    own_stages(item, library)
    name = title(library, item.id)
    if len(item.stages) >= drafts.MAX_STAGES:
        return Outcome(notice=said("stages_full", title=name, most=drafts.MAX_STAGES),
                       where=where)
    weeks = next_weeks(item.stages)
    item.stages.append({"weeks": weeks} if weeks else {})
    j = len(item.stages) - 1
    return Outcome(notice=said("added_stage", stage=weeks_named(weeks), title=name) if weeks
                   else said("added_stage_type", number=j + 1, title=name),
                   where=where, focus=f"ex-{i}-stage-{j}-weeks")


def remove_stage(draft: Draft, arg: str, library: Library) -> Outcome:
    """``exercise:stage``. The row removed, as typed, travels in the Undo button's form."""
    exercise, _, stage = arg.partition(":")
    i = index(exercise, draft.items)
    item = draft.items[i]
    own_stages(item, library)
    j = index(stage, item.stages)
    row = item.stages.pop(j)
    weeks = row.get("weeks")
    return Outcome(notice=said("removed_stage", stage=stage_named(weeks, j + 1),
                               title=title(library, item.id)), where=f"item-{i}-weekly",
                   undo=json.dumps({"id": item.id, "stage": j, "row": row}), focus="undo")


def undo_stage(draft: Draft, data: dict, library: Library) -> Outcome:
    """Put a removed stage back in its exercise (found by its id, not its place in the list),
    in the place the stage had, with what was typed in it."""
    try:
        ident, at = str(data["id"]), int(data["stage"])
        row = {str(k): str(v)[:200] for k, v in dict(data["row"]).items()
               if k in drafts.STAGE_KEYS}
    except (ValueError, KeyError, TypeError, OverflowError):
        raise Refused(str(data)) from None
    have = [item.id for item in draft.items]
    if ident not in library.exercise_ids and ident not in have:
        raise Refused(ident)
    if ident not in have:
        return Outcome(notice=said("not_back_gone", title=title(library, ident)), where="top")
    i = have.index(ident)
    item, where = draft.items[i], f"item-{i}-weekly"
    own_stages(item, library)
    name = title(library, ident)
    if len(item.stages) >= drafts.MAX_STAGES:
        return Outcome(notice=said("not_back_full", title=name, most=drafts.MAX_STAGES),
                       where=where)
    at = min(max(at, 0), len(item.stages))
    item.stages.insert(at, row)
    weeks = row.get("weeks")
    return Outcome(notice=said("put_back", stage=stage_named(weeks, at + 1), title=name),
                   where=where, focus=f"ex-{i}-stage-{at}-weeks")


def edit(draft: Draft, action: str, arg: str, library: Library, undo_data: str) -> Outcome:
    """Dispatch one of the buttons above; Refused for an action the page never sends."""
    if action == "add":
        return add(draft, arg, library)
    if action in ("up", "down"):
        return move(draft, arg, library, -1 if action == "up" else 1)
    if action == "move":
        return move_to(draft, arg, library)
    if action == "remove":
        return remove(draft, arg, library)
    if action == "undo":
        return undo(draft, undo_data, library)
    if action == "stage_add":
        return add_stage(draft, arg, library)
    if action == "stage_remove":
        return remove_stage(draft, arg, library)
    raise Refused(action)
