"""How often, and where each time is done: "3 times a day: lying, sitting, standing", as a
pelvic health clinic writes its squeezes (tests/clinics/pelvic). It was refused as "not a
frequency"; it is three times a day (three boxes a day in the log), the places kept in the
therapist's words and printed after how often."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.input.dose_models import Dose
from handouts.input.frequency import parse_frequency
from handouts.input.reading import reading_how_often
from handouts.words import dose as doses

from conftest import ROOT, flat_texts


@pytest.mark.parametrize("written, places", [
    ("3 times a day: lying, sitting, standing", ("lying", "sitting", "standing")),
    ("3 times a day (lying, sitting and standing)", ("lying", "sitting", "standing")),
    ("3x a day: after breakfast, after lunch, at bedtime.",
     ("after breakfast", "after lunch", "at bedtime")),
    ("twice a day: Lying down / Standing up", ("Lying down", "Standing up")),
])
def test_the_places_of_each_time_are_kept_as_written(written, places):
    often = parse_frequency(written)
    assert often.places == places
    assert str(often.per_day) == str(len(places))
    assert parse_frequency(str(often)) == often  # the canonical form reads back the same


def test_the_places_print_after_how_often_and_each_gets_a_box():
    dose = Dose(hold="10 s", rest="10 s", reps=10,
                frequency="3 times a day, 5 days a week: lying, sitting, standing")
    assert doses.phrase_frequency(dose.frequency) == \
        "3 times a day, 5 days a week: lying, sitting and standing"
    assert doses.phrase_frequency(dose.frequency, "es") == \
        "3 veces al día, 5 días a la semana: lying, sitting y standing"
    assert doses.times_per_day(dose) == 3
    # one session is the same whatever the place
    assert doses.session_seconds(dose) == doses.session_seconds(
        Dose(hold="10 s", rest="10 s", reps=10, frequency="3 times a day"))


@pytest.mark.parametrize("written, message", [
    ("3 times a day: lying, sitting",
     '"3 times a day: lying, sitting" says 3 times a day and names 2 places ("lying", '
     '"sitting"); name one for each time (e.g. "3 times a day: lying, sitting, standing"), '
     "or write how often alone"),
    ("2-3 times a day: lying, sitting, standing",
     '"2-3 times a day: lying, sitting, standing" says 2-3 times a day and names 3 places'),
    ("as needed: lying, sitting", '"as needed: lying, sitting": name where each time is '
     'done after how many times a day (e.g. "3 times a day: lying, sitting, standing")'),
    ("every 2 hours: lying, sitting", '"every 2 hours: lying, sitting": name where each'),
    ("3 times a day: lying, , standing", '"3 times a day: lying, , standing" names an '
     "empty place"),
    ("3 times a dya: lying, sitting, standing",
     '"3 times a dya: lying, sitting, standing" is not a frequency'),
])
def test_places_that_do_not_match_how_often_are_told(written, message):
    with pytest.raises(ValueError) as told:
        parse_frequency(written)
    assert str(told.value).startswith(message)


def test_a_spanish_frequency_keeps_its_places_as_written():
    often = reading_how_often(parse_frequency)("3 veces al día: acostada, sentada, de pie")
    assert str(often.per_day) == "3"
    assert often.places == ("acostada", "sentada", "de pie")


@pytest.mark.parametrize("written, places", [
    # the Spanish "y" split them, as English's "and": they were kept as read, and a Spanish
    # handout printed "sentada en 1 silla y de pie junto to la mesa"
    ("3 veces al día: boca arriba, sentada en una silla y de pie junto a la mesa",
     ("boca arriba", "sentada en una silla", "de pie junto a la mesa")),
    ("2 veces al día (sentada en una silla Y de pie)", ("sentada en una silla", "de pie")),
])
def test_a_spanish_frequency_keeps_places_split_at_its_and_as_written(written, places):
    often = reading_how_often(parse_frequency)(written)
    assert often.places == places and str(often.per_day) == str(len(places))


def test_a_spanish_frequency_s_places_that_do_not_match_are_named_as_written():
    with pytest.raises(ValueError) as told:
        reading_how_often(parse_frequency)("2 veces al día: boca arriba, sentada en una silla "
                                           "y de pie junto a la mesa")
    assert 'names 3 places ("boca arriba", "sentada en una silla", "de pie junto a la ' \
        'mesa")' in str(told.value)


def test_a_spanish_occasion_whose_english_runs_past_a_dose_s_length_is_read():
    """78 characters, read as an occasion: its English reading ran to 84 and was told it
    "is 84 characters long" (at most 80), though the clinic wrote 78."""
    written = "cada vez que se levante de la silla o de la cama y cada vez que suba escaleras"
    assert reading_how_often(parse_frequency)(written).occasion == written


def test_a_clinics_older_frequency_template_prints_the_places_in_the_packages_words(tmp_path):
    # a frequency.txt copied before the places were worded would print "3 times a day"
    # alone: the patient would not know to do one of them lying, one sitting, one standing
    home = tmp_path / "clinic"
    shutil.copytree(ROOT / "tests" / "clinics" / "pelvic", home)
    (home / "templates" / "en").mkdir(parents=True)
    package = (ROOT / "handouts" / "words" / "templates" / "en" / "frequency.txt")
    (home / "templates" / "en" / "frequency.txt").write_text("\n".join(
        line for line in package.read_text("utf-8").splitlines()
        if "frequency.places" not in line) + "\n", encoding="utf-8")
    out = tmp_path / "h.pdf"
    result = CliRunner().invoke(main, ["--home", str(home), "build", "--patient", "Pat Example",
                                       "--exercise", "pelvic_floor_long", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 times a day: lying, sitting and standing" in " ".join(flat_texts(out.read_bytes()))
    assert ("warning: the clinic's templates/en/frequency.txt: exercises[pelvic_floor_long]."
            'dose.frequency: "3 times a day: lying, sitting, standing" prints as "3 times a '
            'day" (no words for frequency.places "lying, sitting, standing"); the handout '
            "prints the package's words for it instead") in result.output
