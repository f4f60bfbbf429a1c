"""Handout + theme → reportlab flowables: one small builder per block of the handout (page 1's
header, title, summary, the therapist's note and safety box; the exercise cards; education;
the log; the disclaimer), in the order ``ORDER`` gives.
"""

from __future__ import annotations

import functools
from typing import Callable

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from handouts.render import (cards as cards_, compact_split, header, note, page_one, safety,
                             topic_table, weeks, wide)
from handouts.render.cards import compact_card
from handouts.render.continuation import page_card, split_card
from handouts.render.two_languages import side_by_side_card
from handouts.render.context import Context, esc, numbered
from handouts.render.flowables import FULL, CardRun, EndOfSummary, height_of
from handouts.render.float_over import FloatOver
from handouts.render.keep import KeepTogether, WithFirstLines
from handouts.render.paragraph import Paragraph
from handouts.render.ending import (AfterSummary, LogAndDisclaimer, disclaimer,
                                    nowhere_at_the_end, run_in_disclaimer, under_an_exercise)
from handouts.render.last_page import EndChoice, keep_lines
from handouts.render.theme import Theme
from handouts.resolve import Handout
from handouts.words import text
from handouts.render.log import log
from handouts.render.log_how import reminder
from handouts.render.outline import outlined


def _exercise(e, *flowables: Flowable) -> None:
    for f in flowables:
        outlined(f, f"{e.number}. {text.parts(e.title)[0]}")


def exercises(ctx: Context) -> list[Flowable]:
    """The exercise cards."""
    t, items = ctx.theme, ctx.handout.exercises
    out: list[Flowable] = []
    if t.card_per_page:
        pages = [page_card(ctx, e) for e in items]
        for e, shown in zip(items, pages):
            _exercise(e, shown[0])
        first = _first_break(t, pages[0])
        after_summary, under, after_it = _disclaimer_ahead(ctx, first.height, pages)
        for i, shown in enumerate(pages):
            out += [*(note.ahead_of_first(ctx, first, shown) if i == 0 else [PageBreak(), *shown]),
                    *(after_it if i == under else [])]
        return [*after_summary, *out]
    if t.layout == "compact":
        # compact saves paper: the cards start on page 1, under what to do with them
        # no tighter version: a picture smaller than compact's is too small to follow, and
        # cards whose text starts at different places read as untidy
        one = compact_card if len(ctx.handout.languages) == 1 else side_by_side_card
        cards = [one(ctx, e, t.frame_width) for e in items]
        for e, c in zip(items, cards):
            _exercise(e, c)
        # a card may be taller than the room a page has left under the cards before it (or
        # page 1's title), so it may run on to the next page: in two languages side by side
        # wherever that is; in one, where the page would be left more than a third empty,
        # and on page 1 wherever its head fits above the safety box (a hole in the page)
        splits = [functools.partial(compact_split.split, ctx, e, t.frame_width) for e in items]
        full = FULL if len(ctx.handout.languages) == 1 else 1.0
        return [CardRun([(c,) for c in cards], splits=splits, full=full, above_box=1.0,
                        lead=[ctx.p(esc(ctx.say("exercises_heading")), "h2_first")])]
    lead = [ctx.p(esc(ctx.say("exercises_heading")), "h2"),
            *([_minutes_if_moved(ctx)] if ctx.handout.session_minutes else [])]
    width = t.frame_width
    cards, splits = [], []
    for e in items:
        shown = weeks.card_part(ctx, e) if weeks.below(ctx, e) else e
        kind = wide if wide.is_wide(ctx, shown) else cards_
        cards.append((kind.card(ctx, shown, width), *kind.tighter_cards(ctx, shown, width)))
        _exercise(e, *cards[-1])
        cut = wide.split_card if kind is wide else split_card
        splits.append(functools.partial(cut, ctx, shown, width))
        if shown is not e:  # its weeks follow it, in a table that may run on
            table = weeks.table(ctx, e, width)
            cards.append((table,))
            splits.append(functools.partial(weeks.cut, table, width))
    return [EndOfSummary(ctx.summary_page),
            CardRun(cards, lead=lead, splits=splits)]


