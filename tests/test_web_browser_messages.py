"""What the front desk is told, in a real headless Chromium on a Spanish clinic's pages: a
roster over the upload limit gets the packets page itself, in Spanish, saying how large it
may be and what to do, with the form to choose another (it got waitress's bare English
"Request Entity Too Large", or for a file of a few MB a connection cut); the packets page's
own lines (the rows' problems not listed, a roster of too many packets) are Spanish, where
they were English. Server, browser and axe as in test_web_browser.py."""

from __future__ import annotations

import re
import shutil

import pytest

import handouts as api

from test_web_browser import (LIBRARY, axe_source, axe_violations, browser_page,  # noqa: F401
                              chromium, running)


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
