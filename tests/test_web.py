"""The web app through Flask's test client: the basic flow without JavaScript, the messages,
saving and opening, and the security rules (CSRF, sign-in, paths, sizes, error pages)."""

from __future__ import annotations

import datetime as dt
import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.errors import HandoutError
from handouts.web import create_app
from handouts.web.security import check_bind
from handouts.web.server import make_app

from conftest import WEB_LIBRARY, page_texts, reader

LIBRARY = WEB_LIBRARY  # a copy: what a test writes beside clinic.yaml stays out of tests/
ARGS = ["--library", str(LIBRARY / "exercises.yaml"), "--clinic", str(LIBRARY / "clinic.yaml")]


@pytest.fixture(scope="module")
def ws():
    return api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")


class Browser:
    """A test client that keeps the last page's form token, as a browser would."""

    def __init__(self, app):
        self.client = app.test_client()
        self.token = ""
        self.page = None

    def get(self, url, **kw):
        self.page = self.client.get(url, **kw)
        self._remember(self.page)
        return self.page

    def post(self, action, fields=None, url="/program", token=True, **kw):
        data = dict(fields or {})
        data.setdefault("action", action)
        if token:
            data.setdefault("csrf_token", self.token)
        kw.setdefault("follow_redirects", True)  # Post/Redirect/Get, as a browser follows it
        self.page = self.client.post(url, data=data, **kw)
        self._remember(self.page)
        return self.page

    def _remember(self, response):
        found = re.search(rb'name="csrf_token" value="([^"]+)"', response.data)
        if found:
            self.token = found.group(1).decode()

    def form(self) -> dict:
        """The editor's current fields (text inputs, checked boxes), as the page holds them."""
        html = self.page.get_data(as_text=True)
        fields = {}
        for tag in re.findall(r"<input[^>]*>", html):
            name = re.search(r'name="([^"]+)"', tag)
            if not name or name.group(1) == "csrf_token":
                continue
            if 'type="checkbox"' in tag and " checked" not in tag:
                continue
            value = re.search(r'value="([^"]*)"', tag)
            value = unescape(value.group(1)) if value else ""
            if 'type="checkbox"' in tag and name.group(1) in fields:
                # several boxes of one name (the topics) are posted as a list, as a browser
                # posts each: keeping the first silently posted one topic of three
                before = fields[name.group(1)]
                fields[name.group(1)] = [*(before if isinstance(before, list) else [before]),
                                         value]
                continue
            fields.setdefault(name.group(1), value)
        for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
            chosen = re.search(r'<option value="([^"]*)" selected', options)
            fields[name] = unescape(chosen.group(1)) if chosen else ""
        return fields


def unescape(text: str) -> str:
    import html
    return html.unescape(text)


def messages(response) -> list[str]:
    return [unescape(m) for m in re.findall(r'class="message"[^>]*>([^<]+)<',
                                            response.get_data(as_text=True))]


@pytest.fixture
def issued():
    """What the app gave the record: (patient, channel) of each handout."""
    return []


@pytest.fixture
def app(ws, tmp_path, issued):
    def record(ws, program, built, channel):
        issued.append((program.patient.name, channel))
        return ()
    return create_app(ws, programs_dir=tmp_path / "programs", record=record)


@pytest.fixture
def browser(app):
    b = Browser(app)
    b.get("/")
    return b


def start_program(browser, *ids, name="Ada Example"):
    for ident in ids:
        fields = browser.form()
        fields["patient_name"] = name
        browser.post(f"add:{ident}", fields)
        assert browser.page.status_code == 200
    return browser.form()


# --- browsing -----------------------------------------------------------------------------

def test_library_is_listed_with_thumbnails_served_from_the_library(browser, ws):
    html = browser.page.get_data(as_text=True)
    for e in ws.library.exercises:
        assert f'src="/images/{e.id}?v=' in html  # the picture's version: see picture_url
        assert e.title.replace("'", "&#39;") in html
    picture = browser.get("/images/child_pose")
    assert picture.status_code == 200 and picture.mimetype == "image/svg+xml"
    assert picture.data == (LIBRARY / "images" / "child_pose.svg").read_bytes()


def shown_cards(response) -> list[str]:
    html = response.get_data(as_text=True)
    return re.findall(r'<li class="card"[^>]*?(?<! hidden)>\s*<img class="thumb" '
                      r'src="/images/([a-z_]+)\?v=', html)


@pytest.mark.parametrize("query, chosen, expected", [
    ("bridge", {}, ["bridge"]),
    ("HIP flexor", {}, ["hip_flexor_stretch"]),
    ("", {"area": "neck"}, ["chin_tuck"]),
    ("", {"kind": "release"}, ["ball_release"]),
    ("twist", {"position": "sitting"}, ["seated_twist"]),  # with words
    ("low back", {"position": "kneeling"}, ["cat_camel", "child_pose"]),
    ("nothing like this", {}, []),
])
def test_search_by_name_tag_and_body_area_without_javascript(browser, query, chosen, expected):
    page = browser.post("search", {"q": query, **chosen})
    assert shown_cards(page) == expected
    asked = "".join(f"&{key}={tag}" for key, tag in chosen.items())
    assert shown_cards(browser.get(f"/?q={query}{asked}")) == expected


# --- building a program -------------------------------------------------------------------

def test_pick_reorder_remove(browser):
    form = start_program(browser, "bridge", "chin_tuck", "cat_camel")
    assert [form[f"ex-{i}-id"] for i in range(3)] == ["bridge", "chin_tuck", "cat_camel"]
    browser.post("up:2", form)
    form = browser.form()
    assert [form[f"ex-{i}-id"] for i in range(3)] == ["bridge", "cat_camel", "chin_tuck"]
    browser.post("down:0", form)
    form = browser.form()
    assert [form[f"ex-{i}-id"] for i in range(3)] == ["cat_camel", "bridge", "chin_tuck"]
    browser.post("remove:1", form)
    form = browser.form()
    assert [form[k] for k in sorted(form) if k.endswith("-id")] == ["cat_camel", "chin_tuck"]


