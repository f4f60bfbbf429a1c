"""Two pictures a patient must be able to follow without the therapist beside them, checked
from the posed body and the drawn SVG rather than by their bytes: the seated side stretch shows
a side bend with the arm arching over the head, the elbow on the knee and the breath going into
the stretched side; the knee rocks show a person lying on the back, knees up and feet on the
floor, seen from their feet, whose knees fall to one side and then the other while the feet
and hips stay put."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from handouts.figures import body as b
from handouts.figures import geometry as g
from handouts.figures import load_figure, problems, render, scene, svg
from handouts.figures.model import Figure, Frame

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "images"


def posed_frames(name: str):
    """Each frame of a shipped figure: the frame, its camera and the body as drawn."""
    figure = load_figure(IMAGES / f"{name}.figure.yaml")
    return [(frame, cam, scene.place(frame, cam)[0])
            for frame, cam in zip(figure.frames, svg.cameras(figure))]


def seen(cam: g.Camera, point: g.Vec) -> tuple[float, float]:
    return cam.project(point)


def lean(cam: g.Camera, posed: b.Posed) -> float:
    """Degrees the trunk (pelvis to the base of the neck) leans from upright in the picture,
    plus to the picture's right."""
    low, high = seen(cam, posed.joints["root"]), seen(cam, posed.joints["neck"])
    return math.degrees(math.atan2(high[0] - low[0], high[1] - low[1]))


def lowest(posed: b.Posed, group: str, piece: int | None = None) -> float:
    pieces = posed.groups[group].pieces
    return min(c[1] - r for p in (pieces if piece is None else [pieces[piece]]) for c, r in p)


# -- the seated side stretch ----------------------------------------------------------------

def test_side_stretch_bends_the_trunk_over_to_the_side():
    (_, cam1, start), (_, cam2, end) = posed_frames("ql_breathing_stretch")
    first, last = lean(cam1, start), lean(cam2, end)
    # a side bend a patient can see: the trunk well over, and clearly more than at the start
    assert abs(last) >= 25, last
    assert abs(last) - abs(first) >= 15, (first, last)


def test_side_stretch_arm_goes_from_straight_up_to_over_the_head():
    (_, cam1, start), (_, cam2, end) = posed_frames("ql_breathing_stretch")
    lean_side = math.copysign(1, lean(cam2, end))
    head1, hand1 = seen(cam1, start.joints["head"]), seen(cam1, start.joints["near_fingers"])
    head2, hand2 = seen(cam2, end.joints["head"]), seen(cam2, end.joints["near_fingers"])
    # the start: the hand high above the head, on the raised arm's own side
    assert hand1[1] - head1[1] >= 20
    assert (hand1[0] - head1[0]) * lean_side < 0
    # the end: the hand still above the head, and past it, over toward the side leaned to
    assert hand2[1] - head2[1] >= 8
    assert (hand2[0] - head2[0]) * lean_side >= 5
    # the arm arches: its elbow is bent, so it curves over the head rather than poking out
    arm = [seen(cam2, end.joints[f"near_{j}"]) for j in ("shoulder", "elbow", "wrist")]
    bend = _turn(*arm)
    assert 20 <= abs(bend) <= 60, bend


def _turn(a, b_, c) -> float:
    first = math.atan2(b_[1] - a[1], b_[0] - a[0])
    second = math.atan2(c[1] - b_[1], c[0] - b_[0])
    return math.degrees((second - first + math.pi) % (2 * math.pi) - math.pi)


def test_side_stretch_rests_the_other_elbow_on_the_knee_as_the_steps_say():
    for frame, _, posed in posed_frames("ql_breathing_stretch"):
        J = posed.joints
        hip, knee, elbow = J["far_hip"], J["far_knee"], J["far_elbow"]
        thigh = g.sub(knee, hip)
        along = g.dot(g.sub(elbow, hip), thigh) / g.dot(thigh, thigh)
        above = g.length(g.sub(elbow, g.add(hip, g.mul(thigh, along))))
        # on the thigh's top (its radius there and the elbow's), in the half by the knee
        assert along >= 0.5 and above <= 8.0, (frame.number, along, above)
        # sitting on the chair the whole time, feet on the floor
        seat = min(lowest(posed, "torso", 0), *(lowest(posed, f"{s}_leg", 0)
                                                for s in ("near", "far")))
        assert abs(seat - 26.0) < 0.5
        assert min(lowest(posed, f"{s}_leg", 2) for s in ("near", "far")) < 2.5


