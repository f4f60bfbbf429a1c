"""A dose value typed as the handout says it, its verb first ("hold: Hold for 30 seconds",
"reps: Repeat 10 times", "duration: for 10 min", "hold: while you count to 10"), as a
therapist copies it from a handout, was refused. It reads now as the value alone; what is
wrong with one is still said of what was typed."""

from __future__ import annotations

import pytest

from handouts.input.dose_models import Dose

from test_home_doses import built_text, dublin  # noqa: F401 (a fixture)


@pytest.mark.parametrize("key, typed, saved", [
    ("hold", "for 30 s", "30 s"), ("hold", "Hold 30 seconds", "30 s"),
    ("hold", "hold for up to 10 s", "up to 10 s"), ("hold", "Hold it for 1 min", "1 min"),
    ("hold", "Hold while you count to 10", "count to 10"),
    ("hold", "Hold while you take 5 breaths", "5 breaths"), ("hold", "for 5 breaths", "5 breaths"),
    ("rest", "Rest 30 s", "30 s"), ("rest", "relax for 10 s", "10 s"),
    ("rest", "Relax while you count to 5", "count to 5"),
    ("reps", "Repeat 10 times", "10"), ("reps", "repeat until tired", "until mild fatigue"),
    ("reps", "do 10", "10"), ("reps", "repeat ten", "10"), ("sets", "Do 3 sets", "3"), ("breaths", "Take 5 breaths", "5"),
    ("duration", "for 10 min", "10 min"), ("duration", "Do this for 5-10 minutes", "5-10 min"),
])
def test_a_value_typed_after_its_verb_reads_as_the_value(key, typed, saved):
    assert Dose.model_validate({key: typed}).to_yaml_data() == {key: saved}


@pytest.mark.parametrize("key, typed, problem", [
    ("hold", "Hold 30 min", '"Hold 30 min" is longer than a hold can be; at most 10 min'),
    ("hold", "hold 30", '"hold 30" has no unit; write "30 s" for seconds'),
    ("reps", "repeat often", '"repeat often" is not a number or range'),
    # a verb alone, or another key's, is no value
    ("hold", "hold", '"hold" is not a duration'),
    ("rest", "Hold 30 s", '"Hold 30 s" is not a duration'),
])
def test_a_value_after_its_verb_that_cannot_be_is_said_as_typed(key, typed, problem):
    with pytest.raises(ValueError) as raised:
        Dose.model_validate({key: typed})
    assert problem in str(raised.value)


def test_a_value_typed_after_its_verb_prints_once(dublin):
    text = built_text(dublin, {"hold": "Hold for 30 seconds", "reps": "Repeat 3 times"})
    assert "Hold 30 seconds · Repeat 3 times" in text
    assert "Hold Hold" not in text


@pytest.mark.parametrize("key, typed, saved", [
    ("hold", "Mantenga la posición 30 segundos", "30 s"),
    ("hold", "Mantenga la posición mientras cuenta hasta 10", "count to 10"),
    ("rest", "Descanse 30 segundos", "30 s"), ("rest", "Relájese 10 segundos", "10 s"),
    ("reps", "Repita 10 veces", "10"), ("sets", "haga 3 series", "3"),
    ("breaths", "Respire 5 veces", "5"), ("duration", "Hágalo durante 5-10 minutos", "5-10 min"),
])
def test_a_value_typed_after_the_spanish_handout_s_words_reads(key, typed, saved):
    from handouts.input.reading import words_of

    with words_of(None, None, "es"):
        assert Dose.model_validate({key: typed}).to_yaml_data() == {key: saved}
