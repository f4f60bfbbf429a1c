"""Doses a clinic's own templates do not know: a clinic's dose.txt or frequency.txt copied
before a dose form was added ("as needed", "10-15 as tolerated", "every evening") printed
an empty "How often", the dose without its part, or stopped the build; now the handout
prints the package's words for that dose and check and the build say, in one line, which
file leaves which exercise's dose out and what to add. Also "after exercise" in the log
beside exercises done every other day, and "every evening". Each read back from the PDF
or from the command's output."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.input.dose_models import Dose

from conftest import ROOT, reader
from test_home_doses import DUBLIN, built_text, dublin, flat  # noqa: F401 (a fixture)

PACKAGE = ROOT / "handouts" / "words" / "templates"
# the package's frequency.txt as clinics copied it before "after exercise", "as needed" and
# the times of day were added
OLD_FREQUENCY = """\
{#- How often, for the at-a-glance table. -#}
{% if not frequency %}
As your therapist advised
{%- elif frequency.limit %}
As often as feels OK
{%- else %}
{% set per_day = frequency.per_day %}
{% set days = frequency.days_per_week %}
{% set hours = frequency.every_hours %}
{% if hours %}{% if hours is plural %}Every {{ hours|span }} hours{% else %}Every hour{% endif %}{% if frequency.while_awake %} while you are awake{% endif %}{% endif %}
{% if per_day %}{% if per_day is plural %}{{ per_day|span }} times a day{% else %}Once a day{% endif %}{% endif %}
{% if frequency.every_other_day %}{% if per_day or hours %}, every other day{% else %}Every other day{% endif %}{% endif %}
{% if days %}{% if per_day or hours %}, {% endif %}{% if days.lo == 7 %}{{ "every day" if per_day or hours else "Every day" }}{% else %}{{ days|span }} {{ "days" if days is plural else "day" }} a week{% endif %}{% endif %}
{% endif %}
"""


def _old_dose() -> str:
    """The package's dose.txt as it was before reps by feel ("10-15 as tolerated")."""
    # the words by feel after the reps, in the sets and in the reps alone (a macro's `reps`)
    return (PACKAGE / "en" / "dose.txt").read_text(encoding="utf-8").replace(
        '{{ within[dose.reps.by_feel] if dose.reps.by_feel else "" }}', "").replace(
        '{{ within[reps.by_feel] if reps.by_feel else "" }}', "")


def _clinic(tmp_path, **templates: str):
    home = tmp_path / "clinic"
    shutil.copytree(DUBLIN, home)
    folder = home / "templates" / "en"
    folder.mkdir(parents=True)
    for name, source in templates.items():
        (folder / f"{name}.txt").write_text(source, encoding="utf-8")
    return home


def _program(tmp_path, exercises: str):
    program = tmp_path / "p.yaml"
    program.write_text("patient:\n  name: Pat Example\ndate: 2026-12-04\nexercises:\n"
                       + exercises, encoding="utf-8")
    return program


def test_an_older_frequency_template_never_leaves_how_often_empty(tmp_path):
    # "How often" printed nothing for "as needed" and "after exercise", and "Once a day"
    # for "every morning"
    home = _clinic(tmp_path, frequency=OLD_FREQUENCY)
    program = _program(tmp_path, "  - id: walking\n    dose: {frequency: as needed}\n"
                       "  - id: pendulum\n    dose: {frequency: after exercise}\n"
                       "  - id: table_slide\n    dose: {frequency: every morning}\n"
                       "  - id: wall_slides\n    dose: {frequency: 2 times a day}\n")
    out = tmp_path / "h.pdf"
    result = CliRunner().invoke(main, ["--home", str(home), "build", str(program),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = flat(out.read_bytes())
    for words in ("1. Walking · When you need it", "2. Pendulum swings · After your other "
                  "exercises", "Every morning", "2 times a day"):
        assert words in text, words
    template = "the clinic's templates/en/frequency.txt"
    assert (f"warning: {template}: exercises[walking].dose.frequency: \"as needed\" prints "
            'nothing under "How often" (no words for frequency.when "as needed"); the handout '
            "prints the package's words for it instead; add frequency.when (\"after exercise\", "
            '"as needed", "morning", "evening", "bedtime") to it as handouts/words/templates/'
            "en/frequency.txt words it (docs/library.md: The clinic's own wording)"
            ) in result.output
    assert (f'{template}: exercises[table_slide].dose.frequency: "every morning" prints as '
            '"Once a day" (no words for frequency.when "morning")') in result.output
    assert "exercises[pendulum].dose.frequency" in result.output
    assert "exercises[wall_slides]" not in result.output  # the clinic's words it
    assert "Traceback" not in result.output


def test_check_names_the_file_the_exercise_and_what_to_add(tmp_path):
    home = _clinic(tmp_path, frequency=OLD_FREQUENCY, dose=_old_dose())
    program = _program(tmp_path, "  - id: walking\n    dose: {frequency: after exercise}\n"
                       "  - id: pendulum\n    dose: {reps: 10-15 as tolerated}\n")
    result = CliRunner().invoke(main, ["--home", str(home), "check", str(program)])
    assert result.exit_code == 0, result.output  # warnings: the handouts print
    templates = home / "templates" / "en"
    lines = [line for line in result.output.splitlines() if str(templates) in line]
    assert lines == [
        f'warning: {templates / "frequency.txt"}: {program}: exercises[walking].dose.frequency: '
        '"after exercise" prints nothing under "How often" (no words for frequency.when '
        '"after exercise"); the handout prints the package\'s words for it instead; add '
        'frequency.when ("after exercise", "as needed", "morning", "evening", "bedtime") to '
        "it as handouts/words/templates/en/frequency.txt words it (docs/library.md: The "
        "clinic's own wording)",
        f'warning: {templates / "dose.txt"}: {program}: exercises[pendulum].dose.reps: '
        '"10-15 as tolerated" prints without "as tolerated" (no words for dose.reps.by_feel); '
        "the handout prints the package's words for it instead; add dose.reps.by_feel "
        '("as tolerated", "until mild fatigue") to it as handouts/words/templates/en/'
        "dose.txt words it (docs/library.md: The clinic's own wording)"]


def test_an_older_dose_template_keeps_as_tolerated(tmp_path):
    # "10-15 as tolerated" printed "Repeat 10–15 times": the patient was not told to go by
    # feel
    ws = api.open_workspace(home=_clinic(tmp_path, dose=_old_dose()))
    text = built_text(ws, {"reps": "10-15 as tolerated"})
    assert "Repeat 10–15 times, as many as feels OK" in text
    built = api.build_handout(api.program_from_data(
        {"patient": {"name": "P"}, "date": "2026-12-04",
         "exercises": [{"id": "walking", "dose": {"reps": "10-15 as tolerated"}}]},
        ws, source="test"), ws)
    assert any("templates/en/dose.txt: exercises[walking].dose.reps" in w
               for w in built.warnings)
    # the web editor shows the build's warnings beside the form
    assert any("templates/en/dose.txt: exercises[walking].dose.reps" in w
               for w in api.preflight(built.handout, ws))
    # a dose the clinic's template words is its own
    assert "Repeat 10–15 times" in built_text(ws, {"reps": "10-15"})


def test_templates_that_word_every_dose_are_not_warned_of(tmp_path):
    home = _clinic(tmp_path, frequency=(PACKAGE / "en" / "frequency.txt").read_text("utf-8"),
                   dose=(PACKAGE / "en" / "dose.txt").read_text("utf-8"))
    program = _program(tmp_path, "  - id: walking\n    dose: {frequency: after exercise}\n"
                       "  - id: pendulum\n    dose: {reps: 10-15 as tolerated, "
                       "frequency: 'every 2 hours, 5 days a week'}\n")
    result = CliRunner().invoke(main, ["--home", str(home), "check", str(program)])
    assert result.exit_code == 0, result.output
    assert "templates/en" not in result.output


def test_a_template_that_cannot_fill_in_a_new_time_of_day_prints_the_packages(tmp_path):
    # a frequency.txt copied this morning looks "evening" up among "morning" and "bedtime":
    # the build stopped ("cannot be filled in")
    package = (PACKAGE / "en" / "frequency.txt").read_text("utf-8")
    today = package.replace('"evening": "every evening", ', "")
    assert today != package
    home = _clinic(tmp_path, frequency=today)
    ws = api.open_workspace(home=home)
    assert "Every evening" in built_text(ws, {"frequency": "in the evening"})
    program = _program(tmp_path, "  - id: walking\n    dose: {frequency: every evening}\n")
    result = CliRunner().invoke(main, ["--home", str(home), "check", str(program)])
    assert (f'{program}: exercises[walking].dose.frequency: "every evening" cannot be '
            'filled in: no words for frequency.when "evening"') in result.output
    assert result.output.count("exercises[walking].dose.frequency") == 1


def test_after_exercise_has_the_days_of_the_exercises_it_follows(dublin):
    # every other day for the others: "after exercise" had boxes on all seven days
    from handouts.render.theme import theme_for
    from test_dose_fields import tick_boxes

    def boxes(frequencies):
        data = {"patient": {"name": "P"}, "date": "2026-12-04",
                "exercises": [{"id": i, "dose": {"frequency": f}}
                              for i, f in zip(("pendulum", "table_slide", "walking"),
                                              frequencies)]}
        pdf = api.build_handout(api.program_from_data(data, dublin, source="test"),
                                dublin).pdf
        size = theme_for("standard", "A4").body_size * 1.15
        return [b for page in reader(pdf).pages for b in tick_boxes(page, size)], flat(pdf)

    found, text = boxes(["every other day", "every other day", "after exercise"])
    assert len(found) == 3 * 4  # days 1, 3, 5 and 7, one box each
    assert "3. Walking · After your other exercises" in text
    # with one done every day, after it is every day's
    found, _ = boxes(["every other day", "once a day", "after exercise"])
    assert len(found) == 4 + 7 + 7


@pytest.mark.parametrize("language, printed", [("en", "Every evening"), ("es", "Cada tarde")])
@pytest.mark.parametrize("typed", ["every evening", "in the evening", "Each evening",
                                   "once a day in the evening"])
def test_every_evening_can_be_written(dublin, language, printed, typed):
    # "is not a frequency"
    assert printed in built_text(dublin, {"frequency": typed}, language)
    assert str(Dose.model_validate({"frequency": typed}).frequency) == "every evening"


def test_every_evening_on_some_days(dublin):
    assert "Every evening, 5 days a week" in built_text(
        dublin, {"frequency": "every evening, 5 days a week"})


def test_every_few_minutes_with_days_is_not_left_to_the_days_alone(tmp_path):
    # a pressure relief "every 30 minutes, 5 days a week" printed "5 days a week" from a
    # frequency.txt copied before minutes were added: the patient read once a day, and
    # check said nothing (it named only a frequency printed as nothing at all)
    home = _clinic(tmp_path, frequency=OLD_FREQUENCY)
    program = _program(tmp_path, "  - id: walking\n"
                       "    dose: {frequency: \"every 30 minutes, 5 days a week\"}\n")
    out = tmp_path / "h.pdf"
    result = CliRunner().invoke(main, ["--home", str(home), "build", str(program),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1. Walking · Every 30 minutes, 5 days a week" in flat(out.read_bytes())
    assert ("warning: the clinic's templates/en/frequency.txt: exercises[walking].dose."
            'frequency: "every 30 minutes, 5 days a week" prints as "5 days a week" (no words '
            'for frequency.every_minutes "30"); the handout prints the package\'s words for it '
            "instead; add frequency.every_minutes") in result.output
    french = ROOT / "tests" / "clinics" / "french"
    program.write_text(program.read_text(encoding="utf-8").replace("walking", "marche"),
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(french), "check", str(program)])
    assert ('"every 30 minutes, 5 days a week" prints as "5 jours par semaine" (no words for '
            'frequency.every_minutes "30")') in result.output, result.output
