"""Page 1, the one for the fridge: after the clinic's header (header.py), the title with the
program's purpose and who it is for, the summary, and the "Stop and call us if…" box.

The box (safety.py) keeps the foot of page 1 (FootOfPage) whatever else the page holds: when page 1 runs
out of room, the summary is set snug where that holds it whole, else continues on page 2,
never the box.
"""

from __future__ import annotations

from functools import partial
from typing import Callable

from reportlab.platypus import Flowable, Spacer, Table

from handouts.render import dose_line, mirror, tall, words_ahead
from handouts.render.log_how import reminder
from handouts.render.context import Context, esc
from handouts.render.card import Card
from handouts.render.flowables import FootOfPage, height_of, style
from handouts.render.frozen import fixed
from handouts.words import text


def title(ctx: Context, short: bool = False) -> list[Flowable]:
    """The title and whose handout this is; ``short``: the facts in as few lines as hold
    them (see FactsKept)."""
    h = ctx.handout
    out = [ctx.p(esc(h.title), "h1")]
    if h.subtitle:
        out.append(ctx.p(esc(h.subtitle), "subtitle"))
    said = facts(ctx)
    out.extend(ctx.p(f, "body_tight") for f in (_packed(ctx, said) if short else said))
    return out


def _packed(ctx: Context, lines: list[str]) -> list[str]:
    """``lines`` in fewer: each after the one before it on the first line that still fits
    across the page with it (the next appointment on the name's line, as in standard)."""
    t, leading = ctx.theme, ctx.theme.style("body_tight").leading
    out: list[str] = []
    for line in lines:
        for i, before in enumerate(out):
            joined = ctx.join([before, line], "fields")
            if ctx.p(joined, "body_tight").wrap(t.frame_width, t.frame_height)[1] <= (
                    leading + 0.01):
                out[i] = joined
                break
        else:
            out.append(line)
    return out


class FactsKept(Flowable):
    """Page 1's head as ``usual`` sets it (the clinic's header, then the safety box kept at
    the foot with the title and the patient's facts above it: ``foot``), except where the
    box leaves no room above it for the facts: there ``short()``, the header and the facts
    in fewer lines. The front desk and the patient check first whose handout it is, and
    when and by whom it was given; under the knee clinic's long address, in large print,
    those went to page 2. Where they fit, page 1 is as it was."""

    def __init__(self, usual: list[Flowable], foot: FootOfPage,
                 short: Callable[[], list[Flowable]]):
        super().__init__()
        self.usual, self.foot, self.short = usual, foot, short

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() which it is

    def split(self, avail_w, avail_h):
        room = avail_h - height_of(self.usual, avail_w, avail_h)
        if room < 0 or not self.foot.crowds_out(avail_w, room):
            return [*self.usual, self.foot]
        *above, foot = self.short()
        room = avail_h - height_of(above, avail_w, avail_h)
        if room < 0 or not foot.crowds_out(avail_w, room) or foot.flowing is None:
            return [*above, foot]
        # still no room for them over the box (Spanish, whose warnings wrap in the box's two
        # columns, a word or three to a line): the box in one column, each warning a line
        # or two, closer to its border (``closer``), where that leaves them room; else the
        # facts come first and the box follows them, running on to page 2 between its
        # parts, the call to 911 on page 1 (RunsOnBox)
        if foot.closer is not None and (kept := foot.closer()).holds(avail_w, room):
            return [*above, kept]
        return [*above, *foot.then, foot.flowing()]


def purpose(ctx: Context) -> list[Flowable]:
    """What the program is for, after the title: where page 1 is short of room (two
    languages) it runs on to page 2, never the patient's name."""
    h = ctx.handout
    return [ctx.p(esc(h.purpose), "program_purpose")] if h.purpose else []


BLANK = "_" * 22  # a line to write on


