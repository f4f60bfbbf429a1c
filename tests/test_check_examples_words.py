"""The examples `check` gives with a mistake come from each language's wording
(``check_examples``), not a table in the code: the package's Spanish, and a clinic's own
Portuguese. `words pt --from es` copies the Spanish words a dose is read in, and `check`
says so until they are translated. A dose's units and a program that names no language
are given examples in the library's or clinic's words, each one the library may write.
Made-up people only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.input import reading
from handouts.input.frequency import parse_frequency
from handouts.input.limits import parse_count_or_limit
from handouts.input.quantities import parse_hold

LIBRARY = """\
language: {language}
exercises:
- id: ponte
  title: {title}
  position: deitado
  areas: [quadril]
  kind: força
  purpose: Fortalece os glúteos.
{steps}  dose:
    reps: {reps}
    hold: {hold}
    frequency: {frequency}
education:
- id: when_to_call
  title: Quando nos ligar
  body:
  - bullets:
    - '**Ligue {{emergency}} se doer o peito.**'
"""

PORTUGUESE_WORDS = """\
read_how_often:
  vezes ao dia: times a day
  dias por semana: days a week
read_units:
  segundos: seconds
  minuto: minute
  vezes: times
  a: to
check_examples:
  Lie down.: Deite-se.
  2 times a day, 5 days a week: 2 vezes ao dia, 5 dias por semana
  5-10 s: 5 a 10 segundos
  1 min: 1 minuto
