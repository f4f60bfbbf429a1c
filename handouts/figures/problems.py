"""What a frame of a figure file asks for that cannot be drawn as a patient would do it: a
surface it rests on that is not there, a card with no wall, a part through the floor, a
chair or a counter, a hand or an elbow that cannot get to its place, a ghost that moves
nothing, an arrow that goes nowhere. Each is a place in the frame and one line that says
what would be right."""

from __future__ import annotations

import math

from handouts.figures import body as b
from handouts.figures import crossings
from handouts.figures import geometry as g
from handouts.figures import marks as m
from handouts.figures import poses
from handouts.figures import props as p
from handouts.figures import scene
from handouts.figures.model import Frame

Found = tuple[tuple, str]  # the place within the frame ("marks", 2, "arrow"), and the words

# a hair through the floor is the round of a heel; more is a foot or a knee drawn through
# it. A seat takes as much: a cushion gives, and the pelvis tips into it leaning forward
SINKS = 2.5
# an arrow shorter than this (in percent of the height) is a dot, its head and no line
_SHORTEST = 2.0


def frame_problems(frame: Frame, camera: g.Camera) -> list[Found]:
    kinds = [prop.kind for prop in frame.props]
    surface = frame.pose.surface
    if surface != "floor" and surface not in kinds:
        return [(("pose", "surface"), f'the pose rests on a {surface}; add "- {surface}" to '
                                      "this frame's props")]
    for i, prop in enumerate(frame.props):
        if prop.kind == "card" and prop.card.x is None and "wall" not in kinds:
            return [(("props", i, "card"), "a card goes on a wall: add one to this frame's "
                                           "props (e.g. {wall: {x: 40}}), or give the card's x")]
    found: list[Found] = []
    key = poses.key_pose(frame.pose.base)
    if frame.pose.tilt and key.planted and not key.rests_on:
        # a tilt turns the whole body: the head went down and the feet up, and nothing
        # else said so
        found.append((("pose", "tilt"), "lying with the knees up, tilt turns the whole body, "
                                        "the head down and the feet off the floor; to lift "
                                        "the hips, use base: bridge without a tilt"))
    held = {mark.spec.side for mark in frame.marks if mark.kind == "hand"}
    if frame.pose.lift and held != {"near", "far"}:
        # a seat in the air with nothing holding it up is no push-up a patient can copy
        found.append((("pose", "lift"), "a seat lifted off what it sits on is held up by both "
                                        "arms: put both hands where they push (hand: {side: "
                                        "near, at: [0, 34, 20]} and {side: far, at: [0, 34, "
                                        "-20]} on a wheelchair's push rims)"))
    # the pose as drawn, hands and elbows placed; not the drawing itself (its marks and
    # their lettering are the most of a frame's work, and no problem is found in them)
    posed, unreached = scene.place(frame, camera)
    sunk = _below_the_floor(posed, frame, kinds)
    if sunk:
        found.append((("pose", "joints"), sunk))
    found += _through_props(frame, posed, camera)
    if frame.ghost and not scene.ghosts(frame, camera):
        found.append((("ghost", "joints"), "the ghost's joints leave every part where it is; "
                                           "give the angles where the moving part starts"))
    landmarks = b.landmarks(posed)
    for j, mark in enumerate(frame.marks):
        part = f"{mark.spec.side} {mark.kind}" if mark.kind in ("hand", "elbow") else ""
        if part in unreached:
            found.append((("marks", j, mark.kind, "at"), _unreached(part, unreached[part])))
        if mark.kind == "arrow":
            found += _nowhere(mark.spec, j, landmarks, camera)
    return found


def _below_the_floor(posed: b.Posed, frame: Frame, kinds: list[str]) -> str:
    """What the pose puts through the floor, in words, or ""."""
    for name, group in posed.groups.items():
        depth = -min(c[1] - r for piece in group.pieces for c, r in piece)
        if depth > SINKS:
            part = name.replace("_", " ")
            where = f"the {part} goes through the floor ({depth:.0f} % of the height below it); "
            if frame.pose.base == "sitting" and frame.pose.surface == "floor":
                # the surface defaults to the floor, where a chair's seat puts the shins
                # through it: changing angles, as the usual remedy says, cannot mend that
                chair = ("to sit on this frame's chair" if "chair" in kinds
                         else 'and add "- chair" to this frame\'s props')
                return (where + f'sitting is on a chair: give the pose "surface: chair" {chair} '
                        "(long_sitting sits on the floor, the legs out in front)")
            return where + "change its angles so that it rests on the floor" + _floor_hint(
                frame.pose.base, name)
    return ""


