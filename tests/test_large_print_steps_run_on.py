"""Large print in two languages: an exercise that runs on to the next page keeps its picture
large, its steps starting that page, where that ends it no later.

Its title, a long bilingual dose box beside its picture and its first two steps were more
than a page; the picture shrank until they shared one, down to a third of its box, and then
the first step alone shared it. Jane's SI joint reset printed its two frames 0.9 and 1.2
inches wide to keep "1. Lie on your back" on the picture's page, and took three pages all
the same; her wall stretch (1.5 and 0.5 inch) and María's psoas release with a tool (1.6
and 1.2) the same. Now, where keeping a step there would print the picture smaller than a
standard card's, the steps start the next page with the picture as large as the page then
holds, where the exercise ends on no later page (and, the last one, no lower on it: the
education after it may share that page): 1.9 and 1.9, 2.1 and 1.4, 4.0 and 3.0 inches, on
as many pages.

Read from the PDF: each figure's frames as placed (the drawing's form and the engine's
frame boxes), and the text of each page."""

from __future__ import annotations

import math

import pytest
from conftest import EXAMPLES, drawn, flat_texts, reader
from test_figure_box import built_naming_drawings, frames

from handouts import build as api
from handouts.render import pictures

DUBLIN = EXAMPLES / "dublin-shoulder"


def build(ws, example, languages=("es", "en")):
    program = api.program_with(api.load_program(example, ws), ws, language=",".join(languages))
    return built_naming_drawings(lambda: api.build_handout(program, ws,
                                                           layout="large_print").pdf)


def placed_frames(pdf: bytes, made: dict, figure: str) -> tuple[int, list[float]]:
    """The page ``figure``'s drawing is placed on, and each of its frames' printed width
    (inches)."""
    for number, page in enumerate(reader(pdf).pages, 1):
        for operands, operator, m in drawn(page):
            name = str(operands[0]).split(".", 1)[-1] if operator == b"Do" else ""
            if name in made and made[name][0].endswith(f"/{figure}.figure.yaml"):
                path, _, colours, languages, *drawn_as = made[name]
                size, boxes = frames(pictures.figure_svg(path, *colours, languages, *drawn_as))
                width = math.hypot(m[0], m[1]) * size[0] * 0.75  # the form, in points
                return number, [b[2] * width / size[0] / 72 for b in boxes]
    raise AssertionError(f"{figure} is not drawn")


@pytest.mark.parametrize(("figure", "step", "least"), [
    ("si_joint_correction", "Lie on your back near the side of your bed.", 1.6),
    ("wall_goal_post_stretch", "Stand with your back against a wall.", 1.2)])
def test_jane_s_bilingual_pictures_print_large_the_steps_on_the_next_page(ws, figure, step,
                                                                          least):
    pdf, made = build(ws, EXAMPLES / "jane-doe.yaml")
    page, widths = placed_frames(pdf, made, figure)
    assert min(widths) >= least, widths
    pages = flat_texts(pdf)
    assert step not in pages[page - 1]
    assert "(continued)" in pages[page] and step in pages[page]
    assert len(pages) == 24  # as many pages as before


def test_maria_s_psoas_release_with_a_tool_prints_larger(ws):
    pdf, made = build(ws, EXAMPLES / "maria-lopez-compact.yaml")
    _, widths = placed_frames(pdf, made, "psoas_release_tool")
    assert min(widths) >= 2.5, widths
    assert len(reader(pdf).pages) == 27


def test_the_last_exercise_keeps_the_room_what_follows_it_shares():
    # Aoife's wall slides, kept as they were: with the steps on their next page its last
    # page was fuller, and the education that started under it moved to a page of its own
    dublin = api.open_workspace(home=DUBLIN)
    pdf, _ = build(dublin, DUBLIN / "examples" / "aoife-byrne.yaml")
    pages = flat_texts(pdf)
    assert len(pages) == 19
    slides = [n for n, text in enumerate(pages, 1) if "Wall slides (continued)" in text]
    assert slides and "Learn about your shoulder" in pages[slides[-1] - 1]
