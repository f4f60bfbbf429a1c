"""The staff pages in the clinic's language, through Flask's test client: a French or
Spanish clinic's sign-in, build form, preview line and error pages in its words, the date
boxes in its order of day and month, an English clinic's as they were, and a language the
app has no words in in English. Each catalogue holds the keys the pages look up."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

import handouts as api
from handouts.web import create_app, staff_words

from test_web import LIBRARY, Browser, unescape

WEB = Path(api.__file__).parent / "web"


def clinic_browser(tmp_path: Path, lines: str = "", password: str | None = None) -> Browser:
    """The app over a copy of the test library whose clinic.yaml has ``lines`` added."""
    home = tmp_path / "library"
    shutil.copytree(LIBRARY, home)
    with (home / "clinic.yaml").open("a", encoding="utf-8") as f:
        f.write(lines)
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    return Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: (),
                              password=password))


def html(response) -> str:
    return unescape(response.get_data(as_text=True))


def placeholder(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="[^"]*" placeholder="([^"]*)"', page).group(1)


def test_a_french_clinics_build_form_is_in_french(tmp_path):
    b = clinic_browser(tmp_path, "locale: fr-FR\n")
    page = html(b.get("/"))
    assert '<html lang="fr-FR">' in page
    assert "<title>Nouveau programme · Test Street Physio</title>" in page
    assert ">Nouveau programme à la maison</h1>" in page
    assert ">Faire le PDF à imprimer</button>" in page
    assert ">Date de naissance <span class=\"hint\">(facultatif, JJ/MM/AAAA)</span>" in page
    assert placeholder(page, "patient_dob") == placeholder(page, "next_visit") == "JJ/MM/AAAA"
    # the library is English: its titles say so to a screen reader on a French page
    assert re.search(r'<h3 lang="en">Cat and camel</h3>', page)
    b.post("add:cat_camel", {"patient_name": "Zoé Exemple", "patient_dob": "14/03/1968"})
    page = html(b.page)
    assert "Programme à la maison de Zoé Exemple" in page
    assert "Page 1 sur " in page and ": telle qu’elle s’imprime." in page
    assert 'value="1968-03-14"' in page or 'value="14/03/1968"' in page
    assert "Please fix" not in page and "Corrigez" not in page



def test_a_french_page_names_its_boxes_as_their_labels_do(tmp_path):
    """The list of problems and the line where the preview would be name each box by its
    label, in the page's language, and say what to do in it: a French page said "To see the
    handout, fix "Date of birth"" of the box labelled "Date de naissance"."""
    b = clinic_browser(tmp_path, "locale: fr-FR\n")
    b.get("/")
    b.post("add:cat_camel", {"patient_name": "", "patient_dob": "31/02/1968",
                             "patient_email": "zoé"})
    page = html(b.page)
    assert ("Pour voir la fiche, tapez le nom du patient et corrigez "
            '"Date de naissance" et "Courriel".') in page
    fields = {**b.form(), "patient_name": "Zoé Exemple", "ex-0-hold": "5-x s"}
    page = html(b.post("build", fields))
    assert '<a href="#patient_dob">Date de naissance\u00a0: ' in page  # French spacing
    assert '<a href="#ex-0-hold">Exercice 1 (Cat and camel), tenir\u00a0: ' in page
    assert "Date of birth" not in page and "To see the handout" not in page


def test_a_quebec_clinic_shows_the_year_first_form_and_the_day_first_one_it_reads(tmp_path):
    page = html(clinic_browser(tmp_path, "locale: fr-CA\n").get("/"))
    assert '<html lang="fr-CA">' in page
    assert placeholder(page, "patient_dob") == "AAAA-MM-JJ"
    assert "(facultatif, AAAA-MM-JJ ou JJ/MM/AAAA)" in page


def test_a_spanish_clinics_pages_and_errors_are_in_spanish(tmp_path):
    b = clinic_browser(tmp_path, "locale: es-ES\n", password="correct horse")
    page = html(b.get("/", follow_redirects=True))  # sign-in first
    assert '<html lang="es-ES">' in page and "<h1>Iniciar sesión</h1>" in page
    wrong = b.post("", {"password": "nope"}, url="/login")
    assert wrong.status_code == 401 and "Esa no es la contraseña." in html(wrong)
    b.post("", {"password": "correct horse"}, url="/login")
    page = html(b.get("/"))
    assert placeholder(page, "patient_dob") == "DD/MM/AAAA"
    assert ">Cerrar sesión</button>" in page
    missing = b.get("/no-such-page")
    assert missing.status_code == 404 and "<h1>No encontrado</h1>" in html(missing)
    expired = b.post("build", {"patient_name": "Ana", "csrf_token": "forged"})
    assert expired.status_code == 400 and "<h1>El formulario caducó</h1>" in html(expired)


@pytest.mark.parametrize("lines, lang", [("", "en"), ("locale: en-US\n", "en-US"),
                                         ("language: es\n", "es")])
def test_an_english_clinics_pages_are_as_they_were(tmp_path, lines, lang):
    """No locale (English, and a clinic whose handouts are Spanish but names no locale:
    Spanish staff words then), en-US: the date boxes say YYYY-MM-DD as they always did."""
    page = html(clinic_browser(tmp_path, lines).get("/"))
    assert f'<html lang="{lang}">' in page
    if lang == "es":
        assert ">Programa en casa nuevo</h1>" in page
        return
    assert ">New home program</h1>" in page and ">Build PDF to print</button>" in page
    assert placeholder(page, "patient_dob") == "YYYY-MM-DD"
    assert '<span class="hint">(optional)</span>' in page


@pytest.mark.parametrize("locale, word", [("en-GB", "programme"), ("en-IE", "programme"),
                                          ("en-AU", "programme"), ("en-US", "program"),
                                          ("", "program")])
