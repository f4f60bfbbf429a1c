"""What the front desk is told, in a real headless Chromium on a Spanish clinic's pages: a
roster over the upload limit gets the packets page itself, in Spanish, saying how large it
may be and what to do, with the form to choose another (it got waitress's bare English
"Request Entity Too Large", or for a file of a few MB a connection cut). Server, browser and
axe as in test_web_browser.py."""

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
