"""Every shipped figure's body, checked as geometry: nothing goes through the floor it kneels
or lies on, and each limb is drawn as one solid shape. A patient copies what the picture shows;
a head sunk into the floor, or a black blot inside a bent leg, is not a position to copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

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


def enclosed_area(group, cam: g.Camera, scale: float = 5.0) -> float:
    """The area (in squared % of height) that a group's pieces enclose without covering:
    drawn, such a pocket is outlined on every side, a black blot inside the limb."""
    polys = [g.circles_hull([(cam.project(c), r) for c, r in piece]) for piece in group.pieces]
    xs = [x for poly in polys for x, _ in poly]
    ys = [y for poly in polys for _, y in poly]
    x0, y1 = min(xs) - 2, max(ys) + 2
    size = (int((max(xs) + 2 - x0) * scale) + 1, int((y1 - min(ys) + 2) * scale) + 1)
    image = Image.new("L", size, 0)
    draw = ImageDraw.Draw(image)
    for poly in polys:
        draw.polygon([((x - x0) * scale, (y1 - y) * scale) for x, y in poly], fill=255)
    ImageDraw.floodfill(image, (0, 0), 128)  # the outside
    return image.histogram()[0] / scale ** 2


@pytest.mark.parametrize("frame, cam", frames())
def test_each_limb_is_one_solid_shape(frame, cam):
    posed, _ = scene.place(frame, cam)
    areas = {name: enclosed_area(group, cam) for name, group in posed.groups.items()
             if name in frame.parts}
    pockets = {name: round(area, 2) for name, area in areas.items() if area > 0.2}
    assert not pockets, f"holes inside the outline (squared % of height): {pockets}"
