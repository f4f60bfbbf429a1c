"""An exercise that runs on to the next page, as a typesetter would let it: only between its
numbered steps (or between the steps and the note, cautions and tips), never before its
picture, its dose and its first two steps (in large print, before the steps where keeping
them would print the picture smaller than a standard card's: large_picture.page_row), never
leaving a single line behind or ahead, and under its title again, marked "(continued)" in
the handout's words.

A standard card does so where the page it would start on is otherwise left less than two
thirds full (see CardRun); large print's one exercise to a page (``page_card``) where its
steps, cautions and tips are more than its page holds (``RunOn``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from reportlab.platypus import Flowable, Table

from handouts.render.cards import (after_steps, card_columns, card_head, card_rule,
                                   card_steps, card_table, compact_table, frozen_card,
                                   title_and_purpose, TIGHTER)
from handouts.render.dose_box import progression
from handouts.render.dose_line import dose_line
from handouts.render import large_picture, mirror, theme, weeks
from handouts.render.context import Context, numbered
from handouts.render.card import Card, continued_title, continues, last_cut, part_of
from handouts.render.flowables import height_of
from handouts.render.keep import KeepTogether
from handouts.resolve import HandoutExercise
from handouts.words import text


# a tighter head's picture box, as a share of a standard card's, largest first: a tighter
# card's sizes, then 60 %, which keeps a cut where the larger pictures would not fit it
HEAD_SHARES = (*TIGHTER, 0.6)


def split_card(ctx: Context, e: HandoutExercise, width: float, room: float):
    """A standard card cut in two where it runs on to the next page: its head (the picture
    and dose column, the title, the first two steps and as many of what follows as fit
    ``room``) and the rest under its title again; None where no such head fits."""
    t = ctx.theme
    box = (t.image_width, t.image_height)
    last = last_cut(len(run_on_blocks(ctx, e)), len(e.steps), bool(e.tips))
    # the head as the card is set, else as its tighter card is: in two languages the picture
    # and dose column alone can be taller than what a page has left under a summary that ran
    # on from page 1
    for cut in range(last, 0, -1):
        head = frozen_card(ctx, e, width, ("head", cut), box,
                           lambda c=cut: _head(ctx, e, width, c))
        if head.height <= room:
            return head, _rest(ctx, e, width, cut)
    # the tighter head cut as low as its smallest picture allows, so that what goes on (and
    # so every page after it) is the same, its picture as large as fits that cut
    for cut in range(last, 0, -1):
        for share in HEAD_SHARES:
            size = (box[0] * share, box[1] * share)
            head = frozen_card(ctx, e, width, ("tighter head", cut), size,
                               lambda c=cut, s=size: _tighter_head(ctx, e, width, c, s))
            if head.height <= room:
                return head, _rest(ctx, e, width, cut)
    return None


def _rest(ctx: Context, e: HandoutExercise, width: float, cut: int) -> Flowable:
    t = ctx.theme
    return frozen_card(ctx, e, width, ("rest", cut), (t.image_width, t.image_height),
                       lambda: _rest_card(ctx, e, width, cut))


def _head(ctx: Context, e: HandoutExercise, width: float, cut: int) -> Table:
    return card_table(ctx, e, width, [f for block in run_on_blocks(ctx, e)[:cut] for f in block])


def _tighter_head(ctx: Context, e: HandoutExercise, width: float, cut: int,
                  size: tuple[float, float]) -> Table:
    """A head set as a tighter card is: a smaller picture, the dose on a line under the
    title, the first steps without their label (their numbers say what they are)."""
    text_ = [*title_and_purpose(ctx, e), dose_line(ctx, e), *progression(ctx, e),
             *numbered(ctx, e.steps[:2], "item"),
             *(f for block in run_on_blocks(ctx, e)[1:cut] for f in block)]
    return compact_table(ctx, e, width, size, text_)


def run_on_blocks(ctx: Context, e: HandoutExercise) -> list[list]:
    """An exercise's text in the pieces a page may end between: the title with the first
    two steps; each later step; the note; the cautions, all together (they are read as one);
    the tips."""
    head = [*card_head(ctx, e, with_dose=False), *card_steps(ctx, e, 0, 2)]
    blocks = [head, *([step] for step in card_steps(ctx, e, 2))]
    after = after_steps(ctx, e)
    labels = [i for i, f in enumerate(after) if getattr(f.style, "keepWithNext", 0)]
    blocks += [after[i:j] for i, j in zip(labels, [*labels[1:], len(after)])]
    return blocks


def _rest_card(ctx: Context, e: HandoutExercise, width: float, cut: int) -> Table:
    """What continues: under the title again, in the card's text column."""
    t = ctx.theme
    rest = [f for block in run_on_blocks(ctx, e)[cut:] for f in block]
    table = Card([mirror.row(t, ["", [continued_title(ctx, e), *rest]])],
                 colWidths=mirror.row(t, card_columns(ctx, width)), page_height=t.frame_height,
                 continued=continues(ctx, e))
    return card_rule(table, t, bottom=t.space.sm)


