"""Props: the floor, a bed with its long side, a wall, a chair, a wheelchair and a slide
board (figures/wheelchair.py), a step, a counter, a table, a ball, a band, a foam roller, a
release tool, a pillow, a rolled towel and a card on the wall, drawn in the clinic's primary
colour (the card's letter in ink)."""

from __future__ import annotations

from handouts.figures import body as b
from handouts.figures import geometry as g
from handouts.figures import held
from handouts.figures import lettering
from handouts.figures import wheelchair
from handouts.figures.model import Frame

MATTRESS = 11.0
INK = "#1f2328"  # a card's letter: the person's outline's ink, as dark as print
LEG = 3.0
ARM, ARM_UP = 2.5, 13.0  # a chair's arm: how thick, and its top over the seat (8 in)


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white (amount 1 is white)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def surface_height(frame: Frame) -> float:
    on = frame.pose.surface
    for prop in frame.props:
        if prop.kind == on and on != "floor":
            return {"bed": lambda s: s.height, "chair": lambda s: s.seat,
                    "wheelchair": lambda s: s.seat, "step": lambda s: s.height,
                    "slide_board": lambda s: wheelchair.board_top(frame, s, frame.pose.x),
                    }[on](prop.spec)
    return 0.0


def feet_height(frame: Frame) -> float:
    """Where the feet of a person sitting in the frame rest: a wheelchair's footplate, else
    the floor."""
    if frame.pose.surface == "wheelchair":
        # none in the props is check's to say (figures/problems.py): the floor till then
        return next((p.spec.footplate for p in frame.props if p.kind == "wheelchair"), 0.0)
    return 0.0


def point3(point, marks, cam: g.Camera) -> g.Vec:
    """A figure-file point in the world: a landmark, or a point given in the picture plane."""
    if isinstance(point, str):
        return marks[point][0]
    if len(point) == 3:
        return tuple(point)
    return g.add(g.mul(cam.right, point[0]), g.mul(cam.up, point[1]))


def hand_target(frame: Frame, on, marks, cam: g.Camera) -> tuple[g.Vec, g.Vec]:
    """Where a hand (or an elbow) goes: on the landmark, or on the handle of a tool pressed
    into it."""
    if isinstance(on, str):
        point, normal = marks[on]
        for prop in frame.props:
            if prop.kind == "release_tool" and prop.release_tool.at == on:
                point = g.add(point, g.mul(normal, prop.release_tool.length * 0.55))
        return point, normal
    return point3(on, marks, cam), cam.up


def _box(x0, x1, y0, y1, z0, z1):
    corners = {(i, j, k): (x, y, z) for i, x in enumerate((x0, x1))
               for j, y in enumerate((y0, y1)) for k, z in enumerate((z0, z1))}
    faces = []
    for axis in range(3):
        for side in (0, 1):
            quad = [c for key, c in corners.items() if key[axis] == side]
            quad = [quad[0], quad[1], quad[3], quad[2]]
            normal = [0.0, 0.0, 0.0]
            normal[axis] = 1.0 if side else -1.0
            faces.append((quad, tuple(normal)))
    return faces


class _Drawer:
    def __init__(self, cam: g.Camera, colours, fine: bool = False):
        self.cam, self.line, self.fill = cam, tint(colours.primary, 0.25), tint(
            colours.primary, 0.86)
        self.fine = fine  # round things drawn rounder: a close-up showed a towel's facets
        self.items: list[g.Item] = []

    def box(self, *bounds, fill=None) -> None:
        faces = [g.polygon(self.cam.project(c) for c in quad) for quad, normal in _box(*bounds)
                 if g.dot(normal, self.cam.toward_viewer) > 1e-3]
        self.items.append(g.Item("prop", faces, fill=fill or self.fill, stroke=self.line,
                                 width=1.6))

    def round(self, circles, role="prop") -> None:
        pts = g.circles_hull([(self.cam.project(c), r) for c, r in circles], fine=self.fine)
        self.items.append(g.Item(role, [g.polygon(pts)], fill=self.fill, stroke=self.line,
                                 width=1.8))

    def line_(self, start, end, width=2.2) -> None:
        self.items.append(g.Item("prop", [[("M", [self.cam.project(start)]),
                                           ("L", [self.cam.project(end)])]],
                                 stroke=self.line, width=width))


