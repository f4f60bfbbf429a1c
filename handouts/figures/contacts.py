"""Key poses that rest on two places at once, lying on the tummy propped on the forearms,
and the hands laid flat on the floor (on all fours, or on the hands and feet).

A bridge rests on the shoulders and the feet, a plank or a bear walk on the hands and the
feet: no one segment lies flat, so ``level`` cannot set such a body down (a lying pose
given a ``tilt`` tipped the whole body, head and all, and lifted the feet off the floor).
Here the body is turned about its side axis until both places touch the surface together,
and the joints that keep them resting as a patient's do follow: the feet flat, the head on
the floor, the arms upright under the shoulders. Each is left as the file gives it.
"""

from __future__ import annotations

import math

from handouts.figures import body as b
from handouts.figures import geometry as g
from handouts.figures import hand as handshape
from handouts.figures.poses import KeyPose, limits

# the pieces of the body that rest on the surface, by the name a key pose gives them
# (the torso's pieces run from the pelvis up: the fourth and fifth are the chest's, the
# seventh the head's). Lying, the shoulders rest with the back of the head: a trunk sloping
# up to the lifted hips takes even a neck bent as far as it goes a little under them
_PARTS = {"shoulders": [("torso", 3), ("torso", 4), ("torso", 6)], "head": [("torso", 6)],
          "upper_back": [("torso", 3), ("torso", 4)]}
_STEPS = 30  # halvings: a hundredth of a degree from a 90° start


def turned(root: g.Mat, degrees: float) -> g.Mat:
    return tuple(g.rotate_about(axis, (0, 0, 0), (0, 0, 1), degrees) for axis in root)


def lowest(posed: b.Posed, part: str) -> float:
    if part == "hands":  # where a hand laid flat on the floor puts its wrist (body.reach)
        return min(posed.joints[f"{s}_wrist"][1] for s in ("near", "far")) - b.PALM_LIFT
    if part == "feet":
        pieces = [p for side in ("near", "far") for p in b.foot_pieces(
            posed.groups[f"{side}_leg"])]
    else:
        pieces = [posed.groups[group].pieces[i] for group, i in _PARTS[part]]
    return min(c[1] - r for piece in pieces for c, r in piece)


def balance(root: g.Mat, key: KeyPose, angles: dict[str, float], given: dict[str, float],
            breath: float, turn: float) -> tuple[float, dict[str, float]]:
    """The turn that rests both of the key pose's ``rests_on`` places on the surface, and
    the angles that go with it: a planted foot flat, the head down beside the shoulders,
    an arm upright under its shoulder (each unless the file gives that joint)."""
    angles = dict(angles)
    turn = _both_down(root, key.rests_on, angles, breath, turn)
    for _ in range(3):  # each joint set moves the places a little: settled in three
        for side in ("near", "far"):
            if key.planted:
                _solve(root, turn, angles, given, breath, f"{side}_ankle", _sole_pitch(side))
            if "hands" in key.rests_on:
                _solve(root, turn, angles, given, breath, f"{side}_shoulder", _arm_lean(side))
            elif "shoulders" in key.rests_on:  # the arms along the floor, palms down
                _solve(root, turn, angles, given, breath, f"{side}_shoulder", _arm_down(side))
        if "shoulders" in key.rests_on and "neck" not in given:
            _head_down(root, turn, angles, breath)
        turn = _both_down(root, key.rests_on, angles, breath, turn)
    return turn, angles


def _both_down(root, parts, angles, breath, turn: float) -> float:
    """The turn nearest ``turn`` at which both parts are equally low."""
    first, second = parts

    def apart(degrees: float) -> float:
        posed = b.forward(turned(root, degrees), angles, breath)
        return lowest(posed, first) - lowest(posed, second)

    start = apart(turn)
    for step in range(1, 46):
        for sign in (1, -1):
            far = turn + sign * 2 * step
            if (apart(far) > 0) != (start > 0):
                lo, hi = turn + sign * 2 * (step - 1), far
                for _ in range(_STEPS):
                    mid = (lo + hi) / 2
                    lo, hi = (mid, hi) if (apart(mid) > 0) == (start > 0) else (lo, mid)
                return (lo + hi) / 2
    return turn  # no turn rests both: the pose as given (check says what goes through)


