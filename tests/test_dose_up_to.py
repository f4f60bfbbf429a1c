"""A hold or a duration "up to" its most ("hold: up to 10 s", as a pelvic-floor squeeze is
given: as long as the patient can, at most 10 seconds) was refused as "not a duration". It
reads now, in English and in Spanish words, prints in each language, is said back as typed,
and is refused where it means nothing (a rest, a range). Read back from the PDFs and from
the command's output."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.input import limits, quantities as q
from handouts.input.dose_models import Dose

from conftest import ROOT
from test_home_doses import DUBLIN, built_text, dublin, flat  # noqa: F401 (a fixture)


@pytest.mark.parametrize("typed, said", [
    ("up to 10 s", "up to 10 s"), ("Up  To 1 minute", "up to 1 min"),
    ("up to 1.5 min", "up to 1.5 min")])
def test_a_hold_up_to_its_most_reads_and_is_said_back_as_typed(typed, said):
    hold = q.parse_hold(typed)
    assert (hold.up_to, str(hold)) == (True, said)
    assert q.parse_hold(str(hold)) == hold  # a saved program reads the same
    assert not q.parse_hold("10 s").up_to


@pytest.mark.parametrize("parse, typed, problem", [
    (q.parse_hold, "up to 5-10 s",
     '"up to 5-10 s": "up to" takes one time, the most; write "up to 10 s", or the range '
     'alone: "5-10 s"'),
    (q.parse_hold, "up to 10",
     '"up to 10" has no unit; write "up to 10 s" for seconds or "up to 10 min" for minutes'),
    (q.parse_hold, "up to 20 min", '"up to 20 min" is longer than a hold can be; at most 10 min'),
    (q.parse_hold, "at most 10 s",
     '"at most 10 s" is not a duration (e.g. "5-10 s", "1 min", "up to 10 s")'),
    (q.parse_rest, "up to 30 s",
     '"up to 30 s": a rest is one time or a range; write it without "up to" ("30 s")'),
])
def test_up_to_where_it_means_nothing_says_what_to_write(parse, typed, problem):
    with pytest.raises(ValueError) as raised:
        parse(typed)
    assert str(raised.value) == problem


def test_a_duration_up_to_its_most_or_by_feel():
    assert str(limits.parse_duration_or_limit("up to 2 hours")) == "up to 120 min"
    assert str(limits.parse_duration_or_limit("until mild fatigue")) == "until mild fatigue"


@pytest.mark.parametrize("language, dose, printed", [
    ("en", {"hold": "up to 10 s", "reps": "10"}, "Hold up to 10 seconds · Repeat 10 times"),
    ("en", {"duration": "up to 15 min"}, "Do this for up to 15 minutes"),
    ("es", {"hold": "up to 10 s"}, "Mantenga la posición hasta 10 segundos"),
    ("es", {"duration": "up to 15 min"}, "Hágalo hasta 15 minutos"),
    # typed in Spanish words, read as the library's other Spanish units are
    ("es", {"hold": "hasta 30 segundos"}, "Mantenga la posición hasta 30 segundos"),
    ("en", {"hold": "hasta 30 segundos"}, "Hold up to 30 seconds"),
])
def test_up_to_prints_in_each_language(dublin, language, dose, printed):
    assert printed in built_text(dublin, dose, language)


def test_a_progression_s_stage_up_to_prints_in_its_row(dublin):
    text = built_text(dublin, {"progression": [
        {"weeks": "1-2", "hold": "5 s"}, {"weeks": "3-4", "hold": "up to 10 s"}]})
    assert "Hold 5 seconds" in text and "Hold up to 10 seconds" in text


def test_a_program_keeps_up_to_when_it_is_saved():
    dose = Dose.model_validate({"hold": "up to 10 s", "duration": "up to 5 min"})
    saved = dose.to_yaml_data()
    assert saved == {"hold": "up to 10 s", "duration": "up to 5 min"}
    assert Dose.model_validate(saved) == dose


def test_a_rest_up_to_is_one_line_at_its_place_in_the_file(tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("patient: {name: Pat Example}\ndate: 2026-12-04\nexercises:\n"
                       "  - id: walking\n    dose:\n      rest: up to 30 s\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(DUBLIN), "build", str(program),
                                       "-o", str(tmp_path / "p.pdf")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f'error: {program}:6: exercises[walking].dose.rest: "up to 30 s": a rest is one time '
        'or a range; write it without "up to" ("30 s")']
    assert not (tmp_path / "p.pdf").exists()


PACKAGE_DOSE = (ROOT / "handouts" / "words" / "templates" / "en" / "dose.txt").read_text(
    encoding="utf-8")


def built_with_own_dose_txt(tmp_path, template: str, dose: str, name: str = "p"):
    """Dublin's clinic with its own en/dose.txt, ``template``, building a program of its
    walking at ``dose``: the command's result, and the PDF's text."""
    home = tmp_path / "clinic"
    if not home.exists():
        shutil.copytree(DUBLIN, home)
        (home / "templates" / "en").mkdir(parents=True)
    (home / "templates" / "en" / "dose.txt").write_text(template, encoding="utf-8")
    program, out = tmp_path / f"{name}.yaml", tmp_path / f"{name}.pdf"
    program.write_text("patient: {name: Pat Example}\ndate: 2026-12-04\nexercises:\n"
                       f"  - id: walking\n    dose: {{hold: {dose}}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(home), "build", str(program),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result, flat(out.read_bytes())


def test_a_clinic_s_older_dose_template_prints_the_package_s_up_to_and_says_so(tmp_path):
    """A clinic's dose.txt copied before "up to" would print "Hold 10 seconds": a patient
    told to hold for 10 when the therapist meant at most 10."""
    up_to = '{{ "up to " if d.up_to else "" }}'
    assert up_to in PACKAGE_DOSE
    result, text = built_with_own_dose_txt(tmp_path, PACKAGE_DOSE.replace(up_to, ""),
                                           "up to 10 s")
    assert "Hold up to 10 seconds" in text
    assert ("warning: the clinic's templates/en/dose.txt: exercises[walking].dose.hold: "
            '"up to 10 s" prints without "up to" (no words for dose.hold.up_to); the handout '
            "prints the package's words for it instead; add dose.hold.up_to (true for \"up "
            'to 10 s", the most) to it as handouts/words/templates/en/dose.txt words it '
            "(docs/library.md: The clinic's own wording)") in result.output.splitlines()
    # its own words for it: nothing to say
    result, text = built_with_own_dose_txt(tmp_path, PACKAGE_DOSE.replace(
        up_to, '{{ "at most " if d.up_to else "" }}'), "up to 10 s", "own")
    assert "warning" not in result.output, result.output
    assert "Hold at most 10 seconds" in text
