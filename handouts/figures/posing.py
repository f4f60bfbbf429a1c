"""A frame's body posed: its key pose with the figure file's joint angles, turned so that
the part it rests on lies flat, its feet planted or its toes flat where they rest, and set
down on what it rests on. The scene (figures/scene.py) then places its hands and draws it."""

from __future__ import annotations

import math

from handouts.figures import body as b
from handouts.figures import contacts
from handouts.figures import geometry as g
from handouts.figures import props as p
from handouts.figures.child import child
from handouts.figures.model import Frame
from handouts.figures.poses import key_pose, limits


def _level(posed: b.Posed, level: str | None, head: g.Vec, front: g.Vec) -> float:
    """Degrees to turn the body about the view's z axis so that ``level`` lies flat."""
    if level is None:
        return 0.0
    J = posed.joints
    if level == "trunk":
        seg, want = g.sub(J["neck"], J["root"]), (math.copysign(1, head[0]), 0.0)
    elif level == "thigh":  # on the tummy propped up: the thighs flat, the back arched
        seg, want = g.sub(J["near_knee"], J["near_hip"]), (-math.copysign(1, head[0]), 0.0)
    else:
        seg = g.sub(J["near_ankle"], J["near_knee"])
        back = -(front[0] if abs(front[0]) > 0.5 else head[0])
        want = (math.copysign(1, back), 0.0)
    return math.degrees(math.atan2(want[1], want[0]) - math.atan2(seg[1], seg[0]))


_FOOT = "foot"  # the foot's piece, or two where its toes bend
_SUPPORT = {"torso": [("torso", None)], "feet": [("near_leg", _FOOT), ("far_leg", _FOOT)],
            "near_foot": [("near_leg", _FOOT)], "far_foot": [("far_leg", _FOOT)],
            "knees": [("near_leg", 1), ("far_leg", 1)], "hands": [("near_arm", 2),
                                                                    ("far_arm", 2)],
            "seat": [("torso", 0), ("near_leg", 0), ("far_leg", 0)],
            "shoulders": [("torso", 3), ("torso", 4), ("torso", 6)]}


def _lowest(posed: b.Posed, support: tuple[str, ...]) -> float:
    low = math.inf
    for name in support:
        for group, index in _SUPPORT[name]:
            pieces = posed.groups[group].pieces
            chosen = (pieces if index is None else b.foot_pieces(posed.groups[group])
                      if index == _FOOT else [pieces[index]])
            for piece in chosen:
                low = min(low, min(c[1] - r for c, r in piece))
    return low


def pose_body(frame: Frame, surface: float, ghost: bool = False) -> b.Posed:
    """The frame's figure: its key pose with the file's joint angles (and, for its ``ghost``,
    the ghost's), turned so the key pose's resting part lies flat, then set down on the
    surface at the pose's x and z."""
    pose = frame.pose
    key = key_pose(pose.base)
    angles = dict(key.joints)
    angles.update(pose.joints.model_dump(exclude_none=True))
    if ghost:
        angles.update(frame.ghost.joints.model_dump(exclude_none=True))
    upright = dict(angles)
    seated_lean = "seat" in key.support and pose.tilt
    if seated_lean:
        # sitting, a lean is the trunk's, at the hips: turning the whole body lifted the
        # seat off the chair and swung the feet off the floor
        for side in ("near", "far"):
            angles[f"{side}_hip"] = angles.get(f"{side}_hip", 0.0) + pose.tilt
    root = b.root_frame(key, pose.facing)
    f = 1.0 if pose.facing == "right" else -1.0
    hands = pose.hands.model_dump(exclude_none=True)
    posed = b.forward(root, angles, pose.breath, hands)
    head = (key.head[0] * f, *key.head[1:])
    front = (key.front[0] * f, *key.front[1:])
    turn = _level(posed, key.level, head, front) - f * pose.tilt
    given = {**pose.joints.model_dump(exclude_none=True),
             **(frame.ghost.joints.model_dump(exclude_none=True) if ghost else {})}
    if key.rests_on:
        turn, angles = contacts.balance(root, key, angles, given, pose.breath, turn)
    elif key.planted:
        angles = _plant_feet(contacts.turned(root, turn), key, angles, given, pose.breath)
    placed = contacts.turned(root, turn) if turn or key.planted else root
    if placed is not root:
        posed = b.forward(placed, angles, pose.breath, hands)
    # a seated lean is set down as it sits upright: the thighs on the seat, where the feet
    # reach the floor
    low = _lowest(b.forward(root, upright, pose.breath) if seated_lean else posed, key.support)
    ground = None  # where the floor the feet stand on is, in the body's place as posed
    # sitting on a chair or lying with the knees up, the feet rest flat in the key pose (on
    # the floor, sitting on the floor, the legs lie out in front: a foot there is left be)
    if (key is key_pose("sitting") or key.planted) and not key.rests_on:
        # sitting, the feet are on the floor below the seat; lying, on what the body lies on
        # (a wheelchair's on its footplate; a seat pushed up off the chair lifts them too)
        ground = low - surface + (p.feet_height(frame) - pose.lift if "seat" in key.support
                                  else surface)
        angles = contacts.heels_up(placed, angles, given, pose.breath, ground)
        if pose.lift or pose.surface in ("wheelchair", "slide_board"):
            angles = contacts.feet_down(placed, angles, given, pose.breath, ground)
        posed = b.forward(placed, angles, pose.breath, hands)
    posed = _toes_flat(posed, placed, key, angles, pose.breath, ground)
    if ground is None:
        low = _lowest(posed, key.support)
    posed.shift((pose.x, surface + pose.lift - low, pose.z))
    if key.forearms:
        contacts.forearms_down(posed, surface, head[0], given)
    if (key.level == "shank" and key.head[1] == 0) or "hands" in key.rests_on:
        contacts.hands_down(posed, surface, head[0])  # on all fours, or hands and feet
    if frame.body == "child":
        child(posed, surface)
    return posed


