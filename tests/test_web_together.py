"""Two people at once: two therapists (or two tabs) with one saved program open. The later
save is refused rather than silently writing over the first one's changes (a lost update),
and keeps what was typed, with a free name to save it under beside the other."""

from __future__ import annotations

import threading

import pytest

import handouts as api
from handouts.web import create_app

from test_web import Browser, messages, start_program, unescape
from test_web_browser import browser_page, chromium, press, running  # noqa: F401


@pytest.fixture
def app(ws, tmp_path):
    return create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ())


@pytest.fixture(scope="module")
def ws():
    from test_web import LIBRARY
    return api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")


def saved_program(app) -> None:
    """Ada Example's program, saved once: bridge and child's pose."""
    first = Browser(app)
    first.get("/")
    form = start_program(first, "bridge", "child_pose")
    assert first.post("save", form).status_code == 200


def opened(app, name="ada-example") -> tuple[Browser, dict]:
    """Another browser with the saved program open, and its form."""
    b = Browser(app)
    b.get("/")
    page = b.get(f"/programs/{name}", follow_redirects=True)
    assert page.status_code == 200
    return b, b.form()


def test_the_later_of_two_saves_of_one_opened_program_is_refused_not_written_over(
        app, ws, tmp_path):
    saved_program(app)
    path = tmp_path / "programs" / "ada-example.yaml"
    ann, ann_form = opened(app)  # two therapists open it...
    bo, bo_form = opened(app)
    bo_form["ex-1-hold"] = "50 s"  # ...Bo progresses child's pose and saves first
    assert bo.post("save", bo_form).status_code == 200
    ann_form["ex-0-reps"] = "12"  # Ann progresses the bridge and saves after
    page = ann.post("save", ann_form)
    assert page.status_code == 422
    said = messages(page)
    assert len(said) == 1 and said[0].startswith(
        "Not saved: programs/ada-example.yaml was saved again at ")
    assert ("after you opened it (from another page or computer). Saving over it would lose "
            "those changes. Yours are still here: press Save program to save them as "
            "programs/ada-example-2.yaml, then open both from Saved programs to compare."
            ) in said[0]
    program = api.load_program(path, ws)  # Bo's changes are there, Ann's are not
    assert program.exercises[1].dose.hold.seconds.lo == 50
    assert program.exercises[0].dose is None
    # Ann's page kept what she typed, and offers the free name: pressing Save keeps hers
    form = ann.form()
    assert (form["ex-0-reps"], form["file_name"]) == ("12", "ada-example-2")
    assert "Saved as programs/ada-example-2.yaml" in unescape(
        ann.post("save", form).get_data(as_text=True))
    copy = api.load_program(tmp_path / "programs" / "ada-example-2.yaml", ws)
    assert str(copy.exercises[0].dose.reps) == "12" and copy.exercises[1].dose is None
    assert api.load_program(path, ws).exercises[1].dose.hold.seconds.lo == 50
    # and one page saving again over what it saved itself is no conflict
    form = bo.form()
    form["ex-1-hold"] = "55 s"
    assert bo.post("save", form).status_code == 200
    assert api.load_program(path, ws).exercises[1].dose.hold.seconds.lo == 55


def test_two_tabs_of_one_browser_are_two_pages(app, ws, tmp_path):
    """One therapist, the program open in two tabs (one session cookie, one CSRF token):
    the tab saved second did not see the first one's changes, and is refused too."""
    saved_program(app)
    b = Browser(app)
    b.get("/")
    b.get("/programs/ada-example", follow_redirects=True)
    first_tab = b.form()
    b.get("/programs/ada-example", follow_redirects=True)
    second_tab = b.form()
    first_tab["ex-0-reps"] = "15"
    assert b.post("save", first_tab).status_code == 200
    second_tab["note"] = "Walk daily."
    page = b.post("save", second_tab)
    assert page.status_code == 422
    assert any("Not saved: programs/ada-example.yaml was saved again" in m
               for m in messages(page))
    program = api.load_program(tmp_path / "programs" / "ada-example.yaml", ws)
    assert str(program.exercises[0].dose.reps) == "15" and program.note is None


def test_a_program_changed_by_hand_after_it_was_opened_is_not_saved_over(app, ws, tmp_path):
    saved_program(app)
    path = tmp_path / "programs" / "ada-example.yaml"
    b, form = opened(app)
    path.write_text(path.read_text() + "note: Typed in a text editor.\n")
    page = b.post("save", form)
    assert page.status_code == 422
    assert api.load_program(path, ws).note == "Typed in a text editor."
    # one deleted since is saved again: nothing of anyone's is lost
    path.unlink()
    form = b.form()
    form["file_name"] = "ada-example"
    assert b.post("save", form).status_code == 200
    assert api.load_program(path, ws).patient.name == "Ada Example"


