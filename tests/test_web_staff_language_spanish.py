"""A Spanish (and French) clinic's pages say in their own words what was English there: a
date box's value that is no date, with the form the box shows (*escríbala como DD/MM/AAAA
(p. ej., 23/11/2026)* where it said *write it as YYYY-MM-DD*), and what opening a saved
program says, one with problems (its error page) or not (the notice at the top), and the
pages of a program or a PDF the server no longer has; and a page just saved is not marked
as one with changes to lose (it looked for "Saved as").
README: *Web app*, the staff's language."""

from __future__ import annotations

import re

from test_web import start_program, unescape
from test_web_staff_language import clinic_browser, html


def box_message(page: str, box: str) -> str:
    return unescape(re.search(rf'id="{box}-msg">([^<]*)<', page).group(1))


SAID = {
    "locale: es-ES\n": "«hola» no es una fecha; escríbala como DD/MM/AAAA (p. ej., 23/11/2026)",
    "language: es\n": "«hola» no es una fecha; escríbala como AAAA-MM-DD (p. ej., 2026-11-23)",
    "locale: fr-FR\n": "«\u202fhola\u202f» n’est pas une date\u202f; écrivez-la sous la forme "
                       "JJ/MM/AAAA (p. ex. 23/11/2026)",
    "locale: en-GB\n": '"hola" is not a date; write it as DD/MM/YYYY (e.g. 23/11/2026)',
    "": '"hola" is not a date; write it as YYYY-MM-DD (e.g. 2026-11-23)',  # as it was
}


def test_a_date_that_is_no_date_is_said_in_the_pages_words_and_the_boxs_form(tmp_path):
    for n, (lines, said) in enumerate(SAID.items()):
        b = clinic_browser(tmp_path / str(n), lines)
        b.get("/")
        start_program(b, "bridge", name="Ana Ejemplo")
        page = html(b.post("build", b.form() | {"patient_dob": "hola", "next_visit": "hola"}))
        assert box_message(page, "patient_dob") == said, lines
        assert box_message(page, "next_visit") == said, lines
        if lines.startswith(("locale: es", "language: es", "locale: fr")):
            assert "write it as" not in page and "YYYY" not in page, lines


def test_a_spanish_clinic_opening_a_saved_program_is_told_in_spanish(tmp_path):
    b = clinic_browser(tmp_path, "locale: es-ES\n")
    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "ana-ejemplo.yaml").write_text(
        "patient:\n  name: Ana Ejemplo\nexercises:\n  - bridge\n", encoding="utf-8")
    (programs / "bo-ejemplo.yaml").write_text(
        "patient:\n  name: Bo Ejemplo\nexercises:\n  - bridge\nfrecuencia: 2\n",
        encoding="utf-8")
    b.get("/programs")
    page = b.post("", {"name": "ana-ejemplo"}, url="/programs/open")
    text = html(page)
    assert page.status_code == 200
    assert "Se abrió programs/ana-ejemplo.yaml; la hoja nueva lleva la fecha de hoy." in text
    assert "Opened" not in text
    page = b.post("", {"name": "bo-ejemplo"}, url="/programs/open")
    text = html(page)
    assert page.status_code == 422
    assert "<h1>programs/bo-ejemplo.yaml tiene problemas</h1>" in text
    assert "Corrija estas líneas en el archivo y luego ábralo otra vez." in text
    assert "has problems" not in text and "Fix these lines" not in text


def test_a_spanish_page_saved_is_not_taken_for_one_with_changes_to_lose(tmp_path):
    """The page marks a program not saved (the browser asks before it is left): after a
    save it is not, in Spanish too (it looked for the English notice, "Saved as")."""
    b = clinic_browser(tmp_path, "locale: es-ES\n")
    b.get("/")
    form = start_program(b, "bridge", name="Ana Ejemplo")
    page = html(b.post("refresh", form))
    assert 'data-unsaved="1"' in page
    page = html(b.post("save", b.form()))
    assert "Guardado como programs/ana-ejemplo.yaml" in page
    assert 'data-unsaved=""' in page


def test_a_spanish_clinics_program_or_pdf_no_longer_here_is_said_in_spanish(tmp_path):
    b = clinic_browser(tmp_path, "locale: es-ES\n")
    b.get("/")
    gone = b.get("/d/no-such-draft")
    assert gone.status_code == 404
    assert "<h1>Este programa ya no está abierto</h1>" in html(gone)
    assert "no longer open" not in html(gone)
    start_program(b, "bridge", name="Ana Ejemplo")
    ident = b.form()["draft_id"]
    gone = b.get(f"/d/{ident}/0123456789abcdef0123/handout.pdf")
    assert gone.status_code == 404 and "<h1>Este PDF ya no está aquí</h1>" in html(gone)
    assert "Vuelva al programa y haga el PDF otra vez." in html(gone)
