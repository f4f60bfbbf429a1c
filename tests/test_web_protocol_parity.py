"""The web app and the command line make the same handout from the same choices: a therapist
who starts from a protocol in the web app and changes nothing gets the very PDF text and
handout id that ``build --protocol`` gives (the protocol's title, what it is for and its
education heading on it) and the record one visit; one who changes a dose gets a program
that still names its protocol, as a program file can (``protocol:`` and ``exercises:``
over it). The web app once wrote the protocol out as its exercises: the handout lost the
protocol's title, purpose and heading, had another id, and the record two visits a day."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from werkzeug.datastructures import MultiDict

import handouts as api
from handouts.cli import main
from handouts.web import create_app

from conftest import EXAMPLES, ROOT, page_texts, reader
from test_web import LIBRARY as WEB_LIBRARY
from test_web import Browser


def clinic_copy(tmp_path: Path, which: str) -> Path:
    """The shipped clinic or examples/dublin-shoulder, copied: the record is kept beside it."""
    folder = tmp_path / which
    if which == "dublin":
        shutil.copytree(EXAMPLES / "dublin-shoulder", folder,
                        ignore=shutil.ignore_patterns("examples"))
    else:
        shutil.copytree(ROOT / "images", folder / "images")
        for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml"):
            shutil.copy(ROOT / name, folder / name)
    return folder


def workspace(folder: Path) -> api.Workspace:
    return api.open_workspace(folder / "exercises.yaml", folder / "clinic.yaml")


def cli(folder: Path, *args: str):
    result = CliRunner().invoke(main, [*args, "--library", str(folder / "exercises.yaml"),
                                       "--clinic", str(folder / "clinic.yaml")])
    assert result.exit_code == 0, result.output
    return result


def fields(page) -> MultiDict:
    """The editor's fields as a browser posts them: every box, each ticked topic."""
    text = page.get_data(as_text=True)
    out = MultiDict()
    for tag in re.findall(r"<input[^>]*>", text):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or ('type="checkbox"' in tag and " checked" not in tag):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        out.add(name.group(1), html.unescape(value.group(1)) if value else "")
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', text, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        out[name] = html.unescape(chosen.group(1)) if chosen else ""
    return out


def press(b: Browser, action: str, form: MultiDict):
    form = form.copy()
    form["action"] = action
    b.page = b.client.post("/program", data=form, follow_redirects=True)
    b._remember(b.page)
    return b.page


def started(app, patient: str, protocol: str) -> tuple[Browser, MultiDict]:
    b = Browser(app)
    b.get("/")
    form = fields(b.page)
    form["patient_name"], form["protocol"] = patient, protocol
    return b, fields(press(b, "protocol", form))


def web_pdf(b: Browser, form: MultiDict) -> bytes:
    page = press(b, "build", form)
    link = re.search(r'href="(/d/[^"]+/handout\.pdf)"', page.get_data(as_text=True))
    assert link, page.get_data(as_text=True)
    return b.client.get(link.group(1)).data


def handout_id(pdf: bytes) -> str:
    return reader(pdf).metadata["/Keywords"].removeprefix("handout:")


CASES = [  # clinic, protocol, language, (form box, value, the same on the command line)
    ("shipped", "chronic_low_back", "en", None),
    ("shipped", "chronic_low_back", "es", ("ex-0-hold", "45 s", "child_pose:hold=45 s")),
    # weekly stages (the library's, on band turn-out), with another frequency over them
    ("dublin", "after_shoulder_surgery", "en",
     ("ex-3-frequency", "every morning", "band_external_rotation:frequency=every morning")),
]


