"""The human figure: proportions, forward kinematics from joint angles, landmarks, and a hand
placed on a landmark (two-bone inverse kinematics).

Lengths are fractions of standing height (Drillis & Contini, as tabled by Winter; see
/work/shared/FIGURES.md) times 100. Each body part is a set of 3-D circles (a limb is the hull
of its joint circles) or of cross-sections (the trunk), so any camera can draw it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from handouts.figures import geometry as g
from handouts.figures import hand as handshape
from handouts.figures.geometry import Mat, Vec
from handouts.figures.poses import KeyPose

HIP_HALF, SHOULDER_HALF = 5.0, 10.5
SPINE = (9.5, 9.5, 10.0)  # root -> waist -> chest -> base of the neck (trunk 0.29 H)
NECK, HEAD_UP, HEAD_FORWARD = 5.0, 7.6, 1.0
UPPER_ARM, FOREARM, HAND = 18.6, 14.6, 9.0
THIGH, SHANK, ANKLE_H, HEEL, TOE = 24.5, 24.6, 3.9, 3.4, 11.8
KNEE_FOLDED = 135  # degrees of knee bend past which the calf rests on the thigh
BALL = 0.7  # the ball of the foot, where the toes bend: this share of the way to the toe tip

# cross-sections of the trunk: (node, height in the node's frame, half width, front, back)
_SECTIONS = (("pelvis", -5.5, 8.6, 5.0, 6.0), ("pelvis", 0.5, 9.6, 6.0, 6.6),
             ("waist", 0.0, 7.6, 5.6, 5.2), ("chest", 0.0, 10.0, 7.0, 6.0),
             ("chest", 7.0, 12.0, 5.4, 5.0), ("neck", 0.5, 5.0, 2.8, 2.8))
# the torso's pieces: one between each two sections, the neck, then the head (and a face's
# features after it)
HEAD_PIECE = len(_SECTIONS)


@dataclass
class Group:
    """One outlined shape of the figure: its pieces are drawn as one silhouette."""

    name: str
    pieces: list[list[tuple[Vec, float]]] = field(default_factory=list)
    toes: bool = False  # a leg's foot is two pieces, bent at the ball of the foot
    # a hand drawn in a shape: which outline each piece is in (0: the limb's own; each
    # finger and the thumb one of its own, so that they show against the palm)
    apart: tuple[int, ...] = ()
    # a close-up's forearm ends in a straight cut: this plane's point and its normal, which
    # points to the side drawn (a round end read as a prosthesis)
    cut: tuple[Vec, Vec] | None = None
    # a face's features (figures/scene.py): the outlines filled with ink (the eyes), and the
    # one that joins the outline where it stands out of it in profile (the nose)
    inked: tuple[int, ...] = ()
    profile: tuple[int, ...] = ()
    # outlines drawn behind the limb's own, whatever their depth: a close-up's toes, which
    # show only where they reach past the forefoot (figures/closeup.py)
    behind: tuple[int, ...] = ()
    # a hand drawn in a shape: the palm's creases (figures/hand.py), and the way its palm faces
    palm: tuple[tuple[tuple[Vec, ...], ...], Vec] | None = None

    @property
    def centres(self) -> list[Vec]:
        return [c for piece in self.pieces for c, _ in piece]


@dataclass
class Posed:
    joints: dict[str, Vec]
    frames: dict[str, Mat]
    groups: dict[str, Group]
    belly: float
    hands: dict[str, str] = field(default_factory=dict)  # a side's hand shape, if given

    def shift(self, d: Vec) -> None:
        self.joints = {k: g.add(v, d) for k, v in self.joints.items()}
        for group in self.groups.values():
            group.pieces = [[(g.add(c, d), r) for c, r in piece] for piece in group.pieces]
            if group.palm:
                lines, out = group.palm
                group.palm = (tuple(tuple(g.add(p, d) for p in line) for line in lines), out)


def _bend(frame: Mat, **turns: float) -> Mat:
    for axis, degrees in turns.items():
        if degrees:
            frame = g.compose(frame, g.rot(axis, degrees))
    return frame


def _at(origin: Vec, frame: Mat, x: float = 0.0, y: float = 0.0, z: float = 0.0) -> Vec:
    return g.add(origin, g.apply(frame, (x, y, z)))


def root_frame(pose: KeyPose, facing: str) -> Mat:
    f = 1.0 if facing == "right" else -1.0
    front = (pose.front[0] * f, pose.front[1], pose.front[2])
    head = (pose.head[0] * f, pose.head[1], pose.head[2])
    side = g.cross(front, head)
    # the body's own left or right, whichever faces the viewer, is its "near" side
    if side[2] < -1e-6 or (abs(side[2]) < 1e-6 and side[1] < 0):
        side = g.mul(side, -1)
    return (front, head, side)


def forward(root: Mat, angles: dict[str, float], belly: float = 0.0,
            hands: dict[str, str] | None = None) -> Posed:
    """Every joint and body part of a figure whose pelvis sits at the origin; ``hands``:
    the shape of each side's hand that is drawn in one (figures/hand.py)."""
    J: dict[str, Vec] = {"root": (0.0, 0.0, 0.0)}
    F: dict[str, Mat] = {}
    a = angles.get
    # the spine bends in three equal steps; the legs twist with the pelvis
    step = dict(z=-a("spine", 0) / 3, x=a("spine_side", 0) / 3)
    F["pelvis"] = _bend(root, y=a("twist", 0))
    F["waist"] = _bend(root, **step)
    J["waist"] = _at(J["root"], F["waist"], y=SPINE[0])
    F["chest"] = _bend(F["waist"], **step)
    J["chest"] = _at(J["waist"], F["chest"], y=SPINE[1])
    F["neck"] = _bend(F["chest"], **step)
    J["neck"] = _at(J["chest"], F["neck"], y=SPINE[2])
    # a side bend tips the whole neck from its base, where the lower neck bends most: an
    # ear toward its shoulder moves the head out to that side, not only tilts it in place
    F["neck_top"] = _bend(F["neck"], x=a("neck_side", 0))
    # the head turns at the top of the neck, above where it nods (as C1 turns on C2)
    F["head"] = _bend(F["neck_top"], y=-a("neck_turn", 0), z=-a("neck", 0))
    J["head_pivot"] = _at(J["neck"], F["neck_top"], y=NECK * 0.6)
    J["head"] = _at(J["head_pivot"], F["head"], x=HEAD_FORWARD, y=HEAD_UP)
    groups = {"torso": Group("torso")}
    torso = groups["torso"]
    rings = [_ring(J[{"pelvis": "root"}.get(n, n)], F[n], y, hw, fr, bk, belly if n == "waist"
                   else 0) for n, y, hw, fr, bk in _SECTIONS]
    torso.pieces += [rings[i] + rings[i + 1] for i in range(len(rings) - 1)]
    torso.pieces.append([(J["neck"], 2.9), (J["head_pivot"], 2.7)])
    torso.pieces.append([(J["head"], 6.9), (_at(J["head"], F["head"], x=2.3, y=-3.6), 4.5),
                         (_at(J["head"], F["head"], x=-1.0, y=-2.5), 5.6)])
    if "neck_turn" in angles or "neck_side" in angles:
        _face(torso, J["head"], F["head"])
    for side, sign in (("near", 1.0), ("far", -1.0)):
        # a far limb is a near one seen in a mirror: the same angles, the side axis flipped
        pelvis, chest = (_sided_frame(F[n], sign) for n in ("pelvis", "chest"))
        _leg(side, pelvis, J, F, groups, angles)
        _arm(side, chest, (J, F, groups), angles, (hands or {}).get(side))
    return Posed(J, F, groups, belly, dict(hands or {}))


