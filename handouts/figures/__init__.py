"""Exercise pictures drawn from data: a figure file (YAML) describes the view, the frames,
each frame's pose, props and marks; ``render`` turns it into a clean SVG. Pure Python: no
reportlab here, so the SVG can be looked at, tested and cached like a clinic's own drawing."""

from __future__ import annotations

import functools
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
    shows a part somewhere else, an arrow goes somewhere. Checked once a process for each
    content of the file (read each time, so a file changed since is checked as it is now):
    a handout draws a figure for each box, language and direction it is printed in, and
    posing every frame to check it again took a quarter of each drawing's time. The result
    is shared: leave it as it is."""
    from handouts.input.loading import read_text

    return _checked(str(path), read_text(path))


# as many as the figure files of a big library (a few hundred), as input.loading keeps their
# validated models; a file with a problem is not kept (lru_cache keeps no exception)
@functools.lru_cache(maxsize=512)
def _checked(source: str, text: str) -> Figure:
    from handouts.figures import svg
    from handouts.figures.problems import frame_problems
    from handouts.input.loading import load_once

    try:
        figure, parsed = load_once(source, Figure, text=text)
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