@pytest.mark.parametrize("which, protocol, language, change", CASES)
def test_a_protocol_built_on_the_web_is_the_command_lines_handout_and_one_visit(
        tmp_path, database, which, protocol, language, change):
    folder = clinic_copy(tmp_path, which)
    args = ["build", "--patient", "Fay Order", "--protocol", protocol, "--language", language,
            "-o", str(tmp_path / "cli.pdf")]
    cli(folder, *args, *(["--exercise", change[2]] if change else []))
    by_cli = (tmp_path / "cli.pdf").read_bytes()
    ws = workspace(folder)
    b, form = started(create_app(ws, programs_dir=tmp_path / "programs"), "Fay Order", protocol)
    form["language"] = language
    if change:
        form[change[0]] = change[1]
    by_web = web_pdf(b, form)
    title = str(ws.library.protocol(protocol).title)
    assert page_texts(by_web) == page_texts(by_cli)
    assert handout_id(by_web) == handout_id(by_cli)
    if language == "en":
        assert title in page_texts(by_web)[0]
    # one visit of the day, given twice: printed from the command line, then from the web
    rows = database.rows(folder)
    assert [(r[0], r[1], r[4], r[6]) for r in rows] == [
        (handout_id(by_cli), "Fay Order", "1", "printed")] * 2
    [(kept,)] = database.rows(folder, "SELECT yaml FROM programs")
    assert yaml.safe_load(kept)["protocol"] == protocol


def test_a_dose_changed_on_the_web_is_saved_over_the_protocol_and_builds_the_same(tmp_path):
    folder = clinic_copy(tmp_path, "shipped")
    ws = workspace(folder)
    app = create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ())
    b, form = started(app, "Fay Order", "chronic_low_back")
    form["ex-0-hold"], form["ex-2-note"] = "45 s", "Go slowly."
    form.add("education", "why_treatments_fail")
    by_web = web_pdf(b, form)
    press(b, "save", form)
    saved = tmp_path / "programs" / "fay-order.yaml"
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert (data["protocol"], data["exercises"], data["education"]) == (
        "chronic_low_back", [{"id": "child_pose", "dose": {"hold": "45 s"}},
                             {"id": "standing_hip_flexor_stretch", "note": "Go slowly."}],
        ["why_treatments_fail"])
    text = "\n".join(page_texts(by_web))
    for words in ("Chronic low back pain with hypermobility", "Learn about your back",
                  "Hold 45 seconds", "Go slowly.", "Why common treatments don't last"):
        assert words in text
    cli(folder, "build", str(saved), "-o", str(tmp_path / "again.pdf"))
    assert (tmp_path / "again.pdf").read_bytes() == by_web
    # opened again (the next visit), it is the same program, protocol and all
    b.get("/programs/fay-order", follow_redirects=True)
    assert fields(b.page)["from_protocol"] == "chronic_low_back"
    assert handout_id(web_pdf(b, fields(b.page))) == handout_id(by_web)


def test_a_program_opened_from_a_protocol_file_builds_the_files_handout(tmp_path):
    """A program file with ``protocol:`` (a roster's, or written by hand), opened in the web
    app and built as it is, is the handout ``build`` makes of the file."""
    folder = clinic_copy(tmp_path, "dublin")
    (tmp_path / "programs").mkdir()
    path = tmp_path / "programs" / "fay-order.yaml"
    path.write_text("patient: {name: Fay Order}\nprotocol: after_shoulder_surgery\n"
                    "exercises:\n- id: pendulum\n  dose: {duration: 2 min}\n", encoding="utf-8")
    cli(folder, "build", str(path), "-o", str(tmp_path / "cli.pdf"))
    app = create_app(workspace(folder), programs_dir=tmp_path / "programs",
                     record=lambda *a: ())
    b = Browser(app)
    b.get("/programs/fay-order", follow_redirects=True)
    by_web = web_pdf(b, fields(b.page))
    assert page_texts(by_web) == page_texts((tmp_path / "cli.pdf").read_bytes())
    assert handout_id(by_web) == handout_id((tmp_path / "cli.pdf").read_bytes())


