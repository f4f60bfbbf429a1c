"""A dose as a therapist writes it in a chart: "TID", "b.i.d.", "twice weekly" were
refused as "not a frequency"; they read now, and print in the patient's words. QD and QOD,
on the Joint Commission's "do not use" list (misread as QID, or as each other), are refused
saying what to write. "as many as you can" is named whole in its refusal, and a time with
words after it ("30 s each side") is told where they go; "5 sec." and "until tired" read.
Read back from the PDF and the command's output."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.input import frequency as often, limits, quantities as q

from test_home_doses import DUBLIN, built_text, dublin  # noqa: F401 (a fixture)


@pytest.mark.parametrize("typed, read", [
    ("BID", "2 times a day"), ("tid", "3 times a day"), ("q.i.d.", "4 times a day"),
    ("b.i.d., 5 days a week", "2 times a day, 5 days a week"),
    ("TID; 3 days a week", "3 times a day, 3 days a week"),
    ("twice weekly", "2 days a week"), ("3x weekly", "3 days a week"),
    ("3x/wk, 2x/day", "2 times a day, 3 days a week"), ("hourly", "every hour"),
    ("hourly while awake", "every hour while awake"),
    # hours as a chart abbreviates them, and the Latin every so many hours or minutes
    ("every 2 hrs", "every 2 hours"), ("every 2h", "every 2 hours"), ("every hr", "every hour"),
    ("every 2-3 hrs while awake", "every 2-3 hours while awake"), ("q2h", "every 2 hours"),
    ("Q4H", "every 4 hours"), ("q.2.h.", "every 2 hours"), ("q 2 hr", "every 2 hours"),
    ("q2-3h", "every 2-3 hours"), ("q1h", "every hour"), ("q30min", "every 30 minutes"),
    ("q2h, 5 days a week", "every 2 hours, 5 days a week"),
])
def test_chart_shorthand_reads_as_its_words(typed, read):
    assert str(often.parse_frequency(typed)) == read


def test_weekly_alone_is_one_day_a_week(dublin):
    assert often.parse_frequency("weekly") == often.parse_frequency("once a week")
    assert often.parse_frequency("weekly").days_per_week == q.Span(1, 1)
    assert "1 day a week" in built_text(dublin, {"frequency": "weekly"})


@pytest.mark.parametrize("typed, problem", [
    ("QD", '"QD": QD is easily misread (QD as QID, QOD as QD: both are on the Joint '
           'Commission\'s "do not use" list); write "once a day" instead'),
    ("q.o.d., 5 days a week", '"q.o.d., 5 days a week": QOD is easily misread (QD as QID, '
                              'QOD as QD: both are on the Joint Commission\'s "do not use" '
                              'list); write "every other day" instead'),
])
def test_qd_and_qod_are_refused_saying_what_to_write(typed, problem):
    with pytest.raises(ValueError) as raised:
        often.parse_frequency(typed)
    assert str(raised.value) == problem


def test_as_many_as_you_can_is_named_whole():
    with pytest.raises(ValueError) as raised:
        limits.parse_count_or_limit("as many as you can")
    assert str(raised.value).startswith('"as many as you can" is not a number or range: ')
    # and a count by feel that is no such phrase, whole too
    with pytest.raises(ValueError) as raised:
        limits.parse_count_or_limit("lots as you can")
    assert str(raised.value) == ('"lots as you can" is not a number or range (e.g. "3", '
                                 '"3-5", "as tolerated" or "until mild fatigue")')


@pytest.mark.parametrize("language, printed", [("en", "3 times a day"),
                                               ("es", "3 veces al día")])
def test_tid_prints_in_the_patient_s_words(dublin, language, printed):
    text = built_text(dublin, {"frequency": "TID"}, language)
    assert printed in text and "TID" not in text


def test_every_so_many_hours_as_a_chart_writes_it_prints_in_the_patient_s_words(dublin):
    text = built_text(dublin, {"frequency": "q2h"})
    assert "Every 2 hours" in text and "q2h" not in text
    # the limits are said of what was typed
    with pytest.raises(ValueError) as raised:
        often.parse_frequency("q10min")
    assert str(raised.value) == '"q10min": at most every 15 minutes'


def test_qd_in_a_program_file_is_one_line_at_its_place(tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("patient: {name: Pat Example}\ndate: 2026-12-04\nexercises:\n"
                       "  - id: walking\n    dose:\n      frequency: QD\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(DUBLIN), "build", str(program),
                                       "-o", str(tmp_path / "p.pdf")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f'error: {program}:6: exercises[walking].dose.frequency: "QD": QD is easily misread '
        '(QD as QID, QOD as QD: both are on the Joint Commission\'s "do not use" list); '
        'write "once a day" instead']
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize("parse, typed, problem", [
    (q.parse_hold, "30 s each side", '"30 s each side" has words after its time; write them '
                                     "as the dose's side: hold: 30 s, side: each side"),
    (q.parse_hold, "up to 10 s each side",
     '"up to 10 s each side" has words after its time; write them as the dose\'s side: '
     "hold: up to 10 s, side: each side"),
    (q.parse_hold, "10 sec x 10 reps", '"10 sec x 10 reps" is a hold and its repetitions in '
                                       "one; write them apart: hold: 10 sec, reps: 10"),
    (q.parse_rest, "30 s between sets", '"30 s between sets" has words after its time; '
                                        "write the time alone: rest: 30 s"),
    # not a unit before the words: read in another language's, or said not to be a time
    (q.parse_hold, "5 parsecs apart", '"5 parsecs apart" is not a duration (e.g. "5-10 s", '
                                      '"1 min", "up to 10 s")'),
])
def test_a_time_with_words_after_it_says_where_they_go(parse, typed, problem):
    """It was told only that it is not a duration, as a count with words after it was not."""
    with pytest.raises(ValueError) as raised:
        parse(typed)
    assert str(raised.value) == problem


def test_a_unit_with_a_full_stop_reads():
    assert str(q.parse_hold("5 sec.")) == "5 s"
    assert str(limits.parse_duration_or_limit("up to 20 min.")) == "up to 20 min"


@pytest.mark.parametrize("typed, read", [("diario", "once a day"),
                                         ("diariamente", "once a day")])
def test_daily_in_spanish_reads(typed, read):
    """"a diario" read, "diario" alone was not a frequency."""
    from handouts.input.dose_models import Dose
    from handouts.input.reading import words_of

    with words_of(None, None, "es"):
        assert str(Dose.model_validate({"frequency": typed}).frequency) == read



@pytest.mark.parametrize("typed, read, printed", [
    ("hasta la fatiga", "until mild fatigue", "Repita hasta que sienta los músculos un poco "
                                              "cansados"),
    ("10-15 hasta cansarse", "10-15 until mild fatigue", "Repita 10–15 veces, o hasta que"),
    ("hasta sentir cansancio", "until mild fatigue", "Repita hasta que sienta"),
    ("mientras se sienta bien", "as tolerated", "Repita tantas veces como se sienta bien"),
    ("10-15, según cómo se sienta", "10-15 as tolerated", "Repita 10–15 veces, según cómo se "
                                                          "sienta"),
])
def test_a_limit_by_feel_in_spanish_reads(dublin, typed, read, printed):
    """A Spanish limit other than "según tolere" was refused: the chart's "hasta la fatiga",
    "hasta cansarse", and the handout's own words copied back ("mientras se sienta bien")."""
    from handouts.input.dose_models import Dose
    from handouts.input.reading import words_of

    with words_of(None, None, "es"):
        assert str(Dose.model_validate({"reps": typed}).reps) == read
    assert printed in built_text(dublin, {"reps": read}, "es")


