"""Weekly stages on a handout started from the last visit: where the patient is in them, and
carrying them on from there.

A handout's weeks count from its own date, so a program started from the last visit starts
its stages again at week 1 though the patient is, say, in week 3. Neither silently: the
Week by week of each exercise the last visit gave says that they start again, and how long
ago the last handout was given; its *Carry on* button drops the weeks already done and
numbers the rest from week 1. The therapist chooses; nothing changes the plan unasked.
A program with a *Week 1 began* day (``weeks_from``) counts its weeks from that day, and is
carried on to the patient's week as it is built: it is told nothing, nor offered *Carry
on*, which would carry its stages on twice.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from handouts import Library, carried_spans, week_of
from handouts.web import actions, dose_fields
from handouts.web import draft as drafts
from handouts.web.draft import Draft, Item
from handouts.web.staff_words import page_said as said
from handouts.web.store import Outcome

_WEEKS = re.compile(r"^(\d{1,3})(?:\s*-\s*(\d{1,3}))?$")


def week_now(last_given: str, today: dt.date) -> int | None:
    """The week of the last handout the patient is in today (days 0-6 week 1, 7-13 week
    2); None where no date was given, or one that is not a day before today."""
    try:
        given = dt.date.fromisoformat(last_given)
    except ValueError:
        return None
    return week_of(given, today)


def _restarting_week(draft: Draft, today: dt.date) -> int | None:
    """The week of the last handout the patient is in, where the new one's stages start
    again at week 1: past week 1, and no ``weeks_from`` counting them from the surgery."""
    week = week_now(draft.last_given, today)
    return week if week is not None and week >= 2 and not draft.weeks_from else None


def carried_on(rows: list[dict[str, str]], week: int) -> list[dict[str, str]] | None:
    """The stages from ``week`` on, numbered from week 1: a stage done is left out, the one
    the patient is in keeps its weeks still to come. Where every stage is done, the last one
    alone, as long as it was (it goes on after its weeks, as the handout said). None where a
    stage's weeks are not whole weeks ("2.5"), which cannot be counted on."""
    spans = [_WEEKS.match(row.get("weeks", "").strip()) for row in rows]
    if not rows or not all(spans):
        return None
    lows_highs = [(int(m.group(1)), int(m.group(2) or m.group(1))) for m in spans]
    return [{**rows[i], "weeks": _weeks(lo, hi)}
            for i, lo, hi in carried_spans(lows_highs, week)]


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
    week = _restarting_week(draft, today)
    if not rows or week is None or item_id not in draft.weeks_again:
        return None
    days = (today - dt.date.fromisoformat(draft.last_given)).days
    return dict(week=week, text=said("stages_again", days=days, week=week))


def restarted(draft: Draft, library: Library, today: dt.date) -> tuple[str, str, int] | None:
    """What the top of a program started from the last visit says of the stages that start
    again (a therapist scrolling a long program misses the notes under each table): the
    words, the words of the link to the first one's note, and its place. None where no
    exercise's Week by week has such a note."""
    week = _restarting_week(draft, today)
    places = [i for i, item in enumerate(draft.items) if item.id in draft.weeks_again]
    if week is None or not places:
        return None
    if len(places) == 1:
        name = actions.title(library, draft.items[places[0]].id)
        return said("stages_again_one", title=name), said("see_its_weekly"), places[0]
    return (said("stages_again_many", count=len(places)), said("see_their_weekly"),
            places[0])


def carry_on(draft: Draft, arg: str, library: Library, today: dt.date) -> Outcome:
    """The button: the exercise's stages carried on from the week the patient is in. One
    stage left is the dose from then on, so it becomes the exercise's dose (its keys over
    the dose), with no Week by week: a one-row table, "From week 1 on: 2 sets of 8-10", reads
    to a patient as a change still to come. The Undo beside the notice puts it all back."""
    i = actions.index(arg, draft.items)
    item, where = draft.items[i], f"item-{i}-weekly"
    name = actions.title(library, item.id)
    week = _restarting_week(draft, today)
    if item.id not in library.exercise_ids or item.id not in draft.weeks_again \
            or week is None:
        raise actions.Refused(arg)  # the page offers it only for the last visit's exercises
    was = dict(id=item.id, dose=dict(item.dose), stages=[dict(r) for r in item.stages],
               own_stages=item.own_stages)
    actions.own_stages(item, library)
    rows = carried_on(item.stages, week)
    if rows is None:
        item.stages, item.own_stages = was["stages"], was["own_stages"]
        return Outcome(notice=said("not_carried", title=name), where=where)
    done = len(item.stages) - len(rows)
    left = words().counted("stages_done", done) if done else ""
    if len(rows) == 1:
        dose = {k: v for k, v in rows[0].items() if k != "weeks"}
        item.dose.update(dose)
        item.stages = []
        told = ", ".join(f"{actions.dose_word(k)} {v}" for k, v in dose.items())
        notice = said("carried_to_dose", title=name, week=week, done=left,
                      dose=f" ({told})" if told else "")
    else:
        item.stages = rows
        notice = said("carried_stages", title=name, week=week, done=left)
    draft.weeks_again.remove(item.id)
    # what Undo puts back, and the boxes carrying on set (one typed over since is kept)
    undo = json.dumps({UNDO_KEY: {**was, "set": {k: item.dose.get(k, "") for k in was["dose"]
                                                  | item.dose.keys()}}})
    return Outcome(notice=notice, where=where, undo=undo, focus="undo")


UNDO_KEY = "carried"


def carried(posted: str) -> dict | None:
    """What a carry's Undo button posts, or None where ``posted`` is another Undo's."""
    try:
        data = json.loads(posted)
    except ValueError:
        return None
    return data.get(UNDO_KEY) if isinstance(data, dict) and UNDO_KEY in data else None


def undo(draft: Draft, data: object, library: Library) -> Outcome:
    """The exercise's dose and Week by week put back as they were before it was carried on
    (a dose box typed over since keeps what was typed), and its note about the weeks again."""
    try:
        ident, own = str(data["id"]), bool(data["own_stages"])
        dose, done = ({str(k): str(v)[:200] for k, v in dict(data[key]).items()
                       if k in drafts.DOSE_FIELDS} for key in ("dose", "set"))
        stages = [{str(k): str(v)[:200] for k, v in dict(row).items() if k in drafts.STAGE_KEYS}
                  for row in list(data["stages"])[:drafts.MAX_STAGES]]
    except (ValueError, KeyError, TypeError):
        raise actions.Refused(str(data)) from None
    have = [item.id for item in draft.items]
    if ident not in library.exercise_ids or not draft.last_given:
        raise actions.Refused(ident)  # the page offers it only on a next visit's program
    if ident not in have:
        return Outcome(notice=said("not_back_gone", title=actions.title(library, ident)),
                       where="top")
    i = have.index(ident)
    item = draft.items[i]
    for k in dose.keys() | done.keys():
        if item.dose.get(k, "") == done.get(k, ""):
            item.dose[k] = dose.get(k, "")
    item.stages, item.own_stages = stages, own
    if ident not in draft.weeks_again:
        draft.weeks_again.append(ident)
    return Outcome(notice=said("weekly_back", title=actions.title(library, ident)),
                   where=f"item-{i}-weekly", focus=f"carry-on-{i}")


def words():
    """The page's words in the clinic's language (staff_words.Words)."""
    from flask import current_app

    return current_app.jinja_env.globals["t"]
