"""The log's own rows and its pain row in the web app (Flask's test client): the page has no
box for the rows, but a program opened and saved keeps them, and one started from a protocol
that gives them keeps the protocol's where it can no longer name the protocol (an exercise
moved), as it keeps its exercises; a protocol saved from the page keeps them too."""

from __future__ import annotations

import shutil

import pytest
import yaml

import handouts as api
from handouts.web import create_app

from conftest import page_texts
from test_web import LIBRARY, Browser, built

PROTOCOL = """  - pelvic_tilt
  education:
  - posture
  log_pain: false
  log_rows: [Steps walked, {en: Sleep (hours), es: Sueño (horas)}]
"""


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "clinic"
    shutil.copytree(LIBRARY, folder)
    library = folder / "exercises.yaml"
    said = library.read_text(encoding="utf-8")
    start = said.index("- id: low_back_start")
    end = said.index("  - posture\n", start) + len("  - posture\n")
    assert said[start:end].endswith("  - pelvic_tilt\n  education:\n  - posture\n")
    library.write_text(said[:start] + said[start:end].replace(
        "  - pelvic_tilt\n  education:\n  - posture\n", PROTOCOL) + said[end:],
        encoding="utf-8")
    return folder


@pytest.fixture
def browser(folder, tmp_path):
    ws = api.open_workspace(folder / "exercises.yaml", folder / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/")
    return b


def pdf_text(browser, form) -> str:
    return " ".join(" ".join(page_texts(built(browser, form).data)).split())


def test_a_program_opened_and_saved_keeps_its_log_rows(browser, tmp_path):
    path = tmp_path / "programs" / "ada-example.yaml"
    api.make_folder(path.parent)
    rows = ["How stiff were you in the morning? (0-10)", {"en": "Your pulse", "es": "Su pulso"}]
    path.write_text(yaml.safe_dump({"patient": {"name": "Ada Example"}, "log_rows": rows,
                                    "exercises": ["bridge"]}), encoding="utf-8")
    opened = browser.post("", {"name": "ada-example"}, url="/programs/open",
                          follow_redirects=False)
    browser.get(opened.location)
    form = browser.form()
    form["ex-0-reps"] = "12"
    assert browser.post("save", form).status_code == 200
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["log_rows"] == rows
    assert "How stiff were you in the morning? (0–10)" in pdf_text(browser, browser.form())
    # none at all is kept as none, not taken for the clinic's
    path.write_text("patient: {name: Ada Example}\nlog_rows: []\nexercises: [bridge]\n",
                    encoding="utf-8")
    browser.get(browser.post("", {"name": "ada-example"}, url="/programs/open",
                             follow_redirects=False).location)
    assert browser.post("save", browser.form()).status_code == 200
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["log_rows"] == []


def started(browser) -> dict:
    browser.post("protocol", {"patient_name": "Ada Example", "protocol": "low_back_start"})
    form = browser.form()
    assert form["log_pain"] == "no"  # the protocol's, shown as the program's choice
    return form


def test_a_protocol_s_log_is_kept_where_the_program_no_longer_names_it(browser, tmp_path):
    form = started(browser)
    browser.post("down:0", form)  # an exercise of the protocol moved: it cannot be named
    assert browser.post("save", browser.form()).status_code == 200
    saved = yaml.safe_load((tmp_path / "programs" / "ada-example.yaml").read_text())
    assert "protocol" not in saved
    assert saved["log_pain"] is False
    assert saved["log_rows"] == ["Steps walked", {"en": "Sleep (hours)", "es": "Sueño (horas)"}]
    text = pdf_text(browser, browser.form())
    assert "Steps walked" in text and "Sleep (hours)" in text and "Pain (0–10)" not in text


def test_a_protocol_named_again_keeps_its_log_its_own(browser, tmp_path):
    assert browser.post("save", started(browser)).status_code == 200
    saved = yaml.safe_load((tmp_path / "programs" / "ada-example.yaml").read_text())
    assert saved["protocol"] == "low_back_start"
    assert "log_rows" not in saved and "log_pain" not in saved


def test_the_pain_row_chosen_before_the_protocol_stays_chosen(browser):
    form = browser.form()
    form.update({"patient_name": "Ada Example", "log_pain": "yes", "protocol": "low_back_start"})
    browser.post("protocol", form)
    assert browser.form()["log_pain"] == "yes"


def test_a_protocol_saved_from_the_page_keeps_the_log(browser, folder):
    form = started(browser)
    form["protocol_title"] = "Back, walking"
    assert browser.post("save_protocol", form).status_code == 200
    [entry] = yaml.safe_load((folder / "protocols.local.yaml").read_text())["protocols"]
    assert entry["log_pain"] is False
    assert entry["log_rows"] == ["Steps walked", {"en": "Sleep (hours)", "es": "Sueño (horas)"}]
