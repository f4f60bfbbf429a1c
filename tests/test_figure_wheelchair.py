"""A wheelchair, a seated push-up and a slide board (the spinal cord clinic,
tests/clinics/wheelchair): a chair with arms stood in for the wheelchair, with no wheels,
push rims or brakes though the steps name them; a sitting pose kept the seat on the chair,
so a push-up's lift could not be drawn; and a bed beside a chair stood for a slide board
transfer, with no board. The geometry is read back from the drawn frame."""

from __future__ import annotations

import math

from conftest import ROOT
from handouts.figures import body as b
from handouts.figures import geometry as g
from handouts.figures import load_figure, scene, svg
from handouts.figures.model import Frame
from handouts.figures.problems import frame_problems

SIDE = g.Camera(0.0, 0.0)
IMAGES = ROOT / "tests" / "clinics" / "wheelchair" / "images"
IN_IT = {"base": "sitting", "surface": "wheelchair"}
ON_RIMS = [{"hand": {"side": "near", "at": [0, 34, 20]}},
           {"hand": {"side": "far", "at": [0, 34, -20]}}]


def frame(pose: dict, props: list, marks: list = ()) -> Frame:
    return Frame.model_validate({"pose": pose, "props": props, "marks": list(marks)})


def prop_boxes(f: Frame, cam: g.Camera = SIDE) -> list[tuple[float, float, float, float]]:
    built = scene.build(f, cam, scene.Style(), 0.3)
    return [g.bounds([item]) for item in built.items if item.role == "prop"]


def lowest(posed: b.Posed, group: str) -> float:
    return min(c[1] - r for piece in posed.groups[group].pieces for c, r in piece)


def test_the_big_wheel_is_round_on_the_floor_under_the_seat_with_its_rim_and_a_caster():
    boxes = prop_boxes(frame(IN_IT, ["wheelchair"]))
    wheels = [bx for bx in boxes if bx[2] - bx[0] > 30]
    assert wheels, "no wheel drawn"
    x0, y0, x1, y1 = max(wheels, key=lambda bx: bx[2] - bx[0])
    assert abs((x1 - x0) - (y1 - y0)) < 0.5  # round, not an oval or a box
    assert abs(y0) < 0.5  # on the floor
    assert -13 < (x0 + x1) / 2 < 13  # its axle under the seat (13 either side of its middle)
    # the push rim: a ring a little inside the tyre, about the same middle
    rims = [bx for bx in boxes if 24 < bx[2] - bx[0] < x1 - x0 - 4]
    assert any(abs((bx[0] + bx[2]) / 2 - (x0 + x1) / 2) < 0.5 for bx in rims)
    # a small caster in front, on the floor too
    assert any(bx[2] - bx[0] < 8 and abs(bx[1]) < 0.5 and bx[0] > x1 - 10 for bx in boxes)


def test_the_person_sits_on_the_cushion_feet_on_the_footplate_clear_of_the_chair():
    f = frame(IN_IT, ["wheelchair"])
    posed, _ = scene.place(f, SIDE)
    assert abs(lowest(posed, "torso") - 30.0) < 0.6  # on the cushion, 19.5 in up
    assert -13 < posed.joints["root"][0] < 13  # the hips over the seat
    for side in ("near", "far"):  # on the footplate, 4 up, not the floor
        foot = min(c[1] - r for piece in b.foot_pieces(posed.groups[f"{side}_leg"])
                   for c, r in piece)
        assert abs(foot - 4.0) < 0.6
    assert frame_problems(f, SIDE) == []


