"""A compact card cut in two where it runs on to the next page, as a standard card is (see
continuation): only between its numbered steps (or before the note, the cautions, the
tips), never before its picture, its dose and its first two steps, never leaving a single
step to go on alone; what continues is under the title again, marked "(continued)" in each
column's language.

Compact saves paper: a card that moved whole to the next page left the foot of page 1 empty
under the title (in one language too: a third of page 1 above the safety box, where the
second card was a long one), and a page that held one card where two did not fit was left
half empty.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

from handouts.render import mirror, pictures
from handouts.render.card import Card, continued_title, continues, last_cut
from handouts.render.cards import (card_rule, compact_table, compact_text, frozen_card,
                                   title_and_purpose)
from handouts.render.context import Context
from handouts.render.dose_box import progression
from handouts.render.two_languages import side_by_side_table, in_one, one_language
from handouts.resolve import HandoutExercise


def blocks(ctx: Context, e: HandoutExercise) -> list[list[Flowable]]:
    """A compact card's text in the pieces a page may end between: the title, the dose and
    the first two steps; each later step; and what follows the steps (the note, the
    cautions, the tips: short in compact, run in after their labels) in one piece."""
    text_ = compact_text(ctx, e)
    fixed = len(title_and_purpose(ctx, e)) + 1 + len(progression(ctx, e))
    steps = len(e.steps)
    head = text_[:fixed + min(2, steps)]
    later = [[step] for step in text_[fixed + 2:fixed + steps]]
    after = text_[fixed + steps:]
    return [head, *later, *([after] if after else [])]


def split(ctx: Context, e: HandoutExercise, width: float, room: float):
    """The card's head (the picture, and in each language the title, dose, first steps and
    as many of what follows as fit ``room``) and the rest; None where no head fits."""
    t = ctx.theme
    box = (t.image_width, t.image_height)
    langs = range(len(ctx.handout.languages))
    counts = [len(blocks(in_one(ctx, i), one_language(e, i))) for i in langs]
    steps = min(len(one_language(e, i).steps) for i in langs)
    # compact's note, cautions and tips are one block: the tips alone where only they follow
    # in some language (a therapist's note is in one language only)
    alone = any(each.tips and not each.note and not each.cautions
                for each in (one_language(e, i) for i in langs))
    last = last_cut(min(counts), steps, alone)
    # a figure's box grows with the text beside it (see beside): a head's short text left
    # knee rocks' three frames in a row (0.44, 0.27 and 0.27 inch wide) where its whole card
    # stacks them (0.80, 0.48, 0.48). The head keeps the whole card's picture where the
    # page has room for that; else its own. Never at the cost of a step: the cut, what goes
    # on and every page after it are as they were
    whole = (True, False) if e.image and pictures.is_figure(e.image) else (False,)
    for cut in range(last, 0, -1):
        for as_whole in whole:
            kind = ("compact side head", cut, *(["whole picture"] if as_whole else []))
            head = frozen_card(ctx, e, width, kind, box,
                               lambda c=cut, w=as_whole: _part(ctx, e, width, slice(None, c), w))
            if head.height <= room:
                rest = frozen_card(ctx, e, width, ("compact side rest", cut), box,
                                   lambda c=cut: _part(ctx, e, width, slice(c, None)))
                return head, rest
    return None


def _part(ctx: Context, e: HandoutExercise, width: float, which: slice,
          whole_picture: bool = False) -> Table:
    """The head (``which`` from the first block) or the rest, each language's column made
    anew (a flowable is laid out where it is drawn: it is not shared between parts); the
    head's picture as the whole card's (``whole_picture``), else as its own text allows."""
    if len(ctx.handout.languages) == 1:
        text_ = [f for block in blocks(ctx, e)[which] for f in block]
        if which.start is None:  # set as the whole card is, so the two read alike
            beside = compact_text(ctx, e) if whole_picture else None
            return compact_table(ctx, e, width, None, text_, beside)
        return _rest(ctx, e, width, [continued_title(ctx, e), *text_])
    texts = []
    for i in range(len(ctx.handout.languages)):
        one, alone = in_one(ctx, i), one_language(e, i)
        text_ = [f for block in blocks(one, alone)[which] for f in block]
        texts.append(text_ if which.start is None else [continued_title(one, alone), *text_])
    beside = [compact_text(in_one(ctx, i), one_language(e, i))
              for i in range(len(texts))] if whole_picture else None
    return side_by_side_table(ctx, e, width, texts=texts, picture=which.start is None,
                              beside=beside)


def _rest(ctx: Context, e: HandoutExercise, width: float, text_: list[Flowable]) -> Table:
    """What continues of a card in one language: its text where the card's text column
    is (its picture's column left empty), or the card's width where it has no picture."""
    t = ctx.theme
    if e.image is None and not e.caption and not e.video:
        table = Card([[text_]], colWidths=[width - t.space.sm], page_height=t.frame_height,
                     continued=continues(ctx, e, 0, 1))
    else:
        column = t.image_width + t.space.sm
        table = Card([mirror.row(t, ["", text_])], page_height=t.frame_height,
                     colWidths=mirror.row(t, [column, width - column]),
                     continued=continues(ctx, e))
    return card_rule(table, t, bottom=t.space.xs, top=t.space.xs)
