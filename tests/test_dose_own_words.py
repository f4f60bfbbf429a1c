"""A dose written in the clinic's language, units and how often alike ("hold: 30 segundos",
"reps: 10 veces", "3 veces al día"), read through each language's wording (``read_units``,
``read_how_often``): the package's Spanish, and a language of the clinic's own given in its
``strings.<lang>.yaml``. Built, and the dose line read back from the PDF; a mistake told in
one line, in the words written."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from handouts.cli import main
from handouts.input.dose_models import Dose

from conftest import page_texts

LIBRARY = """\
language: {language}
exercises:
- id: puente
  title: {title}
  position: {position}
  areas: [{area}]
  kind: {kind}
  purpose: {purpose}
  steps:
  - {step}
  dose:
{dose}
education:
- id: when_to_call
  title: {call}
  body:
  - bullets:
    - '**{urgent}**'
"""

SPANISH = dict(language="es", title="Puente", position="boca arriba", area="cadera",
               kind="fuerza", purpose="Fortalece los glúteos.", step="Sube la cadera.",
               call="Cuándo llamarnos", urgent="Llama al {emergency} si te duele el pecho.")
PORTUGUESE = dict(language="pt", title="Ponte", position="deitado", area="quadril",
                  kind="força", purpose="Fortalece os glúteos.", step="Suba o quadril.",
                  call="Quando nos ligar", urgent="Ligue {emergency} se doer o peito.")


def clinic(tmp_path: Path, words: dict, dose: dict, locale: str = "es-ES") -> Path:
    home = tmp_path / "clinica"
    result = CliRunner().invoke(main, ["new", str(home), "--name", "Clínica Prueba",
                                       "--phone", "555-0100", "--paper", "A4",
                                       "--locale", locale])
    assert result.exit_code == 0, result.output
    lines = "".join(f"    {key}: {value}\n" for key, value in dose.items())
    (home / "exercises.yaml").write_text(LIBRARY.format(dose=lines, **words), encoding="utf-8")
    clinic_file = home / "clinic.yaml"
    clinic_file.write_text(clinic_file.read_text(encoding="utf-8")
                           + f"language: {words['language']}\n", encoding="utf-8")
    for sample in (home / "examples").glob("*.yaml"):
        sample.unlink()
    return home


def run(home: Path, *args):
    return CliRunner().invoke(main, ["--home", str(home), *args])


def first_page(home: Path, tmp_path: Path, name: str = "Lucía Prueba") -> str:
    program = home / "lucia.yaml"
    program.write_text(f"patient: {{name: {name}}}\nexercises:\n- puente\n", encoding="utf-8")
    out = tmp_path / "lucia.pdf"
    result = run(home, "build", str(program), "-o", str(out))
    assert result.exit_code == 0, result.output
    return " ".join(" ".join(page_texts(out.read_bytes())).split())


def test_a_spanish_dose_writes_its_units_in_spanish(tmp_path):
    home = clinic(tmp_path, SPANISH, {"hold": "30 segundos", "reps": "10 veces",
                                      "sets": "3 series", "rest": "1 minuto",
                                      "frequency": "3 veces al día"})
    checked = run(home, "check")
    assert checked.exit_code == 0, checked.output
    text = first_page(home, tmp_path)
    # the Spanish dose line, as the Spanish templates phrase the dose read
    assert ("Mantenga la posición 30 segundos · 3 series de 10 · Descanse 1 minuto entre "
            "series 3 veces al día") in text, text
    assert "seconds" not in text and "times a day" not in text


def test_a_mistake_in_spanish_units_is_one_line_in_the_words_written(tmp_path):
    home = clinic(tmp_path, SPANISH, {"hold": "30 minutos", "reps": "10 veces"})
    result = run(home, "check")
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "dose.hold" in line]
    assert "exercises.yaml:" in line and "exercises[puente].dose.hold" in line
    assert '"30 minutos" is longer than a hold can be; at most 10 min' in line, line
    assert "30 minutes" not in result.output and "Traceback" not in result.output


def test_a_dose_read_in_spanish_is_saved_in_the_form_that_reads_back():
    dose = Dose(hold="5 a 10 segundos", reps="10 veces", sets="3 series",
                frequency="dos veces al día, 5 días a la semana")
    saved = dose.to_yaml_data()
    assert saved == {"hold": "5-10 s", "reps": "10", "sets": "3",
                     "frequency": "2 times a day, 5 days a week"}
    assert Dose(**saved) == dose


PORTUGUESE_READING = """\
read_how_often:
  vezes ao dia: times a day
  vezes por dia: times a day
  uma vez ao dia: once a day