def test_dose_boxes_show_the_library_dose_as_placeholder(browser):
    start_program(browser, "child_pose")
    html = browser.page.get_data(as_text=True)
    assert re.search(r'name="ex-0-hold" value="" placeholder="20-30 s"', html)
    assert re.search(r'name="ex-0-reps" value="" placeholder="3"', html)


def test_a_hold_of_the_patients_own_shows_no_grey_splits_of_the_librarys():
    """The wall stretch's library alternatives split its 1-minute hold: once a hold of the
    patient's own is typed, the handout leaves them out, and so does the empty box."""
    from handouts.web import dose_fields

    entry = api.open_workspace().library.exercise("wall_goal_post_stretch")
    assert dose_fields.placeholders(entry)["alternatives"] == "2 x 30 s | 3 x 20 s | 6 x 10 s"
    assert "alternatives" not in dose_fields.placeholders(entry, {"hold": "30 s"})
    assert "alternatives" in dose_fields.placeholders(entry, {"hold": ""})


def test_the_history_shows_a_visits_weeks_and_splits_as_typed_not_as_python_lists():
    from handouts.web.history import exercises_of

    library = api.open_workspace().library
    [line] = exercises_of(
        "exercises: [{id: child_pose, dose: {hold: 30 s, alternatives: [2 x 15 s], "
        "progression: [{weeks: 1-2, hold: 10 s}, {weeks: 3-4, hold: 20 s, reps: 3}]}}]",
        library)
    assert line == ("Child's pose rock-back: hold 30 s, alternatives 2 x 15 s, progression "
                    "(weeks 1-2: hold 10 s; weeks 3-4: hold 20 s, reps 3)")
    # a protocol's splits of its hold are not shown beside a hold of the visit's own
    data = library.model_dump(mode="json", exclude_unset=True)
    data["protocols"] = [{"id": "stretches", "title": "Stretches", "exercises": [
        {"id": "wall_goal_post_stretch", "dose": {"hold": "1 min", "alternatives": ["2 x 30 s"]}}]}]
    library = api.Library.model_validate(data)
    assert exercises_of("protocol: stretches", library) == [
        "Wall stretch with arms up: hold 1 min, alternatives 2 x 30 s"]
    assert exercises_of("protocol: stretches\nexercises: [{id: wall_goal_post_stretch, "
                        "dose: {hold: 30 s}}]", library) == ["Wall stretch with arms up: hold 30 s"]


BAD_DOSES = [("hold", "5-x s"), ("reps", "lots"), ("frequency", "sometimes"),
             ("side", "the left one first and then the right one"), ("alternatives", "2 x 30 s | 3 by 20")]


@pytest.mark.parametrize("field, value", BAD_DOSES)
def test_a_bad_dose_gets_the_same_message_as_in_a_yaml_file(browser, ws, field, value):
    form = start_program(browser, "child_pose")
    form[f"ex-0-{field}"] = value
    page = browser.post("build", form)
    assert page.status_code == 422
    yaml_value = [v.strip() for v in value.split("|")] if field == "alternatives" else value
    text = yaml.safe_dump({"patient": {"name": "Ada"},
                           "exercises": [{"id": "child_pose", "dose": {field: yaml_value}}]})
    with pytest.raises(HandoutError) as from_yaml:
        api.load_program("program.yaml", ws, text=text)
    expected = from_yaml.value.problems[0].message
    assert expected in messages(page)
    # next to the box it belongs to
    assert re.search(rf'id="ex-0-{field}-msg"[^>]*>{re.escape(expected)}',
                     unescape(page.get_data(as_text=True)))
    # and the live check, as the box is typed in, says the same
    live = browser.client.get("/check", query_string={"field": field, "value": value})
    assert live.json.items() >= {"ok": False, "message": expected}.items()  # and "library"


def test_live_check_accepts_good_values_and_refuses_unknown_fields(browser):
    assert browser.client.get("/check?field=hold&value=30 s").json.items() >= {
        "ok": True, "message": ""}.items()
    assert browser.client.get("/check?field=alternatives&value=none").json["ok"]
    assert browser.client.get("/check?field=../../etc&value=1").status_code == 400


def test_missing_name_and_bad_email_are_shown_at_their_boxes(browser):
    form = start_program(browser, "bridge", name="")
    form["patient_email"] = "ada-at-example"
    page = browser.post("build", form)
    assert page.status_code == 422
    html = unescape(page.get_data(as_text=True))
    assert re.search(r'id="patient_name-msg"[^>]*>must not be empty', html)
    assert re.search(r'id="patient_email-msg"[^>]*>"ada-at-example" is not an email', html)


@pytest.mark.parametrize("typed", ["20260101", "2026-W01-1", "1961-4-30", "2026-02-30",
                                   "1899-12-31", "0001-01-01", "2999-01-01"])
def test_a_date_of_birth_is_refused_as_a_rosters_dob_column_refuses_it(browser, ws, tmp_path,
                                                                        typed):
    roster = tmp_path / "today.csv"
    roster.write_text(f"name,program,dob\nAda Example,low_back_start,{typed}\n")
    [row] = api.load_roster(roster, ws.library).rows
    assert row.problem and row.problem.startswith("patient.dob: ")
    form = start_program(browser, "bridge")
    page = browser.post("build", {**form, "patient_dob": typed})
    assert page.status_code == 422
    html = unescape(page.get_data(as_text=True))
    assert re.search(r'id="patient_dob-msg"[^>]*>' + re.escape(
        row.problem.removeprefix("patient.dob: ")) + "<", html), row.problem


