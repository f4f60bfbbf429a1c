"""A head tipped toward a shoulder: `neck_side` bends the neck sideways, as a neck side bend
stretch does (an ear toward its shoulder), so a clinic's figure file can draw it seen from
the front. Without it, a figure had the nod (`neck`) and the turn (`neck_turn`) only, and a
side bend drawn with `spine_side` leant the whole trunk instead."""

from __future__ import annotations

import textwrap
from pathlib import Path

from handouts.figures import load_figure, render, scene, svg
from test_figure_faces import INKED, frames_of

SIDE_BEND = """\
title: Sitting, seen from the front; the head tips toward one shoulder, then the other
view: front
frames:
  - number: "1"
    pose: {base: sitting, surface: chair, joints: {neck_side: 35}}
    props: [floor, chair]
  - number: "2"
    pose: {base: sitting, surface: chair, joints: {neck_side: -35}}
    props: [floor, chair]
  - number: "3"
    pose: {base: sitting, surface: chair}
    props: [floor, chair]
"""


def _figure(tmp_path: Path):
    path = tmp_path / "neck_side_bend.figure.yaml"
    path.write_text(textwrap.dedent(SIDE_BEND), encoding="utf-8")
    return load_figure(path)


def test_the_head_tips_to_one_side_then_the_other_the_shoulders_staying_level(tmp_path):
    figure = _figure(tmp_path)
    offsets, shoulders = [], []
    for frame, cam in zip(figure.frames, svg.cameras(figure)):
        posed = scene.place(frame, cam)[0]
        neck = cam.project(posed.joints["neck"])
        head = cam.project(posed.joints["head"])
        offsets.append(head[0] - neck[0])
        shoulders.append(tuple(round(cam.project(posed.joints[f"{side}_shoulder"])[1], 3)
                               for side in ("near", "far")))
    tipped_one, tipped_other, upright = offsets
    # seen from the front the head stands over the neck, and tipped it is well out to one
    # side (a head is about 7 across), then as far to the other
    assert abs(upright) < 0.5, offsets
    assert tipped_one * tipped_other < 0, offsets
    assert min(abs(tipped_one), abs(tipped_other)) >= 4, offsets
    # the neck bends, not the back: the shoulders stay where they were
    assert shoulders[0] == shoulders[1] == shoulders[2], shoulders


def test_a_tipped_head_has_a_face_so_its_tilt_shows_and_an_upright_one_stays_plain(tmp_path):
    bodies = frames_of(render(_figure(tmp_path), "#0b6e75", "#b35900"))
    assert [len(INKED.findall(body)) for body in bodies] == [3, 3, 0]
