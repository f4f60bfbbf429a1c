"""The editor's second version through Flask's test client: Post/Redirect/Get, duplicates,
undo, the preview (rendered from the PDF, with its layout warnings), the forgiving search,
clinic protocols, the inputs tied to their messages, and the clinic's colours and logo."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

import handouts as api
from handouts.web import catalog, create_app

from conftest import page_texts
from test_web import LIBRARY, Browser, start_program, unescape


@pytest.fixture(scope="module")
def ws():
    return api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")


@pytest.fixture
def app(ws, tmp_path):
    return create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ())


@pytest.fixture
def browser(app):
    b = Browser(app)
    b.get("/")
    return b


def html(response) -> str:
    return unescape(response.get_data(as_text=True))


def ids(form: dict) -> list[str]:
    return [form[f"ex-{i}-id"] for i in range(len(form)) if f"ex-{i}-id" in form]


# --- Post/Redirect/Get --------------------------------------------------------------------

def test_every_button_answers_with_a_redirect_to_the_drafts_page(browser):
    form = start_program(browser, "bridge")
    answer = browser.post("add:chin_tuck", form, follow_redirects=False)
    assert answer.status_code == 303
    page = re.match(r"^/d/[A-Za-z0-9_-]+#card-chin_tuck$", answer.headers["Location"])
    assert page
    first = browser.get(answer.headers["Location"].split("#")[0])
    assert "Added Chin tuck as no. 2." in html(first)
    # Reload (or Back) shows the program again, not the message, and posts nothing
    again = browser.get(answer.headers["Location"].split("#")[0])
    assert ids(browser.form()) == ["bridge", "chin_tuck"]
    assert "Added Chin tuck" not in html(again)
    # the same draft keeps its address from button to button
    form = browser.form()
    assert browser.post("down:0", form, follow_redirects=False).headers["Location"] \
        .split("#")[0] == answer.headers["Location"].split("#")[0]


def test_a_draft_is_seen_only_by_the_browser_that_made_it(app, browser):
    answer = browser.post("add:bridge", {"patient_name": "Ada Example"}, follow_redirects=False)
    address = answer.headers["Location"].split("#")[0]
    stranger = Browser(app)
    stranger.get("/")
    assert stranger.get(address).status_code == 404
    assert "Ada Example" not in html(stranger.page)


def test_a_built_pdfs_link_never_gives_another_build(browser):
    """A tab duplicated carries the same draft: a build in the second (another patient's
    name) must not put that patient's handout behind the link the first tab shows."""
    def link(page) -> str:
        return re.search(r'href="(/d/[^"]+\.pdf)"', page.get_data(as_text=True)).group(1)

    form = start_program(browser, "bridge", name="Alice Alpha")
    first = link(browser.post("build", form))
    tab = browser.form()  # the same hidden draft_id
    second = link(browser.post("build", {**tab, "patient_name": "Bob Beta"}))
    assert second != first
    bob = browser.client.get(second)
    assert bob.status_code == 200 and "Bob Beta" in "".join(page_texts(bob.data))
    old = browser.client.get(first)
    assert old.status_code == 404 and old.mimetype == "text/html"
    assert "built again" in html(old) and "Bob" not in html(old)
    # the link stays its own build's while the program is not built again
    assert browser.client.get(second).data == bob.data
    assert browser.client.get(second.replace("/handout.pdf", "é/handout.pdf")).status_code == 404


# --- duplicates, undo ---------------------------------------------------------------------

def test_add_refuses_a_duplicate_and_the_editor_and_pdf_agree(browser):
    form = start_program(browser, "bridge", "chin_tuck")
    page = browser.post("add:bridge", form)
    assert "Not added: Bridge is no. 1 in the program already" in html(page)
    assert ids(browser.form()) == ["bridge", "chin_tuck"]
    # a form that lists one twice anyway (two tabs, a forged post) keeps it once, and says so
    forged = {**browser.form(), "ex-2-id": "bridge"}
    page = browser.post("refresh", forged)
    assert ids(browser.form()) == ["bridge", "chin_tuck"]
    assert "Bridge was listed twice and is kept once" in html(page)
    pdf = browser.post("download", browser.form())
    glance = page_texts(pdf.data)[0]  # the program at a glance, one row per exercise
    assert "1. Bridge" in glance and "2. Chin tuck" in glance and "3. " not in glance


