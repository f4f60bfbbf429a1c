"""Large print's education in two languages, read back from the PDFs: a heading inside a
topic stays with the first lines of the paragraph it heads, and the page before it is not
left a third empty because the whole paragraph (said twice) moved on with it."""

from __future__ import annotations

import dataclasses

import pytest

from handouts import build as api
from handouts.render.theme import theme_for
from handouts.words import text

from page_fill_reading import lines as page_lines

FULL_ENOUGH = 0.66


def lines(pdf: bytes, paper: str) -> list[list[tuple[float, str]]]:
    """Per page, (baseline above the frame's foot, text) of each line in the frame, top
    first; bold text marked with a leading "**" (test_page_fill's reading, sorted)."""
    return [sorted(found, key=lambda line: -line[0])
            for found in page_lines(pdf, "large_print", paper)]


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_a_heading_inside_a_topic_keeps_its_first_lines_not_its_whole_paragraph(ws, paper):
    """Every topic, one exercise, Spanish and English on Letter: "Cirugía / Surgery" moved
    to the next page with its paragraph, 13 lines in two languages, and left page 12 58 %
    full."""
    ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": paper}))
    program = api.program_from_options(
        ws, patient="Ada Example", exercises=["child_pose"],
        education=[t.id for t in ws.library.education], layout="large_print",
        language="es,en", date="2026-11-23")
    built = api.build_handout(program, ws)
    frame = theme_for("large_print", paper).frame_height
    pages = lines(built.pdf, paper)
    # the headings inside topics that head a paragraph (not a list)
    headed = [text.parts(block.heading)[0]
              for topic in built.handout.education for block, after in zip(
                  topic.body, topic.body[1:])
              if hasattr(block, "heading") and hasattr(after, "text")]
    assert len(headed) >= 3
    seen = 0
    for number, page in enumerate(pages):
        for at, (_, said) in enumerate(page):
            if said.lstrip("*") not in headed:
                continue
            seen += 1
            # with at least two lines of its paragraph (in each language's heading)
            under = [t for _, t in page[at + 1:at + 6] if not t.startswith("**")]
            assert len(under) >= 2, (number + 1, said, page[at:at + 4])
            if at == 0 and number:
                above = pages[number - 1]
                fill = 1 - min(y for y, _ in above) / frame
                assert fill >= FULL_ENOUGH, (
                    f"page {number} is {fill:.0%} full; {said!r} opens page {number + 1}")
    assert seen >= len(headed)
