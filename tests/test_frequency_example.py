"""The examples a refused frequency is told ('"every blue moon" is not a frequency (e.g. ...)')
say what can be written: each example is taken as written, and every form of how often is
among them. "every evening" and "once or twice a day", taken since, were missing."""

from __future__ import annotations

import re

import pytest

from handouts.input.frequency import (FREQUENCY_EXAMPLE, OCCASIONS, TIMES_OF_DAY,
                                      parse_frequency)
from handouts.input.dose_models import Dose
from handouts.input.reading import words_of

EXAMPLES = re.findall(r'"([^"]+)"', FREQUENCY_EXAMPLE)


def test_each_example_is_a_frequency_as_written():
    for example in EXAMPLES:
        assert str(parse_frequency(example)).replace("1-2 times", "once or twice") == example


def test_every_form_of_how_often_has_an_example():
    found = {field: any(getattr(parse_frequency(e), field) for e in EXAMPLES)
             for field in ("per_day", "days_per_week", "every_hours", "every_other_day",
                           "limit")}
    assert all(found.values()), found
    assert any(parse_frequency(e).per_day and parse_frequency(e).days_per_week
               for e in EXAMPLES)  # the two together
    assert "once or twice a day" in EXAMPLES
    assert any(parse_frequency(e).also_at for e in EXAMPLES)  # two times of day, named
    assert any(parse_frequency(e).places for e in EXAMPLES)  # where each time is done
    # every time of day and every occasion, as each prints back
    for said in (*TIMES_OF_DAY.values(), *OCCASIONS):
        assert said in EXAMPLES


def test_the_refusal_gives_the_examples():
    try:
        Dose.model_validate({"frequency": "every blue moon"})
    except ValueError as exc:
        assert f'"every blue moon" is not a frequency {FREQUENCY_EXAMPLE}' in str(exc)
    else:
        raise AssertionError("taken")


def test_a_count_of_times_that_cannot_be_is_said_of_the_times_as_written():
    # was said of its number alone: '"0": the number must be more than 0'
    for typed, problem in [
            ("0 times a day", '"0 times a day": the number must be more than 0'),
            ("0x/day", '"0x/day": the number must be more than 0'),
            ("3-1 times a day", '"3-1 times a day": the range runs backwards; put the smaller '
                                'number first (e.g. "1-3")')]:
        with pytest.raises(ValueError) as raised:
            Dose.model_validate({"frequency": typed})
        assert problem in str(raised.value)
    with words_of(None, None, "es"), pytest.raises(ValueError) as raised:
        Dose.model_validate({"frequency": "0 veces al día"})
    assert '"0 veces al día": the number must be more than 0' in str(raised.value)
