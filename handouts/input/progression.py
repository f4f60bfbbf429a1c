"""A progression's stages follow one another from week 1: the first starts at week 1, and
each other the week after the stage before ends.

No week before the first stage, nor between two: the card prints only the stages' weeks, so
those weeks would have no dose the patient can read (the last stage goes on after its
weeks, and its row says so, see resolve and log_weeks).

Checked on the whole list (a stage alone cannot know its neighbour), but reported at the
stage's own ``weeks``, so a file's message names that stage's line and the web form puts it
beside that row. The order is checked even when some stage has a bad value elsewhere (its
reps, an unknown key): every stage whose weeks read as weeks is compared with the one before,
so one pass over a file, or one post of the web form, tells every problem at once.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from handouts.input import later_rules
from handouts.input.quantities import Span, parse_weeks, week_zero_problem


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


def gap_problem(weeks, before) -> str | None:
    """What is wrong with a stage of ``weeks`` that starts weeks after ``before`` ends: the
    card prints only the stages' weeks, so the weeks between would have no dose the patient
    can read (the log would count them from a dose the card never prints)."""
    if weeks.lo <= before.hi + 1:
        return None
    first, last = before.hi + 1, weeks.lo - 1
    gap = f"weeks {_fmt(first)}-{_fmt(last)} have" if last > first else f"week {_fmt(first)} has"
    return (f'{gap} no stage: give {"them" if last > first else "it"} one, or end the stage '
            f'before at week {_fmt(last)} ("{_fmt(before.lo)}-{_fmt(last)}")')


def start_problem(weeks) -> str | None:
    """What is wrong with a first stage of ``weeks`` that starts after week 1: the weeks
    before it would have no dose the patient can read (the log followed the first stage in
    them, a dose the card never gave those weeks). Or before it: a protocol written by weeks
    after surgery, as surgeons count them (*weeks 0-2*), printed *Weeks 0–2*, a week no
    handout has, its first seven days being week 1."""
    if weeks.lo < 1:
        return week_zero_problem(weeks, weeks.hi)
    if weeks.lo == 1:
        return None
    last = weeks.lo - 1
    before = f"weeks 1-{_fmt(last)} have" if last > 1 else "week 1 has"
    return (f'{before} no stage: start this stage at week 1 ("1-{_fmt(weeks.hi)}"), or give '
            f'{"them" if last > 1 else "it"} a stage before it')


def _order_errors(weeks: Sequence[Span | None]) -> list[InitErrorDetails]:
    """An error at each stage whose weeks do not follow on from the stage before, and at a
    first stage that starts after week 1 (None: weeks that are themselves wrong, told
    already, so neither it nor the next is compared)."""
    errors = []

    def told(i: int, problem: str | None) -> None:
        if problem:
            errors.append(InitErrorDetails(
                type=PydanticCustomError("value_error", "{error}", {"error": problem}),
                loc=(i, "weeks"), input=str(weeks[i])))

    def each_after(problem_of) -> None:
        for i in range(1, len(weeks)):
            if weeks[i] is not None and weeks[i - 1] is not None:
                told(i, problem_of(weeks[i], weeks[i - 1]))

    each_after(weeks_problem)
    if errors:
        return errors
    # weeks before the first stage, or between two, are told once the stages are in order:
    # beside a stage listed out of place they would name weeks another stage may well
    # cover. Both were printed until 5 December 2026: what the record kept then is read so
    if weeks and weeks[0] is not None and later_rules.applies("stage_start"):
        told(0, start_problem(weeks[0]))
    if later_rules.applies("stage_gap"):
        each_after(gap_problem)
    return errors


def in_order(stages: Sequence):
    """The stages as given, or a ValidationError at each stage whose weeks do not follow on."""
    errors = _order_errors([stage.weeks for stage in stages])
    if errors:
        raise ValidationError.from_exception_data("progression", errors)
    return stages


def _weeks_as_typed(stage: Any) -> Span | None:
    """A stage's weeks read by the very parser the stage's model uses; None if they are not
    weeks (or the stage is not a mapping): the stage's own check says why."""
    if not isinstance(stage, dict) or "weeks" not in stage:
        return None
    try:
        return parse_weeks(stage["weeks"])
    except ValueError:
        return None


def checked(raw: Any, validate: Callable[[Any], Sequence]):
    """``validate`` (the stages' own checks) and the order of their weeks, whichever fails:
    a stage's bad value and an order problem elsewhere are raised together."""
    try:
        stages = validate(raw)
    except ValidationError as failed:
        order = _order_errors([_weeks_as_typed(stage) for stage in raw]) \
            if isinstance(raw, (list, tuple)) else []
        if not order:
            raise
        own = [InitErrorDetails(type=e["type"], loc=e["loc"], input=e["input"],
                                **({"ctx": e["ctx"]} if "ctx" in e else {}))
               for e in failed.errors()]
        raise ValidationError.from_exception_data("progression", own + order) from None
    return in_order(stages)


def carried_spans(spans: Sequence[tuple[float, float]], week: int,
                  ) -> list[tuple[int, float, float]]:
    """The stages (their weeks' first and last) carried on from ``week``, renumbered so that
    ``week`` is week 1: each stage kept (its index), with its weeks from then. A stage done
    is left out; the one the patient is in keeps the weeks still to come. Where every stage
    is done, the last alone, as long as it was: it goes on after its weeks, as the handout
    said. One rule for the web app's *Carry on* and a program's ``weeks_from``."""
    out = [(i, max(lo - week + 1, 1), hi - week + 1)
           for i, (lo, hi) in enumerate(spans) if hi >= week]
    if not out and spans:
        lo, hi = spans[-1]
        out = [(len(spans) - 1, 1, hi - lo + 1)]
    return out
