"""The README's pose list said `tilt` leans "the whole body forward"; a pendulum exercise
drawn from it, standing, leaned like a plank from the feet, where the therapist meant a
bend at the hips. The list now says what tilt does standing and how to bend at the hips:
its example is drawn here, and does what the README says."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from handouts.figures import scene
from handouts.figures.model import Figure

README = Path(__file__).resolve().parents[1] / "README.md"


def _joints(pose: dict) -> dict:
    figure = Figure.model_validate({"title": "t", "frames": [{"pose": pose,
                                                              "props": ["floor"]}]})
    return scene.pose_body(figure.frames[0], 0.0).joints


def test_the_readme_s_hip_hinge_keeps_the_legs_upright_and_leans_the_trunk():
    said = " ".join(README.read_text(encoding="utf-8").split())
    found = re.search(r"Standing, bending forward at the hips .*?`pose: (\{base: standing, "
                      r"tilt: \d+, joints: \{[^`]*\}\})`", said)
    assert found, "the README's pose list gives no example of bending at the hips"
    pose = yaml.safe_load(found.group(1))
    hinge = _joints(pose)
    hip, knee, ankle, neck = (hinge[k] for k in ("near_hip", "near_knee", "near_ankle", "neck"))
    assert abs(hip[0] - ankle[0]) < 3 and abs(knee[0] - ankle[0]) < 3  # legs upright
    assert neck[0] - hip[0] > 10 and neck[1] > hip[1]  # the trunk leans forward, above
    # the tilt alone, as the README says, leans the body from the feet like a plank
    plank = _joints({"base": "standing", "tilt": pose["tilt"]})
    assert plank["near_hip"][0] - plank["near_ankle"][0] > 10