def props(frame: Frame, posed: b.Posed, cam: g.Camera, colours, body_items):
    """The props behind the body, those in front of it (held or pressed in), and those
    tucked under one part of it, each with the part it lies under (a towel under a knee)."""
    fine = frame.zoom > 1
    back, front = _Drawer(cam, colours, fine), _Drawer(cam, colours, fine)
    tucked: list[tuple[str, g.Item]] = []
    x0, y0, x1, y1 = g.bounds(body_items)
    z = frame.pose.z
    floor = any(prop.kind == "floor" for prop in frame.props)
    for prop in frame.props:
        kind, s = prop.kind, prop.spec
        if kind == "bed":
            edge = z + 12.0 if s.side == "near" else z - 12.0 + s.width
            z0, z1 = edge - s.width, edge
            back.box(s.start, s.end, s.height - MATTRESS, s.height, z0, z1)
            for x in (s.start + 2, s.end - 2 - LEG):
                for zz in (z0 + 2, z1 - 2 - LEG):
                    back.box(x, x + LEG, 0, s.height - MATTRESS, zz, zz + LEG)
        elif kind == "wall":
            top = max(y1, 60.0) + 14.0
            # wider than the person, arms out to the sides included: seen from the front,
            # hands past its edges would not be on the wall
            half = max(16.0, max(abs(c[2] - z) + r for group in posed.groups.values()
                                 for c, r in (pair for piece in group.pieces for pair in piece))
                       + 6.0)
            back.box(s.x - 4, s.x, 0, top, z - half, z + half)
        elif kind == "wheelchair":
            wheelchair.draw(s, z, back)
        elif kind in _SOLID:
            for box in _solid(frame, prop):
                back.box(*box)
        elif kind == "step":
            back.box(s.x - s.depth / 2, s.x + s.depth / 2, 0, s.height, z - 25, z + 25)
        elif kind == "towel":
            part = body_part(s.under)
            drawer = back if part is None else _Drawer(cam, colours, fine)
            _towel(frame, s, posed, cam, drawer)
            tucked += [(part, item) for item in drawer.items if part is not None]
        elif kind == "putty":
            tucked += _putty(s, posed, front, _Drawer(cam, colours, fine=True))
        elif kind in ("ball", "foam_roller", "pillow", "band", "release_tool"):
            _small(kind, s, posed, cam, back, front)
    for prop in frame.props:  # on the wall or the seat, whichever comes first: after it
        if prop.kind == "card":
            _card(frame, prop.card, posed, back)
        elif prop.kind == "slide_board":
            wheelchair.draw_board(frame, prop.slide_board, back)
    if floor:
        _floor(back, cam, posed, x0, x1)
    return back.items, front.items, tucked


_LIMB = {"knee": "leg", "shin": "leg", "thigh": "leg", "foot": "leg", "heel": "leg",
         "hand": "arm", "elbow": "arm", "shoulder": "arm"}


def body_part(point) -> str | None:
    """The part of the body a landmark is on (``near_knee``: ``near_leg``); None for a
    point given as numbers."""
    if not isinstance(point, str):
        return None
    side, _, name = point.partition("_")
    if side in ("near", "far") and name in _LIMB:
        return f"{side}_{_LIMB[name]}"
    return "torso"


def _towel(frame: Frame, s, posed: b.Posed, cam: g.Camera, drawer: _Drawer) -> None:
    """A rolled towel on the surface under a point. Under a landmark it lies across under
    that one limb, no wider than the gap to the other leg, so that drawn between the two
    legs it shows under the knee being worked; under a point given as numbers it reaches
    across the whole body, behind it, or across a counter beside the person, on its top."""
    centre = point3(s.under, b.landmarks(posed), cam)
    top, across = _top_under(frame, centre, deep=isinstance(s.under, str) or len(s.under) == 3)
    on = top + s.radius
    if isinstance(s.under, str):
        mid, half = centre[2], 7.0
    elif across is None:
        mid, half = frame.pose.z, 14.0
    else:  # a point in the picture, over a counter beside the person: across its middle
        mid, half = centre[2] if len(s.under) == 3 else sum(across) / 2, 14.0
    if across is not None:  # all of it on that counter's top, none hanging in the air
        half = min(half, (across[1] - across[0]) / 2 - s.radius)
        mid = min(max(mid, across[0] + half + s.radius), across[1] - half - s.radius)
    drawer.round([((centre[0], on, mid - half), s.radius), ((centre[0], on, mid + half),
                                                          s.radius)])