def test_several_listed_several_times_are_each_said_with_how_often(browser):
    """"Bridge, Chin tuck was listed twice": one exercise's sentence said of two, one of
    them listed three times."""
    form = start_program(browser, "bridge", "chin_tuck")
    page = browser.post("refresh", {**form, "ex-2-id": "bridge", "ex-3-id": "chin_tuck",
                                    "ex-4-id": "bridge"})
    assert ids(browser.form()) == ["bridge", "chin_tuck"]
    assert ("Each exercise prints once: Bridge was listed 3 times and Chin tuck twice; each "
            "is kept once, in its first place, each later dose over the one before") in html(page)
    page = browser.post("refresh", {**browser.form(), "ex-2-id": "chin_tuck",
                                    "ex-3-id": "chin_tuck"})
    assert "Chin tuck was listed 3 times and is kept once, in its first place" in html(page)


def flat_pdf(data: bytes) -> str:
    return " ".join(" ".join(page_texts(data)).split())


def test_a_form_that_lists_one_twice_prints_it_as_the_file_does(browser, ws):
    """A file that lists an exercise twice prints it once, each later dose laid over the one
    before; the editor kept the first entry's dose, so the handout previewed and downloaded
    was not the one the saved file builds."""
    form = start_program(browser, "bridge", "chin_tuck")
    form.update({"ex-0-reps": "5", "ex-0-sets": "3", "ex-0-note": "Go easy."})
    # a second tab's entry, posted with the first: later boxes over the earlier ones
    page = browser.post("refresh", {**form, "ex-2-id": "bridge", "ex-2-sets": "4",
                                    "ex-2-note": "Slowly."})
    kept = browser.form()
    assert ids(kept) == ["bridge", "chin_tuck"]
    assert (kept["ex-0-reps"], kept["ex-0-sets"]) == ("5", "4")
    assert "Slowly." in html(page) and "Go easy." not in html(page)
    assert ("Bridge was listed twice and is kept once, in its first place, each later dose "
            "over the one before (as a saved program file prints it).") in html(page)
    web = flat_pdf(browser.post("download", kept).data)

    data = {"patient": {"name": "Ada Example"}, "exercises": [
        {"id": "bridge", "dose": {"reps": 5, "sets": 3}, "note": "Go easy."}, "chin_tuck",
        {"id": "bridge", "dose": {"sets": 4}, "note": "Slowly."}]}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    from_file = flat_pdf(built.pdf)
    for said in ("1. Bridge 4 sets of 5 · Rest 30 seconds between sets",
                 "Note for you Slowly.", "How much 4 sets of 5 Rest 30 seconds between sets"):
        assert said in from_file and said in web, said
    start = from_file.index("Your exercises")
    assert web[web.index("Your exercises"):][:600] == from_file[start:start + 600]


def test_a_later_hold_takes_the_earlier_alternatives_away_as_in_a_file(browser, ws):
    form = start_program(browser, "chin_tuck")
    form.update({"ex-0-hold": "40 s", "ex-0-alternatives": "2 x 20 s"})
    browser.post("refresh", {**form, "ex-1-id": "chin_tuck", "ex-1-hold": "10 s"})
    kept = browser.form()
    assert (kept["ex-0-hold"], kept["ex-0-alternatives"]) == ("10 s", "")
    web = flat_pdf(browser.post("download", kept).data)
    data = {"patient": {"name": "Ada Example"}, "exercises": [
        {"id": "chin_tuck", "dose": {"hold": "40 s", "alternatives": ["2 x 20 s"]}},
        {"id": "chin_tuck", "dose": {"hold": "10 s"}}]}
    from_file = flat_pdf(api.build_handout(api.program_from_data(data, ws, source="test"),
                                           ws).pdf)
    assert "1. Chin tuck Hold 10 seconds · Repeat 10 times" in from_file
    assert "1. Chin tuck Hold 10 seconds · Repeat 10 times" in web
    assert "20 seconds" not in web


