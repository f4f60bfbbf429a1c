"""A card on the wall (`card: {letter: E}`), the prop a gaze exercise looks at: a small
rectangle with a letter (or an X) on the wall's face toward the person, at their eyes'
height unless the file gives one. The balance clinic's gaze exercise drew a spot for it."""

from __future__ import annotations

import re
from pathlib import Path

from handouts.figures import body as b
from handouts.figures import load_figure, render, scene, svg
from handouts.figures import props as p

ROOT = Path(__file__).resolve().parent.parent
GAZE = ROOT / "tests" / "clinics" / "balance" / "images" / "gaze_head_turns.figure.yaml"


def card_and_letter(frame, cam) -> tuple[list | None, list | None, b.Posed]:
    """The card's outline and its letter's points in the picture, or None where not drawn."""
    posed = scene.place(frame, cam)[0]
    body = scene._group_items(posed.groups["torso"], cam, far=False)
    back, _, _ = p.props(frame, posed, cam, scene.Style(), body)
    card = [item for item in back if item.fill == "#ffffff" and item.role == "prop"]
    letter = [item for item in back if item.fill == p.INK]
    return (list(card[0].points()) if card else None,
            list(letter[0].points()) if letter else None, posed)


def figure_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "card.figure.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_gaze_exercises_card_is_on_the_wall_at_the_eyes_height_its_letter_on_it():
    figure = load_figure(GAZE)
    frame, cam = figure.frames[0], svg.cameras(figure)[0]  # from the side, sitting
    card, letter, posed = card_and_letter(frame, cam)
    assert card and letter, "no card, or no letter on it"
    xs, ys = [x for x, _ in card], [y for _, y in card]
    # at the eyes' height, its middle within a hair of it
    assert abs((min(ys) + max(ys)) / 2 - b.eyes(posed)[1]) <= 0.5, (ys, b.eyes(posed))
    # on the wall (x 40, 4 thick: its face toward the person at 36), toward the person:
    # seen edge on from the side, the card is drawn turned to the viewer from the wall
    assert abs(max(xs) - 36) <= 0.3 and 5 <= max(xs) - min(xs) <= 9, xs
    # the letter inside it, filling most of its width
    lx, ly = [x for x, _ in letter], [y for _, y in letter]
    assert min(xs) < min(lx) and max(lx) < max(xs) and min(ys) < min(ly) and max(ly) < max(ys)
    assert max(lx) - min(lx) >= 0.4 * (max(xs) - min(xs))


def test_a_card_faces_the_person_and_is_seen_only_where_the_wall_does_not_hide_it(tmp_path):
    path = figure_file(tmp_path, """title: Standing at a wall, a card on it
view: front
frames:
  - pose: {base: standing}
    props: [floor, {wall: {x: 30}}, {card: {height: 80}}]
  - pose: {base: standing, facing: left}
    props: [floor, {wall: {x: -30}}, {card: {height: 80}}]
""")
    figure = load_figure(path)
    (hidden, _, _), (seen, letter, _) = (card_and_letter(f, c) for f, c in zip(
        figure.frames, svg.cameras(figure)))
    # seen from where the person faces, the wall is between: no card drawn over it
    assert hidden is None
    # facing away (from behind them), the card's face, its letter on it, at the height given
    ys = [y for _, y in seen]
    assert abs((min(ys) + max(ys)) / 2 - 80) <= 0.5 and letter


def test_a_card_goes_on_the_wall_on_the_persons_side_whichever_side_it_stands(tmp_path):
    for facing, x, face in (("right", 40.0, 36.0), ("left", -30.0, -30.0)):
        figure = load_figure(figure_file(tmp_path, f"""title: Facing a wall with a card
frames:
  - pose: {{base: standing, facing: {facing}}}
    props: [floor, {{wall: {{x: {x}}}}}, {{card: {{}}}}]
"""))
        card, _, _ = card_and_letter(figure.frames[0], svg.cameras(figure)[0])
        xs = [px for px, _ in card]
        near = max(xs) if facing == "right" else min(xs)
        assert abs(near - face) <= 0.3, (facing, xs)


def _turning(d: str) -> float:
    """The signed area of a letter's outlines (their points, curves by their ends): a mirror
    turns every outline the other way round, so its sign changes."""
    total = 0.0
    for piece in d.split("M")[1:]:
        values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", piece)]
        points = list(zip(values[::2], values[1::2]))
        total += sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1)
                     in zip(points, points[1:] + points[:1]))
    return total


def test_a_cards_letter_reads_left_to_right_in_a_mirrored_frame_and_stays_on_the_card():
    # the other side's drawing is the first frame mirrored (render.figure_sides): the person
    # and the card swap sides, and the E on it was mirrored with them
    figure = load_figure(GAZE)
    plain, mirrored = render(figure), render(figure, mirrored=(0,))
    letters = r'class="(?:prop|lettering)" d="([^"]+)" fill="#1f2328"'  # ink on a prop
    [letter], [kept] = re.findall(letters, plain), re.findall(letters, mirrored)
    assert _turning(kept) * _turning(letter) > 0  # turned the same way round: not mirrored
    # on the card, which the mirror moved to the person's other side
    card = re.search(r'<g id="frame-1".*?class="prop" d="([^"]+)" fill="#ffffff"', mirrored,
                     re.S)[1]
    xs = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", card)[::2]]
    lx = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", kept)[::2]]
    assert min(xs) < min(lx) and max(lx) < max(xs)
    assert abs((min(lx) + max(lx)) / 2 - (min(xs) + max(xs)) / 2) < 0.1 * (max(xs) - min(xs))
