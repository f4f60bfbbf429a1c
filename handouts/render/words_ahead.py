"""Large print's page 1 where the summary has no room: what to do with the exercises and the
log, and the time they take, said there over the safety box, with where the order is (the
next page); the summary's heading and table start page 2. At 18 pt the summary's heading and
words alone are about 150 pt, and page 1 under a clinic's one-line header and over its
safety box has 130 to 250: all of it went to page 2 and left that room empty.

The words are their own (``in_order_next_page``): "Do the exercises in this order" over no
order read as an instruction that points at nothing. A summary that misses page 1 is never
set there without "put this page on your fridge", the one thing page 1 asks of the reader:
the words go ahead of it instead."""

from __future__ import annotations

from reportlab.platypus import Flowable

from handouts.render.flowables import height_of


def split(summary, said: list[Flowable], avail_w: float, avail_h: float) -> list[Flowable]:
    """What ``summary`` (a page_one.MostlyHere with ``ahead``: the words, after a space,
    and the heading alone) puts on page 1 where it has no room there as ``said``: the words
    alone, the heading and table going on to the next page; else nothing. Nothing on another
    page than page 1, where the summary says what it always said."""
    if said is not summary.leads["here"]:
        return []
    words, heading = summary.ahead
    if height_of(words, avail_w, avail_h) > avail_h:
        return []
    alone = {**summary.leads, "here": heading, "elsewhere": heading}
    # not set snug: under the heading alone the table with no space in its rows held page 1
    # under "in the order on page 2" (at the top of page 2 it is placed as it is anyway)
    return [*words, type(summary)(alone, summary.table)]