def test_a_later_entrys_weeks_replace_the_earlier_ones_as_a_later_progression_does():
    from handouts.web import twice
    from handouts.web.draft import Item

    first = Item("bridge", {"reps": "5"}, "Go easy.", [{"weeks": "1-2", "sets": "2"}], True)
    later = Item("bridge", {"reps": ""}, "", [{"weeks": "1-4", "sets": "3"}], True)
    merged = twice.over(first, later, sets_stages=True)
    assert (merged.stages, merged.dose["reps"], merged.note) == (later.stages, "5", "Go easy.")
    # a later entry with no rows of its own keeps the earlier one's weeks
    assert twice.over(first, Item("bridge"), sets_stages=False).stages == first.stages


def test_remove_then_undo_puts_it_back_where_it_was_with_its_dose(browser):
    form = start_program(browser, "bridge", "chin_tuck", "cat_camel")
    form.update({"ex-1-reps": "12", "ex-1-note": "Slowly."})
    page = browser.post("remove:1", form)
    assert ids(browser.form()) == ["bridge", "cat_camel"]
    assert "Removed Chin tuck." in html(page)
    assert re.search(r'id="undo"[^>]*autofocus', html(page))
    browser.post("undo", browser.form())
    form = browser.form()
    assert ids(form) == ["bridge", "chin_tuck", "cat_camel"]
    assert form["ex-1-reps"] == "12" and form["ex-1-note"] == "Slowly."


def test_drag_and_drop_moves_one_exercise(browser):
    form = start_program(browser, "bridge", "chin_tuck", "cat_camel")
    browser.post("move:2:0", form)
    assert ids(browser.form()) == ["cat_camel", "bridge", "chin_tuck"]
    assert browser.post("move:7:0", browser.form()).status_code == 400


# --- errors: tied to their boxes, summarised with links, focus on the first ---------------

def test_every_input_is_tied_to_its_message_and_the_summary_links_each_problem(browser):
    form = start_program(browser, "child_pose", name="")
    form.update({"patient_email": "not-an-address", "ex-0-hold": "5-x s"})
    page = browser.post("build", form)
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    ids_on_page = set(re.findall(r'\bid="([^"]+)"', text))
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", text):
        if 'type="hidden"' in tag or 'name="csrf_token"' in tag:
            continue
        described = re.search(r'aria-describedby="([^"]+)"', tag)
        assert described, tag
        assert set(described.group(1).split()) <= ids_on_page, tag
    links = re.findall(r'<div class="problems".*?</div>', text, re.S)[0]
    targets = re.findall(r'href="#([^"]+)"', links)
    assert targets == ["patient_name", "patient_email", "ex-0-hold"]
    assert all(t in ids_on_page for t in targets)
    assert re.search(r'id="patient_name"[^>]*autofocus', text)


def test_the_summary_lists_the_problems_in_the_forms_order(browser):
    """The summary above the form reads as the form does: date of birth before email, an
    exercise's stages in their order (a stage's weeks that overlap the stage before are
    found by a later check than a bad value in the stage after), whatever order the checks
    found them in."""
    form = start_program(browser, "child_pose", "bridge")
    browser.post("stage_add:1", form)
    browser.post("stage_add:1", browser.form())
    browser.post("stage_add:1", browser.form())
    form = browser.form()
    form.update({"patient_email": "not-an-address", "patient_dob": "1990-13-45",
                 "ex-1-stage-1-weeks": "2-4", "ex-1-stage-2-reps": "many",
                 "ex-0-hold": "5-x s"})
    text = browser.post("build", form).get_data(as_text=True)
    summary = re.findall(r'<div class="problems".*?</div>', text, re.S)[0]
    assert re.findall(r'href="#([^"]+)"', summary) == [
        "patient_dob", "patient_email", "ex-0-hold", "ex-1-stage-1-weeks", "ex-1-stage-2-reps"]


def test_empty_program_says_what_to_do(browser):
    page = browser.post("download", {"patient_name": "Ada Example"})
    assert page.status_code == 422 and "Add at least one exercise" in html(page)


