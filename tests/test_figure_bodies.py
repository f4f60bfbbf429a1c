"""Every shipped figure's body, checked as geometry: nothing goes through the floor it kneels
or lies on, and each limb is drawn as one solid shape. A patient copies what the picture shows;
a head sunk into the floor, or a black blot inside a bent leg, is not a position to copy."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from handouts.figures import geometry as g
from handouts.figures import load_figure, scene, svg
from handouts.figures.model import Frame

ROOT = Path(__file__).resolve().parent.parent
# the shipped library's, and the example clinics'
FIGURES = sorted((ROOT / "images").glob("*.figure.yaml")) + [
    path for clinic in ("dublin-shoulder", "knee-clinic")
    for path in sorted((ROOT / "examples" / clinic / "images").glob("*.figure.yaml"))]
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
    return pockets(image) / scale ** 2


_EMPTY = re.compile(rb"\x00+")


def pockets(image: Image.Image) -> int:
    """How many of an "L" image's empty (0) pixels no path through empty pixels (up, down,
    left, right) joins to its top-left corner: what ``ImageDraw.floodfill`` from the corner
    leaves unfilled. Filled a row's run of empty pixels at a time, not pixel by pixel as
    floodfill does: the limbs of the 74 frames took 13 s that way, 0.3 s this way."""
    width, height = image.size
    data = image.tobytes()
    runs = [[(m.start() - y * width, m.end() - y * width)
             for m in _EMPTY.finditer(data, y * width, (y + 1) * width)] for y in range(height)]
    if not runs[0] or runs[0][0][0] != 0:
        return data.count(0)
    reached, todo = {(0, 0)}, [(0, 0)]
    while todo:
        y, i = todo.pop()
        start, end = runs[y][i]
        for row in (y - 1, y + 1):
            if 0 <= row < height:
                for j, (other_start, other_end) in enumerate(runs[row]):
                    if other_start < end and start < other_end and (row, j) not in reached:
                        reached.add((row, j))
                        todo.append((row, j))
    return data.count(0) - sum(runs[y][i][1] - runs[y][i][0] for y, i in reached)


@pytest.mark.parametrize("frame, cam", frames())
def test_each_limb_is_one_solid_shape(frame, cam):
    posed, _ = scene.place(frame, cam)
    areas = {name: enclosed_area(group, cam) for name, group in posed.groups.items()
             if name in frame.parts}
    pockets = {name: round(area, 2) for name, area in areas.items() if area > 0.2}
    assert not pockets, f"holes inside the outline (squared % of height): {pockets}"


# -- the wall stretch: arms out to the sides, on the wall ------------------------------------

def test_wall_stretch_shows_the_goal_post_arms_from_the_front_on_the_wall():
    """Step 4, "Raise your arms out to the sides. Bend your elbows so your hands point up",
    drawn from a side view turned a little showed one arm beside the head and the other in
    front of the face. From the front, both hands stand out past the shoulders, above the
    elbows, and on the wall behind the person."""
    figure = load_figure(ROOT / "images" / "wall_goal_post_stretch.figure.yaml")
    cam = svg.cameras(figure)[1]
    frame = figure.frames[1]
    posed, _ = scene.place(frame, cam)
    see = lambda joint: cam.project(posed.joints[joint])  # noqa: E731
    middle = see("neck")[0]
    sides = []
    for side in ("near", "far"):
        hand, elbow, shoulder = see(f"{side}_hand"), see(f"{side}_elbow"), see(f"{side}_shoulder")
        out = abs(hand[0] - middle)
        assert out > abs(shoulder[0] - middle) + 10, (side, hand, shoulder)
        assert hand[1] > elbow[1] + 10, (side, hand, elbow)  # pointing up
        sides.append(math.copysign(1, hand[0] - middle))
    assert sides[0] != sides[1]  # one to each side
    walls = [item for item in scene.build(frame, cam, scene.Style(), 0.3).items
             if item.role == "prop"]
    x0, y0, x1, y1 = g.bounds(walls)
    for side in ("near", "far"):
        hand = see(f"{side}_fingers")
        assert x0 < hand[0] < x1 and y0 < hand[1] < y1, (side, hand, (x0, y0, x1, y1))


def test_frames_looked_at_level_stand_on_one_ground_line():
    """A side view beside a front view (the wall stretch): both look level, so the floor is
    the same line in both, and the person the same size."""
    figure = load_figure(ROOT / "images" / "wall_goal_post_stretch.figure.yaml")
    built, boxes, scale, rows, _ = svg.layout(figure, scene.Style())
    assert rows == [[0, 1]]
    assert boxes[0][1] == boxes[1][1] and boxes[0][3] == boxes[1][3]


def _childs_poses():
    figure = load_figure(ROOT / "images" / "child_pose.figure.yaml")
    yield pytest.param(figure.frames[1], svg.cameras(figure)[1], id="child_pose[2-4]")
    for facing in ("right", "left"):
        frame = Frame.model_validate({"pose": {"base": "child_pose", "facing": facing},
                                      "props": ["floor"]})
        yield pytest.param(frame, scene.camera("side", 0.0, 0.0, frame.pose), id=facing)


@pytest.mark.parametrize("frame, cam", list(_childs_poses()))
def test_in_childs_pose_the_palms_rest_flat_on_the_floor_the_arms_reaching_forward(frame, cam):
    """The hands were put on the floor past where the straight arms reach, so they hung above
    it, ahead of where a patient can put them: a hand gliding forward, not resting."""
    posed, _ = scene.place(frame, cam)
    J = posed.joints
    ahead = 1.0 if frame.pose.facing == "right" else -1.0
    for side in ("near", "far"):
        hand = posed.groups[f"{side}_arm"].pieces[2]
        assert abs(min(c[1] - r for c, r in hand)) <= TOUCH, (side, hand)
        # flat: the wrist and the fingertips at the floor, the palm along it
        assert all(c[1] - r <= TOUCH for c, r in (hand[0], hand[-1])), (side, hand)
        # the arm reaching forward past the head, straight
        shoulder, elbow, wrist = (J[f"{side}_{j}"] for j in ("shoulder", "elbow", "wrist"))
        assert ahead * (wrist[0] - J["head"][0]) > 10, (side, wrist, J["head"])
        straight = g.length(g.sub(wrist, shoulder)) / (g.length(g.sub(elbow, shoulder))
                                                        + g.length(g.sub(wrist, elbow)))
        assert straight > 0.98, (side, straight)
    # ...the hips on the heels, the forehead down
    assert abs(J["root"][0] - J["near_heel"][0]) < 5
    assert min(c[1] - r for c, r in posed.groups["torso"].pieces[-1]) <= TOUCH
