"""The staff pages' last English words: the titles of the record's error pages, and when
the Email button says a handout went, on a French clinic's pages; the months of a Brazilian
clinic whose own Portuguese staff words have none and whose handouts have no Portuguese
wording. The mail code's reason stays as it said it (the server's 550 line is evidence).
Made-up patients."""

from __future__ import annotations

import json

import handouts as api
from handouts import HandoutError, record

from test_email import clinic, servers  # noqa: F401 (fixtures)
from test_email_once import DropsAfterData
from test_web import build_pdf
from test_web_staff_language_lists import NARROW, NO_BREAK, english_left, front_desk, shown_text
from test_web_staff_language_own import PORTUGUESE
from test_web_staff_language_record import given
from web_mail import desk, web_mail  # noqa: F401 (fixture)

SENT = "2026-12-05T21:56:00+00:00"


def test_a_french_clinics_record_error_pages_are_titled_in_french(tmp_path, monkeypatch,
                                                                    database):
    b = front_desk(tmp_path, "timezone: UTC\nlocale: fr-FR\n")
    ws = api.open_workspace(tmp_path / "library" / "exercises.yaml",
                            tmp_path / "library" / "clinic.yaml")
    given(ws, "2026-11-23", "30 s")
    [zoe] = record.patients(ws, "Zoé Exemple")
    [visit] = record.visits(ws, zoe)
    [handout] = visit.handouts

    def lost(*args, **kwargs):
        raise HandoutError(f"{handout.handout_id}: the record has lost the library version")

    monkeypatch.setattr(record, "reprint", lost)
    page = b.get(f"/patients/{zoe.id}/handouts/{handout.handout_id}")
    text = shown_text(page)
    assert page.status_code == 500 and "Cette fiche ne peut pas être refaite" in text
    assert "cannot be made again" not in text


def test_a_french_clinics_page_says_the_record_is_down_in_french(tmp_path, monkeypatch):
    # a PostgreSQL server that is not there (port 9 of this machine: nothing listens)
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none")
    page = front_desk(tmp_path, "locale: fr-FR\n").get("/patients")
    text = shown_text(page)
    assert page.status_code == 503
    assert "Le dossier des patients ne peut pas être lu pour l’instant" in text
    # what the record says of its database as it says it, then the page's own words
    assert "the database is unavailable (" in text
    assert (f"Vous pouvez toujours faire et enregistrer des programmes{NARROW}; le dossier se "
            "met à jour quand la base de données revient.") in text
    assert "cannot be read now" not in text and "Programs can still" not in text


def kept_at(folder, field: str) -> None:
    """The one message's record in ``folder`` says it went (or was tried) at ``SENT``."""
    [path] = folder.glob("*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, field: SENT}), encoding="utf-8")


def test_a_french_clinic_is_told_in_french_when_a_handout_was_already_sent(
        clinic, web_mail):  # noqa: F811
    web_mail(locale="fr-FR", timezone="UTC")
    b = desk(clinic)
    assert build_pdf(b, "email").status_code == 200
    kept_at(clinic.outbox / "sent", "sent")
    text = shown_text(build_pdf(b, "email"))
    assert f"Déjà envoyé à ada@example.com le 5 décembre 2026 à 21:56{NO_BREAK}: " in text
    assert "2026-12-05" not in text and english_left(text) == []


def test_a_french_clinic_is_told_in_french_when_a_handout_was_tried(
        clinic, web_mail):  # noqa: F811
    web_mail(DropsAfterData(every=1), locale="fr-FR", timezone="UTC")
    b = desk(clinic)
    assert build_pdf(b, "email").status_code == 422
    kept_at(clinic.outbox / "uncertain", "unanswered")
    page = build_pdf(b, "email")
    text = shown_text(page)
    assert page.status_code == 422
    assert (f"Peut-être envoyé à ada@example.com{NO_BREAK}: essayé le 5 décembre 2026 à "
            "21:56; the mail server 127.0.0.1:") in text  # then the mail code's, as it said it
    assert "tried on" not in text and "2026-12-05" not in text


def test_a_brazilian_clinics_own_words_without_months_date_visits_in_portuguese(
        tmp_path, database):
    b = front_desk(tmp_path, "timezone: UTC\nlocale: pt-BR\n")
    (tmp_path / "library" / "staff_words.pt.yaml").write_text(PORTUGUESE, encoding="utf-8")
    ws = api.open_workspace(tmp_path / "library" / "exercises.yaml",
                            tmp_path / "library" / "clinic.yaml")
    given(ws, "2026-11-23", "30 s")
    [zoe] = record.patients(ws, "Zoé Exemple")
    visits = shown_text(b.get(f"/patients/{zoe.id}"))
    assert "Visit 1: 23 de novembro de 2026 " in visits  # its own words lack "Visit"
    assert "5 de dezembro de 2026" in visits and "December" not in visits
    assert "23 de novembro de 2026" in shown_text(b.get("/patients"))


def test_a_brazilian_clinics_own_months_without_a_date_long_keep_the_portuguese_order(
        tmp_path, database):
    """Its own staff words with months but no date_long took English's order, "Novembro
    23, 2026": the order is CLDR's for its locale, the months its own."""
    months = ("Janeiro Fevereiro Março Abril Maio Junho Julho Agosto Setembro Outubro "
              "Novembro Dezembro")
    b = front_desk(tmp_path, "timezone: UTC\nlocale: pt-BR\n")
    (tmp_path / "library" / "staff_words.pt.yaml").write_text(
        PORTUGUESE + f'months: "{months}"\n', encoding="utf-8")
    ws = api.open_workspace(tmp_path / "library" / "exercises.yaml",
                            tmp_path / "library" / "clinic.yaml")
    given(ws, "2026-11-23", "30 s")
    [zoe] = record.patients(ws, "Zoé Exemple")
    visits = shown_text(b.get(f"/patients/{zoe.id}"))
    assert "23 de Novembro de 2026" in visits and "Novembro 23, 2026" not in visits
