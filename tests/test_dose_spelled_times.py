"""A time written in words or with a half, as therapists write one ("a minute", "half a
minute", "1 1/2 min", "a minute and a half"; Spanish "medio minuto", "minuto y medio"),
was refused as "not a duration". It reads now, in figures a patient reads at a glance: a
whole number of the unit typed, else up to 90 of the next smaller ("90 s"), else a
decimal ("2.5 min"). Read back from the PDFs."""

from __future__ import annotations

import pytest

from handouts.input.dose_models import Dose
from handouts.input.reading import words_of

from test_home_doses import built_text, dublin  # noqa: F401 (a fixture)


@pytest.mark.parametrize("key, typed, saved", [
    ("hold", "a minute", "1 min"), ("hold", "one minute", "1 min"),
    ("duration", "an hour", "60 min"), ("hold", "half a minute", "30 s"),
    ("duration", "half an hour", "30 min"), ("duration", "a half hour", "30 min"),
    ("hold", "1 1/2 min", "90 s"), ("hold", "1½ minutes", "90 s"), ("hold", "1/2 min", "30 s"),
    ("hold", "a minute and a half", "90 s"), ("hold", "1 minute and a half", "90 s"),
    ("duration", "an hour and a half", "90 min"),
    # past 90 of the smaller unit a decimal of the larger: 2.5 minutes, not 150 seconds
    ("hold", "2 and a half minutes", "2.5 min"),
    ("hold", "up to a minute", "up to 1 min"), ("rest", "half a minute", "30 s"),
])
def test_a_time_in_words_reads_in_figures(key, typed, saved):
    dose = Dose.model_validate({key: typed})
    assert dose.to_yaml_data() == {key: saved}


@pytest.mark.parametrize("key, typed, saved", [
    ("hold", "un minuto", "1 min"), ("hold", "medio minuto", "30 s"),
    ("duration", "media hora", "30 min"), ("hold", "minuto y medio", "90 s"),
    ("duration", "1 hora y media", "90 min"), ("hold", "hasta un minuto", "up to 1 min"),
])
def test_a_time_in_spanish_words_reads_in_figures(key, typed, saved):
    with words_of(None, None, "es"):
        assert Dose.model_validate({key: typed}).to_yaml_data() == {key: saved}


@pytest.mark.parametrize("typed, problem", [
    # the limits are said of what was typed
    ("an hour", '"an hour" is longer than a hold can be; at most 10 min'),
    ("11 1/2 min", '"11 1/2 min" is longer than a hold can be; at most 10 min'),
    ("a few seconds", '"a few seconds" is not a duration'),
    ("a banana", '"a banana" is not a duration'),
    ("a banana each side", '"a banana each side" is not a duration'),
    # words after it are told where they go, as after a time in figures ("30 s each side")
    ("a minute each side", '"a minute each side" has words after its time; write them as the '
                           "dose's side: hold: 1 min, side: each side"),
    ("a minute and a half each leg", "write them as the dose's side: hold: 90 s, side: each "
                                     "leg"),
    ("half a minute x 10", '"half a minute x 10" is a hold and its repetitions in one; write '
                           "them apart: hold: 30 s, reps: 10"),
    ("a minute with your eyes closed", "has words after its time; write the time alone: "
                                       "hold: 1 min"),
])
def test_a_time_in_words_that_cannot_be_says_why(typed, problem):
    with pytest.raises(ValueError) as raised:
        Dose.model_validate({"hold": typed})
    assert problem in str(raised.value)


@pytest.mark.parametrize("language, typed, printed", [
    ("en", "1 1/2 min", "Hold 90 seconds"), ("en", "a minute", "Hold 1 minute"),
    ("es", "medio minuto", "Mantenga la posición 30 segundos"),
])
def test_a_time_in_words_prints_in_figures(dublin, language, typed, printed):
    assert printed in built_text(dublin, {"hold": typed}, language)
