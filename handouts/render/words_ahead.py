"""Large print's page 1 where the summary has no room: what to do with the exercises and the
log, and the time they take, said there over the safety box; the summary's heading and table
start page 2. At 18 pt the summary's heading and words alone are about 150 pt, and page 1
under a clinic's one-line header and over its safety box has 130 to 250: all of it went to
page 2 and left that room empty."""

from __future__ import annotations

from reportlab.platypus import Flowable

from handouts.render.flowables import height_of


def split(summary, said: list[Flowable], avail_w: float, avail_h: float) -> list[Flowable]:
    """What ``summary`` (a page_one.MostlyHere with ``ahead``: the words, after a space,
    and the heading alone) puts on page 1 where it has no room there as ``said``: the
    summary whole (or half its table) under the words that leave out "put this page on your
    fridge" where that makes it fit, the heading first; else the words alone, the heading
    and table going on; else nothing. Nothing on another page than page 1, where the
    summary says what it always said."""
    if said is not summary.leads["here"]:
        return []
    kind, (words, heading) = type(summary), summary.ahead
    shorter = kind({**summary.leads, "here": summary.leads["elsewhere"]}, summary.table,
                   summary.snug)
    shorter._frame, shorter.canv = (getattr(summary, a, None) for a in ("_frame", "canv"))
    placed = shorter.split(avail_w, avail_h)
    if placed:
        return placed
    if height_of(words, avail_w, avail_h) > avail_h:
        return []
    alone = {**summary.leads, "here": heading, "elsewhere": heading}
    return [*words, kind(alone, summary.table, summary.snug)]
