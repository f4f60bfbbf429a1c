"""What the front desk is told, in a real headless Chromium on a Spanish clinic's pages: a
roster over the upload limit gets the packets page itself, in Spanish, saying how large it
may be and what to do, with the form to choose another (it got waitress's bare English
"Request Entity Too Large", or for a file of a few MB a connection cut), and a program's
form too large is told above the form, which keeps what was typed; the packets page's
own lines (the rows' problems not listed, a roster of too many packets) are Spanish, where
they were English. The editor's messages name its boxes as the form labels them, not by
the program file's keys ("leave next_visit out"), which the command line keeps. Server,
browser and axe as in test_web_browser.py."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

import handouts as api

from test_web_browser import (LIBRARY, axe_source, axe_violations, browser_page,  # noqa: F401
                              chromium, press, running, server)


@pytest.fixture(scope="module")
def spanish(tmp_path_factory):
    """The app over a copy of the test library for a clinic in Spain (its staff's pages in
    Spanish)."""
    home = tmp_path_factory.mktemp("es") / "library"
    shutil.copytree(LIBRARY, home)
    with (home / "clinic.yaml").open("a", encoding="utf-8") as f:
        f.write("locale: es-ES\n")
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    with running(ws, tmp_path_factory.mktemp("programs")) as base:
        yield base


@pytest.mark.parametrize("rows", [10_000, 200_000])  # 300 KB, just over; 6 MB, a wrong file
def test_a_roster_too_large_gets_the_packets_page_in_its_language(chromium, spanish, rows,
                                                                  axe_source):
    from playwright.sync_api import expect

    roster = "nombre,programa\n" + "Pat Ejemplo,low_back_start\n" * rows
    with browser_page(chromium) as page:
        page.goto(spanish + "/packets")
        page.set_input_files("#roster", {"name": "lunes.csv", "mimeType": "text/csv",
                                         "buffer": roster.encode()})
        with page.expect_navigation() as answer:
            page.click("text=Hacer un solo archivo para imprimir")
        assert answer.value.status == 413
        assert page.get_attribute("html", "lang") == "es-ES"
        expect(page.locator("h1")).to_have_text("Paquetes del día")
        problems = page.locator("#problems")
        expect(problems.locator("h2")).to_have_text("La lista es demasiado grande")
        # its size as the request gave it (the form's few lines with it), in Spanish figures
        kb = -(-len(roster.encode()) // 1024)
        said = re.search(r"El archivo tiene (\d{1,3}(?:\u00a0\d{3})*) KB", problems.inner_text())
        assert said and 0 <= int(said.group(1).replace("\u00a0", "")) - kb <= 1
        expect(problems).to_contain_text("una lista puede tener hasta 256 KB")
        expect(problems).to_contain_text("Divida el día en archivos más pequeños")
        # the form is there to choose a smaller file, and the walk-ins' too
        expect(page.locator("#roster")).to_be_visible()
        expect(page.locator("#walk-protocol")).to_be_visible()
        assert axe_violations(page, axe_source) == []


def test_the_packets_pages_own_words_follow_its_language(chromium, spanish, monkeypatch):
    """The line that counts the rows' problems not listed and the one that refuses a roster
    of too many packets were English on a Spanish page. What a row's problem says (the
    roster's reader, shared with `batch`) stays English: only the page's own words are
    looked for here."""
    from playwright.sync_api import expect

    from handouts.web import packets

    monkeypatch.setattr(packets, "SHOWN", 1)
    monkeypatch.setattr(packets, "MOST", 2)

    def upload(page, roster: str) -> None:
        page.goto(spanish + "/packets")
        page.set_input_files("#roster", {"name": "lunes.csv", "mimeType": "text/csv",
                                         "buffer": roster.encode()})
        with page.expect_navigation():
            page.click("text=Hacer un solo archivo para imprimir")

    with browser_page(chromium) as page:
        upload(page, "nombre,programa\n" + "x\n" * 3)
        problems = page.locator("#problems")
        expect(problems.locator("h2")).to_have_text("No se hizo nada")
        expect(problems.locator("li").last).to_have_text(re.compile(
            r"^y 2 filas más con problemas, que no se muestran aquí: corrija lunes\.csv según "
            r"estas líneas y vuelva a subirlo para ver el resto \(make_handouts\.py .* batch "
            r"lunes\.csv las muestra todas mientras hace los demás paquetes\)$"))

        # with a packet built, the rows' lines are notes: one more of them, counted as one
        upload(page, "nombre,programa\nPat Ejemplo,low_back_start\nAna Ejemplo,x\n"
               "Bo Ejemplo,x\n")
        expect(page.locator("#packets-result")).to_contain_text("Se hizo 1 paquete")
        expect(problems.locator("li").last).to_have_text(re.compile(
            r"^y 1 línea más sobre las filas, que no se muestra aquí: corrija lunes\.csv"))
        expect(problems).not_to_contain_text("more")

        upload(page, "nombre,programa\n" + "".join(f"Pat Ejemplo{i},low_back_start\n"
                                                     for i in range(3)))
        expect(problems.locator("li")).to_have_text(re.compile(
            r"^lunes\.csv tiene más de 2 paquetes para hacer, más de los que la aplicación "
            r"web hace de una vez: divídalo en archivos de 2 pacientes como mucho, o "
            r"imprímalo con make_handouts\.py .* batch lunes\.csv --merge FILE\.pdf$"))


def test_the_editors_messages_name_its_boxes_not_the_program_files_keys(chromium, server,
                                                                        spanish, axe_source):
    """Staff never see the YAML: "leave next_visit out", "add patient: caregiver: beside it"
    and "log_weeks: 6 in the program" named keys of a file they have not got."""
    from playwright.sync_api import expect

    base, _ = server
    today = dt.date.today()
    with browser_page(chromium) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Pat Example")
        press(page, "#add-bridge")
        page.fill("#next_visit", (today - dt.timedelta(days=3)).isoformat())
        page.fill("#weeks_from", (today + dt.timedelta(days=3)).isoformat())
        page.fill("#patient_number", "7" * 41)
        page.fill("#patient_caregiver_email", "carer@example.test")
        press(page, "#build")
        expect(page.locator("#next_visit-msg")).to_contain_text(
            'give the day of the next visit, or leave "Next visit" empty')
        expect(page.locator("#weeks_from-msg")).to_contain_text(
            'on or before the visit, or leave "Week 1 began (surgery date)" empty')
        expect(page.locator("#patient_number-msg")).to_have_text(
            'must be 1 to 40 characters; leave "Clinic number" empty if the clinic has none '
            "for this patient")
        expect(page.locator("#patient_caregiver_email-msg")).to_have_text(
            "an address for a caregiver, but the program names none: type who the handout "
            'is given to in "Caregiver"')
        problems = page.locator("#problems")
        expect(problems).to_contain_text('leave "Next visit" empty')
        for key in ("next_visit", "weeks_from", "number out", "patient:", "caregiver:"):
            expect(page.locator("#program")).not_to_contain_text(key)
        assert axe_violations(page, axe_source) == []

        # a next visit further off than the log's six weeks: the warning beside the preview
        page.fill("#weeks_from", "")
        page.fill("#patient_number", "")
        page.fill("#patient_caregiver_email", "")
        page.fill("#next_visit", (today + dt.timedelta(days=70)).isoformat())
        press(page, "#build")
        warning = page.locator("#preview-warnings li", has_text="days after the visit's date")
        expect(warning).to_have_text(re.compile(
            r'^Next visit: \d{4}-\d\d-\d\d is (69|70) days after .* plan a new handout by then '
            r'\("6 weeks" under "Weeks of log" says you mean it\)$'))

    with browser_page(chromium) as page:  # the boxes as a Spanish page labels them
        page.goto(spanish + "/")
        page.fill("#patient_name", "Pat Ejemplo")
        press(page, "#add-bridge")
        page.fill("#patient_number", "7" * 41)
        press(page, "#build")
        expect(page.locator("#patient_number-msg")).to_contain_text(
            'leave "N.º de historia" empty')


def test_a_program_form_too_large_is_told_above_the_form_which_keeps_what_was_typed(
        chromium, spanish, axe_source):
    """A note pasted too long to post (over 256 KB): with JavaScript the error page was drawn
    in the form's place, and what was typed was lost; without, waitress's bare English 413."""
    from playwright.sync_api import expect

    with browser_page(chromium) as page:
        page.goto(spanish + "/")
        page.fill("#patient_name", "Pat Ejemplo")
        press(page, "#add-bridge")
        page.fill("#note", "Camine cada día. " * 16_000)
        press(page, "#build")
        said = page.locator("#answer-error")
        expect(said).to_be_focused()
        expect(said.locator("h2")).to_have_text("Demasiado a la vez")
        expect(said).to_contain_text("El formulario pasaba de 256 KB")
        assert page.input_value("#patient_name") == "Pat Ejemplo"
        assert page.input_value("#note").startswith("Camine cada día.")
        assert axe_violations(page, axe_source) == []
        page.fill("#note", "Camine cada día.")  # shortened, and sent again
        press(page, "#build")
        expect(said).to_have_count(0)
        expect(page.locator("#handout-result")).to_be_visible()

    with browser_page(chromium, javascript=False) as page:
        page.goto(spanish + "/")
        page.fill("#patient_name", "Pat Ejemplo")
        page.fill("#note", "Camine cada día. " * 16_000)
        with page.expect_navigation() as answer:
            page.click("#build")
        assert answer.value.status == 413
        assert page.get_attribute("html", "lang") == "es-ES"
        expect(page.locator("h1")).to_have_text("Demasiado a la vez")
        expect(page.locator("main")).to_contain_text("El formulario pasaba de 256 KB")