def test_a_date_of_birth_a_roster_takes_is_taken(browser, ws, tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,dob\nAda Example,low_back_start,1900-01-01\n")
    assert [r.program.patient.dob for r in api.load_roster(roster, ws.library).rows] == [
        dt.date(1900, 1, 1)]
    form = start_program(browser, "bridge")
    assert browser.post("save", {**form, "patient_dob": "1900-01-01"}).status_code == 200
    saved = api.load_program(tmp_path / "programs" / "ada-example.yaml", ws)
    assert saved.patient.dob == dt.date(1900, 1, 1)


@pytest.mark.parametrize("typed, shown", [("45\x0012", "U+0000"), ("45\n12", "U+000A"),
                                          ("\u202e4512", "U+202E"), ("45\u200b12", "U+200B")])
def test_a_clinic_number_with_a_character_that_does_not_show_is_refused(browser, typed, shown):
    """The record matches the number exactly: one that reads as 4512 but is not would file
    the patient as someone else."""
    form = start_program(browser, "bridge")
    page = browser.post("build", {**form, "patient_number": typed})
    assert page.status_code == 422
    assert re.search(r'id="patient_number-msg"[^>]*>' + re.escape(
        f"contains the character {shown}, which does not show; remove it"),
        unescape(page.get_data(as_text=True)))


def test_no_exercises_says_what_to_do(browser):
    page = browser.post("build", {"patient_name": "Ada Example"})
    assert page.status_code == 422
    assert "Add at least one exercise" in page.get_data(as_text=True)


def built(browser, form):
    """Build: the page says the handout is ready and links to it; the link gives the PDF."""
    page = browser.post("build", form)
    if page.mimetype != "text/html" or page.status_code != 200:
        return page
    link = re.search(r'href="(/d/[^"]+/handout\.pdf)"', page.get_data(as_text=True))
    assert link, "no link to the built handout"
    return browser.client.get(link.group(1))


def build_pdf(browser, action="build"):
    form = start_program(browser, "child_pose", "bridge", "chin_tuck")
    form.update({"ex-0-hold": "45 s", "ex-1-note": "Squeeze the buttocks at the top.",
                 "patient_email": "ada@example.com", "education": "posture"})
    return built(browser, form) if action == "build" else browser.post(action, form)


def test_build_returns_the_pdf_inline_and_download_as_attachment(browser, issued):
    page = build_pdf(browser)
    assert page.status_code == 200 and page.mimetype == "application/pdf"
    today = dt.date.today().isoformat()
    assert page.headers["Content-Disposition"] == f'inline; filename="{today}_ada-example.pdf"'
    text = "\n".join(page_texts(page.data))
    for words in ("Ada Example", "Child's pose", "Bridge", "Chin tuck", "Hold 45 seconds",
                  "Squeeze the buttocks at the top.", "Sitting well"):
        assert words in text
    assert text.index("Child's pose") < text.index("Bridge") < text.index("Chin tuck")
    again = Browser(browser.client.application)
    again.get("/")
    download = build_pdf(again, "download")
    assert download.data == page.data
    assert download.headers["Content-Disposition"].startswith("attachment; ")
    # each was kept in the clinic's record, with how it was given
    assert issued == [("Ada Example", "printed"), ("Ada Example", "downloaded")]


def test_large_print_and_protocol(browser, ws, tmp_path):
    browser.post("protocol", {"patient_name": "Ada Example", "protocol": "low_back_start"})
    form = browser.form()
    assert [form[f"ex-{i}-id"] for i in range(3)] == ["cat_camel", "child_pose", "pelvic_tilt"]
    assert form["ex-1-hold"] == "30 s"  # the protocol's dose, now the therapist's to change
    assert form["education"] == "posture"
    form["large_print"] = "1"
    page = browser.post("save", form)
    saved = yaml.safe_load((tmp_path / "programs" / "ada-example.yaml").read_text())
    assert saved["layout"] == "large_print"
    assert "Saved as programs/ada-example.yaml" in page.get_data(as_text=True)


def spanish_browser(tmp_path: Path, **more: str) -> Browser:
    """The app over a copy of the test library that has a Spanish translation of one
    exercise (``more``: other files to add beside it)."""
    import shutil

    home = tmp_path / "library"
    shutil.copytree(LIBRARY, home)
    (home / "exercises.es.yaml").write_text(
        "language: es\nexercises:\n  cat_camel: {title: Gato y camello}\n", encoding="utf-8")
    for name, content in more.items():
        (home / name).write_text(content, encoding="utf-8")
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/")
    return b


def options(page) -> list[str]:
    html = page.get_data(as_text=True)
    menu = re.search(r'<select name="language"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [unescape(name) for name in re.findall(r"<option[^>]*>([^<]*)</option>", menu)]


def test_only_languages_the_library_is_written_in_are_offered(browser, tmp_path):
    # this library has no exercises.es.yaml: Spanish would print its English text under
    # Spanish headings (the old page offered Español, Español + English, English + español)
    assert options(browser.page) == ["English"]
    assert options(spanish_browser(tmp_path / "es").page) == [
        "English", "Español", "English + español", "Español + English"]
    # a saved program's own choice stays on the list, by its name
    form = start_program(browser, "child_pose")
    form["language"] = "es, en"
    assert options(browser.post("refresh", form)) == ["English", "Español + English"]
    # a library written in French with its English translation: both, French first
    french = Path(__file__).parent / "clinics" / "french"
    ws = api.open_workspace(home=_copy(french, tmp_path / "fr"))
    page = Browser(create_app(ws, programs_dir=tmp_path / "p", record=lambda *a: ()))
    assert options(page.get("/")) == ["Français", "English", "Français + English",
                                      "English + Français"]


def _copy(folder: Path, to: Path) -> Path:
    import shutil

    shutil.copytree(folder, to)
    return to


def test_language_is_chosen_on_the_page(tmp_path):
    browser = spanish_browser(tmp_path)
    html = browser.page.get_data(as_text=True)
    assert '<option value="es">Español</option>' in html
    assert '<option value="es, en">Español + English</option>' in html
    form = start_program(browser, "child_pose")
    assert form["language"] == "en" and form["order"] == "as_listed"
    form["language"] = "es, en"
    page = built(browser, form)
    assert page.mimetype == "application/pdf"
    text = " ".join(" ".join(page_texts(page.data)).split())
    assert "Pasos" in text and "Steps" in text and "Página 1 de" in text
    # this library has no Spanish words: the page says what will print in English
    page = browser.post("refresh", form)
    html = unescape(page.get_data(as_text=True))
    assert "The handout will build, but:" in html
    assert "exercises[child_pose]: no español title, caption, purpose, steps" in html
    form["language"] = "en"
    assert "will build, but" not in browser.post("refresh", form).get_data(as_text=True)
    form["language"] = "fr"
    page = browser.post("build", form)
    assert page.mimetype == "text/html"
    assert any('no handouts in "fr"' in m for m in messages(page)), messages(page)
    browser.post("save", {**form, "language": "es"})
    saved = yaml.safe_load((tmp_path / "programs" / "ada-example.yaml").read_text())
    assert saved["language"] == "es"
    browser.get("/programs/ada-example", follow_redirects=True)
    assert browser.form()["language"] == "es"


# --- saving and opening -------------------------------------------------------------------

def test_saved_program_is_the_cli_format_and_opens_again(browser, ws, tmp_path):
    form = start_program(browser, "child_pose", "bridge")
    form.update({"ex-0-hold": "45 s", "ex-0-alternatives": "none", "ex-1-note": "Slowly.",
                 "therapist": "Sam Sample, PT", "note": "Once a day."})
    browser.post("save", form)
    path = tmp_path / "programs" / "ada-example.yaml"
    program = api.load_program(path, ws)
    assert program.exercises[0].dose.hold is not None
    assert yaml.safe_load(path.read_text())["exercises"][0] == {
        "id": "child_pose", "dose": {"hold": "45 s", "alternatives": []}}
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "a.pdf"), *ARGS])
    assert result.exit_code == 0, result.output
    # next visit: open, progress the dose, save over the same file
    listing = browser.get("/programs")
    assert 'href="/programs/ada-example"' in listing.get_data(as_text=True)
    browser.get("/programs/ada-example", follow_redirects=True)
    form = browser.form()
    assert (form["patient_name"], form["ex-0-hold"], form["ex-0-alternatives"],
            form["ex-1-note"], form["therapist"]) == ("Ada Example", "45 s", "none", "Slowly.",
                                                      "Sam Sample, PT")
    form["ex-0-hold"] = "60 s"
    page = browser.post("save", form)
    assert page.status_code == 200
    assert api.load_program(path, ws).exercises[0].dose.hold.seconds.lo == 60


