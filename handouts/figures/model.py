"""The figure file: what a drawing shows, as data. Frozen; unknown keys are errors.

Units are percent of the figure's standing height (a person is 100 tall). In a side view x
runs to the right and y up, and z comes toward you; the floor is y = 0. A point is a
landmark's name (``belly``, ``near_knee``), ``[x, y]`` in the picture's plane, or
``[x, y, z]``.
"""

from __future__ import annotations

import re

from typing import Annotated, Any, Literal, Optional

from pydantic import (AfterValidator, BaseModel, BeforeValidator, Field,
                      ValidationInfo, create_model, field_validator, model_validator)

from handouts.input.references import did_you_mean
from handouts.input.typed import PerLanguage
from handouts.words.languages import is_code as is_language_code
from handouts.figures.prop_models import PROPS, STRICT as _STRICT, Point, Prop, Side, one_key
from handouts.figures.hand import SHAPES, shape_named
from handouts.figures.poses import JOINTS, NAMES, horizontal, key_pose, limits


def _words(value: Any) -> Any:
    """A few words in a picture: one text, or one per language (``en`` required). One text
    is filed as English's; the mark keeps that it was one (``PerLanguage.plain``)."""
    texts = value if isinstance(value, dict) else {"en": value}
    if "en" not in texts:
        raise ValueError('give the English words too, as en: (e.g. {en: push, es: empuje})')
    for code, words in texts.items():
        if not (isinstance(code, str) and is_language_code(code)):
            raise ValueError(f'"{code}" is not a language code: use two lower-case letters '
                             "(es), or three where the language has no two (hmn)")
        if not isinstance(words, str) or not 1 <= len(words.strip()) <= 24:
            raise ValueError("words in a picture are 1 to 24 characters of text")
    return tuple(sorted((code, words.strip()) for code, words in texts.items()))


# stored as ((language, words), ...): frozen, and the same figure always gives the same SVG
Words = Annotated[tuple[tuple[str, str], ...], BeforeValidator(_words)]


def words_in(words, languages: tuple[str, ...], joiner: str = " / ") -> str:
    """The words in each of the handout's languages (English where there are none), joined
    by ``joiner`` (a line break: one language to a line)."""
    texts = dict(words)
    chosen = []
    for code in languages:
        text = texts.get(code, texts["en"])
        if text not in chosen:
            chosen.append(text)
    return joiner.join(chosen)


def _ranged(low: float, high: float, what: str):
    def check(value: float) -> float:
        if not low <= value <= high:
            raise ValueError(f"{value:g} is out of range; use {low:g} to {high:g} ({what})")
        return value
    return Annotated[float, AfterValidator(check)]


def _key_pose(value: Any) -> Any:
    if isinstance(value, str) and value not in NAMES:
        hint = did_you_mean(value, NAMES)
        raise ValueError(f'unknown key pose "{value}"' + (hint or "; use one of: " +
                                                          ", ".join(NAMES)))
    return value


Degrees = _ranged(-90, 90, "degrees")
Turn = _ranged(-90, 90, "degrees around from the view")
LookDown = _ranged(0, 90, "degrees; 90 looks straight down")
View = Literal["side", "front", "top", "feet"]


def _angle_check(joint: str):
    low, high, meaning = limits(joint)
    name = joint.removeprefix("near_").removeprefix("far_").replace("_", " ")

    def check(value: float) -> float:
        if not low <= value <= high:
            raise ValueError(f"{value:g}° is beyond what a body can reach; use {low:g} to "
                             f"{high:g} (the {name}: a larger number {meaning})")
        return value
    return check


Joints = create_model(
    "Joints", __config__=_STRICT,
    **{j: (Optional[Annotated[float, AfterValidator(_angle_check(j))]], None) for j in JOINTS})
# the hand shapes a file is told of: the thumb on a fingertip other than the first's is
# {opposition: ring} (SHAPES' own opposition_ring is taken too, as the tests name shapes)
NAMED_SHAPES = tuple(name for name in SHAPES if not name.startswith("opposition_"))


def _hand_shape(value: Any) -> Any:
    named = shape_named(value)
    if isinstance(value, dict) and named is value:
        raise ValueError(f"the thumb goes on one fingertip: {{opposition: index}}, middle, ring "
                         f'or little (not "{value["opposition"]}")')
    if named not in SHAPES:
        raise ValueError(f'"{value}" is not a hand shape; use one of ' + ", ".join(
            NAMED_SHAPES) + " or {opposition: middle} (ring, little): the thumb on that "
            "fingertip")
    return named


Hands = create_model("Hands", __config__=_STRICT, **{  # each side's hand, drawn in a shape
    side: (Optional[Annotated[str, BeforeValidator(_hand_shape)]], None)
    for side in ("near", "far")})


