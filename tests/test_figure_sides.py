"""The patient's own side: a program's ``affected_side`` (or a dose's ``side: left``) draws a
one-sided exercise's picture with that side moving, mirrored where the figure shows the other
(its words not), and ``check`` says one line for a picture that cannot show it."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT
from handouts.cli import main
from handouts.figures import load_figure, render
from handouts.render import figure_sides

HAND = ROOT / "tests" / "clinics" / "hand"
WRIST = HAND / "images" / "wrist_bend_table.figure.yaml"


def _paths(svg: str, role: str) -> list[list[float]]:
    """The x of every point of each path of ``role`` in the SVG."""
    found = re.findall(rf'class="{role}"[^>]*?d="([^"]+)"|class="{role}"><path d="([^"]+)"',
                       svg)
    return [[float(x) for x in re.findall(r"(-?[\d.]+) -?[\d.]+", a or b)] for a, b in found]


def test_the_near_side_facing_right_is_the_persons_right():
    # front × up is the person's right (z, toward the viewer); facing left is the mirror
    assert figure_sides.mirrored(WRIST, "right") == ()
    assert figure_sides.mirrored(WRIST, "left") == (0, 1, 2)
    assert figure_sides.mirrored(WRIST, None) == ()


def test_a_mirrored_frame_mirrors_the_body_but_not_its_words():
    figure = load_figure(WRIST)
    plain, mirrored = render(figure), render(figure, mirrored=(0, 1, 2))
    assert plain != mirrored
    body, flipped = _paths(plain, "body")[0], _paths(mirrored, "body")[0]
    ox, _, w, _ = map(float, re.search(r'id="frame-1"[^>]*data-box="([^"]+)"', plain)
                      .group(1).split())
    # the same shape, left and right swapped in its frame (to the pixel)
    assert sorted(2 * ox + w - x for x in body) == pytest.approx(sorted(flipped), abs=0.25)
    words, kept = _paths(plain, "text"), _paths(mirrored, "text")
    assert len(words) == len(kept) == 2
    for before, after in zip(words, kept):  # "down", "up": moved, not turned round
        shift = after[0] - before[0]
        assert [round(b + shift, 1) for b in before] == pytest.approx(after, abs=0.2)
    badges = re.findall(r'class="badge-number" d="([^"]+)"', plain)
    assert badges == re.findall(r'class="badge-number" d="([^"]+)"', mirrored)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sides") / "northside"
    shutil.copytree(HAND, folder)
    return folder


def _built(home, name: str, extra: str, entry: str = "wrist_bend_table") -> bytes:
    program = home / f"{name}.yaml"
    program.write_text("patient: {name: Sam Lee}\ndate: 2026-12-04\n" + extra +
                       f"exercises: [{entry}]\n", encoding="utf-8")
    out = home / f"{name}.pdf"
    result = CliRunner().invoke(main, ["--home", str(home), "build",
                                       str(program), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _forms(pdf: bytes) -> list[str]:
    import io

    page = PdfReader(io.BytesIO(pdf)).pages[1]
    return sorted(page["/Resources"]["/XObject"].keys())


def test_a_program_for_the_left_wrist_prints_the_left_hand(home):
    right = _built(home, "right", "affected_side: right\n")
    plain = _built(home, "plain", "")
    left = _built(home, "left", "affected_side: left\n")
    # the figure draws the right (near, facing right): the right's drawing is the plain one
    assert _forms(right) == _forms(plain)
    assert _forms(left) != _forms(plain)  # the mirrored drawing is another form, another key
    from conftest import page_texts
    # its words read as before (the handout's id counts the side)
    assert page_texts(left)[1].split("Handout")[0] == page_texts(plain)[1].split("Handout")[0]
    # a dose's own side names it for one exercise, over the program's
    dosed = _built(home, "dose", "affected_side: right\n",
                   "{id: wrist_bend_table, dose: {side: left}}")
    assert _forms(dosed) == _forms(left)


def test_check_says_one_line_for_a_side_a_picture_cannot_show(tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("patient: {name: Sam Lee}\naffected_side: left\nexercises:\n"
                       "  - {id: child_pose, dose: {side: weaker side}}\n  - psoas_release\n",
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(program)], catch_exceptions=False)
    lines = [line for line in result.stderr.splitlines() if "cannot show" in line]
    assert lines == [f"warning: {program}:4: exercises[child_pose]: its picture "
                     "(images/child_pose.figure.yaml) cannot show the left side, so it shows it as "
                     "drawn; it does not say which side it draws: give it side: near (or far), "
                     "the side the exercise is for"], result.stderr


def test_a_side_that_is_no_side_is_one_line(tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("patient: {name: Sam Lee}\naffected_side: middle\n"
                       "exercises: [child_pose]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(program)], catch_exceptions=False)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "affected_side" in line]
    assert len(errors) == 1 and "left" in errors[0] and "right" in errors[0], result.stderr


def test_which_side_is_near_is_the_engines_for_every_key_pose(tmp_path):
    # lying face down facing right, the head is to the left and the back up: the person's
    # right is away from the viewer, and a file's near leg lifted is their left
    from handouts.figures import body, geometry as g, poses

    for name in poses.NAMES:
        for facing in ("right", "left"):
            key = poses.key_pose(name)
            f = 1.0 if facing == "right" else -1.0
            persons_right = g.cross((key.front[0] * f, *key.front[1:]),
                                    (key.head[0] * f, *key.head[1:]))
            near = "right" if g.dot(persons_right, body.root_frame(key, facing)[2]) > 0 \
                else "left"
            path = tmp_path / f"{name}_{facing}.figure.yaml"
            path.write_text(f"title: t\nside: near\nframes:\n  - pose: {{base: {name}, "
                            f"facing: {facing}}}\n", encoding="utf-8")
            assert figure_sides.mirrored(path, near) == (), (name, facing)
            other = "left" if near == "right" else "right"
            assert figure_sides.mirrored(path, other) == (0,), (name, facing)
