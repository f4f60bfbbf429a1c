"""The log: a table a week, each exercise's boxes on each day it is done (or a space to
write a number in, where its dose says what to write: ``log: minutes``), the clinic's own
rows (clinic.yaml's ``log_rows``) and a row for the day's pain (unless the program or clinic
leaves it out), right after the exercises (closing, in layout, places it).
"""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer, Table

from handouts.render import dose_line, log_rows, mirror
from handouts.render.context import Context, esc, esc_by_language
from handouts.render.flowables import FULL, Boxes
from handouts.render.frozen import fixed
from handouts.render.log_how import log_how
from handouts.render.outline import outlined
from handouts.words import caregiver, text
from handouts.words.dose import MAX_BOXES, PARTS_OF_DAY


def log(ctx: Context, tight: bool = False) -> list[Flowable]:
    """The log: a table a week, the same for every patient of the program, laid out once
    per process (see frozen.fixed). ``tight``: with less space over its heading, in its
    pain row and under it (compact, where that keeps it on the exercises' page)."""
    h = ctx.handout
    weeks = log_rows.weeks(h)
    tables = []
    for week in range(1, weeks + 1) if weeks > 1 else [None]:
        # all the table shows of each exercise: its boxes, on which days, how often beside
        # its title where the days are the patient's to choose, and the week's stage
        content = (week, tuple((e.number, e.title, e.log_unit, *row) for e, row in zip(
            h.exercises, log_rows.of_week(h, week))), h.log_rows)
        if week and h.week_now:  # its heading counts from weeks_from: "Week 3"
            content = (week, *content[1:], h.week_now)
        name = ("log, tight" if tight else "log") + ("" if h.log_pain else ", no pain")
        # the one week's table is kept by its rows too: the clinic's own come from
        # clinic.yaml, which a process that runs on opens again after a save
        tables.append(fixed(ctx, name, content if week else content[1:],
                            lambda week=week: log_table(ctx, tight, week)))
    how = ctx.p(esc(log_how(ctx)))
    how.keepWithNext = 1  # the log in one piece
    said = (ctx.say("log_heading_weeks", weeks=weeks) if weeks > 1 else
            ctx.say("log_heading_from", week=h.week_now) if (h.week_now or 1) > 1 else
            ctx.say("log_heading"))
    return [outlined(ctx.p(esc(said), "h2_first" if tight else "h2"), said), how, *tables]


class WeekTable(Table):
    """A week of the log. Where it splits, two of its exercises at least (one of a week of
    three) stay on each page, the rows under them (the clinic's, the pain) with the last,
    under its heads: one taller than a page left its pain row alone at the head of the
    next page, and a week that started at a page's foot left one row of it there.

    A week of a log of several (``moves_whole``) that fits a page and not the room left
    moves on to the next page whole, rather than leave a row or two there; where that
    would leave the page less than two thirds full (a week of six exercises in two
    languages is over half an A4 page: each week had a page of its own, half of it white),
    it starts there and goes on on the next page. (The parts of a split table are made by
    calling the class again, without a page height.)"""

    def __init__(self, *args, page_height: float | None = None, after: int = 1,
                 moves_whole: bool = True, **kw):
        super().__init__(*args, **kw)
        self.page_height = page_height
        # the exercises that stay together on each side of a break: two, or one of a week
        # of three at most; the last of them keep the ``after`` them (the clinic's rows, the
        # pain)
        self.fewest = 2 if len(self._cellvalues) - 2 - after >= 4 else 1
        self.last = self.fewest + after
        self.moves_whole = moves_whole
        self.whole: float | None = None  # its height: splitting it leaves _height changed
        # the rest of a week that went on to the next page (see split)
        self.continued = False

    def wrap(self, avail_width, avail_height):
        size = super().wrap(avail_width, avail_height)
        if self.whole is None:
            self.whole = size[1]
        return size

    def split(self, avail_width, avail_height):
        page = self.page_height
        if page is None:
            return super().split(avail_width, avail_height)
        # room for as much as a page holds: here a part goes on or nowhere
        page_room = avail_height >= page * FULL
        if self.continued:
            # the rest goes on under its heads on the next page: in what was left under
            # the first part it split again, its heads twice on one page (a week whose
            # rows of three boxes a day left room for one more row)
            if not page_room:
                return []
        elif self.moves_whole and (self.whole or 0) <= page:
            # a short week (three exercises) moves on whole wherever it does not fit
            if avail_height <= page * (1 - FULL) or self.fewest < 2:
                return []
            page_room = False  # it fits the next page whole
        room = self._room_for_rows(avail_width, avail_height)
        parts = (super().split(avail_width, room) if room else
                 # rows too tall for two to go on together: where the page ends
                 super().split(avail_width, avail_height) if page_room else [])
        for rest in parts[1:]:
            rest.page_height, rest.continued = page, True
            rest.fewest, rest.last = self.fewest, self.last
        return parts

    def _room_for_rows(self, avail_width, avail_height) -> float | None:
        """The height that holds the heads and as many exercises as fit ``avail_height``
        while the fewest and the rows after them go on; None where not the fewest fit."""
        # every row's height: within the room given, reportlab sizes rows only until they
        # fill it (its long-table shortcut), the rest left None
        self._calc(avail_width, float("inf"))
        heads, rows = self._rowHeights[:2], self._rowHeights[2:]
        used, fit = sum(heads), 0
        for height in rows[:-self.last]:
            if used + height > avail_height:
                break
            used, fit = used + height, fit + 1
        # (a hair over the rows' height: reportlab splits where the sum still fits)
        return min(used + 0.5, avail_height) if fit >= self.fewest else None