def facts(ctx: Context) -> list[str]:
    """Who, when, by whom, and when to come back. A walk-in packet, printed ahead with a blank
    name, gets a blank date too: the day it is printed is not the day it is handed out."""
    h = ctx.handout
    walk_in = not h.patient_name
    name = esc(ctx.say("blank_name")) if walk_in else f"<b>{esc(h.patient_name)}</b>"
    date = BLANK if walk_in else " / ".join(text.parts(ctx.date_text()))
    colon = esc(ctx.colon())  # the leading language's, as "Pour / For" is one label
    when = BLANK if walk_in or not h.next_visit else esc(
        " / ".join(text.parts(ctx.date_text(h.next_visit))))
    next_visit = f"{esc(ctx.label('next_visit'))}{colon}{when}"
    lines = [name if walk_in else f"{esc(ctx.label('for_patient'))}{colon}{name}",
             f"{esc(ctx.label('date_label'))}{colon}{esc(date)}"]
    if h.caregiver:  # beside the name, as one fact: whose program, and who was given it
        # kept whole as the therapist's is: "Carer: Maria João" / "Vasconcelos" broke a name
        given = _kept_whole(ctx, f"{esc(ctx.label('caregiver_label'))}{colon}"
                                 f"{esc(h.caregiver)}")
        lines[0] = ctx.join([lines[0], given], "fields")
    if h.therapist:
        therapist = _kept_whole(ctx, f"{esc(ctx.label('therapist_label'))}{colon}"
                                     f"{esc(h.therapist)}")
        if len(h.languages) == 1:  # on the date's line; two languages make that line full
            lines[-1] = ctx.join([lines[-1], therapist], "fields")
        else:
            lines.append(therapist)
    if len(h.languages) == 1 and not walk_in and not ctx.theme.card_per_page \
            and not h.caregiver:
        lines[0] = ctx.join([lines[0], next_visit], "fields")  # a line saved for the summary
    else:
        lines.append(next_visit)
    if h.weeks_from and not walk_in:  # the weeks its stages print are counted from it
        lines.append(esc(" / ".join(
            text.phrase(lang, "weeks_from", h.wording, week=h.week_now, date=day)
            for lang, day in zip(h.languages, text.parts(ctx.date_text(h.weeks_from))))))
    return lines


# the share of a line a field kept whole may take (half, once: in large print "Carer: Maria
# João" / "Vasconcelos" and "Terapeuta: Niamh Doyle," / "MISCP" broke inside the name)
_WHOLE = 0.8


def _kept_whole(ctx: Context, field: str) -> str:
    """``field`` with no break between its words where it is short enough to start a line of
    its own: a line too long for the page breaks before it, not inside the therapist's or
    the caregiver's name ("Terapeuta: Dave Candy, PT," then "DPT" alone on the next line)."""
    whole = dose_line.tied(field)
    fits = ctx.p(whole, "body_tight").minWidth() <= ctx.theme.frame_width * _WHOLE
    return whole if fits else field


def boxed(ctx: Context, content: list[Flowable], *, border=None, width: float = 2,
          background=None, kind: type[Card] = Card, pad: float | None = None) -> Table:
    """``content`` in a box, ``pad`` (``space.sm``) above and below it inside."""
    t = ctx.theme
    pad = t.space.sm if pad is None else pad
    # a box moves to the next page whole rather than leave its heading behind; one taller
    # than a page (the longest note in large print) splits inside its one cell rather than
    # failing the handout
    table = kind([[content]], colWidths=[None], page_height=t.frame_height)
    table.setStyle(style([
        ("BOX", (0, 0), (-1, -1), width, border or t.rule),
        ("LEFTPADDING", (0, 0), (-1, -1), t.space.md),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.md),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        *([("BACKGROUND", (0, 0), (-1, -1), background)] if background else []),
    ]))
    return table


def one_line(ctx: Context, parts) -> str:
    """Dose parts joined as each language joins them, language by language: in a bilingual
    handout the Spanish dose, then the English one under it (not each part in turn in both)."""
    count = max((len(text.parts(part)) for part in parts), default=0)
    return text.both(ctx.join((text.part(part, i) for part in parts), index=i)
                     for i in range(count))


def at_a_glance(ctx: Context) -> list[Flowable]:
    h, t = ctx.handout, ctx.theme
    # the table is the same for every patient of the program: laid out once per process
    content = tuple((e.number, e.title, e.summary_parts, e.stages[:1],
                     len(e.progression) > 1, e.first_often or e.often) for e in h.exercises)
    table = fixed(ctx, "at_a_glance", content, lambda: _summary_table(ctx))
    # the table with half the space in its rows, then none, where the page has no room for it
    snug = tuple(partial(fixed, ctx, f"at_a_glance, {room}", content,
                         partial(_summary_table, ctx, room)) for room in (0.5, 0.0))
    # one paragraph over the table: what to do with this page and with the log; the time it
    # all takes under it, where the page has room (see HereIfRoom)
    minutes = [session_minutes(ctx)] if h.session_minutes else []

    def heading() -> list[Flowable]:
        return [ctx.p(esc(ctx.say("at_a_glance")), "h2_first")]

    def how(first: str) -> list[Flowable]:
        intro = text.both(ctx.join(pair, "sentences", i) for i, pair in enumerate(zip(
            text.parts(ctx.say(first)), text.parts(ctx.say(reminder(ctx))))))
        # large print: the time over the table, as the exercises after it start a page
        # each and a line under a table that fills its page would take a page of its own
        return [ctx.p(esc(intro)), *(minutes if t.card_per_page else [])]

    # "put this page on your fridge" only on page 1, the page with the safety box and the
    # phone: a summary that starts page 2 says what to do with the exercises alone
    leads = {"page": ctx.summary_page, "here": heading() + how("at_a_glance_intro"),
             "elsewhere": heading() + how("in_order")}
    if t.card_per_page:
        # a language without words that say where the order is (a clinic's own, or its
        # "tasks" for "exercises" not said there too) keeps the summary whole on page 2
        told = all(text.written_with(lang, "in_order_next_page", "in_order", h.wording)
                   for lang in h.languages)
        ahead = ([Spacer(1, t.space.sm), *how("in_order_next_page")], heading()) if told \
            else None
        return [MostlyHere(leads, table, snug, ahead=ahead)]
    return [MostlyHere(leads, table, snug),
            *(s for line in minutes for s in (Spacer(1, t.space.xs),
                                              HereIfRoom(line, ctx.session_line)))]


