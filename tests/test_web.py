"""The web app through Flask's test client: the basic flow without JavaScript (browse, pick,
doses, build) and its messages, and the email button; with the client and the app the other
web tests share (Browser, the fixtures). Languages, saving, the guards, the record and the
day's packets have files of their own (test_web_languages.py, test_web_saving.py,
test_web_guards.py, test_web_history.py, test_web_packets.py)."""

from __future__ import annotations

import datetime as dt
import dataclasses
import re

import pytest
import yaml

import handouts as api
from handouts.errors import HandoutError
from handouts.web import create_app

from conftest import WEB_LIBRARY, days_either_side, page_texts

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


def test_the_history_shows_a_visits_weeks_and_splits_as_typed_not_as_python_lists(tmp_path):
    from handouts.web.history import exercises_of

    ws = api.open_workspace()
    library = ws.library
    # the dose's words are the staff pages', in the app's clinic's language
    with create_app(ws, programs_dir=tmp_path).app_context():
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
    assert row.problem and row.problem.startswith("\"dob\": ")  # the roster's heading
    form = start_program(browser, "bridge")
    page = browser.post("build", {**form, "patient_dob": typed})
    assert page.status_code == 422
    html = unescape(page.get_data(as_text=True))
    assert re.search(r'id="patient_dob-msg"[^>]*>' + re.escape(
        row.problem.removeprefix("\"dob\": ")) + "<", html), row.problem


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


@pytest.mark.parametrize("box", ["side", "load"])
def test_a_dose_box_with_a_control_character_is_refused_beside_it(browser, box):
    """A form made by hand: the side box took "each\\0side" and saved it, which every
    other dose box refuses."""
    form = start_program(browser, "bridge")
    page = browser.post("build", {**form, f"ex-0-{box}": "each\x00side"})
    assert page.status_code == 422
    assert "contains the control character U+0000; remove it" in unescape(
        page.get_data(as_text=True))


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
    with days_either_side() as days:
        page = build_pdf(browser)
    assert page.status_code == 200 and page.mimetype == "application/pdf"
    assert page.headers["Content-Disposition"] in {
        f'inline; filename="{day.isoformat()}_ada-example.pdf"' for day in days}
    text = "\n".join(page_texts(page.data))
    for words in ("Ada Example", "Child's pose", "Bridge", "Chin tuck", "Hold 45 seconds",
                  "Squeeze the buttocks at the top.", "Sitting well"):
        assert words in text
    assert text.index("Child's pose") < text.index("Bridge") < text.index("Chin tuck")
    again = Browser(browser.client.application)
    again.get("/")
    download = build_pdf(again, "download")
    named = download.headers["Content-Disposition"]
    assert named.startswith("attachment; ")
    if named.endswith(page.headers["Content-Disposition"].removeprefix("inline; ")):
        assert download.data == page.data  # the same PDF, made the same day (not past midnight)
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
