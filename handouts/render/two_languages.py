"""A compact card in two languages: the picture, then the exercise in each language in a
column of its own, side by side. Set one under the other, each line twice, a card in two
languages was taller than half a page, so a page held one; side by side, most are shorter
than half, and each column reads as a card in one language, upright and black."""

from __future__ import annotations

import dataclasses

from reportlab.platypus import Flowable, Spacer, Table

from handouts.render.cards import (card_picture, card_rule, compact_text, frozen_card,
                                   under_picture)
from handouts.render.context import Context
from handouts.render import mirror
from handouts.render.beside import picture_column
from handouts.render.card import Card, continues
from handouts.render.flowables import height_of
from handouts.resolve import HandoutExercise
from handouts.words import text


def side_by_side_card(ctx: Context, e: HandoutExercise, width: float) -> Flowable:
    """Laid out once per process (see cards.frozen_card)."""
    t = ctx.theme
    box = (t.image_width, t.image_height)
    return frozen_card(ctx, e, width, "compact_side_by_side", box,
                       lambda: side_by_side_table(ctx, e, width))


def side_by_side_table(ctx: Context, e: HandoutExercise, width: float,
                       texts: list[list[Flowable]] | None = None,
                       picture: bool = True,
                       beside: list[list[Flowable]] | None = None) -> Table:
    """The card; ``texts``: each language's column where the card is cut in two (see
    compact_split), ``picture=False`` for the part that continues, its picture's column
    left empty so that the languages' columns stay where they were; ``beside``: the columns
    the picture's box is measured against, where not ``texts`` (a head given the whole
    card's picture)."""
    t = ctx.theme
    pad = t.space.sm
    languages = ctx.handout.languages
    texts = texts or [compact_text(in_one(ctx, i), one_language(e, i))
                      for i in range(len(languages))]
    # the picture may use the height of the longest text, set as it is beside a picture
    # (each text column padded right, and all but the first left, too)
    each = (width - t.image_width - pad) / len(languages)
    inner = [each - pad - (pad if i else 0) for i in range(len(languages))]
    # (none to measure without a picture: the texts would first be set narrower than they
    # print, and a table among them kept that width)
    measured = beside or texts
    longest = 0 if e.image is None or not picture else max(
        range(len(measured)), key=lambda i: height_of(measured[i], inner[i], 0xFFFFFF))
    if not picture:  # a column as wide, and empty (an exercise with a caption alone has one)
        pictured = [Spacer(1, 0)] if e.image or e.caption or e.video else []
    else:
        pictured = picture_column(lambda w, h: card_picture(ctx, e, w, h), e.image,
                                  (t.image_width, t.image_height), under_picture(ctx, e),
                                  measured[longest], inner[longest])
    picture_w = t.image_width + pad if pictured else 0
    column = (width - picture_w) / len(languages)
    columns = len(texts) + (1 if pictured else 0)
    # where the card runs on inside itself, each language's column goes on under the title
    # in its language (the first column had both languages' titles, the second none)
    first, *others = [continues(in_one(ctx, i), one_language(e, i), columns - len(texts) + i,
                                columns) for i in range(len(texts))]
    table = Card([mirror.row(t, [pictured, *texts] if pictured else texts)],
                 continued=first, also_titled=tuple(others),
                 page_height=t.frame_height, colWidths=mirror.row(
                     t, [picture_w, *[column] * len(languages)][0 if pictured else 1:]))
    card_rule(table, t, bottom=t.space.xs, top=t.space.xs)
    first = 1 if pictured else 0
    # a hairline between the languages, and room either side of it
    mirror.set_style(t, table, [("LINEBEFORE", (first + 1, 0), (-1, -1), 0.6, t.rule),
                                ("LEFTPADDING", (first + 1, 0), (-1, -1), pad)])
    return table


def in_one(ctx: Context, index: int) -> Context:
    """The context of a handout in its ``index``-th language alone."""
    language = ctx.handout.languages[index]
    handout = dataclasses.replace(ctx.handout, languages=(language,), language=language)
    return dataclasses.replace(ctx, handout=handout)


def one_language(e: HandoutExercise, index: int) -> HandoutExercise:
    """The exercise in its ``index``-th language alone; the therapist's note, written in
    one language, goes with the first."""
    def one(value):
        return None if value is None else text.part(value, index)

    def ones(values):  # a list that did not pair leaves the other language's steps out
        return tuple(filter(None, map(one, values)))

    return dataclasses.replace(
        e, title=one(e.title), caption=one(e.caption), purpose=one(e.purpose),
        steps=ones(e.steps), dose_parts=tuple(map(one, e.dose_parts)),
        summary_parts=tuple(map(one, e.summary_parts)), often=one(e.often),
        first_often=one(e.first_often), goes_on=one(e.goes_on),
        tips=ones(e.tips), cautions=ones(e.cautions),
        note=e.note if index == 0 else None,
        progression=tuple((one(weeks), one(what)) for weeks, what in e.progression))
