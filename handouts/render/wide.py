"""A standard page's card for a wide, flat picture: a lying-down exercise's drawing (three to
four times as wide as tall) printed about 2.3 x 0.6 inch in a standard card's picture
column, the towel under a knee and the arrows hard to see for a patient of seventy. Such a
card gives its picture a wider box beside the title, what the exercise is for and the dose;
the steps, the note, the cautions and the tips run under both across the card's width, where
they take fewer lines, so the card is about as tall as before.

The text beside the picture is drawn first, then the picture and its caption, then the
steps: a screen reader reads the title, the dose, the caption and the steps in that order.
A card cut in two where it runs on keeps the wide box for its head, the rest going on
across the card under its title again; only where no such head fits the room left is it cut
as a standard card is (continuation).
"""

from __future__ import annotations

import functools

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer, Table

from handouts.render import continuation, mirror, pictures
from handouts.render.card import Card, continued_title, continues, last_cut, part_of
from handouts.render.cards import (card_key, card_picture, card_rule, compact_text,
                                   frozen_card, title_and_purpose)
from handouts.render.context import Context
from handouts.render.dose_box import progression
from handouts.render.dose_line import dose_line
from handouts.resolve import HandoutExercise

# a picture this many times as wide as tall fills less than two thirds of a standard box's
# height: the lying figures (the quad set's is 3.8, the psoas releases' 2.39); a standing or
# sitting one is under 2. From 2.3 the wide box gives it at least 1.5 times the area even at
# 85 % (about 0.28 x the aspect squared); at 2.5 the psoas releases kept a 2.3 x 1 inch strip
WIDE = 2.3
# the wide box as shares of a standard card's: half as wide again, and a little lower, about
# as tall as the title, purpose and dose beside it (so a picture that fills it costs no height)
ACROSS, DOWN = 1.5, 0.9
# the box as a page that sets cards tighter asks it (see tighten): whole, then a little
# smaller; at a tighter card's 80 % a 2.5:1 drawing was no larger than in the column
SHARES = (1.0, 0.85)
# a clinic's photo is printed no larger than its pixels print sharp at (picture_checks'
# SHARP_DPI): 450 x 150 pixels across the wide box were 130 dots an inch, 196 in the column
SHARP_DPI = 150
# so a photo gets the wide card only where that lets it print this much wider than in the
# column (1.44 times the area), else it keeps a standard card
WIDER = 1.2


def is_wide(ctx: Context, e: HandoutExercise) -> bool:
    """Whether ``e``'s picture is wide and flat enough for a wide card (a placeholder is
    not: it is as wide as the column it is put in), and for a photo, has the pixels to
    print larger in it."""
    t = ctx.theme
    loaded = _loaded(ctx, e, (t.image_width, t.image_height))
    if loaded is None or loaded.width < WIDE * loaded.height:
        return False
    if not isinstance(loaded, pictures.Raster):
        return True
    column = pictures.fit(loaded.width, loaded.height, t.image_width, t.image_height)
    return boxes(ctx, e)[0][0] >= WIDER * column[0]


def boxes(ctx: Context, e: HandoutExercise) -> list[tuple[float, float]]:
    """The picture's box whole, then as a page that sets cards tighter asks it (``SHARES``);
    a photo's no larger than it prints sharp, though never smaller than in the column."""
    t = ctx.theme
    out = [(t.image_width * ACROSS * share, t.image_height * DOWN * share) for share in SHARES]
    photo = _loaded(ctx, e, out[0])
    if not isinstance(photo, pictures.Raster):
        return out
    # its pixels as loaded for the wide box: fewer than they print sharp at, where the photo
    # was scaled down to fit it (see photos.MAX_DPI)
    widest = max(photo.width / SHARP_DPI * inch,
                 pictures.fit(photo.width, photo.height, t.image_width, t.image_height)[0])
    return [size if pictures.fit(photo.width, photo.height, *size)[0] <= widest
            else (widest, widest * photo.height / photo.width) for size in out]


def _loaded(ctx: Context, e: HandoutExercise, size: tuple[float, float]):
    """``e``'s picture loaded for a box of ``size``; None for none or one that cannot be."""
    if e.image is None:
        return None
    t = ctx.theme
    try:
        return pictures.load(e.image, *size, colours=t.figure_colours,
                             languages=ctx.handout.languages,
                             words_pt=(t.figure_words, t.figure_words_least), rtl=t.rtl, side=e.drawn_side)
    except pictures.PictureError:
        return None


