"""A figure file is checked (its schema, and each frame posed to see that it can be drawn)
once a process for each content: a handout draws a figure for each box, language and page
direction it is printed in, and checking it again before each drawing was a quarter of the
drawing's time. A file changed since is checked as it is now."""

from __future__ import annotations

import pytest

from handouts.errors import HandoutError
from handouts.figures import load_figure, problems, scene
from handouts.render import pictures

TWO_FRAMES = """title: Lying on the back, then the belly rises
frames:
  - pose: {base: supine}
    props: [floor]
  - pose: {base: supine, breath: 1}
    props: [floor]
    marks:
      - arrow: {start: [-6, 25], end: [-6, 37], label: in}
"""


def test_a_figure_file_is_checked_once_however_often_it_is_drawn(tmp_path, monkeypatch):
    path = tmp_path / "belly.figure.yaml"
    path.write_text(TWO_FRAMES, encoding="utf-8")
    checked = []
    real = problems.frame_problems

    def counted(frame, camera):
        checked.append(frame)
        return real(frame, camera)

    monkeypatch.setattr(problems, "frame_problems", counted)
    drawn = [pictures.figure_svg(str(path), "#0b6e75", "#b35900", *variant)
             for variant in [(("en",),), (("en",), 2.0, 1.25), (("ar", "en"), 1.0, 1.0, True),
                             (("en",), 1.0, 1.0, False, (0,))]]
    assert all(svg.startswith("<svg") for svg in drawn)
    assert len(drawn[0]) != len(drawn[1])  # each box its own drawing
    assert len(checked) == 2, f"{len(checked)} frames checked for a file of 2"


def test_a_figure_file_changed_since_is_checked_as_it_is_now(tmp_path):
    path = tmp_path / "belly.figure.yaml"
    path.write_text(TWO_FRAMES, encoding="utf-8")
    assert len(load_figure(path).frames) == 2
    path.write_text(TWO_FRAMES.replace("{base: supine}", "{base: supine, surface: bed}"),
                    encoding="utf-8")
    with pytest.raises(HandoutError) as raised:
        load_figure(path)
    assert [str(p) for p in raised.value.problems] == [
        f'{path}:3: frames[1].pose.surface: the pose rests on a bed; add "- bed" to this '
        "frame's props"]
    path.write_text(TWO_FRAMES, encoding="utf-8")
    assert len(load_figure(path).frames) == 2


def test_each_frame_is_posed_once_to_be_checked_and_drawn(tmp_path, monkeypatch):
    # frames of their own (x: 3.7): posed by no other test of this process
    path = tmp_path / "belly.figure.yaml"
    path.write_text(TWO_FRAMES.replace("base: supine", "base: supine, x: 3.7"),
                    encoding="utf-8")
    posed = []
    real = scene.pose_body

    def counted(frame, surface, ghost=False):
        posed.append(frame)
        return real(frame, surface, ghost)

    monkeypatch.setattr(scene, "pose_body", counted)
    assert len(load_figure(path).frames) == 2
    for stretch in (1.0, 2.0):
        assert pictures.figure_svg(str(path), "#0b6e75", "#b35900", ("en",), stretch)
    assert len(posed) == 2, f"{len(posed)} poses for a file of 2 frames"