def _disclaimer_ahead(ctx: Context, starts_page: float, pages: list[list[Flowable]],
                      ) -> tuple[list[Flowable], int, list[Flowable]]:
    """Large print, no education, where the disclaimer can neither share the log's page nor
    end the exercises: what goes under the summary (see ending.AfterSummary), where that page
    has room; else the exercise it goes under, the last before the end that leaves room
    (see ending.under_an_exercise), and what goes there. Nothing where it goes at the end."""
    note = disclaimer(ctx)
    if ctx.handout.education or not note or not nowhere_at_the_end(ctx, log(ctx), pages[-1]):
        return [], -1, []
    run_in, moved = run_in_disclaimer(ctx), ctx.disclaimer_moved
    return ([AfterSummary(note, run_in, starts_page, moved)],
            under_an_exercise(ctx, pages[:-1], run_in),
            [AfterSummary(note, run_in, float("inf"), moved)])


def _minutes_if_moved(ctx: Context) -> Flowable:
    """The time the exercises take, over the first of them, where the summary's page had no
    room for it under the table."""
    return page_one.IfMoved(page_one.session_minutes(ctx), ctx.session_line)


def _first_break(t: Theme, shown: list[Flowable]) -> Flowable:
    """Large print gives each exercise a page of its own; the first may share the page the
    summary ran on to, where that page holds only its last lines (a quarter at most) and
    the exercise fits under them (or runs on to the next page anyway: two languages)."""
    whole = [f for part in shown for f in getattr(part, "parts", [part])]  # a RunOn's parts
    tall = height_of(whole, t.frame_width, t.frame_height)
    little_used = t.frame_height * 0.75
    return CondPageBreak(little_used if tall > t.frame_height else max(tall, little_used))


def summary(ctx: Context) -> list[Flowable]:
    """Page 1's summary of the program. Compact has none: its cards start on page 1, each
    with its dose on a line of its own, and the log lists every exercise again; what is left
    of the summary is what to do with them, and the time they take."""
    if ctx.theme.layout != "compact":
        return page_one.at_a_glance(ctx)
    how = text.both(ctx.join(pair, "sentences", i) for i, pair in enumerate(zip(
        text.parts(ctx.say("in_order")), text.parts(ctx.say(reminder(ctx))))))
    if not ctx.handout.session_minutes:  # daily tasks alone: no time to say
        return [ctx.p(esc(how))]
    minutes = ctx.say("session_minutes", minutes=ctx.handout.session_minutes)
    said = text.both(ctx.join([a, f"**{b}**"], "sentences", i)
                     for i, (a, b) in enumerate(zip(text.parts(how), text.parts(minutes))))
    return [ctx.p(esc(said))]


def education(ctx: Context) -> list[Flowable]:
    topics = ctx.handout.education
    if not topics:
        return []
    out: list[Flowable] = []
    said = ctx.handout.education_heading or ctx.say("education_heading")
    heading = [outlined(ctx.p(esc(said), "h2"), said)]
    for topic in topics:
        start = len(out)
        head = [ctx.p(esc(topic.title), "h3")]
        if topic.summary:
            head.append(ctx.p(f"<b>{esc(topic.summary)}</b>"))
        body = blocks(ctx, topic.body)
        # a topic's header (and the section's, before the first) in one piece with its first
        # block, so a header never ends a page, even where the log floats over the education;
        # and with what that block keeps with it (a heading, a list's first two items): kept
        # with the header alone, a body's first heading went to the next page with its list,
        # the topic's title and summary left at the foot of the page before
        # (a paragraph that keeps with a short table after it goes with it whole: let run
        # on, large print left the topic's title and that paragraph at a page's foot and the
        # table alone at the head of the next)
        leads = bool(body) and getattr(body[0], "keepWithNext", 0)
        if isinstance(body[0] if body else None, WithFirstLines) or (
                _flowing(ctx, body[:1]) and not leads):
            taken = 1
            first = [f for part in body[:1] for f in getattr(part, "_content", [part])]
            out.append(WithFirstLines(heading + head + first))
        else:
            taken = _kept_with(body)
            out.append(KeepTogether(heading + head + body[:taken]))
        out.extend(body[taken:])
        out[start].topic_start = True
        heading = []
    return out


