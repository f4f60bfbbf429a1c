"""A child drawn from a figure file (``body: child``, figures/child.py): a pediatric clinic's
exercises are done by children of 3 to 12 (tests/clinics/pediatric), and every figure was
an adult's, so a bear walk or a bridge read as the parent's exercise. The head is drawn
larger for the body, as a young child's is, and rests where an adult's would: on the floor
lying down, never through it."""

from __future__ import annotations

import pytest

from handouts.figures import body as b
from handouts.figures import load_figure, scene, svg

POSES = {
    "standing": "{base: standing}",
    "lying": "{base: hook_lying}",
    "bridge": "{base: bridge}",
    "tummy": "{base: prone, joints: {near_shoulder: 175, far_shoulder: 175}}",
    "bear": "{base: bear}",
}


def frame(tmp_path, pose: str, body: str):
    path = tmp_path / f"{pose}-{body}.figure.yaml"
    path.write_text(f"title: A {body}, {pose}\nbody: {body}\nframes:\n"
                    f"  - pose: {POSES[pose]}\n    props: [floor]\n", encoding="utf-8")
    figure = load_figure(path)
    return scene.place(figure.frames[0], svg.cameras(figure)[0])[0]


def head_share(posed) -> float:
    """The head's height, chin to crown, as a share of the body's, standing."""
    head = posed.groups["torso"].pieces[b.HEAD_PIECE]
    top = max(c[1] + r for piece in posed.groups.values() for part in piece.pieces
              for c, r in part)
    return (max(c[1] + r for c, r in head) - min(c[1] - r for c, r in head)) / top


def test_a_childs_head_is_about_a_fifth_of_its_height(tmp_path):
    adult, child = (head_share(frame(tmp_path, "standing", body)) for body in ("adult", "child"))
    assert adult < 1 / 6.5  # an adult's, drawn a little large (FIGURES.md: 1/7)
    assert 1 / 5.6 < child < 1 / 4.5


@pytest.mark.parametrize("pose", ["lying", "bridge", "tummy", "bear"])
def test_a_childs_head_rests_where_an_adults_does_never_through_the_floor(tmp_path, pose):
    lowest = {body: min(c[1] - r for c, r in
                        frame(tmp_path, pose, body).groups["torso"].pieces[b.HEAD_PIECE])
              for body in ("adult", "child")}
    assert lowest["child"] >= -0.1
    if lowest["adult"] < 1.0:  # the head lies on the floor: so does the child's
        assert lowest["child"] < 1.0


def test_a_body_that_is_neither_is_told_in_one_line(tmp_path):
    path = tmp_path / "x.figure.yaml"
    path.write_text("title: A bear walk\nbody: kid\nframes:\n  - pose: {base: bear}\n",
                    encoding="utf-8")
    with pytest.raises(Exception) as told:
        load_figure(path)
    assert "body: \"kid\" is not allowed; use one of 'adult' or 'child'" in str(told.value)


def test_a_frames_body_is_told_to_go_at_the_top(tmp_path):
    # a frame's body: was read, then replaced by the figure's "adult": the child was drawn
    # as an adult without a word
    path = tmp_path / "x.figure.yaml"
    path.write_text("title: A bear walk\nframes:\n  - pose: {base: bear}\n    body: child\n",
                    encoding="utf-8")
    with pytest.raises(Exception) as told:
        load_figure(path)
    assert str(told.value) == (
        f"{path}:4: frames[1].body: body is the whole figure's, not a frame's: give it once "
        "at the top of the file, beside title: (body: child)")
