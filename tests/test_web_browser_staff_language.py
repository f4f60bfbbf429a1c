"""The staff pages in the clinic's language in a real headless Chromium: a Quebec clinic's
build form is French from the first page through a button's answer swapped in by the page's
script, its date boxes in the clinic's order, and axe-core finds nothing serious in it (its
``lang`` is the clinic's, the library's English titles marked as English); a clinic of a
language the app has no words in gets English. The app and the browser as in
test_web_browser.py; an English clinic's pages are those every other browser test reads."""

from __future__ import annotations

import shutil

import pytest

import handouts as api

from test_web_browser import LIBRARY, axe_violations, browser_page, press, running
from test_web_browser import axe_source, chromium  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def clinic_server(tmp_path_factory, request):
    home = tmp_path_factory.mktemp("clinic") / "library"
    shutil.copytree(LIBRARY, home)
    with (home / "clinic.yaml").open("a", encoding="utf-8") as f:
        f.write(request.param)
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    with running(ws, tmp_path_factory.mktemp("programs")) as base:
        yield base


@pytest.mark.parametrize("clinic_server", ["locale: fr-CA\n"], indirect=True)
def test_a_quebec_clinics_build_form_is_in_french(chromium, clinic_server, axe_source):
    from playwright.sync_api import expect

    with browser_page(chromium) as page:
        page.goto(clinic_server + "/")
        assert page.get_attribute("html", "lang") == "fr-CA"
        expect(page.locator("h1")).to_have_text("Nouveau programme à la maison")
        assert page.get_attribute("#patient_dob", "placeholder") == "AAAA-MM-JJ"
        expect(page.locator("label[for=patient_dob]")).to_contain_text("JJ/MM/AAAA")
        page.fill("#patient_name", "Zoé Exemple")
        press(page, "#add-cat_camel")  # the answer swapped in by app.js, French too
        expect(page.locator("#item-0 .moves button").first).to_have_text("↑ Monter")
        expect(page.locator("#preview-status")).to_contain_text("Page 1 sur")
        assert page.get_attribute("#card-child_pose h3", "lang") == "en"
        page.fill("#q", "bridge")  # the live search's line, written by picker.js
        expect(page.locator("#q-msg")).to_have_text("Exercices : 1 sur 12")
        page.fill("input[name=ex-0-reps]", "8")  # the preview redrawn by preview.js
        expect(page.locator("#preview-status")).to_have_text(
            "Page 1 sur 2 : telle qu’elle s’imprime (à jour).")
        assert axe_violations(page, axe_source) == []
        page.goto(clinic_server + "/nulle-part")
        expect(page.locator("h1")).to_have_text("Page introuvable")


@pytest.mark.parametrize("clinic_server", ["locale: de-DE\n"], indirect=True)
def test_a_clinic_of_a_language_the_app_has_no_words_in_gets_english(chromium,
                                                                      clinic_server):
    from playwright.sync_api import expect

    with browser_page(chromium) as page:
        page.goto(clinic_server + "/")
        assert page.get_attribute("html", "lang") == "en"
        # English as a clinic in Germany writes it, as its English handouts do
        expect(page.locator("h1")).to_have_text("New home programme")
        assert page.get_attribute("#patient_dob", "placeholder") == "DD/MM/YYYY"