def _floor_hint(base: str, part: str) -> str:
    """How the pose's base keeps that part on the floor, where one way is known: the hint
    said of a knee bent lying on the back was once given for every part of every pose, a
    tummy-time arm and a crab walk's leg sitting on the floor included."""
    base, (side, _, limb) = poses.ALIASES.get(base, base), part.partition("_")
    if limb == "leg" and base == "supine":
        return (" (lying with the knees up, hook_lying keeps each foot on the floor as its knee"
                " bends)")
    if limb == "leg" and base == "long_sitting":
        # the seat stays down, not the feet: the thigh rises half as far as the knee bends
        # for the foot to meet the floor (130 with 60, as once said here, lifted it off it)
        return (" (sitting on the floor keeps the seat down, not the feet: bend the hip further"
                f" as the knee bends, by half as much; {side}_hip: 120 with {side}_knee: 60"
                " keeps the foot on the floor)")
    if base == "bridge":
        return (" (a bridge rests on the shoulders, the head and the flat feet: leave out the"
                " neck and the ankles, and the arms lie along the floor unless given)")
    if limb == "arm" and base == "prone_on_elbows":
        return (f" (propped on the forearms, an arm not given rests on its forearm; one reaching"
                f" ahead is {side}_shoulder: 150 to 180 with {side}_elbow: 0)")
    if base in ("plank", "bear"):
        return (" (on the hands and feet, the body is turned until both rest on the floor: bend"
                " the hips and knees, and leave out the ankles and the shoulders)")
    if base == "standing" and limb == "arm":
        return (" (standing leans from the feet; for the hands and feet on the floor, a bear"
                " walk or a plank, use base: bear or plank)")
    if limb == "arm" and base == "prone":
        return (f" (lying on the tummy, an arm lies along the floor at the side, {side}_shoulder:"
                f" 0 with {side}_elbow: 0, or reaching ahead, {side}_shoulder: 180)")
    return ""


def _through_props(frame: Frame, posed: b.Posed, camera: g.Camera,
                   hints: bool = True) -> list[Found]:
    """A part of the person drawn through a chair or a counter: one line for each prop."""
    deepest: dict[int, tuple[float, str]] = {}
    for i, box in p.solids(frame):
        for name, group in posed.groups.items():
            depth = max((_into(c, r, box) for piece in group.pieces
                         for c, r in _filled(piece, box)), default=-1.0)
            if depth > SINKS and depth > deepest.get(i, (0.0, ""))[0]:
                deepest[i] = (depth, name.replace("_", " "))
    found = []
    for i, (depth, part) in sorted(deepest.items()):
        kind = frame.props[i].kind
        if kind == "bed":
            found.append((("props", i), _through_bed(frame, i, part, depth, camera, hints)))
            continue
        apart = (f"move the {kind} (x: {frame.props[i].spec.x:g}) or the person (the pose's "
                 f"x: {frame.pose.x:g}) apart")
        if getattr(frame.props[i].spec, "side", None):  # a counter beside the person
            apart = f"move the person (the pose's z: {frame.pose.z:g}) away from its side"
        elif kind == "counter" and part.endswith("leg") and hints:
            found.append((("props", i), _knee_at_counter(frame, i, part, depth, camera)))
            continue
        found.append((("props", i), f"the {part} goes through the {kind} ({depth:.0f} % of "
                                    f"the height into it); {apart}, or change the angles"))
    return found