def card(ctx: Context, e: HandoutExercise, width: float) -> Flowable:
    """The card as a standard page sets it: the dose on a line under the title, as on a
    tighter card. In a box beside the picture the dose's labels and values took a line each,
    and the card was half as tall again as a standard one."""
    return _frozen(ctx, e, width, boxes(ctx, e)[0])


def tighter_cards(ctx: Context, e: HandoutExercise, width: float) -> list[Flowable]:
    """The tighter versions (see cards.tighter_cards), the first as the card is set: the
    picture whole, then at 85 %."""
    return [_frozen(ctx, e, width, box) for box in boxes(ctx, e)]


def _frozen(ctx: Context, e: HandoutExercise, width: float,
            box: tuple[float, float]) -> Flowable:
    return frozen_card(ctx, e, width, "wide", box, functools.partial(table, ctx, e, width, box))


def split_card(ctx: Context, e: HandoutExercise, width: float, room: float):
    """The card cut in two where it runs on to the next page (see continuation.split_card):
    its head as the card is set, with as much under the picture as fits ``room`` (at least
    the first two steps), its picture whole, else at 85 %; the rest across the card under
    its title again. Where no such head fits, a standard card's cut, which keeps the column
    (its head's picture a strip beside the dose box, as it was before)."""
    last = last_cut(len(_blocks(ctx, e)), len(e.steps), bool(e.tips))
    for size in boxes(ctx, e):
        for cut in range(last, 0, -1):
            # each part made of flowables of its own, as continuation's are
            head = frozen_card(ctx, e, width, ("wide head", cut), size,
                               lambda c=cut, s=size: table(ctx, e, width, s,
                                                           _flat(_blocks(ctx, e)[:c])))
            if head.height <= room:
                return head, frozen_card(ctx, e, width, ("wide rest", cut), size,
                                         lambda c=cut: _rest(ctx, e, width,
                                                             _flat(_blocks(ctx, e)[c:])))
    return continuation.split_card(ctx, e, width, room)


def _blocks(ctx: Context, e: HandoutExercise) -> list[list[Flowable]]:
    """The text under the picture in the pieces a page may end between, as
    continuation.run_on_blocks has a standard card's: the first two steps; each later step;
    the note; the cautions, all together; the tips."""
    under = _under(ctx, e)
    steps, after = under[:len(e.steps)], under[len(e.steps):]
    note = after[:1] if e.note else []
    tips = [f for f in after if part_of(f) == "tips"]
    cautions = after[len(note):len(after) - len(tips)]
    return [steps[:2], *([step] for step in steps[2:]),
            *(block for block in (note, cautions, tips) if block)]


def _flat(blocks: list[list[Flowable]]) -> list[Flowable]:
    return [f for block in blocks for f in block]


def _rest(ctx: Context, e: HandoutExercise, width: float, under: list[Flowable]) -> Table:
    """What goes on: under the title again, across the card as the steps before it."""
    t = ctx.theme
    outer = Card([[[continued_title(ctx, e), *under]]], colWidths=[width],
                 page_height=t.frame_height,
                 continued=continues(ctx, e, 0, 1))
    return card_rule(outer, t, bottom=t.space.xs)


def _beside(ctx: Context, e: HandoutExercise) -> list[Flowable]:
    return [*title_and_purpose(ctx, e), dose_line(ctx, e), *progression(ctx, e)]


def _under(ctx: Context, e: HandoutExercise) -> list[Flowable]:
    """The steps, the note, the cautions and the tips, as a tighter card has them: the
    steps unlabelled."""
    return compact_text(ctx, e)[len(_beside(ctx, e)):]


def table(ctx: Context, e: HandoutExercise, width: float, size: tuple[float, float],
          under: list[Flowable] | None = None) -> Table:
    """The card: the picture in a ``size`` box, beside it the title, what the exercise is
    for and the dose; under both the steps, the note, the cautions and the tips (or
    ``under``: the head of a card that runs on)."""
    t = ctx.theme
    gap = 2 * t.space.sm
    beside = _beside(ctx, e)
    pictured = card_picture(ctx, e, *size)
    head = Card([mirror.row(t, [pictured, beside])], continued=continues(ctx, e),
                colWidths=mirror.row(t, [size[0] + gap, width - size[0] - gap]))
    mirror.set_style(t, head, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "LEFT"),
        *[(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "TOPPADDING", "BOTTOMPADDING")],
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.sm)])
    rest = _under(ctx, e) if under is None else under
    outer = Card([[[head, Spacer(1, t.space.xs), *rest]]], colWidths=[width],
                 page_height=t.frame_height, continued=continues(ctx, e, 0, 1))
    if ctx.share_cards:
        outer.share = card_key(ctx, e, pictured[0])
    return card_rule(outer, t, bottom=t.space.xs)