def _face(torso: Group, head: Vec, frame: Mat) -> None:
    """A nose and two eyes, each outlined on its own: a head with no face shows no turn.
    Drawn only where a figure turns the head, so that every other figure keeps the plain
    head outline of patient-education art (/work/shared/FIGURES.md)."""
    torso.apart, torso.inked, torso.profile = (0,) * len(torso.pieces) + (1, 2, 3), (1, 2, 3), (1,)
    # the nose a short stroke down from between the eyes: a round one read as an open mouth
    torso.pieces.append([(_at(head, frame, x=6.3, y=0.4), 0.3),
                         (_at(head, frame, x=7.1, y=-1.5), 0.45)])
    # the eyes a little closer together than a real face's: where they are, a head turned
    # halfway put one in its outline
    for z in (1.9, -1.9):
        torso.pieces.append([(_at(head, frame, x=EYES[0], y=EYES[1], z=z), 0.65)])


EYES = (5.9, 1.9)  # the eyes' middle from the head's: forward, up


def eyes(posed: Posed) -> Vec:
    """Between the eyes: where a card on the wall is put, at their height."""
    return _at(posed.joints["head"], posed.frames["head"], x=EYES[0], y=EYES[1])


def _ring(origin: Vec, frame: Mat, y: float, half_width: float, front: float, back: float,
          belly: float) -> list[tuple[Vec, float]]:
    front += 6.0 * belly
    out = []
    for i in range(12):
        t = 2 * math.pi * i / 12
        depth = (front if math.cos(t) > 0 else back) * math.cos(t)
        out.append((_at(origin, frame, x=depth, y=y, z=half_width * math.sin(t)), 0.6))
    return out


