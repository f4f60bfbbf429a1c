"""A close-up frame among whole-body frames: its box is its parts' and its marks' (the
Japanese clinic's wrist stretch: the forearm on the table's edge, the wrist past it and the
other hand pressing), and its props are cut to that box. Drawn whole, the chair and the
table's legs set the box, and the forearm was as small as in the whole-body frame."""

from __future__ import annotations

from pathlib import Path

from handouts.figures import geometry as g
from handouts.figures import load_figure, scene, svg
from handouts.figures.model import Frame

STRETCH = Path(__file__).resolve().parent / "clinics" / "japanese" / "images" / \
    "wrist_towel.figure.yaml"
PROPS = ("prop", "floor")
WHOLE = set(Frame.model_fields["parts"].default)
AIR = 14.0  # the air a close-up's props fill around the rest, in output pixels, at most


def laid_out():
    figure = load_figure(STRETCH)
    built, boxes, scale, rows, style = svg.layout(figure, scene.Style())
    return figure, built, boxes, svg.cameras(figure)


def inside(point, box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def test_the_close_up_box_holds_the_wrist_the_table_edge_and_the_pressing_hand_no_chair():
    figure, _, boxes, cams = laid_out()
    whole, close = figure.frames
    assert WHOLE <= set(whole.parts) and not WHOLE <= set(close.parts)
    box, cam = boxes[1], cams[1]
    posed = scene.place(close, cam)[0]
    table = next(p.spec for p in close.props if p.kind == "table")
    chair = next(p.spec for p in close.props if p.kind == "chair")
    for joint in ("near_wrist", "near_fingers", "far_hand"):
        assert inside(cam.project(posed.joints[joint]), box), joint
    assert inside((table.x + table.depth, table.height), box)       # the table's edge
    # no part of the chair: its seat's front edge (13 from its middle) is left of the box;
    # drawn whole, the box began at its back, -16
    assert box[0] > chair.x + 13, box
    # the close-up is the forearm and hand, not a whole body: far narrower than frame 1
    assert (box[2] - box[0]) < 0.5 * (boxes[0][2] - boxes[0][0])


def test_a_close_ups_props_outside_its_box_are_not_drawn_a_whole_frames_all_are():
    figure, built, boxes, cams = laid_out()
    items = built[1].items
    rest = g.bounds([i for i in items if i.role not in PROPS])
    props = [i for i in items if i.role in PROPS]
    assert props, "the table and the towel are drawn"
    chair = next(p.spec for p in figure.frames[1].props if p.kind == "chair")
    for item in props:
        x0, y0, x1, y1 = g.bounds([item])
        # within the rest's box and its air, a few pixels at the printed scale
        air = 2 * AIR / svg.BOX[0] * (rest[2] - rest[0]) + 1
        assert rest[0] - air <= x0 and x1 <= rest[2] + air, (item.role, x0, x1, rest)
        assert rest[1] - air <= y0 and y1 <= rest[3] + air, (item.role, y0, y1, rest)
        assert x0 > chair.x + 13  # nothing of the chair
    # a prop cut at the box is outlined only along its own edges, not along the cut
    cut_at = (min(g.bounds([i])[0] for i in props), min(g.bounds([i])[1] for i in props))
    for item in props:
        if item.stroke:
            for cmds in item.paths:
                pts = [p[0] for _, p in cmds if p]
                for a, b in zip(pts, pts[1:]):
                    assert not (a[0] == b[0] == cut_at[0]), "stroked along the left cut"
                    assert not (a[1] == b[1] == cut_at[1]), "stroked along the bottom cut"
    # beside it, the whole seated body keeps its chair whole
    assert min(g.bounds([i])[0] for i in built[0].items if i.role == "prop") < chair.x - 13