def _through_bed(frame: Frame, i: int, part: str, depth: float, camera: g.Camera,
                 hints: bool) -> str:
    """A part drawn through a bed: most often the legs of a person sitting on it, which from
    the side hang down through its long side (toward the viewer, which a side view cannot
    show); sitting at its foot, the bed ending under the thighs, they hang clear."""
    bed = frame.props[i].spec
    words = (f"the {part} goes through the bed ({depth:.0f} % of the height into it); move "
             f"the bed (start: {bed.start:g}, end: {bed.end:g}) or the person (the pose's x: "
             f"{frame.pose.x:g}) apart, or change the angles")
    if not hints or frame.pose.surface != "bed":
        return words
    ahead = 1.0 if frame.pose.facing == "right" else -1.0
    edge = "end" if ahead > 0 else "start"
    for step in range(1, 61):  # the bed's edge drawn back toward the seat, until the legs clear
        at = getattr(bed, edge) - ahead * step
        if (at - frame.pose.x) * ahead < 4:
            break
        props = list(frame.props)
        props[i] = props[i].model_copy(update={"bed": bed.model_copy(update={edge: at})})
        if _clear(frame.model_copy(update={"props": props}), i, camera):
            return (words + f"; for a person sitting on its edge, seen from the side, end "
                    f"it under the thighs: {edge}: {at:g}")
    return words


def _knee_at_counter(frame: Frame, i: int, part: str, depth: float,
                     camera: g.Camera) -> str:
    """A knee lifted into a counter in front (marching at a kitchen counter): its cupboards
    go down to the floor, and under its top there is only a toe kick, too low for a knee.
    How far the knee may rise at this counter, and where to stand it for the knee to clear
    it if the hands still reach it there: "move them apart" said neither, and a counter
    moved as far as the knee needs is out of the hands' reach."""
    side, move = part.split()[0], math.ceil(depth)
    back = frame.props[i].spec.x + move
    words = (f"the {part} goes through the counter ({depth:.0f} % of the height into it); a "
             "counter is solid to the floor (cupboards under its top), so a knee lifted at it "
             "needs the person to stand back, or the knee lifted less")
    props = list(frame.props)
    props[i] = props[i].model_copy(update={"counter": props[i].spec.model_copy(
        update={"x": back})})
    marks = [mark.model_copy(update={"hand": mark.spec.model_copy(update={"at": (
                 mark.spec.at[0] + move, *mark.spec.at[1:])})})
             if mark.kind == "hand" and not isinstance(mark.spec.at, str) else mark
             for mark in frame.marks]
    if _clear(frame.model_copy(update={"props": props, "marks": marks}), i, camera):
        words += (f": put the counter at x: {back:g} or more, the hands on it {move} further "
                  "forward too")
    else:
        words += f" (at x: {back:g}, where the knee clears it, the hands do not reach it)"
    hip = frame.pose.joints.model_dump(exclude_none=True).get(f"{side}_hip")
    if not hip or hip <= 0 or not _clear(_with_joint(frame, f"{side}_hip", 0.0), i, camera):
        return words
    lo, hi = 0.0, hip
    for _ in range(12):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _clear(_with_joint(frame, f"{side}_hip", mid), i, camera) \
            else (lo, mid)
    return words + f"; {side}_hip: {math.floor(lo):g} clears it where it is"


def _with_joint(frame: Frame, joint: str, degrees: float) -> Frame:
    joints = frame.pose.joints.model_copy(update={joint: degrees})
    return frame.model_copy(update={"pose": frame.pose.model_copy(update={"joints": joints})})


def _clear(frame: Frame, i: int, camera: g.Camera) -> bool:
    """Whether the person is clear of the frame's ``i``-th prop and every hand reaches."""
    posed, unreached = scene.place(frame, camera)
    return not unreached and all(place[1] != i for place, _ in _through_props(
        frame, posed, camera, hints=False))