def test_side_stretch_breathes_into_the_long_side():
    frames = posed_frames("ql_breathing_stretch")
    frame, cam, posed = frames[-1]
    breathe = next(m.breathe for m in frame.marks if m.kind == "breathe")
    marks = b.landmarks(posed)
    at = seen(cam, marks[breathe.at][0]) if isinstance(breathe.at, str) else breathe.at[:2]
    at = (at[0] + breathe.offset[0], at[1] + breathe.offset[1])
    low, high = seen(cam, posed.joints["root"]), seen(cam, posed.joints["neck"])
    shoulder = seen(cam, posed.joints["near_shoulder"])

    def side(p):
        return math.copysign(1, (high[0] - low[0]) * (p[1] - low[1])
                             - (high[1] - low[1]) * (p[0] - low[0]))
    # on the raised arm's side of the trunk, between the hip and the armpit
    assert side(at) == side(shoulder)
    assert low[1] < at[1] < shoulder[1]
    # and the words say when: "breathe in" rides on the reaching arrow
    assert any(m.kind == "arrow" and m.arrow.label for m in frame.marks)


# -- the knee rocks -------------------------------------------------------------------------

def test_knee_rocks_lie_on_the_back_knees_up_feet_on_the_floor():
    for frame, _, posed in posed_frames("si_joint_knee_rocks"):
        J = posed.joints
        assert frame.pose.surface == "floor"
        assert abs(lowest(posed, "torso")) < 0.5  # the back on the floor
        for joint in ("root", "near_shoulder", "far_shoulder", "head"):
            assert J[joint][1] < 10, (frame.number, joint, J[joint])
        for side in ("near", "far"):
            assert J[f"{side}_knee"][1] - J[f"{side}_hip"][1] >= 12  # knees bent, up
            assert abs(lowest(posed, f"{side}_leg", 2)) <= 0.75, frame.number  # feet down
        # the body lies along the floor: head and feet far apart, at one height
        assert abs(J["head"][0] - J["near_toe"][0]) > 70


def test_knee_rocks_show_lying_from_the_side_then_the_sway_from_the_feet():
    """The first picture, from the side, shows that the patient lies on the back (from the
    feet a body with its knees up reads as one sitting and hugging them); the next two look
    end-on from the feet, a little above, where the knees' sway goes across the picture."""
    for index, (frame, cam, posed) in enumerate(posed_frames("si_joint_knee_rocks")):
        J = posed.joints
        feet = g.mul(g.add(J["near_ankle"], J["far_ankle"]), 0.5)
        along = g.unit((feet[0] - J["head"][0], 0.0, feet[2] - J["head"][2]))  # head to feet
        toward = cam.toward_viewer
        level = g.unit((toward[0], 0.0, toward[2]))
        if index == 0:
            assert abs(g.dot(level, along)) < 0.1  # across the body: its length in the picture
            continue
        assert g.dot(level, along) > 0.98, frame.number  # end-on, from the feet
        assert 15 <= cam.tilt <= 45, frame.number  # a little above: the head shows past them
        head, pelvis = seen(cam, J["head"]), seen(cam, J["root"])
        assert abs(head[0] - pelvis[0]) < 1 and head[1] > seen(cam, feet)[1] + 30


def _across(cam: g.Camera, posed: b.Posed, joint: str) -> float:
    """How far ``joint`` is drawn right of the body's midline (the pelvis), in the picture."""
    return seen(cam, posed.joints[joint])[0] - seen(cam, posed.joints["root"])[0]