CARD = (7.0, 9.0, 0.6)  # a card's width, height and thickness: an index card, upright
LETTER = 6.4  # the letter's size on it: as large as the card holds
EDGE_ON = 0.25  # a wall's face turned less than this to the viewer is seen edge on


def _card(frame: Frame, s, posed: b.Posed, drawer: _Drawer) -> None:
    """A card on the wall's face toward the person, at their eyes' height unless given, its
    letter read from their side. Where that face is seen edge on (a side view), the card is
    drawn turned to the viewer, from the wall toward the person, as a drawing shows a sign
    on a wall: edge on it was a sliver on the wall's edge. Where the wall hides its face,
    none."""
    wall = next((p.wall for p in frame.props if p.kind == "wall"), None)
    x = s.x if s.x is not None else wall.x
    toward = -1.0 if x > frame.pose.x else 1.0  # out of the wall, toward the person
    if s.x is None and toward < 0:
        x -= 4.0  # the wall's face on the person's side (it is 4 thick, behind x)
    height = b.eyes(posed)[1] if s.height is None else s.height
    w, h, thick = CARD
    cam, up = drawer.cam, (0.0, 1.0, 0.0)
    face = g.dot((toward, 0.0, 0.0), cam.toward_viewer)
    if face <= -EDGE_ON:
        return
    if face >= EDGE_ON:
        drawer.box(*sorted((x, x + toward * thick)), height - h / 2, height + h / 2,
                   s.z - w / 2, s.z + w / 2, fill="#ffffff")
        # read from the person's side: their right is the card's right
        right = g.cross((-toward, 0.0, 0.0), up)
        centre = (x + toward * (thick + 0.05), height, s.z)
    else:
        right = cam.right
        out = 1.0 if g.dot(right, (toward, 0.0, 0.0)) > 0 else -1.0
        hinge = (x, height, s.z)
        corners = [g.add(hinge, g.add(g.mul(right, out * a), g.mul(up, b_)))
                   for a, b_ in ((0, -h / 2), (w, -h / 2), (w, h / 2), (0, h / 2))]
        drawer.items.append(g.Item("prop", [g.polygon(cam.project(c) for c in corners)],
                                   fill="#ffffff", stroke=drawer.line, width=1.6))
        centre = g.add(hinge, g.mul(right, out * w / 2))
    on = lambda p: cam.project(g.add(centre, g.add(g.mul(right, p[0]),  # noqa: E731
                                                    g.mul(up, p[1]))))
    glyphs = lettering.outline(s.letter, LETTER, 0.0, -LETTER * 0.36, "middle")
    # "lettering", not "prop": a mirrored frame puts it where the mirror does but keeps it
    # reading left to right (scene.mirror), as it does the picture's words
    drawer.items.append(g.Item("lettering", [[(op, [on(p) for p in pts])
                                              for op, pts in glyphs]], fill=INK))


def _top_under(frame: Frame, point: g.Vec, deep: bool) -> tuple[float, tuple | None]:
    """The height of what lies under a point: a counter's or a table's top where the point is
    over it (a towel under a forearm resting on a table lay on the chair's seat, beside the
    table), else the surface the person is on; and, for a counter beside the person, how far
    across its top reaches (z from, to). A point given in the picture (``deep`` false) has
    no depth of its own: it is over a counter beside the person wherever its x is along it
    (seen from the side, on its top), as over one in front."""
    tops = []
    for prop in frame.props:
        if prop.kind not in ("counter", "table"):
            continue
        x0, x1, _, height, z0, z1 = _solid(frame, prop)[-1]  # its top
        side = prop.kind == "counter" and prop.spec.side is not None
        # one in front is found by the point's x alone, whatever its depth
        over = x0 <= point[0] <= x1 and (not (side and deep) or z0 <= point[2] <= z1)
        if over and point[1] >= height:
            tops.append((height, (z0, z1) if side else None))
    return max(tops, key=lambda top: top[0], default=(surface_height(frame), None))