@pytest.mark.parametrize("file", [
    "exercises: [pendulum]\neducation: [sleeping, after_shoulder_surgery]\n",
    # a protocol's topics in another order than the library's, then one of the program's
    "protocol: after_shoulder_surgery\nexercises: [pendulum, table_slide]\n",
])
def test_the_topics_print_in_the_files_order_when_the_web_app_builds_it(tmp_path, file):
    """Topics given in another order than the library's, opened in the web app and built
    (or the protocol left, an exercise taken out), print in the file's order, as ``build``
    prints the file. The form put them in the library's order at the first post."""
    folder = clinic_copy(tmp_path, "dublin")
    library = folder / "exercises.yaml"
    library.write_text(library.read_text("utf-8").replace(
        "education: [after_shoulder_surgery, sleeping]",
        "education: [sleeping, after_shoulder_surgery]"), "utf-8")
    (tmp_path / "programs").mkdir()
    path = tmp_path / "programs" / "fay-order.yaml"
    path.write_text("patient: {name: Fay Order}\n" + file, encoding="utf-8")
    cli(folder, "build", str(path), "-o", str(tmp_path / "cli.pdf"))
    by_cli = "\n".join(page_texts((tmp_path / "cli.pdf").read_bytes()))
    app = create_app(workspace(folder), programs_dir=tmp_path / "programs",
                     record=lambda *a: ())
    b = Browser(app)
    b.get("/programs/fay-order", follow_redirects=True)
    form = fields(b.page)
    if "protocol" in file:  # left: its topics as its handout printed them, not the library's
        press(b, "remove:3", form)
        form = fields(b.page)
    by_web = "\n".join(page_texts(web_pdf(b, form)))
    order = ["Sleeping well", "After your shoulder surgery"]
    for text in (by_cli, by_web):
        assert [t for t in order if t in text] == order
        assert text.index(order[0]) < text.index(order[1]), text


def test_an_exercise_taken_out_of_the_protocol_is_left_out_and_keeps_the_protocol(tmp_path):
    """An exercise of the protocol taken out: the program names its protocol and leaves that
    exercise out (``leave_out:``), so its handout keeps the protocol's title. It was
    written out in full, and the handout named no protocol."""
    folder = clinic_copy(tmp_path, "shipped")
    app = create_app(workspace(folder), programs_dir=tmp_path / "programs",
                     record=lambda *a: ())
    b, form = started(app, "Fay Order", "chronic_low_back")
    press(b, "remove:1", form)
    form = fields(b.page)
    assert LEFT not in html.unescape(b.page.get_data(as_text=True))
    press(b, "save", form)
    data = yaml.safe_load((tmp_path / "programs" / "fay-order.yaml").read_text())
    assert (data["protocol"], data["leave_out"]) == ("chronic_low_back", ["si_joint_correction"])
    assert "exercises" not in data
    pages = page_texts(web_pdf(b, form))
    assert "Chronic low back pain" in pages[0]
    assert "Sacroiliac joint reset" not in "\n".join(pages)


LEFT = 'This is no longer the protocol "Chronic low back pain with hypermobility"'


def test_the_page_says_when_a_change_takes_the_program_off_its_protocol(tmp_path):
    """Moved or a topic unticked, the program is written out in full and its
    handout loses the protocol's title and what it is for: the page says so and why, in the
    list of what the handout warns about (the live preview refills it), before a build or
    a save, and says nothing while the program is still the protocol. It said nothing."""
    folder = clinic_copy(tmp_path, "shipped")
    app = create_app(workspace(folder), programs_dir=tmp_path / "programs",
                     record=lambda *a: ())
    b, form = started(app, "Fay Order", "chronic_low_back")
    assert LEFT not in html.unescape(b.page.get_data(as_text=True))
    c, again = started(app, "Fay Order", "chronic_low_back")
    again.setlist("education", [t for t in again.getlist("education") if t != "posture"])
    live = c.client.post("/preview", data=again).get_json()
    assert [w for w in live["warnings"] if w.startswith(LEFT)] == [
        LEFT + ": you unticked Good posture for your back. The handout will not carry the "
        "protocol's title or what it is for. Put back what you changed to keep them."]
    c, moved = started(app, "Fay Order", "chronic_low_back")
    moved["ex-0-id"], moved["ex-1-id"] = moved["ex-1-id"], moved["ex-0-id"]
    live = c.client.post("/preview", data=moved).get_json()
    assert any(w.startswith(LEFT + ": its exercises are no longer first, in its order.")
               for w in live["warnings"])


