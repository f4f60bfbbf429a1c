"""Page 1's "Stop and call us if…" box: the call to the emergency number first, the other
warning signs, what soreness is normal and the clinic's phone.

It keeps the foot of page 1 (FootOfPage). Only where it is taller than that room (large
print in two languages: about 690 pt at 18 pt, of 635 on Letter; the Dublin clinic's 560,
which fits a page but not page 1 under the title) does it run on to the next page; there each page it leaves says so at the box's foot, "(continued)" (where the page
has room for it under the call to 911, which comes first), and each page
it goes on to opens under its heading again, "Stop and call us if… (continued)": a patient
who reads page 1 alone knows there are more reasons to call, and one who turns to page 2
reads its warnings as the box's, not as a list of their own.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table

from handouts.render import links, mirror
from handouts.render.card import Card, continued_label
from handouts.render.context import Context, esc, numbered
from handouts.render.flowables import FootOfPage, height_of, held_for_next_frame
from handouts.render.frozen import fixed
from handouts.render.page_one import boxed


def safety(ctx: Context, then: list[Flowable] = ()) -> list[Flowable]:
    """The "Stop and call us if…" box, at the foot of page 1 whatever else page 1 holds: the
    summary above it gives way (it continues on page 2), never the box. ``then``: what
    follows it, which it follows instead where it is too tall for the foot (see FootOfPage).
    The box is the same for every patient of the clinic: laid out once per process."""
    h = ctx.handout
    content = (h.safety, h.clinic.phone)
    box = fixed(ctx, "safety", content, lambda: _safety_box(ctx))
    # too tall for the foot, it runs on to page 2: one column, each warning whole, so that
    # it breaks between warnings, read in order, with no gap (two columns move on whole)
    flowing = lambda: fixed(ctx, "safety, one column", content,  # noqa: E731
                            lambda: _safety_box(ctx, columns=False))
    # one column, closer to its border and to what is above it: what page 1 keeps at its foot
    # where the box as set leaves the patient's facts no room above it (see FactsKept)
    closer = lambda: FootOfPage(  # noqa: E731
        fixed(ctx, "safety, one column, closer", content,
              lambda: _safety_box(ctx, columns=False, closer=True)),
        gap=0, then=then)
    return [FootOfPage(box, gap=ctx.theme.space.sm, then=then, flowing=flowing, closer=closer)]


class RunsOnBox(Card):
    """A box taller than a page: where it splits, the part that ends a page closes with
    ``goes_on()`` (the words that say it goes on) and the part that opens the next page
    under ``continued`` (its heading again, marked so) as a card's rest does."""

    goes_on = None  # reportlab makes a split's parts through __init__: set on each after
    # one that fits a page still splits: moved whole, it left page 1 without the call to the
    # emergency number (the Dublin clinic's, two languages in large print)
    moves_whole = False

    def split(self, avail_width, avail_height):
        if held_for_next_frame(self):
            return []
        if self.goes_on is None:
            return super().split(avail_width, avail_height)
        parts = self._split(avail_width, avail_height)
        # the room under a part just placed can hold none of the rest: it starts the next page
        # (a part with nothing in it would open that page under the heading twice); one that
        # fits a page moves there whole rather than end this page taller than its room
        return parts if parts and _holds(parts[0], avail_width, avail_height) else []

    def _split(self, avail_width, avail_height, *, last_alone: bool = False):
        lines = self.goes_on()
        cell = self._cellStyles[0][0]
        inner = avail_width - cell.leftPadding - cell.rightPadding
        # reportlab fills a row it splits to the room less its top padding only and calls the
        # part as tall as the room: the box's bottom padding, and the line added under it once
        # measured again, went past the page's foot (Arabic in large print on A4)
        room = avail_height - cell.bottomPadding
        parts = super().split(avail_width, room - height_of(lines, inner, avail_height))
        if len(parts) == 2 and parts[0]._cellvalues[0][0]:
            head = parts[0]
            head._cellvalues[0][0] = [*head._cellvalues[0][0], *lines]
            head._argH = head._rowHeights = [None]  # measured again, with the line
        if len(parts) != 2 or not _holds(parts[0], avail_width, avail_height):
            # no room for the line under the box's first warning: the warning stays on this
            # page without it (the call to 911 is the one page 1 must hold), the rest under
            # the heading again on the next; a head with none of the box is not given the
            # line alone
            parts = super().split(avail_width, room)
        if len(parts) != 2 or not parts[0]._cellvalues[0][0]:
            # where the call fits only over the box's bottom padding (Jane's page 1), the
            # padding under it is what the page has left, so that it stays there all the same
            parts = super().split(avail_width, avail_height)
            if len(parts) == 2:
                _padded_to(parts[0], avail_width, avail_height)
        content = self._cellvalues[0][0]
        # what goes on, under its heading again (continued)
        went_on = len(parts[1]._cellvalues[0][0]) - bool(self.continued) if len(parts) == 2 \
            else 0
        if not last_alone and went_on == 1 and len(content) > 2:
            # never the call to the clinic alone under the heading again: what is before it
            # goes on with it, where this page keeps some of the box (a vestibular clinic's
            # page 2 opened with the heading and "Call us at 819-555-0148" alone)
            before = content[-2]
            lift = (before.wrap(inner, avail_height)[1] + before.getSpaceBefore()
                    + before.getSpaceAfter())
            higher = self._split(avail_width, avail_height - lift, last_alone=True)
            if len(higher) == 2 and higher[0]._cellvalues[0][0]:
                parts = higher
        for rest in parts[1:]:
            # it starts the next page: split again in the room under the part placed here,
            # it opened there under its heading again
            rest.goes_on, rest.moved_on = self.goes_on, True
        return parts


