"""Large print's picture words print at 12 pt or more, on every card, in one language or two.

Large print sets its text at 14 pt for readers who see poorly; the words in its pictures
("belly button", "press", the frame numbers) were drawn for the layout's box and shrank with
the picture where a full page made it smaller: 8.5 pt on the psoas release with a tool in two
languages, 10.2 on the psoas release, 10.9 on the SI joint reset. 12 pt, bold, is the least:
two points under the text, as a label under a picture is set, and the size large-print
guidance gives for a caption. Shrinking the picture to fit its page still comes first: no
handout gets a page more for it (the psoas release stays on its one page).

Read from the PDF: each figure's form as placed on its page (how wide it prints) and the
engine's SVG that form was drawn from (the form is named by it: ``fig_`` and its key), whose
words and frame numbers say their size in its pixels (``data-em``).
"""

from __future__ import annotations

import math
import re

import pytest
from conftest import EXAMPLES, drawn, reader
from test_figure_box import built_naming_drawings
from test_large_print_pictures import exercise_pages

from handouts import build as api
from handouts.render import pictures

FLOOR = 12.0
LANGUAGES = [["en"], ["es"], ["es", "en"]]


def printed_words(pdf: bytes, made: dict[str, tuple]) -> list[tuple[int, str, str, float]]:
    """(page, figure, "text" or "badge-number", size in points) of every word and frame
    number of every figure drawn in ``pdf``: its size in the SVG's pixels times the points
    a pixel prints at (the form is the SVG's size, a pixel 3/4 pt, scaled where placed)."""
    found = []
    svgs: dict[str, str] = {}
    for number, page in enumerate(reader(pdf).pages):
        for operands, operator, m in drawn(page):
            name = str(operands[0]).split(".", 1)[-1] if operator == b"Do" else ""
            if name not in made:
                continue
            path, _stamp, colours, languages, *drawn_as = made[name]
            if name not in svgs:
                svgs[name] = pictures.figure_svg(path, *colours, languages, *drawn_as)
            svg = svgs[name]
            width_px = float(re.search(r'<svg [^>]*width="([\d.]+)"', svg)[1])
            form_w = width_px * 0.75
            printed_w = math.hypot(m[0], m[1]) * form_w
            figure = path.rsplit("/", 1)[-1].split(".")[0]
            found += [(number + 1, figure, role, float(em) * printed_w / width_px)
                      for role, em in re.findall(
                          r'<path class="(text|badge-number)"[^>]*data-em="([\d.]+)"', svg)]
    return found


def too_small(build) -> list:
    """The words and numbers under the floor in the PDF ``build()`` makes."""
    pdf, made = built_naming_drawings(build)
    words = printed_words(pdf, made)
    assert words, "no figure's words read from the PDF"
    return sorted({(page, figure, role, round(pt, 1)) for page, figure, role, pt in words
                   if pt < FLOOR - 0.05})


@pytest.mark.parametrize("languages", LANGUAGES, ids=",".join)
def test_every_figure_s_words_print_at_12_pt_at_least(ws, languages):
    """Each figure of the library on a one-exercise large-print handout."""
    small = []
    figures = sorted(e.id for e in ws.library.exercises
                     if e.image and pictures.is_figure(e.image))
    assert len(figures) >= 10
    for exercise in figures:
        program = api.program_from_options(ws, patient="Test Patient", exercises=[exercise],
                                           layout="large_print", language=languages)
        small += [(exercise, *s)
                  for s in too_small(lambda: api.build_handout(program, ws).pdf)]
    assert not small, small


@pytest.mark.parametrize("languages", LANGUAGES, ids=",".join)
@pytest.mark.parametrize("example", ["jane-doe", "maria-lopez-compact", "walter-ng-large-print"])
def test_a_full_page_shrinks_the_picture_not_its_words(ws, example, languages):
    """The examples in large print: a page full of steps (two languages at 14 pt) shrinks
    the picture, down to half its box; its words stay 12 pt."""
    program = api.program_with(api.load_program(EXAMPLES / f"{example}.yaml", ws), ws,
                               language=",".join(languages))
    assert not too_small(lambda: api.build_handout(program, ws, layout="large_print").pdf)


def test_the_psoas_release_keeps_its_one_page_with_words_readable(ws):
    """The page is full: the picture prints at 0.7 of its box (words drawn a fifth larger
    for it, 12.8 pt), where its words at 12 pt made it too tall at 0.75 and ran the
    exercise on to a second page."""
    program = api.program_from_options(ws, patient="Test Patient", exercises=["psoas_release"],
                                       layout="large_print", language=["en"])
    built = api.build_handout(program, ws)
    assert len(exercise_pages(built.pdf, built.handout)["psoas_release"]) == 1
    assert len(reader(built.pdf).pages) == 4
    assert not too_small(lambda: api.build_handout(program, ws).pdf)
