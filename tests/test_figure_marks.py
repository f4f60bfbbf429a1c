"""Every figure file's marks, checked as geometry against its exercise's steps: an arrow's
word belongs to the steps its frame shows, no arrow runs across the head, a spot said to be
"between" two places is drawn between them, clear of both. And the example clinic's
exercises that a figure file draws have one (its stick figures did not match their steps).
A patient copies what the picture shows, frame by frame, beside the steps."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml

from handouts.figures import body as b
from handouts.figures import geometry as g
from handouts.figures import load_figure, scene, svg
from handouts.figures import props as p
from handouts.figures.model import words_in

ROOT = Path(__file__).resolve().parent.parent
DUBLIN = ROOT / "examples" / "dublin-shoulder"
LIBRARIES = (ROOT, DUBLIN, ROOT / "examples" / "knee-clinic")


def exercises() -> list:
    out = []
    for home in LIBRARIES:
        library = yaml.safe_load((home / "exercises.yaml").read_text(encoding="utf-8"))
        for exercise in library["exercises"]:
            if exercise.get("image", "").endswith(".figure.yaml"):
                out.append(pytest.param(exercise, home / exercise["image"], id=exercise["id"]))
    return out


def steps_of(exercise: dict, number: str) -> str:
    first, _, last = number.partition("-")
    return " ".join(exercise["steps"][int(first) - 1:int(last or first)]).lower()


def drawn(path: Path):
    """Each frame of the figure as laid out for a standard card: (frame, camera, items,
    the size of one output pixel in the frame's units)."""
    figure = load_figure(path)
    built, _, scale, _, _ = svg.layout(figure, scene.Style())
    for frame, cam, one in zip(figure.frames, svg.cameras(figure), built):
        yield frame, cam, one.items, 1 / (scale * frame.zoom)


@pytest.mark.parametrize("exercise, path", exercises())
def test_an_arrows_word_is_in_the_steps_its_frame_shows(exercise, path):
    """The SI joint reset's *pull* (step 4, at the same time as *push*) was drawn in the
    frame of steps 1-3, so the picture said to pull first and push after."""
    for frame in load_figure(path).frames:
        said = steps_of(exercise, frame.number)
        for mark in frame.marks:
            if mark.kind == "arrow" and mark.spec.label:
                word = words_in(mark.spec.label, ("en",)).lower()
                assert re.search(rf"\b{re.escape(word)}\b", said), (
                    f"frame {frame.number}: {word!r} is not in its steps: {said!r}")


def test_the_si_joint_reset_pulls_and_pushes_in_one_frame():
    figure = load_figure(ROOT / "images" / "si_joint_correction.figure.yaml")
    words = {frame.number: sorted(words_in(m.spec.label, ("en",)) for m in frame.marks
                                  if m.kind == "arrow") for frame in figure.frames}
    assert words == {"1-3": [], "4": ["pull", "push"]}


def _curve_points(item: g.Item, steps: int = 24) -> list[tuple[float, float]]:
    """The points along an arrow's path (its Bézier pieces sampled)."""
    out = []
    for cmds in item.paths:
        at = None
        for op, pts in cmds:
            if op == "C":
                p0, (p1, p2, p3) = at, pts
                for i in range(steps + 1):
                    t = i / steps
                    out.append(tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b_ +
                                     3 * (1 - t) * t * t * c + t ** 3 * d
                                     for a, b_, c, d in zip(p0, p1, p2, p3)))
            else:
                out += pts
            at = pts[-1]
    return out


@pytest.mark.parametrize("exercise, path", exercises())
def test_no_arrow_runs_across_the_head(exercise, path):
    """From the feet, the knee rocks' curved arrows ran across the head and shoulders: the
    head seemed to turn, not the knees to fall."""
    for frame, cam, items, px in drawn(path):
        if "torso" not in frame.parts:
            continue
        posed, _ = scene.place(frame, cam)
        head = [(cam.project(c), r) for c, r in posed.groups["torso"].pieces[-1]]
        x0, x1 = min(p[0] - r for p, r in head), max(p[0] + r for p, r in head)
        y0, y1 = min(p[1] - r for p, r in head), max(p[1] + r for p, r in head)
        for item in items:
            if item.role in ("arrow", "arrowhead"):
                half = item.width * px / 2
                inside = [p for p in (_curve_points(item) if item.role == "arrow"
                                      else item.points())
                          if x0 - half < p[0] < x1 + half and y0 - half < p[1] < y1 + half]
                assert not inside, f"frame {frame.number}: an arrow crosses the head at {inside[0]}"


