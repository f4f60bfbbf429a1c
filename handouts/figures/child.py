"""A child's body (a figure file's ``body: child``): a pediatric clinic's exercises are done
by children of 3 to 12, and an adult drawn doing a bear walk reads as the parent's exercise.

What tells a child from an adult at a glance, in outline, is the head: about a fifth of a
young child's height, where an adult's is an eighth (FIGURES.md draws it a seventh). The
head is drawn ``HEAD`` times larger about the top of the neck; where that would sink it into
what the body lies on (the face lying on the tummy, the back of the head lying on the back),
about its lowest point instead, so that it rests where the adult's did. The limbs and trunk
keep their lengths: every key pose, prop height and reach is worked out as for an adult, and
a figure file is written in the same units.
"""

from __future__ import annotations

from handouts.figures import body as b
from handouts.figures import geometry as g

HEAD = 1.4  # how many times an adult's the head is drawn


def child(posed: b.Posed, surface: float) -> None:
    """``posed`` with a child's head, in place; ``surface``: the height it lies or sits on."""
    torso = posed.groups["torso"]
    centre, radius = min(torso.pieces[b.HEAD_PIECE], key=lambda cr: cr[0][1] - cr[1])
    anchor = posed.joints["head_pivot"]
    if _grown(centre, anchor)[1] - radius * HEAD < min(surface, centre[1] - radius):
        anchor = (centre[0], centre[1] - radius, centre[2])
    # the head and a face's features after it
    torso.pieces[b.HEAD_PIECE:] = [[(_grown(c, anchor), r * HEAD) for c, r in piece]
                                   for piece in torso.pieces[b.HEAD_PIECE:]]
    posed.joints["head"] = _grown(posed.joints["head"], anchor)


def _grown(point: g.Vec, anchor: g.Vec) -> g.Vec:
    return g.add(anchor, g.mul(g.sub(point, anchor), HEAD))
