"""A forearm resting on a table: a rolled towel under a point over a table or a counter lies
on its top (it lay on the chair's seat beside the table), a table leaves room under its top
for the knees of a person sitting at it (a counter is solid to the floor), and the Japanese
clinic's wrist stretch draws the forearm on the towel on the table, the wrist past its edge
and the hand bent down over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.figures import geometry as g
from handouts.figures import load_figure, scene, svg
from handouts.figures.model import Frame
from handouts.figures.problems import frame_problems

SIDE = g.Camera(0.0, 0.0)
STRETCH = Path(__file__).resolve().parent / "clinics" / "japanese" / "images" / \
    "wrist_towel.figure.yaml"
SITTING = {"base": "sitting", "surface": "chair"}


def towel_bounds(spec: Frame):
    """The towel's outline: the prop drawn with it that is not drawn without it."""
    def props(frame: Frame):
        return [g.bounds([i]) for i in scene.build(frame, SIDE, scene.Style(), 0.3).items
                if i.role == "prop"]
    bare = props(spec.model_copy(update={"props": spec.props[:-1]}))
    (towel,) = [b for b in props(spec) if b not in bare]
    return towel


def test_a_towel_under_a_point_over_a_top_lies_on_it_and_beside_it_on_the_seat():
    def towel(top: str, x: float):
        return towel_bounds(Frame.model_validate({"pose": SITTING, "props": [
            "chair", {top: {"x": 40, "height": 42, "depth": 20}},
            {"towel": {"under": [x, 47, 10], "radius": 2}}]}))

    for top in ("counter", "table"):
        x0, y0, x1, y1 = towel(top, 50)
        assert y0 == pytest.approx(42, abs=0.1) and y1 == pytest.approx(46, abs=0.1), top
        assert x0 < 50 < x1
        assert towel(top, 20)[1] == pytest.approx(26, abs=0.1)  # beside it: on the seat


def test_a_person_sits_at_a_table_with_the_knees_under_it():
    def problems(top: str):
        spec = Frame.model_validate({"pose": SITTING, "props": [
            "chair", {top: {"x": 20, "height": 39, "depth": 16}}]})
        return [words for _, words in frame_problems(spec, SIDE)]

    assert problems("table") == []
    assert "the near leg goes through the counter" in " ".join(problems("counter"))


def test_the_wrist_stretch_rests_the_forearm_on_the_table_the_hand_over_its_edge():
    figure = load_figure(STRETCH)
    # the whole seated body (the close-up beside it: test_figure_closeup_props)
    frame, cam = figure.frames[0], svg.cameras(figure)[0]
    table = next(p.spec for p in frame.props if p.kind == "table")
    posed = scene.place(frame, cam)[0]
    elbow, wrist, tips = (posed.joints[f"near_{j}"] for j in ("elbow", "wrist", "fingers"))
    assert table.x <= elbow[0] < wrist[0]                      # the forearm over the top ...
    assert abs(elbow[1] - wrist[1]) < 1.5                       # ... lying level on it ...
    assert table.height < min(elbow[1], wrist[1]) - 2           # ... above the towel
    assert wrist[0] > table.x + table.depth                     # the wrist past the edge
    assert tips[1] < table.height and tips[0] > wrist[0] - 1    # the hand bent down over it
    towel_x = frame.props[2].towel.under[0]
    assert elbow[0] < towel_x < wrist[0]