class Pose(BaseModel):
    model_config = _STRICT
    base: Annotated[str, BeforeValidator(_key_pose)]
    facing: Literal["right", "left"] = "right"
    surface: Literal["floor", "bed", "chair", "step", "wheelchair", "slide_board"] = "floor"
    x: float = 0.0
    z: float = 0.0
    tilt: Degrees = 0.0  # the whole body turned forward (minus: back), as when leaning
    joints: Joints = Joints()  # type: ignore[valid-type]
    breath: _ranged(0, 1, "0 breathed out, 1 the belly risen") = 0.0
    hands: Hands = Hands()  # type: ignore[valid-type]
    # the seat pushed up off what it sits on by straight arms (a wheelchair push-up): an
    # inch or two clears the skin; more than the arms' length allows, check says
    lift: _ranged(0, 10, "percent of the height the seat rises off what it sits on") = 0.0

    @field_validator("lift")
    @classmethod
    def _lifts_a_seat(cls, lift: float, info: ValidationInfo) -> float:
        base = info.data.get("base")
        if lift and base and "seat" not in key_pose(base).support:
            raise ValueError("lift raises a seat off what it sits on; use it with base: "
                             "sitting (or long_sitting)")
        return lift


class Arrow(PerLanguage):
    model_config = _STRICT
    PER_LANGUAGE = ("label",)
    start: Point
    end: Point
    via: tuple[Point, ...] = ()
    bend: float = 0.0          # how far the path bows to its left, as a share of its length
    offset: tuple[float, float] = (0.0, 0.0)   # moves the whole arrow off the body
    label: Optional[Words] = None
    style: Literal["move", "push"] = "move"
    both_ways: bool = False    # a head at each end: to and fro, side to side


class Hand(BaseModel):
    model_config = _STRICT
    side: Side
    at: Point


class Elbow(BaseModel):
    model_config = _STRICT
    side: Side
    at: Point


class Spot(PerLanguage):
    model_config = _STRICT
    PER_LANGUAGE = ("label",)
    at: Point
    label: Optional[Words] = None
    label_at: tuple[float, float] = (0.0, 14.0)  # where the label goes, from the spot


class Breathe(PerLanguage):
    model_config = _STRICT
    PER_LANGUAGE = ("label",)
    at: Point
    label: Optional[Words] = None
    offset: tuple[float, float] = (0.0, 0.0)


class Label(PerLanguage):
    model_config = _STRICT
    PER_LANGUAGE = ("text",)
    text: Words
    at: Point
    offset: tuple[float, float] = (0.0, 0.0)


class Distance(PerLanguage):
    model_config = _STRICT
    PER_LANGUAGE = ("label",)
    start: Point
    end: Point
    label: Words
    offset: tuple[float, float] = (0.0, 0.0)


MARKS = ("arrow", "hand", "elbow", "spot", "breathe", "label", "distance")


class Mark(BaseModel):
    model_config = _STRICT
    arrow: Optional[Arrow] = None
    hand: Optional[Hand] = None
    elbow: Optional[Elbow] = None
    spot: Optional[Spot] = None
    breathe: Optional[Breathe] = None
    label: Optional[Label] = None
    distance: Optional[Distance] = None

    @property
    def kind(self) -> str:
        return next(k for k in MARKS if getattr(self, k) is not None)

    @property
    def spec(self) -> BaseModel:
        return getattr(self, self.kind)


class Ghost(BaseModel):
    """Where the moving parts start, drawn light behind them: the frame's pose with these
    joints changed (only the parts that then lie elsewhere are drawn)."""

    model_config = _STRICT
    joints: Joints  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _moves(self) -> "Ghost":
        if not self.joints.model_dump(exclude_none=True):
            raise ValueError("give the joints where the moving part starts, e.g. ghost: "
                             "{joints: {knee_sway: 0}}")
        return self


def _feet_view_of_a_body_lying(view: Optional[str], pose: Pose) -> None:
    if view == "feet" and not horizontal(pose.base):
        raise ValueError(f'view "feet" looks along a body lying down from its feet; the '
                         f'"{pose.base}" pose is upright: use side, front or top')


