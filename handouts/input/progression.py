"""A progression's stages follow one another: each starts after the weeks of the stage before.

Checked on the whole list (a stage alone cannot know its neighbour), but reported at the
stage's own ``weeks``, so a file's message names that stage's line and the web form puts it
beside that row.
"""

from __future__ import annotations

from typing import Sequence

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError


def _fmt(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def weeks_problem(weeks, before) -> str | None:
    """What is wrong with a stage of ``weeks`` listed after a stage of ``before`` (Spans)."""
    if weeks.lo < before.lo:
        return (f'"{weeks}" is earlier than the stage listed before it ("{before}"); list '
                "the stages in the order of their weeks")
    if weeks.lo <= before.hi:
        return (f'"{weeks}" overlaps the stage before it ("{before}"); start this stage at '
                f"week {_fmt(before.hi + 1)} or later")
    return None


def in_order(stages: Sequence):
    """The stages as given, or a ValidationError at each stage whose weeks do not follow on."""
    errors = []
    for i in range(1, len(stages)):
        problem = weeks_problem(stages[i].weeks, stages[i - 1].weeks)
        if problem:
            errors.append(InitErrorDetails(
                type=PydanticCustomError("value_error", "{error}", {"error": problem}),
                loc=(i, "weeks"), input=str(stages[i].weeks)))
    if errors:
        raise ValidationError.from_exception_data("progression", errors)
    return stages
