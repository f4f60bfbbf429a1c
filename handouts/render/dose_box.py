"""An exercise's dose as a standard card prints it: a tinted box with the brand's bar on the
side a line starts from, *How much* and *How often*, and a progression's weeks above what to
do in them (``progression``: a compact card prints it under its dose line, and weeks.py
measures it to tell a progression too long for the box). The dose on one line, as a compact
card prints it, is dose_line.py's.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

from handouts.render import mirror
from handouts.render.context import Context, esc
from handouts.render.flowables import FluidTable
from handouts.render.tall import TallRows
from handouts.resolve import HandoutExercise


def progression(ctx: Context, e: HandoutExercise) -> list[Flowable]:
    """A progression as a small table: the weeks, and what to do in them."""
    if not e.progression:
        return []
    t = ctx.theme
    # the weeks above what to do in them: the dose box is narrow
    rows = [[[ctx.p(esc(weeks), "cell_bold"), ctx.p(esc(what) or "–", "cell")]]
            for weeks, what in e.stages]
    table = FluidTable(rows, colWidths=["100%"])
    mirror.set_style(t, table, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.6, t.rule),
        *[(k, (0, 0), (-1, -1), t.space.xs / 2) for k in ("TOPPADDING", "BOTTOMPADDING")],
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.xs),
    ])
    return [ctx.p(esc(ctx.say("progression_label")), "label"), table]


def dose_box(ctx: Context, e: HandoutExercise) -> Table:
    t = ctx.theme
    # a dose given only week by week has nothing of its own to say under *How much*: its
    # table below says it, and a label over nothing reads as a part missing
    lines = [ctx.p(esc(ctx.say("dose_label")), "label")] if e.dose_parts else []
    lines += [ctx.p(esc(part), "dose") for part in e.dose_parts]
    lines += [ctx.p(esc(ctx.say("often_label")), "label"), ctx.p(esc(e.often), "dose")]
    # where how often changes by stage, How often says "Week by week": the table's own
    # label of those words would follow it a second time
    lines += progression(ctx, e)[1 if e.first_often else 0:]
    table = TallRows([[lines]], colWidths=[None], page_height=ctx.theme.frame_height)
    # the brand's bar on the side a line starts from: the left, or a mirrored page's right
    mirror.set_style(t, table, [
        ("BACKGROUND", (0, 0), (-1, -1), t.tint),
        ("LINEBEFORE", (0, 0), (0, -1), 4, t.primary),
        ("LEFTPADDING", (0, 0), (-1, -1), t.space.sm),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.sm),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.under),
    ])
    return table
