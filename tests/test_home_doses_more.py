"""Doses as therapists write them, a second pass: how often in words a patient does things
("after exercise", "as needed", "at bedtime"), ranges done by feel ("10-15 as tolerated"),
and words that say a thing once, fit any patient and are not called untranslated where a
template translates them; each read back from the PDF or from check's output."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.input.dose_models import Dose

from test_home_doses import DUBLIN, built_text, dublin, flat  # noqa: F401 (a fixture)


@pytest.mark.parametrize("language, typed, printed, not_printed", [
    ("en", "once a day, 7 days a week", "Once a day", "every day"),
    ("es", "once a day, 7 days a week", "Una vez al día", "todos los días"),
    ("en", "2 times a day, 7 days a week", "2 times a day", "every day"),
])
def test_times_a_day_every_day_is_said_once(dublin, language, typed, printed, not_printed):
    # it printed "Once a day, every day"
    text = built_text(dublin, {"frequency": typed}, language)
    assert printed in text
    assert f"{printed}, {not_printed}" not in text


def test_every_hour_while_awake_in_spanish_fits_any_patient(dublin):
    # "mientras esté despierto" is said to a man
    text = built_text(dublin, {"frequency": "every hour while awake"}, "es")
    assert "Cada hora durante el día" in text
    assert "despierto" not in text


def test_a_time_with_no_unit_is_told_only_the_units_it_fits(tmp_path):
    # 'hold: 30' was told 'write "30 s" for seconds or "30 min" for minutes', and a hold of
    # 30 min is refused (at most 10 min)
    program = tmp_path / "p.yaml"
    program.write_text("patient:\n  name: Pat Example\nexercises:\n"
                       "  - id: walking\n"
                       "    dose: {hold: 30, duration: 30, rest: 900}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(DUBLIN), "check", str(program)])
    assert result.exit_code == 1
    where = f"{program}:5: exercises[walking].dose"
    for line in [
        f'{where}.hold: "30" has no unit; write "30 s" for seconds\n',
        f'{where}.duration: "30" has no unit; write "30 s" for seconds or "30 min" for minutes',
        f'{where}.rest: "900" has no unit, and is longer than a rest can be; at most 10 min',
    ]:
        assert line in result.output, line
    assert "Traceback" not in result.output


def test_a_side_the_spanish_template_words_is_not_called_untranslated(dublin):
    # "affected arm" and "operated arm" print "El brazo afectado", "El brazo operado" in
    # Spanish, yet check and the build said they printed in English
    result = CliRunner().invoke(main, ["--home", str(DUBLIN), "check", "--language", "es"])
    assert "untranslated texts for es" in result.output
    assert ".side:" not in result.output
    data = {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "language": "es",
            "exercises": ["table_slide", {"id": "sleeper_stretch", "dose": {"side": "affected arm"}},
                          "pendulum"]}
    built = api.build_handout(api.program_from_data(data, dublin, source="test"), dublin)
    assert not [w for w in built.warnings if "side" in w], built.warnings
    text = flat(built.pdf)
    # the template's words, and the clinic's own translation where it has one
    assert "El brazo operado" in text and "El brazo afectado" in text
    assert "Brazo operado" in text
    assert "Operated arm" not in text and "Affected arm" not in text


def test_a_side_of_the_clinics_own_words_is_still_called_untranslated(tmp_path):
    home = tmp_path / "clinic"
    shutil.copytree(DUBLIN, home)
    library = home / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "side: operated arm\n    frequency: once a day",
        "side: affected arm, slowly\n    frequency: once a day"), encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(home), "check", "--language", "es"])
    side = library.read_text(encoding="utf-8").splitlines().index(
        "    side: affected arm, slowly") + 1
    assert (f"exercises[sleeper_stretch]: no español side (:{side}); printed in English"
            in result.output)


@pytest.mark.parametrize("language, printed", [
    ("en", ["Once a day", "3 times a day", "After your other exercises", "When you need it",
            "Every morning", "At bedtime, 5 days a week", "Once or twice a day",
            "4. Walking · When you need it",
            "5. Side-lying stretch · After your other exercises"]),
    ("es", ["Una vez al día", "3 veces al día", "Después de sus otros ejercicios",
            "Cuando lo necesite", "Cada mañana", "Antes de acostarse, 5 días a la semana",
            "Una o dos veces al día", "Cuando lo necesite"]),
])
def test_after_exercise_as_needed_and_times_of_day_can_be_written(dublin, language, printed):
    # each was refused ("is not a frequency"); left out, page 1 said "As your therapist
    # advised" and the log gave one box a day
    from conftest import reader
    from handouts.render.theme import theme_for
    from test_dose_fields import tick_boxes

    data = {"patient": {"name": "P"}, "date": "2026-12-04", "language": language,
            "exercises": [
                {"id": "pendulum", "dose": {"frequency": "once a day"}},
                {"id": "table_slide", "dose": {"frequency": "3 times a day"}},
                {"id": "band_external_rotation", "dose": {"frequency": "every morning"}},
                {"id": "walking", "dose": {"frequency": "as needed"}},
                {"id": "sleeper_stretch", "dose": {"frequency": "After each session"}},
                {"id": "wall_slides", "dose": {"frequency": "at bedtime, 5 days a week"}},
                {"id": "shoulder_blade_squeeze", "dose": {"frequency": "once or twice a day"}}]}
    built = api.build_handout(api.program_from_data(data, dublin, source="test"), dublin)
    text = flat(built.pdf)
    for phrase in printed:
        assert phrase in text, phrase
    assert "As your therapist advised" not in text
    # boxes a day: 1, 3, 1, none (a line to mark each time), 3 (as often as the most of the
    # others: after each session), 1, 2
    size = theme_for("standard", "A4").body_size * 1.15
    boxes = [b for page in reader(built.pdf).pages for b in tick_boxes(page, size)]
    assert len(boxes) == 7 * (1 + 3 + 1 + 0 + 3 + 1 + 2)


@pytest.mark.parametrize("typed, canonical", [
    ("After exercising", "after exercise"), ("PRN", "as needed"), ("when needed", "as needed"),
    ("once a day in the morning", "every morning"), ("before bed", "at bedtime"),
    ("at bedtime, 5 days a week", "at bedtime, 5 days a week"),
    ("once or twice a day", "1-2 times a day"),
])
def test_each_occasion_prints_back_as_the_canonical_one(typed, canonical):
    dose = Dose.model_validate({"frequency": typed})
    assert str(dose.frequency) == canonical
    assert Dose.model_validate({"frequency": canonical}) == dose


def test_check_lists_the_occasions_a_frequency_can_be(tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("patient:\n  name: Pat Example\nexercises:\n"
                       "  - id: walking\n    dose: {frequency: after the walk}\n"
                       "  - id: pendulum\n    dose: {frequency: 'after exercise, 3 days a week'}\n",
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(DUBLIN), "check", str(program)])
    assert result.exit_code == 1
    assert (f'{program}:5: exercises[walking].dose.frequency: "after the walk" is not a '
            'frequency (e.g. "2 times a day, 5 days a week", "once or twice a day", '
            '"every 2 hours", "every 30 minutes", "every other day", "every morning", "every evening", '
            '"at bedtime", "every morning and at bedtime", "3 times a day: lying, sitting, '
            'standing", "after exercise", "as needed", '
            '"each time you get dressed", '
            '"as tolerated")') in result.output
    assert (f'{program}:7: exercises[pendulum].dose.frequency: "after exercise, 3 days a '
            'week": "after exercise" goes alone, with nothing else of how often'
            ) in result.output
    assert "Traceback" not in result.output


def test_the_log_of_one_process_follows_each_handouts_days(dublin):
    # the log's table is laid out once per process for the same exercises and boxes: a
    # second handout with the same boxes but "5 days a week" got the first one's log
    def log_row(frequency):
        data = {"patient": {"name": "P"}, "date": "2026-12-04",
                "exercises": [{"id": "pendulum", "dose": {"frequency": frequency}}]}
        return flat(api.build_handout(api.program_from_data(data, dublin, source="test"),
                                      dublin).pdf)

    assert "1. Pendulum swings · 5 days a week" not in log_row("once a day")
    assert "1. Pendulum swings · 5 days a week" in log_row("5 days a week")


@pytest.mark.parametrize("language, dose, printed", [
    ("en", {"reps": "10-15 as tolerated"}, "Repeat 10–15 times, as many as feels OK"),
    ("en", {"reps": "10–15 reps as tolerated", "sets": 3},
     "3 sets of 10–15, as many as feels OK"),
    ("en", {"reps": "8-12, as you can"}, "Repeat 8–12 times, as many as feels OK"),
    ("en", {"reps": "10 until mild fatigue"},
     "Repeat 10 times, or until your muscles feel a little tired"),
    ("es", {"reps": "10-15 as tolerated", "sets": 2},
     "2 series de 10–15, según cómo se sienta"),
])
def test_a_range_of_reps_done_as_tolerated_is_accepted(dublin, language, dose, printed):
    # "10-15 as tolerated" was refused: "is not a number or range"
    assert printed in built_text(dublin, dose, language)


def test_reps_by_feel_print_back_as_written_and_a_wrong_number_is_still_told():
    dose = Dose.model_validate({"reps": "10–15 reps, as you can"})
    assert dose.to_yaml_data() == {"reps": "10-15 as tolerated"}
    assert Dose.model_validate(dose.to_yaml_data()) == dose
    for typed, said in [("200 as tolerated", '"200" is more repetitions than a session can '
                                             "hold; at most 100"),
                        ("3x10 as tolerated", '"3x10" is sets and repetitions in one')]:
        with pytest.raises(ValueError, match=said):
            Dose.model_validate({"reps": typed})