@pytest.mark.parametrize("name", ["psoas_release", "psoas_release_tool"])
def test_the_psoas_spot_is_drawn_between_the_belly_button_and_the_hip_bone(name):
    """Step 2: "between your hip bone and belly button". The spot's ring covered the hip
    bone's dot, so the picture showed the spot *on* the hip bone."""
    path = ROOT / "images" / f"{name}.figure.yaml"
    frame, cam, items, px = next(drawn(path))
    posed, _ = scene.place(frame, cam)
    marks = b.landmarks(posed)
    navel, bone = (cam.project(marks[k][0]) for k in ("navel", "near_hip_bone"))
    ring = max((i for i in items if i.role == "spot"), key=lambda i: g.bounds([i])[2] -
               g.bounds([i])[0])
    rx0, ry0, rx1, ry1 = g.bounds([ring])
    centre, radius = ((rx0 + rx1) / 2, (ry0 + ry1) / 2), (rx1 - rx0) / 2 + ring.width * px / 2
    # along the line from one to the other, in its middle third...
    d = (bone[0] - navel[0], bone[1] - navel[1])
    t = ((centre[0] - navel[0]) * d[0] + (centre[1] - navel[1]) * d[1]) / (d[0] ** 2 + d[1] ** 2)
    assert 1 / 3 < t < 2 / 3, t
    # ...and the ring clear of both dots, by more than a printed outline's width
    dot = 2.4 * px
    for place in (navel, bone):
        gap = (math.dist(centre, place) - radius - dot) / px
        assert gap > 3, f"{gap:.1f} px between the spot and the dot at {place}"


@pytest.mark.parametrize("exercise_id", ["sleeper_stretch", "shoulder_blade_squeeze"])
def test_the_example_clinics_drawings_are_figure_files(exercise_id):
    library = yaml.safe_load((DUBLIN / "exercises.yaml").read_text(encoding="utf-8"))
    image = next(e["image"] for e in library["exercises"] if e["id"] == exercise_id)
    assert image.endswith(".figure.yaml")
    load_figure(DUBLIN / image)  # checked as any figure file is


def test_the_side_lying_stretch_draws_what_its_steps_name():
    """Its stick figure lay flat on its back, with no bed or pillow, the arm unclear."""
    figure = load_figure(DUBLIN / "images" / "sleeper_stretch.figure.yaml")
    frame, cam = figure.frames[-1], svg.cameras(figure)[-1]
    assert frame.pose.base == "side_lying" and frame.pose.surface == "bed"
    assert {prop.kind for prop in frame.props} >= {"bed", "pillow"}
    posed, unreached = scene.place(frame, cam)
    assert not unreached  # the upper hand is on the lower forearm
    J = posed.joints
    # step 1: the head on the pillow (lying on it, not floating over it or sunk into it)
    pillow = next(prop.spec for prop in frame.props if prop.kind == "pillow")
    head_low = min(c[1] - r for c, r in posed.groups["torso"].pieces[-1])
    assert abs(head_low - (pillow.at[1] + 4.0)) < 2.5
    # step 2, drawn light: the lower arm out in front, the forearm pointing up
    ghost = scene.pose_body(frame, p.surface_height(frame), ghost=True).joints
    up = g.unit(g.sub(ghost["far_wrist"], ghost["far_elbow"]))
    assert up[1] > 0.95
    out = g.unit(g.sub(J["far_elbow"], J["far_shoulder"]))
    assert out[2] > 0.95  # toward the viewer: in front of the body
    # step 3: pressed down toward the feet (head to the left), the other hand on it
    pressed = g.unit(g.sub(J["far_wrist"], J["far_elbow"]))
    assert pressed[0] > 0.5 and pressed[1] < up[1]
    assert g.length(g.sub(J["near_hand"], J["far_hand"])) < 5
