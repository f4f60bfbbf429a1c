"""How often as therapists write it, each refused before ("is not a frequency"): a skin check
"every morning and night" (twice a day, at those times); a pressure relief "every 30
minutes while sitting" (only "while awake" was read); Spanish "cada media hora". Each read
back from the PDF: the card and page 1 say it in the therapist's sense, in English and in
Spanish, and the log gives a box for each named time. A range a day marked on a line said
only its top, "(5 a day)" under a card that says 3–5; "every 2 hours, daily" printed
"Every 2 hoursOnce a day"."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.input.frequency import parse_frequency
from handouts.render.theme import theme_for

from conftest import reader
from test_dose_fields import tick_boxes
from test_home_doses import DUBLIN, built_text, dublin  # noqa: F401 (a fixture)


@pytest.mark.parametrize("language, typed, printed", [
    ("en", "every morning and night", "Every morning and at bedtime"),
    ("en", "morning and night", "Every morning and at bedtime"),
    ("en", "every morning and at bedtime", "Every morning and at bedtime"),
    ("en", "every morning and evening", "Every morning and every evening"),
    ("en", "twice a day, morning and night, 5 days a week",
     "Every morning and at bedtime, 5 days a week"),
    ("es", "every morning and night", "Cada mañana y antes de acostarse"),
    ("es", "cada mañana y cada noche", "Cada mañana y antes de acostarse"),
    ("es", "por la mañana y por la noche", "Cada mañana y antes de acostarse"),
    ("es", "every morning and evening", "Cada mañana y cada tarde"),
])
def test_two_named_times_a_day_print_on_the_card_and_page_1(dublin, language, typed, printed):
    text = built_text(dublin, {"reps": 1, "frequency": typed}, language)
    assert text.count(printed) >= 2, text  # page 1's table and the card


@pytest.mark.parametrize("typed", ["every morning and night", "every morning and evening"])
def test_the_log_gives_a_box_for_each_named_time(dublin, typed):
    data = {"patient": {"name": "Pat Example"}, "date": "2026-12-04",
            "exercises": [{"id": "walking", "dose": {"frequency": typed}}]}
    built = api.build_handout(api.program_from_data(data, dublin, source="test"), dublin)
    size = theme_for("standard", "A4").body_size * 1.15
    assert len([b for page in reader(built.pdf).pages for b in tick_boxes(page, size)]) == 7 * 2


@pytest.mark.parametrize("language, typed, printed", [
    ("en", "every 30 minutes while sitting", "Every 30 minutes while you are sitting"),
    ("en", "every 15-30 min while seated, 5 days a week",
     "Every 15–30 minutes while you are sitting, 5 days a week"),
    ("es", "every 30 minutes while sitting", "Cada 30 minutos mientras esté sentado(a)"),
    ("es", "cada 30 minutos mientras está sentada", "Cada 30 minutos mientras esté sentado(a)"),
    ("es", "cada media hora", "Cada 30 minutos"),
    ("en", "every 2 hours, daily", "Every 2 hours"),
])
def test_every_few_minutes_while_sitting_prints_so(dublin, language, typed, printed):
    text = built_text(dublin, {"hold": "1 min", "frequency": typed}, language)
    assert text.count(printed) >= 2, text
    assert "hoursOnce" not in text and "while you are awake" not in text


@pytest.mark.parametrize("typed", ["every morning and night", "every morning and evening",
                                   "every morning, evening and at bedtime",
                                   "every 30 minutes while sitting", "every 2 hours, daily",
                                   "every 2 hours while seated, 5 days a week"])
def test_it_is_kept_so_a_reprint_reads_it_again(typed):
    kept = str(parse_frequency(typed))
    assert parse_frequency(kept) == parse_frequency(typed)
    assert str(parse_frequency(kept)) == kept


@pytest.mark.parametrize("language, said", [("en", "Make a mark each time (3–5 a day)"),
                                            ("es", "Haga una marca cada vez (3–5 al día)")])
def test_a_range_a_day_on_a_line_to_mark_says_the_range(dublin, language, said):
    text = built_text(dublin, {"reps": 10, "frequency": "3-5 times a day"}, language)
    assert said in text, text
    assert "(5 a day)" not in text and "(5 al día)" not in text


@pytest.mark.parametrize("typed, told", [
    ("3 times a day, morning and night",
     '"3 times a day, morning and night" says 3 times a day and names 2 times of day; write '
     'the times alone (e.g. "every morning and at bedtime"), or how many times a day alone'),
    ("every night and at bedtime",
     '"every night and at bedtime" names one time of day twice (at bedtime); name each once '
     '(e.g. "every morning and at bedtime")'),
])
def test_times_that_disagree_are_one_line_at_their_place(tmp_path, typed, told):
    program = tmp_path / "p.yaml"
    program.write_text("patient:\n  name: Pat Example\nexercises:\n"
                       "  - id: walking\n"
                       f"    dose: {{frequency: '{typed}'}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(DUBLIN), "check", str(program)])
    assert result.exit_code == 1
    assert f"{program}:5: exercises[walking].dose.frequency: {told}\n" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("typed, missing", [
    ("every morning and night", 'frequency.also_at "bedtime"'),
    ("every 30 minutes while sitting", 'frequency.while_sitting "while sitting"')])
def test_a_clinics_template_from_before_prints_the_packages_words(tmp_path, typed, missing):
    # a frequency.txt copied yesterday says "Every morning" of a skin check twice a day,
    # and a pressure relief every 30 minutes all night too
    from test_home_doses_own import PACKAGE, _clinic, _program

    yesterday = (PACKAGE / "en" / "frequency.txt").read_text("utf-8")
    sitting = ' while {{ first_name ~ " is" if first_name else "you are" }} sitting'
    assert sitting in yesterday
    yesterday = yesterday.replace(sitting, "").replace("frequency.also_at", "[]")
    home = _clinic(tmp_path, frequency=yesterday)
    ws = api.open_workspace(home=home)
    printed = {"every morning and night": "Every morning and at bedtime",
               "every 30 minutes while sitting": "Every 30 minutes while you are sitting"}
    assert printed[typed] in built_text(ws, {"reps": 1, "frequency": typed})
    program = _program(tmp_path, f"  - id: walking\n    dose: {{frequency: {typed}}}\n")
    result = CliRunner().invoke(main, ["--home", str(home), "check", str(program)])
    assert (f'exercises[walking].dose.frequency: "{str(parse_frequency(typed))}" prints as '
            f'"{printed[typed].split(" and")[0].split(" while")[0]}" (no words for {missing})'
            ) in result.output, result.output


def test_each_week_of_a_longer_log_says_the_range(dublin):
    from conftest import page_texts

    data = {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "log_weeks": 2,
            "exercises": [{"id": "pendulum", "dose": {"reps": 10,
                                                      "frequency": "3-5 times a day"}}]}
    built = api.build_handout(api.program_from_data(data, dublin, source="test"), dublin)
    text = " ".join(" ".join(page_texts(built.pdf)).split())
    assert text.count("Make a mark each time (3–5 a day)") == 2
