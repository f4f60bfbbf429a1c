"""A program saved in the web app for a patient whose name has no Latin letter (山田花子,
Ελένη Παπαδοπούλου, Иван Петров, محمد) is saved under the name in its own script, as its
PDF is named: ``api.slug`` left nothing of such a name, so Save program asked for a file
name made up in Latin letters. Listed, opened and saved again as any other; a second
program of the name is offered ``-2``; programs saved before under ASCII names still open,
and a roster's program cell may name such a file."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from test_web import ARGS, Browser, messages, start_program, unescape
from test_web import ws, issued, app, browser  # noqa: F401 (fixtures)


@pytest.mark.parametrize("patient, saved", [
    ("山田 花子", "山田花子"), ("Ελένη Παπαδοπούλου", "Ελένη-Παπαδοπούλου"),
    ("Иван Петров", "Иван-Петров"), ("محمد", "محمد")])
def test_a_name_with_no_latin_letter_is_saved_in_its_own_script(browser, tmp_path, patient,
                                                                saved):
    folder = tmp_path / "programs"
    page = browser.post("save", start_program(browser, "bridge", name=patient))
    assert page.status_code == 200, messages(page)
    assert f"Saved as programs/{saved}.yaml" in unescape(page.get_data(as_text=True))
    assert [p.name for p in folder.iterdir()] == [f"{saved}.yaml"]
    # listed and opened as an ASCII name is, and saved again over itself
    listing = unescape(browser.get("/programs").get_data(as_text=True))
    assert f'name="name" value="{saved}"' in listing
    opened = browser.post("", {"name": saved}, url="/programs/open", follow_redirects=False)
    assert opened.status_code == 303, opened.status_code
    browser.get(opened.location)
    form = browser.form()
    assert (form["patient_name"], form["file_name"]) == (patient, saved)
    form["ex-0-hold"] = "45 s"
    assert browser.post("save", form).status_code == 200
    assert "45 s" in (folder / f"{saved}.yaml").read_text(encoding="utf-8")
    # another patient of that name: told it exists, offered the name and -2, saved so
    other = Browser(browser.client.application)
    other.get("/")
    page = other.post("save", start_program(other, "chin_tuck", name=patient))
    assert page.status_code == 422
    assert any(f"programs/{saved}.yaml already exists" in m for m in messages(page))
    assert other.form()["file_name"] == f"{saved}-2"
    assert other.post("save", other.form()).status_code == 200
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{saved}.yaml", f"{saved}-2.yaml"])


def test_programs_saved_before_are_listed_beside_those_in_their_own_script(browser,
                                                                          tmp_path):
    folder = tmp_path / "programs"
    api.make_folder(folder)
    # before, a name with no Latin letter was saved under a name typed for it
    (folder / "yamada.yaml").write_text("patient: {name: 山田花子}\nexercises: [bridge]\n",
                                        encoding="utf-8")
    (folder / "山田花子.yaml").write_text("patient: {name: 山田花子}\nexercises: [bridge]\n",
                                      encoding="utf-8")
    (folder / ".hidden.yaml").write_text("patient: {name: Bo}\nexercises: [bridge]\n")
    assert browser.post("save", start_program(browser, "bridge", name="Zoë Ελένη")
                        ).status_code == 200
    listing = unescape(browser.get("/programs").get_data(as_text=True))
    assert sorted(re.findall(r'name="name" value="([^"]*)"', listing)) == [
        "yamada", "zoe", "山田花子"]
    for name in ("yamada", "山田花子"):
        assert browser.get(f"/programs/{name}", follow_redirects=False).status_code == 303
    # nothing but a name the app saves under is opened
    for name in (".hidden", "山田/花子", "..", "Yamada"):
        assert browser.post("", {"name": name}, url="/programs/open").status_code == 404


def test_a_typed_name_in_its_own_script_is_kept(browser, tmp_path):
    form = {**start_program(browser, "bridge"), "file_name": "山田花子 1回目"}
    assert browser.post("save", form).status_code == 200
    assert [p.name for p in (tmp_path / "programs").iterdir()] == ["山田花子1回目.yaml"]


def test_a_roster_cell_names_a_program_saved_in_its_own_script(browser, tmp_path):
    """A roster's program cell may name a saved program without its .yaml (``jane-doe``, as
    the web app lists it): 山田花子 too, as the web app now saves it."""
    folder = tmp_path / "programs"
    assert browser.post("save", start_program(browser, "bridge", name="山田 花子")
                        ).status_code == 200
    (folder / "today.csv").write_text("name,program,date\n山田 花子,山田花子,2026-12-05\n",
                                      encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(folder / "today.csv"), "--out-dir",
                                       str(tmp_path / "out"), *ARGS], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == ["2026-12-05_山田花子.pdf"]