def _sided(angles: dict[str, float], side: str, joint: str) -> float:
    return angles.get(f"{side}_{joint}", 0.0)


def _sided_frame(frame: Mat, sign: float) -> Mat:
    return (frame[0], frame[1], g.mul(frame[2], sign))


def _leg(side, pelvis, J, F, groups, angles) -> None:
    hip = _at(J["root"], pelvis, z=HIP_HALF)
    thigh = _bend(pelvis, x=-_sided(angles, side, "hip_out"), z=_sided(angles, side, "hip"))
    knee = _at(hip, thigh, y=-THIGH)
    shank = _bend(thigh, z=-_sided(angles, side, "knee"))
    ankle = _at(knee, shank, y=-SHANK)
    foot = _bend(shank, z=_sided(angles, side, "ankle"))
    ball = _at(ankle, foot, x=TOE * BALL, y=-ANKLE_H + 1.9)
    toes = _sided(angles, side, "toes")
    # rising on the balls of the feet, the toes bend up there and stay on the floor
    toe = (_at(ball, _bend(foot, z=toes), x=TOE * (1 - BALL), y=-0.3) if toes
           else _at(ankle, foot, x=TOE, y=-ANKLE_H + 1.6))
    J.update({f"{side}_hip": hip, f"{side}_knee": knee, f"{side}_ankle": ankle,
              f"{side}_heel": _at(ankle, foot, x=-HEEL, y=-ANKLE_H + 1.2),
              f"{side}_toe": toe})
    F[f"{side}_thigh"], F[f"{side}_shank"], F[f"{side}_foot"] = thigh, shank, foot
    calf = _at(knee, shank, x=-0.6, y=-SHANK * 0.3)
    rear_foot = [(ankle, 2.1), (J[f"{side}_heel"], 2.0), (ball, 1.7)]
    # a straight foot is one convex shape; bent toes are a piece of their own, or the outline
    # would run straight from the ankle to the toe tip over the bend
    feet = [rear_foot, [(ball, 1.7), (toe, 1.3)]] if toes else [rear_foot + [(toe, 1.3)]]
    groups[f"{side}_leg"] = Group(f"{side}_leg", [
        [(hip, 5.0), (_at(hip, thigh, y=-THIGH * 0.4), 4.6), (knee, 3.3)],
        [(knee, 3.3), (calf, 3.4), (ankle, 1.9)], *feet], toes=bool(toes))
    if _sided(angles, side, "knee") >= KNEE_FOLDED:
        # the calf presses on the back of the thigh: no gap between them, where the thigh,
        # the shin and a foot pointing back would enclose a pocket drawn as a black blot
        groups[f"{side}_leg"].pieces.append(
            [(knee, 3.3), (_at(hip, thigh, y=-THIGH * 0.4), 4.6), (calf, 3.4), (ankle, 1.9)])
    if angles.get("knee_sway"):
        _sway(side, pelvis, J, F, groups[f"{side}_leg"], angles["knee_sway"])


