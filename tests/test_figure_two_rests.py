"""Staple poses the figure model could not draw (a pediatric clinic's hunt): a bridge, the
hips lifted with the shoulders, head and feet on the floor (a lying pose's ``tilt`` tipped the
whole body, head down and feet up, and ``check`` passed it); lying on the tummy propped on the
forearms (it drew a "superman"); on the hands and feet, a plank or a bear walk (standing with
a tilt read as bending over, the hands in the air); and a flamingo stand seen from the front,
whose lifted leg showed only as a shorter one. Checked on the posed body, not on pixels."""

from __future__ import annotations

import math

import pytest

from handouts.errors import HandoutError
from handouts.figures import body as b
from handouts.figures import load_figure, problems, scene, svg
from handouts.figures.model import Frame
from handouts.figures.problems import frame_problems

TOUCH = 1.0  # a hundredth of the body's height: less than the outline's width at print size


def _placed(pose: dict, view: str = "side"):
    frame = Frame.model_validate({"pose": pose, "props": ["floor"]})
    cam = scene.camera(view, 0.0, 0.0, frame.pose)
    return frame, cam, scene.place(frame, cam)[0]


def _low(piece) -> float:
    return min(c[1] - r for c, r in piece)


def _off_line(p, a, c) -> float:
    """How far ``p`` is above the line from ``a`` to ``c`` (side view: x and y)."""
    t = (p[0] - a[0]) / (c[0] - a[0])
    return p[1] - (a[1] + t * (c[1] - a[1]))


@pytest.mark.parametrize("facing", ["right", "left"])
def test_a_bridge_lifts_the_hips_in_a_line_from_the_shoulders_to_the_knees(facing):
    _, _, start = _placed({"base": "hook_lying", "facing": facing})
    frame, cam, posed = _placed({"base": "bridge", "facing": facing})
    J = posed.joints
    assert J["root"][1] >= start.joints["root"][1] + 8, (J["root"], start.joints["root"])
    # a straight line from the shoulders to the knees: the hips neither sag nor pike
    assert abs(_off_line(J["root"], J["near_shoulder"], J["near_knee"])) <= 2.5
    assert J["root"][1] > J["near_shoulder"][1] + 8
    # the shoulders and the head rest on the floor; the feet stand flat on it
    torso = posed.groups["torso"].pieces  # the chest's two slices, and the head
    assert abs(min(_low(torso[3]), _low(torso[4]))) <= TOUCH
    assert abs(_low(torso[6])) <= TOUCH
    for side in ("near", "far"):
        sole = posed.frames[f"{side}_foot"][0]
        assert abs(math.degrees(math.atan2(sole[1], abs(sole[0])))) <= 5, side
        assert abs(_low(b.foot_pieces(posed.groups[f"{side}_leg"])[0])) <= TOUCH, side
        # the arms lie along the floor at the sides, not raised into the air
        assert _low(posed.groups[f"{side}_arm"].pieces[2]) <= TOUCH, side
    assert not frame_problems(frame, cam)


def test_a_tilt_lying_with_the_knees_up_points_to_the_bridge(tmp_path):
    path = tmp_path / "bridge.figure.yaml"
    path.write_text("title: x\nframes:\n  - pose: {base: hook_lying, tilt: -20}\n"
                    "    props: [floor]\n")
    with pytest.raises(HandoutError) as caught:
        load_figure(path)
    assert str(caught.value).splitlines() == [
        f"{path}:3: frames[1].pose.tilt: lying with the knees up, tilt turns the whole body, "
        "the head down and the feet off the floor; to lift the hips, use base: bridge "
        "without a tilt"]


