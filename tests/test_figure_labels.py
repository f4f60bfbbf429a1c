"""A drawing's labels: apart from each other, and their lines clear of the person.

A label's line (``label`` with an ``offset``) runs from its words to what it names and
over nothing else: the putty squeeze's line to the middle of the fist ran across three
fingers and the putty in them. It may cross into the part that shows where it ends (the trunk,
to the belly button seen from above), never another limb or a prop: the breathing's line to
the chest ran over the hand lying on it, and now ends at that hand."""

from __future__ import annotations

import pytest
from conftest import ROOT
from test_figure_words import box, shapes

from handouts.figures import load_figure, render, scene, svg

FIGURES = [ROOT / "tests" / "clinics" / "hand" / "images" / "putty_squeeze.figure.yaml",
           ROOT / "images" / "psoas_release.figure.yaml",
           ROOT / "images" / "diaphragmatic_breathing.figure.yaml"]
SOLID = ("body", "far", "held", "prop")
ARM_LIFT = ROOT / "tests" / "clinics" / "stroke" / "images" / "helper_shoulder.figure.yaml"


def _outlines(item) -> list[list[tuple[float, float]]]:
    """The item's shapes as closed polygons (its curves by their points, close enough)."""
    found = []
    for cmds in item.paths:
        points = [p for _, pts in cmds for p in pts]
        if len(points) > 2:
            found.append(points + points[:1])
    return found


def _inside(point, polygon) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _crosses(a, b, polygon, room: float) -> bool:
    """Whether the segment from ``a`` to ``b`` crosses an edge of ``polygon`` further than
    ``room`` from ``a`` (a line may end on an edge)."""
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    length = ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5
    for p, q in zip(polygon, polygon[1:]):
        if side(a, b, p) * side(a, b, q) < 0 and side(p, q, a) * side(p, q, b) < 0:
            t = side(p, q, a) / (side(p, q, a) - side(p, q, b))
            if t * length > room:
                return True
    return False


@pytest.mark.parametrize("figure_file", FIGURES, ids=lambda p: p.name.split(".")[0])
def test_a_labels_line_runs_over_no_limb_or_prop_but_the_one_it_names(figure_file):
    figure = load_figure(figure_file)
    checked = 0
    for frame, cam in zip(figure.frames, svg.cameras(figure)):
        items = scene.build(frame, cam, scene.Style(), 0.1).items
        solid = [item for item in items if item.role in SOLID]
        for leader in (item for item in items if item.role == "leader"):
            [[(_, [named]), (_, [words])]] = leader.paths
            # what shows where it ends (drawn last there): the line may go into that
            shows = [item for item in solid if any(map(lambda o: _inside(named, o),
                                                       _outlines(item)))][-1:]
            for item in solid:
                if item not in shows:
                    assert not any(_crosses(named, words, outline, 0.05)
                                   for outline in _outlines(item)), (frame.number, item.role)
            checked += 1
    assert checked


def _apart(a, b) -> float:
    """How far apart two boxes are, across or up and down, in heights of the smaller."""
    across = max(0.0, max(a[0], b[0]) - min(a[2], b[2]))
    down = max(0.0, max(a[1], b[1]) - min(a[3], b[3]))
    return max(across, down) / min(a[3] - a[1], b[3] - b[1])


@pytest.mark.parametrize("stretch", [1.0, 1.5, 2.0])
@pytest.mark.parametrize("words", [1.0, 1.5, 2.0])
def test_two_words_in_a_frame_stand_at_least_half_a_word_apart(stretch, words):
    # the stroke clinic's arm lift, its frames one above the other (large print's square
    # box): "helper holds here" stood a fifth of a word's height under "lift slowly", which
    # read as one phrase
    drawn = render(load_figure(ARM_LIFT), stretch=stretch, words_scale=words)
    pairs = 0
    for frame in drawn.split('<g id="frame-')[1:]:
        found = [box(points) for points in shapes(frame, "text")]
        for i, a in enumerate(found):
            for b in found[i + 1:]:
                assert _apart(a, b) >= 0.5, (stretch, words, a, b)
                pairs += 1
    assert pairs
