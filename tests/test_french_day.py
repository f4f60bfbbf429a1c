"""A day at a French clinic (tests/clinics/french: its library written in French, its own
strings.fr.yaml and templates/fr/): what its staff and patients met that was English, or
said one file at a time, where French was due. Read back from the PDFs, the emails and
`check`'s output."""

from __future__ import annotations

import email
import re
import shutil
from email import policy
from pathlib import Path

import pytest
from markupsafe import escape

import handouts as api
from handouts.web import create_app

from conftest import page_texts
from test_library_language import clinic, run

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_TEMPLATES = ROOT / "handouts" / "words" / "templates"
SMTP = "smtp:\n  host: 127.0.0.1\n  port: 8025\n  security: none\n  from: Kiné <a@kine.example>\n"


def _with_smtp(tmp_path: Path) -> Path:
    home = clinic(tmp_path)
    with (home / "clinic.yaml").open("a", encoding="utf-8") as f:
        f.write(SMTP)
    (home / "p.yaml").write_text("patient: {name: Françoise Lefèvre, email: f@example.com}\n"
                                 "date: 2026-12-03\nexercises: [respiration, marche]\n",
                                 encoding="utf-8")
    return home


def test_check_names_every_email_template_a_clinic_that_emails_lacks(tmp_path):
    """check said OK; then the first email said email.txt was missing, the next one
    email_body.html, the third email.html: three tries to learn three files."""
    home = _with_smtp(tmp_path)
    folder = home / "templates" / "fr"
    said = (f'error: {folder}: missing email.txt, email_body.html, email.html: "fr" has '
            "wording, but an email in it needs these templates too; copy them from "
            "handouts/words/templates/en/ here and translate them")
    checked = run(home, "check")
    assert checked.exit_code == 1 and said in checked.stderr.splitlines(), checked.stderr
    sent = run(home, "email", str(home / "p.yaml"), "--no-send", "--outbox",
               str(tmp_path / "outbox"))
    assert sent.exit_code == 1 and said in sent.stderr.splitlines(), sent.stderr
    shutil.copy(PACKAGE_TEMPLATES / "es" / "email.txt", folder / "email.txt")
    sent = run(home, "email", str(home / "p.yaml"), "--no-send", "--outbox",
               str(tmp_path / "outbox"))
    assert (f"error: {folder}: missing email_body.html, email.html:"
            in sent.stderr), sent.stderr
    assert not (tmp_path / "outbox" / "pending").is_dir() or not any(
        (tmp_path / "outbox" / "pending").glob("*.eml"))


def test_a_clinic_that_does_not_email_is_not_asked_for_email_templates(tmp_path):
    checked = run(clinic(tmp_path), "check")
    assert checked.exit_code == 0, checked.stderr
    assert "email" not in checked.stderr


def test_with_its_email_templates_the_email_is_french(tmp_path):
    home = _with_smtp(tmp_path)
    for name in ("email.txt", "email_body.html", "email.html"):  # any words: the clinic's own, as it wrote them
        shutil.copy(PACKAGE_TEMPLATES / "es" / name, home / "templates" / "fr" / name)
    assert run(home, "check").exit_code == 0
    sent = run(home, "email", str(home / "p.yaml"), "--no-send", "--outbox",
               str(tmp_path / "outbox"))
    assert sent.exit_code == 0, sent.stderr
    (eml,) = (tmp_path / "outbox" / "pending").glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["Subject"] == "Votre programme d'exercices à domicile de Kiné Rivière"
    assert message["Content-Language"] == "fr"


SHOULDER = """
- id: lever_bras  # an id that is not the title: the search had only that
  title: Élévation de l’épaule
  position: debout
  areas: [épaule]
  kind: renforcement
  purpose: Renforce votre épaule.
  steps: [Levez le bras devant vous.]
"""


@pytest.mark.parametrize("query, expected", [
    ("elevation", {"lever_bras"}),  # found nothing: "Élévation" was "l" and "vation"
    ("Élévation", {"lever_bras"}),
    ("epaule", {"lever_bras"}),
    ("épaule", {"lever_bras"}),
    ("ELEVATION DE L'EPAULE", {"lever_bras"}),
    ("dos creux", {"chat"}),
    ("a genoux", {"chat", "genou_assis"}),  # "a" is a word, as English's is: "assis"
    ("à genoux", {"chat", "genou_assis"}),
    ("detente", {"respiration"}),
])
def test_the_web_library_search_finds_french_titles_with_or_without_accents(tmp_path, query,
                                                                            expected):
    home = clinic(tmp_path)
    library = (home / "exercises.yaml").read_text(encoding="utf-8")
    (home / "exercises.yaml").write_text(library.replace("education:", SHOULDER.lstrip(
        "\n") + "education:", 1), encoding="utf-8")
    ws = api.open_workspace(home=home)
    app = create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ())
    found = app.test_client().get("/search", query_string={"q": query}).json["ids"]
    assert set(found) == expected