def _kept_with(body: list[Flowable]) -> int:
    """How many of ``body``'s first flowables a page may not end between (keepWithNext)."""
    n = 1
    while n < len(body) and getattr(body[n - 1], "keepWithNext", 0):
        n += 1
    return n


def starts_topic(head: Flowable) -> bool:
    """Whether ``head`` (or its first part) starts a topic (see FloatOver's ``starts``)."""
    while not getattr(head, "topic_start", False) and getattr(head, "_content", None):
        head = head._content[0]
    return getattr(head, "topic_start", False)


def _flowing(ctx: Context, body: list[Flowable]) -> bool:
    """Whether ``body`` is one paragraph of text that large print lets a page end inside,
    its heading kept with its first lines (see keep.WithFirstLines): at 18 pt, and more so
    in two languages, a paragraph is a third of a page, which moving it whole left empty."""
    return (ctx.theme.layout == "large_print" and len(body) == 1
            and isinstance(body[0], Paragraph) and not body[0].bulletText)


def blocks(ctx: Context, body) -> list[Flowable]:
    out: list[Flowable] = []
    heading = None
    for block in body:
        if hasattr(block, "bullets"):
            items = numbered(ctx, block.bullets, bullet="•")
            # a list starts a page with at least two items or ends one with at least two:
            # never one alone at the foot of a page or at the head of the next; and a short
            # one (a scale) is read as a whole, so it moves whole to the next page (see
            # _short), with the words before it where they are short too: the RPE scale
            # printed 2 of its 6 lines at a page's foot, then its intro there alone; a long
            # intro moved with it left half a page empty (a list before it is not its intro)
            short = _short(ctx, items)
            kept = items[:-1] if short else {items[0], items[-2]}
            for item in kept if len(items) > 1 else ():
                item.keepWithNext = 1
            lead = out[-1] if out and isinstance(out[-1], Paragraph) else None
            if short and lead is not None and not lead.bulletText \
                    and _short(ctx, [lead, *items]):
                lead.keepWithNext = 1
            out.extend(items)
        elif hasattr(block, "rows"):
            found = topic_table.table(ctx, block, ctx.theme.frame_width)
            # a short table keeps with the words that lead into it, as a short list does
            lead = out[-1] if out and isinstance(out[-1], Paragraph) else None
            if lead is not None and not lead.bulletText \
                    and topic_table.keeps_lead(ctx, lead, found):
                lead.keepWithNext = 1
            out.append(found)
        elif hasattr(block, "heading"):
            heading = ctx.p(f"<b>{esc(block.heading)}</b>", "body")
            heading.keepWithNext = 1  # a heading never ends a page
            out.append(heading)
        else:
            said = ctx.p(esc(block.text))
            if out and out[-1] is heading and _flowing(ctx, [said]):
                out[-1] = WithFirstLines([heading, said])  # with its first lines at least
            else:
                out.append(said)
    return out


def _short(ctx: Context, items: list[Flowable]) -> bool:
    """Whether a list is short enough to keep whole: a quarter of a page at most, so moving
    it leaves little of a page empty (a longer list splits, two items at least each side)."""
    t = ctx.theme
    return height_of(items, t.frame_width, t.frame_height) <= t.frame_height / 4


