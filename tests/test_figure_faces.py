"""A head that turns: `neck_turn` turns it about the neck, and a figure that names it draws
a face (a nose and two eyes), so that a gaze exercise's head turned one way and then the
other shows which way, and a head in profile faces the card it looks at. A figure that does
not name it keeps the plain head outline of patient-education art."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import page_texts
from test_large_print_pictures import drawn_widths

from handouts.cli import main
from handouts.figures import load_figure, render, scene, svg

ROOT = Path(__file__).resolve().parent.parent
GAZE = ROOT / "tests" / "clinics" / "balance" / "images" / "gaze_head_turns.figure.yaml"
# a face's eyes and nose: filled with the outline's ink, no outline of their own
INKED = re.compile(r'<path d="([^"]+)" fill="#1f2328" stroke="#1f2328" stroke-width="0"')
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def frames_of(drawn: str) -> list[str]:
    return re.findall(r'<g id="frame-\d+" class="frame"[^>]*>(.*?)\n</g>', drawn, re.S)


def middle(d: str) -> tuple[float, float]:
    values = [float(v) for v in NUMBER.findall(d)]
    xs, ys = values[0::2], values[1::2]
    return (sum(xs) / len(xs), sum(ys) / len(ys))


def test_the_head_turns_one_way_then_the_other_the_nose_across_the_face():
    figure = load_figure(GAZE)
    sides = []
    for frame, cam in list(zip(figure.frames, svg.cameras(figure)))[1:]:
        posed = scene.place(frame, cam)[0]
        torso = posed.groups["torso"]
        nose = [c for piece, k in zip(torso.pieces, torso.apart) if k == 1 for c, _ in piece]
        head = cam.project(posed.joints["head"])[0]
        sides.append(sum(cam.project(c)[0] for c in nose) / len(nose) - head)
    # seen from the front, the nose is well off the head's middle, on one side, then the other
    assert sides[0] * sides[1] < 0, sides
    assert min(abs(s) for s in sides) >= 3, sides


def test_a_turned_face_shows_both_eyes_and_the_nose_apart_and_an_unturned_head_none():
    for body in frames_of(render(load_figure(GAZE), "#0b6e75", "#b35900"))[1:]:
        dots = [middle(d) for d in INKED.findall(body)]
        assert len(dots) == 3, body[:200]
        # no two run into one blot: each a little apart from the others
        assert min(abs(a[0] - b[0]) + abs(a[1] - b[1]) for i, a in enumerate(dots)
                   for b in dots[i + 1:]) >= 2.0, dots
    # a figure that names no head turn keeps the plain head of patient-education art
    for path in sorted((ROOT / "images").glob("*.figure.yaml")):
        assert not INKED.search(render(load_figure(path), "#0b6e75", "#b35900")), path.name


def test_in_profile_the_nose_stands_out_of_the_head_toward_where_it_looks():
    figure = load_figure(GAZE)
    frame, cam = figure.frames[0], svg.cameras(figure)[0]
    posed = scene.place(frame, cam)[0]
    items = scene._group_items(posed.groups["torso"], cam, far=False)
    outline = next(item for item in items if item.fill == "#ffffff")
    head = cam.project(posed.joints["head"])
    # the nose is a bump of the face's outline, past the round head (6.9 across), on the
    # side of the wall and its card; not a shape of its own over it
    front = max(x for x, y in outline.points() if abs(y - head[1]) < 3) - head[0]
    assert front >= 7.5, front
    assert len(items) == 3  # the outline and the eyes



def test_in_large_print_the_turned_heads_print_large_enough_to_see_which_way(tmp_path):
    """The close-ups of the head turning drew the trunk and both arms down to the seat: the
    head was a sixth of its frame's height, and three frames in a row across large print's
    4.2 inches printed it 0.43 inch across, its eyes and nose specks. A close-up of the head
    (`parts: [head]`) draws the head and shoulders alone, and no chair under them."""
    home = tmp_path / "steady-steps"
    shutil.copytree(ROOT / "tests" / "clinics" / "balance", home)
    out = tmp_path / "ruth.pdf"
    result = CliRunner().invoke(main, ["--home", str(home), "build", str(
        home / "examples" / "ruth-alvarado.yaml"), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pdf = out.read_bytes()
    [page] = [i for i, t in enumerate(page_texts(pdf))
              if t.lstrip().startswith("6. Head turns while you look at a card")]
    printed = drawn_widths(pdf)[page]  # inches, as placed on the page
    figure = load_figure(GAZE)
    drawn = render(figure, "#0b6e75", "#b35900")
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', drawn).group(1))
    built, boxes, scale, rows, style = svg.layout(figure, scene.Style())
    for frame, cam, made in list(zip(figure.frames, svg.cameras(figure), built))[1:]:
        posed = scene.place(frame, cam)[0]
        head = posed.groups["torso"].pieces[-4]  # the head; the nose and two eyes after it
        across = [cam.project(c)[0] + s * r for c, r in head for s in (1, -1)]
        inches = (max(across) - min(across)) * scale * frame.zoom / width * printed
        assert inches >= 0.55, inches
        assert not [item for item in made.items if item.role == "prop"]