def test_saving_never_overwrites_another_patients_program(browser, tmp_path):
    form = start_program(browser, "bridge")
    assert browser.post("save", form).status_code == 200
    other = Browser(browser.client.application)
    other.get("/")
    form2 = start_program(other, "chin_tuck")  # a second Ada Example, new program
    page = other.post("save", form2)
    assert page.status_code == 422
    assert any("already exists" in m for m in messages(page))
    form2["file_name"] = "ada-example-2"
    assert other.post("save", form2).status_code == 200
    assert sorted(p.name for p in (tmp_path / "programs").iterdir()) == [
        "ada-example-2.yaml", "ada-example.yaml"]


def test_a_name_taken_while_a_save_was_under_way_is_never_written_over(browser, tmp_path,
                                                                      monkeypatch):
    """Another save takes the file name after this one looked for it and before it wrote
    (another browser, or another process on a shared folder): this one is told the name
    exists, as if it had been there first, and the other patient's program stays."""
    form = start_program(browser, "bridge")
    path = tmp_path / "programs" / "ada-example.yaml"
    dump = yaml.safe_dump

    def another_save_first(*args, **kwargs):  # the save writes its text: another is quicker
        monkeypatch.setattr(yaml, "safe_dump", dump)
        api.make_folder(path.parent)
        path.write_text("patient: {name: Bea Example}\nexercises: [chin_tuck]\n")
        return dump(*args, **kwargs)

    monkeypatch.setattr(yaml, "safe_dump", another_save_first)
    page = browser.post("save", form)
    assert page.status_code == 422
    assert any("programs/ada-example.yaml already exists" in m for m in messages(page))
    assert "Bea Example" in path.read_text()
    assert [p.name for p in path.parent.iterdir()] == ["ada-example.yaml"]  # no part left


def test_saves_of_one_name_at_once_give_it_to_one(app, tmp_path):
    import threading

    browsers = []
    for name in ("Ada Example", "Bea Example", "Cy Example", "Di Example"):
        b = Browser(app)
        b.get("/")
        browsers.append((b, {**start_program(b, "bridge", name=name), "file_name": "race"}))
    start, said = threading.Barrier(len(browsers)), {}

    def save(b, form):
        start.wait()
        said[form["patient_name"]] = unescape(b.post("save", form).get_data(as_text=True))

    threads = [threading.Thread(target=save, args=pair) for pair in browsers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = [who for who, page in said.items() if "Saved as programs/race.yaml" in page]
    assert len(saved) == 1, saved
    assert all("Not saved: programs/race.yaml already exists" in page
               for who, page in said.items() if who not in saved)
    assert saved[0] in (tmp_path / "programs" / "race.yaml").read_text()


def test_a_broken_saved_file_shows_its_problems_not_a_traceback(browser, tmp_path):
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "broken.yaml").write_text("patient: {name: Ada}\nexercises: [child_pos]\n")
    page = browser.get("/programs/broken")
    assert page.status_code == 422
    text = unescape(page.get_data(as_text=True))
    assert 'programs/broken.yaml:2: exercises[1]: unknown exercise "child_pos"' in text
    assert "Traceback" not in text


