"""A drawing's words and frame numbers print large enough to read in every box a card gives
its picture, and never run over the person. Read back from the PDF (the size a picture is
drawn at) and the engine's SVG (where its words and outlines are)."""

from __future__ import annotations

import math
import re

import pytest
from conftest import ROOT
from test_figure_box import drawing_placed

from handouts.figures import load_figure, marks, render, svg
from handouts.render import figure_keys
from handouts.render.theme import theme_for

SI_RESET = ROOT / "images" / "si_joint_correction.figure.yaml"
FIGURES = sorted((ROOT / "images").glob("*.figure.yaml"))


def _pairs(d: str) -> list[tuple[float, float]]:
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[::2], numbers[1::2]))


def shapes(svg_text: str, *kinds: str) -> list[list[tuple[float, float]]]:
    """The points of every path drawn as one of ``kinds`` (a path's class, or its group's)."""
    found = []
    for kind, inside in re.findall(r'<g class="([a-z-]+)">(.*?)</g>', svg_text, re.S):
        if kind in kinds:
            found += [_pairs(d) for d in re.findall(r' d="([^"]+)"', inside)]
    for kind, d in re.findall(r'<path class="([a-z-]+)" d="([^"]+)"', svg_text):
        if kind in kinds:
            found.append(_pairs(d))
    return found


def box(points) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def printed_heights(ws, layout: str, kind: str) -> list[float]:
    """How tall, in points, each of the SI joint reset picture's words (or frame numbers)
    prints on a one-exercise handout in ``layout`` ("pull" and "push": a letter above the
    line and one below)."""
    width, _, svg_text, _ = drawing_placed(ws, layout, exercise="si_joint_correction",
                                           figure_file=SI_RESET)
    svg_width = float(re.search(r'<svg [^>]*width="([\d.]+)"', svg_text)[1])
    return [(b[3] - b[1]) * width / svg_width for b in map(box, shapes(svg_text, kind))]


@pytest.mark.parametrize("layout", ["compact", "large_print"])
def test_a_small_picture_prints_its_words_and_numbers_large_enough_to_read(ws, layout):
    # compact's picture column is 1.15 inch wide, half a standard card's: at the standard
    # size "pull" printed 3.7 pt tall there, and the frame numbers 2 pt
    # (a word's height, ascender to descender, is about 0.9 of its size; a long word may
    # be drawn up to a quarter smaller, to keep the person large)
    words = theme_for(layout).figure_words
    assert min(printed_heights(ws, layout, "text")) >= 0.65 * words
    assert min(printed_heights(ws, layout, "badge-number")) >= 0.4 * words


def test_a_standard_card_draws_its_picture_as_before():
    # its box and a large-print card's full box: words of the standard size, so the same
    # drawing and the same cache key as before
    for layout in ("standard", "large_print"):
        t = theme_for(layout)
        assert figure_keys.words_scale_for(t.image_width, t.figure_words) == 1
    compact = theme_for("compact")
    assert figure_keys.words_scale_for(compact.image_width, compact.figure_words) == 2
    assert figure_keys.FIGURE_TEXT_PX == marks.TEXT_PX
    assert figure_keys.FIGURE_NUMBER_PX == svg.NUMBER_PX


@pytest.fixture(scope="module")
def drawn_every_way():
    """``drawn_every_way(figure_file)``: the figure's SVG in English and in two languages, in
    a standard and a tall box, at four sizes of its words; each with how it was drawn. Drawn
    once for the module: both tests below read the same drawings."""
    drawn: dict = {}

    def every_way(figure_file):
        if figure_file not in drawn:
            drawn[figure_file] = list(_drawn_every_way(figure_file))
        return drawn[figure_file]

    yield every_way
    drawn.clear()


