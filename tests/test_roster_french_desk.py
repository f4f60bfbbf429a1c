"""What a Montréal clinic's desk (fr-CA) reads of a roster headed in French: the record's
notice of a second patient of one name names each field by the roster's own heading, or the
heading to add in French ('"Date de naissance" and "number"' mixed the roster's word with
the README's), and the unknown-column warning lists the French headings, then the English,
not the Spanish ones too. Read from `batch`'s output; made-up patients only."""

from __future__ import annotations

from click.testing import CliRunner

from handouts.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _clinic(tmp_path, monkeypatch, locale="fr-CA"):
    # the record in the clinic's folder, its own: another test's patients of these names
    # would be told apart from them too
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)
    folder = tmp_path / "clinic"
    made = run("new", "--locale", locale, "--name", "Physio Plateau", "--phone",
               "514-555-0100", folder)
    assert made.exit_code == 0, made.output
    return folder


def _warnings(folder, header: str, rows: list[str]) -> list[str]:
    roster = folder / "jour.csv"
    roster.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    result = run("--home", folder, "batch", roster, "--out-dir", folder / "out", "--quiet")
    assert result.exit_code == 0, result.output
    # (that the packets of one name are told to the desk is test_roster_same_name's)
    return [line.split(f"{roster}:", 1)[1] for line in result.stderr.splitlines()
            if not line.endswith("check which packet is whose before you hand them out")]


def test_a_french_roster_s_notice_names_its_fields_in_french(tmp_path, monkeypatch):
    folder = _clinic(tmp_path, monkeypatch)
    found = _warnings(folder, "Prénom;Nom;Date de naissance;Programme",
                      ["Marie;Tremblay;03/04/1961;first_steps",
                       "Marie;Tremblay;05/06/1970;first_steps"])
    assert found == [
        "3: row 2: a new patient in the record, told apart from 1 other of that name by date "
        "of birth alone (neither gives a clinic number); give the same \"Date de naissance\" "
        'and clinic number (add a "N° patient" column) at every visit to keep a patient\'s '
        "visits together"]


def test_a_french_roster_without_dates_of_birth_is_told_to_add_them_in_french(
        tmp_path, monkeypatch):
    folder = _clinic(tmp_path, monkeypatch)
    found = _warnings(folder, "Nom du patient;N° dossier;Programme",
                      ["Marie Tremblay;A-100;first_steps", "Marie Tremblay;A-200;first_steps"])
    assert len(found) == 1 and found[0].endswith(
        'give the same date of birth (add a "Date de naissance" column) and "N° dossier" at '
        "every visit to keep a patient's visits together"), found


def test_an_english_roster_is_told_the_readme_s_names(tmp_path, monkeypatch):
    folder = _clinic(tmp_path, monkeypatch, locale="en-US")
    found = _warnings(folder, "Patient Name,DOB,Program",
                      ["Ann Example,03/04/1961,first_steps", "Ann Example,05/06/1970,first_steps"])
    assert len(found) == 1 and found[0].endswith(
        'give the same "DOB" and clinic number (add a "number" column) at every visit to keep '
        "a patient's visits together"), found


def test_a_french_roster_s_unknown_column_lists_french_then_english(tmp_path, monkeypatch):
    folder = _clinic(tmp_path, monkeypatch)
    found = _warnings(folder, "Prénom;Nom;Remarque;Programme", ["Marie;Tremblay;;first_steps"])
    assert found == [
        '1: ignored unknown column "Remarque"; known: in French: nom, courriel, programme, '
        "thérapeute, date, langue, mise en page, mot de passe, date de naissance, n° patient, "
        "prochain rendez-vous, semaines de carnet, aidant, date de chirurgie, ligne de douleur, côté atteint, courriel de l'aidant, or prénom and "
        "nom; in English: name, email, program, therapist, date, language, layout, password, "
        "dob, number, next visit, log weeks, caregiver, weeks from, pain row, affected side, caregiver email, or first name and last name"]


def test_a_heading_of_two_languages_is_read_as_the_clinic_s(tmp_path, monkeypatch):
    # "Patient" and "Date" are English and French headings both: a Montréal clinic's French
    folder = _clinic(tmp_path, monkeypatch)
    found = _warnings(folder, "Patient;Date;Remarque;Programme",
                      ["Marie Tremblay;2026-12-05;;first_steps"])
    assert len(found) == 1 and "known: in French: nom, " in found[0], found
    assert "Spanish" not in found[0] and "; in English: name, " in found[0], found