def _holds(head: Table, avail_width: float, avail_height: float) -> bool:
    """Whether ``head``, a split's first part, has something of the box in it and fits the
    room it was split for."""
    return bool(head._cellvalues[0][0]) and \
        head.wrap(avail_width, avail_height)[1] <= avail_height + 1e-6


def _padded_to(head: Table, avail_width: float, avail_height: float) -> None:
    """``head`` with its bottom padding cut to what ``avail_height`` leaves under its text,
    measured again (reportlab gave it the height of the room, whatever its text)."""
    cell = head._cellStyles[0][0].copy()  # the box's own is shared with its other parts
    head._cellStyles[0][0] = cell
    full, cell.bottomPadding = cell.bottomPadding, 0
    head._argH = head._rowHeights = [None]
    cell.bottomPadding = max(0.0, min(full, avail_height - head.wrap(avail_width,
                                                                     avail_height)[1]))
    head._argH = head._rowHeights = [None]


def _goes_on(ctx: Context) -> list[Flowable]:
    """"(continued)" in each language, bold, at the foot of the page a box runs on from, on
    the side a line ends (phone_label: the body, aligned so)."""
    said = esc(ctx.label("continued"))
    return [Spacer(1, ctx.theme.space.xs), ctx.p(f"<b>{said}</b>", "phone_label")]


def _safety_box(ctx: Context, columns: bool = True, closer: bool = False) -> Table:
    h, t = ctx.handout, ctx.theme
    content: list[Flowable] = [ctx.p(esc(ctx.say("safety_heading")), "safety_head")]
    if h.safety:
        for block in h.safety.body:
            if hasattr(block, "bullets"):
                content += safety_bullets(ctx, block.bullets, two_columns=columns)
            elif not hasattr(block, "heading"):
                content.append(ctx.p(esc(block.text)))
    content.append(ctx.p(esc(ctx.say("soreness")), "body_tight"))
    content.append(links.linked(ctx.p(esc(ctx.say("safety_call", phone=h.clinic.phone)),
                                      "safety_call"), h.clinic.phone))
    if columns or closer:  # kept whole at the foot
        return boxed(ctx, content, border=t.ink, width=2.5,
                     pad=t.space.xs if closer else None)
    box = boxed(ctx, content, border=t.ink, width=2.5, kind=RunsOnBox)
    box.continued = (0, lambda: continued_label(ctx, "safety_heading", "safety_head"))
    box.goes_on = lambda: _goes_on(ctx)
    return box


def safety_bullets(ctx: Context, bullets, two_columns: bool = True) -> list[Flowable]:
    """The first warning (the one to call 911 for) across the box; the short ones after it
    in two columns, so that the box leaves room on page 1 for the summary. Not
    ``two_columns`` (a box that runs on to page 2): one column, each warning whole."""
    t = ctx.theme
    items = numbered(ctx, bullets, "body_tight", bullet="•", whole=not two_columns)
    first, rest = items[:1], items[1:]
    if not two_columns or len(rest) < 4:
        return items
    half = (len(rest) + 1) // 2
    columns = Table([mirror.row(t, [rest[:half], rest[half:]])], colWidths=["50%", "50%"])
    mirror.set_style(t, columns, [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  *[(k, (0, 0), (-1, -1), 0) for k in (
                                      "LEFTPADDING", "TOPPADDING", "BOTTOMPADDING")],
                                  ("RIGHTPADDING", (0, 0), (-1, -1), t.space.sm)])
    return first + [columns]
