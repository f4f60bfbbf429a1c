"""Doses as a chart or a timer writes them, which were refused: a time in two units ("1 min
30 s" was told "write the time alone: hold: 1 min", a remedy that halves the hold), in
primes (30", 1'30"), as a clock shows it (0:30; in YAML, 1:30 was read as 90 of no unit),
a count after its "x" (x10, x3), "3 rounds", and how often as "each day", "2 x day",
"x2/day", "2 sessions a day", "AM and PM"; and their Spanish. Each reads now in the
handout's plain form, saved so and read back from the PDF; what still cannot be read says
why, of what was typed, and what read before reads as it did (generated values, read by the
code before and after: none read otherwise)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.input.dose_models import Dose
from handouts.input.reading import words_of

from test_home_doses import DUBLIN, built_text, dublin, flat  # noqa: F401 (a fixture)


@pytest.mark.parametrize("key, typed, saved", [
    ("hold", "1 min 30 s", "90 s"), ("hold", "1 min and 30 seconds", "90 s"),
    ("hold", "2 min 30 sec", "2.5 min"), ("hold", "2 min 20 s", "140 s"),
    ("rest", "1 min 0 s", "1 min"), ("duration", "1 hr 30 min", "90 min"),
    ("hold", "up to 1 min 30 s", "up to 90 s"),
    ('hold', '30"', "30 s"), ("hold", "30''", "30 s"), ("hold", "30″", "30 s"),
    ("hold", "1'", "1 min"), ("hold", "1'30\"", "90 s"), ("hold", '5-10"', "5-10 s"),
    ("rest", "30\"-1'", "30-60 s"), ("hold", 'hold 30"', "30 s"),
    ("hold", "up to 30\"", "up to 30 s"),
    ("hold", "0:30", "30 s"), ("hold", "1:30", "90 s"), ("hold", "1:00", "1 min"),
    ("rest", "0:45", "45 s"),
    # a duration may run to hours: 30 hours is no duration, so 30:00 is 30 minutes
    ("duration", "30:00", "30 min"), ("duration", "10:00", "10 min"),
    ("reps", "x10", "10"), ("reps", "× 10", "10"), ("reps", "x10-15", "10-15"),
    ("sets", "x3", "3"), ("sets", "3 rounds", "3"), ("breaths", "x5", "5"),
    ("frequency", "each day", "once a day"), ("frequency", "3 times each day", "3 times a day"),
    ("frequency", "2 x day", "2 times a day"), ("frequency", "x2/day", "2 times a day"),
    ("frequency", "x2 daily", "2 times a day"), ("frequency", "x3/wk", "3 days a week"),
    ("frequency", "2x/d", "2 times a day"), ("frequency", "2 sessions a day", "2 times a day"),
    ("frequency", "AM and PM", "every morning and every evening"),
    ("frequency", "am/pm", "every morning and every evening"),
    ("frequency", "morning & night", "every morning and at bedtime"),
    ("frequency", "AM, 5 days a week", "every morning, 5 days a week"),
    # spread over the day: so many a day, or every so often while awake
    ("frequency", "2 times throughout the day", "2 times a day"),
    ("frequency", "twice during the day, 5 days a week", "2 times a day, 5 days a week"),
    ("frequency", "every hour during the day", "every hour while awake"),
    ("frequency", "every 30 minutes throughout the day", "every 30 minutes while awake"),
])
def test_a_dose_as_charted_reads_in_plain_form(key, typed, saved):
    dose = Dose.model_validate({key: typed})
    assert dose.to_yaml_data() == {key: saved}
    assert Dose.model_validate(dose.to_yaml_data()) == dose


@pytest.mark.parametrize("key, typed, problem", [
    # minutes and seconds, or hours and minutes: both fit a duration, so the therapist says
    ("duration", "1:30", '"1:30" could be minutes and seconds or hours and minutes; write it '
                         'with its unit: "90 s" or "90 min"'),
    ("hold", "12:00", '"12:00" is longer than a hold can be; at most 10 min'),
    ("hold", "30 s 1 min", '"30 s 1 min" is not a duration: write a time in two units the '
                           'larger first (e.g. "1 min 30 s"), or in one unit ("90 s")'),
    ("hold", "1 min 75 s", '"1 min 75 s" is not a duration: write a time in two units the '
                           'larger first (e.g. "1 min 30 s"), or in one unit ("90 s")'),
    # the remedy keeps both parts of the time
    ("hold", "1 min 30 s each side", '"1 min 30 s each side" has words after its time; write '
                                     "them as the dose's side: hold: 1 min 30 s, side: each side"),
    ("hold", "1 min 30 s x 10", '"1 min 30 s x 10" is a hold and its repetitions in one; '
                                "write them apart: hold: 1 min 30 s, reps: 10"),
    ("hold", "up to 1 min 30 s each side", '"up to 1 min 30 s each side" has words after its '
                                           "time; write them as the dose's side: hold: up to 1 "
                                           "min 30 s, side: each side"),
    ("hold", "up to 30 s 1 min", '"up to 30 s 1 min" is not a duration: write a time in two '
                                 'units the larger first'),
    ("reps", "x200", '"x200" is more repetitions than a session can hold; at most 100'),
    ("reps", "3 rounds", '"3 rounds" is a number of sets, not of repetitions; write it as '
                         "sets: 3"),
    ("reps", "10/side", '"10/side" has words after its number; write them as the dose\'s '
                        "side: reps: 10, side: per side"),
    ("reps", "10 ea", '"10 ea" has words after its number; write them as the dose\'s side: '
                      "reps: 10, side: each side"),
    # how often is no side
    ("reps", "10 per day", '"10 per day" is not a number or range'),
    ("hold", "10's", '"10\'s" is not a duration'),
    # two times joined by a word that is no "and" are not cut to the first
    ("hold", "1 min or 30 s", '"1 min or 30 s" is not a duration'),
    # how long is no part of how often: said so, and "x 6 wks" is not 6 times a week
    ("frequency", "once a day for 2 weeks", '"once a day for 2 weeks" is not a frequency: it '
                                            'says how long too; write how often alone ("once a '
                                            'day"), and a dose that changes over the weeks as '
                                            "its progression (weeks: 1-2)"),
    ("frequency", "daily x 6 wks", '"daily x 6 wks" is not a frequency: it says how long too'),
    # its weeks, where it gives some, are the progression's
    ("frequency", "twice a day for 6 weeks", "as its progression (weeks: 1-6)"),
    ("frequency", "daily for 10 days", "as its progression (weeks: 1-2)"),
    # no number spread over the day is still no number
    ("frequency", "several times throughout the day", "it says no number; write how many"),
    ("frequency", "every morning during the day", "is not a frequency"),
    # a rest with no time is what no rest given tells the patient
    ("rest", "as needed", '"as needed" is no time to rest: leave rest out, and the patient '
                          'rests as long as they need; or write a time (e.g. "30 s")'),
    ("rest", "PRN between sets", '"PRN between sets" is no time to rest: leave rest out'),
    ("rest", "rest as needed", '"rest as needed" is no time to rest: leave rest out'),
    # days named after a colon are days, not places where each time is done
    ("frequency", "3 times a week: Mon, Wed, Fri", '"3 times a week: Mon, Wed, Fri" is not a '
                                                   "frequency: it names days of the week; write "
                                                   'how many days in their place ("3 days a '
                                                   'week")'),
    ("frequency", "3x/week (M/W/F)", 'write how many days in their place ("3 days a week")'),
    # "each day" is "daily": an occasion with how often after it is refused as with "daily"
    ("frequency", "each time you stand up each day", "says an occasion and how often at once"),
])
def test_a_dose_as_charted_that_cannot_be_says_why(key, typed, problem):
    with pytest.raises(ValueError) as raised:
        Dose.model_validate({key: typed})
    assert problem in str(raised.value)


@pytest.mark.parametrize("key, typed, saved", [
    ("hold", "1 minuto y 30 segundos", "90 s"), ("duration", "1 h y 30 min", "90 min"),
    ("sets", "3 rondas", "3"), ("frequency", "2x/día", "2 times a day"),
    ("frequency", "2 veces/día", "2 times a day"),
    ("frequency", "3 días/semana", "3 days a week"),
    ("frequency", "2 sesiones al día", "2 times a day"),
    ("frequency", "2 veces por día, 5 días por semana", "2 times a day, 5 days a week"),
    ("rest", "descanse 30 segundos", "30 s"),
    ("frequency", "2 veces durante el día", "2 times a day"),
    ("frequency", "cada hora durante el día", "every hour while awake"),
])
def test_a_dose_as_charted_in_spanish_reads_in_plain_form(key, typed, saved):
    with words_of(None, None, "es"):
        assert Dose.model_validate({key: typed}).to_yaml_data() == {key: saved}


@pytest.mark.parametrize("key, typed, problem", [
    ("rest", "según necesite", '"según necesite" is no time to rest: leave rest out'),
    ("rest", "descanse lo que necesite", "is no time to rest: leave rest out"),
    # "por" is "for" where it is no "por día" or "por semana"
    ("frequency", "2 veces al día por 6 semanas", '"2 veces al día por 6 semanas" is not a '
                                                 "frequency: it says how long too; write how "
                                                 'often alone ("2 veces al día")'),
    # a number of times or days not given, or only its least, is told as in English
    ("frequency", "la mayoría de los días", "it says no number of days; write how many"),
    ("frequency", "al menos 2 veces al día", "not the least; write a range"),
    ("frequency", "varias veces al día", "it says no number; write how many"),
])
def test_a_dose_as_charted_in_spanish_that_cannot_be_says_why(key, typed, problem):
    with words_of(None, None, "es"), pytest.raises(ValueError) as raised:
        Dose.model_validate({key: typed})
    assert problem in str(raised.value)


def test_a_dose_as_charted_prints_in_plain_form(dublin):
    text = built_text(dublin, {"hold": "1'30\"", "reps": "x10", "frequency": "x2/day"})
    assert "Hold 90 seconds" in text
    assert "Repeat 10 times" in text
    assert "2 times a day" in text
    assert "Mantenga la posición 90 segundos" in built_text(dublin, {"hold": "1 min 30 s"}, "es")


def test_a_clock_time_in_yaml_reads_as_typed(tmp_path):
    # YAML 1.1 reads 1:30 as 90 (base 60): the hold was "90" of no unit; 0:30, which it
    # leaves as text, read as nothing at all
    program = tmp_path / "p.yaml"
    program.write_text("patient:\n  name: Pat Example\ndate: 2026-12-04\nexercises:\n"
                       "  - id: walking\n    dose: {hold: 1:30, rest: 0:30}\n"
                       "  - id: walking\n    dose: {duration: 1:30}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(DUBLIN), "check", str(program)])
    assert result.exit_code == 1, result.output
    assert result.output.count("error:") == 1, result.output
    assert (f'{program}:8: exercises[walking].dose.duration: "1:30" could be minutes and '
            'seconds or hours and minutes; write it with its unit: "90 s" or "90 min"'
            ) in result.output
    assert "Traceback" not in result.output
    program.write_text(program.read_text().replace("{duration: 1:30}", "{duration: 30:00}"))
    out = tmp_path / "p.pdf"
    result = CliRunner().invoke(main, ["--home", str(DUBLIN), "build", str(program), "-o",
                                       str(out)])
    assert result.exit_code == 0, result.output
    text = flat(out.read_bytes())
    assert "Hold 90 seconds" in text and "Do this for 30 minutes" in text