@pytest.mark.parametrize("dose, printed", [
    ({"reps": "until tired"}, "Repeat until your muscles feel a little tired"),
    ({"reps": "10-15 until tired"}, "Repeat 10–15 times, or until your muscles feel a little "
                                    "tired"),
    ({"duration": "Until a little tired"}, "Do this until your muscles feel a little tired"),
])
def test_until_tired_reads_as_until_mild_fatigue(dublin, dose, printed):
    """"until tired", as a child's dose is given, was refused; it is the limit the handout
    words as the muscles feeling a little tired, and is saved so."""
    from handouts.input.dose_models import Dose

    assert printed in built_text(dublin, dose)
    assert "until mild fatigue" in str(Dose.model_validate(dose).to_yaml_data())


@pytest.mark.parametrize("typed, days", [
    ("M/W/F", 3), ("MWF", 3), ("M-W-F", 3), ("Mon, Wed, Fri", 3),
    ("Monday, Wednesday and Friday", 3), ("TTh", 2), ("T/Th", 2), ("Tues & Thurs", 2),
    ("Tuesdays", 1), ("weekdays", 5), ("every weekday", 5), ("Mon-Fri", 5), ("M-F", 5),
    ("Monday to Friday", 5), ("twice a day, M/W/F", 3),
])
def test_days_of_the_week_are_told_as_so_many_days_a_week(typed, days):
    """A chart's "M/W/F" was told only that it is not a frequency. The log counts its days
    from the handout's date, not by name, so the remedy is the number of days."""
    with pytest.raises(ValueError) as raised:
        often.parse_frequency(typed)
    said = f"{days} day a week" if days == 1 else f"{days} days a week"
    assert str(raised.value) == (
        f'"{typed}" is not a frequency: it names days of the week; write how many days in '
        f'their place ("{said}"): the log counts days from the handout\'s date, and the '
        "patient picks them")


