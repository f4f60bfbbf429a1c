"""A table whose rows move whole to the next page, as any table's do, except a row taller
than a whole page: that one splits inside itself rather than fail the handout.

Such rows come of a dose of every kind, in two languages, in large print: page 1's summary
row, or the dose box beside the picture, taller than the page. Splitting inside rows in
general would cut ordinary rows in two at a page's foot, so it is allowed only where the
row could not be placed whole on any page.
"""

from __future__ import annotations

from handouts.render.flowables import FluidTable, held_for_next_frame


class TallRows(FluidTable):
    def __init__(self, data, *args, page_height: float | None = None, **kw):
        # reportlab makes the parts of a split table by calling this class again: those
        # parts come without a page height and split as any table does
        super().__init__(data, *args, **kw)
        self.page_height = page_height

    def split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        if parts or self.page_height is None or not self._too_tall():
            return parts
        self.splitInRow = 1
        try:
            return super().split(avail_width, avail_height)
        finally:
            self.splitInRow = 0

    def _too_tall(self) -> bool:
        """Whether the first row after the repeated ones is more than a page with them."""
        heights = getattr(self, "_rowHeights", None)
        if not heights or len(heights) <= self.repeatRows:
            return False
        return sum(heights[:self.repeatRows + 1]) > self.page_height


class RowsInTwos(TallRows):
    """TallRows that never sends one row alone on to the next page, under its header
    repeated: one more goes with it, where that leaves two or more on this page (page 1's
    summary: the sixth of six exercises in Spanish stood alone at the top of page 2). A
    part that would end a page with one row is not refused here: what holds the table
    knows whether it can move on whole (see page_one.MostlyHere)."""

    def split(self, avail_width, avail_height):
        if held_for_next_frame(self):
            # the two rows that went on together start the next page: split again in the
            # room they left, the first went back under its heads repeated mid-page and
            # the last went on alone (a German clinic's summary, its rows three lines tall)
            return []
        parts = super().split(avail_width, avail_height)
        if len(parts) != 2:
            return parts
        ahead, rest = (rows(p) for p in parts)
        if rest == 1 and ahead >= 3 and ahead + rest == rows(self):  # not split inside a row
            higher = super().split(avail_width, sum(parts[0]._rowHeights[:-1]) + 0.5)
            if len(higher) != 2:
                return parts
            higher[1].moved_on = True
            return higher
        return parts


def rows(table) -> int:
    """How many rows ``table`` (or the table a frozen block lays out) has under its header."""
    table = getattr(getattr(table, "layout", None), "real", table)
    return len(table._cellvalues) - table.repeatRows
