"""A clinic whose library is written in Spanish (``language: es``) writes how often in
Spanish, "3 veces al día", in its library and its programs: read back from the PDF a build
writes, and a mistake in it told in the clinic's own words."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from handouts.cli import main

from conftest import page_texts

LIBRARY = """\
language: es
exercises:
- id: extension_rodilla
  title: Estirar la rodilla sentado
  position: sentado
  areas: [rodilla]
  kind: fuerza
  purpose: Fortalece el muslo.
  steps:
  - Siéntate en una silla.
  - Estira la rodilla despacio.
  dose:
    reps: 10
    side: cada pierna
    frequency: {frequency}
- id: puntillas
  title: Ponerse de puntillas
  position: de pie
  areas: [tobillo]
  kind: fuerza
  purpose: Fortalece la pantorrilla.
  steps:
  - Sube sobre las puntas de los pies.
  dose:
    reps: 15
    frequency: dos veces al día, 5 días a la semana
education:
- id: when_to_call
  title: Cuándo llamarnos
  body:
  - bullets:
    - '**Llama al {{emergency}} enseguida si te duele el pecho.**'
    - Tienes fiebre.
"""


def clinic(tmp_path: Path, frequency: str = "3 veces al día") -> Path:
    home = tmp_path / "turia"
    result = CliRunner().invoke(main, ["new", str(home), "--name", "Fisioterapia Turia",
                                       "--phone", "963 000 000", "--paper", "A4",
                                       "--locale", "es-ES"])
    assert result.exit_code == 0, result.output
    (home / "exercises.yaml").write_text(LIBRARY.format(frequency=frequency),
                                         encoding="utf-8")
    clinic_file = home / "clinic.yaml"
    clinic_file.write_text(clinic_file.read_text(encoding="utf-8") + "language: es\n",
                           encoding="utf-8")
    for sample in (home / "examples").glob("*.yaml"):
        sample.unlink()
    return home


def run(home: Path, *args):
    return CliRunner().invoke(main, ["--home", str(home), *args])


def test_a_spanish_library_writes_how_often_in_spanish(tmp_path):
    home = clinic(tmp_path)
    assert run(home, "check").exit_code == 0, run(home, "check").output
    program = home / "lucia.yaml"
    program.write_text("patient: {name: Lucía Prueba}\nexercises:\n- extension_rodilla\n"
                       "- {id: puntillas, dose: {frequency: cada 2 horas}}\n",
                       encoding="utf-8")
    out = tmp_path / "lucia.pdf"
    result = run(home, "build", str(program), "-o", str(out))
    assert result.exit_code == 0, result.output
    first = " ".join(page_texts(out.read_bytes())[0].split())
    assert "3 veces al día" in first
    # the program's own dose: every 2 hours of the 16 a patient is awake
    assert "Cada 2 horas" in first
    assert "times a day" not in first and "every" not in first.lower()


def test_a_mistake_in_a_spanish_frequency_is_told_in_the_words_written(tmp_path):
    home = clinic(tmp_path, frequency="25 veces al día")
    result = run(home, "check")
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "frequency" in line]
    assert "exercises.yaml:" in line and "exercises[extension_rodilla].dose.frequency" in line
    assert '"25 veces al día": a day has room for at most 24 sessions' in line
    assert "Traceback" not in result.output


def test_a_spanish_librarys_mistakes_are_given_spanish_examples(tmp_path):
    """check told a Spanish library's missing steps "e.g. steps: [Lie down.]" and a frequency
    it could not read "(e.g. "2 times a day, 5 days a week", ...)": English patient words
    to copy into a Spanish handout. The keys stay English (they are, by design); the
    examples are Spanish, and each Spanish frequency given is one the library may write."""
    import re

    from handouts.input.frequency import parse_frequency
    from handouts.input.reading import reading_how_often

    home = clinic(tmp_path, frequency="dos vces al día")
    library = home / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    library.write_text(text.replace("  steps:\n  - Sube sobre las puntas de los pies.\n", "")
                       .replace("position: de pie", "position: De-Pie!"), encoding="utf-8")
    result = run(home, "check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.output.splitlines()
    [often] = [line for line in lines if "dose.frequency" in line]
    assert '"dos vces al día" is not a frequency (e.g. "2 veces al día, 5 días a la semana"' \
        in often
    for example in re.findall(r'"([^"]+)"', often.partition("(e.g.")[2]):
        reading_how_often(parse_frequency)(example)  # read as the library writes it
    [steps] = [line for line in lines if "exercises[puntillas].steps" in line]
    assert steps.endswith('"steps" is required but missing; add it, e.g. steps: [Acuéstese.]')
    [position] = [line for line in lines if "exercises[puntillas].position" in line]
    assert "(e.g. de lado, de pie)" in position
    assert not any(english in result.output for english in
                   ("times a day", "Lie down", "standing", "side-lying"))


def test_once_veces_is_eleven_times_not_once(tmp_path):
    """"once veces al día" is Spanish for 11 times a day; it was read "once a day", the
    English "once" before the Spanish "veces al día", and a Spanish handout printed "Una vez
    al día". "once" alone stays English's one time, as before ("once al día")."""
    from handouts.input.frequency import parse_frequency
    from handouts.input.reading import reading_how_often

    read = reading_how_often(parse_frequency)
    assert str(read("once veces al día")) == "11 times a day"
    assert str(read("Once veces al dia")) == "11 times a day"
    assert str(read("once al día")) == "once a day"
    home = clinic(tmp_path, frequency="once veces al día")
    program = home / "lucia.yaml"
    program.write_text("patient: {name: Lucía Prueba}\nexercises:\n- extension_rodilla\n",
                       encoding="utf-8")
    out = tmp_path / "lucia.pdf"
    result = run(home, "build", str(program), "-o", str(out))
    assert result.exit_code == 0, result.output
    first = " ".join(page_texts(out.read_bytes())[0].split())
    assert "11 veces al día" in first and "Una vez al día" not in first


def test_a_spanish_librarys_hints_give_what_to_write_in_spanish(tmp_path):
    """A hint's example given alone was English for a Spanish library: days named, "write
    how many days in their place ("2 days a week")"; a count of sets, "(e.g. "2 times a
    day")"; and a feeling after how often, its Spanish made English, "write how often alone
    ("2 times a day")". Each is the library's words now, and one the library may write."""
    from handouts.input.frequency import parse_frequency
    from handouts.input.reading import reading_how_often

    said = {}
    for n, typed in enumerate(["lunes y miércoles", "3 series al día",
                               "2 veces al día según tolere"]):
        result = run(clinic(tmp_path / str(n), frequency=typed), "check")
        assert result.exit_code == 1 and "Traceback" not in result.output
        [said[typed]] = [line for line in result.output.splitlines() if "frequency" in line]
    assert 'in their place ("2 días a la semana")' in said["lunes y miércoles"]
    assert 'write how often alone (e.g. "2 veces al día")' in said["3 series al día"]
    assert 'write how often alone ("2 veces al día")' in said["2 veces al día según tolere"]
    assert not any(english in line for line in said.values()
                   for english in ("days a week", "times a day"))
    for example in ("2 días a la semana", "2 veces al día"):
        reading_how_often(parse_frequency)(example)  # read as the library writes it