@pytest.mark.parametrize("typed", ["every 2 hours, f", "whatever", "3 times a fortnight"])
def test_a_frequency_that_names_no_day_is_not_told_of_days(typed):
    with pytest.raises(ValueError) as raised:
        often.parse_frequency(typed)
    assert "days of the week" not in str(raised.value)


def test_a_spanish_frequency_is_still_read_past_the_days_of_the_week():
    # said as "not a frequency" first, so that reading.py goes on to the other languages
    from handouts.input.dose_models import Dose

    dose = Dose.model_validate({"frequency": "cada vez que se bañe su hijo"})
    assert str(dose.frequency) == "cada vez que se bañe su hijo"


@pytest.mark.parametrize("typed, days", [
    ("lunes, miércoles y viernes", 3), ("martes y jueves", 2), ("de lunes a viernes", 5),
    ("entre semana", 5),
])
def test_days_of_the_week_in_spanish_are_told_as_so_many_days_a_week(typed, days):
    from handouts.input.dose_models import Dose
    from handouts.input.reading import words_of

    with words_of(None, None, "es"), pytest.raises(ValueError) as raised:
        Dose.model_validate({"frequency": typed})
    assert f'"{typed}" is not a frequency: it names days of the week; write how many days ' \
           f'in their place ("{days} days a week")' in str(raised.value)


@pytest.mark.parametrize("typed, hint", [
    ("several times a day", 'it says no number; write how many (e.g. "3-5 times a day", '
                            '"every 2 hours")'),
    ("a few times a day", "it says no number"), ("throughout the day", "it says no number"),
    ("at least twice a day", 'a handout prints how often as a number or a range, not the '
                             'least; write a range (e.g. "2-3 times a day")'),
    ("up to 3 times a day", 'not the most; write a range (e.g. "1-3 times a day")'),
    ("2 times a day as tolerated", 'how it feels ("as tolerated") goes on its own, or on the '
                                   'reps or duration ("reps: as tolerated"); write how often '
                                   'alone ("2 times a day")'),
    ("daily until tired", 'write how often alone ("daily")'),
    ("most days", 'it says no number of days; write how many (e.g. "5 days a week")'),
    ("twice a day on most days of the week", "it says no number of days"),
    ("3 sets daily", 'a count of sets goes on its own key (sets: 3); write how often alone '
                     '(e.g. "daily")'),
    ("10 reps, twice a day", 'a count of reps goes on its own key (reps: 10); write how often '
                             'alone (e.g. "twice a day")'),
    ("2 sets of 10-15 reps once a day", 'counts of sets and reps go on their own keys (sets: '
                                        '2, reps: 10-15); write how often alone (e.g. "once a '
                                        'day")'),
    ("3x10 daily", 'counts of sets and reps go on their own keys (sets: 3, reps: 10)'),
    ("3 sets", 'write how often alone (e.g. "2 times a day")'),
    ("3x 2 times", 'write how often alone (e.g. "2 times a day")'),  # no "times" to copy
])
def test_how_often_that_a_handout_cannot_print_says_what_to_write(typed, hint):
    """Each was told only that it is not a frequency, with examples. The hint is English's
    though another language's words are tried after it: Spanish "a" made "2 times a day"
    "2 times to day", and the hint quoted that."""
    from handouts.input.dose_models import Dose

    with pytest.raises(ValueError) as raised:
        Dose.model_validate({"frequency": typed})
    assert f'"{typed}" is not a frequency: ' in str(raised.value)
    assert hint in str(raised.value)