def test_knee_rocks_knees_fall_to_one_side_then_the_other_while_feet_and_hips_stay():
    frames = posed_frames("si_joint_knee_rocks")
    cam = frames[1][1]
    start = scene.place(frames[0][0], cam)[0]  # the first picture's pose, seen from the feet
    sides = []
    for frame, cam_, posed in frames[1:]:
        assert cam_ == cam, frame.number  # the same view, so only the knees change
        moved = [_across(cam, posed, f"{s}_knee") - _across(cam, start, f"{s}_knee")
                 for s in ("near", "far")]
        assert min(abs(m) for m in moved) >= 6.6, (frame.number, moved)  # a knee's width
        assert moved[0] * moved[1] > 0, frame.number  # both knees together
        sides.append(math.copysign(1, moved[0]))
        for side in ("near", "far"):
            for joint in ("hip", "ankle"):
                stayed = g.sub(posed.joints[f"{side}_{joint}"], start.joints[f"{side}_{joint}"])
                assert g.length(stayed) < 1.0, (frame.number, side, joint)
    # the knees up in the middle first, then to the left in one picture and the right in another
    assert abs(_across(cam, start, "near_knee") + _across(cam, start, "far_knee")) < 1
    assert sorted(sides) == [-1, 1]


def _numbers(path_d: str) -> list[tuple[float, float]]:
    values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", path_d)]
    return list(zip(values[::2], values[1::2]))


def test_knee_rocks_draw_the_middle_light_and_an_arrow_out_to_each_side():
    figure = load_figure(IMAGES / "si_joint_knee_rocks.figure.yaml")
    frames = re.findall(r'<g id="frame-\d+" class="frame"[^>]*>(.*?)\n</g>', render(figure),
                        re.S)
    assert len(frames) == 3
    assert 'class="ghost"' not in frames[0] and 'class="arrowhead"' not in frames[0]
    ways = []
    for drawn in frames[1:]:
        # the middle position, light: both legs, drawn before (under) the body's legs
        ghosts = re.findall(r'<g class="ghost"><path d="([^"]+)"', drawn)
        assert len(ghosts) == 2
        assert drawn.index('class="ghost"') < drawn.rindex('class="body"')
        # from the feet both legs are drawn alike: neither greyed as if behind the other
        assert 'class="far"' not in drawn
        middle = sum(x for d in ghosts for x, _ in _numbers(d)) / sum(
            len(_numbers(d)) for d in ghosts)
        heads = re.findall(r'<path class="arrowhead" d="([^"]+)"', drawn)
        assert len(heads) == 1 and heads[0].count("Z") == 1  # one way in each picture
        tip = _numbers(heads[0])
        ways.append(sum(x for x, _ in tip) / len(tip) - middle)
    # the arrow ends well to one side of the light middle knees, then to the other
    assert min(ways) < -10 and max(ways) > 10, ways


# -- the engine pieces these pictures needed ------------------------------------------------

def test_knee_sway_is_checked_against_its_range():
    with pytest.raises(ValueError, match="use -45 to 45"):
        Frame.model_validate({"pose": {"base": "hook_lying", "joints": {"knee_sway": 60}}})


def test_a_resting_elbow_is_drawn_over_the_leg_it_rests_on():
    figure = load_figure(IMAGES / "ql_breathing_stretch.figure.yaml")
    for frame, cam in zip(figure.frames, svg.cameras(figure)):
        items = scene.build(frame, cam, scene.Style(), 0.3).items
        top = [i for i in items if i.role in ("body", "far")][-1]
        posed, _ = scene.place(frame, cam)
        # the last of the body's shapes, on top of the thigh under it, is that arm
        xs, ys = zip(*top.points())
        for joint in ("far_shoulder", "far_elbow", "far_wrist"):
            x, y = seen(cam, posed.joints[joint])
            assert min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys), joint
        assert len(top.paths) == 3  # upper arm, forearm, hand


