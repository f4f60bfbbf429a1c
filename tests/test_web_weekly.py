"""An exercise's Week by week in the web form (a progression's stages, a row each) through
Flask's test client and the draft's own functions: the library's stages in grey, typed over
row by row; adding and removing stages without JavaScript; a bad stage's message beside its
row, as a program YAML gets it (the order of the weeks in the same post as a bad value); a
removed stage put back by Undo; the last visit's stages shown under the table after "Start
from the last visit"; and the progression carried into the PDF, the saved program, the
clinic's record and a reprint. The same in Chromium: test_web_browser_weekly.py."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
import yaml
from werkzeug.datastructures import MultiDict

import handouts as api
from handouts.web import actions, create_app, draft_program
from handouts.web import draft as drafts
from handouts.web.draft import Draft, Item

from conftest import days_either_side, page_texts, reader
from test_web import LIBRARY, Browser, messages, start_program, unescape

TODAY = dt.date(2026, 12, 3)


@pytest.fixture(scope="module")
def ws():
    return api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")


@pytest.fixture
def browser(ws, tmp_path):
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/")
    return b


def stage_fields(form: dict, i: int = 0) -> dict[str, str]:
    return {k: v for k, v in form.items() if k.startswith(f"ex-{i}-stage-")}


def placeholder(page, name: str) -> str:
    tag = re.search(rf'<input name="{name}"[^>]*>', page.get_data(as_text=True)).group(0)
    return re.search(r'placeholder="([^"]*)"', tag).group(1)


def pdf_text(browser, form) -> str:
    page = browser.post("build", form)
    assert page.status_code == 200, messages(page)
    address = re.search(r'href="(/d/[^"]+/handout.pdf)"', page.get_data(as_text=True)).group(1)
    return "\n".join(page_texts(browser.client.get(address).data))  # the page stays the form


# --- the draft's own functions --------------------------------------------------------------

def test_posted_rows_keep_their_places_and_only_what_was_typed(ws):
    form = MultiDict({"ex-0-id": "wall_angel", "ex-0-stages": "library",
                      "ex-0-stage-0-weeks": "", "ex-0-stage-0-reps": " ",
                      "ex-0-stage-1-weeks": "", "ex-0-stage-1-reps": "12",
                      "ex-1-id": "bridge", "ex-1-stages": "own",
                      "ex-1-stage-0-weeks": "", "ex-1-stage-0-reps": "",
                      "ex-1-stage-1-weeks": "3-4", "ex-1-stage-1-sets": "3",
                      "ex-1-stage-7-nonsense": "x"})
    draft = drafts.from_form(form, ws.library)
    # a library row typed over stays beside its library stage; an own empty row is dropped
    assert draft.items[0].stages == [{}, {"reps": "12"}]
    assert not draft.items[0].own_stages
    assert draft.items[1].stages == [{"weeks": "3-4", "sets": "3"}]
    assert draft.items[1].own_stages


def test_library_rows_print_the_library_unless_typed_over(ws):
    untouched = Item("wall_angel", stages=[{}, {}])
    assert drafts.progression_data(untouched, ws.library) is None  # the library's, as it is
    typed = Item("wall_angel", stages=[{}, {"reps": "12"}])
    assert drafts.progression_data(typed, ws.library) == [
        {"weeks": "1-2", "reps": "5"}, {"weeks": "3-4", "reps": "12", "sets": "2"}]


def test_own_rows_are_the_whole_progression_and_none_leaves_the_librarys_out(ws):
    own = Item("wall_angel", stages=[{"weeks": "1-3", "alternatives": "2 x 30 s | 3 x 20 s"}],
               own_stages=True)
    assert drafts.progression_data(own, ws.library) == [
        {"weeks": "1-3", "alternatives": ["2 x 30 s", "3 x 20 s"]}]
    assert drafts.progression_data(Item("wall_angel", own_stages=True), ws.library) == []
    # an exercise the library gives no progression: no rows, no key
    assert drafts.progression_data(Item("bridge", own_stages=True), ws.library) is None


def test_a_stage_problem_belongs_to_its_rows_box(ws):
    draft = Draft(patient_name="Ada Example", items=[
        Item("bridge", stages=[{"weeks": "1-2"}, {"weeks": "2-4", "reps": "lots"}],
             own_stages=True)])
    program, by_field, general = draft_program.validate(draft, ws, today=TODAY)
    assert program is None and general == []
    # the order of the weeks is told with the stage's bad value, not after it is mended
    overlap = '"2-4" overlaps the stage before it ("1-2"); start this stage at week 3 or later'
    assert by_field == {
        "ex-0-stage-1-reps": ['"lots" is not a number or range (e.g. "3", "3-5", '
                              '"as tolerated" or "until mild fatigue")'],
        "ex-0-stage-1-weeks": [overlap]}
    draft.items[0].stages[1]["reps"] = "12"
    _, by_field, _ = draft_program.validate(draft, ws, today=TODAY)
    assert by_field == {"ex-0-stage-1-weeks": [overlap]}


def test_a_program_opens_with_its_own_rows_and_the_library_rows_stay_grey(ws):
    program = api.program_from_data({
        "patient": {"name": "Ada Example"}, "date": TODAY, "exercises": [
            {"id": "bridge", "dose": {"progression": [{"weeks": "1-2", "reps": 5},
                                                      {"weeks": "3-4", "reps": 10}]}},
            "wall_angel"]}, ws, source="test")
    draft = drafts.from_program(program, ws)
    assert (draft.items[0].stages, draft.items[0].own_stages) == (
        [{"weeks": "1-2", "reps": "5"}, {"weeks": "3-4", "reps": "10"}], True)
    assert (draft.items[1].stages, draft.items[1].own_stages) == ([], False)


@pytest.mark.parametrize("rows, expected", [
    ([], "1-2"), ([{"weeks": "1-2"}], "3-4"), ([{"weeks": "1-3"}], "4-6"), ([{"weeks": "5"}], "6"),
    ([{"weeks": "101-104"}], ""), ([{"weeks": "100-103"}], "104"), ([{"weeks": "soon"}], "")])
def test_a_new_stage_follows_the_last(rows, expected):
    assert actions.next_weeks(rows) == expected


# --- the page, without JavaScript ------------------------------------------------------------

def test_the_librarys_stages_show_in_grey_and_a_box_typed_over_prints(browser):
    start_program(browser, "wall_angel")
    page = browser.page
    assert "Week by week" in page.get_data(as_text=True)
    assert [placeholder(page, f"ex-0-stage-{j}-{k}") for j in (0, 1)
            for k in ("weeks", "reps", "sets")] == ["1-2", "5", "", "3-4", "8-10", "2"]
    form = browser.form()
    assert set(stage_fields(form).values()) == {""}
    form["ex-0-stage-0-reps"] = "6"
    text = pdf_text(browser, form)
    assert "Week by week" in text and "Weeks 1–2" in text and "Repeat 6 times" in text
    assert "2 sets of 8–10" in text


def test_add_and_remove_stages_then_build(browser):
    form = start_program(browser, "bridge")
    assert stage_fields(form) == {}
    for _ in range(2):
        answer = browser.post("stage_add:0", form, follow_redirects=False)
        assert answer.status_code == 303
        form = browser.form() if browser.get(answer.headers["Location"]) else None
    assert answer.headers["Location"].endswith("#ex-0-stage-1-weeks")  # the new row's weeks
    assert "Added weeks 3-4 to Bridge." in browser.page.get_data(as_text=True)
    assert [form["ex-0-stage-0-weeks"], form["ex-0-stage-1-weeks"]] == ["1-2", "3-4"]
    form.update({"ex-0-stage-0-reps": "5", "ex-0-stage-1-reps": "10", "ex-0-stage-1-sets": "3"})
    text = pdf_text(browser, form)
    assert "Week by week" in text and "From week 3 on" in text and "3 sets of 10" in text
    # remove the first: the other keeps what was typed in it
    form = browser.form()
    answer = browser.post("stage_remove:0:0", form, follow_redirects=False)
    assert answer.headers["Location"].endswith("#undo")  # its Undo, beside the notice
    browser.get(answer.headers["Location"])
    form = browser.form()
    assert stage_fields(form) == {"ex-0-stage-0-weeks": "3-4", "ex-0-stage-0-reps": "10",
                                  "ex-0-stage-0-sets": "3"}
    browser.post("stage_remove:0:0", form)
    assert stage_fields(browser.form()) == {}
    text = pdf_text(browser, browser.form())
    assert "Week by week" not in text


def test_removing_a_library_stage_keeps_the_other_and_what_was_typed(browser):
    form = start_program(browser, "wall_angel")
    form["ex-0-stage-1-sets"] = "3"
    browser.post("stage_remove:0:0", form)
    form = browser.form()
    assert form["ex-0-stages"] == "own"
    assert stage_fields(form) == {"ex-0-stage-0-weeks": "3-4", "ex-0-stage-0-reps": "8-10",
                                  "ex-0-stage-0-sets": "3"}
    browser.post("stage_remove:0:0", browser.form())
    assert "the library's stages are left out" in unescape(browser.page.get_data(as_text=True))
    assert "Week by week" not in pdf_text(browser, browser.form())


def test_a_bad_stage_is_told_beside_its_row_and_nothing_typed_is_lost(browser):
    form = start_program(browser, "bridge")
    browser.post("stage_add:0", form)
    browser.post("stage_add:0", browser.form())
    form = browser.form()
    form.update({"ex-0-stage-0-weeks": "3-1", "ex-0-stage-0-reps": "5",
                 "ex-0-stage-1-reps": "lots"})
    page = browser.post("build", form)
    assert page.status_code == 422
    html = unescape(page.get_data(as_text=True))
    row = html[html.index('id="ex-0-stage-0"'):html.index('id="ex-0-stage-1"')]
    assert '"3-1": the range runs backwards; put the smaller number first (e.g. "1-3")' in row
    assert re.search(r'id="ex-0-stage-0-weeks" aria-describedby="ex-0-stage-0-weeks-msg" '
                     r'aria-invalid="true" autofocus', row)
    assert stage_fields(browser.form()) == {
        "ex-0-stage-0-weeks": "3-1", "ex-0-stage-0-reps": "5", "ex-0-stage-0-sets": "",
        "ex-0-stage-1-weeks": "3-4", "ex-0-stage-1-reps": "lots", "ex-0-stage-1-sets": ""}
    # the summary names the exercise, the stage and the box
    assert "Exercise 1 (Bridge), week by week, stage 2, reps: " in html


def test_a_stage_box_is_checked_as_it_is_typed(browser):
    def check(field, value):
        answer = browser.get(f"/check?field={field}&value={value}").get_json()
        answer.pop("library")  # the banner about the library as saved: test_web_polish.py
        return answer

    assert check("weeks", "4-1") == {
        "ok": False, "message": '"4-1": the range runs backwards; put the smaller number first '
                                '(e.g. "1-4")'}
    assert check("weeks", "200")["message"] == '"200": a stage ends within 104 weeks'
    assert check("weeks", "3-4") == {"ok": True, "message": ""}


def test_undo_brings_an_exercise_back_with_its_stages(browser):
    form = start_program(browser, "bridge", "wall_angel")
    browser.post("stage_add:0", form)
    form = browser.form()
    form["ex-0-stage-0-reps"] = "4"
    browser.post("remove:0", form)
    browser.post("undo", browser.form() | {"undo": re.search(
        r'name="undo" value="([^"]+)"', browser.page.get_data(as_text=True)).group(1)
        .replace("&#34;", '"').replace("&quot;", '"')})
    form = browser.form()
    assert form["ex-0-id"] == "bridge" and form["ex-0-stages"] == "own"
    assert stage_fields(form) == {"ex-0-stage-0-weeks": "1-2", "ex-0-stage-0-reps": "4",
                                  "ex-0-stage-0-sets": ""}


def test_the_saved_program_carries_the_progression_and_opens_again(browser, ws, tmp_path):
    form = start_program(browser, "bridge")
    browser.post("stage_add:0", form)
    form = browser.form() | {"ex-0-stage-0-reps": "5"}
    browser.post("save", form)
    path = tmp_path / "programs" / "ada-example.yaml"
    assert yaml.safe_load(path.read_text())["exercises"] == [
        {"id": "bridge", "dose": {"progression": [{"weeks": "1-2", "reps": "5"}]}}]
    assert api.load_program(path, ws).exercises[0].dose.progression[0].reps.lo == 5
    browser.get("/programs/ada-example", follow_redirects=True)
    assert stage_fields(browser.form()) == {"ex-0-stage-0-weeks": "1-2",
                                            "ex-0-stage-0-reps": "5", "ex-0-stage-0-sets": ""}


def recording_app(tmp_path) -> tuple[api.Workspace, "Browser"]:
    """A copy of the test library whose app keeps a record (the ``database`` fixture's), and a
    browser on its first page."""
    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    b.get("/")
    return ws, b


def test_the_record_keeps_the_progression_and_a_reprint_prints_it(tmp_path, database):
    from handouts import record

    ws, b = recording_app(tmp_path)
    form = start_program(b, "bridge")
    b.post("stage_add:0", form)
    b.post("stage_add:0", b.form())
    form = b.form() | {"ex-0-stage-0-reps": "5", "ex-0-stage-1-reps": "12"}
    download = b.post("download", form)
    assert download.mimetype == "application/pdf"
    [ada] = record.patients(ws, "Ada Example")
    [visit] = record.visits(ws, ada)
    assert yaml.safe_load(visit.yaml)["exercises"][0]["dose"]["progression"] == [
        {"weeks": "1-2", "reps": "5"}, {"weeks": "3-4", "reps": "12"}]
    handout_id = reader(download.data).metadata["/Keywords"].removeprefix("handout:")
    again = record.reprint(ws, handout_id)
    assert again.identical is True
    text = "\n".join(page_texts(again.built.pdf))
    assert "Week by week" in text and "2 sets of 12" in text


@pytest.mark.parametrize("action", ["stage_add:5", "stage_add:x", "stage_remove:0",
                                    "stage_remove:0:9", "stage_remove:-1:0"])
def test_a_stage_button_the_page_never_offers_is_refused(browser, action):
    form = start_program(browser, "bridge")
    assert browser.post(action, form).status_code == 400


# --- the order of the weeks, in the same post as a bad value ---------------------------------

def test_the_order_of_the_weeks_is_told_with_a_bad_value_in_one_post(browser):
    form = start_program(browser, "bridge")
    for _ in range(3):
        browser.post("stage_add:0", form)
        form = browser.form()
    form.update({"ex-0-stage-1-weeks": "2-4", "ex-0-stage-1-reps": "lots",
                 "ex-0-stage-2-weeks": "later", "ex-0-stage-2-sets": "3"})
    page = browser.post("build", form, follow_redirects=False)
    assert page.headers["Location"].endswith("#ex-0-stage-1-weeks")  # the first, in order
    page = browser.get(page.headers["Location"])
    assert page.status_code == 422
    html = unescape(page.get_data(as_text=True))
    row = html[html.index('id="ex-0-stage-1"'):html.index('id="ex-0-stage-2"')]
    assert ('"2-4" overlaps the stage before it ("1-2"); start this stage at week 3 or later'
            in row)
    assert '"lots" is not a number or range' in row
    # a stage whose weeks are not weeks is told so, and not compared with its neighbours
    assert messages(page) == [
        '"2-4" overlaps the stage before it ("1-2"); start this stage at week 3 or later',
        '"lots" is not a number or range (e.g. "3", "3-5", "as tolerated" or "until mild '
        'fatigue")', '"later" is not a number or range (e.g. "3" or "3-5")']
    assert "Please fix 3 problems" in html


# --- Undo for a removed stage ----------------------------------------------------------------

def three_stages(browser) -> dict:
    form = start_program(browser, "bridge", "wall_angel")
    for _ in range(3):
        browser.post("stage_add:0", form)
        form = browser.form()
    form.update({"ex-0-stage-0-reps": "5", "ex-0-stage-1-reps": "8", "ex-0-stage-1-sets": "3",
                 "ex-0-stage-2-reps": "12"})
    return form


def test_undo_puts_a_removed_stage_back_in_its_place_with_what_was_typed(browser):
    form = three_stages(browser)
    answer = browser.post("stage_remove:0:1", form, follow_redirects=False)
    # without JavaScript: the browser goes there
    assert answer.headers["Location"].endswith("#undo")
    page = browser.get(answer.headers["Location"])
    html = page.get_data(as_text=True)
    weekly = html[html.index('id="item-0-weekly"'):html.index('id="item-1"')]
    assert "Removed weeks 3-4 from Bridge." in weekly
    assert re.search(r'<button type="submit" name="action" value="undo" id="undo"[^>]*'
                     r'autofocus>Undo</button>', weekly)
    form = browser.form()
    assert [form.get(f"ex-0-stage-{j}-weeks") for j in range(3)] == ["1-2", "5-6", None]
    form["ex-0-stage-1-reps"] = "15"  # typed after the removal: kept through the Undo
    answer = browser.post("undo", form, follow_redirects=False)
    assert answer.headers["Location"].endswith("#ex-0-stage-1-weeks")  # the row put back
    page = browser.get(answer.headers["Location"])
    assert "Put weeks 3-4 back in Bridge." in page.get_data(as_text=True)
    assert 'id="undo"' not in page.get_data(as_text=True)
    assert stage_fields(browser.form()) == {
        "ex-0-stage-0-weeks": "1-2", "ex-0-stage-0-reps": "5", "ex-0-stage-0-sets": "",
        "ex-0-stage-1-weeks": "3-4", "ex-0-stage-1-reps": "8", "ex-0-stage-1-sets": "3",
        "ex-0-stage-2-weeks": "5-6", "ex-0-stage-2-reps": "15", "ex-0-stage-2-sets": ""}
    text = " ".join(pdf_text(browser, browser.form()).split())
    assert "Weeks 3–4 3 sets of 8" in text and "From week 5 on 2 sets of 15" in text


def test_undo_puts_back_a_library_stage_typed_over(browser):
    form = start_program(browser, "bridge", "wall_angel")
    form["ex-1-stage-0-reps"] = "6"
    browser.post("stage_remove:1:0", form)
    form = browser.form()
    assert form["ex-1-stages"] == "own" and form["ex-1-stage-0-weeks"] == "3-4"
    browser.post("undo", form)
    assert "Put weeks 1-2 back in Wall angel." in browser.page.get_data(as_text=True)
    form = browser.form()
    assert stage_fields(form, 1) == {
        "ex-1-stage-0-weeks": "1-2", "ex-1-stage-0-reps": "6", "ex-1-stage-0-sets": "",
        "ex-1-stage-1-weeks": "3-4", "ex-1-stage-1-reps": "8-10", "ex-1-stage-1-sets": "2"}
    text = " ".join(pdf_text(browser, form).split())
    assert "Weeks 1–2 Repeat 6 times" in text


def test_undo_of_a_stage_whose_exercise_is_gone_says_so(browser):
    form = three_stages(browser)
    browser.post("stage_remove:0:0", form)
    undo = browser.form()["undo"]
    browser.post("remove:0", browser.form())
    page = browser.post("undo", browser.form() | {"undo": undo})
    assert page.status_code == 200
    assert "Not put back: Bridge is no longer in the program." in page.get_data(as_text=True)
    assert browser.form()["ex-0-id"] == "wall_angel"


@pytest.mark.parametrize("undo", [
    '{"id": "bridge", "stage": "x", "row": {}}', '{"id": "nope", "stage": 0, "row": {}}',
    '{"id": "bridge", "stage": 0, "row": "weeks"}', '{"id": "bridge", "stage": 0}',
    '{"id": ["bridge"], "stage": 0, "row": {}}', '["bridge", 0]', 'not json',
    # JSON reads 1e400 as infinity, which is no place in a list
    '{"id": "bridge", "stage": 1e400, "row": {}}', '{"id": "bridge", "stage": -Infinity, '
    '"row": {}}', '{"id": "chin_tuck", "at": 1e400}', '{"id": "chin_tuck", "at": Infinity}'])
def test_a_forged_undo_is_refused(browser, undo):
    form = start_program(browser, "bridge")
    assert browser.post("undo", form | {"undo": undo}).status_code == 400


# --- the last visit's stages, after "Start from the last visit" ------------------------------

def test_the_last_visits_stages_show_under_the_table_through_every_post(tmp_path, database):
    from handouts import record

    ws, b = recording_app(tmp_path)
    form = start_program(b, "chin_tuck", "bridge", name="Lou Lastvisit")
    for _ in range(2):
        b.post("stage_add:0", form)
        form = b.form()
    form.update({"ex-0-stage-0-hold": "10 s", "ex-0-stage-1-hold": "20 s",
                 "ex-0-stage-1-reps": "8", "ex-1-reps": "12"})
    assert b.post("download", form).mimetype == "application/pdf"
    [lou] = record.patients(ws, "Lou Lastvisit")
    b.post("next", {}, url=f"/patients/{lou.id}/next")
    line = "Last visit: weeks 1-2: hold 10\u00a0s; weeks 3-4: hold 20\u00a0s, reps 8"

    def shown() -> str:
        html = unescape(b.page.get_data(as_text=True))
        found = re.search(r'<p class="before" id="ex-(\d)-stages-before">([^<]*)</p>', html)
        return found and (found.group(1), found.group(2))

    assert shown() == ("0", line)
    assert 'aria-describedby="ex-0-stages-hint ex-0-stages-before"' in b.page.get_data(
        as_text=True)
    assert 'id="ex-1-stages-before"' not in b.page.get_data(as_text=True)  # none set
    # every post carries it: a stage added, the exercises moved, a bad value, a build
    b.post("stage_add:0", b.form())
    assert shown() == ("0", line)
    b.post("down:0", b.form())
    assert shown() == ("1", line)
    assert b.post("build", b.form() | {"ex-1-stage-2-reps": "lots"}).status_code == 422
    assert shown() == ("1", line)
    form = b.form() | {"ex-1-stage-2-reps": "10"}
    assert b.post("build", form).status_code == 200
    assert shown() == ("1", line)


def test_the_last_visit_opens_when_the_library_has_renamed_one_of_its_exercises(tmp_path,
                                                                               database):
    """An exercise the last visit gave is renamed in the library since: the visit opens with
    it kept by its id, as it was given (dose, note, stages), and the page says which it is
    (the record is not "unavailable"); the others are as they were."""
    from handouts import record

    ws, b = recording_app(tmp_path)
    form = start_program(b, "chin_tuck", "bridge", name="Ren Renamed")
    b.post("stage_add:1", form | {"ex-0-hold": "5 s", "ex-1-reps": "12",
                                  "ex-1-note": "Only on the left side"})
    assert b.post("download", b.form() | {"ex-1-stage-0-reps": "9"}).mimetype == \
        "application/pdf"
    library = tmp_path / "clinic" / "exercises.yaml"
    library.write_text(library.read_text().replace("- id: bridge\n", "- id: glute_bridge\n"))
    [ren] = record.patients(ws, "Ren Renamed")
    page = b.post("next", {}, url=f"/patients/{ren.id}/next")
    text = unescape(page.get_data(as_text=True))
    assert page.status_code == 200 and "cannot be read now" not in text
    assert "Started from visit 1" in text
    assert 'No. 2, "bridge", is no longer in the library' in text
    form = b.form()
    assert (form["ex-0-id"], form["ex-0-hold"]) == ("chin_tuck", "5 s")
    assert (form["ex-1-id"], form["ex-1-reps"], form["ex-1-note"], form["ex-1-stage-0-reps"]) \
        == ("bridge", "12", "Only on the left side", "9")
    assert b.post("build", form).status_code == 422  # not without it


def test_a_last_visit_of_only_gone_exercises_opens_and_one_that_cannot_says_why(tmp_path,
                                                                                 database):
    from handouts import record

    ws, b = recording_app(tmp_path)
    form = start_program(b, "bridge", name="Ola Only")
    assert b.post("download", form | {"ex-0-reps": "12", "education": "pain_is_real"}) \
        .mimetype == "application/pdf"
    library = tmp_path / "clinic" / "exercises.yaml"
    text = library.read_text()
    library.write_text(text.replace("- id: bridge\n", "- id: glute_bridge\n"))
    [ola] = record.patients(ws, "Ola Only")
    page = b.post("next", {}, url=f"/patients/{ola.id}/next")
    assert page.status_code == 200
    assert 'No. 1, "bridge", is no longer in the library' in unescape(page.get_data(
        as_text=True))
    form = b.form()
    assert (form["ex-0-id"], form["ex-0-reps"], form["education"]) == (
        "bridge", "12", "pain_is_real")
    assert "ex-1-id" not in form
    # a topic taken out of the library: the page says so, the record is not "unavailable"
    library.write_text(text.replace("- id: pain_is_real\n", "- id: pain_is_real_2\n"))
    page = b.post("next", {}, url=f"/patients/{ola.id}/next")
    said = unescape(page.get_data(as_text=True))
    assert page.status_code == 422 and "cannot be read now" not in said
    assert "Visit 1 cannot be opened with the library as it is now" in said
    assert 'unknown education topic "pain_is_real"' in said and str(tmp_path) not in said


def test_the_last_visits_stages_come_only_from_their_hidden_fields(ws):
    form = MultiDict({"ex-0-id": "bridge", "prev-bridge-stage-0-weeks": "1-2",
                      "prev-bridge-stage-0-reps": "5", "prev-bridge-stage-1-weeks": "3-4",
                      "prev-bridge-stage-1-nonsense": "x", "prev-nobody-stage-0-weeks": "1",
                      "prev-bridge-reps": "10"})
    draft = drafts.from_form(form, ws.library)
    assert draft.previous_stages == {"bridge": [{"weeks": "1-2", "reps": "5"},
                                                {"weeks": "3-4"}]}
    assert draft.previous == {"bridge": {"reps": "10"}}


def test_the_last_visits_stages_are_text_on_the_page_never_markup(browser):
    form = start_program(browser, "bridge")
    hostile = '<b onmouseover="x()">5</b>'
    page = browser.post("refresh", form | {"prev-bridge-stage-0-weeks": "1-2",
                                           "prev-bridge-stage-0-reps": hostile})
    html = page.get_data(as_text=True)
    assert hostile not in html
    assert "reps &lt;b\u00a0onmouseover=&#34;x()&#34;&gt;5&lt;/b&gt;" in html
    assert browser.form()["prev-bridge-stage-0-reps"] == hostile  # carried on as typed


# --- the weeks the patient is in, on a handout started from the last visit -------------------

def given_days_ago(ws, name: str, days: int, exercises: list) -> int:
    """A handout of ``exercises`` given ``days`` ago, as the record keeps it; the patient's id."""
    from handouts import record

    data = {"patient": {"name": name}, "date": ws.today() - dt.timedelta(days=days),
            "exercises": exercises}
    program = api.program_from_data(data, ws, source="program.yaml")
    assert record.issued(ws, record.Issue.of(program, api.build_handout(program, ws)),
                         channel="printed", by="dave") == ()
    [person] = record.patients(ws, name)
    return person.id


def test_the_next_visit_says_its_stages_start_again_and_carries_them_on(tmp_path, database):
    """The wall angel's stages (weeks 1-2: 5 reps; weeks 3-4: 2 sets of 8-10) started again at
    week 1 on the next visit's handout, 15 days (week 3) after the last: the patient did
    weeks 1-2 again, and nothing said so. Its Week by week says it; Carry on drops the weeks
    done, and what is left prints from week 1."""
    ws, b = recording_app(tmp_path)
    own = [{"weeks": "1-2", "reps": "5"}, {"weeks": "3-6", "reps": "12"}]
    pid = given_days_ago(ws, "Wes Weekly", 15, ["wall_angel", "chin_tuck", {
        "id": "bridge", "dose": {"progression": own}}])
    page = b.post("next", {}, url=f"/patients/{pid}/next")
    assert page.status_code == 200, messages(page)
    html = unescape(page.get_data(as_text=True))
    told = ("These weekly stages start again at week 1; the last handout was given 15 days "
            "ago (week 3).")
    assert f'<p class="before" id="ex-0-restart">{told} <button' in html
    # and the top of the page says it once for all, with a link to the first
    assert "Today's date prints on the new handout. 2 exercises' weekly stages start again " \
           'at week 1: <a href="#ex-0-restart">see their Week by week</a>.</p>' in html
    assert 'value="carry_on:0"' in html and "Carry on from week 3</button>" in html
    assert 'id="ex-1-restart"' not in html  # no stages
    assert 'id="ex-2-restart"' in html  # the program's own stages, as the library's
    b.post("carry_on:0", b.form())
    html = unescape(b.page.get_data(as_text=True))
    # the one stage left is the dose from now on: the exercise's dose, not a one-row table
    assert "Wall angel carries on from week 3 of the last handout. 1 stage done left out. " \
           "The stage left is its dose now (reps 8-10, sets 2), with no Week by week." in html
    assert 'id="ex-0-restart"' not in html  # said once: the therapist chose
    form = b.form()
    assert form["ex-0-stages"] == "own"
    assert stage_fields(form) == {}
    assert (form["ex-0-reps"], form["ex-0-sets"]) == ("8-10", "2")
    b.post("carry_on:2", form)
    assert stage_fields(b.form(), 2) == {}
    assert b.form()["ex-2-reps"] == "12"
    b.post("down:1", b.form())  # another post: carried on stays carried on
    assert "restart" not in b.page.get_data(as_text=True)
    assert stage_fields(b.form()) == {}
    text = pdf_text(b, b.form())
    assert "1. Wall angel\n2 sets of 8–10\n" in text  # page 1's How much
    assert "Week by week" not in text and "From week 1 on" not in text
    assert "Repeat 5 times" not in text and "Weeks 1–2" not in text  # the weeks done

    # a patient still in week 1 is told nothing, nor is a program not from a last visit
    pid = given_days_ago(ws, "Nell Newweek", 6, ["wall_angel"])
    b.post("next", {}, url=f"/patients/{pid}/next")
    assert "restart" not in b.page.get_data(as_text=True)
    assert b.post("carry_on:0", b.form()).status_code == 400  # the page never offers it
    b.get("/")
    form = start_program(b, "wall_angel")  # not from a last visit
    assert "restart" not in b.page.get_data(as_text=True)
    assert b.post("carry_on:0", form).status_code == 400


@pytest.mark.parametrize("week, expected", [
    (2, [{"weeks": "1", "reps": "5"}, {"weeks": "2-3", "reps": "8"}]),
    (3, [{"weeks": "1-2", "reps": "8"}]),
    (4, [{"weeks": "1", "reps": "8"}]),
    (9, [{"weeks": "1-2", "reps": "8"}]),  # all done: the last goes on, as it printed
])
def test_stages_carried_on_from_a_week(week, expected):
    from handouts.web import weeks_on

    rows = [{"weeks": "1-2", "reps": "5"}, {"weeks": "3-4", "reps": "8"}]
    assert weeks_on.carried_on(rows, week) == expected
    assert weeks_on.carried_on([{"weeks": "1-2.5"}], week) is None


def log_part(text: str) -> str:
    return re.sub(r"Handout [A-Z0-9-]+", "", text[text.index("Your exercise log"):])


def test_one_stage_left_prints_and_logs_as_the_dose_it_is(tmp_path, database):
    """The stage left after carrying on asks for another frequency than the dose (every
    other day): the handout and its three weeks of log are those of a program giving that
    stage as the bridge's dose, day for day (every other day goes on across the weeks)."""
    from test_dose_fields import tick_boxes
    from handouts.render.theme import theme_for

    ws, b = recording_app(tmp_path)
    own = [{"weeks": "1-2", "reps": "5"},
           {"weeks": "3-5", "reps": "12", "frequency": "every other day"}]
    pid = given_days_ago(ws, "Odo Onestage", 15, ["chin_tuck", {
        "id": "bridge", "dose": {"progression": own}}])
    b.post("next", {}, url=f"/patients/{pid}/next")
    b.post("carry_on:1", b.form())
    form = b.form()
    assert (form["ex-1-reps"], form["ex-1-frequency"]) == ("12", "every other day")
    with days_either_side(ws.today) as days:
        page = b.post("build", form | {"log_weeks": "3"})
    carried = b.client.get(re.search(r'href="(/d/[^"]+/handout.pdf)"',
                                     page.get_data(as_text=True)).group(1)).data
    text = "\n".join(page_texts(carried))
    assert "Week by week" not in text and "From week 1 on" not in text
    assert "2. Bridge\n2 sets of 12 · Rest 30 seconds\nbetween sets\nEvery other day" in text

    def same(day) -> str:  # the log of that program, given the day the web app built it
        program = api.program_from_data({
            "patient": {"name": "Odo Onestage"}, "date": day, "log_weeks": 3,
            "exercises": ["chin_tuck", {"id": "bridge", "dose": {
                "reps": 12, "frequency": "every other day"}}]}, ws, source="test")
        return log_part("\n".join(page_texts(api.build_handout(program, ws).pdf)))

    assert any(log_part(text) == same(day) for day in sorted(days))
    size = theme_for("standard", ws.clinic.page_size).body_size * 1.15
    assert sum(len(tick_boxes(page, size)) for page in reader(carried).pages) == \
        3 * 7 + (4 + 3 + 4)  # the chin tuck daily; the bridge days 1, 3, 5, 7 | 2, 4, 6 | ...

    # two stages left are still stages: their table, numbered from week 1
    own = [{"weeks": "1-2", "reps": "5"}, {"weeks": "3-4", "reps": "8"},
           {"weeks": "5-6", "reps": "12"}]
    pid = given_days_ago(ws, "Tao Twostages", 15, [{"id": "bridge",
                                                    "dose": {"progression": own}}])
    b.post("next", {}, url=f"/patients/{pid}/next")
    b.post("carry_on:0", b.form())
    assert "Bridge's stages carry on from week 3 of the last handout, now week 1. 1 stage " \
           "done left out." in unescape(b.page.get_data(as_text=True))
    assert stage_fields(b.form()) == {
        "ex-0-stage-0-weeks": "1-2", "ex-0-stage-0-reps": "8", "ex-0-stage-0-sets": "",
        "ex-0-stage-1-weeks": "3-4", "ex-0-stage-1-reps": "12", "ex-0-stage-1-sets": ""}


def test_undo_puts_back_the_stages_carried_on_and_their_note(tmp_path, database):
    ws, b = recording_app(tmp_path)
    pid = given_days_ago(ws, "Una Uncarry", 15, ["chin_tuck", "wall_angel"])
    b.post("next", {}, url=f"/patients/{pid}/next")
    assert "Wall angel's weekly stages start again at week 1: <a href=\"#ex-1-restart\">see " \
           "its Week by week</a>." in unescape(b.page.get_data(as_text=True))
    before = b.form()
    b.post("carry_on:1", before | {"ex-1-stage-0-reps": "6"})  # a library row typed over
    html = b.page.get_data(as_text=True)
    assert 'value="undo" id="undo"' in html and 'autofocus' in html
    form = b.form()
    assert stage_fields(form, 1) == {} and form["ex-1-reps"] == "8-10"
    form["ex-1-sets"] = "3"  # typed after carrying on: kept
    b.post("undo", form)
    html = unescape(b.page.get_data(as_text=True))
    assert "Wall angel's Week by week is back as it was before Carry on." in html
    assert 'id="ex-1-restart"' in html and 'value="carry_on:1"' in html  # offered again
    after = b.form()
    assert after["ex-1-stages"] == before["ex-1-stages"] == "library"
    assert stage_fields(after, 1) == stage_fields(before | {"ex-1-stage-0-reps": "6"}, 1)
    assert (after["ex-1-reps"], after["ex-1-sets"]) == ("", "3")
    assert after["weeks_again"].split() == ["wall_angel"]
    # and carried on again, as if never undone
    b.post("carry_on:1", after)
    assert stage_fields(b.form(), 1) == {} and b.form()["ex-1-reps"] == "8-10"
    # an Undo the page never offered is refused
    for undo in ('{"carried": {"id": "wall_angel"}}', '{"carried": "wall_angel"}',
                 '{"carried": {"id": "nope", "dose": {}, "set": {}, "stages": [], '
                 '"own_stages": false}}',
                 '{"carried": {"id": "wall_angel", "dose": {}, "set": {}, "stages": "x", '
                 '"own_stages": false}}'):
        assert b.post("undo", b.form() | {"undo": undo}).status_code == 400
    b.get("/")
    form = start_program(b, "wall_angel")  # not from a last visit: never offered
    good = '{"carried": {"id": "wall_angel", "dose": {}, "set": {}, "stages": [], ' \
           '"own_stages": false}}'
    assert b.post("undo", form | {"undo": good}).status_code == 400