def _sole_pitch(side: str):
    def pitch(posed: b.Posed) -> float:
        along = posed.frames[f"{side}_foot"][0]
        return math.degrees(math.atan2(along[1], math.hypot(along[0], along[2])))
    return pitch


def _arm_lean(side: str):
    def lean(posed: b.Posed) -> float:
        arm = g.sub(posed.joints[f"{side}_wrist"], posed.joints[f"{side}_shoulder"])
        return math.degrees(math.atan2(arm[0], -arm[1]))
    return lean


def _arm_down(side: str):
    def above(posed: b.Posed) -> float:
        arm = posed.groups[f"{side}_arm"].pieces[1:3]
        return min(c[1] - r for piece in arm for c, r in piece) - lowest(posed, "shoulders")
    return above


def _solve(root, turn, angles, given, breath, joint: str, measure) -> None:
    """Set ``joint`` (unless given) so that ``measure`` of the posed body is 0: the two
    move together one for one, but which way depends on the side and the facing."""
    if joint in given:
        return
    frame = turned(root, turn)
    angles.setdefault(joint, 0.0)
    now = measure(b.forward(frame, angles, breath))
    moved = measure(b.forward(frame, {**angles, joint: angles[joint] + 1.0}, breath)) - now
    if abs(moved) > 0.1:
        low, high = limits(joint)[:2]
        angles[joint] = min(high, max(low, angles[joint] - now / moved))


def _head_down(root, turn, angles, breath) -> None:
    """The neck bent forward until the back of the head rests as low as the shoulders:
    the trunk sloping up from them to the lifted hips put the head through the floor."""
    frame = turned(root, turn)

    def above(neck: float) -> float:
        posed = b.forward(frame, {**angles, "neck": neck}, breath)
        return lowest(posed, "head") - lowest(posed, "upper_back")

    lo, hi = 0.0, limits("neck")[1]
    if above(lo) >= 0:
        return
    if above(hi) <= 0:
        angles["neck"] = hi
        return
    for _ in range(_STEPS):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if above(mid) < 0 else (lo, mid)
    angles["neck"] = round(hi, 2)


_ARM = ("shoulder", "shoulder_out", "shoulder_turn", "elbow")


def forearms_down(posed: b.Posed, surface: float, ahead: float, given: dict[str, float]) -> None:
    """Each arm the file does not move rests on its forearm: the elbow on the surface under
    the shoulder (a little ahead of it where the chest is lower than an upper arm is long),
    the forearm along it toward the head, the hand flat. ``ahead``: +1 where the head is
    toward +x."""
    for side in ("near", "far"):
        if any(f"{side}_{joint}" in given for joint in _ARM):
            continue
        shoulder = posed.joints[f"{side}_shoulder"]
        rise = shoulder[1] - (surface + 2.3)  # the elbow's round on the floor
        forward = math.sqrt(max(b.UPPER_ARM ** 2 - rise ** 2, 0.0))
        elbow = (shoulder[0] + ahead * forward, shoulder[1] - min(rise, b.UPPER_ARM),
                 shoulder[2])
        along = (ahead, 0.0, 0.0)
        wrist = (elbow[0] + ahead * b.FOREARM, surface + 1.7, shoulder[2])
        chest = posed.frames["chest"]
        out = chest[2] if side == "near" else g.mul(chest[2], -1)
        x, _, z = handshape.flat(along, (0.0, -1.0, 0.0), out)
        posed.frames[f"{side}_hand"] = hand = (x, g.mul(along, -1), z)
        b.set_arm(posed.joints, posed.groups, side, (shoulder, elbow, wrist), hand,
                  posed.hands.get(side))


def hands_down(posed: b.Posed, surface: float, ahead: float) -> None:
    """On all fours, or on the hands and feet: each hand laid flat on the surface a little
    ahead of where it hangs, or as far as a straight arm reaches. ``ahead``: +1 where the
    head is toward +x."""
    for side in ("near", "far"):
        hand = posed.joints[f"{side}_hand"]
        spot = _within_reach(posed.joints[f"{side}_shoulder"],
                             (hand[0] + ahead * 3, surface, hand[2]))
        b.reach(posed, side, spot, (0, 1, 0))