@pytest.mark.parametrize("base", ["hook_lying", "prone", "quadruped"])
@pytest.mark.parametrize("facing", ["right", "left"])
def test_a_view_from_the_feet_looks_along_the_body_whichever_way_it_faces(base, facing):
    frame = Frame.model_validate({"view": "feet", "pose": {"base": base, "facing": facing}})
    cam = scene.camera("feet", 0.0, 0.0, frame.pose)
    J = scene.place(frame, cam)[0].joints
    feet = g.mul(g.add(J["near_ankle"], J["far_ankle"]), 0.5)
    # the feet are nearest the viewer, the head farthest, both on the picture's midline
    assert cam.depth(feet) - cam.depth(J["head"]) > 50
    assert abs(seen(cam, J["head"])[0] - seen(cam, J["root"])[0]) < 1


def test_a_ghost_draws_light_only_the_parts_that_move():
    frame = Frame.model_validate({"view": "feet", "pose": {"base": "hook_lying",
                                                           "joints": {"near_hip": 80}},
                                  "ghost": {"joints": {"near_hip": 40}}})
    cam = scene.camera("feet", 0.0, 30.0, frame.pose)
    items = scene.build(frame, cam, scene.Style(), 0.3).items
    ghosts = [i for i in items if i.role == "ghost"]
    assert len(ghosts) == 1  # the near leg, where it starts; nothing else moved
    assert ghosts[0].stroke == scene.GHOST_INK and ghosts[0].fill == scene.GHOST_FILL
    # where that leg starts: the knee of the ghost pose lies inside the light shape
    start = scene.pose_body(frame, 0.0, ghost=True).joints["near_knee"]
    x, y = seen(cam, start)
    xs, ys = zip(*ghosts[0].points())
    assert min(xs) < x < max(xs) and min(ys) < y < max(ys)
    now = scene.place(frame, cam)[0].joints["near_knee"]
    assert math.dist(seen(cam, now), (x, y)) > 5
    # without a ghost, nothing light
    plain = Frame.model_validate({"pose": {"base": "hook_lying"}})
    assert not [i for i in scene.build(plain, cam, scene.Style(), 0.3).items
                if i.role == "ghost"]


def test_seen_from_the_feet_the_mat_reaches_past_the_head():
    frame = Frame.model_validate({"view": "feet", "props": ["floor"],
                                  "pose": {"base": "hook_lying", "facing": "left"}})
    cam = scene.camera("feet", 0.0, 30.0, frame.pose)
    items = scene.build(frame, cam, scene.Style(), 0.3).items
    (mat,) = [i for i in items if i.role == "floor"]
    body = [i for i in items if i.role in ("body", "far")]
    # the whole body, head and all, drawn on the mat: lying on it, not sitting up in front
    top = max(y for item in body for _, y in item.points())
    assert max(y for _, y in mat.points()) > top + 1
    low, high = g.bounds(body)[0], g.bounds(body)[2]
    assert min(x for x, _ in mat.points()) < low and max(x for x, _ in mat.points()) > high


def test_sitting_on_the_floor_rests_on_it_as_given_and_as_its_hint_bends_a_knee():
    """long_sitting as its key pose gives it put a heel and a hand through the floor (check
    refused the pose with no angles changed), and the hint for a bent knee that goes
    through it, "near_hip: 130 with near_knee: 60 keeps the foot on the floor", lifted the
    foot off it: the angles it names, read from the hint, pass check with the foot down."""
    def found(joints):
        figure = Figure.model_validate({"title": "Sitting on the floor", "frames": [
            {"pose": {"base": "long_sitting", "joints": joints}, "props": ["floor"]}]})
        frame, cam = figure.frames[0], svg.cameras(figure)[0]
        return problems.frame_problems(frame, cam), scene.place(frame, cam)[0]

    assert found({})[0] == []
    (_, said), = found({"near_knee": 90})[0]
    hip, knee = re.search(r"near_hip: (\d+) with near_knee: (\d+) keeps the foot on the floor",
                          said).groups()
    hinted, posed = found({"near_hip": int(hip), "near_knee": int(knee)})
    assert hinted == []
    assert abs(lowest(posed, "near_leg", 2)) <= 0.75  # the foot on the floor, not above it