def test_the_pages_write_english_the_clinics_way(tmp_path, locale, word):
    """The handouts of a clinic in Dublin or Leeds say "programme", and its staff's pages
    said "program" on every button: they write English the way its handouts do."""
    page = html(clinic_browser(tmp_path, f"locale: {locale}\n" if locale else "").get("/"))
    assert f">New home {word}</h1>" in page
    assert f">Save {word}</button>" in page
    assert "Home programs" not in page if word == "programme" else "Home programmes" not in page


def test_a_clinics_own_english_words_win_over_the_british_ones(tmp_path):
    home = tmp_path / "library"
    b = clinic_browser(tmp_path, "locale: en-GB\n")
    (home / "staff_words.en.yaml").write_text('new_home_program: "New plan"\n',
                                              encoding="utf-8")
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    page = html(b.get("/"))
    assert ">New plan</h1>" in page and ">Save programme</button>" in page


def test_a_language_the_app_has_no_words_in_is_english(tmp_path):
    """A German clinic's staff get English pages, never its handouts' other language;
    the date boxes still in its order."""
    page = html(clinic_browser(tmp_path, "locale: de-DE\nlanguage: es\n").get("/"))
    # English as a clinic in Germany writes it, as its English handouts do (programme)
    assert '<html lang="en">' in page and ">New home programme</h1>" in page
    assert placeholder(page, "patient_dob") == "DD/MM/YYYY"


def test_each_catalogue_holds_the_keys_the_pages_look_up():
    catalogues = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                  for p in (WEB / "words").glob("*.yaml")}
    english = catalogues["en"]
    # a country's words (en-GB) are laid over its language's: only the keys that differ
    british = catalogues.pop("en-GB")
    assert british and set(british) < set(english)
    for key, text in british.items():
        assert text != english[key], key
        assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}",
                                                                      english[key])), key
    used = set()
    for template in (WEB / "templates").glob("*.html"):
        used |= set(re.findall(r"\bt\('([a-z_0-9]+)'[,)]", template.read_text(encoding="utf-8")))
    for source in WEB.glob("*.py"):
        used |= set(re.findall(r'\bsaid\("([a-z_0-9]+)"', source.read_text(encoding="utf-8")))
    used |= {f"group_{key}" for key in ("area", "kind", "position")} | set(staff_words.SCRIPTS)
    assert used - set(english) == set()
    for language, words in catalogues.items():
        assert set(words) == set(english), language  # none missing, none stray
        for key, text in words.items():
            fills = set(re.findall(r"\{(\w+)\}", text))
            assert fills == set(re.findall(r"\{(\w+)\}", english[key])), (language, key)


def test_what_a_french_clinics_buttons_did_is_said_in_french(tmp_path):
    """The line a button's outcome writes (web/actions.py), in the clinic's words and with
    French spacing: "Added Cat and camel as no. 1." was English on a French page."""
    b = clinic_browser(tmp_path, "locale: fr-FR\n")
    b.get("/")
    fields = {"patient_name": "Zoé Exemple"}
    assert "Ajouté\u00a0: Cat and camel, n° 1." in html(b.post("add:cat_camel", fields))
    again = html(b.post("add:cat_camel", b.form()))
    assert "Pas ajouté\u00a0: Cat and camel est déjà le n° 1 du programme." in again
    assert "Retiré\u00a0: Cat and camel." in html(b.post("remove:0", b.form()))
    assert "Cat and camel est de retour comme n° 1." in html(b.post("undo", b.form()))
    assert "Added" not in html(b.page) and "is back" not in html(b.page)


def test_why_a_french_clinics_picture_cannot_be_shown_is_french(tmp_path):
    """The placeholder of a picture the page cannot show says why in the clinic's words,
    with the space French puts before a colon ("Image impossible à afficher : …")."""
    b = clinic_browser(tmp_path, "locale: fr-FR\n")
    (tmp_path / "library" / "images" / "cat_camel.svg").unlink()
    card = re.search(r'id="card-cat_camel"(.*?)</li>', html(b.get("/")), re.S).group(1)
    assert 'aria-label="Image impossible à afficher\u00a0: fichier absent"' in card
    assert "Image impossible à afficher\u00a0: <b>fichier absent</b>" in card


def test_a_french_clinics_week_by_week_and_problem_summary_are_french(tmp_path):
    """An exercise's Week by week, its stage's boxes and the box a problem is at in the
    summary, in the clinic's words: no English of the staff words left on the form."""
    from test_web_staff_language_lists import english_left, shown_text

    b = clinic_browser(tmp_path, "locale: fr-FR\n")
    b.get("/")
    b.post("add:cat_camel", {"patient_name": "Zoé Exemple"})
    b.post("stage_add:0", b.form())
    page = b.post("build", {**b.form(), "ex-0-reps": "beaucoup"})
    text = shown_text(page)
    assert "Semaine par semaine (1 étape)" in text and "Ajouter des semaines" in text
    assert 'aria-label="Étape 1, répétitions"' in html(page)
    assert "Exercice 1 (Cat and camel), répétitions\u00a0: " in text
    assert english_left(text) == []


def test_a_french_clinics_library_list_says_in_french_why_nothing_matches(tmp_path):
    b = clinic_browser(tmp_path, "locale: fr-FR\n")
    page = html(b.get("/", query_string={"q": "xylophone", "area": "knee"}))
    said = re.search(r'id="cards-none">(.*?) <a', page, re.S).group(1)
    assert said == ("Aucun exercice ne correspond à «\u202fxylophone\u202f» avec Partie du "
                    "corps\u00a0: knee. Vérifiez l’orthographe, essayez un autre mot ou "
                    "remettez le menu sur Tous.")