class Frame(BaseModel):
    model_config = _STRICT
    number: Optional[Annotated[str, Field(min_length=1, max_length=5)]] = None
    view: Optional[View] = None
    turn: Optional[Turn] = None
    look_down: Optional[LookDown] = None
    # a close-up: drawn this many times larger than the other frames, with only these parts
    zoom: _ranged(1, 4, "times larger than the other frames") = 1.0
    parts: tuple[Literal["torso", "near_arm", "far_arm", "near_leg", "far_leg",
                         "near_forearm", "far_forearm", "near_foot", "far_foot", "head"],
                 ...] = (
        "torso", "near_arm", "far_arm", "near_leg", "far_leg")
    pose: Pose
    props: tuple[Annotated[Prop, BeforeValidator(one_key(PROPS, "prop"))], ...] = ()
    marks: tuple[Annotated[Mark, BeforeValidator(one_key(MARKS, "mark"))], ...] = ()
    ghost: Optional[Ghost] = None
    # a child's proportions (figures/child.py): the figure's ``body``, which every frame takes
    body: Literal["adult", "child"] = "adult"

    @field_validator("number")
    @classmethod
    def _counts_up(cls, number: Optional[str]) -> Optional[str]:
        # the steps a frame shows, "1-3": written "3-1", the patient reads them backwards
        steps = re.fullmatch(r"\s*(\d+)\s*[-–]\s*(\d+)\s*", number or "")
        if steps and int(steps[1]) >= int(steps[2]):
            raise ValueError(f'"{number}" counts down; write the first step first '
                             f'("{steps[2]}-{steps[1]}")')
        return number

    @field_validator("body", mode="before")
    @classmethod
    def _the_figures(cls, value: Any) -> Any:
        # given in a frame, it was read and then replaced by the figure's: a child drawn as
        # an adult, without a word (the figure copies its own in, unvalidated)
        raise ValueError("body is the whole figure's, not a frame's: give it once at the top "
                         "of the file, beside title: (body: child)")

    @model_validator(mode="after")
    def _viewable(self) -> "Frame":
        _feet_view_of_a_body_lying(self.view, self.pose)
        return self


# more frames than this read at a card's size only as close-ups of a hand, each frame mostly
# hand (a tendon glide's five shapes); six whole bodies would each be under half an inch
MOST_WHOLE = 3
MOST_FRAMES = 6
HAND_PARTS = frozenset({"near_forearm", "far_forearm"})


def _few_enough(frames: tuple[Frame, ...]) -> None:
    if len(frames) > MOST_FRAMES:
        raise ValueError(f"{len(frames)} frames are more than a card can show: use at most "
                         f"{MOST_FRAMES} (each a close-up of a hand), or {MOST_WHOLE}")
    wide = [i for i, f in enumerate(frames, 1) if not set(f.parts) <= HAND_PARTS]
    if len(frames) > MOST_WHOLE and wide:
        raise ValueError(
            f"{len(frames)} frames print too small to follow on a card unless each is a "
            f"close-up of a hand (parts: [near_forearm]); frames[{wide[0]}] is not: use at "
            f"most {MOST_WHOLE} frames, or make each a close-up")


class Figure(BaseModel):
    model_config = _STRICT
    title: Annotated[str, Field(min_length=1)]
    view: View = "side"
    turn: Turn = 0.0
    look_down: LookDown = 0.0
    # frames side by side, one above the other, the first of three above the other two, four
    # to six in two rows, or whichever draws them larger in the box the picture prints in
    arrange: Literal["auto", "row", "column", "first above", "two rows"] = "auto"
    # which of the person's sides the exercise is for (near: toward you in a side view), so
    # a program that names the patient's side mirrors the frames that show the other one
    side: Optional[Literal["near", "far"]] = None
    # whose body: an adult's, or a child's, the head larger for it (figures/child.py)
    body: Literal["adult", "child"] = "adult"
    frames: Annotated[tuple[Frame, ...], Field(min_length=1)]

    @field_validator("frames")
    @classmethod
    def _viewable(cls, frames: tuple[Frame, ...], info: ValidationInfo) -> tuple[Frame, ...]:
        if info.data.get("arrange") == "first above" and len(frames) != 3:
            raise ValueError(f'arrange "first above" puts the first of three frames above the '
                             f"other two; this figure has {len(frames)}: use auto, row or column")
        if info.data.get("arrange") == "two rows" and len(frames) < 4:
            raise ValueError(f'arrange "two rows" is for 4 to {MOST_FRAMES} frames; this figure '
                             f"has {len(frames)}: use auto, row or column")
        _few_enough(frames)
        for i, frame in enumerate(frames, 1):
            if frame.view is None and info.data.get("view") == "feet" and not horizontal(
                    frame.pose.base):
                raise ValueError(f'the figure\'s view "feet" looks along a body lying down; '
                                 f'frames[{i}] is "{frame.pose.base}", upright: give it its own '
                                 "view (side, front or top)")
        body = info.data.get("body", "adult")
        return tuple(f if f.body == body else f.model_copy(update={"body": body})
                     for f in frames)
