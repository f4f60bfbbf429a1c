"""Handout + theme → reportlab flowables: one small builder per block of the handout (page 1's
header, title, summary and safety box; the exercise cards; education; the log; the
disclaimer), in the order ``ORDER`` gives.
"""

from __future__ import annotations

from typing import Callable

from reportlab.platypus import (CondPageBreak, Flowable, HRFlowable, KeepTogether, PageBreak,
                                Spacer, Table)

from handouts.render import page_one
from handouts.render.cards import card, page_card
from handouts.render.context import Context, esc, numbered
from handouts.render.flowables import Boxes, Card, EndOfSummary, style
from handouts.render.theme import Theme
from handouts.resolve import Handout
from handouts.words.dose import MAX_BOXES


def exercises(ctx: Context) -> list[Flowable]:
    t, items = ctx.theme, ctx.handout.exercises
    out: list[Flowable] = []
    if t.card_per_page:
        for e in items:
            out += [PageBreak(), *page_card(ctx, e)]
        return out
    out.append(EndOfSummary(ctx.summary_page))
    out.append(ctx.p(esc(ctx.say("exercises_heading")), "h2"))
    if t.cards_per_row == 1:
        out += [card(ctx, e, t.frame_width) for e in items]
        return out
    half = t.frame_width / 2
    for i in range(0, len(items), 2):
        pair = [card(ctx, e, half) for e in items[i:i + 2]]
        row = Card([pair + [""] * (2 - len(pair))], colWidths=[half, half],
                   page_height=t.frame_height,
                   share="|".join(c.share for c in pair) if ctx.share_cards else None)
        row.setStyle(style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 *[(k, (0, 0), (-1, -1), 0) for k in (
                                     "LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                     "BOTTOMPADDING")]]))
        out.append(row)
    return out


def education(ctx: Context) -> list[Flowable]:
    topics = ctx.handout.education
    if not topics:
        return []
    t = ctx.theme
    out: list[Flowable] = [PageBreak() if t.card_per_page else CondPageBreak(t.frame_height / 3),
                           ctx.p(esc(ctx.handout.education_heading
                                     or ctx.say("education_heading")), "h2")]
    for topic in topics:
        head = [ctx.p(esc(topic.title), "h3")]
        if topic.summary:
            head.append(ctx.p(f"<b>{esc(topic.summary)}</b>"))
        body = blocks(ctx, topic.body)
        # keep a topic's header with its first block so a header never ends a page
        out.append(KeepTogether(head + body[:1]))
        out.extend(body[1:])
    return out


def blocks(ctx: Context, body) -> list[Flowable]:
    out: list[Flowable] = []
    for block in body:
        if hasattr(block, "bullets"):
            out.extend(numbered(ctx, block.bullets, bullet="•"))
        elif hasattr(block, "heading"):
            heading = ctx.p(f"<b>{esc(block.heading)}</b>", "body")
            heading.keepWithNext = 1  # a heading never ends a page
            out.append(heading)
        else:
            out.append(ctx.p(esc(block.text)))
    return out


def log(ctx: Context) -> list[Flowable]:
    h, t = ctx.handout, ctx.theme
    days = 7
    name_w = t.frame_width * (0.25 if t.card_per_page else 0.3)
    day_w = (t.frame_width - name_w) / days
    box = t.body_size * 1.15
    gap = t.body_size * 0.3
    header_row = [ctx.p(esc(ctx.say("col_exercise")), "cell_bold")] + [
        ctx.p(esc(ctx.say("log_day", n=d)), "cell_bold") for d in range(1, days + 1)]
    rows = [header_row]
    for e in h.exercises:
        per_row = max(1, int((day_w - t.space.sm) // (box + gap)))
        count = e.per_day
        name = [ctx.p(f"{e.number}. {esc(e.title)}", "cell")]
        if count > MAX_BOXES:  # "every 2 hours": a line to tally on, the aim by the name
            name.append(ctx.p(esc(ctx.say("log_tally", n=count)), "cell"))
            cell = [HRFlowable(width="100%", thickness=1.2, color=t.ink,
                               spaceBefore=box * 1.5, spaceAfter=0)]
        else:
            cell = [Boxes(min(count, per_row), box, gap, t.ink)] if count <= per_row else [
                Boxes(per_row, box, gap, t.ink), Spacer(1, gap),
                Boxes(count - per_row, box, gap, t.ink)]
        rows.append([name] + [cell] * days)
    rows.append([ctx.p(esc(ctx.say("log_pain")), "cell_bold")] + [""] * days)
    table = Table(rows, colWidths=[name_w] + [day_w] * days, repeatRows=1)
    table.setStyle(style([
        ("GRID", (0, 0), (-1, -1), 0.6, t.rule),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, t.primary),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), t.space.xs),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.xs),
        ("LEFTPADDING", (0, 0), (-1, -1), t.space.xs),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.xs),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [None, t.tint]),
    ]))
    table.setStyle(style([("TOPPADDING", (0, -1), (-1, -1), t.space.md),
                               ("BOTTOMPADDING", (0, -1), (-1, -1), t.space.md)]))
    how = ctx.p(esc(ctx.say("log_how")))
    # in one piece, and with the disclaimer after it (keepWithNext): on the page where
    # the education ends if it fits, else on the next, never leaving the disclaimer alone
    how.keepWithNext = table.keepWithNext = 1
    table.spaceAfter = t.space.md
    return [*([PageBreak()] if t.card_per_page else []), ctx.p(esc(ctx.say("log_heading")), "h2"),
            how, table]


def disclaimer(ctx: Context) -> list[Flowable]:
    text_ = ctx.handout.disclaimer
    if not text_:
        return []
    # no spacer before it: the log keeps the label (keepWithNext) and the label its text
    return [ctx.p(esc(ctx.say("disclaimer_heading")), "label"), ctx.p(esc(text_), "small")]


Builder = Callable[[Context], list[Flowable]]

BLOCKS: dict[str, Builder] = {
    "header": page_one.header, "safety": page_one.safety, "title": page_one.title,
    "at_a_glance": page_one.at_a_glance, "note": page_one.note, "exercises": exercises,
    "education": education, "log": log, "disclaimer": disclaimer,
}
# the safety box comes first: it claims the foot of page 1 before anything else is laid out
ORDER = ("header", "safety", "title", "at_a_glance", "note", "exercises", "education", "log",
         "disclaimer")


def build(handout: Handout, theme: Theme, warnings: list[str] | None = None, *,
          share_cards: bool = False) -> list[Flowable]:
    """The handout's flowables. ``share_cards`` for a file of many handouts: each card is
    drawn once in the file and placed by name wherever it recurs (see Card)."""
    ctx = Context(handout, theme, warnings if warnings is not None else [],
                  share_cards=share_cards)
    return [f for name in ORDER for f in BLOCKS[name](ctx)]
