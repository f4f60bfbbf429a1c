"""The props a figure file names (a bed, a wall, a chair, a wheelchair, a towel, ...), as data: frozen,
unknown keys are errors. Units as in figures/model.py: percent of standing height, x to the
right, y up from the floor. A point here is what the marks take too (``Point``): a
landmark's name, ``[x, y]`` or ``[x, y, z]``; the schema's strictness is the marks' too
(``STRICT``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator

from handouts.figures.body import LANDMARKS
from handouts.input.references import did_you_mean

Side = Literal["near", "far"]

STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _landmark(value: Any) -> Any:
    if isinstance(value, str) and value not in LANDMARKS:
        hint = did_you_mean(value, LANDMARKS)
        raise ValueError(f'unknown landmark "{value}"' + (hint or "; expected one of: " +
                                                         ", ".join(LANDMARKS)))
    if isinstance(value, list):
        if len(value) not in (2, 3) or not all(isinstance(v, (int, float)) and
                                                not isinstance(v, bool) for v in value):
            raise ValueError("a point is a landmark's name, [x, y] or [x, y, z] (numbers)")
        return tuple(float(v) for v in value)
    if not isinstance(value, (str, tuple)):
        raise ValueError("a point is a landmark's name, [x, y] or [x, y, z] (numbers)")
    return value


Point = Annotated[Union[str, tuple[float, ...]], BeforeValidator(_landmark)]


class Floor(BaseModel):
    model_config = STRICT


class Bed(BaseModel):
    model_config = STRICT
    start: float = -75.0   # where the bed begins and ends along x
    end: float = 40.0
    height: float = 34.0
    width: float = 60.0
    side: Side = "near"    # the long side the person lies close to


class Wall(BaseModel):
    model_config = STRICT
    x: float = -30.0


class Chair(BaseModel):
    model_config = STRICT
    x: float = 0.0
    seat: float = 26.0
    facing: Literal["right", "left"] = "right"
    # a chair with arms, as a patient pushes up from after a stroke or a hip operation
    arms: bool = False


class Wheelchair(BaseModel):
    """A manual wheelchair seen from the side (figures/wheelchair.py): ``x`` the seat's
    middle, as a chair's; ``seat`` the top of its cushion (19.5 in for a person 5 ft 5 in);
    ``footplate`` the top of the plate the feet rest on; ``arms``: which armrests are on
    (a transfer takes off the one on the bed's side)."""

    model_config = STRICT
    x: float = 0.0
    seat: float = 30.0
    footplate: float = 4.0
    facing: Literal["right", "left"] = "right"
    arms: Literal["both", "near", "far", "none"] = "both"


class SlideBoard(BaseModel):
    """A transfer board from ``start`` to ``end`` along x, each end on the top of what lies
    under it (a wheelchair's or a chair's seat, a bed), else at ``height`` (the floor where
    not given): bridging a wheelchair and a bed, or a board on its own."""

    model_config = STRICT
    start: float = -10.0
    end: float = 35.0
    height: Optional[float] = None
    width: float = 13.0  # 8 inches across, for a person 5 ft 5 in


class Step(BaseModel):
    model_config = STRICT
    x: float = 0.0
    height: float = 10.0
    depth: float = 28.0


class Counter(BaseModel):
    """A kitchen counter or a sturdy table to hold on to: ``x`` is its edge nearest the
    person, and it reaches ``depth`` away from them. ``side``: it stands beside them instead,
    on their near or far side, ``length`` long along the way they face, ``x`` its middle:
    a walk along a counter, one hand on it, stepped toward one standing in front."""

    model_config = STRICT
    x: float = 15.0
    height: float = 55.0   # a 36-inch counter, for a person of 5 ft 5 in
    depth: float = 35.0
    side: Optional[Literal["near", "far"]] = None
    length: float = 80.0


class Table(BaseModel):
    """A table or a desk to sit at: a top on four legs, with room under it for the knees (a
    counter is solid to the floor). ``x`` is its edge nearest the person, and it reaches
    ``depth`` away from them."""

    model_config = STRICT
    x: float = 20.0
    height: float = 44.0   # a 29-inch desk, for a person of 5 ft 5 in
    depth: float = 30.0


class Towel(BaseModel):
    """A rolled towel lying on the surface under a point (``under: near_knee``)."""

    model_config = STRICT
    under: Point
    radius: float = 3.0


class Ball(BaseModel):
    model_config = STRICT
    at: Point
    radius: float = 12.0


class Band(BaseModel):
    model_config = STRICT
    start: Point
    end: Point


class Roller(BaseModel):
    model_config = STRICT
    at: Point
    radius: float = 7.0
    length: float = 50.0


class Tool(BaseModel):
    model_config = STRICT
    at: Point
    length: float = 20.0


class Pillow(BaseModel):
    model_config = STRICT
    at: Point
    length: float = 22.0


class Putty(BaseModel):
    """Putty in a hand (``hand: near``): a ball on an open palm, a roll the fingers close
    round in a fist, its ends showing either side of it (figures/held.py)."""

    model_config = STRICT
    hand: Side = "near"
    radius: float = 1.6  # a ball of putty about 2 inches across, for a person 5 ft 5 in


class Card(BaseModel):
    """A card stuck on a wall, a letter (or an X) on it, for the eyes to stay on in a gaze
    exercise: its middle ``height`` above the floor (the eyes', where not given), ``z``
    across; ``x`` the wall's face, the frame's ``wall`` where not given."""

    model_config = STRICT
    x: Optional[float] = None
    height: Optional[float] = None
    z: float = 0.0
    letter: str = "X"

    @field_validator("letter")
    @classmethod
    def _one(cls, letter: str) -> str:
        if len(letter) != 1:
            raise ValueError(f'a card shows one letter (or an X), large enough to see; "{letter}" '
                             f"is {len(letter)}")
        return letter


PROPS = ("floor", "bed", "wall", "chair", "step", "counter", "table", "ball", "band", "foam_roller",
         "release_tool", "pillow", "towel", "card", "putty", "wheelchair", "slide_board")


def one_key(kinds: tuple[str, ...], what: str):
    def check(value: Any) -> Any:
        if isinstance(value, str):
            if value not in kinds:
                hint = did_you_mean(value, kinds)
                raise ValueError(f'unknown {what} "{value}"' + (hint or "; expected one of: " +
                                                                ", ".join(kinds)))
            return {value: {}}
        if isinstance(value, dict) and len(value) != 1:
            raise ValueError(f"give one {what} per list item, as {what}: {{...}}")
        if isinstance(value, dict):
            check(next(iter(value)))  # {sofa: {...}} is as unknown as sofa
        return value
    return check


class Prop(BaseModel):
    model_config = STRICT
    floor: Optional[Floor] = None
    bed: Optional[Bed] = None
    wall: Optional[Wall] = None
    chair: Optional[Chair] = None
    step: Optional[Step] = None
    counter: Optional[Counter] = None
    table: Optional[Table] = None
    ball: Optional[Ball] = None
    band: Optional[Band] = None
    foam_roller: Optional[Roller] = None
    release_tool: Optional[Tool] = None
    pillow: Optional[Pillow] = None
    towel: Optional[Towel] = None
    card: Optional[Card] = None
    putty: Optional[Putty] = None
    wheelchair: Optional[Wheelchair] = None
    slide_board: Optional[SlideBoard] = None

    @property
    def kind(self) -> str:
        return next(k for k in PROPS if getattr(self, k) is not None)

    @property
    def spec(self) -> BaseModel:
        return getattr(self, self.kind)