def log_table(ctx: Context, tight: bool = False, week: int | None = None) -> Table:
    """One week's table (``week`` None: the one week of a log of one)."""
    h, t = ctx.handout, ctx.theme
    days = 7
    given = log_rows.of_week(h, week)
    names = [_log_name(ctx, e, row) for e, row in zip(h.exercises, given)]
    # the names' column is wider only where a word would be broken in two (a long German
    # title in large print), and never so wide that a day's cell cannot hold a box
    widest = max((p.minWidth() for name in names for p in name), default=0)
    name_w = min(max(t.frame_width * 0.4, widest + 2 * t.space.xs), t.frame_width * 0.5)
    day_w = (t.frame_width - name_w) / days
    box = t.body_size * 1.15
    gap = t.body_size * 0.3
    rows = log_header(ctx, days, week)
    # "every other day" goes on from one week to the next: day 7 of a week is logged, so
    # day 1 of the next is not
    skip = (week or 1) - 1
    for row, name, e in zip(given, names, h.exercises):
        count, days_given = row[0], row[1]
        # n boxes take n widths and n - 1 gaps of the cell's width less its padding
        per_row = max(1, int((day_w - 2 * t.space.xs + gap) // (box + gap)))
        kind = log_rows.kind(h, e, row)
        if kind == "number":  # a number to write: the day's cell is the space for it
            cell = []
        elif kind == "line":  # "every 2 hours", "as needed": a line
            cell = [HRFlowable(width="100%", thickness=1.2, color=t.ink,
                               spaceBefore=box * 1.5, spaceAfter=0)]
        elif kind == "parts" and (parts := _parts_in_a_row(ctx, day_w, box)):
            cell = [parts]
        else:
            # rows of at most what a day's cell holds (large print on A4 holds one box a
            # row: a second row of two spilt into the next day's cell)
            count = PARTS_OF_DAY if kind == "parts" else count
            cell = []
            for first in range(0, count, per_row):
                cell += [*([Spacer(1, gap)] if cell else []),
                         Boxes(min(per_row, count - first), box, gap, t.ink)]
        # "every other day": boxes on day 1, 3, 5 and 7, a dash on the days between
        rest = ctx.p("–", "cell_bold_centred") if days_given == "alternate" else cell
        rows.append([name] + [rest if (day + skip) % 2 else cell for day in range(days)])
    rows += [[ctx.p(esc_by_language([said]), "cell_bold")] + [""] * days
             for said in h.log_rows]
    if h.log_pain:
        rows.append([ctx.p(esc(ctx.say("log_pain")), "cell_bold")] + [""] * days)
    after = len(h.log_rows) + h.log_pain  # the rows under the exercises
    # a mirrored page's log: the names on the right, the week running from the right
    spans = [("SPAN", (1, 0), (-1, 0)), ("SPAN", (0, 0), (0, 1))]
    # a week of several moves on whole; the one week of a log of one splits where the page
    # ends, as it always has, but never leaves one row alone (WeekTable)
    table = WeekTable(mirror.rows(t, rows, spans),
                      colWidths=mirror.row(t, [name_w] + [day_w] * days), repeatRows=2,
                      page_height=t.frame_height, after=after, moves_whole=week is not None)
    mirror.set_style(t, table, [
        ("GRID", (0, 0), (-1, -1), 0.6, t.rule), *spans,
        ("LINEBELOW", (0, 1), (-1, 1), 1.5, t.primary),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), t.space.xs),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.xs),
        ("LEFTPADDING", (0, 0), (-1, -1), t.space.xs),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.xs),
        ("ROWBACKGROUNDS", (0, 2), (-1, -1 - after), [None, t.tint]),
    ])
    # the rows to write a number in are taller (the pain row: 9 mm in compact's tight log)
    pad = t.space.sm if tight else t.space.md
    written = [2 + i for i, e in enumerate(h.exercises) if e.log_unit is not None]
    for row in [*written, *range(len(rows) - after, len(rows))]:
        mirror.set_style(t, table, [("TOPPADDING", (0, row), (-1, row), pad),
                                    ("BOTTOMPADDING", (0, row), (-1, row), pad)])
    table.spaceAfter = t.space.md
    return table


