"""A seated heel raise (the stroke clinic's ankle pumps) and a heel lifted lying with the knees
up: the foot pitched down turned about the ankle and pushed its toes through the floor, so
`check` refused the picture, where standing on tiptoe bends the toes at the ball of the foot
and keeps them on the floor. Now the knee rises until the ball of the foot rests on the floor,
the heel up and the toes bent flat, as standing does."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.figures import body as b
from handouts.figures import load_figure, scene, svg

POSES = {
    "sitting": ("{base: sitting, surface: chair, joints: {near_ankle: -30, far_ankle: -30}}",
                "[floor, chair]"),
    "hook_lying": ("{base: hook_lying, joints: {near_ankle: -60}}", "[floor]"),
}


def placed(tmp_path: Path, pose: str, props: str = "[floor, chair]"):
    path = tmp_path / "heel.figure.yaml"
    path.write_text("title: the heels lift\nframes:\n  - number: '1'\n"
                    f"    pose: {pose}\n    props: {props}\n", encoding="utf-8")
    figure = load_figure(path)  # check refused it: the near leg went through the floor
    return scene.place(figure.frames[0], svg.cameras(figure)[0])[0]


@pytest.mark.parametrize("base", POSES)
def test_a_foot_pitched_down_rests_on_its_ball_with_the_heel_up(tmp_path, base):
    posed = placed(tmp_path, *POSES[base])
    leg = posed.groups["near_leg"]
    assert leg.toes, "the toes bend at the ball of the foot"
    rear, toes = b.foot_pieces(leg)
    (_, _), (heel, heel_r), (ball, ball_r) = rear[:3]
    assert abs(ball[1] - ball_r) < 0.6, "the ball of the foot is on the floor"
    assert heel[1] - heel_r > 3.0, "the heel is lifted off the floor"
    # the toes lie flat on the floor, none of them through it
    assert all(abs(c[1] - r) < 0.8 for c, r in toes), toes


def test_a_seated_heel_raise_keeps_the_seat_on_the_chair(tmp_path):
    flat = placed(tmp_path, "{base: sitting, surface: chair}")
    up = placed(tmp_path, *POSES["sitting"])
    assert abs(up.joints["near_hip"][1] - flat.joints["near_hip"][1]) < 0.01
    # the knee rises as the heel does: the shin keeps its slope
    assert up.joints["near_knee"][1] > flat.joints["near_knee"][1] + 0.5
