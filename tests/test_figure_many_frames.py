"""A figure of more than three frames: a tendon glide's five hand shapes. Four to six frames
are allowed where every frame is a close-up of a hand (a whole body that small would not
read at a card's size), and stand in a row or in two rows, whichever draws them larger in
the box the picture prints in; the built handout prints all five hands on the card's page
in every layout, and large print's taller box draws them in two rows, as large as it can."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import forms_placed

from handouts.cli import main
from handouts.errors import HandoutError
from handouts.figures import load_figure, render, svg

JAPANESE = Path(__file__).resolve().parent / "clinics" / "japanese"
GLIDE = JAPANESE / "images" / "tendon_glide.figure.yaml"
INK = b".121569 .137255 .156863 RG\n"  # a body's outline colour (#1f2328) in a PDF
SHAPES = ["open", "hook", "fist", "tabletop", "straight_fist"]


def frame_boxes(text: str) -> list[list[float]]:
    return [[float(v) for v in box.split()] for box in re.findall(r'data-box="([^"]+)"', text)]


def hand_frame(shape: str) -> str:
    return (f"  - parts: [near_forearm]\n    pose: {{base: standing, hands: {{near: {shape}}}, "
            "joints: {near_shoulder: 40, near_elbow: 140, near_forearm_turn: 90}}\n")


def test_the_tendon_glide_has_its_five_shapes_in_the_order_of_its_steps():
    figure = load_figure(GLIDE)
    assert [f.pose.hands.near for f in figure.frames] == SHAPES
    assert [f.number for f in figure.frames] == ["1", "2", "3", "4", "5"]


def test_five_close_ups_stand_in_two_rows_where_that_draws_them_larger():
    figure = load_figure(GLIDE)
    # a narrow, tall box (a compact card's column grown down): three above, two below, each
    # as large as the three-frame glide drew its frames in a standard card's box
    boxes = frame_boxes(render(figure, stretch=2.0))
    tops = [round(b[1]) for b in boxes]
    assert tops[0] == tops[1] == tops[2] < tops[3] == tops[4], boxes
    assert boxes[3][0] < boxes[0][0] + boxes[0][2]  # the fourth starts the second line
    three = figure.model_copy(update={"frames": figure.frames[:3]})
    assert svg.layout(figure, svg.scene.Style("#0b6e75", "#b35900"), 2.0)[2] >= \
        0.95 * svg.layout(three, svg.scene.Style("#0b6e75", "#b35900"), 1.0)[2]
    # a standard card's box, wider than tall: one row of five
    assert len({round(b[1]) for b in frame_boxes(render(figure))}) == 1


def test_two_rows_read_as_lines_of_text_with_no_arrow_down_the_middle():
    text = render(load_figure(GLIDE).model_copy(update={"arrange": "two rows"}))
    # 1 → 2 → 3, then 4 → 5: an arrow down from the middle would point at nothing
    assert text.count('class="next"') == 3
    assert render(load_figure(GLIDE)).count('class="next"') == 4  # a row: 1 → 2 → … → 5


def check_line(tmp_path: Path, name: str, frames: str, head: str = "") -> list[str]:
    home = tmp_path / "clinic"
    shutil.copytree(JAPANESE, home)
    (home / "images" / name).write_text(f"title: A figure\n{head}frames:\n{frames}",
                                        encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(home), "check"])
    assert result.exit_code == 1, result.output
    return [line for line in result.output.splitlines() if name in line]


def test_more_than_three_whole_body_frames_are_refused_in_one_line(tmp_path):
    body = "  - pose: {base: sitting, surface: chair}\n    props: [chair]\n"
    lines = check_line(tmp_path, "wrist_towel.figure.yaml", body * 4)
    assert lines == [
        f"error: {tmp_path}/clinic/images/wrist_towel.figure.yaml:2: frames: 4 frames print "
        "too small to follow on a card unless each is a close-up of a hand (parts: "
        "[near_forearm]); frames[1] is not: use at most 3 frames, or make each a close-up"]


def test_one_whole_body_among_hand_close_ups_is_named(tmp_path):
    frames = hand_frame("open") * 2 + "  - pose: {base: standing}\n" + hand_frame("fist")
    lines = check_line(tmp_path, "tendon_glide.figure.yaml", frames)
    assert len(lines) == 1 and "frames[3] is not" in lines[0], lines


def test_seven_hand_close_ups_are_refused_in_one_line(tmp_path):
    lines = check_line(tmp_path, "tendon_glide.figure.yaml", hand_frame("open") * 7)
    assert lines == [
        f"error: {tmp_path}/clinic/images/tendon_glide.figure.yaml:2: frames: 7 frames are "
        "more than a card can show: use at most 6 (each a close-up of a hand), or 3"]


def test_two_rows_needs_four_frames_or_more(tmp_path):
    bad = tmp_path / "two.figure.yaml"
    bad.write_text("title: Three\narrange: two rows\nframes:\n" + hand_frame("open") * 3,
                   encoding="utf-8")
    with pytest.raises(HandoutError) as caught:
        load_figure(bad)
    assert str(caught.value) == (f'{bad}:3: frames: arrange "two rows" is for 4 to 6 frames; '
                                 "this figure has 3: use auto, row or column")


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_the_built_handout_prints_all_five_hands_on_the_cards_page(tmp_path, layout):
    pdf = tmp_path / "glide.pdf"
    built = CliRunner().invoke(main, ["--home", str(JAPANESE), "build", "--patient",
                                      "山田 花子", "--exercise", "tendon_glide",
                                      "--layout", layout, "-o", str(pdf)])
    assert built.exit_code == 0, built.output
    page = next(p for p in PdfReader(pdf).pages if "指先が手のひらにつくように" in
                p.extract_text())
    forms = [x.get_object() for name, x in (page["/Resources"].get("/XObject") or {}).items()
             if ".fig_" in name]
    assert len(forms) == 1
    # each hand is six outlines (the forearm and palm, four fingers, the thumb)
    assert forms[0].get_data().count(INK) == 5 * 6


def glide_drawn(tmp_path: Path, name: str, program: str) -> tuple[float, float]:
    """The tendon glide's drawing on its page of the handout ``program`` makes, as printed:
    its width and height in inches. Its page must hold the whole exercise, tips too."""
    home, pdf = tmp_path / name, tmp_path / f"{name}.pdf"
    shutil.copytree(JAPANESE, home)
    (home / "program.yaml").write_text(program, encoding="utf-8")
    built = CliRunner().invoke(main, ["--home", str(home), "build",
                                      str(home / "program.yaml"), "-o", str(pdf)])
    assert built.exit_code == 0, built.output
    [page] = [p for p in PdfReader(pdf).pages if "指先が手のひらにつくように" in p.extract_text()]
    assert "痛みのない範囲で" in page.extract_text()
    [(m, box)] = [(m, box) for m, box in forms_placed(page) if m[0] * (box[2] - box[0]) > 72]
    return (math.hypot(m[0], m[1]) * (box[2] - box[0]) / 72,
            math.hypot(m[2], m[3]) * (box[3] - box[1]) / 72)


def test_large_print_draws_five_hands_for_its_taller_box(tmp_path):
    """Large print's 4.2 x 4.2 in box drew a figure as for its 4.2 x 3 in layout's box (so
    that three frames stand as they do there): five hands stood in one row 1.44 in tall,
    each under an inch wide, on a page otherwise mostly empty. Drawn for the box they print
    in, they stand three above two, the drawing as tall as the box (the three-frame glide's
    row was 3.0 in tall); a shorter box where a note leaves less room. A page too full for
    two rows each clearly taller than the one row keeps the row, as large as it was."""
    tanaka = (JAPANESE / "examples" / "tanaka-large.yaml").read_text(encoding="utf-8")
    wide, tall = glide_drawn(tmp_path, "tanaka", tanaka)
    # three above two: taller than wide (a row of five is three times wider than tall)
    assert wide < tall and tall >= 4.1, (wide, tall)
    sentence = "手首をまっすぐにしたまま、ゆっくり動かしてください。"
    program = ("patient: {name: 田中 一郎}\ndate: 2026-12-05\nlayout: large_print\n"
               "exercises:\n  - id: tendon_glide\n    note: %s\n")
    wide, tall = glide_drawn(tmp_path, "note", program % sentence)
    assert wide < tall and tall >= 3.4, (wide, tall)
    wide, tall = glide_drawn(tmp_path, "long_note", program % (sentence * 3))
    assert (round(wide, 2), round(tall, 2)) == (4.2, 1.44)
