"""A hand drawn for a close-up: the palm, four fingers and a thumb, in one of a few named
shapes (open, spread, fist, the tendon glides), turned at the forearm and bent at the wrist.

A hand's frame has x out of the palm, y up the forearm (the fingers point down it, at -y)
and z toward the thumb. Lengths are in percent of standing height, as the body's: a hand
10.8 long (Drillis & Contini; FIGURES.md), the palm about 5 and the middle finger 5.6.
"""

from __future__ import annotations

import math

from handouts.figures import geometry as g
from handouts.figures.geometry import Mat, Vec

Circle = tuple[Vec, float]

# finger: (knuckle in the hand's frame, bone lengths from the knuckle out, radii from the
# knuckle to the tip). Knuckles lie on an arc: the middle one furthest from the wrist
_FINGERS = (
    ((0.0, -4.9, 1.85), (2.4, 1.5, 1.2), (0.64, 0.59, 0.54, 0.48)),
    ((0.0, -5.05, 0.62), (2.6, 1.7, 1.25), (0.66, 0.6, 0.55, 0.49)),
    ((0.0, -4.85, -0.62), (2.45, 1.6, 1.2), (0.62, 0.57, 0.52, 0.47)),
    ((0.0, -4.45, -1.8), (1.95, 1.2, 1.05), (0.56, 0.51, 0.47, 0.42)),
)
# the palm: the heel of the hand (the thumb's mound, the little finger's side) and the row
# of knuckles; thicker at the wrist than at the knuckles, as a hand is
_PALM = (((0.0, 0.0, 0.0), 1.5), ((0.15, -1.5, 1.25), 1.0), ((0.1, -1.5, -1.2), 0.95),
         ((0.0, -4.6, 1.75), 0.7), ((0.0, -4.85, 0.6), 0.7), ((0.0, -4.7, -0.6), 0.7),
         ((0.0, -4.25, -1.7), 0.66))
_THUMB_RADII = (0.85, 0.68, 0.58, 0.48)

# shape: (each finger's bend at its knuckle, middle and end joints, in degrees toward the
# palm, or four such, index first, where the fingers bend apart; how far each fans out
# toward the thumb, in degrees; the thumb's base, knuckle, end joint and tip in the hand's
# frame)
_BASE = (0.6, -1.2, 1.6)
SHAPES: dict[str, tuple[tuple, tuple[float, ...], tuple[Vec, ...]]] = {
    "open": ((0, 0, 0), (0, 0, 0, 0),
             (_BASE, (1.0, -3.1, 2.8), (1.1, -4.6, 3.3), (1.1, -5.9, 3.4))),
    "spread": ((0, 0, 0), (14, 3, -9, -20),
               (_BASE, (0.8, -2.6, 3.6), (0.9, -3.4, 5.2), (0.9, -4.0, 6.5))),
    # a full fist: the thumb across the middle bones of the first two fingers, its knuckle
    # tucked against the index finger's side (further out, it stood off the fist as a bump)
    "fist": ((85, 100, 70), (0, 0, 0, 0),
             (_BASE, (1.8, -3.0, 2.1), (3.2, -3.9, 1.3), (3.4, -4.3, -0.3))),
    # tendon glides: knuckles straight, the fingers curled into a hook ...
    "hook": ((0, 90, 70), (0, 0, 0, 0),
             (_BASE, (1.0, -3.1, 2.8), (1.3, -4.6, 3.2), (1.5, -5.8, 3.3))),
    # ... the knuckles bent, the fingers straight out like a table top ...
    "tabletop": ((90, 0, 0), (0, 0, 0, 0),
                 (_BASE, (1.0, -3.1, 2.8), (1.1, -4.6, 3.3), (1.1, -5.9, 3.4))),
    # ... and knuckles and middle joints bent, the tips straight, touching the palm's heel
    "straight_fist": ((90, 110, 0), (0, 0, 0, 0),
                      (_BASE, (1.6, -3.0, 2.5), (2.8, -4.2, 2.5), (3.6, -5.0, 2.2))),
    # opposition: the thumb tip on the index fingertip, the two making a ring (an "O"), the
    # other fingers straight, a little apart so that the ring shows between them and the
    # thumb. Seen a little from the thumb's side the ring's hole shows; straight from the
    # palm, the finger curled toward the viewer reads as a short finger
    "opposition": (((55, 60, 30), (8, 8, 4), (4, 4, 2), (0, 0, 0)), (6, 0, -5, -12),
                   (_BASE, (1.9, -2.9, 2.9), (3.0, -4.0, 2.9), (3.7, -4.9, 2.5))),
}

FINGERS = ("index", "middle", "ring", "little")
# the thumb on another fingertip (``{opposition: ring}``): that finger curls toward the
# thumb, further the further it is from it, and fans toward it; the others stay straight,
# a little apart. The thumb is bent as on the first finger's tip, each joint moved toward
# the other tip the more the nearer it is to its own tip: its base stays, its tip touches
_OPPOSED = {"middle": ((60, 60, 30), 4), "ring": ((68, 62, 30), 10),
            "little": ((78, 62, 30), 18)}
_TOUCH = 0.85  # the thumb tip's middle this far from the fingertip's: their rounds touch
_FOLLOW = (0.0, 0.45, 0.8, 1.0)  # how far each of the thumb's joints follows its tip