def session_minutes(ctx: Context) -> Flowable:
    """The time the exercises take, in bold."""
    return ctx.p(f"<b>{esc(ctx.say('session_minutes', minutes=ctx.handout.session_minutes))}</b>")


class MostlyHere(Flowable):
    """The summary's heading and intro with its table, on the page it comes to where that
    holds the table whole or at least half of it (the rest goes on, under its column heads,
    on the next page); else all of it starts the next page, rather than leave the heading
    and the words "put this page on your fridge" on a page without the table. Where the
    table misses the page by a little, the first of ``snug`` (the table with less space in
    its rows, then with none) that fits is placed whole instead: a split left a row or two
    of the fridge's page on page 2 (the knee clinic's six exercises, one with weekly stages,
    under its long address; six in Spanish, with half the space, missed by 12 pt). Its intro says
    "put this page on your fridge" on page 1 alone (``leads``): page 2 has no safety box.
    ``ahead`` (large print): what to do, where the order is and the time it takes, and the
    heading alone, for a page 1 with no room for the summary (see words_ahead)."""

    def __init__(self, leads: dict, table: Flowable,
                 snug: tuple[Callable[[], Flowable], ...] = (), ahead: tuple | None = None):
        super().__init__()
        self.leads, self.table, self.snug, self.ahead = leads, table, snug, ahead

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() for each page

    @property
    def lead(self) -> list[Flowable]:
        """``leads["here"]`` on the handout's first page (``leads["page"]``, PageMark's),
        else ``leads["elsewhere"]``; asked while the frame splits it, with its canvas."""
        canv = getattr(self, "canv", None)
        first = self.leads["page"].get("page")
        on_first = canv is None or first is None or canv.getPageNumber() == first
        return self.leads["here" if on_first else "elsewhere"]

    def split(self, avail_w, avail_h):
        said = self.lead
        lead = height_of(said, avail_w, avail_h)
        room = avail_h - lead
        whole = self.table.wrap(avail_w, avail_h)[1]
        if whole <= room:
            return [*said, self.table]
        frame = getattr(self, "_frame", None)
        if getattr(frame, "_atTop", False):
            return [*said, self.table]  # taller than a page: it splits where it must
        for tighter in self.snug if room > 0 else ():
            snug = tighter()
            if snug.wrap(avail_w, room)[1] <= room:
                return [*said, snug]
        parts = self.table.split(avail_w, room) if room > 0 else []
        # one taller than a page splits on the next page too: here, with a row or more
        page = frame._height if frame is not None else avail_h
        least = whole / 2 if lead + whole <= page else 0
        # never one exercise alone at the page's foot or the next page's head where the
        # summary moves on whole rather (one taller than a page would leave this one empty)
        alone = least and len(parts) == 2 and 1 in (tall.rows(p) for p in parts)
        if len(parts) == 2 and parts[0].wrap(avail_w, room)[1] >= least and not alone:
            return [*said, *parts]
        return words_ahead.split(self, said, avail_w, avail_h) if self.ahead else []


class HereIfRoom(Flowable):
    """``line`` under what it follows (the summary's table) if the page has room for it;
    else nowhere here, and ``moved`` says so: ``IfMoved`` prints it under the heading the
    next page opens with, where on its own at the top it would read as a stray line. The
    space over ``line`` is its own height's: none is taken where it does not fit."""

    def __init__(self, line: Flowable, moved: dict):
        super().__init__()
        self.line, self.moved, self._fits = line, moved, True

    def wrap(self, avail_w, avail_h):
        w, h = self.line.wrap(avail_w, avail_h)
        h += self.line.getSpaceBefore()
        self._fits = h <= avail_h
        return (w, h) if self._fits else (avail_w, 0)

    def draw(self):
        self.moved["moved"] = not self._fits
        if self._fits:
            self.line.drawOn(self.canv, 0, 0)


