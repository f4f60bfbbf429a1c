"""How often with "daily" or "every day" after it, as therapists write it with no comma:
"every 2 hours daily" was refused ("is not a frequency") though "every 2 hours, daily" was
read; so was "every hour daily", "every 30 minutes every day", "every morning daily". Each
now reads as it does with the comma, and prints so. "every other day, daily" says two
things that cannot both be true, and is one line saying what to write."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.input.frequency import parse_frequency

from conftest import ROOT
from test_home_doses import built_text, dublin  # noqa: F401 (a fixture)


@pytest.mark.parametrize("typed, with_comma", [
    ("every 2 hours daily", "every 2 hours, daily"),
    ("every hour daily", "every hour, daily"),
    ("every 2 hours every day", "every 2 hours, every day"),
    ("every 2-3 hours while awake daily", "every 2-3 hours while awake, daily"),
    ("every 30 minutes daily", "every 30 minutes, daily"),
    ("every half hour while sitting every day", "every half hour while sitting, every day"),
    ("Every 2 hours Daily, 5 days a week", "every 2 hours, daily, 5 days a week"),
    ("every morning daily", "every morning, daily"),
    ("at bedtime every day", "at bedtime, every day"),
    ("every morning and at bedtime daily", "every morning and at bedtime, daily"),
    ("twice a day daily", "twice a day, daily"),
])
def test_daily_without_a_comma_reads_as_with_one(typed, with_comma):
    assert parse_frequency(typed) == parse_frequency(with_comma)


@pytest.mark.parametrize("typed, kept", [
    ("twice every day", "2 times a day"),  # a count: "every day" is "a day", as "twice daily"
    ("3 times every day", "3 times a day"),
    ("2-3x every day", "2-3 times a day"),
    ("once every day", "once a day"),
])
def test_a_count_every_day_is_so_many_a_day(typed, kept):
    assert str(parse_frequency(typed)) == kept


@pytest.mark.parametrize("language, typed, printed", [
    ("en", "every 2 hours daily", "Every 2 hours"),
    ("en", "every hour while awake daily", "Every hour while you are awake"),
    ("es", "cada 2 horas todos los días", "Cada 2 horas"),
])
def test_it_prints_as_with_a_comma(dublin, language, typed, printed):
    text = built_text(dublin, {"hold": "1 min", "frequency": typed}, language)
    assert text.count(printed) >= 2, text  # page 1's table and the card
    assert "Once a day" not in text and "Una vez al día" not in text


@pytest.mark.parametrize("typed", ["every other day daily", "every other day, every day",
                                   "daily, every other day"])
def test_every_other_day_and_daily_at_once_is_one_line(tmp_path, monkeypatch, typed):
    program, said = _built(tmp_path, monkeypatch, typed)
    assert said == [
        f'error: {program}:6: exercises[child_pose].dose.frequency: "{typed}" says every '
        'other day and every day; write one (e.g. "every other day" or "once a day")']


def _built(tmp_path, monkeypatch, typed: str):
    """A program of child_pose at how often ``typed``, built: its file and what the build
    said, which must fail and write no PDF."""
    monkeypatch.chdir(ROOT)  # the package's own library, which has child_pose
    program = tmp_path / "jane.yaml"
    program.write_text("patient:\n  name: Jane Doe\nexercises:\n  - id: child_pose\n"
                       f"    dose:\n      frequency: {typed}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(program), "-o", str(tmp_path / "j.pdf")])
    assert result.exit_code == 1
    assert not (tmp_path / "j.pdf").exists()
    return program, result.stderr.splitlines()


@pytest.mark.parametrize("typed, weekly", [("3 times a week daily", "3 times a week"),
                                           ("daily, twice a week", "twice a week"),
                                           ("3x per week, every day", "3x per week")])
def test_so_many_times_a_week_and_daily_at_once_is_one_line(tmp_path, monkeypatch, typed,
                                                            weekly):
    # it printed "Once a day, 3 days a week": the reader cannot know which the therapist meant
    program, said = _built(tmp_path, monkeypatch, typed)
    assert said == [
        f'error: {program}:6: exercises[child_pose].dose.frequency: "{typed}" says "{weekly}" '
        f'and every day; write one (e.g. "{weekly}" or "once a day")']


@pytest.mark.parametrize("typed, kept", [
    # it was refused, "not a frequency": how often was split after "day"
    ("every day of the week", "once a day"),
    ("Each day of the week", "once a day"),
    ("every day  of  the week", "once a day"),
    ("twice a day every day of the week", "2 times a day"),
    ("every day of the week, 3 times a day", "3 times a day"),
    ("twice every day of the week", "2 times a day"),
    ("every 2 hours every day of the week", "every 2 hours"),
    # two spaces split "1 day" from "a week" too
    ("1 day  a week", parse_frequency("1 day a week").__str__()),
])
def test_every_day_of_the_week_is_every_day(typed, kept):
    assert str(parse_frequency(typed)) == kept


@pytest.mark.parametrize("typed", ["once a day of the week", "every other day of the week"])
def test_of_the_week_after_anything_else_is_still_refused(typed):
    with pytest.raises(ValueError, match="is not a frequency"):
        parse_frequency(typed)


def test_spanish_every_day_of_the_week_prints_every_day(dublin):
    text = built_text(dublin, {"hold": "1 min", "frequency": "2 veces al día, todos los días "
                                                            "de la semana"}, "es")
    assert text.count("2 veces al día") >= 2, text  # page 1's table and the card


@pytest.mark.parametrize("typed, kept", [("daily, 5 days a week", "once a day, 5 days a week"),
                                         ("twice daily, 3 times a week",
                                          "2 times a day, 3 days a week")])
def test_daily_with_days_a_week_or_a_count_stays_read(typed, kept):
    assert str(parse_frequency(typed)) == kept