def page_card(ctx: Context, e: HandoutExercise, room: float | None = None) -> list[Flowable]:
    """Large print: one exercise to a page. The picture and the dose share a row under the
    title, so the picture can be large and the steps, cautions and tips still fit below;
    on a page with a long text the picture gives up size first, and its column narrows with
    it, so that a long dose takes fewer lines beside it; a photo taller than wide has a
    column only as wide as it and its caption need (see portrait). Where even that does not
    make the exercise fit its page, it runs on (``RunOn``). Which box, and how large:
    ``large_picture.page_row``. ``room``: the height its first page has, where something
    is above it there (the therapist's note); else a whole page.

    One that would run on is set snug where that fits it whole (``SNUG``: half the space
    between its sections, then none; the type its size): otherwise it missed its page by a
    line or three, and those (the cautions and a tip) took a page of their own, most of it
    empty (four of Jane's five exercises in Spanish)."""
    row, page = _page_set(ctx, e, room)
    fits = page.fits(row)
    # one that fits only with its picture shrunk is set snug too where that keeps the
    # picture clearly larger: Jane's child's pose in Spanish fitted with its two frames in
    # a row 0.8 inch tall, and set snug it fits with them one above the other, 2.3 inches
    if not fits or getattr(row, "scale", 1.0) < 1.0:
        for share in SNUG:
            # its own warnings list: the picture's warnings are given once, as set above
            snug = replace(ctx, theme=theme.snug(ctx.theme, share), warnings=[])
            snug_row, snug_page = _page_set(snug, e, room)
            if snug_page.fits(snug_row) and (not fits or _clearly_larger(snug_row, row)):
                ctx, row, page = snug, snug_row, snug_page
                break
    # nothing after the first two steps (a short exercise without tips): nothing runs on
    return [KeepTogether([*page.head, row, *page.steps]),
            *([RunOn(page.rest, continued_title(ctx, e))] if page.rest else [])]


# the space between a large-print exercise's sections where it misses its page: half, then none
SNUG = (0.5, 0.0)


def _clearly_larger(row: Table, other: Table) -> bool:
    """Whether the picture of ``row`` prints clearly larger than that of ``other``: frame
    by frame where both are figures (``large_picture.frames_ratio``), else by its area."""
    shown, before = getattr(row, "picture", None), getattr(other, "picture", None)
    if shown is None or before is None:
        return False
    ratio = large_picture.frames_ratio(shown, before)
    if ratio == 1.0:  # no frames to compare (a photo, a placeholder)
        ratio = ((shown.width * shown.height) / max(before.width * before.height, 1)) ** 0.5
    return ratio > large_picture.CLEARLY


