"""The package's own Portuguese and German words for how often name the patient in a
handout given to a caregiver, as its English and Spanish do: "Como seu fisioterapeuta
orientou" told a child's parent of "your" therapist. Built in a clinic that started its
Portuguese or German with `words`, which copies the package's how often as it is; read back
from the PDF. Made-up people only."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import flat_texts

# two handouts: a starter library has two exercises
DOSES = ((("belly_breathing", "null"), ("walking", "after exercise")),
         (("belly_breathing", "as needed"),))


def _handout(tmp_path, language: str, locale: str, caregiver: str | None) -> str:
    home = tmp_path / "clinic"
    if not home.exists():
        api.make_clinic_folder(home, api.NewClinic("Clínica Sol", "555-0100", "A4", locale))
        started = CliRunner().invoke(main, ["--home", str(home), "words", language])
        assert started.exit_code == 0, started.output
    patient = "{name: Leo Costa" + (f", caregiver: {caregiver}" if caregiver else "") + "}"
    texts = []
    for n, doses in enumerate(DOSES):
        program = tmp_path / f"leo-{n}-{bool(caregiver)}.yaml"
        program.write_text(f"patient: {patient}\nlanguage: {language}\nexercises:\n" + "".join(
            f"  - {{id: {name}, dose: {{frequency: {often}}}}}\n" for name, often in doses),
            encoding="utf-8")
        out = program.with_suffix(".pdf")
        built = CliRunner().invoke(main, ["--home", str(home), "build", str(program), "-o",
                                          str(out)])
        assert built.exit_code == 0, built.output
        texts += flat_texts(out.read_bytes())
    return " ".join(texts)


@pytest.mark.parametrize("language, locale, named, plain", [
    ("pt", "pt-BR", ("Como o fisioterapeuta de Leo orientou",
                     "Depois dos outros exercícios de Leo", "Quando Leo precisar"),
     ("Como seu fisioterapeuta orientou", "Depois dos seus outros exercícios",
      "Quando precisar")),
    ("de", "de-DE", ("Wie in der Therapie von Leo besprochen",
                     "Nach den anderen Übungen von Leo", "Wenn Leo es braucht"),
     ("Wie in Ihrer Therapie besprochen", "Nach Ihren anderen Übungen",
      "Wenn Sie es brauchen")),
])
def test_how_often_names_the_patient_for_a_caregiver(tmp_path, language, locale, named,
                                                     plain):
    given = _handout(tmp_path, language, locale, "Ana Costa")
    for words in named:
        assert words in given, (words, given)
    for words in plain:
        assert words not in given, words
    alone = _handout(tmp_path, language, locale, None)
    for words in plain:
        assert words in alone, (words, alone)
    assert "Leo" not in alone.replace("Leo Costa", "")