def test_check_warns_of_english_words_in_a_french_clinic_s_drawing(tmp_path):
    """The starter's figure file says {en: in, es: tome aire}: every French handout drew
    "in", "out" and "still" beside the patient, and only `check --language fr` said so."""
    home = clinic(tmp_path)
    starter = Path(__file__).resolve().parents[1] / "starter" / "images" / "belly_breathing.figure.yaml"
    shutil.copy(starter, home / "images" / "respiration.figure.yaml")
    checked = run(home, "check")
    assert checked.exit_code == 0, checked.stderr
    figure = home / "images" / "respiration.figure.yaml"
    warned = [line for line in checked.stderr.splitlines() if line.startswith("warning:")]
    assert warned == [
        f'warning: {figure}:{line}: frames[{frame}].marks[{mark}].{where}: "{word}" has no fr '
        "words, so a handout in Français prints it in English; write it as {en: ..., fr: ...}"
        for line, frame, mark, where, word in [
            (9, 1, 3, "arrow.label", "in"), (10, 1, 4, "label.text", "still"),
            (17, 2, 3, "arrow.label", "out"), (18, 2, 4, "label.text", "still")]]
    listed = run(home, "check", "--language", "fr")  # listed there, not twice
    assert not [line for line in listed.stderr.splitlines() if line.startswith("warning:")]
    assert "4 untranslated texts for fr" in listed.stderr


def test_a_french_handout_is_reprinted_byte_for_byte(tmp_path):
    """reprint (and the Patients page's "to print again") refused every handout of a clinic
    that prints in its own language: the record's clinic.yaml said language: fr, and was
    checked against a folder without the strings.fr.yaml the record had kept too."""
    home = _with_smtp(tmp_path)
    built = run(home, "build", str(home / "p.yaml"), "-o", str(tmp_path / "a.pdf"))
    assert built.exit_code == 0, built.stderr
    (handout_id,) = set(re.findall(r"Fiche ([0-9A-Z]{4}-[0-9A-Z]{4})",
                                   " ".join(page_texts((tmp_path / "a.pdf").read_bytes()))))
    again = run(home, "reprint", handout_id, "-o", str(tmp_path / "b.pdf"))
    assert again.exit_code == 0, again.stderr
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()


def test_list_gives_a_french_library_s_doses_in_french(tmp_path):
    """`list` said "Repeat 10 times · 2 times a day" beside French titles: the catalogue
    says doses in the library's language, as the web app's library does."""
    listed = run(clinic(tmp_path), "list")
    assert listed.exit_code == 0, listed.output
    assert "Répétez 10 fois · 2 fois par jour" in listed.stdout
    assert "Repeat" not in listed.stdout and "times a day" not in listed.stdout


def test_the_web_app_tells_a_screen_reader_the_french_library_s_words_are_french(tmp_path):
    """The pages were in English (`<html lang="en">`): a French library's titles, tags and
    topics were read out with an English voice. The staff pages now speak the clinic's
    language, and say it as its locale writes it (fr-FR), so the library's words need no
    lang of their own; an English library's say nothing more."""
    home = clinic(tmp_path)
    ws = api.open_workspace(home=home)
    client = create_app(ws, programs_dir=tmp_path / "programs").test_client()
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="fr-FR">' in html
    assert '<h3>Extension du genou assis</h3>' in html
    assert re.search(r'<label for="topic-chez_vous">', html)
    english = create_app(api.open_workspace(), programs_dir=tmp_path / "p2").test_client()
    assert ' lang="fr' not in english.get("/").get_data(as_text=True)


def test_a_toronto_clinic_s_library_words_say_en_ca_and_the_app_s_stay_en(tmp_path):
    """A clinic in Toronto (locale: en-CA) was told its pages were `en`, its library's
    titles too: a screen reader set to Canadian English was never asked for. The page says
    en-CA, and its library's words, the same language, need no lang of their own."""
    clinic_file = tmp_path / "clinic.yaml"
    clinic_file.write_text((ROOT / "clinic.yaml").read_text(encoding="utf-8")
                           + "locale: en-CA\n", encoding="utf-8")
    ws = api.open_workspace(ROOT / "exercises.yaml", clinic_file)
    client = create_app(ws, programs_dir=tmp_path / "programs").test_client()
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en-CA">' in html
    title = ws.library.exercises[0].title
    assert f'<h3>{escape(title)}</h3>' in html
    assert re.search(r'<label for="topic-[a-z_]+">', html)
    assert "New program" in html and not re.search(r'<(nav|header)[^>]* lang=', html)
    assert re.search(r'<option value="[a-z_]+">',
                     client.get("/packets").get_data(as_text=True))
