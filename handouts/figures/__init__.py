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
    asks for can be drawn (figures/problems.py): a surface the pose rests on is in the
    frame, a hand reaches, nothing goes through the floor, a chair or a counter, a ghost
    shows a part somewhere else, an arrow goes somewhere."""
    from handouts.figures import svg
    from handouts.figures.problems import frame_problems
    from handouts.input.loading import load_once

    try:
        figure, parsed = load_once(path, Figure)
    except HandoutError as exc:
        # pydantic also calls the frame list too short once a frame in it is wrong
        real = [Problem(p.location, _NUMBER) if p.message.startswith(
                    "Input should be a valid number") else p for p in exc.problems
                if p.location.path != "frames" or p.message != "must not be an empty list"]
        raise HandoutError(real or exc.problems) from None
    problems = [Problem(parsed.location(("frames", i, *place)), words)
                for i, (frame, camera) in enumerate(zip(figure.frames, svg.cameras(figure)))
                for place, words in frame_problems(frame, camera)]
    if problems:
        raise HandoutError(problems)
    return figure