@pytest.mark.parametrize("figure_file", FIGURES, ids=lambda p: p.name.split(".")[0])
def test_no_word_runs_over_the_person(figure_file, drawn_every_way):
    """In every box shape, at every size of its words, in English and in two languages: no
    corner of the person's outline lies under a word (a word a figure file put with a line
    to what it names stays where it is put, on the person or not)."""
    for svg_text, drawn in drawn_every_way(figure_file):
        person = [p for shape in shapes(svg_text, "body", "far", "ghost") for p in shape]
        ends = [shape[-1] for shape in shapes(svg_text, "leader")]
        for word in map(box, shapes(svg_text, "text")):
            if any(_near(end, word) for end in ends):
                continue
            x0, y0, x1, y1 = word
            under = [p for p in person if x0 + 1 < p[0] < x1 - 1 and y0 + 1 < p[1] < y1 - 1]
            assert not under, (drawn, word, under[:3])


@pytest.mark.parametrize("figure_file", FIGURES, ids=lambda p: p.name.split(".")[0])
def test_a_word_keeps_clear_of_the_persons_outline(figure_file, drawn_every_way):
    """Not only off the person: with air between its letters and the outline's ink. A word
    was kept 3 px from a limb's path, whose ink reaches 2.6 px out, so it touched the limb:
    "press" half a pixel from the arm of the psoas release, "stretch" on the knee of the
    lying hip flexor stretch (and in a compact card, whose words are drawn twice their
    size and its lines not, "estiramiento / stretch" over the hands)."""
    ink = 2.6  # how far a limb's outline is drawn out from its path (scene: width 2.6)
    for svg_text, drawn in drawn_every_way(figure_file):
        person = [p for shape in shapes(svg_text, "body", "far") for p in shape]
        ends = [shape[-1] for shape in shapes(svg_text, "leader")]
        for word in map(box, shapes(svg_text, "text")):
            if any(_near(end, word) for end in ends):
                continue  # put where the figure file says, with a line to what it names
            x0, y0, x1, y1 = word
            air = min(math.hypot(max(x0 - x, 0.0, x - x1), max(y0 - y, 0.0, y - y1))
                      for x, y in person) - ink
            assert air >= 0.12 * (y1 - y0), (drawn, word, round(air, 1))


def _drawn_every_way(figure_file):
    figure = load_figure(figure_file)
    for languages in (("en",), ("es", "en")):
        for stretch in (1.0, 2.0):
            for words in (1.0, 1.5, 2.0, 2.5):
                yield (render(figure, languages=languages, stretch=stretch, words_scale=words),
                       (figure_file.name, languages, stretch, words))


def _near(point, word, room: float = 20.0) -> bool:
    """Whether a leader line ending at ``point`` points to this word."""
    x0, y0, x1, y1 = word
    return x0 - room <= point[0] <= x1 + room and y0 - room <= point[1] <= y1 + room


def test_a_range_of_steps_is_numbered_as_large_as_one_step(ws):
    # "1–3" was squeezed into the ring a single digit fills, at 78 % of its size; it now
    # stands in a pill as wide as it needs
    heights = printed_heights(ws, "standard", "badge-number")
    assert len(heights) == 2 and min(heights) >= 0.95 * max(heights), heights


@pytest.mark.parametrize("figure_file", FIGURES, ids=lambda p: p.name.split(".")[0])
def test_no_word_stands_in_line_with_the_arrow_between_frames(figure_file, drawn_every_way):
    """The small grey arrow from one frame to the next beside it keeps out of line with any
    word near it: "→ flat" (the wall stretch) read as one phrase. Within half a gap of the
    arrow's ends, no word's letters share its height."""
    for svg_text, drawn in drawn_every_way(figure_file):
        arrows = [box(_pairs(" ".join(re.findall(r' d="([^"]+)"', inside))))
                  for inside in re.findall(r'<g class="next">(.*?)</g>', svg_text)]
        for a in arrows:
            if a[2] - a[0] < a[3] - a[1]:
                continue  # pointing down, to the frame below
            for word in map(box, shapes(svg_text, "text")):
                beside = word[0] < a[2] + 15 and word[2] > a[0] - 15
                in_line = word[1] < a[3] and word[3] > a[1]
                assert not (beside and in_line), (drawn, word, a)
