"""Doses as therapists write them on a home program (a knee-and-ankle clinic's): each is
accepted as typed, or refused with a line that says what to write; each prints right, read
back from the PDF."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.input.dose_models import Dose

from conftest import ROOT, page_texts

DUBLIN = ROOT / "examples" / "dublin-shoulder"


@pytest.fixture(scope="module")
def dublin() -> api.Workspace:
    return api.open_workspace(home=DUBLIN)


def flat(data: bytes) -> str:
    """The PDF's text as one line: a dose box wraps wherever its width ends."""
    return " ".join(" ".join(page_texts(data)).split())


def built_text(dublin, dose: dict, language: str = "en", layout: str = "standard") -> str:
    data = {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "language": language,
            "layout": layout, "exercises": [{"id": "walking", "dose": dose}]}
    program = api.program_from_data(data, dublin, source="test")
    return flat(api.build_handout(program, dublin).pdf)


@pytest.mark.parametrize("language, typed, printed", [
    ("en", "every 2 hours, 5 days a week", "Every 2 hours, 5 days a week"),
    ("es", "every 2 hours, 5 days a week", "Cada 2 horas, 5 días a la semana"),
    ("en", "every hour while awake, 7 days a week", "Every hour while you are awake, every day"),
    ("es", "every 3 hours, 7 days a week", "Cada 3 horas, todos los días"),
])
def test_every_few_hours_on_some_days_reads_as_two_parts(dublin, language, typed, printed):
    # it printed "Every 2 hours5 days a week" (and "Every 2 hoursEvery day")
    text = built_text(dublin, {"frequency": typed}, language)
    assert printed in text
    assert "hours5" not in text and "horas5" not in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_doses_as_therapists_write_them_are_accepted(dublin, language):
    # each was refused: "10 reps", "3 sets", "twice daily", "1 hour", no comma between parts
    text = built_text(dublin, {"reps": "10 reps", "sets": "3 sets", "hold": "5 sec",
                               "frequency": "twice daily 5 days a week"}, language)
    printed = {"en": ["3 sets of 10", "2 times a day, 5 days a week"],
               "es": ["3 series de 10", "2 veces al día, 5 días a la semana"]}[language]
    for phrase in printed:
        assert phrase in text, phrase
    hour = {"en": "Do this for 60 minutes", "es": "Hágalo durante 60 minutos"}[language]
    assert hour in built_text(dublin, {"duration": "1 hour"}, language)


@pytest.mark.parametrize("language, typed, printed", [
    ("en", "1 day a week", "1 day a week"),
    ("es", "1 day per week", "Un día a la semana"),
    ("en", "once a day 1 day a week", "Once a day, 1 day a week"),
])
def test_one_day_a_week_stays_one_part(dublin, language, typed, printed):
    # reading "once a day 5 days a week" as two parts split "1 day a week" after "day",
    # and "a week" alone was no frequency: a dose written so for years was refused
    assert printed in built_text(dublin, {"frequency": typed}, language)


@pytest.mark.parametrize("typed, canonical", [
    ({"frequency": "once daily"}, {"frequency": "once a day"}),
    ({"frequency": "3 times daily"}, {"frequency": "3 times a day"}),
    ({"frequency": "once a day 5 days a week"}, {"frequency": "once a day, 5 days a week"}),
    ({"duration": "1.5 hours"}, {"duration": "90 min"}),
    ({"reps": "15 times", "breaths": "5 breaths"}, {"reps": "15", "breaths": "5"}),
])
def test_each_spelling_prints_back_as_the_canonical_one(typed, canonical):
    dose = Dose.model_validate(typed)
    assert {k: str(v) for k, v in dose.to_yaml_data().items()} == canonical
    assert Dose.model_validate(dose.to_yaml_data()) == dose


def test_a_dose_written_wrong_says_what_to_write(tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("patient:\n  name: Pat Example\nexercises:\n"
                       "  - id: walking\n"
                       "    dose: {reps: 3x10, hold: 30, rest: '60', sets: 10 reps}\n",
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(DUBLIN), "check", str(program)])
    assert result.exit_code == 1
    where = f"{program}:5: exercises[walking].dose"
    for line in [
        f'{where}.hold: "30" has no unit; write "30 s" for seconds',
        f'{where}.reps: "3x10" is sets and repetitions in one; write them apart: '
        'sets: 3, reps: 10',
        f'{where}.rest: "60" has no unit; write "60 s" for seconds',
        # "reps" is no word for sets: it says which key the number goes in
        f'{where}.sets: "10 reps" is a number of repetitions, not of sets; write it as '
        'reps: 10',
    ]:
        assert line in result.output, line
    assert "Traceback" not in result.output


def test_a_frequency_with_a_comma_works_on_the_command_line(tmp_path):
    # "frequency=2 times a day, 5 days a week" was refused: "write dose changes as key=value"
    out = tmp_path / "p.pdf"
    result = CliRunner().invoke(main, [
        "--home", str(DUBLIN), "build", "--patient", "Pat Example", "--date", "2026-12-04",
        "--exercise", "walking:frequency=2 times a day, 5 days a week,duration=20 min",
        "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = flat(out.read_bytes())
    assert "2 times a day, 5 days a week" in text and "Do this for 20 minutes" in text
