"""Small 3-D and 2-D geometry for the figure engine: vectors, rotations, a camera, hulls.

Units are percent of the figure's standing height (H = 100). The world is right-handed: x to
the right of a side view, y up, z toward whoever looks at a side view.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # three columns: the local x, y and z axes in world terms


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def mul(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def length(a: Vec) -> float:
    return math.sqrt(dot(a, a))


def unit(a: Vec) -> Vec:
    n = length(a)
    return mul(a, 1 / n) if n > 1e-9 else (0.0, 0.0, 0.0)


def apply(m: Mat, v: Vec) -> Vec:
    """The local vector ``v`` in world terms."""
    return add(add(mul(m[0], v[0]), mul(m[1], v[1])), mul(m[2], v[2]))


def compose(m: Mat, local: Mat) -> Mat:
    """A frame turned by ``local``, a rotation given in ``m``'s own axes."""
    return (apply(m, local[0]), apply(m, local[1]), apply(m, local[2]))


def rot(axis: str, degrees: float) -> Mat:
    """A rotation about a local axis: x (to the front), y (up the body) or z (to its side)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    if axis == "z":
        return ((c, s, 0.0), (-s, c, 0.0), (0.0, 0.0, 1.0))
    if axis == "x":
        return ((1.0, 0.0, 0.0), (0.0, c, s), (0.0, -s, c))
    return ((c, 0.0, -s), (0.0, 1.0, 0.0), (s, 0.0, c))


def rotate_about(p: Vec, centre: Vec, axis: Vec, degrees: float) -> Vec:
    """``p`` turned about the line through ``centre`` along ``axis`` (Rodrigues)."""
    k = unit(axis)
    v = sub(p, centre)
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    turned = add(add(mul(v, c), mul(cross(k, v), s)), mul(k, dot(k, v) * (1 - c)))
    return add(centre, turned)


@dataclass(frozen=True)
class Camera:
    """An orthographic view: ``turn`` degrees around the vertical from the side view, and
    ``tilt`` degrees looking down (90 = from above)."""

    turn: float = 0.0
    tilt: float = 0.0

    @property
    def toward_viewer(self) -> Vec:
        t, e = math.radians(self.turn), math.radians(self.tilt)
        return (math.sin(t) * math.cos(e), math.sin(e), math.cos(t) * math.cos(e))

    @property
    def right(self) -> Vec:
        t = math.radians(self.turn)
        return (math.cos(t), 0.0, -math.sin(t))

    @property
    def up(self) -> Vec:
        return cross(self.toward_viewer, self.right)

    def project(self, p: Vec) -> tuple[float, float]:
        """Picture coordinates, y up."""
        return (dot(p, self.right), dot(p, self.up))

    def depth(self, p: Vec) -> float:
        return dot(p, self.toward_viewer)


def circle_points(centre: tuple[float, float], r: float, n: int = 18):
    return [(centre[0] + r * math.cos(2 * math.pi * i / n),
             centre[1] + r * math.sin(2 * math.pi * i / n)) for i in range(n)]


def hull(points):
    """Convex hull (Andrew's monotone chain), counter-clockwise."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def turn(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    for p in pts:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(pts):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def circles_hull(circles, fine: bool = False) -> list[tuple[float, float]]:
    """The outline around 2-D circles ``(centre, radius)``: a capsule for two of them;
    ``fine``, round enough for a close-up (a hand's fingertips drawn an inch wide)."""
    points = []
    for centre, r in circles:
        # enough points that no facet shows at print size, and no more (the PDF's size): a
        # child's head (figures/child.py), the one circle this large, has more
        points += circle_points(centre, r, 20 if fine else 4 if r < 1 else 8 if r < 3
                                else 12 if r < 8 else 18)
    return hull(points)


def clip(points, at: tuple[float, float], toward: tuple[float, float]):
    """The part of a convex outline on the side of the line through ``at`` that ``toward``
    points to (Sutherland-Hodgman, one edge); the whole outline where ``toward`` is no
    direction (a cut seen edge on)."""
    size = math.hypot(*toward)
    if size < 1e-9:
        return list(points)
    side = lambda p: ((p[0] - at[0]) * toward[0] + (p[1] - at[1]) * toward[1]) / size  # noqa: E731
    kept = []
    for a, b in zip(points, [*points[1:], *points[:1]]):
        sa, sb = side(a), side(b)
        if sa >= 0:
            kept.append(a)
        if (sa >= 0) != (sb >= 0):
            t = sa / (sa - sb)
            kept.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
    return kept


def clip_box(points, box: tuple[float, float, float, float]):
    """The part of an outline inside ``box`` (x0, y0, x1, y1): ``clip`` at each of its sides."""
    x0, y0, x1, y1 = box
    for at, toward in (((x0, y0), (1, 0)), ((x1, y1), (-1, 0)), ((x0, y0), (0, 1)),
                       ((x1, y1), (0, -1))):
        points = clip(points, at, toward) if points else points
    return points


def clip_segment(a, b, box: tuple[float, float, float, float]):
    """The part of the line from ``a`` to ``b`` inside ``box`` (Liang-Barsky), or None."""
    x0, y0, x1, y1 = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if abs(p) < 1e-12:
            if q < 0:
                return None
            continue
        t = q / p
        lo, hi = (max(lo, t), hi) if p < 0 else (lo, min(hi, t))
    if lo > hi:
        return None
    return (a[0] + dx * lo, a[1] + dy * lo), (a[0] + dx * hi, a[1] + dy * hi)


Command = tuple[str, list[tuple[float, float]]]  # "M", "L", "Q", "C" or "Z" and its points


@dataclass
class Item:
    """One thing to draw, in picture units with y up. ``width`` is in output pixels;
    ``role`` names what it is (body, far, prop, arrow, mark, text, badge), for the tests.
    A ``silhouette`` item's pieces are drawn as one outlined shape."""

    role: str
    paths: list[list[Command]]
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0
    silhouette: bool = False
    depth: float = 0.0

    def points(self):
        for cmds in self.paths:
            for _, pts in cmds:
                yield from pts

    # a frame's items are measured thousands of times a drawing (each size a layout tries,
    # each place a word is tried, the words kept clear of the arrows between frames), and
    # an item is never changed once made (a changed one is a new Item: see
    # dataclasses.replace): measured once
    @functools.cached_property
    def box(self) -> tuple[float, float, float, float] | None:
        """The box of its points (x0, y0, x1, y1); None where it has none."""
        points = [p for cmds in self.paths for _, pts in cmds for p in pts]
        if not points:
            return None
        xs, ys = zip(*points)
        return min(xs), min(ys), max(xs), max(ys)

    def moved(self, dx: float, dy: float | None = None) -> "Item":
        """The item moved ``dx`` across and ``dy`` up (None: its points' y as they are)."""
        return replace(self, paths=[[(op, [(x + dx, y if dy is None else y + dy)
                                           for x, y in pts]) for op, pts in cmds]
                                    for cmds in self.paths])


def polygon(points) -> list[Command]:
    pts = list(points)
    return [("M", [pts[0]]), *[("L", [p]) for p in pts[1:]], ("Z", [])]


def bounds(items) -> tuple[float, float, float, float]:
    """The box of the items' points (x0, y0, x1, y1); ValueError where they have none."""
    boxes = [box for item in items if (box := item.box)]
    if len(boxes) == 1:
        return boxes[0]
    x0s, y0s, x1s, y1s = zip(*boxes)
    return min(x0s), min(y0s), max(x1s), max(y1s)