# --- email (issue 4 plugs in) -------------------------------------------------------------

def test_email_button_only_when_smtp_is_set_and_it_calls_the_hook(ws, tmp_path):
    assert "Email to patient" not in Browser(create_app(ws)).get("/").get_data(as_text=True)
    clinic = ws.clinic.model_validate({**ws.clinic.model_dump(by_alias=True), "smtp": {
        "host": "127.0.0.1", "from": "Test Street Physio <desk@example.com>"}})
    sent = []

    def fake_send(ws_, program, built):
        sent.append((program.patient.email, built.filename))
        return f"Sent to {program.patient.email}"

    b = Browser(create_app(dataclasses.replace(ws, clinic=clinic), send_email=fake_send))
    b.get("/")
    assert "Email to patient" in b.page.get_data(as_text=True)
    page = build_pdf(b, "email")
    assert "Sent to ada@example.com" in page.get_data(as_text=True)
    assert sent and sent[0][0] == "ada@example.com"
    # the real mailer (tests/test_email.py): a server that cannot be reached is a friendly
    # line, not an error page, and the message waits in the outbox
    import socket
    with socket.socket() as s:  # bound, not listening: refused, and no one else's meanwhile
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        clinic = clinic.model_copy(update={"smtp": clinic.smtp.model_copy(
            update={"port": port})})
        b = Browser(create_app(dataclasses.replace(ws, clinic=clinic),
                               outbox_dir=tmp_path / "out"))
        b.get("/")
        page = build_pdf(b, "email")
    assert page.status_code == 422 and "cannot reach the mail server" in page.get_data(
        as_text=True)
    assert len(list((tmp_path / "out" / "pending").glob("*.eml"))) == 1


# --- security -----------------------------------------------------------------------------

def test_state_changing_requests_need_this_browsers_csrf_token(browser, app):
    fields = {"patient_name": "Ada Example", "ex-0-id": "bridge"}
    assert browser.post("save", fields, token=False).status_code == 400
    assert browser.post("save", {**fields, "csrf_token": "forged"}).status_code == 400
    stranger = Browser(app)
    stranger.get("/")
    # a token is bound to its browser: another one's (e.g. leaked in a page) is refused
    assert browser.post("save", {**fields, "csrf_token": stranger.token}).status_code == 400
    refused = browser.page.get_data(as_text=True)
    assert "The form had expired" in refused and "Traceback" not in refused
    assert not (Path(app.extensions["handouts"].programs_dir)).exists()
    assert browser.post("refresh", fields).status_code == 200


def test_a_method_an_address_does_not_take_is_told_as_such_not_as_an_expired_form(browser):
    for method in ("DELETE", "PATCH", "PUT", "TRACE"):
        for url in ("/", "/program", "/d/abc", "/d/abc/def/handout.pdf", "/patients", "/packets"):
            page = browser.client.open(url, method=method)
            assert page.status_code == 405, (method, url)
            assert "does not take this kind of request" in page.get_data(as_text=True)
    assert browser.client.post("/nowhere").status_code == 404
    # where the address takes the method, the form still needs its token
    assert browser.client.post("/program", data={"action": "refresh"}).status_code == 400


@pytest.mark.parametrize("url", [
    "/programs/..%2F..%2Fetc%2Fpasswd", "/programs/../../etc/passwd", "/programs/.hidden",
    "/programs/%2Fetc%2Fpasswd", "/programs/UPPER", "/images/..%2Fclinic.yaml",
    "/images/../exercises.yaml", "/images/no_such_exercise", "/static/../views.py",
])
def test_no_path_from_a_request_reaches_the_file_system(browser, url):
    page = browser.get(url)
    assert page.status_code in (400, 404)
    assert "Traceback" not in page.get_data(as_text=True)


def test_file_names_become_slugs_inside_the_programs_folder(browser, tmp_path):
    form = start_program(browser, "bridge")
    form["file_name"] = "../../../tmp/evil name"
    page = browser.post("save", form)
    assert "Saved as programs/tmp-evil-name.yaml" in page.get_data(as_text=True)
    assert [p.name for p in (tmp_path / "programs").iterdir()] == ["tmp-evil-name.yaml"]


@pytest.mark.parametrize("typed, saved", [("Con", "con-file"), ("NUL", "nul-file"),
                                           ("com1", "com1-file"), ("LPT¹", "lpt1-file"),
                                           ("Con Smith", "con-smith"), ("Conn", "conn")])
def test_a_name_windows_keeps_for_a_device_is_saved_under_another(browser, tmp_path, typed,
                                                                   saved):
    """On Windows, programs/con.yaml (or nul.yaml, com1.yaml...) is a device, not a file,
    whatever follows the dot: a program saved for a patient called Con was lost there."""
    form = start_program(browser, "bridge")
    form["file_name"] = typed
    page = browser.post("save", form)
    assert f"Saved as programs/{saved}.yaml" in page.get_data(as_text=True)
    assert [p.name for p in (tmp_path / "programs").iterdir()] == [f"{saved}.yaml"]
    assert browser.get(f"/programs/{saved}", follow_redirects=True).status_code == 200


def test_forged_ids_are_refused(browser):
    assert browser.post("add:../../etc/passwd", {}).status_code == 400
    assert browser.post("remove:7", {"ex-0-id": "bridge"}).status_code == 400
    assert browser.post("rm -rf", {}).status_code == 400
    # an id no library could have is dropped from the program, never looked up on disk
    browser.post("refresh", {"ex-0-id": "../clinic", "ex-1-id": "bridge"})
    assert [k for k in browser.form() if k.endswith("-id")] == ["ex-0-id"]


def test_oversize_requests_are_refused_with_a_friendly_page(browser):
    page = browser.post("build", {"note": "x" * 300_000})
    assert page.status_code == 413
    assert "Too much at once" in page.get_data(as_text=True)
    many = {f"f{i}": "1" for i in range(1500)}  # small, but too many parts to parse
    assert browser.post("build", many, content_type="multipart/form-data").status_code == 413


