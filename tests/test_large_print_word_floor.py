"""Large print's 12-pt floor for a picture's words holds at every size its picture box
takes, not only where its frame numbers would print under it.

The floor was asked of the figure engine only where the numbers (18 pixels of a
400-pixel drawing) would print smaller than 12 pt at the standard size. A word the engine
fits to its room, in a drawing fitted to its box, can come out a tenth smaller than the
standard: the wall stretch's "30–60 cm / 1–2 ft", in two languages, at 0.91 of it. In a box
0.9 of large print's (beside a tall dose box) its numbers printed at 12.2 pt and that label
at 11.8. Now large print always asks, and the engine draws a word larger where it comes out
under the floor.

Read from each drawing as ``pictures.load`` has it made: the engine's SVG for the
arguments that named it, whose words say their size in its pixels (``data-em``), and the
size the drawing prints at in its box."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from test_figure_box import built_naming_drawings

from handouts.render import pictures
from handouts.render.theme import theme_for

FLOOR = 12.0
THEME = theme_for("large_print")
FIGURES = sorted((ROOT / "images").glob("*.figure.yaml"))


def smallest_word(path, box: tuple[float, float], languages: tuple[str, ...]) -> float:
    """The smallest word or frame number, in points, of ``path``'s drawing loaded for
    ``box`` as a large-print card loads it."""
    def load():
        return pictures.load(path, *box, colours=THEME.figure_colours, languages=languages,
                             words_pt=(THEME.figure_words, THEME.figure_words_least))

    shown, made = built_naming_drawings(load)
    args, = made.values()
    name, _stamp, colours, langs, *drawn_as = args
    svg = pictures.figure_svg(name, *colours, langs, *drawn_as)
    printed = min(box[0] / shown.width, box[1] / shown.height)  # points per point drawn
    width_px = float(re.search(r'<svg [^>]*width="([\d.]+)"', svg)[1])
    pt_per_px = shown.width / width_px * printed
    return min(float(em) * pt_per_px for em in re.findall(r'data-em="([\d.]+)"', svg))


def test_the_wall_stretch_s_measure_prints_at_the_floor_beside_a_tall_dose_box():
    # the box its bilingual large-print card gave it: 0.9 of the layout's width, a
    # quarter taller than the layout's box at that size
    box = (THEME.image_width * 0.9, THEME.image_height * 0.9 * 1.25)
    least = smallest_word(ROOT / "images" / "wall_goal_post_stretch.figure.yaml", box,
                          ("es", "en"))
    assert least >= FLOOR - 0.05, least


@pytest.mark.parametrize("languages", [("en",), ("es", "en")], ids="+".join)
def test_every_figure_s_words_print_at_the_floor_in_a_box_of_most_of_its_size(languages):
    """Each figure of the library in large print's box from 0.7 of its size to the whole,
    and a quarter taller (beside a dose box taller than it): where its numbers at their
    standard size print at the floor or larger, so that nothing asked them larger before.
    In smaller boxes the engine was asked for larger words before too; in two languages it
    does not always find room for them there (README: *Large print*, picture words)."""
    small = []
    for path in FIGURES:
        for tenths in range(7, 11):
            for taller in (1.0, 1.25):
                box = (THEME.image_width * tenths / 10,
                       THEME.image_height * tenths / 10 * taller)
                least = smallest_word(path, box, languages)
                if least < FLOOR - 0.05:
                    small.append((path.name, tenths, taller, round(least, 2)))
    assert not small, small