def _page_set(ctx: Context, e: HandoutExercise, room: float | None):
    """Large print's picture row for ``e`` and its page, as ``ctx``'s theme sets them."""
    t = ctx.theme
    weeks_apart = weeks.below(ctx, e)
    progressing, e = e, weeks.card_part(ctx, e) if weeks_apart else e
    head = card_head(ctx, e, with_dose=False)
    # the first two steps (and their label) stay with the picture and the dose
    first = card_steps(ctx, e, 0, 2)
    rest = [piece for block in run_on_blocks(ctx, e)[1:] for piece in _pieces(block)]
    if weeks_apart:  # after the tips, the long progression's weeks, which may run on
        rest.append(weeks.table(ctx, progressing, t.frame_width))
    page = large_picture.Page(head, first, rest, t, room,
                              taken=lambda laid_out, row: _pages_taken(ctx, e, laid_out, row))
    return large_picture.page_row(ctx, e, page)


def _pages_taken(ctx: Context, e: HandoutExercise, page: large_picture.Page,
                 row: Table) -> tuple[int, float]:
    """Where ``e`` ends laid out as ``page`` with ``row``: how many pages it takes, and how
    much of the last it fills where what follows may share that page (the education after
    the last exercise; every other is followed by one that starts a page). Its first page
    holds the title, the row and the steps kept with them; then what runs on fills as many
    as it does, split as ``RunOn`` splits it on the page."""
    t = ctx.theme
    height = page.height
    used = height_of([*page.head, row, *page.steps], t.frame_width, height)
    run_on, taken = RunOn(list(page.rest), continued_title(ctx, e)), 1
    for at_top in (False, *[True] * _MOST_PAGES):
        if not run_on.parts:
            break
        run_on._frame = _Frame(at_top)
        parts = run_on.split(t.frame_width, height - used)
        if parts and not isinstance(parts[-1], RunOn):
            used += height_of(parts, t.frame_width, height - used)
            break
        run_on = parts[-1] if parts else run_on
        taken, height, used = taken + 1, t.frame_height, 0.0
    shared = e.number == ctx.handout.exercises[-1].number
    return taken, used if shared else 0.0


_MOST_PAGES = 50  # counting stops there: one exercise never takes as many


@dataclass(frozen=True)
class _Frame:
    """What ``RunOn.split`` asks of the frame it is split in, counting pages."""
    _atTop: bool  # noqa: N815 - reportlab's name


class RunOn(Flowable):
    """The rest of an exercise after its head, each step, caution and tip whole: where the
    page runs out, what is left continues at the top of the next page under ``title`` (the
    exercise's title and "continued"). A part taller than a page (the longest note) is the
    one thing that splits inside itself."""

    def __init__(self, parts: list[Flowable], title: Flowable, continued: bool = False):
        super().__init__()
        self.parts, self.title, self.continued = parts, title, continued

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() for each page

    def split(self, avail_w, avail_h):
        head = [self.title] if self.continued else []
        room = avail_h - height_of(head, avail_w, avail_h)
        placed: list[Flowable] = []
        for part in self.parts:
            size = height_of([part], avail_w, room)
            if size > room:
                break
            placed.append(part)
            room -= size
        rest = self.parts[len(placed):]
        if not rest:
            return [*head, *_unpacked(placed)]
        if isinstance(rest[0], weeks.Weeks):
            # a long progression's weeks start on this page where some rows fit, and run on
            cut = weeks.cut(rest[0], avail_w, room)
            if cut:
                return [*head, *_unpacked(placed), cut[0],
                        RunOn([cut[1], *rest[1:]], self.title, continued=True)]
        elif len(rest) == 1 and _lines(rest[0], avail_w) < 2 and len(placed) > 1:
            rest = [placed.pop(), *rest]  # no single line alone at the top of a page
        at_top = getattr(getattr(self, "_frame", None), "_atTop", False)
        if rest and placed and all(part_of(p) == "tips" for p in rest):
            placed, rest = _with_tips(placed, rest, at_top)
        if not placed:
            if not at_top:
                # nothing fits in what is left of this page: all of it moves on, and
                # continues there under the title
                self.continued = True
                return []
            # taller than a page (the longest note; thirty cautions, read as one): as much of
            # it as the page holds, the paragraph at the page's foot split inside
            placed, after = _as_fits(_unpacked(rest[:1]), avail_w, room)
            if not placed:
                return []
            rest = [*after, *rest[1:]]
        return [*head, *_unpacked(placed), RunOn(_labelled(rest), self.title, continued=True)]


