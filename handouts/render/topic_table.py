"""A topic's table as it prints: the header row in bold over a rule in the clinic's colour,
the rows banded and ruled, every cell at the body's type size (large print's 18 pt too), its
``**…**`` in bold as a paragraph's.

Columns share the page's width as a browser shares it: each at least as wide as its
longest word where the page has room for that, the rest in proportion to what a column's
cells say; a cell wraps, and a word too long for its column splits at a syllable (see
hyphens), the type never smaller. In two languages each cell says both, the second under
the first, as a topic's paragraphs do (written opposite ways, a number said once is
centred). A short table (a quarter of a page at most, as a short list) moves whole to the
next page; a longer one runs on with its header again on top, at least two rows each
side: never its header, nor a row, alone at a page's foot.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

from handouts.library_text import Table as TopicTableText
from handouts.render import mirror, rtl
from handouts.render.context import Context, esc
from handouts.render.flowables import banded, height_of
from handouts.words import text

# the rows a page's foot holds of a table that runs on, and the next page's top: a row alone
# is the orphan a list never leaves
LEAST_ROWS = 2


class TopicTable(Table):
    """A topic's table (its parts, where it runs on, are of this class too: reportlab makes
    them by calling the class again). ``whole_below``: the height it keeps whole under;
    ``page``: the frame's height, which a row taller than it splits inside (as tall.py's)."""

    whole_below = 0.0
    lines = 0.0  # the height of its lines alone (see _lines_height)
    page = 0.0

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        parts = self._between_rows(availWidth, availHeight)
        if not parts and self.page and sum(self._rowHeights[:2]) > self.page:
            # 500 letters in each of five narrow columns: no page holds the row whole
            self.splitInRow = 1
            try:
                parts = super().split(availWidth, availHeight)
            finally:
                self.splitInRow = 0
        for part in parts:
            part.page = self.page
        return parts

    def _between_rows(self, width: float, height: float) -> list:
        self._calc(width, height)
        if self._height <= self.whole_below:
            return []
        parts = super().split(width, height)
        if len(parts) != 2:
            return parts
        heights = self._rowHeights
        # two rows each side, where a page holds two of the tallest under the header
        least = LEAST_ROWS if not self.page or \
            heights[0] + LEAST_ROWS * max(heights[1:]) <= self.page else 1
        if _rows(parts[1]) < least:  # one row fewer here, so two go on
            kept = _rows(parts[0]) + 1 - (least - _rows(parts[1]))
            parts = super().split(width, sum(heights[:kept]) + 0.01)
        if len(parts) != 2 or _rows(parts[0]) < least:
            return []
        return parts


def _rows(part: Table) -> int:
    """A part's rows under its header."""
    return part._nrows - 1


def table(ctx: Context, block: TopicTableText, width: float) -> TopicTable:
    """``block`` across ``width``, kept whole where a quarter of a page holds it."""
    t = ctx.theme
    pad, gap = t.space.xs, t.space.sm
    h = ctx.handout
    # a page in two languages written opposite ways (Hebrew and English): each cell's
    # Hebrew ends at its column's right and its English starts at the left, as every text
    # of the page does; a cell said once with no letters (a number) goes in the middle,
    # under both headers, as the log's day numbers do. At the left it sat under the next
    # column's Hebrew header: a Hebrew reader took minutes for walks a day
    between = len({text.writes_right_to_left(lang, h.wording) for lang in h.languages}) > 1

    def style(cell, name: str) -> str:
        said = text.parts(cell)
        return f"{name}_centred" if between and all(map(rtl.neutral, said)) else name

    rows = [[ctx.p(esc(cell), style(cell, "cell_bold")) for cell in block.header]]
    rows += [[ctx.p(esc(cell), style(cell, "cell")) for cell in row] for row in block.rows]
    widths = _widths(rows, width, 2 * pad + gap)
    found = TopicTable(mirror.rows(t, rows), colWidths=mirror.row(t, widths), repeatRows=1,
                       splitByRow=1)
    mirror.set_style(t, found, [
        *banded(t, pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad + gap),  # a column's words apart from the next
        ("RIGHTPADDING", (-1, 0), (-1, -1), pad),
    ])
    found.spaceBefore, found.spaceAfter, found.page = t.space.xs, t.space.sm, t.frame_height
    found.lines = _lines_height(rows, [w - 2 * pad - gap for w in widths])
    if found.lines <= t.frame_height / 4:
        found.whole_below = t.frame_height  # whatever its padding adds
    return found


def keeps_lead(ctx: Context, lead: Flowable, found: TopicTable) -> bool:
    """Whether a short table keeps with ``lead``, the paragraph that leads into it: where
    the two are a quarter of a page at most, as a short list keeps with its lead (a long
    lead moved with it would leave half a page empty); or where the lead is short, an
    eighth of a page at most: the table moves whole anyway, and in large print a pain
    scale a little over the quarter with its line of lead left that line, and the topic's
    title, at the foot of a page and the table alone at the head of the next."""
    t = ctx.theme
    lead_height = height_of([lead], t.frame_width, t.frame_height)
    return bool(found.whole_below) and (lead_height + found.lines <= t.frame_height / 4
                                        or lead_height <= t.frame_height / 8)


def _lines_height(rows: list[list], widths: list[float]) -> float:
    """The height of a table's lines without the room around them: what a list of the same
    lines takes, which keeps whole in a quarter of a page (the RPE scale's 6 steps and its
    header, in the standard layout and compact)."""
    return sum(max(cell.wrap(w, 0xFFFFFF)[1] for cell, w in zip(row, widths)) for row in rows)


def _widths(rows: list[list], width: float, padding: float) -> list[float]:
    """Each column's width: what its longest cell needs on one line where all fit; else
    its longest word at least (where the page has room for every column's), and what is
    left in proportion to how much wider each would be on one line; where it has not, the
    columns of the longest words as wide as one another, their words split."""
    columns = list(zip(*rows))
    natural = [max(_natural_width(cell, width) for cell in column) + padding
               for column in columns]
    least = [min(max(cell.minWidth() for cell in column) + padding, n)
             for column, n in zip(columns, natural)]
    if sum(natural) <= width:  # the rest of the width to each in proportion
        return [n * width / sum(natural) for n in natural]
    if sum(least) >= width:
        # words split at a syllable in the columns of the longest words only, each cut to
        # the same width: a column of short words ("At rest", a phone number) keeps them whole
        return _capped(least, width)
    room = (width - sum(least)) / (sum(natural) - sum(least))
    return [m + (n - m) * room for m, n in zip(least, natural)]


def _capped(widths: list[float], width: float) -> list[float]:
    """``widths`` with the widest cut to one width, so that all add up to ``width``."""
    ordered = sorted(widths)
    for i, w in enumerate(ordered):
        cap = (width - sum(ordered[:i])) / (len(ordered) - i)
        if w >= cap:
            return [min(v, cap) for v in widths]
    return widths


def _natural_width(paragraph, width: float) -> float:
    """The width of a paragraph's longest line, set without breaking."""
    paragraph.wrap(0xFFFFFF, 0xFFFFFF)
    found = max(paragraph.getActualLineWidths0(), default=0.0)
    paragraph.wrap(width, 0xFFFFFF)
    return found