# --- the preview ---------------------------------------------------------------------------

def test_the_preview_is_the_pdfs_first_page_as_an_image(browser):
    form = start_program(browser, "child_pose", "bridge")
    answer = browser.client.post("/preview", data={**form, "csrf_token": browser.token})
    assert answer.json["ok"] and answer.json["pages"] >= 2
    first = browser.client.get(answer.json["urls"][0])
    assert first.mimetype == "image/jpeg"
    image = Image.open(io.BytesIO(first.data))
    assert image.size == (612, 792)  # a Letter page at 72 dpi
    # mostly white paper with dark text on it: a real page, not an empty bitmap
    grey = image.convert("L")
    assert grey.getextrema()[0] < 80 and sum(grey.histogram()[240:]) > 0.5 * 612 * 792
    last = browser.client.get(answer.json["urls"][-1])
    assert last.status_code == 200 and last.data != first.data
    assert browser.client.get(answer.json["urls"][0].replace("/1.jpg", "/99.jpg")).status_code == 404
    # the editor's own page shows the same first page, without JavaScript
    assert answer.json["urls"][0] in browser.page.get_data(as_text=True)


def test_the_preview_warns_when_the_safety_box_or_a_card_falls_badly(browser):
    form = start_program(browser, "child_pose")
    form["note"] = " ".join(["Keep moving gently every day, and rest when you need to."] * 40)
    answer = browser.client.post("/preview", data={**form, "csrf_token": browser.token})
    # the layout keeps the safety box on page 1 whatever the note (the note moves after the
    # exercises), so a long note gives no warning about it
    assert not any('"Stop and call us" box' in w for w in answer.json["warnings"])
    form["note"] = ""
    # the longest note allowed (3,000 characters) makes the card taller than a page
    form["ex-0-note"] = " ".join(["Go slowly and breathe out as you move."] * 76)
    answer = browser.client.post("/preview", data={**form, "csrf_token": browser.token})
    assert any("Exercise 1 (Child's pose) is split over pages" in w
               for w in answer.json["warnings"]), answer.json["warnings"]
    form["ex-0-note"] = "Short."
    answer = browser.client.post("/preview", data={**form, "csrf_token": browser.token})
    assert answer.json["warnings"] == []


def test_a_card_is_found_by_its_numbered_title_not_by_its_captions_first_words(tmp_path):
    """Two captions of the shipped library start with the same five words ("Keep your low
    back flat ..."): the card that prints whole on page 4 is not said to be split over pages
    2 and 4. Given a note that runs it on to page 5, it is."""
    b = Browser(create_app(api.open_workspace(), programs_dir=tmp_path, record=lambda *a: ()))
    b.get("/")
    form = start_program(b, "child_pose", "kneeling_rock_back", "lying_hip_flexor_stretch",
                         "si_joint_correction", "wall_goal_post_stretch", name="Sol Split")
    answer = b.client.post("/preview", data={**form, "csrf_token": b.token})
    assert answer.json["pages"] == 5 and answer.json["warnings"] == []
    form["ex-4-note"] = " ".join(["Breathe out slowly as you press back."] * 60)
    answer = b.client.post("/preview", data={**form, "csrf_token": b.token})
    assert answer.json["warnings"] == [
        "Exercise 5 (Wall stretch with arms up) is split over pages 4 and 5"]


def test_the_preview_waits_for_a_valid_program(browser):
    form = start_program(browser, "child_pose")
    form["ex-0-hold"] = "5-x s"
    answer = browser.client.post("/preview", data={**form, "csrf_token": browser.token})
    assert answer.json.items() >= {
        "ok": False,
        "message": 'To see the handout, fix "Exercise 1 (Child\'s pose), hold".'}.items()


# --- the library ---------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("stretching", {"child_pose", "knee_to_chest", "hip_flexor_stretch", "seated_twist"}),
    ("hip flexer", {"hip_flexor_stretch"}),
    ("brige", {"bridge"}),
    ("strech", {"child_pose", "knee_to_chest", "hip_flexor_stretch", "seated_twist"}),
    ("breathing", {"belly_breathing"}),
    ("zebra", set()),
])
def test_search_forgives_endings_and_small_typos(browser, ws, query, expected):
    assert set(browser.client.get("/search", query_string={"q": query}).json["ids"]) == expected
    assert {c.exercise.id for c in catalog.search(catalog.cards(ws), query)} == expected


