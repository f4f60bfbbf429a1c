"""What a hand holds: putty, a ball of it on an open palm or a roll of it in a closed hand.

A ball in a fist is hidden by the fingers: the hand clinic's putty squeeze drew a plain fist,
which a patient cannot tell from making a fist with nothing in it. Squeezed, putty is a roll
across the palm that the fingers wrap round, its two ends showing either side of the fist:
above the first finger and the thumb, below the little finger. Units as in figures/hand.py:
the hand's own frame (x out of the palm, y up the forearm, z toward the thumb), from the
wrist.
"""

from __future__ import annotations

from handouts.figures import body as b
from handouts.figures import geometry as g

Circle = tuple[g.Vec, float]

# shapes that leave the palm open, the fingers straight: putty rests on it as a ball
OPEN = ("open", "spread", "tabletop")
# a ball on an open palm: how far down the hand its middle is (the palm's middle)
ON_PALM = (0.7, -3.0, 0.0)
# a roll in a closed hand: its middle in the hollow the curled fingers leave in front of
# the palm, and its ends past the first finger's and the little finger's sides (the hand is
# about 5 across there), so that each shows beyond the fist by about the roll's thickness
IN_FIST = (1.6, -4.4, 0.3)
ROLL_ENDS = (-4.3, 4.6)
ROLL = 0.8  # the roll is this much of the ball's radius thick: squeezed thinner and longer


def putty(posed: b.Posed, side: str, radius: float) -> tuple[list[list[Circle]], g.Vec | None]:
    """The putty in the ``side`` hand as round pieces in the world, and for a ball on an
    open palm the way the palm faces (the ball is in front of the hand where the palm faces
    the viewer, behind it where the back of the hand does); None for putty the hand closes
    round, drawn behind the hand so that the fingers wrap it."""
    wrist, frame = posed.joints[f"{side}_wrist"], posed.frames[f"{side}_hand"]
    at = lambda p: g.add(wrist, g.apply(frame, p))  # noqa: E731
    shape = posed.hands.get(side)
    if shape is None:  # a mitten, in a whole-body picture: a ball in its middle
        return [[(posed.joints[f"{side}_hand"], radius)]], None
    if shape in OPEN:
        x, y, z = ON_PALM
        return [[(at((x + radius, y, z)), radius)]], frame[0]
    x, y, z = IN_FIST
    thick = radius * ROLL
    return [[(at((x, y, ROLL_ENDS[0])), thick), (at((x, y, ROLL_ENDS[1])), thick)]], None


def middle(posed: b.Posed, side: str) -> g.Vec:
    """Where the putty's middle is in a closed hand: for the tests, inside the fist."""
    return g.add(posed.joints[f"{side}_wrist"], g.apply(posed.frames[f"{side}_hand"], IN_FIST))
