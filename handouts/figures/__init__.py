"""Exercise pictures drawn from data: a figure file (YAML) describes the view, the frames,
each frame's pose, props and marks; ``render`` turns it into a clean SVG. Pure Python: no
reportlab here, so the SVG can be looked at, tested and cached like a clinic's own drawing."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import HandoutError, Problem
from handouts.figures.model import Figure
from handouts.figures.svg import render

SUFFIX = ".figure.yaml"
_NUMBER = "expected a number (in percent of the person's height, or degrees)"

__all__ = ["Figure", "SUFFIX", "is_figure", "load_figure", "render"]


def is_figure(path: Path | str) -> bool:
    return str(path).lower().endswith(SUFFIX)


def load_figure(path: Path | str) -> Figure:
    """A figure file, checked: the schema (every problem with its line), and that what it
    asks for can be drawn — a surface the pose rests on is in the frame, a hand reaches, a
    ghost shows a part somewhere else."""
    from handouts.figures import scene, svg
    from handouts.input.loading import load_once

    try:
        figure, parsed = load_once(path, Figure)
    except HandoutError as exc:
        # pydantic also calls the frame list too short once a frame in it is wrong
        real = [Problem(p.location, _NUMBER) if p.message.startswith(
                    "Input should be a valid number") else p for p in exc.problems
                if p.location.path != "frames" or p.message != "must not be an empty list"]
        raise HandoutError(real or exc.problems) from None
    problems = []
    for i, (frame, camera) in enumerate(zip(figure.frames, svg.cameras(figure))):
        kinds = [prop.kind for prop in frame.props]
        surface = frame.pose.surface
        if surface != "floor" and surface not in kinds:
            problems.append(Problem(parsed.location(("frames", i, "pose", "surface")),
                                    f'the pose rests on a {surface}; add "- {surface}" to '
                                    "this frame's props"))
            continue
        built = scene.build(frame, camera, scene.Style(), 0.3)
        sunk = _below_the_floor(frame, camera)
        if sunk:
            problems.append(Problem(parsed.location(("frames", i, "pose", "joints")), sunk))
        if frame.ghost and not any(item.role == "ghost" for item in built.items):
            problems.append(Problem(parsed.location(("frames", i, "ghost", "joints")),
                                    "the ghost's joints leave every part where it is; give "
                                    "the angles where the moving part starts"))
        for j, mark in enumerate(frame.marks):
            part = f"{mark.spec.side} {mark.kind}" if mark.kind in ("hand", "elbow") else ""
            if part in built.unreached:
                problems.append(Problem(parsed.location(("frames", i, "marks", j, mark.kind,
                                                         "at")),
                                        f"the {part} cannot reach there from this pose; move "
                                        "the point or change the pose"))
    if problems:
        raise HandoutError(problems)
    return figure


# a hair through the floor is the round of a heel; more is a foot or a knee drawn through it
_SINKS = 2.5


def _below_the_floor(frame, camera) -> str:
    """What the frame's pose puts through the floor, in words, or ""."""
    from handouts.figures import scene

    posed = scene.place(frame, camera)[0]
    for name, group in posed.groups.items():
        depth = -min(c[1] - r for piece in group.pieces for c, r in piece)
        if depth > _SINKS:
            part = name.replace("_", " ")
            return (f"the {part} goes through the floor ({depth:.0f} % of the height below it); "
                    "change its angles so that "
                    "it rests on the floor (lying with the knees up, hook_lying keeps each "
                    "foot on the floor as its knee bends)")
    return ""
