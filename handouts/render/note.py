"""The therapist's note, read before the exercises it is about: a caregiver told "Please stay
close for the standing exercises", or a patient "Check your pulse before and after each
walk", met it only after the cards they follow in order. It goes under the summary (above
page 1's safety box, which keeps the foot of the page) where that page has room for it
whole; else it heads the exercises, before the first card. A box, it moves on whole: only a
note taller than a page splits.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable

from handouts.render import page_one
from handouts.render.context import Context, esc
from handouts.render.continuation import page_card
from handouts.render.flowables import height_of


def box(ctx: Context) -> Flowable:
    """The note under its label ("Note from your therapist", a caregiver's "Note from Mia's
    therapist"), in a box; in the one language the therapist wrote it in."""
    shown = page_one.boxed(ctx, [ctx.p(esc(ctx.say("therapist_note")), "label"),
                                 ctx.p(esc(ctx.handout.note))])
    shown.spaceBefore = ctx.theme.space.sm  # none at the top of a page
    return shown


def under_summary(ctx: Context) -> list[Flowable]:
    """The note where the summary ends. Standard and compact: in the flow, so that where
    the page has no room for it, the box starts the next page and the exercises follow it
    (compact's cards start under it on page 1). Large print: here only if it fits (see
    ``ahead_of_first``)."""
    if not ctx.handout.note:
        return []
    if ctx.theme.card_per_page:
        return [page_one.HereIfRoom(box(ctx), ctx.note_moved)]
    return [box(ctx)]


def ahead_of_first(ctx: Context, first_break: Flowable, shown: list[Flowable],
                   ) -> list[Flowable]:
    """Large print's first exercise, ``shown`` after ``first_break``; where the note had
    no room under the summary, the note starts a page and the exercise shares it, laid out
    for the room the note leaves (its picture as large as that allows), where it fits
    there whole or runs on to the next page even on a page of its own: the note on a page
    by itself cost a page. An exercise that a page holds whole but the room under the note
    does not starts the next page, whole, as every other one does (cut in two it takes as
    many pages)."""
    if not ctx.handout.note:
        return [first_break, *shown]
    t = ctx.theme
    note = box(ctx)
    room = t.frame_height - height_of([note], t.frame_width, t.frame_height)
    start = CondPageBreak(t.frame_height - 1)  # a page of its own, unless at the top of one
    under = [start, note, first_break, *shown]
    if room >= t.frame_height / 2:
        shared = page_card(ctx, ctx.handout.exercises[0], room)
        if _height(shared, t) <= room or _height(shown, t) > t.frame_height:
            shared[0].outline = getattr(shown[0], "outline", None)
            under = [start, note, *shared]
    return [Either(ctx.note_moved, [first_break, *shown], under)]


def _height(shown: list[Flowable], t) -> float:
    """The height of large print's exercise, all of it (a RunOn's parts too)."""
    whole = [f for part in shown for f in getattr(part, "parts", [part])]
    return height_of(whole, t.frame_width, t.frame_height)


class Either(Flowable):
    """``usual``, or ``moved`` where ``HereIfRoom`` had no room for what it holds."""

    def __init__(self, said: dict, usual: list[Flowable], moved: list[Flowable]):
        super().__init__()
        self.said, self.usual, self.moved = said, usual, moved

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() which it is

    def split(self, avail_w, avail_h):
        return self.moved if self.said.get("moved") else self.usual