def test_a_push_up_lifts_the_seat_off_the_cushion_on_straight_arms():
    f = frame({**IN_IT, "lift": 7}, ["wheelchair"], ON_RIMS)
    posed, unreached = scene.place(f, SIDE)
    assert unreached == {} and frame_problems(f, SIDE) == []
    assert abs(lowest(posed, "torso") - 37.0) < 0.6  # 7 over the cushion's top
    assert -13 < posed.joints["root"][0] < 13  # still over the seat
    J = posed.joints
    for side in ("near", "far"):
        upper = g.sub(J[f"{side}_elbow"], J[f"{side}_shoulder"])
        fore = g.sub(J[f"{side}_wrist"], J[f"{side}_elbow"])
        bend = math.degrees(math.acos(g.dot(upper, fore) / g.length(upper) / g.length(fore)))
        assert bend < 10, f"{side} elbow bent {bend:.0f}°"
        # the feet stay on the footplate: the thighs slope down as the seat rises
        foot = min(c[1] - r for piece in b.foot_pieces(posed.groups[f"{side}_leg"])
                   for c, r in piece)
        assert abs(foot - 4.0) < 0.6


def test_a_lift_with_nothing_holding_it_up_or_more_than_the_arms_reach_is_refused():
    alone = frame_problems(frame({**IN_IT, "lift": 5}, ["wheelchair"]), SIDE)
    assert [place for place, _ in alone] == [("pose", "lift")]
    assert "held up by both arms" in alone[0][1]
    high = frame_problems(frame({**IN_IT, "lift": 10}, ["wheelchair"], ON_RIMS), SIDE)
    assert any(place[0] == "marks" and "cannot reach" in words for place, words in high)


def test_hands_rest_on_the_armrests_and_a_transfer_takes_one_off():
    # the armrests' tops 14 over the cushion's 30, outside the hips
    f = frame(IN_IT, ["wheelchair"], [{"hand": {"side": "near", "at": [4, 44, 15.3]}},
                                      {"hand": {"side": "far", "at": [4, 44, -15.3]}}])
    posed, unreached = scene.place(f, SIDE)
    assert unreached == {} and frame_problems(f, SIDE) == []  # on it, not through it
    assert 44 <= posed.joints["near_hand"][1] <= 47
    both = prop_boxes(frame(IN_IT, ["wheelchair"]))
    one = prop_boxes(frame(IN_IT, [{"wheelchair": {"arms": "far"}}]))
    assert len(both) == len(one) + 2  # the near armrest and its post


def test_a_slide_board_bridges_the_seat_and_the_bed_and_the_person_sits_on_it():
    f = frame({"base": "sitting", "surface": "slide_board", "x": 8},
              [{"wheelchair": {"arms": "far"}}, {"bed": {"start": 24, "end": 95, "height": 31}},
               {"slide_board": {"start": -2, "end": 44}}])
    posed, _ = scene.place(f, SIDE)
    assert frame_problems(f, SIDE) == []
    boards = [bx for bx in prop_boxes(f) if 45 < bx[2] - bx[0] < 47 and bx[3] - bx[1] < 4]
    assert len(boards) == 1
    x0, y0, x1, y1 = boards[0]
    assert abs(y0 - 30) < 0.3 and abs(y1 - 32.5) < 0.3  # from the cushion up to the bed
    assert 30.5 < lowest(posed, "torso") < 32.5  # on the board's top, over the gap
    foot = min(c[1] - r for piece in b.foot_pieces(posed.groups["near_leg"]) for c, r in piece)
    assert abs(foot) < 0.6  # the feet down on the floor, off the footplate
    alone = frame({"base": "sitting", "surface": "slide_board"}, ["slide_board"])
    assert any(abs(bx[1]) < 0.1 and bx[3] - bx[1] < 2 for bx in prop_boxes(alone))  # floor


def test_the_clinics_pictures_check_clean_and_mirror_whole():
    for name in ("pressure_relief", "slide_board", "band_rows"):
        figure = load_figure(IMAGES / f"{name}.figure.yaml")
        kinds = {p.kind for fr in figure.frames for p in fr.props}
        assert "wheelchair" in kinds and "chair" not in kinds
        for fr in figure.frames:
            assert frame_problems(fr, SIDE) == []
        right = svg.render(figure)
        left = svg.render(figure, mirrored=tuple(range(len(figure.frames))))
        assert right != left
    lifted = load_figure(IMAGES / "pressure_relief.figure.yaml").frames[1]
    assert lifted.pose.lift > 0
