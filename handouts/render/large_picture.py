"""Large print's row of the picture and the dose box, under an exercise's title
(``continuation.page_card``).

The layout's picture box is 4.2 x 3 inches. A drawing whose frames stand one above the
other, or a figure about as tall as it is wide, fills its height and prints 2.5 to 3 inches
wide; a page full of steps shrank it further. Large print is for readers who most need the
picture, and about 4 inches is what it should print at. So the row is tried first with a
box as tall as it is wide (``TALLEST``): the picture fills the width the layout gives it.
The drawing is made as for the layout's box (its frames stand as they did, its words the
size they were) and only printed larger; a photo is prepared for the size it prints at.

What sits under the picture (its caption, the video's QR code) goes under the dose box
instead where that makes the row shorter: beside a tall picture the dose box leaves room
below it, and the caption there costs the row nothing. Under a wide picture it stays where
it was. Either way the page holds the same text, in the same size.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table

from handouts.render import mirror, pictures, portrait
from handouts.render.cards import card_picture, dose_box, picture, under_picture
from handouts.render.context import Context
from handouts.render.flowables import height_of, style
from handouts.render.tall import TallRows
from handouts.resolve import HandoutExercise

TALLEST = 1.0  # the taller box: as tall as this times its width, at most
_ANY = 0xFFFFFF  # measuring: no height limit


def row(ctx: Context, e: HandoutExercise, scale: float, *, taller: bool = False) -> Table:
    """The picture and the dose box side by side, the picture's box ``scale`` times the
    layout's; ``taller``: in a box ``TALLEST`` times as tall as wide, its caption where
    the row is shorter (see the module). The dose box alone where there is no picture."""
    t = ctx.theme
    box_w, box_h = t.image_width * scale, t.image_height * scale
    if taller and e.image is not None:
        # the shorter row; of two as tall, the caption under the picture
        table = min((_row(ctx, e, shown, dose, box_w)
                     for shown, dose in _taller(ctx, e, box_w, box_h)),
                    key=lambda r: height_of([r], t.frame_width, _ANY))
    elif shown := card_picture(ctx, e, box_w, box_h):
        table = _row(ctx, e, shown, [dose_box(ctx, e)], box_w)
    else:  # no picture: the dose box has the row to itself
        table = TallRows([[dose_box(ctx, e)]], colWidths=[t.frame_width],
                         page_height=t.frame_height, style=style([
            *[(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING",
                                                 "TOPPADDING")],
            ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.sm)]))
    table.scale = scale
    return table


def _taller(ctx: Context, e: HandoutExercise, box_w: float, box_h: float,
            ) -> list[tuple[list[Flowable], list[Flowable]]]:
    """The picture column and the dose column in the taller box: the caption under the
    picture, and (where there is one) under the dose box."""
    tall_h = box_w * TALLEST
    # a figure drawn as for the layout's box: the same frames, the same words
    drawn_for = (box_w, box_h) if pictures.is_figure(e.image) else (box_w, tall_h)
    shown = picture(ctx, e, *drawn_for)
    if isinstance(shown, pictures.Picture):  # not a placeholder: printed in the taller box
        shown = pictures.Picture(shown.picture, box_w, tall_h)
    under = under_picture(ctx, e)
    ways = [([shown, *under], [dose_box(ctx, e)])]
    if len(under) > 1:  # a caption or a QR code, after the spacer
        ways.append(([shown], [dose_box(ctx, e), Spacer(1, ctx.theme.space.sm), *under[1:]]))
    return ways


def _row(ctx: Context, e: HandoutExercise, shown: list[Flowable], dose: list[Flowable],
         box_w: float) -> Table:
    t = ctx.theme
    gap = t.space.md
    shown[0].hAlign = "CENTER"
    # a portrait photo's column as wide as the photo, the rest to the dose box
    picture_w = portrait.column_width(shown, box_w, t.frame_width - gap,
                                      lambda: dose_box(ctx, e))
    table = TallRows([mirror.row(t, [shown, dose])], page_height=t.frame_height,
                     colWidths=mirror.row(t, [picture_w + gap, t.frame_width - picture_w - gap]))
    mirror.set_style(t, table, [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("ALIGN", (0, 0), (-1, -1), "LEFT"),
                                *[(k, (0, 0), (-1, -1), 0) for k in (
                                    "LEFTPADDING", "RIGHTPADDING", "TOPPADDING")],
                                ("RIGHTPADDING", (0, 0), (0, 0), gap),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.sm)])
    table.picture_width = shown[0].width  # how wide the picture prints: rows compared by it
    return table