def test_unexpected_errors_show_a_friendly_page_without_traceback(ws):
    def broken(*_):
        raise RuntimeError("secret internals /etc/something")

    b = Browser(create_app(dataclasses.replace(
        ws, clinic=ws.clinic.model_validate({**ws.clinic.model_dump(by_alias=True), "smtp": {
            "host": "127.0.0.1", "from": "desk@example.com"}})), send_email=broken))
    b.get("/")
    page = build_pdf(b, "email")
    text = page.get_data(as_text=True)
    assert page.status_code == 500 and "Something went wrong" in text
    assert "secret internals" not in text and "Traceback" not in text
    missing = b.get("/nowhere")
    assert missing.status_code == 404 and "Not found" in missing.get_data(as_text=True)


def test_password_sign_in(ws, tmp_path):
    app = create_app(ws, password="correct horse", programs_dir=tmp_path)
    b = Browser(app)
    assert b.get("/").status_code == 302
    assert b.get("/images/bridge").status_code == 302
    b.get("/login")
    assert b.post("", {"password": "wrong"}, url="/login").status_code == 401
    assert b.post("refresh", {"patient_name": "Ada"}).status_code == 403
    assert b.post("", {"password": "correct horse"}, url="/login",
                  follow_redirects=False).status_code == 302
    assert b.get("/").status_code == 200
    assert b.post("refresh", {"patient_name": "Ada"}).status_code == 200
    b.post("", {}, url="/logout", follow_redirects=False)
    assert b.get("/").status_code == 302


def test_listens_elsewhere_only_with_a_password(ws, monkeypatch):
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        check_bind(host, None)
    for host in ("0.0.0.0", "192.168.1.20", "::", "clinic-pc"):
        with pytest.raises(HandoutError, match="HANDOUTS_WEB_PASSWORD"):
            check_bind(host, None)
        check_bind(host, "a password")
    monkeypatch.delenv("HANDOUTS_WEB_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", *ARGS])
    assert result.exit_code == 1
    assert "refusing to listen on 0.0.0.0" in result.output


def test_local_only_app_refuses_other_host_names(ws, tmp_path):
    app = make_app(ws, host="127.0.0.1", password=None, programs_dir=tmp_path)
    client = app.test_client()
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400


def test_pages_forbid_foreign_scripts_and_framing(browser):
    policy = browser.page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert browser.get("/images/bridge").headers["Content-Security-Policy"].startswith(
        "default-src 'none'")


# --- the clinic's record ------------------------------------------------------------------

def test_a_download_and_a_build_are_in_the_clinics_record(tmp_path, database):
    import hashlib
    import shutil

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    app = create_app(ws, programs_dir=tmp_path / "programs")
    pages = []
    for action in ("download", "build"):
        b = Browser(app)
        b.get("/")
        pages.append(build_pdf(b, action))
    download, built = pages
    [keywords] = [reader(download.data).metadata["/Keywords"]]
    rows = database.rows(tmp_path / "clinic")
    assert [(r[0], r[1], r[5], r[6], r[8]) for r in rows] == [
        (keywords.removeprefix("handout:"), "Ada Example", dt.date.today().isoformat(),
         "downloaded", hashlib.sha256(download.data).hexdigest()),
        (keywords.removeprefix("handout:"), "Ada Example", dt.date.today().isoformat(),
         "printed", hashlib.sha256(built.data).hexdigest())]


def test_a_handout_given_is_made_again_for_its_patient_only(tmp_path, database):
    import shutil

    from handouts import record

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    app = create_app(ws, programs_dir=tmp_path / "programs")
    b = Browser(app)
    b.get("/")
    download = build_pdf(b, "download")
    [ada] = record.patients(ws, "Ada Example")
    handout_id = reader(download.data).metadata["/Keywords"].removeprefix("handout:")
    page = b.get(f"/patients/{ada.id}")
    link = f"/patients/{ada.id}/handouts/{handout_id}"
    assert f'href="{link}"' in page.get_data(as_text=True)
    page = b.get(link)
    assert page.status_code == 200
    assert "the very same PDF, byte for byte" in page.get_data(as_text=True)
    again = b.get(f"{link}/handout.pdf")
    assert again.mimetype == "application/pdf" and again.data == download.data
    assert again.headers["Content-Disposition"].startswith('inline; filename="')
    # an id this patient was never given, or one that is no id: not found, nothing shown
    b.get("/")
    start_program(b, "bridge", name="Ben Example")
    b.post("download", b.form())
    [ben] = record.patients(ws, "Ben Example")
    for url in (f"/patients/{ben.id}/handouts/{handout_id}",
                f"/patients/{ben.id}/handouts/{handout_id}/handout.pdf",
                f"/patients/{ada.id}/handouts/ZZZZ-ZZZZ", f"/patients/999/handouts/{handout_id}"):
        assert b.get(url).status_code == 404, url
    # an id larger than any the record holds (SQLite's are 64 bits, PostgreSQL's 32)
    for pid in (2 ** 31, 2 ** 63, 10 ** 30):
        for url in (f"/patients/{pid}", f"/patients/{pid}/handouts/{handout_id}",
                    f"/patients/{pid}/handouts/{handout_id}/handout.pdf"):
            assert b.get(url).status_code == 404, url
        assert b.post("next", {}, url=f"/patients/{pid}/next").status_code == 404


def test_the_patient_search_ignores_accents_case_and_spacing(tmp_path, database):
    """As the record looks a name up ("rosa  diaz" finds Rosa Díaz), so does the list."""
    import shutil

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    for name in ("José Núñez", "Ana Example"):
        b.get("/")
        b.post("download", start_program(b, "bridge", name=name))

    def found(query: str) -> list[str]:
        html = unescape(b.get("/patients", query_string={"q": query}).get_data(as_text=True))
        return re.findall(r'<a href="/patients/\d+">([^<]*)</a>', html)

    for query in ("jose", "nunez", "JOSÉ  NÚÑEZ", "jose nun", "Núñez"):
        assert found(query) == ["José Núñez"], query
    assert found("") == ["Ana Example", "José Núñez"]
    assert found("josie") == []