@pytest.mark.parametrize("base", ["prone_on_elbows", "sphinx", "tummy_time"])
def test_propped_on_the_forearms_the_elbows_are_under_the_shoulders(base):
    frame, cam, posed = _placed({"base": base})
    J = posed.joints
    for side in ("near", "far"):
        upper, fore, hand = posed.groups[f"{side}_arm"].pieces[:3]
        assert abs(_low(fore)) <= TOUCH and abs(_low(hand)) <= TOUCH, side
        assert abs(J[f"{side}_wrist"][1] - J[f"{side}_elbow"][1]) <= 1.0, side  # flat
        assert abs(J[f"{side}_elbow"][0] - J[f"{side}_shoulder"][0]) <= 4, side
        assert J[f"{side}_wrist"][0] < J[f"{side}_elbow"][0] - 10, side  # toward the head
        # the thighs on the floor (as near as the front of the pelvis lets them), not
        # lifted as a "superman" lifts them
        assert _low(posed.groups[f"{side}_leg"].pieces[0]) <= 2.5, side
    assert J["near_shoulder"][1] >= 18  # the chest up
    assert not frame_problems(frame, cam)


def test_propped_on_one_forearm_the_other_arm_reaches_as_given():
    _, _, posed = _placed({"base": "prone_on_elbows",
                           "joints": {"near_shoulder": 150, "near_elbow": 0}})
    J = posed.joints
    assert J["near_wrist"][0] < J["near_shoulder"][0] - 25  # reaching ahead
    assert J["near_wrist"][1] > 10  # off the floor
    assert abs(_low(posed.groups["far_arm"].pieces[1])) <= TOUCH


@pytest.mark.parametrize("facing", ["right", "left"])
@pytest.mark.parametrize("base", ["plank", "hands_and_feet", "bear", "bear_walk"])
def test_on_the_hands_and_feet_both_rest_on_the_floor(base, facing):
    frame, cam, posed = _placed({"base": base, "facing": facing})
    J = posed.joints
    for side in ("near", "far"):
        assert abs(_low(posed.groups[f"{side}_arm"].pieces[2])) <= TOUCH, side
        assert abs(_low(b.foot_pieces(posed.groups[f"{side}_leg"])[-1])) <= TOUCH, side
        assert abs(J[f"{side}_wrist"][0] - J[f"{side}_shoulder"][0]) <= 5, side
        # nothing else on the floor: the knees are off it
        assert J[f"{side}_knee"][1] >= 8, side
    if base in ("plank", "hands_and_feet"):  # a straight line from the shoulders to the heels
        assert abs(_off_line(J["root"], J["near_shoulder"], J["near_ankle"])) <= 2.5
    else:  # a bear walk: the hips up high, above the shoulders
        assert J["root"][1] > J["near_shoulder"][1] + 5
    assert not frame_problems(frame, cam)


def test_a_flamingo_seen_from_the_front_is_told_to_turn_the_hip_out_or_be_seen_side_on():
    joints = {"far_hip": 40, "far_knee": 90, "near_shoulder_out": 80, "far_shoulder_out": 80}
    frame, cam, _ = _placed({"base": "standing", "joints": joints}, view="front")
    assert problems.frame_warnings(frame, cam) == [(("pose", "joints"), (
        "seen from the front, the lifted far leg bends toward or away from you, its shin "
        "behind its thigh, so the picture shows only a shorter leg; use view: side, or turn "
        "the hip out (far_hip_out: 30)"))]
    for pose, view in (({"base": "standing", "joints": {**joints, "far_hip_out": 30}}, "front"),
                       ({"base": "standing", "joints": joints}, "side"),
                       ({"base": "standing"}, "front")):
        frame, cam, _ = _placed(pose, view=view)
        assert problems.frame_warnings(frame, cam) == [], (pose, view)


def test_no_shipped_figure_is_warned_of():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in [*root.glob("images/*.figure.yaml"), *root.glob("examples/*/images/*.figure.yaml")]:
        figure = load_figure(path)
        for frame, cam in zip(figure.frames, svg.cameras(figure)):
            assert problems.frame_warnings(frame, cam) == [], path.name
