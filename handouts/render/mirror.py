"""A mirrored page's tables: where the theme says the page runs right to left (a handout whose
every language is written so, see text.right_to_left), a row's cells run from the right and a
table's style follows them. Layout code builds its rows and styles as for a left-to-right page
and passes them through here; on a left-to-right page they come back as they went in.
"""

from __future__ import annotations

from handouts.render.flowables import style
from handouts.render.theme import Theme

# what a style command means on the other side of a mirrored table
_SIDES = {"LEFTPADDING": "RIGHTPADDING", "RIGHTPADDING": "LEFTPADDING",
          "LINEBEFORE": "LINEAFTER", "LINEAFTER": "LINEBEFORE"}
_ALIGN = {"LEFT": "RIGHT", "RIGHT": "LEFT"}


def row(t: Theme, cells: list) -> list:
    """A row's cells (or a table's column widths) in the order they are drawn, left to right."""
    return list(reversed(cells)) if t.rtl else list(cells)


def rows(t: Theme, given: list[list], spans: list = ()) -> list[list]:
    """A table's rows in the order ``row`` draws them; a cell that ``spans`` (the SPAN
    commands of its left-to-right style) joins with the cells after it keeps its place at
    the span's start (reportlab draws a span's first cell), its end mirrored."""
    if not t.rtl:
        return given
    out = [row(t, cells) for cells in given]
    for name, (c0, r0), (c1, r1), *_ in spans:
        columns = len(out[0])
        held, start = _column(c0, columns), _column(c1, columns)  # the span's ends, mirrored
        for r in range(r0 % len(out), r1 % len(out) + 1):
            out[r][start], out[r][held] = out[r][held], out[r][start]
    return out


def commands(t: Theme, given: list, columns: int) -> list:
    """A table style's commands for the table of ``columns`` columns as ``row`` draws it."""
    if not t.rtl:
        return given
    out = []
    for name, (c0, r0), (c1, r1), *rest in given:
        if name in ("ALIGN", "HALIGN") and rest:
            rest = [_ALIGN.get(str(rest[0]).upper(), rest[0]), *rest[1:]]
        out.append((_SIDES.get(name, name), (_column(c1, columns), r0), (_column(c0, columns), r1),
                    *rest))
    return out


def set_style(t: Theme, table, given: list) -> None:
    """``table.setStyle`` with ``given`` mirrored where the page is (see ``commands``)."""
    table.setStyle(style(commands(t, given, table._ncols)))


def _column(index: int, columns: int) -> int:
    return columns - 1 - (index if index >= 0 else columns + index)
