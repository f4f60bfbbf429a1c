"""Putty in a hand (the hand clinic's putty squeeze): a `ball` prop at the hand was hidden by
the fist that closed on it, so the squeeze drew a plain fist a patient could not tell from
making a fist with nothing in it. A `putty` prop now lies on the open palm as a ball, in front
of it, and in a closed hand is a roll the fingers wrap round: its middle inside the fist's
outline, its ends showing beyond it on both sides."""

from __future__ import annotations

from pathlib import Path

from handouts.figures import geometry as g
from handouts.figures import held, load_figure, render, scene, svg

ROOT = Path(__file__).resolve().parent.parent
PUTTY = ROOT / "tests" / "clinics" / "hand" / "images" / "putty_squeeze.figure.yaml"


def _inside(point, polygon) -> bool:
    """Whether a point lies inside a closed outline (ray casting)."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _outlines(items) -> list[list[tuple[float, float]]]:
    return [[p for _, pts in cmds for p in pts] for item in items for cmds in item.paths]


def _frames():
    figure = load_figure(PUTTY)
    return [(frame, cam, scene.build(frame, cam, scene.Style(), 0.1).items)
            for frame, cam in zip(figure.frames, svg.cameras(figure))]


def test_putty_in_a_fist_is_a_roll_inside_the_hand_with_its_ends_showing_both_sides():
    frame, cam, items = _frames()[1]
    hand = _outlines([item for item in items if item.role == "body"])
    putty = [item for item in items if item.role == "held"]
    assert putty, "no putty drawn in the fist"
    body = scene.place(frame, cam)[0]
    middle = cam.project(held.middle(body, "near"))
    assert any(_inside(middle, outline) for outline in hand), middle  # the fist closes round it
    # the ends show beyond the fist, one either side of it
    out = [p for p in putty[0].points() if not any(_inside(p, o) for o in hand)]
    assert out, "the putty is all hidden inside the fist"
    assert min(p[0] for p in out) < middle[0] - 1.0 and max(p[0] for p in out) > middle[0] + 1.0
    # and it is drawn before the hand, so the fingers lie over it
    first_hand = next(i for i, item in enumerate(items) if item.role == "body")
    assert items.index(putty[0]) < first_hand


def test_putty_on_an_open_palm_facing_you_is_a_round_ball_in_front_of_the_hand():
    _, _, items = _frames()[0]
    [ball] = [item for item in items if item.role == "held"]
    last_hand = max(i for i, item in enumerate(items) if item.role == "body")
    assert items.index(ball) > last_hand
    x0, y0, x1, y1 = g.bounds([ball])
    assert abs((x1 - x0) - (y1 - y0)) < 0.05 * (x1 - x0)  # round, not a flattened blob
    assert len(list(ball.points())) > 12                   # and not an octagon
    assert 'class="held"' in render(load_figure(PUTTY))