def _with_tips(placed: list[Flowable], rest: list[Flowable], at_top: bool,
               ) -> tuple[list[Flowable], list[Flowable]]:
    """What stays on this page and what goes on, where only tips would go on (they had a
    page to themselves, under the title again): the part just ahead of them goes on with
    them (see card.last_cut), unless it is all a page they open holds."""
    if at_top and len(placed) < 2:
        return placed, rest
    return placed[:-1], [placed[-1], *rest]


def _pieces(block: list[Flowable]) -> list[Flowable]:
    """A block of ``run_on_blocks`` as the parts large print's page may end between. A list
    under its label (the cautions, the tips) may end a page between its items where it has
    three or more: the label with the first, the items one by one, the last two together, so
    that a page never ends with the label alone or starts with one item alone; where it
    goes on, it does so under its label again, marked "(continued)" as a standard card's
    (``_labelled``; see card.labelled). Any other block is one part."""
    if len(block) == 1:
        return block
    items = block[1:]
    if len(items) < 3 or not all(getattr(f, "bulletText", None) for f in items):
        return [KeepTogether(block)]
    middle = [*items[1:-2], KeepTogether(items[-2:])]
    again = getattr(items[0], "heading_again", None)
    for part in middle:  # a label of its own, for the page it opens
        part.label_again = again() if again else copy.copy(block[0])
    return [KeepTogether(block[:2]), *middle]


def _labelled(rest: list[Flowable]) -> list[Flowable]:
    """What goes on at the top of the next page; a list that goes on there does so under
    its label again (see ``_pieces``), kept with it."""
    label = getattr(rest[0], "label_again", None) if rest else None
    return rest if label is None else [KeepTogether([label, *_unpacked(rest[:1])]), *rest[1:]]


def _as_fits(items: list[Flowable], width: float, room: float,
             ) -> tuple[list[Flowable], list[Flowable]]:
    """The first of ``items`` that fit ``room`` (the one that does not split inside where
    it can) and those left over; never a label kept with its text alone at the end."""
    placed: list[Flowable] = []
    for i, item in enumerate(items):
        size = height_of([item], width, room)
        if size <= room:
            placed.append(item)
            room -= size
            continue
        pieces = item.split(width, room) if room > 0 else []
        after = [*pieces[1:], *items[i + 1:]] if pieces else items[i:]
        placed += pieces[:1]
        while placed and getattr(placed[-1], "keepWithNext", 0) or \
                placed and getattr(getattr(placed[-1], "style", None), "keepWithNext", 0):
            after.insert(0, placed.pop())
        return placed, after
    return placed, []


def _unpacked(parts: list[Flowable]) -> list[Flowable]:
    """A KeepTogether that fits is placed as its parts: the frame could not place it whole
    where a split put it (it claims an endless height)."""
    return [f for part in parts
            for f in (part._content if isinstance(part, KeepTogether) else [part])]


def _lines(part: Flowable, width: float) -> int:
    """How many lines a part takes (a label kept with its text counts both)."""
    if isinstance(part, KeepTogether):
        return sum(_lines(p, width) for p in part._content)
    part.wrap(width, 0xFFFFFF)
    return len(getattr(getattr(part, "blPara", None), "lines", [None]))