def _sway(side, pelvis, J, F, leg: Group, degrees: float) -> None:
    """The bent leg turned about the line from its hip to its ankle, as a knee falls to the
    side with the foot left where it stands (it rolls onto its edge)."""
    hip, ankle = J[f"{side}_hip"], J[f"{side}_ankle"]
    axis = g.sub(ankle, hip)
    # both knees go the same way: toward the body's near side (a far leg's frame is mirrored)
    near = pelvis[2] if side == "near" else g.mul(pelvis[2], -1)
    if g.dot(g.cross(axis, g.sub(J[f"{side}_knee"], hip)), near) < 0:
        degrees = -degrees
    turn = lambda p: g.rotate_about(p, hip, axis, degrees)  # noqa: E731
    spin = lambda v: g.rotate_about(v, (0.0, 0.0, 0.0), axis, degrees)  # noqa: E731
    for joint in ("knee", "heel", "toe"):
        J[f"{side}_{joint}"] = turn(J[f"{side}_{joint}"])
    for part in ("thigh", "shank", "foot"):
        F[f"{side}_{part}"] = tuple(spin(v) for v in F[f"{side}_{part}"])
    leg.pieces = [[(turn(c), r) for c, r in piece] for piece in leg.pieces]


def foot_pieces(leg: Group) -> list[list[tuple[Vec, float]]]:
    """The pieces of a leg that are its foot: one, or two where the toes bend."""
    return leg.pieces[2:4] if leg.toes else leg.pieces[2:3]


def _arm(side, chest, posed, angles, shape: str | None) -> None:
    J, F, groups = posed
    shoulder = _at(J["chest"], chest, y=SPINE[2] - 3.2, z=SHOULDER_HALF)
    upper = _bend(chest, x=-_sided(angles, side, "shoulder_out"),
                  z=_sided(angles, side, "shoulder"))
    upper = _bend(upper, y=-_sided(angles, side, "shoulder_turn"))
    elbow = _at(shoulder, upper, y=-UPPER_ARM)
    fore = _bend(upper, z=_sided(angles, side, "elbow"))
    wrist = _at(elbow, fore, y=-FOREARM)
    F[f"{side}_hand"] = handshape.turned(fore, *(_sided(angles, side, j) for j in (
        "forearm_turn", "wrist", "wrist_side")))
    set_arm(J, groups, side, (shoulder, elbow, wrist), F[f"{side}_hand"], shape)


def set_arm(J, groups, side: str, joints: tuple[Vec, Vec, Vec], hand: Mat,
            shape: str | None = None) -> None:
    """The arm from its shoulder, elbow and wrist; the hand as the frame ``hand`` turns it
    (figures/hand.py): a simple mitten, or in ``shape`` with its fingers and thumb."""
    shoulder, elbow, wrist = joints
    hand_dir = g.unit(g.apply(hand, (0, -1, 0)))
    tip = g.add(wrist, g.mul(hand_dir, HAND * 0.8))
    J.update({f"{side}_shoulder": shoulder, f"{side}_elbow": elbow, f"{side}_wrist": wrist,
              f"{side}_hand": g.add(wrist, g.mul(hand_dir, PALM)),
              f"{side}_fingers": tip})
    limb = [[(shoulder, 3.1), (elbow, 2.3)], [(elbow, 2.3), (wrist, 1.7)]]
    if shape is None:
        groups[f"{side}_arm"] = Group(f"{side}_arm", [*limb, [
            (wrist, 1.8), (g.add(wrist, g.mul(hand_dir, HAND * 0.4)), 2.0), (tip, 1.4)]])
        return
    palm, digits, J[f"{side}_fingers"] = handshape.pieces(wrist, hand, shape)
    J[f"{side}_hand"] = g.add(wrist, g.apply(hand, (0.3, -2.8, 0.0)))
    apart = [0, 0, 0] + [k for k, bones in enumerate(digits, 1) for _ in bones]
    groups[f"{side}_arm"] = Group(f"{side}_arm", [*limb, palm, *(
        bone for bones in digits for bone in bones)], apart=tuple(apart),
        palm=(handshape.creases(wrist, hand), hand[0]))


