"""A close-up of the feet (`parts: [near_foot, far_foot]`): the balance clinic's tandem stance
from the side reads as a stride (the feet overlap); looked down on, the feet alone show one
heel set right in front of the other foot's toes, on one line."""

from __future__ import annotations

import math
from pathlib import Path

from handouts.figures import closeup, load_figure, scene, svg

ROOT = Path(__file__).resolve().parent.parent
TANDEM = ROOT / "tests" / "clinics" / "balance" / "images" / "tandem_stance.figure.yaml"


def feet_from_above() -> list[tuple[float, float, float, float]]:
    """Each foot's box in the picture (x0, y0, x1, y1), back foot first."""
    figure = load_figure(TANDEM)
    frame, cam = figure.frames[1], svg.cameras(figure)[1]
    assert cam.tilt == 90  # looked down on
    posed = scene.place(frame, cam)[0]
    boxes = []
    for name, group in closeup.shown_parts(posed, frame.parts):
        points = [p for item in scene._group_items(group, cam, far=False)
                  for p in item.points()]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return sorted(boxes)


def test_seen_from_above_the_feet_stand_heel_to_toe_on_one_line():
    back, front = feet_from_above()
    # only the feet and a stub of the shins: each about a foot long (15 of the height) and
    # none of the legs above that hid the heels
    for x0, y0, x1, y1 in (back, front):
        assert 15 <= x1 - x0 <= 22, (x0, x1)
    # on one line: across, each lies within the other
    assert abs((back[1] + back[3]) / 2 - (front[1] + front[3]) / 2) <= 1.5, (back, front)
    # the front heel touches the back toes: no gap, and no more overlap than the outlines
    assert -2.0 <= front[0] - back[2] <= 0.5, (back, front)


def test_a_foot_seen_from_above_is_as_wide_as_a_foot():
    for x0, y0, x1, y1 in feet_from_above():
        # a real foot is about 0.06 of the height across and 0.15 long: over a third
        assert (y1 - y0) >= 0.33 * (x1 - x0), (x0, y0, x1, y1)


def test_seen_from_above_each_foot_has_its_toes_at_its_front_end_the_big_toe_inside():
    """A plain rounded foot did not tell the heel from the toes at a glance: each foot now
    shows five toes, each outlined on its own, past the forefoot at the foot's forward end,
    the largest on the inner side (toward the other foot's side of the body)."""
    figure = load_figure(TANDEM)
    frame, cam = figure.frames[1], svg.cameras(figure)[1]
    posed = scene.place(frame, cam)[0]
    for name, group in closeup.shown_parts(posed, frame.parts):
        side = name.split("_")[0]
        heel, tip = (cam.project(posed.joints[f"{side}_{end}"]) for end in ("heel", "toe"))
        length = math.dist(heel, tip)
        forward = ((tip[0] - heel[0]) / length, (tip[1] - heel[1]) / length)
        out = cam.project(posed.frames[f"{side}_foot"][2])  # toward the little toe
        along = lambda p: (p[0] - heel[0]) * forward[0] + (p[1] - heel[1]) * forward[1]  # noqa: E731
        items = scene._group_items(group, cam, far=False)
        sole, toes = items[-1], items[:-1]  # the toes are drawn first, behind it
        assert len(toes) == 5, (name, len(items))
        front_of_sole = max(along(p) for p in sole.points())
        for toe in toes:
            points = list(toe.points())
            # in the front of the foot (past six tenths of its length), and reaching as far as
            # the forefoot or past it
            assert min(along(p) for p in points) >= 0.6 * length, (name, points[:3])
            assert max(along(p) for p in points) >= front_of_sole - 0.5, name
        reach = [max(along(p) for p in toe.points()) for toe in toes]
        assert max(reach) >= front_of_sole + 1.5, (name, reach, front_of_sole)
        sizes = [max(math.dist(a, b) for a in toe.points() for b in toe.points())
                 for toe in toes]
        big = toes[sizes.index(max(sizes))]
        middle = [sum(c) / len(c) for c in zip(*big.points())]
        centre = [sum(c) / len(c) for c in zip(*sole.points())]
        inward = (middle[0] - centre[0]) * out[0] + (middle[1] - centre[1]) * out[1]
        assert inward < -1.0, (name, inward)
