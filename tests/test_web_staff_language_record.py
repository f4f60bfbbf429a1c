"""What the record and the Email button put on a French clinic's pages, in French: when a
handout was given, as the clinic's locale writes a day and a time (it was "2026-12-05
21:56" on every page), why the newest visit is not the one a next visit starts from, and
what the Email to patient button says. An English clinic's say what they said, the time as
its locale writes it. Made-up patients."""

from __future__ import annotations

import datetime as dt

import yaml

import handouts as api
from handouts import record

from test_email import clinic, servers  # noqa: F401 (fixtures)
from test_web import build_pdf
from test_web_staff_language_lists import NARROW, NO_BREAK, english_left, front_desk, shown_text
from web_mail import desk, web_mail  # noqa: F401 (fixture)

GIVEN = dt.datetime(2026, 12, 5, 21, 56, tzinfo=dt.timezone.utc)


def given(ws, date: str, hold: str) -> None:
    """Zoé's visit of ``date`` printed at ``GIVEN``; a date over a year ahead as the record
    kept it before such dates were refused (a mistyped year)."""
    path = ws.clinic_path.parent / f"zoe-{date}.yaml"
    path.write_text(yaml.safe_dump({"patient": {"name": "Zoé Exemple"}, "date": date,
                                    "exercises": [{"id": "child_pose", "dose": {"hold": hold}}]},
                                   allow_unicode=True), encoding="utf-8")
    program = api.load_program(path, ws, kept=True)
    built = api.build_handout(program, ws)
    record.issued(ws, record.Issue.of(program, built), channel="printed", by="dave",
                  when=GIVEN)


def visits_and_next(tmp_path, lines: str) -> tuple[str, str]:
    """A patient's visits page and the page a next visit opens on, as text, for a clinic
    with ``lines`` (its clock UTC) where Zoé's newest visit has a mistyped year."""
    b = front_desk(tmp_path, "timezone: UTC\n" + lines)
    ws = api.open_workspace(tmp_path / "library" / "exercises.yaml",
                            tmp_path / "library" / "clinic.yaml")
    given(ws, "2026-11-23", "30 s")
    given(ws, "2062-11-23", "45 s")
    [zoe] = record.patients(ws, "Zoé Exemple")
    visits = shown_text(b.get(f"/patients/{zoe.id}"))
    return visits, shown_text(b.post("next", {}, url=f"/patients/{zoe.id}/next"))


def test_a_french_clinics_record_lines_are_french(tmp_path, database):
    visits, started = visits_and_next(tmp_path, "locale: fr-FR\n")
    assert f"Imprimée le 5 décembre 2026 à 21:56{NO_BREAK}: fiche " in visits
    assert "2026-12-05" not in visits and english_left(visits) == []
    assert (f"Pour Zoé Exemple, la visite 2 du 23 novembre 2062 est datée de plus d’un an "
            f"après aujourd’hui (une erreur dans l’année){NO_BREAK}: ce n’est donc pas la "
            f"dernière visite. À partir de la visite 1 du 23 novembre 2026{NO_BREAK}: ") \
        in started
    assert "is dated more than a year" not in started and english_left(started) == []


def test_an_english_clinics_record_lines_say_what_they_said_the_time_as_its_locale_does(
        tmp_path, database):
    visits, started = visits_and_next(tmp_path, "")
    assert "Printed on December 5, 2026, 9:56\u202fPM: handout " in visits
    assert ("Zoé Exemple's visit 2 of November 23, 2062 is dated more than a year after "
            "today, a mistake in the year, so it is not the last visit. Started from visit 1 "
            "of November 23, 2026: ") in started


def test_a_french_clinics_email_button_says_what_it_did_in_french(clinic, web_mail):
    server = web_mail(locale="fr-FR")
    b = desk(clinic)
    assert "Envoyé à ada@example.com" in shown_text(build_pdf(b, "email"))
    text = shown_text(build_pdf(b, "email"))
    assert "Déjà envoyé à ada@example.com" in text
    assert f"{NO_BREAK}: cette même fiche{NARROW}; elle n’a pas été envoyée deux fois" in text
    server.mailbox.refuse.add("ada@example.com")
    (clinic.outbox / "sent").rename(clinic.outbox / "sent-before")
    page = build_pdf(b, "email")
    text = shown_text(page)
    assert page.status_code == 422
    assert f"Pas envoyé à ada@example.com{NO_BREAK}: the server refused the recipient" in text
    assert (f"(550 no such user here). Le serveur de courrier n’accepte pas cette adresse, "
            f"donc le message ne partira pas tel quel{NO_BREAK}: vérifiez l’adresse, "
            "corrigez-la et appuyez de nouveau sur Envoyer au patient.") in text
    assert "make_handouts.py" not in text and "does not take" not in text
    assert english_left(text) == []
