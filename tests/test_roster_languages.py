"""A roster exported by a French or Spanish clinic's scheduling software, headed in the
clinic's language ("Prénom", "Nom", "Date de naissance"; "Nombre", "Apellido(s)", "Correo"):
read through `batch` and the web app's Day's packets, the packets read back from the PDFs.
Made-up people only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.web import create_app

from conftest import page_texts
from test_library_language import clinic
from test_web import Browser, unescape

PROGRAM = "patient: {name: Modèle}\ndate: 2026-12-03\nexercises: [respiration, marche]\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def pdf_text(path: Path) -> str:
    return "\n".join(page_texts(path.read_bytes()))


def test_a_french_clinic_s_export_is_read_as_its_staff_headed_it(tmp_path, monkeypatch):
    """Every row failed, the roster refused for want of a "name" column: the headings were
    French."""
    # a record of its own (in the clinic folder): a made-up name other tests use too would
    # be told apart from theirs on stderr
    monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    home = clinic(tmp_path)
    (home / "seance.yaml").write_text(PROGRAM, encoding="utf-8")
    roster = home / "jour.csv"
    roster.write_text("PRÉNOM;nom;Date de Naissance;Courriel;N° dossier;Programme\n"
                      "Françoise;Lefèvre;03/04/1961;f.lefevre@example.com;00451;seance.yaml\n"
                      "Jean;Dupont;;;;seance.yaml\n", encoding="utf-8")
    result = run("--home", home, "batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    found = {p.name: pdf_text(p) for p in (tmp_path / "out").glob("*.pdf")}
    assert sorted(found) == ["2026-12-03_francoise-lefevre.pdf", "2026-12-03_jean-dupont.pdf"]
    assert "Françoise Lefèvre" in found["2026-12-03_francoise-lefevre.pdf"]
    assert "Jean Dupont" in found["2026-12-03_jean-dupont.pdf"]
    # the columns that print nowhere went where they belong (the clinic's locale is fr-FR:
    # 03/04/1961 is the 3rd of April)
    ws = api.open_workspace(home=home)
    first = next(iter(api.load_roster(roster, ws.library, day_first=ws.clinic.day_first,
                                      languages=ws.languages).rows))
    patient = first.program.patient
    assert (patient.email, str(patient.dob), patient.number) == (
        "f.lefevre@example.com", "1961-04-03", "00451")


@pytest.mark.parametrize("header, expected", [
    ("Nom,Programme", "Françoise Lefèvre"),  # "Nom" alone is the whole name
    ("Nom du patient,Programme", "Françoise Lefèvre"),
    ("Nombre,Programa", "Françoise Lefèvre"),  # so is "Nombre"
    ("Nombre y apellidos,Protocolo", "Françoise Lefèvre"),
    ("Paciente,Programa", "Françoise Lefèvre"),
])
def test_a_name_in_one_column_is_the_whole_name(tmp_path, ws, header, expected):
    (tmp_path / "seance.yaml").write_text("patient: {name: Modèle}\nexercises: [child_pose]\n",
                                          encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text(f"{header}\nFrançoise Lefèvre,seance.yaml\n", encoding="utf-8")
    [row] = api.load_roster(roster, ws.library).rows
    assert row.problem is None and row.program.patient.name == expected


def test_a_spanish_clinic_s_export_is_read_as_its_staff_headed_it(tmp_path):
    """"Nombre" and "Apellido(s)" make "Nombre Apellidos"; "Primer apellido" and "Segundo
    apellido" both stay in the name; "Fecha de nacimiento", "Correo", "Nº de historia"
    and "Programa" are read."""
    roster = tmp_path / "hoy.csv"
    roster.write_text(
        "Nombre,Apellido(s),Fecha de nacimiento,Correo electrónico,Nº de historia,Programa,"
        "Fecha,Idioma\n"
        "Ana,Pérez Gómez,1950-02-03,ana.perez@example.com,77,chronic_low_back,2026-11-23,es\n",
        encoding="utf-8")
    two = tmp_path / "dos.csv"
    two.write_text("nombre;primer apellido;segundo apellido;protocolo;fecha\n"
                   "Luis;Martín;Ruiz;chronic_low_back;2026-11-23\n", encoding="utf-8")
    out = tmp_path / "out"
    for file in (roster, two):
        result = run("batch", file, "--out-dir", out, "--quiet")
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
    found = {p.name: pdf_text(p) for p in out.glob("*.pdf")}
    assert sorted(found) == ["2026-11-23_ana-perez-gomez.pdf", "2026-11-23_luis-martin-ruiz.pdf"]
    assert "Ana Pérez Gómez" in found["2026-11-23_ana-perez-gomez.pdf"]
    assert "Programa de ejercicios en casa" in found["2026-11-23_ana-perez-gomez.pdf"]
    assert "Luis Martín Ruiz" in found["2026-11-23_luis-martin-ruiz.pdf"]
    ws = api.open_workspace()
    [row] = api.load_roster(roster, ws.library).rows
    patient = row.program.patient
    assert (patient.email, str(patient.dob), patient.number) == (
        "ana.perez@example.com", "1950-02-03", "77")


@pytest.mark.parametrize("heading", ["N° dossier", "Nº dossier", "No. dossier", "n°dossier",
                                     "Numéro de dossier", "NUMERO DE DOSSIER", "N.º de historia",
                                     "Patient #", "Patient No."])
def test_a_number_heading_is_read_however_no_is_written(tmp_path, ws, heading):
    roster = tmp_path / "r.csv"
    roster.write_text(f'name,program,"{heading}"\nAna Example,chronic_low_back,00451\n',
                      encoding="utf-8")
    loaded = api.load_roster(roster, ws.library)
    assert loaded.notices == ()
    [row] = loaded.rows
    assert row.program.patient.number == "00451"


@pytest.mark.parametrize("heading", ["Physiothérapeute", "PHYSIOTHERAPEUTE", "Physio"])
def test_a_quebec_clinic_s_therapist_column_is_read(tmp_path, ws, heading):
    """A Montréal clinic's export heads its therapist column as Quebec names the profession:
    it was "ignored unknown column", and every packet printed without its therapist."""
    roster = tmp_path / "r.csv"
    roster.write_text(f"Nom;Prénom;Programme;{heading}\n"
                      "Côté-Lévesque;Éloïse;chronic_low_back;Geneviève Tremblay\n",
                      encoding="utf-8")
    loaded = api.load_roster(roster, ws.library)
    assert loaded.notices == ()
    [row] = loaded.rows
    assert row.problem is None
    assert (row.program.patient.name, row.program.therapist) == (
        "Éloïse Côté-Lévesque", "Geneviève Tremblay")


def test_a_heading_not_known_is_told_with_the_ones_of_the_roster_s_language(tmp_path):
    """A French roster lists the French headings, then the English: the Spanish ones were
    listed too (the handouts have Spanish wording), to a desk that writes French."""
    home = clinic(tmp_path)
    (home / "seance.yaml").write_text(PROGRAM, encoding="utf-8")
    roster = home / "jour.csv"
    roster.write_text("Prénom;Nom;Adresse;Programme\nJean;Dupont;1 rue Haute;seance.yaml\n",
                      encoding="utf-8")
    result = run("--home", home, "batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f'warning: {roster}:1: ignored unknown column "Adresse"; known: in French: nom, '
        "courriel, programme, thérapeute, date, langue, mise en page, mot de passe, date de "
        "naissance, n° patient, prochain rendez-vous, semaines de carnet, aidant, date de "
        "chirurgie, ligne de douleur, côté atteint, courriel de l'aidant, or prénom and nom; in English: name, email, program, "
        "therapist, date, language, layout, password, dob, number, next visit, log weeks, "
        "caregiver, weeks from, pain row, affected side, caregiver email, or first name and "
        "last name"]
    roster.write_text("Prénom;Adresse;Programme\nJean;1 rue Haute;seance.yaml\n",
                      encoding="utf-8")
    result = run("--home", home, "batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {roster}:1: the roster needs a column for the patient's name; found: "
        'Prénom, Adresse, Programme; known: in French: "nom", "patient", "patiente", or '
        '"prénom" and "nom"; in English: "name", "patient", "patient name", or "first name" '
        'and "last name"']


FRENCH_KNOWN = ("in French: nom, courriel, programme, thérapeute, date, langue, mise en page, "
                "mot de passe, date de naissance, n° patient, prochain rendez-vous, semaines de "
                "carnet, aidant, date de chirurgie, ligne de douleur, côté atteint, courriel de l'aidant, or prénom and nom")
FRENCH_NAMES = 'in French: "nom", "patient", "patiente", or "prénom" and "nom"'


def test_a_clinic_in_france_printing_in_english_is_told_the_french_headings(tmp_path):
    """`locale: fr-FR` and no French wording (its handouts print in English): its French
    headings were read, but a message listed only the English and Spanish ones, the
    languages the handouts have wording in, and not the language its staff write. It lists
    the roster's language's (French), then English's; "Programme", English and French
    both, is French here, the clinic's locale's."""
    from test_english_abroad import shipped_clinic

    ws = shipped_clinic(tmp_path, "fr-FR")
    assert "fr" not in ws.languages
    roster = tmp_path / "jour.csv"
    roster.write_text("Prénom;Nom;Couleur;Programme;Date\n"
                      "Jean;Dupont;bleu;chronic_low_back;2026-12-03\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("--home", tmp_path, "batch", roster, "--out-dir", out, "--quiet")
    assert result.exit_code == 0, result.output
    [line] = result.stderr.splitlines()
    assert line == (f'warning: {roster}:1: ignored unknown column "Couleur"; known: '
                    f"{FRENCH_KNOWN}; in English: name, email, program, therapist, date, "
                    "language, layout, password, dob, number, next visit, log weeks, caregiver, "
                    "weeks from, pain row, affected side, caregiver email, or first name and last name")
    [pdf] = out.glob("*.pdf")
    assert "Jean Dupont" in pdf_text(pdf) and "Home exercise programme" in pdf_text(pdf)
    roster.write_text("Qui;Programme\nJean Dupont;chronic_low_back\n", encoding="utf-8")
    result = run("--home", tmp_path, "batch", roster, "--out-dir", out, "--quiet")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {roster}:1: the roster needs a column for the patient's name; found: Qui, "
        f'Programme; known: {FRENCH_NAMES}; in English: "name", "patient", "patient name", '
        'or "first name" and "last name"\n')
    # the Day's packets say it alike
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/packets")
    page = b.client.post("/packets", data={"csrf_token": b.token, "roster": (io.BytesIO(
        "Prénom;Nom;Couleur;Programme\nJean;Dupont;bleu;chronic_low_back\n".encode()),
        "jour.csv")}, content_type="multipart/form-data", follow_redirects=True)
    html = unescape(page.get_data(as_text=True))
    assert "1 dossier fait à partir de jour.csv" in html, html  # a French desk's page
    assert 'jour.csv:1: ignored unknown column "Couleur"' in html and FRENCH_KNOWN in html


def test_the_day_s_packets_read_a_french_export_too(tmp_path):
    home = clinic(tmp_path)
    ws = api.open_workspace(home=home)
    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "seance.yaml").write_text(PROGRAM, encoding="utf-8")
    b = Browser(create_app(ws, programs_dir=programs, record=lambda *a: ()))
    b.get("/packets")
    roster = ("Prénom;Nom;Date de naissance;Programme\n"
              "Françoise;Lefèvre;03/04/1961;seance.yaml\nJean;Dupont;;seance.yaml\n")
    page = b.client.post("/packets", data={
        "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), "jour.csv")},
        content_type="multipart/form-data", follow_redirects=True)
    html = unescape(page.get_data(as_text=True))
    # the French clinic's page says it in French
    assert page.status_code == 200 and "2 dossiers faits à partir de jour.csv" in html, html
    link = html.split('href="/packets/', 1)[1].split('"', 1)[0]
    text = "\n".join(page_texts(b.client.get(f"/packets/{link}").data))
    assert text.index("Françoise Lefèvre") < text.index("Jean Dupont")


@pytest.fixture(scope="module")
def ws():
    return api.open_workspace()


def test_an_austrian_clinic_s_export_is_read_as_its_staff_headed_it(tmp_path):
    """"Vorname", "Zuname", "Geburtsdatum", "Programm", "Datum", dates as Austrians type them:
    the roster was refused for want of a "name" column, its headings listed in English and
    Spanish only."""
    from test_english_abroad import shipped_clinic

    ws = shipped_clinic(tmp_path, "de-AT")
    roster = tmp_path / "heute.csv"
    roster.write_text("Vorname;Zuname;Geburtsdatum;Pat.-Nr.;E-Mail;Programm;Datum;"
                      "Nächster Termin\n"
                      "Jürgen;Beispiel;02.11.1971;A-0815;j.beispiel@example.com;"
                      "chronic_low_back;05.12.2026;19.12.2026\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("--home", tmp_path, "batch", roster, "--out-dir", out, "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    [pdf] = out.glob("*.pdf")
    assert pdf.name == "2026-12-05_jurgen-beispiel.pdf"
    assert "Jürgen Beispiel" in pdf_text(pdf)
    [row] = api.load_roster(roster, ws.library, day_first=ws.clinic.day_first,
                            languages=ws.languages).rows
    program = row.program
    assert (program.patient.email, str(program.patient.dob), program.patient.number,
            str(program.next_visit)) == ("j.beispiel@example.com", "1971-11-02", "A-0815",
                                         "2026-12-19")
    # a heading not known lists the German ones too
    roster.write_text("Wer;Programm\nJürgen Beispiel;chronic_low_back\n", encoding="utf-8")
    result = run("--home", tmp_path, "batch", roster, "--out-dir", out, "--quiet")
    assert result.exit_code == 1
    assert ('in German: "name", "patient", "patientin", or "vorname" and "nachname"'
            in result.stderr), result.stderr


def test_every_language_heads_every_column():
    """A message lists each column by its first heading in the roster's language: one
    language without a column (Portuguese's surgery date, merged beside it) failed every
    roster of that language with an unknown column on a KeyError."""
    from handouts.input.columns import COLUMNS, HEADINGS

    missing = {language: [c for c in ("name", "first", "last", *COLUMNS) if c not in table]
               for language, table in HEADINGS.items()}
    assert not any(missing.values()), missing
