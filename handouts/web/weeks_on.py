"""Weekly stages on a handout started from the last visit: where the patient is in them, and
carrying them on from there.

A handout's weeks count from its own date, so a program started from the last visit starts
its stages again at week 1 though the patient is, say, in week 3. Neither silently: the
Week by week of each exercise the last visit gave says that they start again, and how long
ago the last handout was given; its *Carry on* button drops the weeks already done and
numbers the rest from week 1. The therapist chooses; nothing changes the plan unasked.
"""

from __future__ import annotations

import datetime as dt
import re

from handouts import Library
from handouts.web import actions, dose_fields
from handouts.web.draft import Draft, Item
from handouts.web.store import Outcome

_WEEKS = re.compile(r"^(\d{1,3})(?:\s*-\s*(\d{1,3}))?$")


def week_now(last_given: str, today: dt.date) -> int | None:
    """The week of the last handout the patient is in today (days 0-6 week 1, 7-13 week
    2); None where no date was given, or one that is not a day before today."""
    try:
        given = dt.date.fromisoformat(last_given)
    except ValueError:
        return None
    days = (today - given).days
    return days // 7 + 1 if days >= 0 else None


def carried_on(rows: list[dict[str, str]], week: int) -> list[dict[str, str]] | None:
    """The stages from ``week`` on, numbered from week 1: a stage done is left out, the one
    the patient is in keeps its weeks still to come. Where every stage is done, the last one
    alone, as long as it was (it goes on after its weeks, as the handout said). None where a
    stage's weeks are not whole weeks ("2.5"), which cannot be counted on."""
    spans = [_WEEKS.match(row.get("weeks", "").strip()) for row in rows]
    if not rows or not all(spans):
        return None
    lows_highs = [(int(m.group(1)), int(m.group(2) or m.group(1))) for m in spans]
    out = [{**row, "weeks": _weeks(max(lo - week + 1, 1), hi - week + 1)}
           for row, (lo, hi) in zip(rows, lows_highs) if hi >= week]
    if not out:
        lo, hi = lows_highs[-1]
        out = [{**rows[-1], "weeks": _weeks(1, hi - lo + 1)}]
    return out


def _weeks(lo: int, hi: int) -> str:
    return f"{lo}-{hi}" if hi > lo else str(lo)


def staged(items: list[Item], library: Library) -> list[str]:
    """The exercises that had weekly stages, their own or the library's: those a stage
    added on the new visit's form starts at week 1 rightly."""
    return [item.id for item in items if (item.stages if item.own_stages else
                                          dose_fields.stage_texts(library.exercise(item.id).dose))]


def restart_note(draft: Draft, item_id: str, rows: int, today: dt.date) -> dict | None:
    """What an exercise's Week by week says where its stages start again at week 1 though the
    patient is in a later week of the last handout's: the words, and the week to carry on
    from. None for an exercise the last visit did not give, one carried on already, no
    stages, or a patient still in week 1."""
    week = week_now(draft.last_given, today)
    if not rows or week is None or week < 2 or item_id not in draft.weeks_again:
        return None
    days = (today - dt.date.fromisoformat(draft.last_given)).days
    return dict(week=week, text=f"These weekly stages start again at week 1; the last "
                                f"handout was given {days} days ago (week {week}).")


def carry_on(draft: Draft, arg: str, library: Library, today: dt.date) -> Outcome:
    """The button: the exercise's stages carried on from the week the patient is in."""
    i = actions.index(arg, draft.items)
    item, where = draft.items[i], f"item-{i}-weekly"
    name = actions.title(library, item.id)
    week = week_now(draft.last_given, today)
    if item.id not in library.exercise_ids or item.id not in draft.weeks_again \
            or week is None or week < 2:
        raise actions.Refused(arg)  # the page offers it only for the last visit's exercises
    actions.own_stages(item, library)
    rows = carried_on(item.stages, week)
    if rows is None:
        return Outcome(notice=f"Not carried on: each stage of {name} needs its weeks as whole "
                              'weeks ("3-4") first.', where=where)
    done = len(item.stages) - len(rows)
    item.stages = rows
    draft.weeks_again.remove(item.id)
    left = f" {done} stage{'s' if done != 1 else ''} done left out." if done else ""
    return Outcome(notice=f"{name}'s stages carry on from week {week} of the last handout, "
                          f"now week 1.{left}", where=where)
