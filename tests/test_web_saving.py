"""Saving and opening programs in the web app through Flask's test client: the CLI's
format, never over another patient's file (nor one saved meanwhile), a broken file's
problems shown, not a traceback."""

from __future__ import annotations

import re

import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from test_web import ARGS, Browser, unescape, messages, start_program
from test_web import ws, issued, app, browser  # noqa: F401 (fixtures)


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
    listing = browser.get("/programs").get_data(as_text=True)
    # opened by posting its name (often the patient's): an address keeps it in the
    # browser's history, for the next person at a shared computer
    assert 'name="name" value="ada-example"' in listing and "/programs/ada-example" not in listing
    opened = browser.post("", {"name": "ada-example"}, url="/programs/open",
                          follow_redirects=False)
    assert opened.status_code == 303 and re.fullmatch(r"/d/[\w-]+", opened.location)
    browser.get(opened.location)
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


def test_save_pressed_twice_at_once_is_saved_once_and_says_so_both_times(app, tmp_path):
    """A double click (both presses sent before the first answered) wrote the file once and
    answered both "Not saved: … already exists", offering a second name: pressed again, a
    second copy."""
    import threading

    b = Browser(app)
    b.get("/")
    form = start_program(b, "bridge", name="Double Save Dan")
    start, said = threading.Barrier(2), []

    def save():
        start.wait()
        said.append(unescape(b.post("save", form).get_data(as_text=True)))

    threads = [threading.Thread(target=save) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all("Saved as programs/double-save-dan.yaml" in page for page in said)
    assert [p.name for p in (tmp_path / "programs").iterdir()] == ["double-save-dan.yaml"]


def test_a_broken_saved_file_shows_its_problems_not_a_traceback(browser, tmp_path):
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "broken.yaml").write_text("patient: {name: Ada}\nexercises: [child_pos]\n")
    page = browser.get("/programs/broken")
    assert page.status_code == 422
    text = unescape(page.get_data(as_text=True))
    assert 'programs/broken.yaml:2: exercises[1]: unknown exercise "child_pos"' in text
    assert "Traceback" not in text


def test_a_program_saved_under_the_former_spelling_of_a_name_is_not_saved_twice(browser,
                                                                                tmp_path):
    # versions before 2026-12 saved Jürgen Strauß's program as jurgen-strau.yaml; a new one
    # saved under the name spelled out (jurgen-strauss) would be a second file for him
    folder = tmp_path / "programs"
    api.make_folder(folder)
    (folder / "jurgen-strau.yaml").write_text(
        "patient: {name: Jürgen Strauß}\nexercises: [chin_tuck]\n", encoding="utf-8")
    form = start_program(browser, "bridge", name="Jürgen Strauß")
    page = browser.post("save", form)
    assert page.status_code == 422
    assert any("programs/jurgen-strau.yaml already exists" in m for m in messages(page))
    assert [p.name for p in folder.iterdir()] == ["jurgen-strau.yaml"]
    # another Jürgen Strauß, saved under a name of its own; a new patient's name spelled out
    form["file_name"] = "jurgen-strauss-2"
    assert browser.post("save", form).status_code == 200
    other = Browser(browser.client.application)
    other.get("/")
    assert other.post("save", start_program(other, "bridge", name="Franz Weiß")
                      ).status_code == 200
    assert sorted(p.name for p in folder.iterdir()) == [
        "franz-weiss.yaml", "jurgen-strau.yaml", "jurgen-strauss-2.yaml"]


def test_a_refused_file_name_leaves_the_preview_shown(browser):
    """A save refused for a name another program has marked the file name, and the preview
    said 'To see the handout, fix "File name"', though that name stops no handout: Build
    printed it as it was."""
    form = start_program(browser, "bridge")
    assert browser.post("save", form).status_code == 200
    other = Browser(browser.client.application)
    other.get("/")
    form2 = start_program(other, "chin_tuck")  # the same patient's name: the same file name
    page = other.post("save", form2)
    assert page.status_code == 422
    text = unescape(page.get_data(as_text=True))
    assert "already exists" in text
    assert "To see the handout" not in text
    assert 'id="preview-img" src="/preview/' in text
    assert re.search(r'id="preview-status">Page 1 of \d+: as it prints\.<', text)


def test_a_program_opened_and_saved_keeps_the_patients_side(browser, ws, tmp_path):
    # the form has no box for affected_side: a left wrist's program opened to progress it
    # and saved again must still draw the left hand (and a side given in each language stay)
    path = tmp_path / "programs" / "ada-example.yaml"
    api.make_folder(path.parent)
    path.write_text("patient: {name: Ada Example}\naffected_side: left\nlanguage: [es, en]\n"
                    "exercises:\n  - id: bridge\n    dose: {side: {es: pierna izquierda, en: "
                    "left leg}}\n", encoding="utf-8")
    opened = browser.post("", {"name": "ada-example"}, url="/programs/open",
                          follow_redirects=False)
    browser.get(opened.location)
    form = browser.form()
    form["ex-0-reps"] = "12"
    assert browser.post("save", form).status_code == 200
    program = api.load_program(path, ws)
    assert program.affected_side == "left"
    assert program.exercises[0].dose.side.to_yaml() == {"en": "left leg",
                                                        "es": "pierna izquierda"}


def test_a_program_opened_and_saved_keeps_what_its_log_asks_to_write(browser, ws, tmp_path):
    # a dose's log: ("minutes you walked") makes the log a space to write a number in: a
    # program opened to progress the walk and saved again must still ask for the minutes,
    # and the form shows it in a box of its own to change
    path = tmp_path / "programs" / "ada-example.yaml"
    api.make_folder(path.parent)
    path.write_text("patient: {name: Ada Example}\nexercises:\n  - id: bridge\n"
                    "    dose: {reps: 10, log: minutes you walked}\n", encoding="utf-8")
    opened = browser.post("", {"name": "ada-example"}, url="/programs/open",
                          follow_redirects=False)
    browser.get(opened.location)
    form = browser.form()
    assert form["ex-0-log"] == "minutes you walked"
    form["ex-0-reps"] = "12"
    assert browser.post("save", form).status_code == 200
    assert yaml.safe_load(path.read_text())["exercises"][0]["dose"] == {
        "reps": "12", "log": "minutes you walked"}
    form = browser.form()
    form["ex-0-log"] = "minutes"
    assert browser.post("save", form).status_code == 200
    assert api.load_program(path, ws).exercises[0].dose.log == "minutes"