def test_exercises_in_the_program_are_marked_in_the_library(browser):
    start_program(browser, "bridge")
    text = html(browser.page)
    assert re.search(r'<li class="card in-program" id="card-bridge"', text)
    assert "✓ In the program (no. 1)" in text
    assert not re.search(r'<li class="card in-program" id="card-chin_tuck"', text)


@pytest.fixture
def library_copy(tmp_path):
    folder = tmp_path / "library"
    shutil.copytree(LIBRARY, folder)
    return folder


def test_save_as_a_clinic_protocol_and_start_from_it(library_copy, tmp_path):
    ws = api.open_workspace(library_copy / "exercises.yaml", library_copy / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "p", record=lambda *a: ()))
    b.get("/")
    form = start_program(b, "bridge", "heel_raise")
    form.update({"ex-0-reps": "15", "education": "posture", "protocol_title": "Knee, week 1"})
    page = b.post("save_protocol", form)
    assert 'Saved "Knee, week 1" as a clinic protocol' in html(page)
    saved = yaml.safe_load((library_copy / "protocols.local.yaml").read_text())
    assert saved["protocols"] == [{"id": "knee_week_1", "title": "Knee, week 1",
                                   "exercises": [{"id": "bridge", "dose": {"reps": "15"}},
                                                 "heel_raise"],
                                   "education": ["posture"]}]
    assert '<option value="local:knee_week_1">Knee, week 1</option>' in html(page)
    # the same name again is refused at its box
    again = b.post("save_protocol", {**b.form(), "protocol_title": "Knee, week 1"})
    assert "exists already" in html(again)
    # a new patient starts from it, with its dose
    b.get("/")
    b.post("protocol", {"patient_name": "Ben Example", "protocol": "local:knee_week_1"})
    form = b.form()
    assert ids(form) == ["bridge", "heel_raise"] and form["ex-0-reps"] == "15"


def test_the_library_saved_while_the_app_runs_is_taken_unless_it_has_a_problem(
        library_copy, tmp_path):
    """A clinic edits its library with the app running: the next page uses the files as
    saved; saved with a mistake, the app goes on with the last good files and says why. The
    record is given the files each handout was made from."""
    from handouts.record.entry import library_files
    from test_web import built

    library, clinic = library_copy / "exercises.yaml", library_copy / "clinic.yaml"
    given = []
    b = Browser(create_app(api.open_workspace(library, clinic), programs_dir=tmp_path / "p",
                           record=lambda ws, *a: given.append(library_files(ws)) or ()))
    assert "Cat and camel" in html(b.get("/"))
    good = library.read_text().replace("title: Cat and camel", "title: Cat and cow")
    library.write_text(good)
    clinic.write_text(clinic.read_text().replace("Test Street Physio", "Test Road Physio"))
    page = html(b.get("/"))
    assert "Cat and cow" in page and "Cat and camel" not in page
    assert "Test Road Physio" in page and "The library files as saved" not in page
    form = start_program(b, "cat_camel")
    assert "Cat and cow" in "".join(page_texts(built(b, form).data))

    broken = good.replace("hold: 20-30 s", "hold: 20-x s", 1)
    library.write_text(broken)
    line = broken[:broken.index("hold: 20-x s")].count("\n") + 1
    page = html(b.get("/"))
    assert "The library files as saved have 1 problem" in page
    assert f'exercises.yaml:{line}: exercises[child_pose].dose.hold: "20-x s" is not a ' \
           "duration" in page and str(library_copy) not in page
    assert "Cat and cow" in page  # the last good library, still in use
    assert "Cat and cow" in "".join(page_texts(built(b, start_program(b, "cat_camel")).data))
    assert [text for role, _, text, *_ in given[-1] if role == "library"] == [good]

    library.write_text(good.replace("title: Cat and cow", "title: Cat stretch"))
    page = html(b.get("/"))
    assert "Cat stretch" in page and "The library files as saved" not in page

    # the clinic's own wording, added and then changed: the next handout says it
    wording = library_copy / "strings.en.yaml"
    for said in ("Questions? Ring the desk", "Questions? Ring reception"):
        wording.write_text(f'call_us: "{said}"\n')
        text = "".join(page_texts(built(b, start_program(b, "cat_camel")).data))
        assert said in text


