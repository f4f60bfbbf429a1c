"""The Portuguese, German and Japanese test clinics each added the language itself, with a
frequency.txt copied before two named times of day ("every morning and at bedtime") came:
the handout printed the first time alone, "Toda manhã" (once a day, not twice), and
`check` warned. Their templates do lack the words, so the warning stays; the package now
has each language's frequency.txt, whose words the handout prints instead, as it does for
English and Spanish."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import ROOT, page_texts

TWICE = "every morning and at bedtime"


def _home(tmp_path, clinic: str):
    home = tmp_path / clinic
    shutil.copytree(ROOT / "tests" / "clinics" / clinic, home)
    return home


def _text(pdf: bytes) -> str:
    """The PDF's text without spaces or line breaks: a Japanese line breaks anywhere."""
    return re.sub(r"\s", "", "".join(page_texts(pdf)))


@pytest.mark.parametrize("clinic, language, printed", [
    ("portuguese", "pt", "Toda manhã e antes de dormir"),
    ("german", "de", "Jeden Morgen und vor dem Schlafengehen"),
    ("japanese", "ja", "毎朝と寝る前"),
])
def test_both_named_times_print_in_the_clinics_language(tmp_path, clinic, language, printed):
    home = _home(tmp_path, clinic)
    ws = api.open_workspace(home=home)
    exercise = ws.library.exercises[0].id
    program = api.program_from_data(
        {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "language": language,
         "exercises": [{"id": exercise, "dose": {"frequency": TWICE}}]}, ws, source="test")
    text = _text(api.build_handout(program, ws).pdf)
    assert text.count(re.sub(r"\s", "", printed)) >= 2, text  # page 1's table and the card

    # the clinic's own frequency.txt still lacks the words: check says so, and where
    program_file = tmp_path / "pat.yaml"
    program_file.write_text(f"patient:\n  name: Pat Example\nlanguage: {language}\n"
                            f"exercises:\n  - id: {exercise}\n    dose:\n"
                            f"      frequency: {TWICE}\n", encoding="utf-8")
    checked = CliRunner().invoke(main, ["--home", str(home), "check", str(program_file)])
    assert checked.exit_code == 0, checked.output
    assert (f'warning: {home / "templates" / language / "frequency.txt"}: {program_file}: '
            f'exercises[{exercise}].dose.frequency: "{TWICE}" prints as ') in checked.stderr
    assert ("(no words for frequency.also_at \"bedtime\"); the handout prints the package's "
            "words for it instead; add frequency.also_at") in checked.stderr
    assert f"as handouts/words/templates/{language}/frequency.txt words it" in checked.stderr


@pytest.mark.parametrize("clinic, language, places, printed", [
    ("portuguese", "pt", "deitada, sentada, em pé", "3 vezes por dia: deitada, sentada e em pé"),
    ("german", "de", "liegend, sitzend, stehend", "3-mal am Tag: liegend, sitzend und stehend"),
    ("japanese", "ja", "あおむけ, すわって, たって", "1日3回：あおむけ、すわって、たって"),
])
def test_where_each_time_is_done_prints_in_the_clinics_language(tmp_path, clinic, language,
                                                                places, printed):
    # the package's own frequency.txt in these languages had no words for the places: the
    # clinic's copy, which has none either, was compared with it, no gap was found, and the
    # handout said "3 vezes por dia" alone, without a word, the places lost
    home = _home(tmp_path, clinic)
    ws = api.open_workspace(home=home)
    exercise = ws.library.exercises[0].id
    often = f"3 times a day: {places}"
    program = api.program_from_data(
        {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "language": language,
         "exercises": [{"id": exercise, "dose": {"frequency": often}}]}, ws, source="test")
    built = api.build_handout(program, ws)
    text = _text(built.pdf)
    assert text.count(re.sub(r"\s", "", printed)) >= 2, text  # page 1's table and the card
    assert any(f'"{often}" prints as ' in w and "frequency.places" in w
               for w in built.warnings), built.warnings


def test_a_language_the_package_words_how_often_in_needs_no_frequency_txt_of_its_own(tmp_path):
    # the build prints the package's Portuguese frequency.txt where the clinic has none;
    # check said it was missing, an error, and to copy the English one
    home = _home(tmp_path, "portuguese")
    (home / "templates" / "pt" / "frequency.txt").unlink()
    checked = CliRunner().invoke(main, ["--home", str(home), "check"])
    assert checked.exit_code == 0, checked.output
    assert "frequency.txt" not in checked.stderr
    ws = api.open_workspace(home=home)
    program = api.program_from_data(
        {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "language": "pt",
         "exercises": [{"id": ws.library.exercises[0].id, "dose": {"frequency": TWICE}}]},
        ws, source="test")
    assert "Todamanhãeantesdedormir" in _text(api.build_handout(program, ws).pdf)