Box = tuple[float, float, float, float, float, float]  # x0, x1, y0, y1, z0, z1
_SOLID = ("chair", "counter", "table", "bed", "wheelchair")  # what the person must not go through
BESIDE = 17.0  # from the middle of the body to the edge of a counter beside it


def solids(frame: Frame) -> list[tuple[int, Box]]:
    """The frame's chairs, counters, tables and beds as boxes, each with its place in the
    props: what the person must not be drawn through."""
    return [(i, box) for i, prop in enumerate(frame.props) if prop.kind in _SOLID
            and (prop.kind != "bed" or _sits_on_bed(frame)) for box in _solid(frame, prop)]


def _sits_on_bed(frame: Frame) -> bool:
    """Whether the person sits on a bed: the legs then hang clear of it or through it.
    Lying on one, a leg hung off its long side crosses its edge by design (the SI joint
    reset), and a chair beside one is a transfer's start: those are left as drawn."""
    return frame.pose.base == "sitting" and frame.pose.surface == "bed"


def _solid(frame: Frame, prop) -> list[Box]:
    s, z = prop.spec, frame.pose.z
    if prop.kind == "wheelchair":
        return wheelchair.parts(s, z)[0]
    if prop.kind == "bed":
        # the mattress, as drawn: a person sat on a bed's long side in a side view hung
        # their legs through it, and check said nothing (its legs leave the floor free)
        edge = z + 12.0 if s.side == "near" else z - 12.0 + s.width
        return [(s.start, s.end, s.height - MATTRESS, s.height, edge - s.width, edge)]
    if prop.kind == "counter" and s.side:
        # beside where the person stands at the pose's z of 0, a hand's breadth clear of
        # the shoulder, its long side along the way they face (a pose's z moves them to it)
        edge = BESIDE if s.side == "near" else -BESIDE
        z0, z1 = sorted((edge, edge + (s.depth if s.side == "near" else -s.depth)))
        lo, hi = s.x - s.length / 2, s.x + s.length / 2
        return [(lo, hi, 0, s.height - 3, z0 + 1.5, z1 - 1.5), (lo, hi, s.height - 3,
                                                                s.height, z0, z1)]
    if prop.kind in ("counter", "table"):
        # it reaches away from the person, whichever side of them it stands
        away = 1.0 if s.x >= frame.pose.x else -1.0
        lo, hi = sorted((s.x, s.x + away * s.depth))
        top = (lo, hi, s.height - 3, s.height, z - 30, z + 30)
        if prop.kind == "table":  # a leg at each corner, the knees between them
            return [(x, x + LEG, 0, s.height - 3, zz, zz + LEG) for x in (lo + 1, hi - 1 - LEG)
                    for zz in (z - 28, z + 28 - LEG)] + [top]
        return [(lo + 1.5, hi - 1.5, 0, s.height - 3, z - 30, z + 30), top]
    f = 1.0 if s.facing == "right" else -1.0
    near, far = s.x - 13 * f, s.x + 13 * f
    lo, hi = min(near, far), max(near, far)
    legs = [(x, x + LEG, 0, s.seat - 3, zz, zz + LEG) for x in (lo, hi - LEG)
            for zz in (z - 14, z + 14 - LEG)]
    bx = near - 3 * f
    chair = [*legs, (lo, hi, s.seat - 3, s.seat, z - 14, z + 14),
             (min(bx, near), max(bx, near), s.seat - 3, s.seat + 34, z - 14, z + 14)]
    if s.arms:  # each arm from the back to a post at the seat's front, outside the hips
        front = far - 2 * f
        post = sorted((front, front - LEG * f))
        for z0 in (z - 14 - ARM, z + 14):
            chair += [(min(near, front), max(near, front), s.seat + ARM_UP - ARM,
                       s.seat + ARM_UP, z0, z0 + ARM),
                      (*post, s.seat, s.seat + ARM_UP - ARM, z0, z0 + ARM)]
    return chair