# a part of the day's box is at least 4 mm wide (a tick a shaky hand can land in) and three
# quarters of the layout's box: smaller, they stay one a row (large print)
PART_BOX, PART_SHARE = 4 * mm, 0.75


def _parts_in_a_row(ctx: Context, day_w: float, box: float) -> Boxes | None:
    """A day's boxes for the morning, the afternoon and the evening side by side, in that
    order, one strip of three that share their walls, as large as the day's cell holds them
    up to the layout's box: stacked in the narrow cell, they made their row two boxes tall
    (compact) or three (standard on A4), and three apart did not fit it at a size to tick.
    None where they would be smaller than PART_BOX or PART_SHARE of the layout's box."""
    t = ctx.theme
    size = min(box, (day_w - 2 * t.space.xs) / PARTS_OF_DAY)
    return Boxes(PARTS_OF_DAY, size, 0, t.ink) \
        if size >= max(PART_BOX, box * PART_SHARE) else None


def _log_name(ctx: Context, e, row: tuple) -> list[Flowable]:
    """An exercise's cell in the log: its number and title; "3 days a week" after the title
    (on its line where there is room); the week's stage under it where it is not the first
    week's; the aim under that where the day's cell is a line to tally on ("every 2
    hours"), or says what its boxes are where they are for the parts of the day ("every
    30 minutes"). In two languages each language's lines go together, the second's under the
    first's (see esc_by_language): set each line in both languages in turn, a week's row
    read title, title, dose, dose, and in large print, where the second language is not
    grey, the English title ran on into the Spanish dose."""
    h = ctx.handout
    per_day, _, _, often, stage, fewest = row
    title = e.title if often is None else text.both(
        # a title with no translation is not said twice: its second line is how often
        f"{text.part(e.title, i)} · {text.part(often, i)}"
        if i == 0 or text.part(e.title, i) != text.part(e.title, 0)
        else text.part(often, i) for i in range(len(h.languages)))
    kind = log_rows.kind(h, e, row)
    tally = (_tally(ctx, fewest, per_day) if kind == "line" and per_day > MAX_BOXES and
             not row[2] else ctx.say("log_parts") if kind == "parts" else None)
    if kind == "number":  # what to write in the day's space: "Write the minutes"
        tally = text.both(text.phrase(lang, "log_write", h.wording, unit=text.part(e.log_unit, i))
                          for i, lang in enumerate(h.languages))
    if len(h.languages) > 1:
        return [ctx.p(f"{e.number}. {esc_by_language([title, stage, tally])}", "cell")]
    return [ctx.p(f"{e.number}. {esc(title)}", "cell"),
            *(ctx.p(esc(said), "cell") for said in (stage, tally) if said is not None)]


def _tally(ctx: Context, fewest: int, most: int) -> str:
    """The aim of a line to mark: "(5 a day)", or the range the dose asks for, with each
    language's range mark, "(3–5 a day)", as the card says it; the aim in its brackets
    kept whole on its line (see _whole)."""
    h = ctx.handout
    said = []
    for lang in h.languages:
        n = str(most) if fewest >= most else \
            f"{fewest}{text.range_mark(lang, h.wording)}{most}"
        said.append(_whole(caregiver.phrase(lang, "log_tally", h.wording, h.patient_name,
                                            h.caregiver, n=n), n))
    return text.both(said)


def _whole(tally: str, n: str) -> str:
    """``tally`` with the brackets around ``n`` tied by no-break spaces, as dose_line ties a
    label: where "Make a mark each time (3–5 a day)" does not fit the name's column, the aim
    goes whole to the next line; it broke inside, "(3–5 a" / "day)". A wording with no
    brackets around the number is left as it is."""
    return _AIM.sub(lambda m: dose_line.tied(m.group()) if n in m.group() else m.group(),
                    tally)


# a bracketed aim, in round or full-width brackets ("（3–5回）")
_AIM = re.compile(r"[(（][^()（）]*[)）]")


def log_header(ctx: Context, days: int, week: int | None = None) -> list[list]:
    """"Day" once over the week and the day numbers under it: narrow columns that never
    wrap, even in large print on A4, leave the exercise names room to stay on one line.
    A log of several weeks names the week where the exercises' heading is."""
    days_label = ctx.p(esc(ctx.label("log_days")), "cell_bold_centred")
    corner = ctx.say("col_exercise") if week is None else ctx.say(
        "progression_weeks", weeks=str(week + (ctx.handout.week_now or 1) - 1), plural=False)
    return [[ctx.p(esc(corner), "cell_bold"), days_label] + [""] * (days - 1),
            [""] + [ctx.p(str(d), "cell_bold_centred") for d in range(1, days + 1)]]
