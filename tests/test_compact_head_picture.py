"""The head of a compact card cut in two (see compact_split) keeps the whole card's picture
where its page has room for it. A figure's box grows with the text beside it (see beside):
the head's short text left María's knee rocks' three frames in a row, 0.27 to 0.44 inch
wide, and psoas release's two frames side by side, where the whole card stacks them and
draws each about twice as wide (or the whole column's width). The cut, and so every page
after it, stays where it was. Drawings read back from the PDF."""

from __future__ import annotations

import math

import pytest
from conftest import page_texts, reader
from test_figure_box import KNEE_ROCKS, PSOAS, figures_drawn, first_above, frames, \
    stands_in_a_row

import handouts as api
from handouts.figures import load_figure, render
from handouts.render import figure_keys
from handouts.render.theme import theme_for


def placed(pdf: bytes, figure_file, languages) -> list[tuple[int, float, float, list]]:
    """(page number, drawn width, drawn height, frame boxes) of each drawing of
    ``figure_file`` in a compact handout: a form whose /BBox is an engine SVG of it."""
    words = figure_keys.words_scale_for(theme_for("compact").image_width,
                                        theme_for("compact").figure_words)
    figure = load_figure(figure_file)
    drawings = [frames(render(figure, languages=languages, stretch=q / 4, words_scale=words))
                for q in range(4, 13)]
    found = []
    for number, page in enumerate(reader(pdf).pages, 1):
        for width, height, _, box in figures_drawn(page):
            for size, boxes in drawings:
                if math.isclose(size[0] * 0.75, box[2] - box[0], abs_tol=0.1) and \
                        math.isclose(size[1] * 0.75, box[3] - box[1], abs_tol=0.1):
                    found.append((number, width, height,
                                  [b[2] * width / size[0] for b in boxes], boxes))
                    break
    return found


def compact(ws, exercises, languages) -> bytes:
    program = api.program_from_options(ws, patient="Test Patient", exercises=exercises,
                                       layout="compact", language=list(languages))
    return api.build_handout(program, ws).pdf


@pytest.mark.parametrize(("before", "exercise", "figure_file", "languages", "head_page", "cut"), [
    # knee rocks runs on from the foot of page 2: its fourth step stays, its fifth goes on
    ("si_joint_correction", "si_joint_knee_rocks", KNEE_ROCKS, ("es", "en"), 2,
     ("Bring them back, then let them fall", "Keep the movement small and easy")),
    # psoas release runs on from page 1, above the safety box: its cautions go on
    ("child_pose", "psoas_release", PSOAS, ("en",), 1,
     ("Slowly let go. Then do the other side.", "Do you take blood thinners?")),
])
def test_a_heads_picture_is_the_whole_cards_where_the_page_has_room(
        ws, before, exercise, figure_file, languages, head_page, cut):
    pdf = compact(ws, [before, exercise], languages)
    texts = page_texts(pdf)
    assert "(continued)" in texts[head_page], texts[head_page]  # it is cut in two
    (page, width, height, printed, boxes), = placed(pdf, figure_file, languages)
    assert page == head_page
    # as the card alone prints it, uncut
    (_, whole_w, whole_h, _, _), = placed(compact(ws, [exercise], languages), figure_file,
                                          languages)
    assert math.isclose(width, whole_w, abs_tol=0.5) and math.isclose(height, whole_h,
                                                                       abs_tol=0.5)
    # its frames stacked, the first at least 0.85 inch wide (before: knee rocks' 0.61, 0.37
    # and 0.37 inch; psoas release's two side by side, 0.60 and 0.47)
    assert not stands_in_a_row(boxes), boxes
    assert printed[0] >= 0.85 * 72, [round(p / 72, 2) for p in printed]
    if figure_file == KNEE_ROCKS:
        assert first_above(boxes), boxes
    # cut where the head's own, smaller picture had it: the same steps on each page
    stays, goes_on = cut
    assert stays in texts[head_page - 1] and goes_on in texts[head_page], cut