# --- the day's packets --------------------------------------------------------------------

def test_the_days_packets_from_an_uploaded_roster_in_one_print_file(tmp_path, database):
    """The front desk uploads the day's roster: one print file in roster order, each packet
    on fresh sheets when asked, a bad row listed by its line while the others are built, a
    row's program a saved program's file name (and nothing outside that folder), every
    packet in the record."""
    import io
    import shutil

    from handouts import record

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "bo-example.yaml").write_text(yaml.safe_dump(
        {"patient": {"name": "Bo Example"}, "exercises": ["chin_tuck"]}))
    (tmp_path / "secret.yaml").write_text(yaml.safe_dump(
        {"patient": {"name": "Not Here"}, "exercises": ["chin_tuck"]}))
    b = Browser(create_app(ws, programs_dir=programs))
    page = b.get("/packets")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.get_data(
        as_text=True)
    roster = ("name,program\nAda Example,low_back_start\nCy Example,no_such_protocol\n"
              "Bo Example,bo-example.yaml\nDi Example,../secret.yaml\n")
    page = b.client.post("/packets", data={
        "csrf_token": b.token, "duplex": "1",
        "roster": (io.BytesIO(roster.encode()), "monday.csv")},
        content_type="multipart/form-data", follow_redirects=True)
    assert page.status_code == 200
    html = unescape(page.get_data(as_text=True))
    assert "Built 2 packets from monday.csv" in html and "each packet on fresh sheets" in html
    assert "2 rows could not be built" in html
    assert 'monday.csv:3: row 2: unknown protocol "no_such_protocol"' in html
    assert 'monday.csv:5: row 4: program: "../secret.yaml" is outside the roster\'s ' \
        "folder" in html and ".roster-" not in html
    link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', html).group(1)
    pdf = b.client.get(link)
    assert pdf.mimetype == "application/pdf"
    pages = page_texts(pdf.data)
    firsts = [i for i, text in enumerate(pages) if "Home exercise program" in text]
    assert [pages[i].split("For: ")[1].split(" ")[0] for i in firsts] == ["Ada", "Bo"]
    assert all(i % 2 == 0 for i in firsts)  # each packet on a fresh sheet
    assert "Not Here" not in "".join(pages)
    assert not list(programs.glob(".roster-*"))  # the upload is not left behind
    assert sorted(p.name for p in record.patients(ws)) == ["Ada Example", "Bo Example"]
    assert {row[6] for row in database.rows(tmp_path / "clinic")} == {"batch"}
    # the print file is this browser's only
    assert Browser(create_app(ws, programs_dir=programs)).client.get(link).status_code == 404
    # a file that is no roster: its problem, nothing built
    page = b.client.post("/packets", data={
        "csrf_token": b.token, "roster": (io.BytesIO(b"\xff\xfe\x00bad"), "monday.csv")},
        content_type="multipart/form-data")
    assert page.status_code == 422 and "monday.csv" in unescape(page.get_data(as_text=True))
    # the schedule's workbook itself, not a CSV saved from it: said so, with what to do
    page = b.client.post("/packets", data={
        "csrf_token": b.token, "roster": (io.BytesIO(b"PK\x03\x04 a workbook"), "monday.xlsx")},
        content_type="multipart/form-data")
    assert page.status_code == 422 and ('monday.xlsx: a workbook or document (.xlsx, .docx, '
                                        '.ods), not plain text; save the file as UTF-8 (in '
                                        'Excel, Save As "CSV UTF-8")') in unescape(
        page.get_data(as_text=True))


def test_a_visit_the_days_packets_made_from_a_protocol_lists_its_exercises(tmp_path, database):
    """A roster row names a protocol: the patient's history lists the protocol's exercises
    as the handout had them, and says so where the library no longer has the protocol."""
    import io
    import shutil

    from handouts import record

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    library = tmp_path / "clinic" / "exercises.yaml"
    ws = api.open_workspace(library, tmp_path / "clinic" / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    b.get("/packets")
    b.client.post("/packets", data={
        "csrf_token": b.token,
        "roster": (io.BytesIO(b"name,program\nDora Example,low_back_start\n"), "today.csv")},
        content_type="multipart/form-data")
    [dora] = record.patients(ws, "Dora Example")
    html = unescape(b.get(f"/patients/{dora.id}").get_data(as_text=True))
    shown = re.search(r'<ul class="exercises">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<li>([^<]*)</li>", shown) == [
        "Cat and camel", "Child's pose: hold 30 s", "Pelvic tilt"]
    library.write_text(library.read_text().replace("- id: low_back_start",
                                                   "- id: low_back_first"))
    html = unescape(b.get(f"/patients/{dora.id}").get_data(as_text=True))
    assert 'The protocol "low_back_start" is no longer in the library' in html


def test_a_saved_program_named_on_another_patients_row_is_filed_under_that_patient(
        tmp_path, database):
    """A saved program used as a template for another patient: the packet is hers, and
    the record files it under her name alone, never with the first patient's date of birth
    and clinic number."""
    import io
    import shutil

    from handouts import record

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "jane-doe.yaml").write_text(
        'patient: {name: Jane Doe, email: jane.doe@example.com, dob: 1961-04-30, '
        'number: "004512"}\nexercises: [chin_tuck]\n')
    b = Browser(create_app(ws, programs_dir=programs))
    b.get("/packets")
    page = b.client.post("/packets", data={
        "csrf_token": b.token,
        "roster": (io.BytesIO(b"name,program\nAnn Lee,jane-doe.yaml\n"), "monday.csv")},
        content_type="multipart/form-data", follow_redirects=True)
    assert "Built 1 packet from monday.csv" in unescape(page.get_data(as_text=True))
    assert [(p.name, p.dob, p.number) for p in record.patients(ws)] == [
        ("Ann Lee", None, None)]


