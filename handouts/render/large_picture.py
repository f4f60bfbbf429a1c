"""Large print's row of the picture and the dose box, under an exercise's title
(``continuation.page_card``).

The layout's picture box is 4.2 x 3 inches. A drawing whose frames stand one above the
other, or a figure about as tall as it is wide, fills its height and prints 2.5 to 3 inches
wide; a page full of steps shrank it further. Large print is for readers who most need the
picture, and about 4 inches is what it should print at. So the row is tried first with a
box as tall as it is wide (``TALLEST``): the picture fills the width the layout gives it.
A figure of up to three frames is drawn as for the layout's box (its frames stand as they
did, its words the size they were) and only printed larger, unless drawn for the taller box
its frames stand otherwise and print clearly larger there, frame by frame: two lying frames
side by side printed 1.5 inches wide each, one above the other 2.8 (in the layout's box a
tall arrow label made them no larger so); one of four to six close-ups of a hand is drawn
for the taller box too, where its frames stand in two rows (in the layout's box, one row of
five hands 1.4 inches tall), and printed so where the page has room for two rows clearly
taller than that one; a photo is prepared for the size it prints at.

What sits under the picture (its caption, the video's QR code) goes under the dose box
instead where that makes the row shorter: beside a tall picture the dose box leaves room
below it, and the caption there costs the row nothing. Under a wide picture it stays where
it was. Either way the page holds the same text, in the same size.

In the layout's box, a figure beside a dose box taller than its box (a long dose, two
languages: the column shrunk to 1.7 inches wide) gets the height the dose box leaves it, as
a compact card's column does (``beside``): its frames, side by side under an inch tall,
stack there larger, and the row is no taller for it.

Which box, and how large, is ``page_row``'s rule: the largest picture with which the
exercise fits its page, the taller box before the layout's, never smaller than a standard
card's picture; where none does, the exercise runs on to the next page, and the picture
stays as large as lets its title, the row and the first two steps share a page, or where
that is smaller than a standard card's, its title and the row alone, where the exercise
ends no later for it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from reportlab.platypus import Flowable, Spacer, Table

from handouts.render import beside, figure_keys, mirror, pictures, portrait
from handouts.render.cards import card_picture, card_steps, picture, under_picture
from handouts.render.context import Context
from handouts.render.dose_box import dose_box
from handouts.render.flowables import height_of, style
from handouts.render.keep import KeepTogether
from handouts.render.tall import TallRows
from handouts.render.theme import Theme, theme_for
from handouts.resolve import HandoutExercise

TALLEST = 1.0  # the taller box: as tall as this times its width, at most
SMALLEST = 0.35  # the picture at its smallest, where the exercise's head fits a page even so
_ANY = 0xFFFFFF  # measuring: no height limit
_NO_ROW = Spacer(0, 0)  # what a row is measured against: none at all (``_largest``)
MOST_AS_LAID_OUT = 3  # frames of a figure the taller box draws only as for the layout's box
# two rows of hands rather than one where each is this much taller: the figure engine's
# rule (figures.svg: a row reads best, another way only where it draws frames 15 % larger)
CLEARLY = 1.15


@dataclass(frozen=True)
class Page:
    """Large print's page of one exercise, all but its picture row: the title (``head``),
    the steps that stay with the row (``steps``), what may run on to the next page
    (``rest``); each ``row`` measured with them against ``theme``'s frame, a margin
    (``space.md``) to spare where it says so; ``room``: the height of the page under what
    is above the exercise there (the therapist's note), where it is not the whole frame;
    ``taken``: where the exercise ends on a page laid out so, with a row (what runs on
    filling the pages after it): how many pages, and how much of the last it fills; where
    that is asked (``page_row``'s rule 9)."""
    head: list[Flowable]
    steps: list[Flowable]
    rest: list[Flowable]
    theme: Theme
    room: float | None = None
    taken: Callable[["Page", Table], tuple[int, float]] | None = None

    @property
    def height(self) -> float:
        return self.theme.frame_height if self.room is None else self.room

    def _over(self, row: Table) -> float:
        """How much taller than the page, less the margin, the exercise is with ``row``."""
        t = self.theme
        return height_of([*self.head, row, *self.steps, *self.rest], t.frame_width,
                         self.height) - (self.height - t.space.md)

    def fits_with_margin(self, row: Table) -> bool:
        return self._over(row) <= 0

    def fits(self, row: Table) -> bool:
        """The exercise fits its page, using the margin too."""
        return self._over(row) <= self.theme.space.md

    def head_fits(self, row: Table) -> bool:
        """The title, the row and the steps kept with it fit a page, with the margin."""
        t = self.theme
        return height_of([*self.head, row, *self.steps], t.frame_width,
                         self.height) <= self.height - t.space.md


def page_row(ctx: Context, e: HandoutExercise, page: Page) -> tuple[Table, Page]:
    """Large print's row of the picture and the dose box for ``page``: the first of these,
    largest picture first. The picture shrinks in twentieths of its box (``_largest``).

    The exercise fits its page:
      1. the taller box at full size, with the margin to spare (and the row without a
         picture: the dose box alone, which runs on where it must);
      2. the taller box as large as fits, no smaller than a standard card's picture; or the
         layout's box at a larger scale, where that prints the picture wider;
      3. the layout's box at full size, with the margin to spare;
      4. the layout's box as large as fits, no smaller than a standard card's picture.
    It runs on to the next page (where the title, the row and the first two steps share
    one):
      5. the layout's box at full size, so that the page after holds more than a tip or two;
      6. the layout's box as large as lets them share it, down to ``SMALLEST`` (two
         languages at 18 pt, a long dose beside it);
      7. as large as lets the first step alone share it, down to ``SMALLEST``: the second
         step runs on with the rest, under the title again;
      8. the layout's box at ``SMALLEST``;
      9. where 6 to 8 print the picture smaller than a standard card's: the layout's box as
         large as lets the title and the row alone share the page, down to a standard
         card's picture, the steps starting the next page, where the exercise ends no
         later so than with 6 to 8 (``Page.taken``: on no later page; the last exercise,
         no lower on it). Jane's bilingual SI joint reset took three pages with its two
         frames 0.9 and 1.2 inches wide, to keep its first step on the first; it takes
         three with them 1.9 inches wide, its steps on the second.
    Returns the row and the page as it is laid out with it (7 and 9 move steps).

    A figure is also drawn for the taller box itself and tried as in 1 and 2. Of four to
    six close-ups of a hand (see ``_many_hands``), whose frames stand there in two rows,
    that row is taken where each of its two rows is clearly taller than the picture those
    rules give (a row of hands, drawn as for the layout's box); of up to three frames,
    where each frame prints clearly larger in it (``frames_ratio``): frames that stand
    otherwise for that box. On a page too full for that (a long note) the frames stand as
    they did, as large as they did."""
    laid_out = _page_row(ctx, e, page)
    if e.image is None or not pictures.is_figure(e.image):
        return laid_out
    own = functools.partial(row, ctx, e, taller=True, own_box=True)
    full = own(1.0)
    found = full if page.fits_with_margin(full) else _largest(
        own, theme_for("standard").image_width / ctx.theme.image_width, page.fits)
    if found is None:
        return laid_out
    if _many_hands(e.image):
        larger = found.picture_height / 2 > CLEARLY * laid_out[0].picture_height
    else:  # its frames may stand otherwise for this box: as for the layout's, a tall
        # arrow label kept two lying frames side by side, each bed printed 1.5 in wide
        larger = frames_ratio(found.picture, laid_out[0].picture) > CLEARLY
    return (found, page) if larger else laid_out


def _page_row(ctx: Context, e: HandoutExercise, page: Page) -> tuple[Table, Page]:
    """``page_row``'s rules 1 to 8, the taller box drawing a figure as for the layout's."""
    taller = functools.partial(row, ctx, e, taller=True)
    layouts = functools.partial(row, ctx, e)
    standard = theme_for("standard").image_width / ctx.theme.image_width
    tallest = taller(1.0)
    if e.image is None or page.fits_with_margin(tallest):
        return tallest, page
    in_taller = _largest(taller, standard, page.fits, every=True)
    if in_taller is not None:
        return _wider(in_taller, layouts, page), page
    full = layouts(1.0)
    if page.fits_with_margin(full):
        return full, page
    smaller = _largest(layouts, standard, page.fits, every=True)
    if smaller is not None:
        return smaller, page
    # it runs on
    if page.head_fits(full):
        return full, page
    shrunk, laid_out = _shrunk(ctx, e, layouts, page)
    if shrunk.scale >= standard or page.taken is None or not page.steps:
        return shrunk, laid_out
    # rule 9: rather than shrink it under a standard card's picture so that a step shares
    # its page, the steps start the next one, where it ends no later for that (what follows
    # the last exercise may share its last page: the Dublin clinic's education did)
    alone = replace(page, steps=[], rest=[KeepTogether(page.steps), *page.rest])
    larger = full if alone.head_fits(full) else _largest(layouts, standard, alone.head_fits)
    if larger is not None and _no_later(page.taken(alone, larger), page.taken(laid_out, shrunk)):
        return larger, alone
    return shrunk, laid_out


def _no_later(ends: tuple[int, float], other: tuple[int, float]) -> bool:
    """Whether ``ends`` (a page, and how much of it is filled) is no later than ``other``."""
    return ends[0] < other[0] or (ends[0] == other[0] and ends[1] <= other[1] + 0.01)


def _shrunk(ctx: Context, e: HandoutExercise, layouts: Callable[[float], Table],
            page: Page) -> tuple[Table, Page]:
    """``page_row``'s rules 6 to 8: the layout's box shrunk until the title, the row and
    the first two steps share a page, or the first step alone; else at its smallest."""
    smaller = _largest(layouts, SMALLEST, page.head_fits)
    if smaller is not None:
        return smaller, page
    one_step = replace(page, steps=card_steps(ctx, e, 0, 1),
                       rest=[*card_steps(ctx, e, 1, 2), *page.rest])
    smaller = _largest(layouts, SMALLEST, one_step.head_fits)
    if smaller is not None:
        return smaller, one_step
    return layouts(SMALLEST), page


def _wider(in_taller: Table, layouts: Callable[[float], Table], page: Page) -> Table:
    """The layout's box at a larger scale than the taller box's that fits, where it prints
    the picture wider (the taller box's twentieths may have passed over it)."""
    if in_taller.scale >= 0.95:
        return in_taller
    wider = _largest(layouts, in_taller.scale + 0.05, page.fits)
    return wider if wider and wider.picture_width > in_taller.picture_width else in_taller


def _largest(row_at: Callable[[float], Table], least: float,
             fits: Callable[[Table], bool], every: bool = False) -> Table | None:
    """The row with the largest picture, in twentieths from ``least`` to 0.95, that
    ``fits``; None if none does. Found by halving (they fit less as the picture grows),
    or (``every``) trying each from the largest down: a figure's words drawn larger as
    its box shrinks (never under ``Theme.figure_words_least``) may make its drawing
    taller for its width, and a caption beside a narrower picture takes more lines, so
    a smaller picture may not fit where a larger one does (the psoas release's page
    held the picture 0.7 of its box, not 0.75 nor 0.6).

    Where the page does not hold the exercise even with no row at all, none fits, and
    none is drawn to find that out: in two languages, a long exercise's steps fill a
    page of their own, and each picture tried was a figure drawn for its box."""
    if not fits(_NO_ROW):
        return None
    low, high, found = round(least * 20), 19, None
    if every:
        for twentieths in range(high, low - 1, -1):
            shown = row_at(twentieths / 20)
            if fits(shown):
                return shown
        return None
    while low <= high:
        mid = (low + high) // 2
        shown = row_at(mid / 20)
        if fits(shown):
            found, low = shown, mid + 1
        else:
            high = mid - 1
    return found


def row(ctx: Context, e: HandoutExercise, scale: float, *, taller: bool = False,
        own_box: bool = False) -> Table:
    """The picture and the dose box side by side, the picture's box ``scale`` times the
    layout's; ``taller``: in a box ``TALLEST`` times as tall as wide, its caption where
    the row is shorter (see the module), a figure drawn as for the layout's box but where
    ``own_box``. The dose box alone where there is no picture."""
    t = ctx.theme
    box_w, box_h = t.image_width * scale, t.image_height * scale
    if taller and e.image is not None:
        drawn_for = (box_w, box_h if pictures.is_figure(e.image) and not own_box
                     else box_w * TALLEST)
        # the shorter row; of two as tall, the caption under the picture
        table = min((_row(ctx, e, shown, dose, box_w)
                     for shown, dose in _taller(ctx, e, box_w, drawn_for)),
                    key=lambda r: height_of([r], t.frame_width, _ANY))
    elif shown := beside.picture_column(
            lambda w, h: card_picture(ctx, e, w, h), e.image, (box_w, box_h),
            under_picture(ctx, e), [dose_box(ctx, e)], t.frame_width - box_w - t.space.md):
        # a figure may use the height of a dose box taller than its box (a long dose, two
        # languages): stacking its frames there costs the row nothing
        table = _row(ctx, e, shown, [dose_box(ctx, e)], box_w)
    else:  # no picture: the dose box has the row to itself
        table = TallRows([[dose_box(ctx, e)]], colWidths=[t.frame_width],
                         page_height=t.frame_height, style=style([
            *[(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING",
                                                 "TOPPADDING")],
            ("BOTTOMPADDING", (0, 0), (-1, -1), t.under)]))
    table.scale = scale
    return table


def _taller(ctx: Context, e: HandoutExercise, box_w: float, drawn_for: tuple[float, float],
            ) -> list[tuple[list[Flowable], list[Flowable]]]:
    """The picture column and the dose column in the taller box, the picture drawn for
    the box ``drawn_for``: the caption under the picture, and (where there is one) under
    the dose box."""
    tall_h = box_w * TALLEST
    shown = picture(ctx, e, *drawn_for)
    if isinstance(shown, pictures.Picture):  # not a placeholder: printed in the taller box
        shown = pictures.Picture(shown.picture, box_w, tall_h)
    under = under_picture(ctx, e)
    ways = [([shown, *under], [dose_box(ctx, e)])]
    if len(under) > 1:  # a caption or a QR code, after the spacer
        ways.append(([shown], [dose_box(ctx, e), Spacer(1, ctx.theme.space.sm), *under[1:]]))
    return ways


def frames_ratio(shown: Flowable, other: Flowable) -> float:
    """How many times as large as in ``other`` the frames of one figure print in ``shown``
    (two drawings of it, each scaled to its box): the least of each frame's, by the side
    of a square of its area; 1 where either has no frames to compare (a placeholder)."""
    boxes = [getattr(getattr(f, "picture", None), "frames", ()) for f in (shown, other)]
    if not boxes[0] or len(boxes[0]) != len(boxes[1]):
        return 1.0
    printed = [[(w * f.width * h * f.height) ** 0.5 for _, _, w, h in b]
               for f, b in zip((shown, other), boxes)]
    return min(a / b for a, b in zip(*printed) if b > 0)


def _many_hands(image: Path | None) -> bool:
    """Whether ``image`` is a figure of more than three frames (four to six close-ups of a
    hand), which the taller box may draw for itself. One of up to three frames (or whose
    frames cannot be counted: its placeholder as before) is drawn only as for the layout's
    box, so that its frames stand as they do there, its words the size they are. Five
    close-ups of a hand stood in one row there, each hand about an inch tall; drawn for
    the taller box they stand in two rows, the tallest hand 1.8 inches (2.6 in the
    three-frame glide's row): two rows of two inches are what the page's height leaves."""
    return (image is not None and pictures.is_figure(image)
            and figure_keys.frame_count(image) > MOST_AS_LAID_OUT)


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
                                ("BOTTOMPADDING", (0, 0), (-1, -1), t.under)])
    # how large the picture prints: rows are compared by it. Without a picture the column
    # holds only its caption or the video's QR code, which no other row of it is told from
    table.picture = shown[0] if e.image is not None else None
    table.picture_width = getattr(table.picture, "width", 0.0)
    table.picture_height = getattr(table.picture, "height", 0.0)
    return table
