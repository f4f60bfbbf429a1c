"""The log's weeks in the web editor (README: *The handout*, the log until the next visit):
the *Next visit* date and the *Weeks of log* choice are kept when a program file that has
them is opened and saved, print in the handout the form builds, and a bad one is told at
its box; "Start from the last visit" leaves the old next visit behind (it is past) and keeps
the weeks. Through Flask's test client; made-up patients."""

from __future__ import annotations

import datetime as dt
import re

import yaml

import handouts as api

from conftest import days_either_side, page_texts
from test_web import messages, start_program, unescape
from test_web_weekly import browser, recording_app, ws  # noqa: F401 (fixtures)


def long_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"  # as the test clinic (US) prints a date


def built_pages(browser, form) -> list[str]:
    page = browser.post("build", form)
    assert page.status_code == 200, messages(page)
    address = re.search(r'href="(/d/[^"]+/handout.pdf)"', page.get_data(as_text=True)).group(1)
    return page_texts(browser.client.get(address).data)


def test_a_program_file_with_both_keys_keeps_them_when_saved_unchanged(browser, ws, tmp_path):
    today = ws.today()
    ahead = today + dt.timedelta(days=10)
    folder = tmp_path / "programs"
    folder.mkdir()
    path = folder / "kit-keeper.yaml"
    path.write_text(f"patient: {{name: Kit Keeper}}\ndate: {today}\nnext_visit: {ahead}\n"
                    "log_weeks: 3\nexercises: [bridge]\n", encoding="utf-8")
    browser.get("/programs/kit-keeper", follow_redirects=True)
    form = browser.form()
    assert browser.post("save", form).status_code == 200
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    # as the web app saves every date: quoted
    assert (saved.get("next_visit"), saved.get("log_weeks")) == (ahead.isoformat(), 3)
    assert (form["next_visit"], form["log_weeks"]) == (ahead.isoformat(), "3")


def test_the_next_visit_and_the_weeks_posted_print_in_the_handout(browser, ws):
    ahead = ws.today() + dt.timedelta(days=10)  # 8 to 14 days on: two weeks of log
    form = start_program(browser, "bridge") | {"next_visit": ahead.isoformat()}
    pages = built_pages(browser, form)
    assert f"Next appointment: {long_date(ahead)}" in pages[0].replace("\n", " ")
    text = "\n".join(pages)
    assert re.findall(r"^Week \d+", text, re.M) == ["Week 1", "Week 2"]
    # three weeks asked: whatever the next visit gives
    text = "\n".join(built_pages(browser, browser.form() | {"log_weeks": "3"}))
    assert re.findall(r"^Week \d+", text, re.M) == ["Week 1", "Week 2", "Week 3"]
    assert browser.form()["log_weeks"] == "3"


def test_a_next_visit_before_the_visit_and_a_forged_weeks_are_told_at_their_boxes(browser,
                                                                                   ws):
    before = ws.today() - dt.timedelta(days=1)
    form = start_program(browser, "bridge") | {"next_visit": before.isoformat(),
                                               "log_weeks": "9"}
    with days_either_side(ws.today) as days:
        page = browser.post("build", form)
    assert page.status_code == 422
    html = unescape(page.get_data(as_text=True))
    said = re.search(r'id="next_visit-msg">([^<]*)<', html).group(1)
    assert any(said.startswith(f"{before} is not after the visit's date ({day})")
               for day in days), said
    assert re.search(r'id="log_weeks-msg">9 weeks: a log has 1 to 6 weeks', html)
    assert re.search(r'<input name="next_visit"[^>]*aria-invalid="true"[^>]*autofocus', html)
    assert '<a href="#next_visit">Next visit: ' in html  # the summary links the box


def test_starting_from_the_last_visit_leaves_its_past_next_visit_and_keeps_its_weeks(
        tmp_path, database):
    from handouts import record

    ws, b = recording_app(tmp_path)
    today = ws.today()
    data = {"patient": {"name": "Lee Later"}, "date": today - dt.timedelta(days=14),
            "next_visit": today - dt.timedelta(days=1), "log_weeks": 2,
            "exercises": ["bridge"]}
    program = api.program_from_data(data, ws, source="program.yaml")
    assert record.issued(ws, record.Issue.of(program, api.build_handout(program, ws)),
                         channel="printed", by="dave") == ()
    [lee] = record.patients(ws, "Lee Later")
    page = b.post("next", {}, url=f"/patients/{lee.id}/next")
    assert page.status_code == 200, unescape(page.get_data(as_text=True))
    form = b.form()
    assert (form["next_visit"], form["log_weeks"]) == ("", "2")


def test_a_next_visit_beyond_six_weeks_is_said_beside_the_form(browser, ws):
    ahead = ws.today() + dt.timedelta(days=60)
    form = start_program(browser, "bridge") | {"next_visit": ahead.isoformat()}
    with days_either_side(ws.today) as days:
        page = browser.post("build", form)
    assert page.status_code == 200, messages(page)
    html = unescape(page.get_data(as_text=True))
    warnings = re.search(r'<ul id="preview-warnings">(.*?)</ul>', html, re.S).group(1)
    # 60 days after the visit, or 59 where midnight passed before it
    assert any(f"<li>Next visit: {ahead} is {(ahead - day).days} days after the visit's date "
               f"({day}); the log has 6 weeks, the most it can have, and ends on "
               f"{day + dt.timedelta(days=41)}: plan a new handout" in warnings
               for day in days), warnings
    text = "\n".join(page_texts(browser.client.get(re.search(
        r'href="(/d/[^"]+/handout.pdf)"', html).group(1)).data))
    assert len(re.findall(r"^Week \d+", text, re.M)) == 6
