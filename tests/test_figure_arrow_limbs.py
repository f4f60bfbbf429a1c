"""`check` warns where an arrow runs across an arm or a leg: a patient reads it as that limb
moving. It said nothing (tests/test_figure_marks.py held the shipped figures to no arrow
across the head, and nothing held a clinic's own). An arrow along the limb it moves (a
reach along the arm, a knee lift along the shin), a push into the knee, and a limb crossed
only behind another part are left alone."""

from __future__ import annotations

from pathlib import Path

from handouts.figures import load_figure, svg
from handouts.figures.problems import frame_warnings

ROOT = Path(__file__).resolve().parent.parent
STANDING = "{base: standing, joints: {near_shoulder: 90, near_elbow: 0}}"
LIFT = "{base: standing, joints: {near_hip: 45, near_knee: 60}}"


def warnings(tmp_path: Path, pose: str, arrow: str, extra: str = "") -> list[str]:
    path = tmp_path / "arrow.figure.yaml"
    path.write_text(f"title: an arrow\nframes:\n  - number: '1'\n    pose: {pose}\n"
                    f"    props: [floor]\n{extra}    marks:\n      - arrow: {arrow}\n",
                    encoding="utf-8")
    figure = load_figure(path)
    return [words for frame, cam in zip(figure.frames, svg.cameras(figure))
            for _, words in frame_warnings(frame, cam)]


def said(limb: str) -> list[str]:
    return [f"the arrow runs across the {limb}, so the picture may seem to move the {limb}; "
            "draw it beside the part that moves, or along it (as a reach along the arm)"]


GHOST = "    ghost: {joints: {near_shoulder: 0}}\n"
CASES = [
    # across both thighs, level, as an arrow to say "shift your weight forward"
    (STANDING, "{start: [-12, 40], end: [12, 40]}", "", said("near thigh")),
    # down across the reaching arm, from above it to below it
    (STANDING, "{start: [12, 92], end: [12, 70]}", "", said("near upper arm")),
    # the same, the arm drawn light where it starts: it is the arm that moves (the goal-post
    # stretch's arrows sweep from the arms' start to the raised arms' ends)
    (STANDING, "{start: [12, 92], end: [12, 70]}", GHOST, []),
    (STANDING, "{start: [8, 80], end: [40, 80]}", "", []),     # a reach, along the arm
    (LIFT, "{start: [14, 30], end: [14, 46]}", "", []),        # a knee lift, along the shin
    (STANDING, "{start: [0, 62], end: near_knee}", "", []),    # a push into the knee
    (STANDING, "{start: [-12, 102], end: [12, 102]}", "", []),  # over the head
]


def test_an_arrow_across_a_limb_is_warned_of_and_one_along_or_into_it_is_not(tmp_path):
    for pose, arrow, ghost, expected in CASES:
        assert warnings(tmp_path, pose, arrow, ghost) == expected, (pose, arrow, ghost)
