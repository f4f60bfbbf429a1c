"""The clinic's name and address in each handout's language: clinic.yaml gives each as one
text (the same in every language) or one per language code, as its tagline and disclaimer
are. A French handout of a clinic with an English name printed the English one; now the
handout (page 1's head, every page's foot, the PDF's author), its email (the sender's
name, the subject, the words) and the staff's pages say the name in their language, else
in the library's. A code no handouts are written in is one line of error.

The PDFs are built from a copy of tests/clinics/french (made-up Kiné Rivière: a library in
French with an English translation); the email goes to the loopback server test_email.py
starts; the web app's page through Flask's test client."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

import handouts as api
from clinic_copy import build, copied, flat_pages, run
from conftest import reader
from test_email import Clinic, clinic, servers  # noqa: F401  (fixtures)
from test_web import LIBRARY, Browser, unescape
from handouts.web import create_app

NAMES = """name:
  fr: Kiné Rivière
  en: River Physiotherapy
address:
  fr: 12 quai de la Rivière, Lyon
  en: 12 River Quay, Lyon
"""
PROGRAM = """patient: {name: Zoé Exemple}
date: 2026-12-03
exercises: [marche, chat]
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = copied(tmp_path_factory, "french", "riviere")
    clinic_yaml = home / "clinic.yaml"
    clinic_yaml.write_text(clinic_yaml.read_text(encoding="utf-8").replace(
        "name: Kiné Rivière\n", NAMES), encoding="utf-8")
    (home.parent / "zoe.yaml").write_text(PROGRAM, encoding="utf-8")
    return home


@pytest.mark.parametrize("language, name, address, other", [
    ("fr", "Kiné Rivière", "12 quai de la Rivière, Lyon", "River Physiotherapy"),
    ("en", "River Physiotherapy", "12 River Quay, Lyon", "Kiné Rivière"),
    # the lead language's name: the page's head has room for one
    ("fr,en", "Kiné Rivière", "12 quai de la Rivière, Lyon", "River Physiotherapy")])
def test_each_handout_prints_its_languages_name(home, language, name, address, other):
    pdf, result = build(home, home.parent / "zoe.yaml", f"zoe-{language}", "--language",
                        language)
    pages = flat_pages(pdf)
    assert pages[0].startswith(name) and address in pages[0], pages[0]
    assert all(f"{name} · 01 23 45 67 89" in page for page in pages)  # every page's foot
    assert not any(other in page for page in pages)
    assert reader(pdf).metadata.author == name
    assert "name" not in result.output and "address" not in result.output  # no warning


def test_a_language_the_name_is_not_given_in_prints_the_library_s(home, tmp_path):
    clinic_yaml = home / "clinic.yaml"
    data = yaml.safe_load(clinic_yaml.read_text(encoding="utf-8"))
    assert data["name"] == {"fr": "Kiné Rivière", "en": "River Physiotherapy"}
    ws = api.open_workspace(home=home)
    assert ws.clinic.name_in("es") == ws.clinic.name == "Kiné Rivière"  # the library's: fr
    assert ws.clinic.name_in("en") == "River Physiotherapy"
    assert ws.clinic.address_in("en") == "12 River Quay, Lyon"


@pytest.mark.parametrize("written, said", [
    ("  zz: Rivière Klinik\n",
     'name.zz: no handouts in "zz" yet; use one of en, es, fr; or give the '
     "handouts words in it: strings.zz.yaml and templates/zz/ in the clinic's folder "
     "(docs/library.md: The clinic's own wording)"),
    ("  fr-CA: Kiné Rivière du Québec\n",
     'name.fr-CA: "fr-CA" is a language and a country: write the language alone here (fr); '
     "the country goes in clinic.yaml, as locale: fr-CA (the dates and spelling of the "
     "handouts)")])
def test_a_name_in_a_language_no_handout_is_written_in_is_one_line(
        tmp_path_factory, written, said):
    home = copied(tmp_path_factory, "french", "riviere")
    clinic_yaml = home / "clinic.yaml"
    clinic_yaml.write_text(clinic_yaml.read_text(encoding="utf-8").replace(
        "name: Kiné Rivière\n", NAMES.split("address:")[0] + written), encoding="utf-8")
    result = run(home, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {clinic_yaml}:6: {said}",
                                          "1 problem found."], result.stderr


def test_a_name_per_language_gives_the_library_s_language_too(tmp_path_factory):
    home = copied(tmp_path_factory, "french", "riviere")
    clinic_yaml = home / "clinic.yaml"
    clinic_yaml.write_text(clinic_yaml.read_text(encoding="utf-8").replace(
        "name: Kiné Rivière\n", "name:\n  en: River Physiotherapy\n"), encoding="utf-8")
    result = run(home, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'error: {clinic_yaml}:3: name: give the Français text too, under "fr:" (the '
        "library's language, exercises.yaml: it is printed where there is no text in the "
        "handout's language)", "1 problem found."], result.stderr


SPANISH = {"name": {"en": "Test Street Physio", "es": "Fisioterapia Calle Test"},
           "address": {"en": "12 Test Street", "es": "Calle Test 12"}}


def test_the_email_says_the_name_of_its_language(clinic, servers):  # noqa: F811
    server = servers()
    # no name of its own in smtp.from: the sender is named after the clinic
    clinic.configure({"port": server.port, "from": "desk@example.com"}, **SPANISH)
    result = clinic.run("email", str(clinic.program("Ana Ejemplo", "ana@example.com",
                                                    language="es")))
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    assert message["From"] == "Fisioterapia Calle Test <desk@example.com>"
    assert message["Subject"] == "Su programa de ejercicios en casa de Fisioterapia Calle Test"
    for body in (message.get_body(("plain",)), message.get_body(("html",))):
        said = " ".join(body.get_content().split())
        assert "Fisioterapia Calle Test" in said and "Calle Test 12" in said
        assert "Test Street" not in said


def test_a_bilingual_email_says_each_language_s_name(clinic, servers):  # noqa: F811
    server = servers()
    clinic.configure({"port": server.port, "from": "desk@example.com"}, **SPANISH)
    result = clinic.run("email", str(clinic.program("Ana Ejemplo", "ana@example.com",
                                                    language=["es", "en"])))
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    assert message["From"] == "Fisioterapia Calle Test <desk@example.com>"
    assert message["Subject"] == ("Su programa de ejercicios en casa de Fisioterapia Calle "
                                  "Test / Your home exercise program from Test Street Physio")


def test_the_staff_pages_say_the_name_in_their_language(tmp_path):
    home = tmp_path / "library"
    shutil.copytree(LIBRARY, home)
    clinic_yaml = home / "clinic.yaml"
    clinic_yaml.write_text(clinic_yaml.read_text(encoding="utf-8").replace(
        "name: Test Street Physio\n", "name: {en: Test Street Physio, es: Fisioterapia Calle "
        "Test}\nlocale: es-MX\n"), encoding="utf-8")
    ws = api.open_workspace(home / "exercises.yaml", clinic_yaml)
    page = unescape(Browser(create_app(ws, programs_dir=tmp_path / "programs",
                                       record=lambda *a: ())).get("/").get_data(as_text=True))
    assert re.search(r"<title>[^<]* · Fisioterapia Calle Test</title>", page), page[:400]
    assert "Test Street Physio" not in page