def test_two_saves_of_one_opened_program_at_once_keep_one_and_refuse_the_other(
        app, ws, tmp_path):
    saved_program(app)
    pages = [opened(app) for _ in range(2)]
    pages[0][1]["ex-0-reps"] = "11"
    pages[1][1]["ex-0-reps"] = "22"
    start, said = threading.Barrier(2), {}

    def save(b, form):
        start.wait()  # both press Save at the same moment
        said[form["ex-0-reps"]] = b.post("save", form)

    threads = [threading.Thread(target=save, args=pair) for pair in pages]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kept = [reps for reps, page in said.items() if page.status_code == 200]
    assert len(kept) == 1, {reps: messages(page) for reps, page in said.items()}
    refused = [page for page in said.values() if page.status_code != 200]
    assert any("was saved again" in m for m in messages(refused[0]))
    program = api.load_program(tmp_path / "programs" / "ada-example.yaml", ws)
    assert str(program.exercises[0].dose.reps) == kept[0]


def test_in_chromium_a_page_saves_again_and_the_other_is_told(chromium, tmp_path):
    """With JavaScript (only the parts of the page that changed are swapped in), a page that
    saved has the file as it saved it: it saves again without a word, while the other
    therapist's page, opened before, is refused and saves under the name it offers."""
    from playwright.sync_api import expect

    from test_web import LIBRARY

    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    programs = tmp_path / "programs"
    with running(ws, programs) as base, browser_page(chromium) as ann, \
            browser_page(chromium) as bo:
        saved_program(create_app(ws, programs_dir=programs, record=lambda *a: ()))
        for page in (ann, bo):
            page.goto(base + "/programs/ada-example")
        for hold in ("50 s", "55 s"):  # Bo saves, and saves again
            bo.fill("#ex-1-hold", hold)
            press(bo, "#save")
            expect(bo.locator("#save-result")).to_have_text("Saved as programs/ada-example.yaml")
        ann.fill("#ex-0-reps", "12")
        press(ann, "#save")
        expect(ann.locator("#file_name-msg")).to_contain_text(
            "Not saved: programs/ada-example.yaml was saved again")
        expect(ann.locator("#file_name")).to_have_value("ada-example-2")
        press(ann, "#save")
        expect(ann.locator("#save-result")).to_have_text("Saved as programs/ada-example-2.yaml")
    assert api.load_program(programs / "ada-example.yaml", ws).exercises[1].dose.hold \
        .seconds.lo == 55
    assert str(api.load_program(programs / "ada-example-2.yaml", ws).exercises[0].dose.reps) \
        == "12"


# One server process of two (two front-desk computers on one clinic folder, or a restarted
# server while the old one still runs): it opens the saved program, changes the bridge's
# reps and saves. Where the two saves meet is made certain with marker files: A stops right
# after it has looked at the file, until B has saved (the old, unlocked save) or found the
# save locked and waits for it (the fix): no sleep decides the outcome.
_SERVER = r"""
import shutil, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[4])
import conftest
import handouts as api
import handouts.files
from handouts.web import create_app
from test_web import Browser, messages

role, folder, library = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])

def mark(name):
    (folder / name).touch()

def wait_for(*names):
    deadline = time.monotonic() + 120  # only so that a broken run ends
    while not any((folder / name).exists() for name in names):
        if time.monotonic() > deadline:
            raise SystemExit(f"waited in vain for {names}")
        time.sleep(0.01)

try:
    ws = api.open_workspace(library / "exercises.yaml", library / "clinic.yaml")
    app = create_app(ws, programs_dir=folder / "programs", record=lambda *a: ())
    b = Browser(app)
    b.get("/")
    b.get("/programs/ada-example", follow_redirects=True)
    form = b.form()
    form["ex-0-reps"] = "11" if role == "a" else "22"
    mark(f"{role}-opened")
    wait_for("a-opened")
    wait_for("b-opened")
    if role == "a":
        stamp_of = api.file_stamp
        def looked(path):
            found = stamp_of(path)
            mark("a-looked")
            wait_for("b-saved", "b-waits")
            return found
        api.file_stamp = looked
    else:
        wait_for("a-looked")
        try_lock = handouts.files._try_lock
        def tried(fd):
            got = try_lock(fd)
            if not got:
                mark("b-waits")
            return got
        handouts.files._try_lock = tried
    page = b.post("save", form)
    if role == "b":
        mark("b-saved")
    print(page.status_code, *messages(page), sep="\n")
finally:
    for made in (conftest._CACHE, conftest._RECORD, conftest._WEB):
        shutil.rmtree(made, ignore_errors=True)
"""


def test_two_server_processes_saving_one_opened_program_keep_one_and_refuse_the_other(
        app, ws, tmp_path):
    """The lock of one process's threads does not hold another process: both looked at the
    file, saw it as they had opened it, and both wrote, the second over the first."""
    import subprocess
    import sys
    from pathlib import Path

    from test_web import LIBRARY

    saved_program(app)
    servers = [subprocess.Popen(
        [sys.executable, "-c", _SERVER, role, str(tmp_path), str(LIBRARY),
         str(Path(__file__).parent)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True) for role in "ab"]
    said = {}
    for role, server in zip("ab", servers):
        out, err = server.communicate(timeout=300)
        assert server.returncode == 0, err
        said[role] = out.splitlines()
    kept = [role for role, lines in said.items() if lines[0] == "200"]
    assert len(kept) == 1, said
    refused = [lines for lines in said.values() if lines[0] != "200"]
    assert refused[0][0] == "422" and any("was saved again" in m for m in refused[0]), said
    program = api.load_program(tmp_path / "programs" / "ada-example.yaml", ws)
    assert str(program.exercises[0].dose.reps) == {"a": "11", "b": "22"}[kept[0]]