"""


def run(home: Path, *args):
    return CliRunner().invoke(main, ["--home", str(home), *map(str, args)])


def clinic(tmp_path: Path, language: str, steps: bool = True, **dose: str) -> Path:
    home = tmp_path / "clinica"
    made = run(tmp_path, "new", home, "--name", "Clínica Sol", "--phone", "555-0100",
               "--paper", "A4", "--locale", "pt-BR" if language == "pt" else "es-ES")
    assert made.exit_code == 0, made.output
    said = {"reps": "10 vezes", "hold": "5 segundos", "frequency": "3 vezes ao dia", **dose}
    (home / "exercises.yaml").write_text(LIBRARY.format(
        language=language, title="Ponte", steps="  steps:\n  - Suba o quadril.\n"
        if steps else "", **said), encoding="utf-8")
    clinic_file = home / "clinic.yaml"
    clinic_file.write_text(clinic_file.read_text(encoding="utf-8") + f"language: {language}\n",
                           encoding="utf-8")
    for sample in (home / "examples").glob("*.yaml"):
        sample.unlink()
    return home


def portuguese(home: Path, words: str | None = PORTUGUESE_WORDS) -> Path:
    """The clinic's Portuguese started from the package's Spanish; ``words``: its own in
    place of the Spanish reading words and examples copied (None: left as copied)."""
    assert run(home, "words", "pt", "--from", "es").exit_code == 0
    own = home / "strings.pt.yaml"
    lines = own.read_text(encoding="utf-8").splitlines(keepends=True)[2:]  # translated
    if words is not None:
        start = next(i for i, line in enumerate(lines) if line.startswith("read_how_often:"))
        # to the first key after the reading words and examples
        end = next(i for i in range(start, len(lines)) if lines[i][:1].isalpha()
                   and lines[i].partition(":")[0] not in ("read_how_often", "read_units",
                                                          "check_examples"))
        lines = [*lines[:start - 1], words, *lines[end:]]
    own.write_text("".join(lines), encoding="utf-8")
    return own


def test_a_clinic_s_own_language_gives_its_own_examples_read_only_for_a_message(
        tmp_path, monkeypatch):
    """A Portuguese library was given English examples ("e.g. steps: [Lie down.]"): the
    package's table had Spanish alone, and a clinic could add none."""
    read = []
    keys = reading._keys
    monkeypatch.setattr(reading, "_keys", lambda path: read.append(path) or keys(path))
    home = clinic(tmp_path, "pt", frequency="3 times a day", reps="10", hold="5 s")
    portuguese(home)
    checked = run(home, "check")
    assert checked.exit_code == 0, checked.output
    program = home / "ana.yaml"
    program.write_text("patient: {name: Ana Teste}\nexercises:\n- ponte\n", encoding="utf-8")
    built = run(home, "build", program, "-o", tmp_path / "ana.pdf")
    assert built.exit_code == 0, built.output
    assert read == []  # a clean check and build of English doses read no reading words
    (home / "exercises.yaml").write_text(LIBRARY.format(
        language="pt", title="Ponte", steps="", reps="10 vezes", hold="5 segundos",
        frequency="dus vezes ao dia"), encoding="utf-8")
    result = run(home, "check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.output.splitlines()
    [steps] = [line for line in lines if "exercises[ponte].steps" in line]
    assert steps.endswith('"steps" is required but missing; add it, e.g. steps: [Deite-se.]')
    [often] = [line for line in lines if "dose.frequency" in line]
    # its own examples alone: the English and Spanish ones it has no words for left out
    assert often.endswith('"dus vezes ao dia" is not a frequency (e.g. "2 vezes ao dia, 5 '
                          'dias por semana")'), often
    assert reading_how_often_reads("2 vezes ao dia, 5 dias por semana", home)


def reading_how_often_reads(text: str, home: Path) -> bool:
    with reading.words_of(home):
        return bool(reading.reading_how_often(parse_frequency)(text))


def test_words_from_spanish_marks_the_reading_words_and_check_names_them_until_translated(
        tmp_path):
    """`words pt --from es` copied the Spanish reading words into strings.pt.yaml, and
    nothing said so once its header was gone: "3 veces al día" read as Portuguese."""
    home = clinic(tmp_path, "pt", frequency="3 times a day", reps="10", hold="5 s")
    own = portuguese(home, words=None)
    text = own.read_text(encoding="utf-8")
    assert ("# translate the phrase before each colon; keep the English after it\n"
            "read_how_often:\n") in text
    assert "# translate the words after each colon; keep the English before it\n" \
           "check_examples:\n" in text
    said = run(home, "check", "--language", "pt").output
    lines = text.splitlines()
    for key in ("read_how_often", "read_units", "check_examples"):
        line = lines.index(f"{key}:") + 1
        [warned] = [w for w in said.splitlines() if f"{own}:{line}: {key}: " in w]
        assert warned.startswith("warning: ") and "still the package's words in es" in warned
    assert "check gives a library in pt examples in es's words" in said
    assert "a dose written in es's words is read as pt's" in said
    portuguese_again = clinic(tmp_path / "again", "pt")
    portuguese(portuguese_again)
    assert "still the package's words" not in run(portuguese_again, "check").output


def examples_in(line: str) -> list[str]:
    return re.findall(r'"([^"]+)"', line.partition("(e.g.")[2])


def test_a_spanish_dose_s_units_are_given_spanish_examples_each_one_that_reads(tmp_path):
    """'"5-x segundos" is not a duration (e.g. "5-10 s", "1 min")': English units in a
    Spanish library's message."""
    home = clinic(tmp_path, "es", hold="5-x segundos", reps="x veces",
                  frequency="3 veces al día")
    result = run(home, "check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    [hold] = [line for line in result.output.splitlines() if "dose.hold" in line]
    assert hold.endswith('"5-x segundos" is not a duration (e.g. "5-10 segundos", "1 minuto", '
                         '"hasta 10 segundos")')
    [reps] = [line for line in result.output.splitlines() if "dose.reps" in line]
    assert reps.endswith('"x veces" is not a number or range (e.g. "3", "3-5", "según tolere", '
                         '"hasta la fatiga")')
    for example in examples_in(hold):
        reading.reading_units(parse_hold)(example)  # read as the library writes it
    for example in examples_in(reps):
        reading.reading_units(parse_count_or_limit)(example)


def test_a_program_naming_no_language_is_given_examples_in_the_clinic_s(tmp_path):
    """A Spanish clinic's program without ``language:`` prints in Spanish, but its mistakes
    were given English examples: the check knew only the file's own ``language:``."""
    home = clinic(tmp_path, "es", frequency="3 veces al día", reps="10 veces")
    program = home / "lucia.yaml"
    dose = "exercises:\n- {id: ponte, dose: {frequency: dos vces al día}}\n"
    program.write_text("patient: {name: Lucía Prueba}\n" + dose, encoding="utf-8")
    result = run(home, "check", program)
    [often] = [line for line in result.output.splitlines() if "dose.frequency" in line]
    assert "lucia.yaml:" in often and '(e.g. "2 veces al día, 5 días a la semana"' in often
    assert "times a day" not in result.output
    # one that says it is English is given English's
    program.write_text("patient: {name: Lucía Prueba}\nlanguage: en\n" + dose,
                       encoding="utf-8")
    english = run(home, "check", program).output
    assert '(e.g. "2 times a day, 5 days a week"' in english


def test_a_roster_row_naming_no_language_is_given_examples_in_the_clinic_s(tmp_path):
    """A Spanish clinic's roster row without ``language:`` was told English examples, as its
    program files were; the good row is still built."""
    home = clinic(tmp_path, "es", frequency="3 veces al día", reps="10 veces")
    roster = home / "hoy.yaml"
    roster.write_text("- patient: {name: Lucía Prueba}\n  exercises:\n"
                      "  - {id: ponte, dose: {frequency: dos vces al día}}\n"
                      "- patient: {name: Ana Prueba}\n  exercises: [ponte]\n", encoding="utf-8")
    result = run(home, "batch", roster, "--out-dir", tmp_path / "out")
    [often] = [line for line in result.output.splitlines() if "dose.frequency" in line]
    assert "row 1:" in often and '(e.g. "2 veces al día, 5 días a la semana"' in often
    assert "times a day" not in result.output
    assert "built 1 of 2 packets" in result.output


@pytest.mark.parametrize("frequency, told", [
    # what to write is some of the words written: not their English ("every day", "as
    # tolerated", "once a day"), which a Spanish handout would print
    ("a diario según tolere", 'how it feels ("según tolere") goes on its own, or on the reps '
                              'or duration ("reps: según tolere"); write how often alone '
                              '("a diario")'),
    ("una vez al día por 6 semanas", 'write how often alone ("una vez al día"), and a dose '
                                     "that changes over the weeks as its progression "
                                     "(weeks: 1-6)"),
    # what to write in place of words that give no number: the language's examples
    ("varias veces al día", 'it says no number; write how many (e.g. "3-5 veces al día", '
                            '"cada 2 horas")'),
    ("al menos 2 veces al día", 'not the least; write a range (e.g. "2-3 veces al día")'),
    ("la mayoría de los días", 'it says no number of days; write how many (e.g. "5 días a la '
                               'semana")'),
])
def test_a_spanish_frequency_s_hint_is_in_the_words_written(tmp_path, frequency, told):
    home = clinic(tmp_path, "es", frequency=frequency)
    result = run(home, "check")
    [often] = [line for line in result.output.splitlines() if "dose.frequency" in line]
    assert f'"{frequency}" is not a frequency: ' in often and often.endswith(told)
