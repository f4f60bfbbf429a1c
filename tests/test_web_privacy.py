"""What the web app writes that no one asked for: the server's log names a request's route,
never the patient in its address or in an error's message, and the browser's tabs and
history get no patient's name from a page's title. Flask's test client; logs by caplog."""

from __future__ import annotations

import logging
import re

import pytest

import handouts as api
from handouts.web import pages

from test_web import Browser, start_program
from test_web import ws, issued, app, browser  # noqa: F401 (fixtures)

# a made-up patient's details, each of which must stay out of the log
NAME, DOB, NUMBER = "Zelda Quux", "1961-04-30", "004512"
SAVED = f"patient: {{name: {NAME}, dob: {DOB}, number: '{NUMBER}'}}\nexercises: [child_pose]\n"


def patient_in(text: str) -> list[str]:
    return [said for said in ("zelda", "quux", DOB, NUMBER) if said in text.lower()]


@pytest.fixture
def saved(tmp_path):
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "zelda-quux.yaml").write_text(SAVED)
    return folder


def test_an_unexpected_error_logs_its_route_and_place_not_the_patient(browser, saved,
                                                                       monkeypatch, caplog):
    def fails(program, *args, **kwargs):
        p = program.patient
        raise ValueError(f"cannot take {p.name} born {p.dob} ({p.number})")

    monkeypatch.setattr(pages.drafts, "from_program", fails)
    caplog.set_level(logging.DEBUG)
    page = browser.get("/programs/zelda-quux")
    assert page.status_code == 500
    assert patient_in(caplog.text) == []
    assert "GET /programs/<name>" in caplog.text
    # what whoever looks after the server needs: the error's type and where it was raised
    assert "ValueError" in caplog.text
    assert re.search(r'handouts/web/pages\.py", line \d+, in open_saved', caplog.text)
    assert patient_in(page.get_data(as_text=True)) == []


def test_an_error_past_the_handlers_logs_no_patient(app, saved, caplog):
    # a view's answer that is no answer fails after the view, where Flask logs it itself
    app.add_url_rule("/broken/<name>", "broken", lambda name: None)
    caplog.set_level(logging.DEBUG)
    page = Browser(app).get("/broken/zelda-quux")
    assert page.status_code == 500
    assert patient_in(caplog.text) == []
    assert "GET /broken/<name>" in caplog.text and "TypeError" in caplog.text


def test_an_error_on_a_route_taken_by_post_only_logs_its_route(app, saved, caplog):
    # the route was matched as a GET: a route only posted to was "an address the app does
    # not have" in the log, and whoever looks after the server could not tell which failed
    def fails(name):
        raise ValueError(f"cannot take {NAME}")

    app.add_url_rule("/broken/<name>", "broken", fails, methods=["POST"])
    b = Browser(app)
    b.get("/")
    caplog.set_level(logging.DEBUG)
    page = b.post("save", url="/broken/zelda-quux")
    assert page.status_code == 500
    assert patient_in(caplog.text) == []
    assert "POST /broken/<name>" in caplog.text and "ValueError" in caplog.text


def test_waitress_lines_name_the_route_not_the_patient(app, caplog):
    from handouts.web import logs

    logs.quiet_waitress(app)
    caplog.set_level(logging.DEBUG)
    waitress = logging.getLogger("waitress")
    try:
        # as waitress/channel.py words them, the path put in before they are logged
        waitress.info("Client disconnected while serving %s" % "/programs/zelda-quux")
        try:
            raise OSError(f"broken pipe sending {NAME}'s handout")
        except OSError:
            waitress.exception("Exception while serving %s" % "/programs/zelda-quux")
        waitress.info("Client disconnected while serving %s" % "/no/such/zelda")
        # a route only posted to: waitress says no method, and it was "no address"
        waitress.info("Client disconnected while serving %s" % "/logout")
    finally:
        for f in list(waitress.filters):
            waitress.removeFilter(f)
    assert patient_in(caplog.text) == []
    assert caplog.messages[0] == "Client disconnected while serving /programs/<name>"
    assert caplog.messages[1].startswith("Exception while serving /programs/<name>\n")
    assert "OSError" in caplog.messages[1]
    assert caplog.messages[2] == f"Client disconnected while serving {logs.UNKNOWN}"
    assert caplog.messages[3] == "Client disconnected while serving /logout"


def test_an_app_served_again_in_one_process_keeps_one_filter_on_waitress(app, caplog):
    # the tests (and a script that serves twice) make many apps in one process: a second
    # filter rewrote the first's line, and /programs/<name> became "no address"
    from handouts.web import logs

    logs.quiet_waitress(app)
    logs.quiet_waitress(app)
    caplog.set_level(logging.DEBUG)
    waitress = logging.getLogger("waitress")
    try:
        assert len(waitress.filters) == 1
        try:
            raise OSError(f"broken pipe sending {NAME}'s handout")
        except OSError:
            waitress.exception("Exception while serving %s" % "/programs/zelda-quux")
    finally:
        for f in list(waitress.filters):
            waitress.removeFilter(f)
    assert caplog.messages[0].startswith("Exception while serving /programs/<name>\n")
    assert "OSError" in caplog.messages[0]
    assert patient_in(caplog.text) == []


def title(page) -> str:
    return re.search(r"<title>(.*?)</title>", page.get_data(as_text=True), re.S).group(1)


def test_no_page_title_holds_the_patients_name(browser, saved):
    # a title is kept in the browser's history and shown on its tabs, on a shared computer
    editor = browser.get("/programs/zelda-quux", follow_redirects=True)
    assert NAME in editor.get_data(as_text=True)  # on the page, as the therapist asked
    assert patient_in(title(editor)) == []
    browser.get("/")
    start_program(browser, "bridge", name=NAME)
    assert patient_in(title(browser.page)) == []


def test_no_title_of_a_patients_visits_or_handout_holds_their_name(tmp_path, database):
    import shutil

    from handouts import record
    from handouts.web import create_app

    from conftest import reader
    from test_web import LIBRARY

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    b.get("/")
    download = b.post("download", start_program(b, "child_pose", name=NAME))
    [zelda] = record.patients(ws, NAME)
    handout_id = reader(download.data).metadata["/Keywords"].removeprefix("handout:")
    for url in (f"/patients/{zelda.id}", f"/patients/{zelda.id}/handouts/{handout_id}"):
        page = b.get(url)
        assert page.status_code == 200 and NAME in page.get_data(as_text=True)
        assert patient_in(title(page)) == [], url
