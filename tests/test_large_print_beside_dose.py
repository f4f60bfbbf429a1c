"""Large print: a figure beside a dose box taller than the figure's box uses that height.

In two languages a long dose box (the wall stretch's three ways to hold, the psoas tool's
"You need a psoas release tool") pushed the picture's column down to 1.7-2 inches wide, and
the drawing, made for the layout's box (wider than tall), stood its frames in a row in that
column: the wall stretch printed 1.68 x 0.96 in, each standing figure under an inch tall,
beside a dose box four inches tall. The column may now be as tall as the dose box beside it
(as a compact card's column may be as tall as its text, see beside.py), so the figure stacks
its frames there; the row is no taller, and the page holds what it held (every demo is unchanged). Read from the PDF:
each frame's printed size (the drawing's form as placed, and the engine's frame boxes).
"""

from __future__ import annotations

import pytest
from conftest import ROOT
from test_figure_box import drawing_placed, frames


def printed_frames(ws, exercise: str) -> list[tuple[float, float]]:
    """Each frame of ``exercise``'s figure as printed on its bilingual large-print handout,
    (width, height) in inches."""
    width, height, svg_text, _ = drawing_placed(
        ws, "large_print", ("es", "en"), exercise=exercise,
        figure_file=ROOT / "images" / f"{exercise}.figure.yaml")
    size, boxes = frames(svg_text)
    return [(b[2] * width / size[0] / 72, b[3] * height / size[1] / 72) for b in boxes]


# before: the frames together 1.49, 2.32 and 2.03 square inches
@pytest.mark.parametrize(("exercise", "least"), [("wall_goal_post_stretch", 2.5),
                                                 ("psoas_release_tool", 3.5),
                                                 ("si_joint_correction", 2.5)])
def test_a_figure_beside_a_tall_dose_box_stacks_its_frames_larger(ws, exercise, least):
    printed = printed_frames(ws, exercise)
    assert sum(w * h for w, h in printed) >= least, printed