def closing(ctx: Context) -> list[Flowable]:
    """The log right after the exercises, the education after it, and the disclaimer last;
    where the log does not fit on the page the exercises leave, the education fills that
    page first (FloatOver). With no education, the disclaimer goes where it joins the log or
    the exercises (see ending.py)."""
    h = ctx.handout
    if h.education and h.disclaimer and ctx.theme.layout == "compact":
        # the education, the log and the disclaimer made by each way tried, not here too
        ways = _compact_ends(ctx)
        return [EndChoice(ways, ctx.theme.frame_height, firsts=(0, len(ways) // 2))]
    topics, the_log, last = education(ctx), log(ctx), disclaimer(ctx)
    if not topics and last:
        # compact, the paper saver, may set them tighter to end the exercises' page
        tight = log(ctx, tight=True) if ctx.theme.layout == "compact" else None
        return [LogAndDisclaimer(the_log, last, run_in_disclaimer(ctx),
                                 ctx.disclaimer_moved, tight=tight)]
    # what comes last keeps the disclaimer after it company: it never ends up alone
    (topics or the_log)[-1].keepWithNext = 1
    if topics:
        # and a topic's last line never a page of its own: at large print's 18 pt a topic
        # that ran one line over left its last sentence alone on the handout's last page
        keep_lines(topics, ctx.theme.frame_width)
        return [FloatOver(the_log, topics, last, starts=starts_topic)]
    return the_log


def _compact_ends(ctx: Context) -> list[Callable[[], list[Flowable]]]:
    """The ways compact, the paper saver, may set its end with education (see last_page):
    the disclaimer at the end as set, then run into its label, then each with the log set
    tighter (as where there is no education); or under the exercises, as set, then run in,
    the log and the education after it. A topic the log's page cuts finishes ahead of the
    log, and those with no room there go on ahead of it too, as in the other layouts; then
    each again with those after the log (a topic the page cut still finishes ahead): taken
    only where that saves a page, a family of its own (EndChoice's ``firsts``)."""

    def at_the_end(last: Builder, width: float, room: float | None, tight: bool = False,
                   ahead: bool = True) -> list[Flowable]:
        topics = education(ctx)
        topics[-1].keepWithNext = 1  # the last block keeps the disclaimer company
        keep_lines(topics, width)  # and where they move on, it is more than one line
        return [FloatOver(log(ctx, tight=tight), topics, last(ctx), starts=starts_topic,
                          ahead=ahead)]

    def here(last: Builder, width: float, room: float | None,
             ahead: bool = True) -> list[Flowable] | None:
        shown = [Spacer(1, ctx.theme.space.sm), *last(ctx)]
        if room is None or height_of(shown, width, room) - shown[-1].getSpaceAfter() > room:
            return None
        return [*shown, FloatOver(log(ctx), education(ctx), starts=starts_topic, ahead=ahead)]

    tight = functools.partial(at_the_end, tight=True)
    ways = [functools.partial(way, last) for way in (at_the_end, tight, here)
            for last in (disclaimer, run_in_disclaimer)]
    return ways + [functools.partial(way, ahead=False) for way in ways]


Builder = Callable[[Context], list[Flowable]]

def safety_and_title(ctx: Context, short: bool = False) -> list[Flowable]:
    """The safety box claims the foot of page 1 before the title and the rest are laid out;
    where it is too tall for the foot, it follows the title instead (see FootOfPage)."""
    return safety.safety(ctx, then=page_one.title(ctx, short))


def head(ctx: Context) -> list[Flowable]:
    """The clinic's header, the safety box and the title with the patient's facts; both
    shorter where the box would leave the facts no room on page 1 (see FactsKept)."""
    foot, = safety_and_title(ctx)
    return [page_one.FactsKept(header.header(ctx), foot, lambda: [
        *header.header(ctx, short=True), *safety_and_title(ctx, short=True)])]


BLOCKS: dict[str, Builder] = {
    "head": head, "purpose": page_one.purpose, "at_a_glance": summary,
    "note": note.under_summary, "exercises": exercises, "closing": closing,
}
ORDER = ("head", "purpose", "at_a_glance", "note", "exercises", "closing")


def build(handout: Handout, theme: Theme, warnings: list[str] | None = None, *,
          share_cards: bool = False) -> list[Flowable]:
    """The handout's flowables. ``share_cards`` for a file of many handouts: each card is
    drawn once in the file and placed by name wherever it recurs (see Card)."""
    ctx = Context(handout, theme, warnings if warnings is not None else [],
                  share_cards=share_cards)
    return [f for name in ORDER for f in BLOCKS[name](ctx)]
