"""A protocol's ``handout_title:`` is what page 1 prints under the handout's title; its
``title`` stays the staff's name for it in the web app's menu. A pelvic-health clinic's
packets showed "Bladder leaks, first visit" in large type on top of a print tray. Without
one, page 1 prints the title, as it always did. Read back with pypdf. Made-up patients."""

from __future__ import annotations

import shutil

import handouts as api
from handouts.web import create_app

from conftest import page_texts
from test_web import LIBRARY, Browser

PROTOCOL = "- id: low_back_start\n  title: 'Low back: first week'\n"


def clinic(folder, extra: str = "") -> api.Workspace:
    shutil.copytree(LIBRARY, folder)
    library = folder / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    assert PROTOCOL in text
    library.write_text(text.replace(PROTOCOL, PROTOCOL + extra), encoding="utf-8")
    return api.open_workspace(library, folder / "clinic.yaml")


def page_one(ws: api.Workspace) -> str:
    program = api.load_program("p.yaml", ws, text="patient: {name: Rosa Marquez}\n"
                               "date: 2026-12-05\nprotocol: low_back_start\n")
    return page_texts(api.build_handout(program, ws).pdf)[0]


def test_page_one_prints_the_protocols_handout_title_and_the_menu_its_title(tmp_path):
    ws = clinic(tmp_path / "clinic", "  handout_title: Your exercises for this week\n")
    first = page_one(ws)
    assert "Your exercises for this week" in first
    assert "Low back" not in first
    page = Browser(create_app(ws, programs_dir=tmp_path / "programs")).get("/")
    html = page.get_data(as_text=True)
    assert ">Low back: first week</option>" in html
    assert "Your exercises for this week" not in html
    # without one, page 1 prints the title, as it always did
    assert "Low back: first week" in page_one(clinic(tmp_path / "before"))


def _protocol_findings(ws: api.Workspace) -> list[str]:
    from handouts.checks import plain_language_findings

    return [f for f in plain_language_findings(ws, each=True) if "protocols[" in f]


def test_the_reading_grade_is_of_the_title_that_prints(tmp_path):
    """A staff title was graded where the handout_title replaces it on page 1, and `check`
    warned of words no patient reads; a handout_title hard to read is still told, quoted,
    since it prints. The clinic's own protocols (protocols.local.yaml) as the library's.
    A title alone is no prose to grade: "Your wrist exercises" (tests/clinics/hand), all
    everyday words, was grade 9.2 for the syllables of "exercises"."""
    staff = ("  title: Postoperative flexor tendon rehabilitation protocol\n"
             "  description: Do these each day. They help your hand move again.\n")
    ws = clinic(tmp_path / "library", "  handout_title: After your hand surgery\n")
    text = ws.library_path.read_text(encoding="utf-8")
    ws.library_path.write_text(text.replace("  title: 'Low back: first week'\n", staff),
                               encoding="utf-8")
    ws = api.open_workspace(ws.library_path, ws.clinic_path)
    assert not _protocol_findings(ws)
    ws.library_path.write_text(ws.library_path.read_text(encoding="utf-8").replace(
        "After your hand surgery", "Postoperative flexor tendon rehabilitation"),
        encoding="utf-8")
    [found] = _protocol_findings(api.open_workspace(ws.library_path, ws.clinic_path))
    assert 'hardest sentence: "Postoperative flexor tendon rehabilitation."' in found
    # the clinic's own protocols
    local = ws.library_path.parent / "protocols.local.yaml"
    local.write_text("protocols:\n- id: wrist\n" + staff.replace("  description", "  "
                     "handout_title: After your hand surgery\n  description")
                     + "  exercises: [bridge]\n", encoding="utf-8")
    ws = api.open_workspace(ws.library_path, ws.clinic_path)
    assert [f for f in _protocol_findings(ws) if "protocols.local.yaml" in f] == []
    # a title alone is not graded
    local.write_text("protocols:\n- id: wrist\n  title: Your wrist exercises\n"
                     "  exercises: [bridge]\n", encoding="utf-8")
    ws = api.open_workspace(ws.library_path, ws.clinic_path)
    assert [f for f in _protocol_findings(ws) if "protocols.local.yaml" in f] == []
