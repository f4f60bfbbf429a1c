"""A manual wheelchair seen from the side, and a slide board: the spinal cord clinic's steps
name the brakes, the push rims, the armrests and the board, and a chair with arms showed none
of them. Line art in the props' style, drawn behind the person who sits in it: the seat
and its cushion, the back with its push handle, the armrests, a big rear wheel with its
push rim just outside it, a small front caster, the footplate and a brake lever in front
of the wheel. Units as in figures/props.py: percent of standing height (1 is about 0.65 in
on a person of 5 ft 5 in), x along the way the chair faces, y up from the floor."""

from __future__ import annotations

import math

from handouts.figures import geometry as g

HALF_DEEP, HALF_WIDE = 13.0, 14.0  # the seat: 17 in deep, 18 in across
CUSHION = 4.0
BACK_UP, HANDLE = 25.0, 6.0  # the back's top over the seat, and its push handle behind it
ARM_UP, ARM = 14.0, 2.5  # an armrest's top over the seat (9 in), and how thick it is
WHEEL, TYRE, RIM = 18.5, 2.0, 4.0  # a 24-inch wheel; its tyre; the push rim inside it
AXLE_BACK = 3.0  # the axle a little behind the seat's middle, under the hips
WHEEL_OUT, RIM_OUT = 18.0, 20.0  # out from the middle: the wheel, and its push rim past it
CASTER, CASTER_AT = 3.2, 12.0  # the small front wheel, and how far forward of the middle
PLATE = (17.0, 33.0)  # the footplate from and to, forward of the seat's middle
BOARD_THICK = 1.5


def parts(s, z: float) -> tuple[list[tuple], list[tuple]]:
    """The chair's boxes (x0, x1, y0, y1, z0, z1): the solid ones (seat, back, armrests,
    footplate), and the post under each armrest's front, a tube."""
    f = 1.0 if s.facing == "right" else -1.0
    x = lambda a, b: (min(s.x + a * f, s.x + b * f), max(s.x + a * f, s.x + b * f))  # noqa
    seat = s.seat
    solid = [(*x(-HALF_DEEP, HALF_DEEP), seat - CUSHION, seat, z - HALF_WIDE, z + HALF_WIDE),
             (*x(-HALF_DEEP - 2.5, -HALF_DEEP), seat - CUSHION, seat + BACK_UP,
              z - HALF_WIDE, z + HALF_WIDE),
             (*x(*PLATE), s.footplate - 1.5, s.footplate, z - 12.0, z + 12.0)]
    posts = []
    for side, z0 in (("far", z - HALF_WIDE - ARM), ("near", z + HALF_WIDE)):
        if s.arms in ("both", side):
            solid.append((*x(-HALF_DEEP + 1, 9.0), seat + ARM_UP - ARM, seat + ARM_UP,
                          z0, z0 + ARM))
            posts.append((*x(6.5, 9.0), seat, seat + ARM_UP - ARM, z0, z0 + ARM))
    return solid, posts


def draw(s, z: float, drawer) -> None:
    """The wheelchair into ``drawer`` (figures/props.py's), far side first, so that the
    near wheel and its brake lie over the frame as they do seen from that side."""
    f = 1.0 if s.facing == "right" else -1.0
    at = lambda dx, y, dz: (s.x + dx * f, y, z + dz)  # noqa: E731
    for out in (-1.0, 1.0) if drawer.cam.toward_viewer[2] >= 0 else (1.0, -1.0):
        if out == _near(drawer):
            solid, posts = parts(s, z)
            for box in (*solid, *posts):
                drawer.box(*box)
            # the handle behind the back's top, and the tube from the seat to the caster
            drawer.line_(at(-HALF_DEEP - 2.5, s.seat + BACK_UP - 1, out * 12),
                         at(-HALF_DEEP - 2.5 - HANDLE, s.seat + BACK_UP - 2, out * 12), 2.6)
            drawer.line_(at(HALF_DEEP - 2, s.seat - CUSHION, out * 12),
                         at(CASTER_AT, CASTER * 2, out * 12))
            drawer.line_(at(HALF_DEEP - 2, s.seat - CUSHION, out * 11),
                         at(PLATE[0] + 1, s.footplate, out * 11))
        _circle(drawer, at(CASTER_AT, CASTER, out * 12), CASTER, fill=drawer.fill)
        _wheel(drawer, at(-AXLE_BACK, WHEEL, out * WHEEL_OUT), at(-AXLE_BACK, WHEEL, out * RIM_OUT))
        # the brake: a lever that presses on the tyre in front of the wheel's top
        drawer.line_(at(8.0, s.seat - 3, out * WHEEL_OUT), at(11.5, s.seat + 5, out * WHEEL_OUT),
                     2.6)