def _opposed(finger: str) -> tuple:
    """The shape of the thumb on ``finger``'s tip."""
    k = FINGERS.index(finger)
    bend, fan = _OPPOSED[finger]
    bends = tuple(bend if n == k else (0, 0, 0) for n in range(4))
    fans = tuple(fan if n == k else (6, 0, -5, -12)[n] for n in range(4))
    tip = _finger((0.0, 0.0, 0.0), ((1, 0, 0), (0, 1, 0), (0, 0, 1)), _FINGERS[k], bend, fan)[1]
    index = SHAPES["opposition"][2]
    toward = g.unit(g.sub(index[2], tip))  # from where the thumb's end joint bends
    shift = g.sub(g.add(tip, g.mul(toward, _TOUCH)), index[-1])
    return bends, fans, tuple(g.add(joint, g.mul(shift, k)) for joint, k in zip(index, _FOLLOW))


def shape_named(value) -> str:
    """A figure file's hand shape as SHAPES names it: ``{opposition: ring}`` is
    ``opposition_ring`` (``{opposition: index}`` the plain ``opposition``)."""
    if isinstance(value, dict) and list(value) == ["opposition"]:
        finger = value["opposition"]
        if finger in FINGERS:
            return "opposition" if finger == "index" else f"opposition_{finger}"
    return value


# the palm's two main creases, in the hand's frame on the palm's face: one across it below
# the fingers, one around the thumb's mound. Drawn only where the palm faces the viewer, so
# that a palm turned up shows as a palm and a hand turned down as the back of a hand (the
# outline alone is the same from either side)
_CREASES = (((0.9, -3.15, -1.9), (0.95, -3.2, -0.7), (1.0, -3.5, 0.4), (0.95, -3.85, 1.2)),
            ((0.95, -3.45, 1.3), (1.2, -2.5, 0.6), (1.35, -1.4, 0.2), (1.35, -0.5, 0.1)))


def creases(wrist: Vec, frame: Mat) -> tuple[tuple[Vec, ...], ...]:
    """The palm's creases where the hand is: lines of points."""
    return tuple(tuple(g.add(wrist, g.apply(frame, p)) for p in line) for line in _CREASES)


def _bends(bends: tuple) -> tuple:
    """Each finger's bends, index first: one bend for all four, or each its own."""
    return bends if isinstance(bends[0], tuple) else (bends,) * 4


def turned(fore: Mat, forearm_turn: float, wrist: float, wrist_side: float) -> Mat:
    """The hand's frame from the forearm's (x front, y up the forearm, z out to the side:
    the palm facing forward, as standing in the anatomical position): the forearm turned
    ``forearm_turn`` palm down from thumb up, the wrist bent toward the palm and toward
    the thumb."""
    frame = g.compose(fore, g.rot("y", 90.0 + forearm_turn))
    if wrist:
        frame = g.compose(frame, g.rot("z", wrist))
    if wrist_side:
        frame = g.compose(frame, g.rot("x", -wrist_side))
    return frame


def flat(along: Vec, palm: Vec, out: Vec) -> Mat:
    """The frame of a hand laid flat on a surface, the fingers ``along`` it, the palm
    facing ``palm``: the thumb toward the body's middle (away from ``out``), as a hand put
    down in front of a person lies."""
    y = g.mul(g.unit(along), -1)
    x = g.unit(g.sub(palm, g.mul(y, g.dot(palm, y))))
    thumb = g.mul(out, -1)
    z = g.unit(g.sub(g.sub(thumb, g.mul(x, g.dot(thumb, x))), g.mul(y, g.dot(thumb, y))))
    if g.length(z) == 0:
        z = g.cross(x, y)
    return (x, y, z)


def _finger(wrist: Vec, frame: Mat, finger, bends, fan: float) -> tuple[list[list[Circle]], Vec]:
    """A finger's three bones, each a piece of its own (a bent finger's hull would fill the
    inside of its curl), and its tip."""
    knuckle, bones, radii = finger
    base = (0.0, -math.cos(math.radians(fan)), math.sin(math.radians(fan)))
    at = knuckle
    points, bend = [knuckle], 0.0
    for bone, degrees in zip(bones, bends):
        bend += math.radians(degrees)
        way = (math.sin(bend), base[1] * math.cos(bend), base[2] * math.cos(bend))
        at = g.add(at, g.mul(way, bone))
        points.append(at)
    world = [g.add(wrist, g.apply(frame, p)) for p in points]
    return [[(world[k], radii[k]), (world[k + 1], radii[k + 1])] for k in range(3)], world[-1]


def pieces(wrist: Vec, frame: Mat, shape: str) -> tuple[list[Circle], list[list[list[Circle]]],
                                                        Vec]:
    """The palm (one piece), the fingers and the thumb (each its bones, little finger first,
    the thumb last), and the middle finger's tip."""
    bends, fans, thumb = SHAPES[shape]
    at = lambda p: g.add(wrist, g.apply(frame, p))  # noqa: E731
    palm = [(at(c), r) for c, r in _PALM]
    fingers, tips = [], []
    for finger, fan, bend in zip(_FINGERS, fans, _bends(bends)):
        bones, tip = _finger(wrist, frame, finger, bend, fan)
        fingers.append(bones)
        tips.append(tip)
    joints = [at(p) for p in thumb]
    thumb_bones = [[(joints[k], _THUMB_RADII[k]), (joints[k + 1], _THUMB_RADII[k + 1])]
                   for k in range(3)]
    return palm, [*reversed(fingers), thumb_bones], tips[1]


def fingertips(wrist: Vec, frame: Mat, shape: str) -> list[Vec]:
    """Where each finger's tip is (index first): for the tests, and for what a shape means."""
    bends, fans, _ = SHAPES[shape]
    return [_finger(wrist, frame, f, bend, fan)[1]
            for f, fan, bend in zip(_FINGERS, fans, _bends(bends))]


for _name in FINGERS[1:]:  # once _finger is there to find each fingertip
    SHAPES[f"opposition_{_name}"] = _opposed(_name)
