"""A counter beside the person (`counter: {side: far}`), not in front: the balance clinic's
heel-to-toe walk goes along it, one hand on its top, where a counter in front had the
person stepping toward it."""

from __future__ import annotations

from pathlib import Path

from handouts.figures import load_figure
from handouts.figures import props as p
from handouts.figures import scene, svg

ROOT = Path(__file__).resolve().parent.parent
WALK = ROOT / "tests" / "clinics" / "balance" / "images" / "heel_to_toe_walk.figure.yaml"


def test_the_walk_goes_along_a_counter_at_the_side_one_hand_on_its_top():
    figure = load_figure(WALK)
    for frame, cam in zip(figure.frames, svg.cameras(figure)):
        posed, unreached = scene.place(frame, cam)
        assert unreached == {}
        (_, top), = [(i, box) for i, box in p.solids(frame) if box[2] > 0]
        x0, x1, _, height, z0, z1 = top
        body = [c for name, group in posed.groups.items() if name != "far_arm"
                for c in group.centres]
        feet = [posed.joints[f"{side}_{end}"] for side in ("near", "far")
                for end in ("heel", "toe")]
        # wholly to the far side of the person (the arm reaching it aside), and along their path past both feet
        assert z1 < min(c[2] for c in body), (z1, min(c[2] for c in body))
        assert x0 + 10 < min(f[0] for f in feet) and max(f[0] for f in feet) < x1 - 10
        # the far hand rests on its top, over it
        hand = posed.joints["far_hand"]
        assert z0 <= hand[2] <= z1 and x0 <= hand[0] <= x1, hand
        assert abs(hand[1] - height) <= 3, hand