def _near(drawer) -> float:
    """Which side's wheel is drawn last (in front): the frame goes between the two."""
    return 1.0 if drawer.cam.toward_viewer[2] >= 0 else -1.0


def _wheel(drawer, centre: g.Vec, rim: g.Vec) -> None:
    """A spoked wheel: its tyre as two rings, not filled (the seat and the person show
    through the spokes), its hub, six spokes, and the push rim a little way in."""
    _circle(drawer, centre, WHEEL, width=2.2)
    _circle(drawer, centre, WHEEL - TYRE, width=1.2)
    _circle(drawer, rim, WHEEL - RIM, width=1.8)
    for k in range(6):
        t = math.pi * k / 3 + math.pi / 6
        spoke = g.add(centre, (math.cos(t) * (WHEEL - TYRE), math.sin(t) * (WHEEL - TYRE), 0.0))
        drawer.items.append(g.Item("prop", [[("M", [drawer.cam.project(centre)]),
                                             ("L", [drawer.cam.project(spoke)])]],
                                   stroke=drawer.line, width=0.8))
    _circle(drawer, centre, 1.6, fill=drawer.fill)


def _circle(drawer, centre: g.Vec, radius: float, width: float = 1.6,
            fill: str | None = None) -> None:
    """A circle upright along x (a wheel seen from the side; from in front an ellipse)."""
    points = [g.add(centre, (math.cos(t) * radius, math.sin(t) * radius, 0.0))
              for t in (2 * math.pi * k / 48 for k in range(48))]
    drawer.items.append(g.Item("prop", [g.polygon(drawer.cam.project(p) for p in points)],
                               fill=fill, stroke=drawer.line, width=width))


def seat_top(frame, x: float) -> float | None:
    """The top of what a board's end at ``x`` lies on: a wheelchair's or a chair's seat, a
    bed; None over nothing."""
    tops = []
    for prop in frame.props:
        s = prop.spec
        if prop.kind in ("wheelchair", "chair") and abs(x - s.x) <= HALF_DEEP:
            tops.append(s.seat)
        elif prop.kind == "bed" and s.start <= x <= s.end:
            tops.append(s.height)
    return max(tops, default=None)


def board_ends(frame, s) -> tuple[float, float]:
    """The heights of the bottom of a slide board at its two ends: each on what lies under
    it, a little in from its end, else at its ``height`` (the floor where not given)."""
    inward = 2.0 if s.end >= s.start else -2.0
    ends = []
    for x in (s.start + inward, s.end - inward):
        top = seat_top(frame, x)
        ends.append(top if top is not None else (s.height or 0.0))
    return ends[0], ends[1]


def board_top(frame, s, x: float) -> float:
    """The top of the board at ``x``, where a person sitting on it sits."""
    y0, y1 = board_ends(frame, s)
    t = 0.0 if s.end == s.start else min(1.0, max(0.0, (x - s.start) / (s.end - s.start)))
    return y0 + (y1 - y0) * t + BOARD_THICK


def draw_board(frame, s, drawer) -> None:
    """The board as a thin slab, sloping where its ends lie at different heights."""
    y0, y1 = board_ends(frame, s)
    z = frame.pose.z
    x0, x1 = s.start, s.end
    corner = lambda x, y, dy, zz: (x, y + dy, zz)  # noqa: E731
    ends = ((x0, y0), (x1, y1))
    faces = []
    for zz, normal_z in ((z + s.width / 2, 1.0), (z - s.width / 2, -1.0)):
        faces.append(([corner(x, y, dy, zz) for (x, y), dy in
                       zip((*ends, *reversed(ends)), (0, 0, BOARD_THICK, BOARD_THICK))],
                      (0.0, 0.0, normal_z)))
    slope = g.unit((-(y1 - y0), x1 - x0, 0.0))
    for dy, sign in ((BOARD_THICK, 1.0), (0.0, -1.0)):
        faces.append(([corner(x0, y0, dy, z - s.width / 2), corner(x1, y1, dy, z - s.width / 2),
                       corner(x1, y1, dy, z + s.width / 2), corner(x0, y0, dy, z + s.width / 2)],
                      g.mul(slope, sign)))
    for (x, y), sign in ((ends[0], -1.0), (ends[1], 1.0)):
        faces.append(([corner(x, y, 0, z - s.width / 2), corner(x, y, BOARD_THICK, z - s.width / 2),
                       corner(x, y, BOARD_THICK, z + s.width / 2), corner(x, y, 0, z + s.width / 2)],
                      (sign * math.copysign(1.0, x1 - x0 or 1.0), 0.0, 0.0)))
    cam = drawer.cam
    shown = [g.polygon(cam.project(c) for c in quad) for quad, normal in faces
             if g.dot(normal, cam.toward_viewer) > 1e-3]
    drawer.items.append(g.Item("prop", shown, fill=drawer.fill, stroke=drawer.line, width=1.6))