class IfMoved(Flowable):
    """``line`` here, with its own spacing, only if ``HereIfRoom`` had no room for it."""

    def __init__(self, line: Flowable, moved: dict):
        super().__init__()
        self.line, self.moved = line, moved

    def wrap(self, avail_w, avail_h):
        return self.line.wrap(avail_w, avail_h) if self.moved.get("moved") else (avail_w, 0)

    def getSpaceAfter(self):  # noqa: N802 - reportlab's name
        return self.line.getSpaceAfter() if self.moved.get("moved") else 0

    def draw(self):
        if self.moved.get("moved"):
            self.line.drawOn(self.canv, 0, 0)


def _summary_table(ctx: Context, room: float = 1.0) -> Table:
    """The summary's rows, with ``room`` times the space above and below each row's text:
    less (half, or none: its rules still part the rows) to hold the table whole on a page
    it misses by a little."""
    h, t = ctx.handout, ctx.theme
    pad = t.space.xs * room
    rows = [[ctx.p(esc(ctx.say(k)), "cell_bold") for k in ("col_exercise", "col_dose",
                                                            "col_often")]]
    for e in h.exercises:
        # a progression: its first stage here, the rest on the card
        stages = [text.both(f"{text.part(weeks, i)}{ctx.colon(i)}{text.part(what, i)}"
                            for i in range(len(h.languages))) for weeks, what in e.stages[:1]]
        stages += [ctx.say("progression_more")] if len(e.progression) > 1 else []
        rows.append([ctx.p(f"<b>{e.number}.</b> {esc(e.title)}", "cell"),
                     ctx.p(esc(one_line(ctx, [*e.summary_parts, *stages])) or "–", "cell"),
                     # what to do now: week 1's, as its How much says the first stage
                     ctx.p(esc(e.first_often or e.often), "cell")])
    # never one exercise alone at a page break, the column heads repeated over those that go on
    table = tall.RowsInTwos(mirror.rows(t, rows), colWidths=mirror.row(t, _column_widths(ctx, rows)),
                            repeatRows=1, page_height=t.frame_height)
    mirror.set_style(t, table, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, t.primary),
        ("LINEBELOW", (0, 1), (-1, -1), 0.6, t.rule),
        ("LEFTPADDING", (0, 0), (-1, -1), t.space.xs),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.sm),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ])
    return table


# (exercise, how often) shares of the width, how much taking the rest; the first is the
# split for most programs, the others for long doses or long titles (in large print, a
# word as long as "Hüftbeugerdehnungsübung" is broken in two in 38% of the width, not in 46%)
_SHARES = [(e / 100, o / 100) for e in (38, 34, 30, 26, 42, 46) for o in (22, 18, 26, 30)]


def _column_widths(ctx: Context, rows: list[list[Flowable]]) -> list[float]:
    """The summary's column widths: of the shares whose columns fit their longest words,
    the one that makes the table shortest, so that page 1, the page for the fridge, holds
    it whole where it can (a long dose in a fixed column ran it on to page 2)."""
    t = ctx.theme
    pad_x, pad_y = t.space.xs + t.space.sm, 2 * t.space.xs
    measured: dict = {}

    def heights(column: int, width: float) -> list[float] | None:
        key = (column, round(width, 1))
        if key not in measured:
            cells = [row[column] for row in rows]
            measured[key] = None if any(c.minWidth() > width - pad_x for c in cells) else [
                c.wrap(width - pad_x, 0xFFFFFF)[1] for c in cells]
        return measured[key]

    w = t.frame_width
    best: tuple[float, list[float]] | None = None
    for exercise, often in _SHARES:
        widths = [w * exercise, w * (1 - exercise - often), w * often]
        columns = [heights(i, width) for i, width in enumerate(widths)]
        if None in columns:
            continue
        height = sum(max(cells) + pad_y for cells in zip(*columns))
        # another split only where it saves a line or more: titles wrapped for less would
        # read worse, not better (the slack: a line saved measured 17.55 against a leading
        # of 17.55 once summed as 284.70000000000005 < 302.25 - 17.55 did not hold)
        if best is None or height <= best[0] - t.style("cell").leading + 0.01:
            best = height, widths
    return best[1] if best else [w * 0.38, w * 0.40, w * 0.22]
