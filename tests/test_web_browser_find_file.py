"""Saved programs' "Find a file" box in real headless Chromium: a name saved in its own script
(Ελένη-Παπαδοπούλου, saved so since programs keep such names) is found typed in any case and
without its accents, as the library's search finds words; the box lowered what was typed
and not the names, so a Greek name's capital first letter hid it from "Ελένη" itself.
Server, browser and axe as in test_web_browser.py."""

from __future__ import annotations

import handouts as api

from test_web_browser import LIBRARY, browser_page, running
from test_web_browser import chromium  # noqa: F401 (fixture)

SAVED = ("Ελένη-Παπαδοπούλου", "Иван-Петров", "jane-doe", "Νικοσθένης-Ραφαηλίδης")


def test_a_name_in_its_own_script_is_found_in_any_case(chromium, tmp_path):
    from playwright.sync_api import expect

    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    programs = tmp_path / "programs"
    programs.mkdir()
    for name in SAVED:
        (programs / f"{name}.yaml").write_text("patient: {name: Made Up}\n", encoding="utf-8")
    with running(ws, programs) as base, browser_page(chromium) as page:
        page.goto(base + "/programs")
        shown = page.locator(".saved-list li:visible button")
        expect(shown).to_have_count(len(SAVED))
        for typed, found in [("Ελένη", ["Ελένη-Παπαδοπούλου"]),
                             ("ελένη", ["Ελένη-Παπαδοπούλου"]),
                             ("ΕΛΕΝΗ", ["Ελένη-Παπαδοπούλου"]),  # capitals carry no accent
                             ("παπαδοπουλου", ["Ελένη-Παπαδοπούλου"]),
                             ("иван", ["Иван-Петров"]),
                             # the start of a name typed in capitals: its last Σ lowered is a final ς
                             ("ΝΙΚΟΣ", ["Νικοσθένης-Ραφαηλίδης"]),
                             ("Jane", ["jane-doe"])]:
            page.fill("#find", typed)
            expect(shown).to_have_text(found)
        page.fill("#find", "")
        expect(shown).to_have_count(len(SAVED))
