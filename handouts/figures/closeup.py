"""A close-up frame (one that draws only some of the body's parts): its box from those parts
and its marks, and its props cut to that box."""

from __future__ import annotations

from dataclasses import replace

from handouts.figures import geometry as g
from handouts.figures.model import Frame

WHOLE = frozenset(Frame.model_fields["parts"].default)
PROPS = ("prop", "floor")
# the air around a close-up's parts and marks that its props still fill, in output pixels:
# enough of the table to show the forearm lies on it, not so much that the frame's box grows
AIR = 14.0


def cut(frame: Frame, items: list[g.Item], px: float) -> list[g.Item]:
    """``items`` with the props cut to the box of the rest, where ``frame`` is a close-up.
    Drawn whole, a seated close-up's chair and table legs set the frame's box: the arms it
    was for were as small in it as in a whole-body frame."""
    if WHOLE <= set(frame.parts) or not any(item.role in PROPS for item in items):
        return items
    x0, y0, x1, y1 = g.bounds([item for item in items if item.role not in PROPS])
    air = AIR * px
    box = (x0 - air, y0 - air, x1 + air, y1 + air)
    kept: list[g.Item] = []
    for item in items:
        kept += _cut(item, box) if item.role in PROPS else [item]
    return kept


def _inside(item: g.Item, box) -> bool:
    return all(box[0] <= x <= box[2] and box[1] <= y <= box[3] for x, y in item.points())


def _cut(item: g.Item, box) -> list[g.Item]:
    """A prop's part inside ``box``: its fill cut there, and its outline only along its own
    edges (stroked along the cut, a box's face drew a frame around the close-up)."""
    if _inside(item, box):
        return [item]
    fills, lines = [], []
    for cmds in item.paths:
        points = [pts[0] for op, pts in cmds if op in ("M", "L")]
        closed = cmds[-1][0] == "Z"
        if closed and item.fill:
            inside = g.clip_box(points, box)
            if len(inside) >= 3:
                fills.append(g.polygon(inside))
        ends = [*points[1:], points[0]] if closed else points[1:]
        for a, b in zip(points, ends):
            seen = g.clip_segment(a, b, box)
            if seen:
                lines.append([("M", [seen[0]]), ("L", [seen[1]])])
    out = []
    if fills:
        out.append(replace(item, paths=fills, stroke=None))
    if lines and item.stroke:
        out.append(replace(item, paths=lines, fill=None))
    return out