def test_a_rosters_lines_name_its_file_as_chosen_and_no_folder_of_the_server(tmp_path):
    """The front desk reads the roster's name as it chose the file (a browser on Windows may
    send the whole path), or "the roster" where it has none; a program file a row names is
    programs/…, never the server's own folders."""
    import io

    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/packets")

    def upload(name: str, roster: str) -> str:
        page = b.client.post("/packets", data={
            "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), name)},
            content_type="multipart/form-data", follow_redirects=True)
        return unescape(page.get_data(as_text=True))

    html = upload("monday.csv", "name,program\nAda Example,.roster-abc.yaml\n"
                                "Bo Example,gone.yaml\n")
    assert "monday.csv:2: row 1: programs/.roster-abc.yaml: file not found" in html
    assert "monday.csv:3: row 2: programs/gone.yaml: file not found" in html
    assert str(tmp_path) not in html
    one = "name,program\nAda Example,low_back_start\n"
    assert "Built 1 packet from today.csv, " in upload("C:\\Users\\Desk\\today.csv", one)
    assert "Built 1 packet from today.csv, " in upload("/home/desk/today.csv", one)
    for nameless in (".", ".."):
        assert "Built 1 packet from the roster, " in upload(nameless, one), nameless


def test_walk_in_packets_from_the_front_desk(tmp_path):
    """N packets of a protocol, each with a blank name line, in one file; not recorded; a
    number out of range is told, a protocol the page never offers is refused."""
    recorded = []
    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs",
                           record=lambda *a: recorded.append(a) or ()))
    page = b.get("/packets")
    assert '<option value="low_back_start">' in page.get_data(as_text=True)
    page = b.post("", {"protocol": "low_back_start", "copies": "3", "layout": "compact",
                       "duplex": "1"}, url="/packets/walk-ins")
    html = unescape(page.get_data(as_text=True))
    assert "Built 3 walk-in packets" in html and "each packet on fresh sheets" in html
    link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', html).group(1)
    pages = page_texts(b.client.get(link).data)
    firsts = [i for i, text in enumerate(pages) if "Home exercise program" in text]
    assert len(firsts) == 3 and all(i % 2 == 0 for i in firsts)
    assert all("Name: ____" in pages[i] and "Date: ____" in pages[i] for i in firsts)
    for copies in ("0", "51", "many"):
        page = b.post("", {"protocol": "low_back_start", "copies": copies,
                           "layout": "standard"}, url="/packets/walk-ins")
        assert page.status_code == 422 and "1 to 50" in page.get_data(as_text=True)
    assert b.post("", {"protocol": "no_such", "copies": "2", "layout": "standard"},
                  url="/packets/walk-ins").status_code == 400
    assert b.post("", {"protocol": "low_back_start", "copies": "2", "layout": "huge"},
                  url="/packets/walk-ins").status_code == 400
    assert recorded == []


def test_the_days_packets_take_a_large_clinic_s_day_and_count_only_packets(tmp_path,
                                                                          monkeypatch):
    """A roster of more than 200 rows was refused ("lists more than 200 patients"), though
    a clinic of 20 therapists seeing 12 patients each has 240 visits a day, and rows that
    fail or repeat another, which build nothing, counted towards it: 150 packets and 60
    bad rows were refused. The limit (packets.MOST) now counts packets only."""
    import io

    from handouts.web import packets

    b = Browser(create_app(api.open_workspace(LIBRARY / "exercises.yaml",
                                              LIBRARY / "clinic.yaml"),
                           programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/packets")

    def upload(good: int, bad: int, name: str = "monday.csv"):
        roster = "name,program\n" + "".join(
            f"Pat{i} Example,low_back_start\n" for i in range(good)) + "".join(
            f"Bad{i} Example,no_such_protocol\n" for i in range(bad))
        page = b.client.post("/packets", data={
            "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), name)},
            content_type="multipart/form-data", follow_redirects=True)
        return page.status_code, unescape(page.get_data(as_text=True))

    status, html = upload(250, 60)
    assert status == 200 and "Built 250 packets from monday.csv" in html
    assert "60 rows could not be built" in html
    link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', html).group(1)
    assert len(reader(b.client.get(link).data).outline) == 250  # a bookmark a packet

    monkeypatch.setattr(packets, "MOST", 3)
    status, html = upload(3, 5)  # three packets: not too many, whatever the bad rows
    assert status == 200 and "Built 3 packets from monday.csv" in html
    status, html = upload(4, 0)
    assert status == 422 and "Built" not in html
    assert ("monday.csv has more than 3 packets to build, more than the web app makes at "
            "once: split it into files of at most 3 patients, or print it with "
            f"make_handouts.py --home {LIBRARY} batch monday.csv --merge FILE.pdf") in html


def test_a_roster_too_large_to_upload_is_told_as_a_roster(tmp_path):
    """An upload over the form limit was told "Remove some exercises or shorten the notes",
    the editor's words, on the front desk's page."""
    import io

    from handouts.web import MAX_REQUEST_BYTES

    b = Browser(create_app(api.open_workspace(LIBRARY / "exercises.yaml",
                                              LIBRARY / "clinic.yaml"),
                           programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/packets")
    roster = "name,program,note\n" + "Pat Example,low_back_start,x\n" * (
        MAX_REQUEST_BYTES // 28 + 10)
    page = b.client.post("/packets", data={
        "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), "monday.csv")},
        content_type="multipart/form-data")
    html = unescape(page.get_data(as_text=True))
    assert page.status_code == 413 and "The roster is too large" in html
    assert "exercises" not in html.split("<main")[1] and "split the day into two files" in html
