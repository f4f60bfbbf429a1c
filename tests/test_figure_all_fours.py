"""On hands and knees, as a patient told "get on your hands and knees" must see it: straight
arms with the hands flat on the floor under the shoulders, the knees under the hips and a flat
back. The hands are put on the floor after the pose is set (``body.reach``); with the shoulders
lower than a straight arm is long, both elbows bent about 78° and flared out to the sides, and
from the side the arms looked short and kinked. Checked on the posed body and on the drawn
picture, for every shipped frame on all fours whose hands the pose itself puts down."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from handouts.figures import geometry as g
from handouts.figures import load_figure, scene, svg
from handouts.figures.model import Frame
from handouts.figures.poses import KEY_POSES, key_pose

ROOT = Path(__file__).resolve().parent.parent
FIGURES = sorted((ROOT / "images").glob("*.figure.yaml")) + sorted(
    (ROOT / "examples").glob("*/images/*.figure.yaml"))
TOUCH = 1.0  # a hundredth of the body's height: less than the outline's width at print size


def _on_all_fours():
    for path in FIGURES:
        figure = load_figure(path)
        for frame, cam in zip(figure.frames, svg.cameras(figure)):
            # the start position: no hand put elsewhere by a mark, the hips not rocked back
            joints = frame.pose.joints.model_dump(exclude_none=True)
            if (key_pose(frame.pose.base) is KEY_POSES["quadruped"]
                    and not any(mark.kind == "hand" for mark in frame.marks)
                    and not {"near_hip", "far_hip", "near_knee", "far_knee"} & set(joints)):
                yield pytest.param(frame, cam, id=f"{path.name.split('.')[0]}[{frame.number}]")
    for base in ("quadruped", "hands_and_knees"):
        for facing in ("right", "left"):
            frame = Frame.model_validate({"pose": {"base": base, "facing": facing},
                                          "props": ["floor"]})
            yield pytest.param(frame, scene.camera("side", 0.0, 0.0, frame.pose),
                               id=f"{base}-{facing}")


ALL_FOURS = list(_on_all_fours())


def bend(a: g.Vec, b: g.Vec, c: g.Vec) -> float:
    """Degrees a joint at ``b`` is bent away from straight."""
    u, v = g.sub(b, a), g.sub(c, b)
    cos = g.dot(u, v) / (g.length(u) * g.length(v))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def test_the_shipped_library_has_frames_on_all_fours():
    names = {p.id for p in ALL_FOURS}
    assert {"child_pose[1]", "kneeling_rock_back[1-2]"} <= names, names


@pytest.mark.parametrize("frame, cam", ALL_FOURS)
def test_on_all_fours_the_arms_are_straight_with_the_hands_under_the_shoulders(frame, cam):
    posed, unreached = scene.place(frame, cam)
    J = posed.joints
    assert not unreached
    for side in ("near", "far"):
        shoulder, elbow, wrist = (J[f"{side}_{j}"] for j in ("shoulder", "elbow", "wrist"))
        assert bend(shoulder, elbow, wrist) <= 15, (side, round(bend(shoulder, elbow, wrist)))
        # in the picture too: the elbow on the line from the shoulder to the wrist
        seen = [cam.project(p) for p in (shoulder, elbow, wrist)]
        assert bend(*[(x, y, 0.0) for x, y in seen]) <= 15, (side, seen)
        # the wrist under the shoulder: not ahead or behind it, not out to the side
        assert abs(wrist[0] - shoulder[0]) <= 4, (side, wrist, shoulder)
        assert abs(wrist[2] - shoulder[2]) <= 4, (side, wrist, shoulder)
        # ...and the hand flat on the floor
        hand = posed.groups[f"{side}_arm"].pieces[2]
        assert abs(min(c[1] - r for c, r in hand)) <= TOUCH, (side, hand)


@pytest.mark.parametrize("frame, cam", ALL_FOURS)
def test_on_all_fours_the_knees_are_under_the_hips_and_the_back_is_flat(frame, cam):
    posed, _ = scene.place(frame, cam)
    J = posed.joints
    for side in ("near", "far"):
        assert abs(J[f"{side}_knee"][0] - J[f"{side}_hip"][0]) <= 2, side
        assert bend(J[f"{side}_hip"], J[f"{side}_knee"], J[f"{side}_ankle"]) == pytest.approx(
            90, abs=5)
    # a flat back: the spine straight from the pelvis to the neck, and not steeper than the
    # straight arms being longer than the thighs makes it (the shoulders sit higher)
    spine = [J[n] for n in ("root", "waist", "chest", "neck")]
    assert max(bend(*spine[i:i + 3]) for i in range(2)) <= 2
    rise = g.sub(J["neck"], J["root"])
    slope = math.degrees(math.atan2(rise[1], abs(rise[0])))
    assert 0 <= slope <= 20, slope


@pytest.mark.parametrize("name", ["child_pose", "kneeling_rock_back"])
def test_rocking_back_the_knees_stay_where_they_were(name):
    figure = load_figure(ROOT / "images" / f"{name}.figure.yaml")
    knees = [scene.place(frame, cam)[0].joints["near_knee"][0]
             for frame, cam in zip(figure.frames, svg.cameras(figure))]
    assert max(knees) - min(knees) <= 1.0, knees


def test_rocking_back_with_a_flat_back_the_hands_stay_put_and_the_arms_straight():
    """The hips go back toward the heels; the hands do not slide forward on the floor (they
    went 12 further out), nor in together under the chest (a point in the picture plane put
    both on the body's midline), and the arms stay straight."""
    figure = load_figure(ROOT / "images" / "kneeling_rock_back.figure.yaml")
    (start, cam1), (back, cam2) = zip(figure.frames, svg.cameras(figure))
    before, after = scene.place(start, cam1)[0].joints, scene.place(back, cam2)[0].joints
    assert after["root"][0] - before["root"][0] <= -8  # the hips plainly back
    for side in ("near", "far"):
        assert math.dist(after[f"{side}_wrist"], before[f"{side}_wrist"]) <= 1.5, side
        arm = [after[f"{side}_{j}"] for j in ("shoulder", "elbow", "wrist")]
        assert bend(*arm) <= 15, (side, bend(*arm))