def _filled(piece, box: p.Box):
    """Balls that fill a piece of the body (the hull of its balls: a limb between its joints,
    a slice of the trunk), a little apart; none where the piece is clear of the box."""
    x0, x1, y0, y1, z0, z1 = box
    if all(c[0] + r < x0 or c[0] - r > x1 for c, r in piece) or all(
            c[1] + r < y0 or c[1] - r > y1 for c, r in piece) or all(
            c[2] + r < z0 or c[2] - r > z1 for c, r in piece):
        return
    for k, (a, ra) in enumerate(piece):
        yield a, ra
        for c, rc in piece[k + 1:]:
            steps = int(g.length(g.sub(c, a)) // 1.5)
            for t in (n / (steps + 1) for n in range(1, steps + 1)):
                yield g.add(a, g.mul(g.sub(c, a), t)), ra + (rc - ra) * t


def _into(centre: g.Vec, radius: float, box: p.Box) -> float:
    """How deep a ball goes into a box (minus: how far it stays out)."""
    x0, x1, y0, y1, z0, z1 = box
    nearest = tuple(min(max(c, lo), hi) for c, lo, hi in zip(centre, (x0, y0, z0),
                                                                (x1, y1, z1)))
    apart = g.length(g.sub(centre, nearest))
    if apart > 0:
        return radius - apart
    return radius + min(centre[0] - x0, x1 - centre[0], centre[1] - y0, y1 - centre[1],
                        centre[2] - z0, z1 - centre[2])


def _unreached(part: str, miss: float) -> str:
    side, what = part.split()
    if what == "hand":
        return (f"the {part} cannot reach there from this pose: it is {math.ceil(miss)} short "
                f"(an arm reaches {b.ARM:.0f} from the shoulder); move the point "
                f"{math.ceil(miss)} nearer the {side} shoulder, or change the pose")
    if miss > 0:
        return (f"the {part} cannot reach there from this pose: it is {math.ceil(miss)} short "
                f"(the upper arm is {b.UPPER_ARM:.0f} long); move the point {math.ceil(miss)} "
                f"nearer the {side} shoulder, or change the pose")
    return (f"the {part} cannot rest there from this pose: it is {math.ceil(-miss)} too near "
            f"the {side} shoulder (the upper arm is {b.UPPER_ARM:.0f} long); move the point "
            f"{math.ceil(-miss)} further from it, or change the pose")


def _nowhere(arrow, j: int, landmarks, camera: g.Camera) -> list[Found]:
    """An arrow whose points are all one point: drawn as nothing, or as a head alone."""
    points = [m.resolve(pt, landmarks, camera) for pt in (arrow.start, *arrow.via, arrow.end)]
    span = max(math.dist(a, c) for a in points for c in points)
    if span >= _SHORTEST:
        return []
    return [(("marks", j, "arrow"), "the arrow starts and ends in the same place, so it "
                                    "shows no movement; put its end where the movement goes "
                                    "(e.g. start: [-12, 2], end: [-12, 14] for up)")]


# a foot this far above the other is lifted (a flamingo stand); a lifted leg whose knee and
# foot stay this near its hip across the picture moves toward or away from the viewer only
_LIFTED, _ACROSS = 5.0, 6.0


def frame_warnings(frame: Frame, camera: g.Camera) -> list[Found]:
    """What draws but a patient may not follow: a leg lifted out of sight (below), an arrow
    across an arm or a leg (figures/crossings.py)."""
    found = _lifted_from_the_front(frame, camera)
    if any(mark.kind == "arrow" for mark in frame.marks):  # else no body to pose for it
        found += crossings.arrows_across(frame, scene.place(frame, camera)[0], camera)
    return found


def _lifted_from_the_front(frame: Frame, camera: g.Camera) -> list[Found]:
    """Seen from the front, a leg lifted by bending the hip and the knee (a flamingo stand)
    moves toward or away from the viewer, its shin behind its thigh, and shows only as a
    shorter leg."""
    key = poses.key_pose(frame.pose.base)
    # side on (most frames), known before posing the body, which `check` would pay for
    if key.head[1] != 1 or abs(g.dot(b.root_frame(key, frame.pose.facing)[2],
                                     camera.toward_viewer)) > 0.9:
        return []
    posed, _ = scene.place(frame, camera)
    if abs(g.dot(posed.frames["pelvis"][2], camera.toward_viewer)) > 0.5:
        return []  # side on: the bent hip and knee show
    low = {s: min(c[1] - r for piece in b.foot_pieces(posed.groups[f"{s}_leg"])
                  for c, r in piece) for s in ("near", "far")}
    for lifted, standing in (("near", "far"), ("far", "near")):
        if low[lifted] - low[standing] < _LIFTED or f"{lifted}_leg" not in frame.parts:
            continue
        hip = camera.project(posed.joints[f"{lifted}_hip"])[0]
        if all(abs(camera.project(posed.joints[f"{lifted}_{j}"])[0] - hip) < _ACROSS
               for j in ("knee", "ankle")):
            return [(("pose", "joints"), f"seen from the front, the lifted {lifted} leg bends "
                                         "toward or away from you, its shin behind its thigh,"
                                         " so the picture shows only a shorter leg; use view: "
                                         f"side, or turn the hip out ({lifted}_hip_out: 30)")]
    return []
