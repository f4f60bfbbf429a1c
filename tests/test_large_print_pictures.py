"""Large print's pictures print about 4 inches wide where the page allows it.

The layout's box was 4.2 x 3 inches beside the dose box, so a drawing about as tall as it is
wide (frames one above the other, a figure standing) filled its height and printed 2.4 to
2.9 inches wide (Walter Ng's wall stretch, page 4: 2.4). The box is now as tall as it is
wide where the exercise still fits its page, and the caption goes under the dose box where
that makes the row shorter. Read from the PDF: each drawing's form as placed on its page.
"""

from __future__ import annotations

import math

from clinic_copy import copied, edit
from conftest import EXAMPLES, forms_placed, page_texts, reader

from handouts import build as api
from handouts.words import text


def drawn_widths(pdf: bytes) -> dict[int, float]:
    """Page index → width in inches of the widest form drawn on it (the exercise's picture;
    the logo is on page 1 alone)."""
    found = {}
    for number, page in enumerate(reader(pdf).pages):
        widths = [math.hypot(m[0], m[1]) * (box[2] - box[0]) / 72
                  for m, box in forms_placed(page)]
        if widths:
            found[number] = max(widths)
    return found


def exercise_pages(pdf: bytes, handout) -> dict[str, list[int]]:
    pages = [" ".join(t.split()) for t in page_texts(pdf)]
    return {e.id: [i for i, t in enumerate(pages)
                   if t.startswith(f"{e.number}. {' '.join(text.part(e.title, 0).split())}")]
            for e in handout.exercises}


def test_walter_ngs_pictures_print_larger_each_on_its_one_page(ws):
    built = api.build_handout(api.load_program(EXAMPLES / "walter-ng-large-print.yaml", ws), ws)
    widths = drawn_widths(built.pdf)
    where = exercise_pages(built.pdf, built.handout)
    for e in built.handout.exercises:
        assert len(where[e.id]) == 1, (e.id, where[e.id])  # none runs on
    assert len(reader(built.pdf).pages) == 8
    # belly breathing (frames one above the other) 3.16 in before, the wall stretch 2.4
    assert widths[where["diaphragmatic_breathing"][0]] >= 3.7
    assert widths[where["wall_goal_post_stretch"][0]] >= 3.3
    assert widths[where["standing_hip_flexor_stretch"][0]] >= 4.1


def test_a_drawing_as_tall_as_wide_prints_larger_on_its_page(ws):
    """Child's pose (its frames one above the other) printed 2.8 inches wide, 2.85 tall;
    3.5 in the larger box. Since its arms are straight on all fours (the shoulders higher,
    the first frame taller) the same height gives 3.09 in, the page full to its footer;
    3.05 since its frame numbers print at 12 pt at least (large print's floor for a
    picture's words: see test_large_print_picture_words), their rings a little larger."""
    program = api.program_from_options(ws, patient="Ada Example", exercises=["child_pose"],
                                       layout="large_print")
    built = api.build_handout(program, ws)
    [page] = exercise_pages(built.pdf, built.handout)["child_pose"]
    assert drawn_widths(built.pdf)[page] >= 3.04
    assert len(reader(built.pdf).pages) == 4


def test_a_caption_or_a_video_without_a_picture_prints_beside_the_dose_box(tmp_path_factory):
    """An exercise with no picture but a caption and a video (a pelvic floor squeeze is felt,
    not seen): large print failed the whole handout (the caption taken for the picture,
    which a Paragraph is not: "has no attribute 'width'"). Its column holds the caption and
    the QR code beside the dose box, as a standard card's does."""
    home = copied(tmp_path_factory, "pelvic", "harborview")
    edit(home / "exercises.yaml", ("  position: lying or sitting\n",
                                   "  position: lying or sitting\n"
                                   "  caption: Squeeze and lift, then let go.\n"
                                   "  video: https://example.com/videos/squeeze\n"))
    ws = api.open_workspace(home=home)
    for layout in ("large_print", "standard", "compact"):
        program = api.program_from_data({
            "patient": {"name": "Ada Example"}, "date": "2026-12-03", "layout": layout,
            "exercises": ["pelvic_floor_long", "bridge"]}, ws, source="test")
        built = api.build_handout(program, ws)
        card = next(" ".join(t.split()) for t in page_texts(built.pdf)
                    if "Hold the squeeze while you count." in t)
        assert "Squeeze and lift, then let go." in card, layout
        assert "Scan to watch a video" in card, layout
        assert built.warnings == (), layout
