"""A handout's PDF title never names its patient: a browser shows the title as the tab's
(Chromium whatever the PDF's DisplayDocTitle says) and keeps it in its history, and a print
queue lists it; the web app's *Build PDF to print* opened a tab called "Home exercise
program for <the patient>". The file's name is where a patient's own copy says whose it is.
Read back with pypdf, and the tab's title from a real headless Chromium. Made-up patients."""

from __future__ import annotations

import handouts as api

from conftest import reader
from test_web_browser import browser_page, press, search
from test_web_browser import chromium, server  # noqa: F401 (fixtures)


def test_the_pdfs_properties_do_not_name_the_patient(ws):
    program = api.load_program("rosa.yaml", ws, text="patient: {name: Rosa Marquez}\n"
                               "date: 2026-12-05\nexercises: [child_pose]\n")
    built = api.build_handout(program, ws)
    meta = reader(built.pdf).metadata
    assert meta.title == "Home exercise program"
    assert not [key for key, value in meta.items() if "Marquez" in str(value)]
    # whose it is, the pages say, and the file's name (files.py)
    assert "Rosa Marquez" in reader(built.pdf).pages[0].extract_text()
    assert reader(built.pdf).trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def tab_title(page) -> str:
    """The title Chromium gives the tab (the page's own document is the PDF viewer's),
    once the viewer has read the PDF's properties."""
    cdp = page.context.new_cdp_session(page)
    for _ in range(200):
        [title] = [t["title"] for t in cdp.send("Target.getTargets")["targetInfos"]
                   if t["type"] == "page" and t["url"] == page.url]
        if title and not title.endswith(".pdf") and page.url not in title:
            return title
        page.wait_for_timeout(50)
    return title


def test_the_tab_build_pdf_to_print_opens_is_not_named_after_the_patient(chromium, server):
    base, _ = server
    with browser_page(chromium) as page:
        page.goto(base + "/")
        page.fill("#patient_name", "Rosa Marquez")
        search(page, "heel")
        press(page, "#add-heel_raise")
        with page.context.expect_page() as opened:
            page.click("#build")
        tab = opened.value
        tab.wait_for_load_state()
        assert tab.url.endswith("/handout.pdf")
        assert tab_title(tab) == "Home exercise program"


def test_a_clinics_own_pdf_title_is_passed_over_not_printed_nor_called_a_typo(tmp_path):
    """``pdf_title`` was the wording of that title: a clinic's file written before may
    hold it, and `check` does not call it an unknown key."""
    from test_hostile_wording import build, check, clinic

    home = clinic(tmp_path)
    (home / "strings.en.yaml").write_text('pdf_title: "Program for {{ patient }}"\n',
                                          encoding="utf-8")
    result = build(home, tmp_path)
    assert result.exit_code == 0, result.output
    assert reader((tmp_path / "out.pdf").read_bytes()).metadata.title == "Home exercise program"
    result = check(home)
    assert result.exit_code == 0 and result.output.startswith("OK:"), result.output