def test_the_spanish_for_a_feeling_after_how_often_is_told_too():
    from handouts.input.dose_models import Dose
    from handouts.input.reading import words_of

    with words_of(None, None, "es"), pytest.raises(ValueError) as raised:
        Dose.model_validate({"frequency": "2 veces al día según tolere"})
    # in the words written: what to write is some of them
    assert '"2 veces al día según tolere" is not a frequency: how it feels ("según tolere") ' \
        'goes on its own, or on the reps or duration ("reps: según tolere"); write how often ' \
        'alone ("2 veces al día")' in str(raised.value)


@pytest.mark.parametrize("typed, read", [
    ("every waking hour", "every hour while awake"),
    ("every 2 waking hours", "every 2 hours while awake"),
])
def test_every_waking_hour_reads_as_every_hour_while_awake(typed, read):
    assert str(often.parse_frequency(typed)) == read


@pytest.mark.parametrize("key, typed, saved", [
    ("reps", "to fatigue", "until mild fatigue"), ("reps", "until fatigue", "until mild fatigue"),
    ("reps", "10 to fatigue", "10 until mild fatigue"), ("reps", "to tolerance", "as tolerated"),
    ("reps", "8-12 to tolerance", "8-12 as tolerated"),
    ("duration", "until fatigued", "until mild fatigue"),
    # as long as it feels OK is what "as tolerated" prints: it was "not a duration"
    ("duration", "as long as comfortable", "as tolerated"),
    ("duration", "As long as it’s comfortable", "as tolerated"),
    ("duration", "as long as it feels OK", "as tolerated"),
    ("reps", "as many as comfortable", "as tolerated"),
])
def test_a_chart_s_words_for_a_limit_by_feel_read_as_the_limit(key, typed, saved):
    from handouts.input.dose_models import Dose

    assert Dose.model_validate({key: typed}).to_yaml_data() == {key: saved}


@pytest.mark.parametrize("key, typed, what", [
    ("reps", "as able", "a number or range"), ("reps", "AMRAP", "a number or range"),
    ("reps", "as many as you can", "a number or range"), ("reps", "max", "a number or range"),
    ("duration", "as long as you can", "a duration"), ("duration", "as able", "a duration"),
])
def test_the_most_a_patient_can_is_told_to_say_how_it_should_feel(key, typed, what):
    """"as able" and "AMRAP" were told only that they are not a number. Neither is guessed
    as "as tolerated": the most one can is not as long as it feels OK."""
    from handouts.input.dose_models import Dose

    with pytest.raises(ValueError) as raised:
        Dose.model_validate({key: typed})
    assert (f'"{typed}" is not {what}: a handout says how it should feel, not the most the '
            'patient can; write "as tolerated" (as long as it feels OK) or "until mild '
            'fatigue", or a number') in str(raised.value)


@pytest.mark.parametrize("typed", ["as long as you can", "Hold as long as you can", "max"])
def test_a_hold_as_long_as_one_can_is_told_to_give_the_most(typed):
    from handouts.input.dose_models import Dose

    with pytest.raises(ValueError) as raised:
        Dose.model_validate({"hold": typed})
    assert (f'"{typed}" is not a duration: give the most the patient holds, as "up to" a time '
            '(e.g. "up to 30 s")') in str(raised.value)
