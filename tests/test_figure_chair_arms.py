"""A chair with arms (`chair: {arms: true}`): a neuro or joint-replacement clinic's sit to
stand pushes up from the chair's arms, and its steps say so; the plain chair had none to
draw. Each arm runs from the back to a post at the seat's front, 13 over the seat, outside
the hips, so a person sits in it without going through it and a hand rests on its top."""

from __future__ import annotations

from handouts.figures import geometry as g
from handouts.figures import scene
from handouts.figures.model import Frame
from handouts.figures.problems import frame_problems

SIDE = g.Camera(0.0, 0.0)
FRONT = g.Camera(90.0, 0.0)
SITTING = {"base": "sitting", "surface": "chair"}


def prop_tops(frame: dict, cam: g.Camera = SIDE) -> list[float]:
    built = scene.build(Frame.model_validate(frame), cam, scene.Style(), 0.3)
    return sorted(round(g.bounds([i])[3], 1) for i in built.items if i.role == "prop")


def test_a_chair_with_arms_draws_an_arm_on_each_side_over_the_seat():
    plain = prop_tops({"pose": SITTING, "props": ["chair"]})
    arms = prop_tops({"pose": SITTING, "props": [{"chair": {"arms": True}}]})
    assert 39.0 not in plain
    # each side's arm and the post under its front, their tops 13 over the 26 of the seat
    assert arms.count(39.0) == 2 and len(arms) == len(plain) + 4
    front = prop_tops({"pose": SITTING, "props": [{"chair": {"arms": True}}]}, FRONT)
    assert front.count(39.0) >= 2  # from the front too: one beside each hip


def test_a_person_sits_in_a_chair_with_arms_and_pushes_on_them():
    frame = {"pose": {**SITTING, "x": 7, "tilt": 25,
                      "joints": {"near_knee": 100, "far_knee": 100}},
             "props": [{"chair": {"arms": True}}],
             "marks": [{"hand": {"side": "near", "at": [9, 39, 15]}},
                       {"hand": {"side": "far", "at": [9, 39, -15]}}]}
    assert frame_problems(Frame.model_validate(frame), SIDE) == []
    assert frame_problems(Frame.model_validate({"pose": SITTING, "props": [
        {"chair": {"arms": True}}]}), SIDE) == []