read_units:
  segundos: seconds
  repetições: reps
  vezes: times
"""


def portuguese(tmp_path: Path, reading: str) -> Path:
    home = clinic(tmp_path, PORTUGUESE, {"hold": "10 segundos", "reps": "8 repetições",
                                         "frequency": "3 vezes ao dia"}, locale="pt-BR")
    assert run(home, "words", "pt", "--from", "es").exit_code == 0
    own = home / "strings.pt.yaml"
    kept = [line for line in own.read_text(encoding="utf-8").splitlines(keepends=True)]
    # the Spanish reading words copied from es are the translator's to replace
    start = next(i for i, line in enumerate(kept) if line.startswith("read_how_often:"))
    end = next(i for i, line in enumerate(kept) if i > start and line[:1].isalpha()
               and not line.startswith("read_units:"))
    own.write_text("".join(kept[:start]) + reading + "".join(kept[end:]), encoding="utf-8")
    return home


def test_a_clinic_s_own_language_reads_its_doses_in_its_own_words(tmp_path):
    home = portuguese(tmp_path, PORTUGUESE_READING)
    checked = run(home, "check")
    assert checked.exit_code == 0 and "].dose." not in checked.output, checked.output
    text = first_page(home, tmp_path, "Ana Teste")
    # printed by the Spanish templates words copied for Portuguese (how often by the
    # package's own Portuguese, which words copies as it is): the dose was read
    assert "10 segundos" in text and "8 veces" in text and "3 vezes por dia" in text, text


def test_without_its_own_reading_words_a_clinic_s_dose_is_one_line(tmp_path):
    home = portuguese(tmp_path, "")
    result = run(home, "check")
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "dose.frequency" in line]
    assert "exercises.yaml:" in line and '"3 vezes ao dia" is not a frequency' in line, line
    assert "Traceback" not in result.output
    # and how a dose in the library's language is read: it was told only it is none
    assert line.endswith("; a dose in pt is read where strings.pt.yaml gives the words for it "
                         "(read_units, read_how_often: docs/library.md), else write it the "
                         "English way"), line
    # where the wording gives them, the words it could not read are the news: no hint
    home = portuguese(tmp_path / "again", PORTUGUESE_READING)
    library = home / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace("3 vezes ao dia",
                                                                   "3 vezes ao ano"),
                       encoding="utf-8")
    result = run(home, "check")
    [line] = [line for line in result.output.splitlines() if "dose.frequency" in line]
    assert "strings.pt.yaml gives" not in line, line


def test_reading_words_that_are_no_map_are_one_line_at_their_key(tmp_path):
    home = portuguese(tmp_path, "read_how_often: [vezes ao dia]\n")
    result = run(home, "check")
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "must list" in line]
    assert "strings.pt.yaml:" in line and "read_how_often" in line, line
    assert "(e.g. veces: times)" in line and "Traceback" not in result.output


def test_reading_words_too_long_are_named(tmp_path):
    long = "até sentir os músculos um pouco cansados"
    home = portuguese(tmp_path, PORTUGUESE_READING + f"  {long}: until mild fatigue\n")
    result = run(home, "check")
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "must list" in line]
    assert "strings.pt.yaml:" in line and "read_units" in line, line
    assert line.endswith(f'"{long}" is longer than 30 characters: keep each to a few words')


def test_the_web_form_checks_a_dose_box_in_the_clinic_s_own_words(tmp_path):
    import handouts as api
    from handouts.web import create_app

    home = portuguese(tmp_path, PORTUGUESE_READING)
    app = create_app(api.open_workspace(home=home), programs_dir=tmp_path / "programs",
                     record=lambda *a: ())
    client = app.test_client()

    def check(field: str, value: str) -> dict:
        return client.get("/check", query_string={"field": field, "value": value}).json

    assert check("frequency", "3 vezes ao dia")["ok"], check("frequency", "3 vezes ao dia")
    assert check("reps", "8 repetições")["ok"]
    wrong = check("frequency", "30 vezes ao dia")
    assert not wrong["ok"]
    assert wrong["message"] == '"30 vezes ao dia": a day has room for at most 24 sessions'
