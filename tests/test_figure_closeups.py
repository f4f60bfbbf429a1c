"""A close-up of a hand is mostly hand: the forearm a short stub cut off straight (a long
tube with a rounded end read as a prosthesis), the hand at least half the frame's height in
every shape; the tendon glide is seen so that its fingers stand side by side, not one
behind the other; and a fist's thumb lies tucked across it, not standing off its side."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from handouts.figures import geometry as g
from handouts.figures import hand, load_figure, scene, svg
from handouts.figures.model import Frame

GLIDE = Path(__file__).resolve().parent / "clinics" / "japanese" / "images" / \
    "tendon_glide.figure.yaml"
SHAPES = tuple(hand.SHAPES)
STYLE = scene.Style("#0b6e75", "#b35900")


def close_up(shape: str) -> Frame:
    return Frame.model_validate({"parts": ["near_forearm"], "pose": {
        "base": "standing", "hands": {"near": shape},
        "joints": {"near_shoulder": 40, "near_elbow": 140, "near_forearm_turn": 90}}})


def drawn(frame: Frame, cam: g.Camera):
    """The body's outlines as drawn, and the posed body."""
    items = [i for i in scene.build(frame, cam, STYLE, 0.1).items if i.role == "body"]
    return items, scene.place(frame, cam)[0]


def axis(body, cam: g.Camera) -> tuple[tuple[float, float], tuple[float, float]]:
    """The forearm in the picture: the wrist, and the way from it toward the elbow."""
    (wx, wy), (ex, ey) = (cam.project(body.joints[f"near_{j}"]) for j in ("wrist", "elbow"))
    size = math.hypot(ex - wx, ey - wy)
    return (wx, wy), ((ex - wx) / size, (ey - wy) / size)


def along(point, wrist, way) -> float:
    return (point[0] - wrist[0]) * way[0] + (point[1] - wrist[1]) * way[1]


def glide_frames():
    figure = load_figure(GLIDE)
    return list(zip(figure.frames, svg.cameras(figure)))


def test_the_hand_is_at_least_half_of_a_forearm_close_up_in_every_shape():
    cam = g.Camera()
    shares = {}
    for shape in SHAPES:
        items, body = drawn(close_up(shape), cam)
        wrist, way = axis(body, cam)
        reach = [along(p, wrist, way) for item in items for p in item.points()]
        shares[shape] = -min(reach) / (max(reach) - min(reach))
    # was 0.43 for a fist, a straight fist and a tabletop: the forearm the larger part
    assert min(shares.values()) >= 0.5, shares


@pytest.mark.parametrize("shape", SHAPES)
def test_a_forearm_close_up_ends_in_a_straight_cut(shape):
    cam = g.Camera()
    items, body = drawn(close_up(shape), cam)
    wrist, way = axis(body, cam)
    points = [p for item in items for p in item.points()]
    end = max(along(p, wrist, way) for p in points)
    at_end = [(p[0] - wrist[0]) * -way[1] + (p[1] - wrist[1]) * way[0]
              for p in points if along(p, wrist, way) > end - 0.2]
    # a straight cut has the forearm's whole width (about 3.5) at its end; a round end
    # (the hull of a circle) a chord of well under 2 that close to it
    assert max(at_end) - min(at_end) > 3.0, at_end


def test_the_tendon_glides_open_hand_shows_its_fingers_side_by_side():
    frame, cam = next((f, c) for f, c in glide_frames() if f.pose.hands.near == "open")
    body = scene.place(frame, cam)[0]
    wrist, way = axis(body, cam)
    across = sorted((p[0] - wrist[0]) * -way[1] + (p[1] - wrist[1]) * way[0]
                    for p in map(cam.project, hand.fingertips(
                        body.joints["near_wrist"], body.frames["near_hand"], "open")))
    # seen from the little finger's side they stood one behind the other (0.9 apart in
    # all: a stack of rods); a finger is about 1.2 wide
    assert across[-1] - across[0] > 2.5, across
    assert min(b - a for a, b in zip(across, across[1:])) > 0.5, across


def test_a_fists_thumb_is_tucked_within_its_width():
    _, _, (_, knuckle, joint, tip) = hand.SHAPES["fist"]
    index_edge = hand._FINGERS[0][0][2] + hand._FINGERS[0][2][0]
    # the thumb's knuckle stood 0.1 beyond the index finger's side, the bone to it a bump
    # off the fist; now it lies along that side and the rest across the fingers
    assert knuckle[2] < index_edge, knuckle
    assert joint[2] < index_edge and tip[2] < joint[2]
    assert knuckle[1] < -2.8  # up the palm as far as the index finger's knuckle's side
