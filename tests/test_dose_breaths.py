"""A hold or a rest counted in breaths, as a stretch's often is given ("hold: 5 breaths",
"for 3-5 breaths"), was refused as "not a duration". It reads now, prints as the breathing
it is in each language ("Hold while you take 5 breaths"), is saved as "5 breaths", counts
SECONDS_PER_BREATH a breath in the session's minutes, and a clinic's older dose.txt prints
the package's words for it and is named. Read back from the PDFs and the command's output."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.input.dose_models import Dose
from handouts.input.quantities import SECONDS_PER_BREATH
from handouts.words import dose as doses

from conftest import ROOT
from test_dose_up_to import PACKAGE_DOSE, built_with_own_dose_txt
from test_home_doses import built_text, dublin, flat  # noqa: F401 (a fixture)


@pytest.mark.parametrize("typed, saved", [
    ("5 breaths", "5 breaths"), ("for 5 breaths", "5 breaths"), ("3-5 breaths", "3-5 breaths"),
    ("3 to 5 Breaths", "3-5 breaths"), ("1 breath", "1 breath"), ("1 breaths", "1 breath"),
])
def test_breaths_read_and_are_saved_as_typed_plainly(typed, saved):
    dose = Dose.model_validate({"hold": typed, "rest": typed})
    assert dose.to_yaml_data() == {"hold": saved, "rest": saved}
    assert Dose.model_validate(dose.to_yaml_data()) == dose


def test_a_breath_counts_as_a_slow_breath_in_the_session_s_minutes():
    held = Dose.model_validate({"hold": "5 breaths", "reps": "3"})
    timed = Dose.model_validate({"hold": f"{5 * SECONDS_PER_BREATH} s", "reps": "3"})
    assert doses.session_seconds(held) == doses.session_seconds(timed)


def test_breaths_typed_in_spanish_read():
    from handouts.input.reading import words_of

    with words_of(None, None, "es"):
        assert str(Dose.model_validate({"hold": "5 respiraciones"}).hold) == "5 breaths"


@pytest.mark.parametrize("key, typed, problem", [
    ("hold", "5 deep breaths",
     '"5 deep breaths": write the number of breaths alone ("5 breaths"); the steps say how'),
    ("hold", "3-5 slow breaths", '("3-5 breaths")'),
    ("hold", "2.5 breaths", '"2.5 breaths": breaths are whole numbers (e.g. "5 breaths")'),
    ("rest", "100 breaths", '"100 breaths" is too many breaths for a hold or a rest; at most '
                            f'{600 // SECONDS_PER_BREATH} breaths'),
    ("hold", "0 breaths", '"0 breaths": the number of breaths must be more than 0'),
    # breaths taken are a dose's own key: "Take 10 breaths"
    ("duration", "10 breaths", '"10 breaths" is a number of breaths, not a time; write it as '
                               "breaths: 10"),
    ("duration", "5-10 breaths", "write it as breaths: 5-10"),
])
def test_breaths_that_cannot_be_say_why(key, typed, problem):
    with pytest.raises(ValueError) as raised:
        Dose.model_validate({key: typed})
    assert problem in str(raised.value)


@pytest.mark.parametrize("language, dose, printed", [
    ("en", {"hold": "5 breaths", "reps": "3"}, "Hold while you take 5 breaths · Repeat 3 times"),
    ("en", {"hold": "1 breath"}, "Hold while you take 1 breath"),
    ("en", {"hold": "10 s", "reps": "5", "rest": "2 breaths"},
     "Relax while you take 2 breaths after each hold"),
    ("en", {"reps": "10", "sets": "2", "rest": "3-5 breaths"},
     "Rest while you take 3–5 breaths between sets"),
    ("es", {"hold": "5 breaths"}, "Mantenga la posición mientras respira 5 veces"),
    ("es", {"hold": "1 breath"}, "Mantenga la posición mientras respira una vez"),
    ("es", {"reps": "3", "sets": "2", "rest": "2 breaths"},
     "Descanse mientras respira 2 veces entre series"),
])
def test_breaths_print_as_breathing_in_each_language(dublin, language, dose, printed):
    assert printed in built_text(dublin, dose, language)


def test_a_clinic_s_dose_template_from_before_breaths_prints_the_package_s_and_says_so(
        tmp_path):
    """A dose.txt copied when counts came, before breaths, would print "Hold 5 seconds" for
    "5 breaths"."""
    breathing = ('{% elif d.unit == "breath" %}while you take {{ d.span|span }} {{ "breaths" '
                 'if d.span is plural else "breath" }}')
    assert breathing in PACKAGE_DOSE
    result, text = built_with_own_dose_txt(tmp_path, PACKAGE_DOSE.replace(breathing, ""),
                                           "5 breaths")
    assert "Hold while you take 5 breaths" in text
    assert "Hold 5 seconds" not in text
    assert ("warning: the clinic's templates/en/dose.txt: exercises[walking].dose.hold: "
            '"5 breaths" prints without "breaths" (no words for dose.hold.unit); the '
            "handout prints the package's words for it instead; add dose.hold.unit (\"count\" "
            'for "count to 10", counted out loud; "breath" for "5 breaths") to it as '
            "handouts/words/templates/en/dose.txt words it (docs/library.md: The clinic's own "
            "wording)") in result.output.splitlines()
    # the clinic's copy made with breaths is its own words, and nothing is said
    result, text = built_with_own_dose_txt(tmp_path, PACKAGE_DOSE.replace(
        "while you take {{", "as you take {{"), "5 breaths", name="q")
    assert "Hold as you take 5 breaths" in text
    assert "dose.hold.unit" not in result.output


@pytest.mark.parametrize("hold, rest, printed", [
    ("5 breaths", "2 breaths", ["Fique na posição 40 segundos", "Relaxe 16 segundos"]),
    ("3-5 breaths", "2 breaths", ["Fique na posição 24-40 segundos"]),
    ("15 breaths", "10 s", ["Fique na posição 2 minutos", "Relaxe 10 segundos"]),
])
def test_a_language_the_package_has_no_words_for_prints_breaths_as_the_seconds_they_take(
        tmp_path, hold, rest, printed):
    """The Portuguese test clinic's own dose.txt, copied before breaths, in a language the
    package has no dose.txt for: it printed "5 breaths" as "Fique na posição 5 segundos", an
    eighth of the hold. Now as the seconds they take, and the build says so."""
    home = tmp_path / "clinica"
    shutil.copytree(ROOT / "tests" / "clinics" / "portuguese", home)
    program, out = tmp_path / "p.yaml", tmp_path / "p.pdf"
    program.write_text("patient: {name: Pat Exemplo}\ndate: 2026-12-05\nexercises:\n"
                       "  - id: queixo_para_tras\n"
                       f"    dose: {{hold: {hold}, reps: 3, rest: {rest}}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(home), "build", str(program),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    words = flat(out.read_bytes()).replace("–", "-")
    for line in printed:
        assert line in words
    n = int(hold.split()[0].split("-")[0])
    assert f"Fique na posição {n} segundos" not in words
    told = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert told and all("prints its breaths as seconds, 8 a breath (no words for dose."
                        in line for line in told)
    assert any("dose.hold.unit" in line for line in told)