def _small(kind, s, posed, cam, back, front) -> None:
    marks = b.landmarks(posed)
    if kind == "ball":
        centre = point3(s.at, marks, cam)
        back.round([(centre, s.radius)])
    elif kind == "foam_roller":
        centre = point3(s.at, marks, cam)
        back.round([(g.add(centre, (0, 0, -s.length / 2)), s.radius),
                    (g.add(centre, (0, 0, s.length / 2)), s.radius)])
    elif kind == "pillow":
        centre = point3(s.at, marks, cam)
        back.round([(g.add(centre, (-s.length / 2 + 4, 0, 0)), 4.0),
                    (g.add(centre, (s.length / 2 - 4, 0, 0)), 4.0)])
    elif kind == "band":
        front.line_(point3(s.start, marks, cam), point3(s.end, marks, cam), width=3.0)
    else:  # a release tool: a knob pressed into the spot on a stem, with a handle on top
        at, normal = (marks[s.at] if isinstance(s.at, str) else
                      (point3(s.at, marks, cam), cam.up))
        knob = g.add(at, g.mul(normal, 1.2))
        top = g.add(at, g.mul(normal, s.length * 0.62))
        along = posed.frames["pelvis"][1]
        front.round([(knob, 3.0), (g.add(knob, g.mul(normal, 2.5)), 2.6)])
        front.round([(g.add(knob, g.mul(normal, 2.5)), 1.3), (top, 1.3)])
        front.round([(g.add(top, g.mul(along, -6)), 1.7), (g.add(top, g.mul(along, 6)), 1.7)])


def _putty(s, posed: b.Posed, front: _Drawer, drawer: _Drawer) -> list[tuple[str, g.Item]]:
    """Putty in a hand: on an open palm that faces the viewer, in front of the hand; else
    just behind the hand, which closes round it (or hides what is on its palm). Its role,
    held, keeps a close-up from cutting it to the hand's box: the ends of the roll are the
    part that shows."""
    pieces, palm = held.putty(posed, s.hand, s.radius)
    for circles in pieces:  # round, not faceted, however small the hand is drawn
        drawer.round(circles, role="held")
    if palm is not None and g.dot(palm, drawer.cam.toward_viewer) > 0:
        front.items += drawer.items
        return []
    return [(f"{s.hand}_arm", item) for item in drawer.items]


def _floor(drawer: _Drawer, cam: g.Camera, posed: b.Posed, x0: float, x1: float) -> None:
    if cam.tilt < 8:
        pad = 12.0
        drawer.items.append(g.Item("floor", [[("M", [(x0 - pad, 0.0)]), ("L", [(x1 + pad, 0.0)])]],
                                   stroke=drawer.line, width=2.4))
        return
    # seen from above, the floor is a mat under the figure
    ends = list(posed.joints.values()) + _beyond_the_head(cam, posed)
    xs = [j[0] for j in ends]
    zs = [j[2] for j in ends]
    lo_x, hi_x, lo_z, hi_z = min(xs) - 11, max(xs) + 9, min(zs) - 10, max(zs) + 10
    corners = [(lo_x, -0.5, lo_z), (hi_x, -0.5, lo_z), (hi_x, -0.5, hi_z), (lo_x, -0.5, hi_z)]
    drawer.items.insert(0, g.Item("floor", [g.polygon(cam.project(c) for c in corners)],
                                  fill=tint(drawer.fill, 0.4), stroke=drawer.line, width=1.4))


def _beyond_the_head(cam: g.Camera, posed: b.Posed) -> list[g.Vec]:
    """Seen along a body lying down (from its feet), the head and shoulders rise above the
    mat's far end in the picture: the place on the floor that end must reach to lie behind
    them. None for other views, where the body's length lies across the picture."""
    head = posed.frames["pelvis"][1]
    along = g.unit((head[0], 0.0, head[2]))
    rise = g.dot(along, cam.up)  # how far up the picture a step toward the head goes
    if g.length(along) < 0.5 or rise < 0.3:
        return []
    far = []
    for c, r in (circle for piece in posed.groups["torso"].pieces for circle in piece):
        on_floor = (c[0], 0.0, c[2])
        above = g.dot(g.sub(c, on_floor), cam.up) + r + 4.0  # its top and a margin
        far.append(g.add(on_floor, g.mul(along, above / rise)))
    return [max(far, key=lambda p: g.dot(p, along))]
