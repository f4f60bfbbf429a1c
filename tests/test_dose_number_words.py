"""A number written in words, as a therapist types one ("hold: thirty seconds", "reps: ten",
"two times a day"; Spanish "treinta segundos", "diez veces", "tres veces al día"): "one
minute" read, "two minutes" was refused as "not a duration", "reps: ten" as "not a number
or range". Read now in figures, saved so, and printed so (read back from the PDFs); a
value that still is no number is refused as before."""

from __future__ import annotations

import pytest

from handouts.input.dose_models import Dose
from handouts.input.reading import words_of

from test_home_doses import built_text, dublin  # noqa: F401 (a fixture)


@pytest.mark.parametrize("key, typed, saved", [
    ("reps", "ten", "10"), ("reps", "Ten", "10"), ("reps", "ten to fifteen", "10-15"),
    ("reps", "eight-twelve", "8-12"), ("sets", "three", "3"), ("breaths", "five", "5"),
    ("hold", "thirty seconds", "30 s"), ("hold", "forty-five seconds", "45 s"),
    ("hold", "twenty five seconds", "25 s"), ("hold", "two minutes", "2 min"),
    # a tens word and a ones word are one number, never a range that runs backwards
    ("hold", "twenty-one seconds", "21 s"), ("reps", "ninety-nine", "99"),
    ("hold", "up to thirty seconds", "up to 30 s"), ("rest", "ninety seconds", "90 s"),
    ("duration", "twenty minutes", "20 min"), ("duration", "ten to fifteen min", "10-15 min"),
    ("frequency", "two times a day", "2 times a day"),
    ("frequency", "two to three times a day", "2-3 times a day"),
    ("frequency", "every two hours", "every 2 hours"),
    ("frequency", "three times a day, five days a week", "3 times a day, 5 days a week"),
    # what read before reads as it did: "once" is one time, not a number to be read
    ("frequency", "once a day", "once a day"), ("hold", "one minute", "1 min"),
])
def test_a_number_in_words_reads_in_figures(key, typed, saved):
    assert Dose.model_validate({key: typed}).to_yaml_data() == {key: saved}


@pytest.mark.parametrize("key, typed, saved", [
    ("reps", "diez", "10"), ("reps", "diez a quince", "10-15"), ("sets", "tres", "3"),
    ("reps", "doce veces", "12"), ("breaths", "cinco", "5"),
    ("hold", "treinta segundos", "30 s"), ("hold", "cuarenta y cinco segundos", "45 s"),
    ("hold", "dos minutos", "2 min"), ("hold", "treinta y dos segundos", "32 s"),
    ("reps", "veintidós", "22"), ("hold", "hasta treinta segundos", "up to 30 s"),
    ("duration", "veinte minutos", "20 min"),
    ("frequency", "tres veces al día", "3 times a day"),
    ("frequency", "cada dos horas", "every 2 hours"),
    ("frequency", "dos veces al día, cinco días a la semana", "2 times a day, 5 days a week"),
    ("frequency", "una o dos veces al día", "1-2 times a day"),
])
def test_a_number_in_spanish_words_reads_in_figures(key, typed, saved):
    with words_of(None, None, "es"):
        assert Dose.model_validate({key: typed}).to_yaml_data() == {key: saved}


@pytest.mark.parametrize("key, typed, problem", [
    ("reps", "banana", '"banana" is not a number or range'),
    # the limits are said of what was typed
    ("sets", "thirty", '"thirty" is more sets than a session can hold; at most 20'),
    ("hold", "twenty minutes", '"twenty minutes" is longer than a hold can be; at most 10 min'),
    ("reps", "ten each side", '"ten each side" has words after its number; write them as the '
                              "dose's side: reps: 10, side: each side"),
    # Spanish "once" is eleven, English "once" one time: neither is guessed as a count
    ("reps", "once", '"once" is not a number or range'),
])
def test_a_number_in_words_that_cannot_be_says_why(key, typed, problem):
    with pytest.raises(ValueError) as raised:
        Dose.model_validate({key: typed})
    assert problem in str(raised.value)


@pytest.mark.parametrize("language, dose, printed", [
    ("en", {"hold": "thirty seconds", "reps": "ten"}, "Hold 30 seconds Repeat 10 times"),
    ("es", {"hold": "thirty seconds", "reps": "ten"},
     "Mantenga la posición 30 segundos Repita 10 veces"),
    ("es", {"frequency": "tres veces al día", "reps": "diez"}, "3 veces al día"),
    ("en", {"frequency": "tres veces al día", "reps": "diez"}, "3 times a day"),
])
def test_a_number_in_words_prints_in_figures(dublin, language, dose, printed):
    assert printed in built_text(dublin, dose, language)
