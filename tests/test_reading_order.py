"""An exercise card reads in order: a screen reader, a copy of the whole page and a text
extractor follow the order things are drawn in, and the card's text column (its title
first) is drawn before the column beside it (the picture, its caption and, in the standard
layout, the dose). The caption was drawn first, so it read as the end of the exercise
before: "Tips: … after having children. Tuck your hips under and push them forward. 3.
Standing hip flexor stretch". Read back with pypdf, which extracts in drawing order.
"""

from __future__ import annotations

import re

import pytest

import handouts as api
from handouts.words import text

from conftest import EXAMPLES, page_texts

LAYOUTS = ("standard", "compact", "large_print")


def assert_each_caption_reads_inside_its_own_exercise(built) -> None:
    read = " ".join(" ".join(page_texts(built.pdf)).split())
    # a card's title: the last time it is read before its first step (the summary table on
    # page 1, which may run on to page 2, names every exercise too), but where the steps
    # start a page under the title again, marked "(continued)" (large print, its picture
    # kept large: large_picture.page_row)
    starts = {}
    for e in built.handout.exercises:
        step = read.find(" ".join(text.part(e.steps[0], 0).split()))
        title = f"{e.number}. {text.part(e.title, 0)}"
        starts[e.id] = max(m.start() for m in re.finditer(re.escape(title) + r"(?! \()",
                                                          read[:step]))
        assert 0 <= starts[e.id] < step, e.id
    captioned = 0
    for e in built.handout.exercises:
        if e.caption:
            caption = read.find(" ".join(text.part(e.caption, 0).split()), starts[e.id])
            later = [at for at in starts.values() if at > starts[e.id]]
            assert starts[e.id] < caption < min(later, default=len(read)), (e.id, read)
            captioned += 1
    assert captioned >= 3


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("language", [("en",), ("es", "en")])
def test_an_exercise_s_caption_reads_after_its_title(ws, jane, layout, language):
    program = jane.model_copy(update={"layout": layout, "language": language})
    assert_each_caption_reads_inside_its_own_exercise(api.build_handout(program, ws))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_so_does_an_a4_clinic_s(layout):
    dublin = api.open_workspace(home=EXAMPLES / "dublin-shoulder")
    program = api.load_program(EXAMPLES / "dublin-shoulder" / "examples" / "aoife-byrne.yaml",
                               dublin)
    assert_each_caption_reads_inside_its_own_exercise(
        api.build_handout(program.model_copy(update={"layout": layout}), dublin))
