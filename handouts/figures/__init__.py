"""Exercise pictures drawn from data: a figure file (YAML) describes the view, the frames,
each frame's pose, props and marks; ``render`` turns it into a clean SVG. Pure Python: no
reportlab here, so the SVG can be looked at, tested and cached like a clinic's own drawing."""

from __future__ import annotations

from .model import Figure
from .svg import render

__all__ = ["Figure", "render"]
