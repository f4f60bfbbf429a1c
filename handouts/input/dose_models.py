"""The validated dose: each quantity typed as it is written ("5-10 s", "2 times a day"), the
stages of a progression, and a program's dose laid over the library's."""

from __future__ import annotations

import re
from typing import Annotated, Any, Optional, Union

from pydantic import (BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator,
                      field_validator)
from pydantic.json_schema import WithJsonSchema

from handouts.input import counts, frequency as often, progression as stages, quantities as q
from handouts.input import limits, sides
from handouts.input.reading import reading_how_often, reading_units
from handouts.input.typed import Text, Title
from handouts.lazy_patterns import CompiledOnFirstUse as first_use

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


def _friendly(parse, example: str):
    return (PlainValidator(parse), PlainSerializer(str, return_type=str),
            WithJsonSchema({"type": "string", "examples": [example]}))


def _units(parse, example: str, verbs: str | None = None):
    """``_friendly``, read in any language whose wording gives its units (reading.py); and
    after ``verbs``, a pattern of the words a handout says before the value ("Hold for 30
    seconds", "Repeat 10 times"), where a therapist types them too."""
    return _friendly(reading_units(_after(verbs, parse) if verbs else parse), example)


def _after(verbs: str, parse):
    """``parse``, reading the value after ``verbs`` too."""
    # compiled on first use: a cold build whose program gives no dose reads none
    said = first_use(rf"^\s*(?:{verbs})\s+(?P<value>\S.*)$", re.IGNORECASE)

    def read(value):
        found = said.match(value) if isinstance(value, str) else None
        if not found:
            return parse(value)
        try:
            return parse(found["value"])
        except ValueError as exc:
            raise ValueError(q.retold(exc, found["value"], value)) from None
    return read


Duration = Annotated[q.Duration, *_units(q.parse_duration, "5-10 s")]
Hold = Annotated[q.Duration, *_units(counts.or_counted(q.parse_hold), "5-10 s",
                                     r"(?:hold(?:\s+it)?|stay)(?:\s+for)?|for")]
Rest = Annotated[q.Duration, *_units(counts.or_counted(q.parse_rest), "30 s",
                                     r"(?:rest|relax)(?:\s+for)?|for")]
Count = Annotated[q.Span, *_units(q.parse_count, "3-5")]
Sets = Annotated[q.Span, *_units(q.parse_sets, "2", "do")]
Breaths = Annotated[q.Span, *_units(q.parse_breaths, "5-10", "take")]
CountOrLimit = Annotated[Union[q.Span, limits.Limit],
                         *_units(limits.parse_count_or_limit, "10", "repeat|do")]
DurationOrLimit = Annotated[Union[q.Duration, limits.Limit],
                            *_units(counts.breaths_apart(limits.parse_duration_or_limit),
                                    "5 min", r"(?:do\s+(?:this|it)\s+)?for")]
# the serializing context in which a handout's id is made (identity.py)
COUNTED = "counted_for_id"


def _frequency_text(frequency: often.Frequency, info) -> str:
    """How often as saved; as a handout's id counts it where the id is made (identity.py)."""
    return frequency.as_counted() if (info.context or {}).get(COUNTED) else str(frequency)


Frequency = Annotated[often.Frequency, PlainValidator(reading_how_often(often.parse_frequency)),
                      PlainSerializer(_frequency_text, return_type=str),
                      WithJsonSchema({"type": "string", "examples": ["2 times a day"]})]
# a side given in each language ({es: brazo derecho, en: right arm}) is saved so
Side = Annotated[sides.Side, PlainValidator(sides.parse_side),
                 PlainSerializer(sides.Side.to_yaml),
                 WithJsonSchema({"type": "string", "examples": ["each side"]})]
Split = Annotated[q.Split, *_units(q.parse_split, "2 x 30 s")]
# the dose fields typed one line each (the web form's boxes); `progression` is a list of
# stages; `log` is the whole dose's only (STAGE_FIELDS: a stage's)
STAGE_FIELDS = ("hold", "reps", "sets", "breaths", "duration", "frequency", "side", "rest",
                "equipment", "load", "alternatives", "tempo", "effort", "resistance",
                "distance", "range")
DOSE_FIELDS = (*STAGE_FIELDS, "log")
# free text in a dose, which a translation may give in its language
DOSE_TEXT_FIELDS = ("equipment", "load", "tempo", "effort", "resistance", "distance", "range")


class DoseFields(BaseModel):
    """The fields of a dose and of each stage of a progression."""

    model_config = _STRICT
    hold: Optional[Hold] = None
    reps: Optional[CountOrLimit] = None
    sets: Optional[Sets] = None
    breaths: Optional[Breaths] = None
    duration: Optional[DurationOrLimit] = None
    frequency: Optional[Frequency] = None
    side: Optional[Side] = None
    rest: Optional[Rest] = None
    equipment: Optional[Title] = None
    load: Optional[Title] = None
    alternatives: tuple[Split, ...] = Field((), max_length=10)
    tempo: Optional[Text] = None  # "3 s down, 1 s up"
    effort: Optional[Text] = None  # "6 out of 10", "moderate"
    resistance: Optional[Text] = None  # "red band": never printed as a weight
    distance: Optional[Text] = None  # "10 m", "to the end of the hall"
    range: Optional[Text] = None  # "bend to 90°"


class Stage(DoseFields):
    """One stage of a progression: the weeks it covers and its own dose."""

    weeks: Annotated[q.Span, *_friendly(q.parse_weeks, "1-2")] = Field(examples=["1-2"])

    def to_yaml_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json", include=self.model_fields_set)


def _over(fields: DoseFields) -> dict[str, Any]:
    """The keys ``fields`` sets, to lay over a dose. A hold set without its alternatives
    takes the dose's alternatives away: they are ways to split the hold they were written
    for ("Hold 1 minute, or 2 × 30 seconds"), and under a hold of 30 seconds they would
    tell the patient to do twice as much."""
    over = {k: getattr(fields, k) for k in fields.model_fields_set if k != "weeks"}
    if "hold" in over and "alternatives" not in over:
        over["alternatives"] = ()
    return over


class Dose(DoseFields):
    """Every field is optional: a library entry sets what applies, a program overrides fields."""

    progression: tuple[Stage, ...] = ()
    # what the patient writes in the log each day in place of a tick ("minutes"): a number
    # in those units; not a stage's, since a log whose row changed kind week to week would
    # read as two exercises
    log: Optional[Title] = None

    @field_validator("progression", mode="wrap")
    @classmethod
    def _weeks_in_order(cls, value: Any, handler) -> tuple[Stage, ...]:
        # a program's `progression: null` removes the library's stages, as `null` removes
        # any other key (docs/library.md): it was refused as "expected a list"
        return () if value is None else stages.checked(value, handler)

    def stage_doses(self) -> tuple["Dose", ...]:
        """Each stage as a whole dose: this dose with the stage's fields over it."""
        return tuple(self.model_copy(update={"progression": (), **_over(stage)})
                     for stage in self.progression)

    def overridden_by(self, other: "Dose | None") -> "Dose":
        if other is None:
            return self
        return self.model_copy(update=_over(other))

    def to_yaml_data(self) -> dict[str, Any]:
        # the fields this dose sets, even to nothing: a program's `alternatives: []` removes
        # the library's alternatives, so a saved program must keep it
        data = self.model_dump(mode="json", include=self.model_fields_set)
        if "progression" in data:
            data["progression"] = [stage.to_yaml_data() for stage in self.progression]
        return data
