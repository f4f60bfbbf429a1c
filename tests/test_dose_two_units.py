"""A time range whose ends are in two units, as a therapist writes one that crosses a
minute ("hold: 30 s to 1 min"), was told to write "the time alone: hold: 30 s": followed,
the patient held half as long at most. It reads now, in the smaller unit ("30-60 s"), and
a time whose range goes on in words that are no unit is not cut short by the remedy."""

from __future__ import annotations

import pytest

from handouts.input import quantities as q
from handouts.input.dose_models import Dose

from test_home_doses import built_text, dublin  # noqa: F401 (a fixture)


@pytest.mark.parametrize("key, typed, saved", [
    ("hold", "30 s to 1 min", "30-60 s"), ("hold", "30 s - 1 min", "30-60 s"),
    ("hold", "30sec-1min", "30-60 s"), ("hold", "45 s to 1.5 min", "45-90 s"),
    ("hold", "30 s to 60 s", "30-60 s"), ("rest", "30 s – 2 min", "30-120 s"),
    ("duration", "10 min to 1 hr", "10-60 min"), ("duration", "45 min - 1 hour", "45-60 min"),
])
def test_a_range_in_two_units_reads_in_the_smaller(key, typed, saved):
    dose = Dose.model_validate({key: typed})
    assert dose.to_yaml_data() == {key: saved}
    assert Dose.model_validate(dose.to_yaml_data()) == dose


@pytest.mark.parametrize("parse, typed, problem", [
    (q.parse_hold, "1 min to 30 s", '"1 min to 30 s": the range runs backwards; put the '
                                    'shorter time first (e.g. "30-60 s")'),
    # the limits are said of what was typed, not of the range as it is kept
    (q.parse_hold, "30 s to 20 min", '"30 s to 20 min" is longer than a hold can be; at most '
                                     "10 min"),
    (q.parse_hold, "30 s to 1 min each side",
     '"30 s to 1 min each side" has words after its time; write them as the dose\'s side: '
     "hold: 30 s to 1 min, side: each side"),
    (q.parse_rest, "30 s - 1 min between sets", '"30 s - 1 min between sets" has words after '
                                                "its time; write the time alone: rest: 30 s - 1 min"),
    # a range that goes on in no unit is no time with words after it: "hold: 30 s" would
    # lose its end
    (q.parse_hold, "30 s to 1 foo", '"30 s to 1 foo" is not a duration (e.g. "5-10 s", '
                                    '"1 min", "up to 10 s")'),
    # read as the range it is, it is told both ways to write it
    (q.parse_hold, "up to 30 s - 1 min", '"up to 30 s - 1 min": "up to" takes one time, the '
                                         'most; write "up to 60 s", or the range alone: '
                                         '"30-60 s"'),
])
def test_a_range_in_two_units_that_cannot_be_says_why(parse, typed, problem):
    with pytest.raises(ValueError) as raised:
        parse(typed)
    assert str(raised.value) == problem


def test_a_range_in_two_units_prints_as_one(dublin):
    assert "Hold 30–60 seconds" in built_text(dublin, {"hold": "30 s to 1 min"})
    assert "Mantenga la posición 30–60 segundos" in built_text(
        dublin, {"hold": "30 s to 1 min"}, "es")
