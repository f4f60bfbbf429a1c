"""How often in minutes: a pressure relief after a spinal cord injury is done "every 30
minutes" (every 15 for some), which was refused ("is not a frequency"); the shortest a
therapist could write was "every hour", twice as long between them as the skin can wait.
Each read back from the PDF or from check's output."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.input.frequency import parse_frequency

from test_home_doses import DUBLIN, built_text, dublin  # noqa: F401 (a fixture)


@pytest.mark.parametrize("language, typed, printed", [
    ("en", "every 30 minutes", "Every 30 minutes"),
    ("es", "every 30 minutes", "Cada 30 minutos"),
    ("es", "cada 30 minutos", "Cada 30 minutos"),
    ("en", "every 15-30 min while awake, 5 days a week",
     "Every 15–30 minutes while you are awake, 5 days a week"),
    ("es", "every 20 minutes, 7 days a week", "Cada 20 minutos, todos los días"),
    ("en", "every half hour while awake", "Every 30 minutes while you are awake"),
    ("en", "every half an hour", "Every 30 minutes"),
])
def test_every_few_minutes_prints_on_the_card_and_page_1(dublin, language, typed, printed):
    text = built_text(dublin, {"hold": "1 min", "frequency": typed}, language)
    assert text.count(printed) >= 2  # page 1's table and the card


def test_the_log_gives_a_box_for_each_part_of_the_day(dublin):
    # 16 waking hours of one every 30 minutes: too many for boxes, and for marks to keep
    # count of (tests/test_log_many_times.py)
    text = built_text(dublin, {"hold": "1 min", "frequency": "every 30 minutes"})
    assert "A box for morning, afternoon and evening" in text
    assert "Make a mark each time (32 a day)" not in text


@pytest.mark.parametrize("typed", ["every 30 minutes", "every 15-30 minutes while awake",
                                   "every 45 minutes, 5 days a week"])
def test_it_is_kept_as_written_so_a_reprint_reads_it_again(typed):
    assert str(parse_frequency(str(parse_frequency(typed)))) == typed


def test_more_often_than_every_15_minutes_is_one_line_at_its_place(tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("patient:\n  name: Pat Example\nexercises:\n"
                       "  - id: walking\n"
                       "    dose: {frequency: every 5 minutes}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(DUBLIN), "check", str(program)])
    assert result.exit_code == 1
    assert (f'{program}:5: exercises[walking].dose.frequency: "every 5 minutes": at most '
            "every 15 minutes\n") in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("typed", ["every 90 minutes, every hour", "every hour, every 30 minutes",
                                   "every half hour and every 4 hours",
                                   "every 2 hours, every 3 hours", "cada hora y cada 30 minutos"])
def test_two_spans_of_time_are_refused_saying_to_write_one(typed):
    """"every 90 minutes, every hour" was read as both and saved as "every hour, every 90
    minutes", which reads no more: a program saved with it could not be opened again."""
    from handouts.input.dose_models import Dose
    from handouts.input.reading import words_of

    with words_of(None, None, "es"), pytest.raises(ValueError) as raised:
        Dose.model_validate({"frequency": typed})
    assert (f'"{typed}" says how often by two spans of time; write one (e.g. "every 2 hours" '
            'or "every 30 minutes")') in str(raised.value)
