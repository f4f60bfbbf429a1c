"""clinic.yaml's ``language:``: what a handout prints in where its program does not say, for
a clinic whose patients mostly read another language than English. Read back from the PDFs,
the record and the web page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts import record
from handouts.cli import main
from handouts.web import create_app

from conftest import page_texts

ROOT = Path(__file__).resolve().parent.parent
SPANISH, ENGLISH = "¿Preguntas? Llámenos", "Questions? Call us"


def clinic(tmp_path: Path, language: str = "es") -> Path:
    home = tmp_path / "clinica"
    home.mkdir()
    for name in ("exercises.yaml", "exercises.es.yaml"):
        shutil.copy(ROOT / name, home / name)
    shutil.copytree(ROOT / "images", home / "images")
    text = (ROOT / "clinic.yaml").read_text(encoding="utf-8")
    (home / "clinic.yaml").write_text(f"{text}\nlanguage: {language}\n", encoding="utf-8")
    return home


def run(home: Path, *args):
    return CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False)


def first_page(path: Path) -> str:
    return page_texts(path.read_bytes())[0]


def test_a_handout_prints_in_the_clinic_s_language_unless_its_program_says(tmp_path):
    home = clinic(tmp_path)
    quick = ["build", "--patient", "Ana Prueba", "--exercise", "child_pose"]
    assert run(home, *quick, "-o", str(tmp_path / "a.pdf")).exit_code == 0
    assert SPANISH in first_page(tmp_path / "a.pdf")
    assert run(home, *quick, "--language", "en", "-o", str(tmp_path / "b.pdf")).exit_code == 0
    assert ENGLISH in first_page(tmp_path / "b.pdf")
    # a program file that says English stays English, printed another way too
    program = tmp_path / "ana.yaml"
    program.write_text("patient: {name: Ana Prueba}\nexercises: [child_pose]\nlanguage: en\n")
    result = run(home, "build", str(program), "--layout", "large_print", "-o",
                 str(tmp_path / "c.pdf"))
    assert result.exit_code == 0, result.output
    assert ENGLISH in first_page(tmp_path / "c.pdf")


def test_a_language_the_handouts_have_no_words_in_is_one_line_at_its_place(tmp_path):
    home = clinic(tmp_path, "fr")
    result = run(home, "check")
    assert result.exit_code == 1
    line = (home / "clinic.yaml").read_text().splitlines().index("language: fr") + 1
    assert result.stderr.splitlines()[0] == (
        f'error: {home / "clinic.yaml"}:{line}: language: no handouts in "fr" yet; use one '
        "of en, es; or give the handouts words in it: strings.fr.yaml and templates/fr/ in "
        "the clinic's folder (docs/library.md: The clinic's own wording)")


def test_the_record_keeps_the_language_a_handout_printed_in(tmp_path, monkeypatch):
    """Reprinted after the clinic's language changed, each handout is the same PDF: the
    record keeps the clinic file as it was, and a program's own language where it said."""
    monkeypatch.chdir(tmp_path)
    home = clinic(tmp_path)
    ws = api.open_workspace(home=home)
    built = {}
    for name, extra in (("Ana Prueba", {}), ("Bob Example", {"language": "en"})):
        program = api.program_from_data({"patient": {"name": name},
                                         "exercises": ["child_pose"], **extra}, ws,
                                        source="test")
        built[name] = api.build_handout(program, ws)
        assert record.issued(ws, record.Issue.of(program, built[name]),
                             channel="printed") == ()
    assert built["Ana Prueba"].handout.languages == ("es",)
    assert built["Bob Example"].handout.languages == ("en",)
    clinic_file = home / "clinic.yaml"
    clinic_file.write_text(clinic_file.read_text().replace("language: es", "language: en"))
    today = api.open_workspace(home=home)
    for name, made in built.items():
        again = record.reprint(today, made.handout.handout_id)
        assert again.identical and again.built.pdf == made.pdf, name
    [ana] = record.patients(today, "Ana Prueba")
    assert "language" not in yaml.safe_load(record.visits(today, ana)[0].yaml)
    [bob] = record.patients(today, "Bob Example")
    assert yaml.safe_load(record.visits(today, bob)[0].yaml)["language"] == "en"


def test_the_web_form_starts_in_the_clinic_s_language(tmp_path):
    home = clinic(tmp_path, "es, en")
    app = create_app(api.open_workspace(home=home), programs_dir=tmp_path / "programs",
                     outbox_dir=tmp_path / "outbox", record=lambda *a, **k: ())
    page = app.test_client().get("/").get_data(as_text=True)
    chosen = re.search(r'<select name="language"[^>]*>.*?<option value="([^"]*)" selected',
                       page, re.S)
    assert chosen and chosen.group(1) == "es, en"


def test_a_clinic_template_that_includes_a_missing_file_names_that_file(tmp_path):
    """The message names the file the include asks for, not the template that includes it
    (which is there, and was said to be missing)."""
    home = tmp_path / "clinic"
    shutil.copytree(ROOT / "examples" / "dublin-shoulder", home)
    shutil.copytree(ROOT / "tests" / "clinics" / "hebrew", home, dirs_exist_ok=True)
    dose = home / "templates" / "he" / "dose.txt"
    dose.write_text(dose.read_text(encoding="utf-8") + '{% include "he/extra.txt" %}\n',
                    encoding="utf-8")
    ws = api.open_workspace(home=home)
    program = api.program_from_options(ws, patient="Pat Example", exercises=["pendulum"],
                                       language="he")
    with pytest.raises(api.HandoutError) as exc:
        api.build_handout(program, ws)
    assert str(exc.value) == (f'{dose}: includes "he/extra.txt", which is not there; add '
                              "that file to templates/, or take the include out")