def spelled(*items, education=("posture",)) -> dict:
    return {"patient": {"name": "Fay Order"}, "exercises": list(items),
            "education": list(education)}


CHILD = {"id": "child_pose", "dose": {"hold": "30 s"}}  # as the protocol gives it


@pytest.mark.parametrize("items, education, told", [
    # as the protocol has it: the protocol alone
    (["cat_camel", CHILD, "pelvic_tilt"], ["posture"], {}),
    # a dose field changed, another added, a note: only those, over the protocol's
    (["cat_camel", {"id": "child_pose", "dose": {"hold": "30 s", "reps": "5"}},
      {"id": "pelvic_tilt", "note": "Slowly."}], ["posture"],
     {"exercises": [{"id": "child_pose", "dose": {"reps": "5"}},
                    {"id": "pelvic_tilt", "note": "Slowly."}]}),
    (["cat_camel", {"id": "child_pose", "dose": {"hold": "45 s"}}, "pelvic_tilt", "bridge"],
     ["posture", "pain_is_real"],
     {"exercises": [{"id": "child_pose", "dose": {"hold": "45 s"}}, "bridge"],
      "education": ["pain_is_real"]}),
    # one taken out: left out, the protocol kept
    (["cat_camel", "pelvic_tilt"], ["posture"], {"leave_out": ["child_pose"]}),
])
def test_a_program_started_from_a_protocol_names_it_with_what_differs(items, education, told):
    ws = api.open_workspace(WEB_LIBRARY / "exercises.yaml", WEB_LIBRARY / "clinic.yaml")
    data = spelled(*items, education=education)
    program = api.program_from_protocol("low_back_start", data, ws, source="form")
    expected = {"patient": {"name": "Fay Order"}, "protocol": "low_back_start", **told}
    assert program.to_yaml_data() == expected
    whole = api.program_from_data(data, ws, source="form")
    assert printed(program, ws) == printed(whole, ws)


@pytest.mark.parametrize("items, education", [
    (["bridge"], ["posture"]),  # every one taken out
    (["pelvic_tilt", "cat_camel", CHILD], ["posture"]),  # moved
    (["cat_camel", "child_pose", "pelvic_tilt"], ["posture"]),  # the protocol's hold emptied
    (["cat_camel", CHILD, "pelvic_tilt"], []),  # its topic unticked
])
def test_a_program_a_protocol_cannot_tell_is_kept_written_out(items, education):
    ws = api.open_workspace(WEB_LIBRARY / "exercises.yaml", WEB_LIBRARY / "clinic.yaml")
    data = spelled(*items, education=education)
    program = api.program_from_protocol("low_back_start", data, ws, source="form")
    assert program == api.program_from_data(data, ws, source="form")
    assert program.protocol is None


def printed(program, ws) -> list:
    handout = api.resolve_program(program, ws)
    return [[(e.id, e.dose_parts, e.note) for e in handout.exercises],
            [t.id for t in handout.education]]


def test_saved_as_a_clinic_protocol_it_keeps_the_protocols_exercises_and_topics(tmp_path):
    """The program names its protocol now, with only what differs: the clinic protocol
    saved from it still holds every exercise and topic, as the handout printed them."""
    folder = clinic_copy(tmp_path, "shipped")
    ws = workspace(folder)
    app = create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ())
    b, form = started(app, "Fay Order", "chronic_low_back")
    form["ex-0-hold"], form["protocol_title"] = "45 s", "Back, gentler"
    press(b, "save_protocol", form)
    [entry] = yaml.safe_load((folder / "protocols.local.yaml").read_text())["protocols"]
    protocol = ws.library.protocol("chronic_low_back")
    assert entry["exercises"] == [{"id": "child_pose", "dose": {"hold": "45 s"}},
                                  *[i.id for i in protocol.exercises[1:]]]
    assert entry["education"] == list(protocol.education)