ARM = UPPER_ARM + FOREARM + 0.5  # how far from the shoulder a hand's wrist reaches
STRAIGHT = UPPER_ARM + FOREARM - 0.01  # the wrist of an arm held straight (reach sets it)
# a hand put flat on a surface (``reach``): its wrist this high above it, and the middle of
# its palm, the hand's joint, this far from the wrist
PALM_LIFT, PALM = 2.0, HAND * 0.45


def reach(posed: Posed, side: str, target: Vec, normal: Vec) -> float:
    """Put the ``side`` hand flat on a point of a surface; how far short the arm falls (0:
    it reaches)."""
    J = posed.joints
    shoulder = J[f"{side}_shoulder"]
    along = g.sub(target, shoulder)
    tangent = g.unit(g.sub(along, g.mul(normal, g.dot(along, normal))))
    if g.length(tangent) == 0:
        tangent = g.unit(posed.frames["chest"][1])
    wrist = g.add(g.add(target, g.mul(normal, PALM_LIFT)), g.mul(tangent, -PALM))
    to_wrist = g.sub(wrist, shoulder)
    dist = g.length(to_wrist)
    short = max(0.0, dist - ARM)
    dist = min(max(dist, abs(UPPER_ARM - FOREARM) + 0.5), STRAIGHT)
    u = g.unit(to_wrist)
    wrist = g.add(shoulder, g.mul(u, dist))
    # elbows go out to the side and back, as a person's do
    chest = posed.frames["chest"]
    out = chest[2] if side == "near" else g.mul(chest[2], -1)
    pole = g.add(out, g.mul(chest[0], -0.6))
    pole = g.unit(g.sub(pole, g.mul(u, g.dot(pole, u))))
    x = (UPPER_ARM ** 2 - FOREARM ** 2 + dist ** 2) / (2 * dist)
    h = math.sqrt(max(UPPER_ARM ** 2 - x * x, 0.0))
    elbow = g.add(g.add(shoulder, g.mul(u, x)), g.mul(pole, h))
    posed.frames[f"{side}_hand"] = hand = _flat_hand(tangent, normal, out)
    set_arm(J, posed.groups, side, (shoulder, elbow, wrist), hand, posed.hands.get(side))
    return short


ELBOW_GIVE = 3.0  # a few percent either way is skin and the way the elbow sits, not a longer arm


def rest_elbow(posed: Posed, side: str, target: Vec, normal: Vec) -> float:
    """Rest the ``side`` elbow on a point of a surface (an elbow on a knee), the forearm lying
    on past it and dipping a little; how far the upper arm falls short of it (minus: how
    much too near the shoulder it is; 0: it gets there)."""
    J = posed.joints
    shoulder = J[f"{side}_shoulder"]
    to_elbow = g.sub(g.add(target, g.mul(normal, 2.3)), shoulder)
    off = g.length(to_elbow) - UPPER_ARM
    miss = 0.0 if abs(off) <= ELBOW_GIVE else off - math.copysign(ELBOW_GIVE, off)
    elbow = g.add(shoulder, g.mul(g.unit(to_elbow), UPPER_ARM))
    along = g.unit(g.sub(to_elbow, g.mul(normal, g.dot(to_elbow, normal))))
    fore = g.unit(g.add(along, g.mul(normal, -0.3)))
    chest = posed.frames["chest"]
    hand = _flat_hand(fore, normal, chest[2] if side == "near" else g.mul(chest[2], -1))
    posed.frames[f"{side}_hand"] = hand
    set_arm(J, posed.groups, side, (shoulder, elbow, g.add(elbow, g.mul(fore, FOREARM))), hand,
            posed.hands.get(side))
    return miss