def _within_reach(shoulder: g.Vec, spot: g.Vec) -> g.Vec:
    """``spot`` on the floor, or nearer the shoulder along the floor where a straight arm puts
    the palm flat: arms reaching forward (child's pose) fell short of a spot past that, and
    the hands hung above the floor, ahead of where a patient can put them."""
    ahead = (spot[0] - shoulder[0], 0.0, spot[2] - shoulder[2])
    rise = spot[1] + b.PALM_LIFT - shoulder[1]  # as body.reach puts the wrist, a palm behind
    arm = b.STRAIGHT ** 2 - rise * rise
    if arm <= 0 or (g.length(ahead) - b.PALM) ** 2 <= arm:
        return spot
    to = g.add(shoulder, g.mul(g.unit(ahead), math.sqrt(arm) + b.PALM))
    return (to[0], spot[1], to[2])


def heels_up(root: g.Mat, angles: dict[str, float], given: dict[str, float], breath: float,
             ground: float) -> dict[str, float]:
    """Sitting, or lying with the knees up, a foot pitched down (a seated heel raise) that
    the pose put through the floor: the knee rises until the ball of the foot rests on the
    floor with the heel up, as standing on tiptoe does. The hip and the knee bend by as
    much, so the shin keeps its slope and the foot its pitch: turning the foot about the
    ankle pushed the toes through the floor, and `check` refused a seated heel raise. A hip
    the file gives is kept (the foot then rests where the file puts it)."""
    angles = dict(angles)
    for side in ("near", "far"):
        hip, knee = f"{side}_hip", f"{side}_knee"
        if hip in given:
            continue

        def ball(lift: float) -> float:
            posed = b.forward(root, {**angles, hip: angles[hip] + lift,
                                     knee: angles[knee] + lift}, breath)
            pitch = posed.frames[f"{side}_foot"][0][1]
            rear = b.foot_pieces(posed.groups[f"{side}_leg"])[0][:3]  # ankle, heel, ball
            return min(c[1] - r for c, r in rear) - ground, pitch

        below, pitch = ball(0.0)
        # a foot flat on the floor (pitched down a hair, or resting on a round of the
        # heel) is left as it was
        if below > -0.5 or pitch > -math.sin(math.radians(_PITCHED)):
            continue
        lo, hi = 0.0, min(limits("hip")[1] - angles[hip], limits("knee")[1] - angles[knee])
        if ball(hi)[0] < 0:
            lo = hi  # the knee rises as far as it can: check says the foot is still through
        for _ in range(_STEPS):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if ball(mid)[0] < 0 else (lo, mid)
        angles[hip], angles[knee] = angles[hip] + hi, angles[knee] + hi
    return angles


def feet_down(root: g.Mat, angles: dict[str, float], given: dict[str, float], breath: float,
              ground: float) -> dict[str, float]:
    """Sitting higher than a chair's seat (a wheelchair's cushion over its footplate, a slide
    board on a bed, a seat pushed up off the chair), a foot the key pose leaves in the air:
    the thigh slopes down until the foot rests on ``ground``, the hip and the knee opening
    by as much, so the shin keeps its slope. A hip or a knee the file gives is kept."""
    angles = dict(angles)
    for side in ("near", "far"):
        hip, knee = f"{side}_hip", f"{side}_knee"
        if hip in given or knee in given:
            continue

        def above(drop: float) -> float:
            posed = b.forward(root, {**angles, hip: angles[hip] - drop,
                                     knee: angles[knee] - drop}, breath)
            return min(c[1] - r for piece in b.foot_pieces(posed.groups[f"{side}_leg"])
                       for c, r in piece) - ground

        if above(0.0) < 0.3:
            continue
        lo, hi = 0.0, min(angles[knee], angles[hip] - limits("hip")[0])
        if above(hi) > 0:
            lo = hi  # the leg hangs as far down as it goes
        for _ in range(_STEPS):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if above(mid) > 0 else (lo, mid)
        angles[hip], angles[knee] = angles[hip] - hi, angles[knee] - hi
    return angles


_PITCHED = 8.0  # degrees down at which a foot on the floor stands on its ball
