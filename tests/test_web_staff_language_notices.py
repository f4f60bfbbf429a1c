"""What the build, save and protocol buttons say (web/issue.py), what a program started from
the last visit says of weekly stages and of carrying them on (web/weeks_on.py), the
exercises a patient's visits page lists and the time a program was saved, on a French
clinic's pages: in French, with French spacing, no English of the staff words left; and
the saved time as the clinic's locale writes a day and a time, in English too."""

from __future__ import annotations

import datetime as dt
import os
import re

import handouts as api

from test_web_staff_language import clinic_browser, html
from test_web_staff_language_lists import NARROW, NO_BREAK, english_left, front_desk, shown_text
from test_web_weekly import given_days_ago


def test_what_a_french_clinics_build_save_and_protocol_buttons_say_is_french(tmp_path):
    b = clinic_browser(tmp_path, "locale: fr-FR\n")
    b.get("/")
    page = html(b.post("protocol", {"patient_name": "Zoé Exemple",
                                    "protocol": "low_back_start"}))
    assert re.search(rf"Low back: first week{NO_BREAK}: \d+ exercices ajoutés\.", page)
    page = html(b.post("build", b.form()))
    assert re.search(rf"Prêt{NO_BREAK}: [^,<]+\.pdf, \d+ pages?\.", page)
    page = html(b.post("save", b.form()))
    assert "Enregistré sous programs/zoe-exemple.yaml" in page
    b.get("/")
    b.post("add:cat_camel", {"patient_name": "Zoé Exemple"})
    page = html(b.post("save", b.form()))  # another program under the same name
    assert (f"Pas enregistré{NO_BREAK}: programs/zoe-exemple.yaml existe déjà. Pour garder "
            f"les deux, appuyez de nouveau sur Enregistrer le programme{NO_BREAK}: celui-ci "
            "va dans programs/zoe-exemple-2.yaml.") in page
    page = b.post("save_protocol", {**b.form(), "protocol_title": "Dos du matin"})
    assert (f"«{NARROW}Dos du matin{NARROW}» enregistré comme protocole de la clinique "
            "dans ") in html(page)
    assert "Ready" not in html(page) and "Saved" not in html(page)
    assert english_left(shown_text(page)) == []
    # the same name again, and one of no letter: said in French too
    page = b.post("save_protocol", {**b.form(), "protocol_title": "Dos du matin"})
    assert f"Un protocole nommé «{NARROW}Dos du matin{NARROW}» existe déjà" in html(page)
    page = b.post("save_protocol", {**b.form(), "protocol_title": " - "})
    assert "Donnez au protocole un nom avec des lettres ou des chiffres." in html(page)
    assert english_left(shown_text(page)) == []


def test_a_french_clinics_program_from_the_last_visit_says_its_stages_in_french(
        tmp_path, database):
    """Its Week by week's note, the top of the page, Carry on and its Undo, and the
    exercises the visits page lists (the dose's words, not the clinic's titles)."""
    b = front_desk(tmp_path, "locale: fr-FR\n")
    b.get("/")
    ws = api.open_workspace(tmp_path / "library" / "exercises.yaml",
                            tmp_path / "library" / "clinic.yaml")
    own = [{"weeks": "1-2", "reps": "5"}, {"weeks": "3-6", "reps": "12"}]
    pid = given_days_ago(ws, "Wes Weekly", 15, ["wall_angel", "chin_tuck", {
        "id": "bridge", "dose": {"progression": own}}])
    visits = shown_text(b.get(f"/patients/{pid}"))
    assert (f"Bridge{NO_BREAK}: progression (semaines 1-2{NO_BREAK}: répétitions 5{NARROW}; "
            f"semaines 3-6{NO_BREAK}: répétitions 12)") in visits
    assert english_left(visits) == []
    page = b.post("next", {}, url=f"/patients/{pid}/next")
    text = shown_text(page)
    assert (f"Ces étapes par semaine recommencent à la semaine 1{NARROW}; la dernière fiche "
            "a été remise il y a 15 jours (semaine 3).") in text
    assert ("2 exercices recommencent à la semaine 1" in text
            or "de 2 exercices recommencent à la semaine 1" in text)
    assert "voir leur Semaine par semaine" in text
    assert english_left(text) == []
    page = b.post("carry_on:0", b.form())
    assert ("Wall angel continue à partir de la semaine 3 de la dernière fiche. 1 étape faite "
            "laissée de côté. L’étape qui reste est maintenant sa dose (répétitions 8-10, "
            "séries 2), sans Semaine par semaine.") in html(page)
    page = b.post("undo", b.form())
    assert "La Semaine par semaine de Wall angel est revenue comme avant Continuer." in html(page)
    assert english_left(shown_text(page)) == []


def saved_time(tmp_path, lines: str) -> str:
    """What Saved programs says of a program saved at 21:50 on 5 December 2026, UTC, on
    the pages of a clinic with ``lines`` (its timezone UTC)."""
    b = clinic_browser(tmp_path, "timezone: UTC\n" + lines)
    (tmp_path / "programs").mkdir()
    saved = tmp_path / "programs" / "zoe-exemple.yaml"
    saved.write_text("patient: {name: Zoé Exemple}\nexercises: [cat_camel]\n", "utf-8")
    when = dt.datetime(2026, 12, 5, 21, 50, tzinfo=dt.timezone.utc).timestamp()
    os.utime(saved, (when, when))
    return re.search(r'<span class="hint">([^<]*)</span>', html(b.get("/programs"))).group(1)


def test_the_saved_time_is_as_the_clinics_locale_writes_a_day_and_a_time(tmp_path):
    """It was 2026-12-05 21:50 for every clinic."""
    assert saved_time(tmp_path / "fr", "locale: fr-FR\n") == \
        "enregistré le 5 décembre 2026 à 21:50"
    assert saved_time(tmp_path / "ca", "locale: fr-CA\n") == \
        "enregistré le 5 décembre 2026 à 21 h 50"
    assert saved_time(tmp_path / "us", "") == "saved December 5, 2026, 9:50\u202fPM"
    assert saved_time(tmp_path / "gb", "locale: en-GB\n") == "saved 5 December 2026, 21:50"
    assert saved_time(tmp_path / "es", "locale: es-ES\n") == \
        "guardado el 5 de diciembre de 2026, 21:50"