def _flat_hand(along: Vec, normal: Vec, out: Vec) -> Mat:
    """A hand lying on a surface (``normal`` out of it), its fingers ``along`` it; its
    direction alone is the old mitten's, which the shapes' frame must keep exactly."""
    x, _, z = handshape.flat(along, g.mul(normal, -1), out)
    return (x, g.mul(along, -1), z)


def landmarks(posed: Posed) -> dict[str, tuple[Vec, Vec]]:
    """Named places on the body's surface: (point, outward direction)."""
    J, F, belly = posed.joints, posed.frames, posed.belly
    front = lambda frame: F[frame][0]  # noqa: E731 - a short name reads better here
    marks = {
        "chest": (_at(J["chest"], F["chest"], x=7.0, y=2.5), front("chest")),
        "belly": (_at(J["waist"], F["waist"], x=5.6 + 6.0 * belly, y=0.5), front("waist")),
        "low_back": (_at(J["waist"], F["waist"], x=-5.2), g.mul(front("waist"), -1)),
        "upper_back": (_at(J["chest"], F["chest"], x=-6.0, y=3), g.mul(front("chest"), -1)),
        "head": (J["head"], F["head"][1]),
        "hips": (J["root"], F["pelvis"][1]),
        "sacrum": (_at(J["root"], F["pelvis"], x=-6.6, y=1), g.mul(front("pelvis"), -1)),
    }
    marks["navel"] = marks["belly"]
    for side, sign in (("near", 1.0), ("far", -1.0)):
        lat = g.mul(F["pelvis"][2], sign)
        thigh, shank = F[f"{side}_thigh"], F[f"{side}_shank"]
        knee = J[f"{side}_knee"]
        marks.update({
            f"{side}_hip_bone": (g.add(_at(J["root"], F["pelvis"], x=5.2, y=2.5),
                                       g.mul(lat, 7.0)), front("pelvis")),
            # the psoas spot: halfway from the navel (y 10, in the middle) to the hip bone
            # (y 2.5, 7 out), about 2 inches out; it was a fifth of the way nearer the hip
            # bone, so that a spot drawn there covered the hip bone's dot
            f"{side}_psoas": (g.add(_at(J["root"], F["pelvis"], x=6.0 + 2.0 * belly, y=6.25),
                                    g.mul(lat, 3.5)), front("pelvis")),
            f"{side}_knee": (g.add(knee, g.mul(thigh[0], 3.3)), thigh[0]),
            f"{side}_shin": (_at(knee, shank, x=3.0, y=-6.0), shank[0]),
            f"{side}_thigh": (_at(J[f"{side}_hip"], thigh, x=4.2, y=-THIGH * 0.7), thigh[0]),
            # the front of the hip, where a hip flexor stretch is felt
            f"{side}_hip": (_at(J[f"{side}_hip"], F["pelvis"], x=4.5, y=1.0),
                            front("pelvis")),
            f"{side}_foot": (J[f"{side}_toe"], F[f"{side}_foot"][0]),
            f"{side}_heel": (J[f"{side}_heel"], g.mul(F[f"{side}_foot"][1], -1)),
            f"{side}_hand": (J[f"{side}_hand"], F["chest"][0]),
            f"{side}_elbow": (J[f"{side}_elbow"], g.mul(F["chest"][1], -1)),
            f"{side}_shoulder": (J[f"{side}_shoulder"], F["chest"][1]),
            # the side of the waist, from the lowest rib to the hip bone (where the QL is)
            f"{side}_flank": (_at(J["waist"], F["waist"], y=4.0, z=8.6 * sign),
                              g.mul(F["waist"][2], sign)),
        })
    return marks


LANDMARKS = ("chest", "belly", "navel", "low_back", "upper_back", "head", "hips", "sacrum",
             *[f"{s}_{n}" for s in ("near", "far") for n in (
                 "hip_bone", "psoas", "knee", "shin", "thigh", "hip", "foot", "heel", "hand",
                 "elbow", "shoulder", "flank")])
