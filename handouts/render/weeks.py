"""A long progression's weeks in a table of their own, under the exercise.

The dose box, a narrow column under the picture, holds a progression of a few stages. A
long one (a 26-week protocol after surgery, in stages of two weeks; or a few stages in two
languages) made the card taller than a page there, and a card cannot run on to the next
page inside that column: the handout failed. Such weeks go under the card instead, the
width of the page, one row a stage, and the table runs on from page to page with its
heading again at the top of each.
"""

from __future__ import annotations

import dataclasses

from reportlab.platypus import Table

from handouts.kept import keep
from handouts.render import mirror
from handouts.render.dose_box import progression
from handouts.render.context import Context, esc
from handouts.render.flowables import banded, height_of
from handouts.resolve import HandoutExercise
from handouts.words import text

# the most of a page that the weeks may take in the dose box (a shoulder protocol's three
# short stages take a quarter of it)
SHARE_OF_PAGE = 1 / 3


def below(ctx: Context, e: HandoutExercise) -> bool:
    """Whether the exercise's weeks go under its card rather than in its dose box; worked
    out once per process for each progression and theme, as the cards are."""
    if not e.progression:
        return False
    t = ctx.theme
    key = (e.stages, t.layout, t.page_size, t.rtl)
    found = _below.get(key)
    if found is None:
        found = height_of(progression(ctx, e), t.image_width, 0xFFFFFF) > \
            t.frame_height * SHARE_OF_PAGE
        keep(_below, key, found, 256)
    return found


_below: dict = {}


def card_part(ctx: Context, e: HandoutExercise) -> HandoutExercise:
    """The exercise as its card shows it, where its weeks are in a table of their own: its
    dose box says what to do first (the first stage, as page 1's summary does), never
    nothing under *How much* where every stage sets the dose."""
    first = tuple(text.both(f"{text.part(weeks, i)}{ctx.colon(i)}{text.part(what, i)}"
                            for i in range(len(ctx.handout.languages)))
                  for weeks, what in e.stages[:1])
    return dataclasses.replace(e, progression=(), goes_on=None,
                               dose_parts=(*e.dose_parts, *first))


class Weeks(Table):
    """The table of a long progression (its parts, where it runs on, are of this class too:
    reportlab makes them by calling the class again)."""


def table(ctx: Context, e: HandoutExercise, width: float) -> Weeks:
    """The weeks of ``e``: a heading row that names the exercise (repeated where the table
    runs on to another page), then a stage a row, its weeks beside what to do in them."""
    t = ctx.theme
    label = ctx.say("progression_label")
    heading = text.both(f"{text.part(e.title, i)}{ctx.colon(i)}{text.part(label, i)}"
                        for i in range(len(ctx.handout.languages)))
    colour = t.primary.hexval()[2:]
    rows = [[ctx.p(f'<font color="#{colour}">{e.number}.</font> {esc(heading)}', "cell_bold"),
             ""]]
    rows += [[ctx.p(esc(weeks), "cell_bold"), ctx.p(esc(what) or "–", "cell")]
             for weeks, what in e.stages]
    pad = t.space.xs
    # the weeks' column as wide as its longest line ("Weeks 25–26") needs, never more than
    # a third of the page
    widest = max(_natural_width(row[0], width) for row in rows[1:])
    weeks_w = min(max(width * 0.12, widest + pad + t.space.sm + 1), width / 3)
    spans = [("SPAN", (0, 0), (-1, 0))]
    found = Weeks(mirror.rows(t, rows, spans), colWidths=mirror.row(t, [weeks_w, width - weeks_w]),
                  repeatRows=1, splitByRow=1)
    mirror.set_style(t, found, [
        *spans,
        *banded(t, pad),
        ("RIGHTPADDING", (0, 1), (0, -1), t.space.sm),  # the weeks apart from what to do
    ])
    found.spaceAfter = t.space.md
    return found


def cut(found: Weeks, width: float, room: float) -> tuple[Weeks, Weeks] | None:
    """The table's first rows for ``room`` and the rest to go on with (under the heading
    again), where at least two stages fit and two go on; else None."""
    parts = found.split(width, room)
    if len(parts) != 2:
        return None
    # the heading row is in both parts: a part holds one row more than its stages
    if parts[0]._nrows < 3 or parts[1]._nrows < 3:
        return None
    return parts[0], parts[1]


def _natural_width(paragraph, width: float) -> float:
    """The width of a paragraph's longest line, set without breaking."""
    paragraph.wrap(width, 0xFFFFFF)
    return max(paragraph.getActualLineWidths0(), default=0.0)
