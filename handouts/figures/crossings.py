"""An arrow drawn across an arm or a leg, `check`'s warning: a patient reads an arrow over a
limb as that limb moving (the knee rocks' arrows across the head made the head seem to turn;
tests/test_figure_marks.py holds the shipped figures to that). Left alone: an arrow across
the limb that moves (its ghost drawn elsewhere, or the one it runs along, as a reach runs
along the reaching arm or a knee lift along the shin), an arm whose hand a mark puts on the
body (it presses with the part it is on), a limb an arrow starts or ends on (a push into
the knee), and a limb hidden where it is crossed (an arm behind the thighs)."""

from __future__ import annotations

import math

from handouts.figures import body as b
from handouts.figures import geometry as g
from handouts.figures import marks as m
from handouts.figures import scene
from handouts.figures.model import Frame

# the pieces of an arm and a leg an arrow may cross (a hand or a foot is small, and an
# arrow often points at it), by their place in the limb
_PIECES = {"arm": ("upper arm", "forearm"), "leg": ("thigh", "shin")}
# an arrow meeting a limb at less than this runs along it (a reach along the arm)
_ALONG = 30.0
_SHORT = 3.0  # a limb seen end-on, shorter than this in the picture, is crossed by nothing
_STEPS = 24  # points along each curved piece of an arrow


def arrows_across(frame: Frame, posed: b.Posed, camera: g.Camera) -> list[tuple[tuple, str]]:
    """One line for each arrow of ``frame`` whose line crosses an arm or a leg of the
    person where it shows, naming the first limb it crosses."""
    arrows = [(j, mark.spec) for j, mark in enumerate(frame.marks) if mark.kind == "arrow"]
    if not arrows:
        return []
    moving = set(scene.ghosts(frame, camera)) | {
        f"{mark.spec.side}_arm" for mark in frame.marks
        if mark.kind == "hand" and isinstance(mark.spec.at, str)}
    shapes = [(name, [(camera.project(c), r, camera.depth(c)) for c, r in piece])
              for name, group in posed.groups.items() for piece in group.pieces]
    limbs = [(f"{side}_{limb}", f"{side} {piece}", shape) for side in ("near", "far")
             for limb, pieces in _PIECES.items() if f"{side}_{limb}" in frame.parts
             for piece, (_, shape) in zip(pieces, [s for s in shapes
                                                   if s[0] == f"{side}_{limb}"])
             if math.dist(shape[0][0], shape[-1][0]) >= _SHORT]
    landmarks = b.landmarks(posed)
    found = []
    for j, spec in arrows:
        ends = [m.resolve(p, landmarks, camera) for p in (spec.start, *spec.via, spec.end)]
        line = m.path_points([(p[0] + spec.offset[0], p[1] + spec.offset[1]) for p in ends],
                             spec.bend, _STEPS)
        along = {group for group, _, shape in limbs if _runs_along(line, shape)}
        for group, name, shape in limbs:
            if group in moving or group in along or any(
                    _inside(end, shape, 1.0) for end in (line[0], line[-1])):
                continue
            hit = _crossing(line, shape)
            if hit and not _hidden(hit, shape, [s for _, s in shapes if s is not shape]):
                found.append((("marks", j, "arrow"),
                              f"the arrow runs across the {name}, so the picture may seem "
                              f"to move the {name}; draw it beside the part that moves, or "
                              "along it (as a reach along the arm)"))
                break
    return found


def _axis(shape):
    return shape[0], shape[-1]  # (point, radius, depth) at each end of the limb's piece


def _crossing(line, shape):
    """Where the path ``line`` crosses the piece's axis at a steep angle: the point, and
    how far along the axis (0 to 1); or None."""
    (a, _, _), (c, _, _) = _axis(shape)
    v = (c[0] - a[0], c[1] - a[1])
    for p, q in zip(line, line[1:]):
        r = (q[0] - p[0], q[1] - p[1])
        den = r[0] * v[1] - r[1] * v[0]
        if abs(den) < 1e-9:
            continue
        t = ((a[0] - p[0]) * v[1] - (a[1] - p[1]) * v[0]) / den
        u = ((a[0] - p[0]) * r[1] - (a[1] - p[1]) * r[0]) / den
        sine = abs(den) / (math.hypot(*r) * math.hypot(*v))
        if 0 <= t <= 1 and 0 <= u <= 1 and sine >= math.sin(math.radians(_ALONG)):
            return (p[0] + t * r[0], p[1] + t * r[1]), u
    return None


def _runs_along(line, shape) -> bool:
    """Whether the arrow goes the way the piece lies, a third of it on or beside it."""
    (a, ra, _), (c, _, _) = _axis(shape)
    v, w = (c[0] - a[0], c[1] - a[1]), (line[-1][0] - line[0][0], line[-1][1] - line[0][1])
    if math.hypot(*w) < 1e-6:
        return False
    sine = abs(v[0] * w[1] - v[1] * w[0]) / (math.hypot(*v) * math.hypot(*w))
    if sine >= math.sin(math.radians(_ALONG)):
        return False
    # one outline for every point of the line: drawing it again for each point took most
    # of `check`'s time on a library of figures
    outline = _outline(shape, ra)
    return sum(_within(p, outline) for p in line) >= len(line) / 3


def _inside(point, shape, margin: float) -> bool:
    """Whether ``point`` is within the outline of a piece (its balls' hull) or ``margin``
    of it."""
    return _within(point, _outline(shape, margin))


def _outline(shape, margin: float) -> list[tuple[float, float]]:
    return g.circles_hull([(c, r + margin) for c, r, _ in shape])


def _within(point, outline) -> bool:
    return len(outline) > 2 and all(
        (q[0] - p[0]) * (point[1] - p[1]) - (q[1] - p[1]) * (point[0] - p[0]) >= 0
        for p, q in zip(outline, outline[1:] + outline[:1]))


def _hidden(hit, shape, others) -> bool:
    """Whether another piece of the body nearer the viewer covers the crossing."""
    point, u = hit
    (_, _, da), (_, _, dc) = _axis(shape)
    depth = da + (dc - da) * u
    return any(_inside(point, other, 0.0) and max(d for _, _, d in other) > depth + 1.0
               for other in others)
