"""A figure's frames arranged for the box it is printed in: a compact card's narrow, taller
picture column stacks a lying-down figure's frames and draws each larger; a standard card's
box chooses as it did. Read back from the PDF's content stream and the engine's SVG."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT, drawn, forms_placed, reader

import handouts as api
from handouts.figures import load_figure, render, svg
from handouts.render import figure_keys, frozen, pictures, replay, wide
from handouts.render.theme import theme_for

PSOAS = ROOT / "images" / "psoas_release.figure.yaml"


def figures_drawn(page) -> list[tuple[float, float, float, tuple]]:
    """(drawn width, drawn height, y, /BBox) of every form placed on the page, lowest first."""
    found = [(math.hypot(m[0], m[1]) * (box[2] - box[0]),
              math.hypot(m[2], m[3]) * (box[3] - box[1]), m[5], box)
             for m, box in forms_placed(page)]
    return sorted(found, key=lambda f: f[2])


def frames(svg_text: str) -> tuple[tuple[float, float], list[tuple[float, ...]]]:
    """The SVG's size and each frame's box (x, y, width, height), as the engine wrote them."""
    size = re.search(r'<svg [^>]*width="([\d.]+)" height="([\d.]+)"', svg_text)
    boxes = [tuple(float(v) for v in b.split())
             for b in re.findall(r'data-box="([^"]+)"', svg_text)]
    return (float(size[1]), float(size[2])), boxes


def stands_in_a_row(boxes) -> bool:
    return all(b[0] > a[0] and b[1] <= a[1] + a[3] / 2 for a, b in zip(boxes, boxes[1:]))


def psoas_picture(ws, layout: str, languages: tuple[str, ...] = ("en",), *,
                  exercise: str = "psoas_release", figure_file=PSOAS):
    """The psoas release picture (or ``exercise``'s, from ``figure_file``) as drawn on a
    one-exercise handout: its drawn size, the engine's SVG's size and frame boxes, and the
    box shape it was drawn for."""
    width, height, svg_text, stretch = drawing_placed(ws, layout, languages,
                                                      exercise=exercise, figure_file=figure_file)
    size, boxes = frames(svg_text)
    return width, height, size, boxes, stretch


def built_naming_drawings(build):
    """``build()``'s result, and each figure drawn for it: its form's name in the PDF
    (``fig_`` and figure_keys.made_keys' name) → the arguments that named it. Every card
    laid out and every figure loaded afresh (a kept one is not named again)."""
    made: dict[str, tuple] = {}
    original = figure_keys.made_keys

    def made_keys(*args, **named):
        keys = original(*args, **named)
        if not named:  # a drawing's (figure_keys.key names none)
            made["fig_" + keys[0]] = args
        return keys

    figure_keys.made_keys = made_keys
    for forget in (frozen.clear, replay.clear, pictures._figure.cache_clear):
        forget()
    try:
        return build(), made
    finally:
        figure_keys.made_keys = original
        pictures._figure.cache_clear()


def drawing_placed(ws, layout: str, languages: tuple[str, ...] = ("en",), *,
                   exercise: str = "psoas_release", figure_file=PSOAS):
    """An exercise's picture as drawn on a one-exercise handout: its drawn size, the engine's
    SVG it came from, and the box shape that SVG was drawn for. The form placed is named by
    its drawing's key (``fig_`` and figure_keys.made_keys' name): the arguments that made
    that key, seen as the handout is built, draw the SVG again."""
    program = api.program_from_options(ws, patient="Test Patient", exercises=[exercise],
                                       layout=layout, language=list(languages))
    pdf, made = built_naming_drawings(lambda: api.build_handout(program, ws).pdf)
    for page in reader(pdf).pages:
        for operands, operator, m in drawn(page):
            name = str(operands[0]).split(".", 1)[-1] if operator == b"Do" else ""
            if name in made and made[name][0] == str(figure_file):
                path, _, colours, langs, stretch, *rest = made[name]
                svg_text = pictures.figure_svg(path, *colours, langs, stretch, *rest)
                size, _ = frames(svg_text)
                return (math.hypot(m[0], m[1]) * size[0] * 0.75,
                        math.hypot(m[2], m[3]) * size[1] * 0.75, svg_text, stretch)
    raise AssertionError(f"no form placed is an engine SVG of {figure_file.name}")


# in two languages (side by side) the standard box had already stacked the frames: the
# taller box only lets them fill the column's width
@pytest.mark.parametrize(("languages", "larger"), [(("en",), 1.7), (("es", "en"), 1.25)])
def test_a_compact_card_stacks_a_lying_figure_and_draws_each_frame_larger(ws, languages,
                                                                         larger):
    theme = theme_for("compact")
    width, height, size, boxes, stretch = psoas_picture(ws, "compact", languages)
    assert stretch > 1 and not stands_in_a_row(boxes), (stretch, boxes)
    # the picture uses the height of the text beside it: taller than the layout's box, and
    # taller than wide, as two lying bodies stacked are
    assert theme.image_height < height <= 2 * theme.image_height + 0.5 and height > width
    assert width <= theme.image_width + 0.5
    printed = [b[2] * width / size[0] for b in boxes]
    # before: the drawing made for the standard box (in English a row; labelled in two
    # languages, already a column), in the layout's box
    row_size, row_boxes = frames(render(load_figure(PSOAS), languages=languages))
    assert stands_in_a_row(row_boxes) == (languages == ("en",))
    fit = min(theme.image_width / row_size[0], theme.image_height / row_size[1])
    before = [b[2] * fit for b in row_boxes]
    # each frame about twice as wide as it was (in English)
    assert all(now >= larger * then for now, then in zip(printed, before)), (printed, before)


def test_a_standard_card_chooses_as_it_did(ws):
    theme = theme_for("standard")
    width, height, size, boxes, stretch = psoas_picture(ws, "standard")
    assert stretch == 1 and stands_in_a_row(boxes) and width > 2 * height
    # fills its box, as before: a wide card's (render/wide.py), 2.39:1 being wide enough
    box = pictures.fit(width, height, theme.image_width * wide.ACROSS,
                       theme.image_height * wide.DOWN)
    assert math.isclose(width, box[0], abs_tol=0.5) and math.isclose(height, box[1], abs_tol=0.5)
    # every box a standard, large-print or tighter card gives a picture is the engine's own
    # shape: the same drawings, the same choice
    for layout in ("standard", "large_print"):
        t = theme_for(layout)
        for scale in (1.0, 0.6, 0.35):
            assert figure_keys.stretch_for(t.image_width * scale, t.image_height * scale) == 1
    assert figure_keys.stretch_for(*(v for v in (theme_for("compact").image_width,
                                                 theme_for("compact").image_height))) == 1


KNEE_ROCKS = ROOT / "images" / "si_joint_knee_rocks.figure.yaml"


def first_above(boxes) -> bool:
    """The first frame above the other two, and those two side by side."""
    one, two, three = boxes
    return two[1] >= one[1] + one[3] and three[1] >= one[1] + one[3] and three[0] > two[0]


@pytest.mark.parametrize(("layout", "larger"), [("compact", 1.8), ("standard", 1.15)])
def test_three_frames_stand_first_above_the_others_where_that_draws_them_larger(
        ws, layout, larger):
    """Knee rocks (lying, then the knees fallen each way): in a compact card's narrow column
    a row of three printed each frame about a third of an inch wide."""
    width, height, size, boxes, stretch = psoas_picture(
        ws, layout, exercise="si_joint_knee_rocks", figure_file=KNEE_ROCKS)
    assert first_above(boxes), boxes
    printed = [b[2] * width / size[0] for b in boxes]
    # the same picture in a row, in the same box
    row = load_figure(KNEE_ROCKS).model_copy(update={"arrange": "row"})
    row_size, row_boxes = frames(render(row, stretch=stretch))
    fit = min(width / row_size[0], height / row_size[1])
    before = [b[2] * fit for b in row_boxes]
    assert all(now >= larger * then for now, then in zip(printed, before)), (printed, before)


def test_first_above_is_obeyed_in_every_box_and_needs_three_frames(tmp_path):
    figure = load_figure(KNEE_ROCKS).model_copy(update={"arrange": "first above"})
    for stretch in (1.0, 2.0, 3.0):
        assert first_above(frames(render(figure, stretch=stretch))[1])
    two = tmp_path / "two.figure.yaml"
    two.write_text("title: Two frames\narrange: first above\nframes:\n"
                   "  - pose: {base: supine}\n  - pose: {base: supine}\n", encoding="utf-8")
    with pytest.raises(api.HandoutError) as caught:
        load_figure(two)
    assert str(caught.value) == (
        f'{two}:3: frames: arrange "first above" puts the first of three frames above the '
        "other two; this figure has 2: use auto, row or column")


def test_the_box_shape_is_coarse_and_the_engine_box_is_the_one_the_key_knows():
    assert figure_keys.FIGURE_BOX == svg.BOX
    w = 82.8
    shapes = {figure_keys.stretch_for(w, h / 10) for h in range(0, 3000)}
    assert shapes == {1 + q / 4 for q in range(9)}  # quarters from 1 to 3, nothing between


@pytest.mark.parametrize("arrange", ["row", "column"])
def test_an_explicit_arrangement_is_obeyed_in_every_box(arrange):
    figure = load_figure(PSOAS).model_copy(update={"arrange": arrange})
    for stretch in (1.0, 2.0, 3.0):
        assert stands_in_a_row(frames(render(figure, stretch=stretch))[1]) == (arrange == "row")


@pytest.mark.parametrize("example", ["maria-lopez-compact", "jane-doe", "rosa-diaz-bilingual"])
def test_a_cold_build_with_its_drawings_cached_does_not_load_the_engine(example, tmp_path):
    """Every drawing a build loads is one it prints (and so keeps): a card measured but not
    set (a standard page's tighter card) must not ask for a drawing of another shape. Nor
    does such a build load HarfBuzz (10-15 ms): only drawing a figure's words, or shaping a
    script whose letters join, needs it (render/shaping.py)."""
    script = ("import sys, handouts as api; ws = api.open_workspace(); "
              f"api.build_handout(api.load_program({str(EXAMPLES / (example + '.yaml'))!r},"
              " ws), ws); print('handouts.figures' in sys.modules, 'svglib' in sys.modules,"
              " 'uharfbuzz._harfbuzz' in sys.modules)")
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(tmp_path)}

    def run() -> str:
        return subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()

    assert run() == "True True True"  # the first build draws the figures
    assert run() == "False False False"


def test_a_drawing_only_measured_before_is_drawn_the_same(ws, tmp_path, monkeypatch):
    """A drawing an earlier process only measured (a tighter card laid out, not set) is kept
    as its size; drawn after all, it gives the same bytes as one drawn from the start."""
    from handouts.render import forms, frozen, pictures, replay

    def new_process():
        pictures._vector.cache_clear()
        pictures._figure.cache_clear()
        forms._operators.clear()
        replay.clear()
        frozen.clear()

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))
    program = api.load_program(EXAMPLES / "maria-lopez-compact.yaml", ws)
    new_process()
    first = api.build_handout(program, ws).pdf
    measured = 0
    for kept in (tmp_path / "drawings").glob("f*.json"):
        saved = json.loads(kept.read_text(encoding="utf-8"))
        kept.write_text(json.dumps({**saved, "ops": None}), encoding="utf-8")
        measured += 1
    assert measured >= 6
    new_process()
    assert api.build_handout(program, ws).pdf == first
