"""The front desk's pages in the clinic's language: the Day's packets (the form, what a
build says, a bad row, the walk-ins' number), Patients, a patient's visits, a handout
given and Saved programs of a French
clinic in French, with French spacing before ":" and no English words of the staff
catalogue left on them; an English clinic's as they were."""

from __future__ import annotations

import io
import re
import shutil
from html import unescape
from pathlib import Path

import yaml

import handouts as api
from handouts import record
from handouts.web import create_app, staff_words

from test_web import LIBRARY, Browser

NO_BREAK, NARROW = "\u00a0", "\u202f"


def front_desk(tmp_path: Path, lines: str = "") -> Browser:
    """The app, with its record, over a copy of the test library whose clinic.yaml has
    ``lines`` added."""
    home = tmp_path / "library"
    shutil.copytree(LIBRARY, home)
    with (home / "clinic.yaml").open("a", encoding="utf-8") as f:
        f.write(lines)
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    (tmp_path / "programs").mkdir()
    return Browser(create_app(ws, programs_dir=tmp_path / "programs"))


def shown_text(response) -> str:
    """What the page shows and says to a screen reader: its text, its labels and its
    buttons' values, without the scripts' words (data-words) or the tags."""
    page = response.get_data(as_text=True)
    page = re.sub(r"data-words='[^']*'", "", page)
    page = re.sub(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', r">\1<", page)
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]*>", " ", page)))


def english_left(text: str) -> list[str]:
    """The English staff words on a page in another language: every run of two words or
    more (8 letters at least: "is no" is French too) of the English catalogue's, between
    what fills it in, that the page shows."""
    english, french = staff_words.catalogue("en"), staff_words.catalogue("fr")
    left = []
    for key, words in english.items():
        if french.get(key) == words:
            continue
        for run in re.split(r"\{\w+\}|<[^>]*>", words):
            run = run.strip(" .,:;()")
            # a run the French words hold too is no English left ("2 x 30 s | 3 x 20 s")
            if len(run) >= 8 and " " in run and run in text and run not in french.get(key, ""):
                left.append(f"{key}: {run}")
    return left


def upload(b: Browser, roster: str, name: str = "lundi.csv"):
    return b.client.post("/packets", data={
        "csrf_token": b.token, "duplex": "1", "roster": (io.BytesIO(roster.encode()), name)},
        content_type="multipart/form-data", follow_redirects=True)


def test_a_french_clinics_days_packets_are_in_french(tmp_path, database):
    b = front_desk(tmp_path, "locale: fr-FR\n")
    page = b.get("/packets")
    text = shown_text(page)
    assert "<title>Dossiers du jour · " in page.get_data(as_text=True)
    assert f"Impression recto verso{NO_BREAK}: chaque dossier" in text
    assert "Faire un seul fichier à imprimer" in text and "Dossiers sans rendez-vous" in text
    assert "en anglais, espagnol, français, portugais, allemand ou japonais (" in text
    assert english_left(text) == []
    built = upload(b, "name,program\nAda Exemple,low_back_start\nCy Exemple,pas_de_protocole\n")
    text = shown_text(built)
    assert built.status_code == 200
    assert "1 dossier fait à partir de lundi.csv, " in text
    assert f", chaque dossier sur de nouvelles feuilles{NO_BREAK};{NARROW}" not in text
    assert f"{NARROW}; 1 ligne n’a pas pu être faite (voir plus bas)." in text
    assert f"Erreur{NO_BREAK}: " in text and "Ouvrir " in text
    assert english_left(text) == []
    wrong = b.post("", {"protocol": "low_back_start", "copies": "0", "layout": "compact"},
                   url="/packets/walk-ins")
    text = shown_text(wrong)
    assert wrong.status_code == 422
    assert f"Donnez le nombre de dossiers{NO_BREAK}: de 1 à 50." in text
    assert "Compacte (moins de papier)" in text and english_left(text) == []
    # the packet built is in the record: its patient's visits, and the handout given
    listing = b.get("/patients").get_data(as_text=True)
    patient = b.get(re.search(r'href="(/patients/\d+)"', listing).group(1))
    text = shown_text(patient)
    assert "Partir de la dernière visite" in text and f"Visite 1{NO_BREAK}: " in text
    assert re.search(f"Imprimée avec d’autres le .*?{NO_BREAK}: fiche [\\w-]+, à imprimer",
                     text)
    assert english_left(text) == []
    given = b.get(re.search(r'href="(/patients/\d+/handouts/[\w-]+)"',
                            patient.get_data(as_text=True)).group(1))
    text = shown_text(given)
    assert re.search(f"Pour Ada Exemple{NO_BREAK}: visite 1 du .*, imprimée avec d’autres le ",
                     text)
    assert "Refaite à partir du dossier de la clinique" in text and "Retour à Ada Exemple" in text
    assert english_left(text) == []


def test_a_french_clinics_patients_and_saved_programs_are_in_french(tmp_path, database):
    b = front_desk(tmp_path, "locale: fr-FR\n")
    text = shown_text(b.get("/patients"))
    assert "Aucune fiche gardée pour l’instant." in text and english_left(text) == []
    text = shown_text(b.get("/programs"))
    assert "Aucun programme enregistré pour l’instant." in text and english_left(text) == []
    ws = api.open_workspace(tmp_path / "library" / "exercises.yaml",
                            tmp_path / "library" / "clinic.yaml")
    record.imported(ws, [api.program_from_data(
        {"patient": {"name": "Zoé Exemple"}, "exercises": ["cat_camel"], "date": "2026-03-02"},
        ws, source="test")])
    (tmp_path / "programs" / "zoe-exemple.yaml").write_text(yaml.safe_dump(
        {"patient": {"name": "Zoé Exemple"}, "exercises": ["cat_camel"]}))
    text = shown_text(b.get("/patients"))
    assert "1 à 1 sur 1 patient, le plus récent d’abord" in text
    assert "dernière visite le 2 mars 2026" in text and english_left(text) == []
    text = shown_text(b.get("/patients", query_string={"q": "Nadia"}))
    assert "Aucun patient ne correspond à «\u202fNadia\u202f»." in text
    assert "(AAAA-MM-JJ)" in text and english_left(text) == []
    text = shown_text(b.get("/programs"))
    assert "Trouver un fichier" in text and "enregistré le " in text
    assert english_left(text) == []


def test_an_english_clinics_front_desk_pages_are_as_they_were(tmp_path, database):
    b = front_desk(tmp_path)
    text = shown_text(b.get("/packets"))
    assert "Two-sided printing: each packet starts on a fresh sheet" in text
    assert "in English, Spanish, French, " in text and " or Japanese (" in text
    text = shown_text(upload(b, "name,program\nAda Example,low_back_start\n"
                                "Cy Example,no_such_protocol\n"))
    assert "Built 1 packet from lundi.csv, " in text and "; 1 row could not be built (below)."\
        in text and "Error: lundi.csv:3: row 2" in text
    text = shown_text(b.get("/patients"))
    assert "1–1 of 1 patient, the most recent first" in text
    assert "No patient matches “Nadia”. Type part of a name, a date of birth (YYYY-MM-DD)" \
        in shown_text(b.get("/patients", query_string={"q": "Nadia"}))
    assert "No programs saved yet. Build one and press <b>Save program</b>." in b.get(
        "/programs").get_data(as_text=True)