# a foot pitched down less than this rests on the length of its sole, as the back foot of a
# stride is drawn; more, and a rigid foot stood on the tips of its toes
_TOES_FROM, _TOES_MOST = 20.0, 70.0


def _toes_flat(posed: b.Posed, root: g.Mat, key, angles: dict[str, float],
               breath: float, ground: float | None = None) -> b.Posed:
    """Standing with a heel up (a calf raise), or sitting (a seated heel raise), that foot's
    toes bent up at the ball of the foot to lie flat on the floor, at ``ground`` where the
    feet are not what the body stands on."""
    if "feet" not in key.support and ground is None:
        return posed
    low = _lowest(posed, key.support) if ground is None else ground
    bent = dict(angles)
    for side in ("near", "far"):
        along = posed.frames[f"{side}_foot"][0]
        pitch = math.degrees(math.atan2(along[1], math.hypot(along[0], along[2])))
        # only a foot on the floor: a foot lifted (a march) points its toes where it will
        on_floor = _lowest(posed, (f"{side}_foot",)) - low < 3.0
        if pitch < -_TOES_FROM and on_floor:
            bent[f"{side}_toes"] = min(-pitch, _TOES_MOST)
    return posed if bent == angles else b.forward(root, bent, breath, posed.hands)


def _plant_feet(root: g.Mat, key, angles: dict[str, float], given: dict[str, float],
                breath: float) -> dict[str, float]:
    """Lying with the knees up, a knee bent more or less than the key pose's, its hip not
    given: the hip that keeps the foot flat on the surface (a heel slide), where a fixed hip
    put the foot through the floor or left it in the air."""
    angles = dict(angles)
    for side in ("near", "far"):
        hip, knee, ankle = (f"{side}_{j}" for j in ("hip", "knee", "ankle"))
        if knee not in given or hip in given:
            continue
        # the sole as flat as in the key pose: the foot keeps its angle to the trunk
        flat = key.joints[hip] - key.joints[knee] + key.joints[ankle]
        low, high = limits("ankle")[:2]

        def with_hip(degrees: float) -> dict[str, float]:
            trial = {**angles, hip: degrees}
            if ankle not in given:
                trial[ankle] = min(high, max(low, flat - degrees + angles[knee]))
            return trial

        def above(degrees: float) -> float:
            posed = b.forward(root, with_hip(degrees), breath)
            return _lowest(posed, (f"{side}_foot",)) - _lowest(posed, key.support)

        lo, hi = limits("hip")[:2]
        if above(lo) > 0 or above(hi) < 0:
            continue  # no hip puts the foot down: the angles as given
        for _ in range(30):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if above(mid) < 0 else (lo, mid)
        angles = with_hip(round((lo + hi) / 2, 2))
    return angles