def test_an_exercise_renamed_while_its_program_is_open_is_told_and_nothing_is_lost(
        library_copy, tmp_path):
    """The clinic renames an exercise in its library while a program with it is open: the
    next post says which exercise is no longer in the library, builds and saves nothing
    without it, and keeps what was typed for it until the therapist puts the new one in."""
    library = library_copy / "exercises.yaml"
    given = []
    b = Browser(create_app(api.open_workspace(library, library_copy / "clinic.yaml"),
                           programs_dir=tmp_path / "p",
                           record=lambda ws, program, *a: given.append(program) or ()))
    b.get("/")
    form = start_program(b, "child_pose", "bridge")
    form.update({"ex-1-reps": "12", "ex-1-note": "Only on the left side",
                 "protocol_title": "Knee, week 1"})
    library.write_text(library.read_text().replace("- id: bridge\n", "- id: glute_bridge\n"))
    said = ('No. 2, "bridge", is no longer in the library: it was renamed or removed since '
            "this page was opened. Nothing is built or saved until it is replaced")
    for action in ("build", "download", "email", "save", "save_protocol"):
        page = b.post(action, form)
        assert page.status_code == 422 and page.mimetype == "text/html", action
        assert said in html(page) and 'perhaps Bridge, "glute_bridge"' in html(page)
        assert str(library_copy) not in html(page)
        kept = b.form()
        assert (kept["ex-1-id"], kept["ex-1-reps"], kept["ex-1-note"]) == (
            "bridge", "12", "Only on the left side"), action
    assert given == [] and not (tmp_path / "p").exists()
    assert not (library_copy / "protocols.local.yaml").exists()
    assert not b.client.post("/preview", data={**kept, "csrf_token": b.token}).json["ok"]
    # said on every page until it is replaced; removed, Undo brings it back as it was
    assert said in html(b.post("refresh", kept))
    b.post("remove:1", b.form())
    assert said not in html(b.page)
    b.post("undo", b.form())
    assert said in html(b.page) and b.form()["ex-1-note"] == "Only on the left side"
    b.post("add:glute_bridge", b.form())
    form = b.form()
    form["ex-2-reps"] = form["ex-1-reps"]
    b.post("remove:1", form)
    page = b.post("build", b.form())
    assert page.status_code == 200 and said not in html(page)
    assert [(e.id, str(e.dose.reps)) for e in given[-1].exercises[1:]] == [
        ("glute_bridge", "12")]


def test_a_request_keeps_the_workspace_it_began_with(library_copy, tmp_path):
    """Files saved while a request builds (another request opens them again): that request
    builds and records from one version of them, the one it began with."""
    ws = api.open_workspace(library_copy / "exercises.yaml", library_copy / "clinic.yaml")
    app = create_app(ws, programs_dir=tmp_path / "p", record=lambda *a: ())
    settings = app.extensions["handouts"]
    with app.test_request_context("/"):
        app.preprocess_request()
        began = settings.ws
        settings.latest_ws = api.open_workspace(library_copy / "exercises.yaml",
                                                library_copy / "clinic.yaml")
        assert settings.ws is began and settings.latest_ws is not began
    with app.test_request_context("/"):
        app.preprocess_request()
        assert settings.ws is settings.latest_ws  # the next request takes the new one


def test_a_broken_protocol_entry_is_reported_not_loaded(library_copy, tmp_path):
    (library_copy / "protocols.local.yaml").write_text(
        "protocols:\n- id: bad_one\n  title: Bad\n  exercises: [no_such_exercise]\n")
    ws = api.open_workspace(library_copy / "exercises.yaml", library_copy / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "p", record=lambda *a: ()))
    text = html(b.get("/"))
    assert "local:bad_one" not in text
    assert 'protocols.local.yaml:4: protocols[bad_one].exercises[1]: unknown exercise ' \
           '"no_such_exercise"' in text


