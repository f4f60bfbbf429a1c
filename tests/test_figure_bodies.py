"""Every shipped figure's body, checked as geometry: nothing goes through the floor it kneels
or lies on. A patient copies what the picture shows; a head sunk into the floor is not a
position to copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.figures import geometry as g
from handouts.figures import load_figure, scene, svg

ROOT = Path(__file__).resolve().parent.parent
FIGURES = sorted((ROOT / "images").glob("*.figure.yaml"))
# a hundredth of the body's height: less than the outline's width at print size
TOUCH = 1.0


def frames() -> list:
    return list(_frames())


def _frames():
    for path in FIGURES:
        figure = load_figure(path)
        for frame, cam in zip(figure.frames, svg.cameras(figure)):
            yield pytest.param(frame, cam, id=f"{path.name.split('.')[0]}[{frame.number}]")


def lowest(group) -> float:
    return min(c[1] - r for piece in group.pieces for c, r in piece)


@pytest.mark.parametrize("frame, cam", frames())
def test_no_part_of_the_body_goes_through_the_floor(frame, cam):
    posed, _ = scene.place(frame, cam)
    # the floor is y = 0 whatever the body rests on (a bed or chair stands on it)
    through = {name: round(lowest(group), 1) for name, group in posed.groups.items()
               if name in frame.parts and lowest(group) < -TOUCH}
    assert not through, f"below the floor (in % of height): {through}"


def test_in_childs_pose_the_forehead_rests_on_the_floor():
    figure = load_figure(ROOT / "images" / "child_pose.figure.yaml")
    frame = figure.frames[1]
    posed, _ = scene.place(frame, svg.cameras(figure)[1])
    head = posed.groups["torso"].pieces[-1]
    assert abs(min(c[1] - r for c, r in head)) <= TOUCH
    # ...and the knees still rest there, the hips back over the heels
    assert abs(min(c[1] - r for c, r in posed.groups["near_leg"].pieces[1])) <= TOUCH
    assert abs(posed.joints["root"][0] - posed.joints["near_heel"][0]) < 5
