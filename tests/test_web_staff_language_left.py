"""The staff pages' last English words: the titles of the record's error pages on a
French clinic's pages. Made-up patients."""

from __future__ import annotations

import handouts as api
from handouts import HandoutError, record

from test_web_staff_language_lists import NARROW, front_desk, shown_text
from test_web_staff_language_record import given


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