# --- the clinic's look ----------------------------------------------------------------------

def test_the_clinics_colours_and_logo(library_copy, tmp_path):
    from handouts.input.clinic_parts import contrast, readable

    clinic = library_copy / "clinic.yaml"
    shutil.copy(Path(__file__).parent.parent / "images" / "logo.svg", library_copy / "logo.svg")
    clinic.write_text(clinic.read_text() + "logo: logo.svg\ncolors:\n  primary: '#7fd1ff'\n"
                      "  accent: '#5a2d82'\n")
    ws = api.open_workspace(library_copy / "exercises.yaml", clinic)
    b = Browser(create_app(ws, programs_dir=tmp_path / "p", record=lambda *a: ()))
    page = html(b.get("/"))
    logo = re.search(r'<img src="(/logo\?v=[0-9a-f]+)"', page).group(1)  # see test_web_pictures
    assert 'href="/clinic.css"' in page
    css = b.get("/clinic.css").get_data(as_text=True)
    primary = re.search(r"--primary: (#[0-9a-f]{6})", css).group(1)
    assert primary != "#7fd1ff"  # too pale for white text: darkened until it reads at 4.5:1
    assert contrast(primary) >= 4.5
    assert "--accent: #5a2d82" in css  # dark enough already: kept as it is
    assert b.get("/logo").data == (library_copy / "logo.svg").read_bytes()
    assert readable("#0b6e75") == "#0b6e75"
    # the browser's tab shows the logo; a clinic with none answers the browser's own ask
    assert f'<link rel="icon" href="{logo}">' in page
    assert b.client.get("/favicon.ico").headers["Location"].endswith(logo)
    plain = Browser(create_app(api.open_workspace(home=LIBRARY),
                               programs_dir=tmp_path / "q", record=lambda *a: ()))
    assert 'rel="icon"' not in html(plain.get("/"))
    assert plain.client.get("/favicon.ico").status_code == 204


def test_a_photo_is_served_as_a_small_thumbnail(library_copy, tmp_path):
    Image.new("RGB", (3000, 2000), "#8a9").save(library_copy / "images" / "bridge.jpg",
                                               quality=95)
    lib = library_copy / "exercises.yaml"
    lib.write_text(lib.read_text().replace("image: images/bridge.svg",
                                           "image: images/bridge.jpg"))
    ws = api.open_workspace(lib, library_copy / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "p", record=lambda *a: ()))
    answer = b.get("/images/bridge")
    thumb = Image.open(io.BytesIO(answer.data))
    assert answer.mimetype == "image/jpeg" and max(thumb.size) == 240
    assert len(answer.data) < 20_000 < (library_copy / "images" / "bridge.jpg").stat().st_size


# --- the record ----------------------------------------------------------------------------

def test_a_record_that_cannot_be_reached_never_stops_a_handout(library_copy, tmp_path,
                                                               monkeypatch):
    # a PostgreSQL server that is not there (port 9 of this machine: nothing listens)
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none")
    ws = api.open_workspace(library_copy / "exercises.yaml", library_copy / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "p"))
    b.get("/")
    page = b.get("/patients")
    assert page.status_code == 503 and "cannot be read now" in html(page)
    form = start_program(b, "bridge")
    page = b.post("build", form)
    assert "Ready: " in html(page) and "recorded later: the record cannot be reached" in html(page)
    assert (library_copy / "records").is_dir()  # the entry waits in the journal there


def test_a_figure_file_is_drawn_for_its_thumbnail(tmp_path):
    ws = api.open_workspace()  # the clinic's own library: its pictures are figure files
    figure = next(e for e in ws.library.exercises if e.image.endswith(".figure.yaml"))
    b = Browser(create_app(ws, programs_dir=tmp_path / "p", record=lambda *a: ()))
    answer = b.get(f"/images/{figure.id}")
    assert answer.status_code == 200 and answer.mimetype == "image/svg+xml"
    assert answer.data.startswith(b"<svg") and answer.data == api.draw_exercise(figure.id, ws)
