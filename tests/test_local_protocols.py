"""The clinic's own protocols (protocols.local.yaml): saved in the web app, then used by every
command (build, batch, list, check); a broken or hostile file read as safely as the library,
each problem one line with file and line, and the good entries still used."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.web import create_app

from conftest import ROOT, page_texts
from test_web import LIBRARY, Browser, start_program, unescape

GOOD = ("- id: good_one\n  title: Good one\n  exercises:\n  - id: bridge\n"
        "    dose: {reps: '15'}\n  - heel_raise\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture
def clinic(tmp_path):
    folder = tmp_path / "clinic"
    shutil.copytree(LIBRARY, folder)
    return folder


def text_of(path) -> str:
    return "\n".join(page_texts(path.read_bytes()))


def test_a_protocol_saved_in_the_web_app_prints_from_build_and_from_a_roster(clinic,
                                                                             tmp_path):
    b = Browser(create_app(api.open_workspace(home=clinic), programs_dir=tmp_path / "p",
                           record=lambda *a: ()))
    b.get("/")
    form = start_program(b, "bridge", "heel_raise")
    form.update({"ex-0-reps": "15", "education": "posture", "protocol_title": "Knee, week 1"})
    assert 'Saved "Knee, week 1" as a clinic protocol' in unescape(
        b.post("save_protocol", form).get_data(as_text=True))

    out = tmp_path / "ben.pdf"
    result = run("--home", clinic, "build", "--patient", "Ben Example", "--protocol",
                 "knee_week_1", "--date", "2026-12-03", "-o", out)
    assert result.exit_code == 0, result.output
    text = text_of(out)
    assert "Knee, week 1" in text  # the protocol's title, under the handout's
    assert "Bridge" in text and "Heel raise" in text and "Sitting well" in text
    assert "2 sets of 15" in text  # the dose it was saved with (the library says 8-12)

    # a roster names it beside the library's own protocol; two worker processes build them
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date\nCara Example,knee_week_1,2026-12-03\n"
                      "Dev Example,low_back_start,2026-12-03\n", encoding="utf-8")
    result = run("--home", clinic, "batch", roster, "--out-dir", tmp_path / "out",
                 "--jobs", "2", "--quiet")
    assert result.exit_code == 0, result.output
    cara = text_of(tmp_path / "out" / "2026-12-03_cara-example.pdf")
    assert "Cara Example" in cara and "Knee, week 1" in cara and "Heel raise" in cara
    dev = text_of(tmp_path / "out" / "2026-12-03_dev-example.pdf")
    assert "Low back: first week" in dev and "Knee, week 1" not in dev

    listed = run("--home", clinic, "list").stdout
    assert re.search(r"knee_week_1 +Knee, week 1  \(the clinic's own, protocols.local.yaml\)",
                     listed)
    assert re.search(r"low_back_start +Low back: first week\n", listed)
    checked = run("--home", clinic, "check")
    assert checked.exit_code == 0, checked.output
    assert "1 protocol, 1 clinic protocol" in checked.stdout


def test_the_web_app_sees_the_file_edited_by_hand_while_it_runs(clinic, tmp_path):
    b = Browser(create_app(api.open_workspace(home=clinic), programs_dir=tmp_path / "p",
                           record=lambda *a: ()))
    assert "local:good_one" not in b.get("/").get_data(as_text=True)
    (clinic / "protocols.local.yaml").write_text("protocols:\n" + GOOD, encoding="utf-8")
    assert '<option value="local:good_one">Good one</option>' in b.get("/").get_data(
        as_text=True)
    (clinic / "protocols.local.yaml").write_text(
        "protocols:\n" + GOOD.replace("heel_raise", "heel_rase"), encoding="utf-8")
    page = unescape(b.get("/").get_data(as_text=True))
    assert "local:good_one" not in page
    # named as the clinic knows the files, not by the server's whole path
    assert ('<li>protocols.local.yaml:7: protocols[good_one].exercises[2]: unknown exercise '
            '"heel_rase" in exercises.yaml; did you mean "heel_raise"?</li>') in page


def test_a_save_keeps_the_entries_it_cannot_use_and_refuses_a_file_it_cannot_read(clinic,
                                                                                   tmp_path):
    path = clinic / "protocols.local.yaml"
    b = Browser(create_app(api.open_workspace(home=clinic), programs_dir=tmp_path / "p",
                           record=lambda *a: ()))
    b.get("/")
    form = start_program(b, "bridge")
    path.write_text(BROKEN["an unknown exercise"][0], encoding="utf-8")
    b.post("save_protocol", {**form, "protocol_title": "Hips"})
    assert [e["id"] for e in yaml.safe_load(path.read_text())["protocols"]] == [
        "bad_one", "good_one", "hips"]  # the broken entry kept, for the clinic to mend
    path.write_text(BROKEN["an alias"][0], encoding="utf-8")
    page = unescape(b.post("save_protocol", {**b.form(), "protocol_title": "Knees"})
                    .get_data(as_text=True))
    assert "<li>protocols.local.yaml:9: protocols[2]: YAML anchors and aliases" in page
    assert str(clinic) not in page
    assert path.read_text() == BROKEN["an alias"][0]  # not written


def test_a_save_keeps_the_clinic_s_own_lines_and_two_saves_at_once_keep_both(clinic,
                                                                             tmp_path):
    """The file edited by hand (a comment, its own spacing) keeps every line it had: the new
    protocol is added after them. Saves from several browsers at once each keep theirs: each
    read the file before the others wrote it, and the last one written won."""
    import threading

    from handouts.web import protocols

    path = clinic / "protocols.local.yaml"
    mine = ("# Dr Okafor's sets: ask her before changing them\nprotocols:\n\n  # knees\n"
            + "".join("  " + line for line in GOOD.splitlines(True)))
    path.write_text(mine, encoding="utf-8")
    b = Browser(create_app(api.open_workspace(home=clinic), programs_dir=tmp_path / "p",
                           record=lambda *a: ()))
    b.get("/")
    form = start_program(b, "bridge")
    assert 'as a clinic protocol' in unescape(b.post(
        "save_protocol", {**form, "protocol_title": "Hips"}).get_data(as_text=True))
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith(mine)
    assert [e["id"] for e in yaml.safe_load(saved)["protocols"]] == ["good_one", "hips"]

    ws = api.open_workspace(home=clinic)
    program = api.program_from_options(ws, patient="Ann Example", exercises=["bridge"])
    threads = [threading.Thread(target=protocols.save, args=(ws, f"Set {n}", program))
               for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith(mine)
    assert sorted(e["id"] for e in yaml.safe_load(saved)["protocols"]) == sorted(
        ["good_one", "hips", *(f"set_{n}" for n in range(8))])


# each: the file, the one line `check` prints (after "error: <the file's path>:"), and a
# protocol that still builds
BROKEN = {
    "bad YAML": ("protocols:\n" + GOOD + "- id: oops\n  title: [Oops\n",
                 r"9: protocols\[oops\]\.title: YAML syntax error: the \[ here is never closed; close it with \]",
                 "low_back_start"),
    "an alias": ("protocols:\n" + GOOD + "- id: copy\n  title: &t Copy\n"
                 "  exercises: [bridge]\n- id: again\n  title: *t\n  exercises: [bridge]\n",
                 r"9: protocols\[2\]: YAML anchors and aliases \(&name, \*name\) are "
                 r"not allowed; write each value out in full", "low_back_start"),
    "a tag": ("protocols:\n" + GOOD + "- id: odd\n  title: !!python/object:os.system x\n"
              "  exercises: [bridge]\n",
              r"9: protocols\[2\]\.title: the tag !!python/object:os\.system is not "
              r"allowed; remove it", "low_back_start"),
    "an unknown exercise": ("protocols:\n- id: bad_one\n  title: Bad\n"
                            "  exercises: [no_such_exercise]\n" + GOOD,
                            r'4: protocols\[bad_one\]\.exercises\[1\]: unknown exercise '
                            r'"no_such_exercise" in .+exercises\.yaml; a protocol can name '
                            r"only the library's exercises", "good_one"),
    "an id clash": ("protocols:\n" + GOOD + "- id: low_back_start\n  title: Mine\n"
                    "  exercises: [bridge]\n",
                    r'8: protocols\[low_back_start\]\.id: the library \(.+exercises\.yaml\) '
                    r'has a protocol "low_back_start" already; give this one another id',
                    "good_one"),
    "a bad dose": ("protocols:\n" + GOOD.replace("'15'", "many"),
                   r'6: protocols\[good_one\]\.exercises\[bridge\]\.dose\.reps: .+',
                   "low_back_start"),
    "not a list": ("protocols:\n  good_one: {title: Good}\n",
                   r'1: protocols: expected a list of protocols, each starting with "- id:"',
                   "low_back_start"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_gives_one_line_and_the_good_entries_still_print(clinic, tmp_path,
                                                                        case):
    content, expected, still = BROKEN[case]
    path = clinic / "protocols.local.yaml"
    path.write_text(content, encoding="utf-8")
    checked = run("--home", clinic, "check")
    assert checked.exit_code == 1
    assert "Traceback" not in checked.output
    [line] = errors(checked)
    assert re.fullmatch(rf"error: {re.escape(str(path))}:{expected}", line), line
    assert checked.stderr.rstrip().endswith("1 problem found.")

    listed = run("--home", clinic, "list")
    assert listed.exit_code == 0
    assert f"warning: left out: {line.removeprefix('error: ')}" in listed.stderr

    out = tmp_path / "still.pdf"
    built = run("--home", clinic, "build", "--patient", "Eve Example", "--protocol", still,
                "-o", out)
    assert built.exit_code == 0, built.output
    text = text_of(out)
    assert ("Good one" if still == "good_one" else "Low back: first week") in text
    assert "Mine" not in text  # a clashing entry never stands in for the library's


def test_a_program_that_names_a_broken_entry_is_told_its_problem(clinic, tmp_path):
    path = clinic / "protocols.local.yaml"
    path.write_text(BROKEN["an unknown exercise"][0], encoding="utf-8")
    built = run("--home", clinic, "build", "--patient", "Eve Example", "--protocol", "bad_one",
                "-o", tmp_path / "bad.pdf")
    assert built.exit_code == 1 and not (tmp_path / "bad.pdf").exists()
    assert errors(built) == [
        f'error: options: protocol: "bad_one" is left out until its entry is fixed: {path}:4: '
        'protocols[bad_one].exercises[1]: unknown exercise "no_such_exercise" in '
        f"{clinic / 'exercises.yaml'}; a protocol can name only the library's exercises"]

    # a roster: the good rows printed, the row naming it reported in one line
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date\nFay Example,good_one,2026-12-03\n"
                      "Gus Example,bad_one,2026-12-03\n", encoding="utf-8")
    result = run("--home", clinic, "batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == ["2026-12-03_fay-example.pdf"]
    assert "Good one" in text_of(tmp_path / "out" / "2026-12-03_fay-example.pdf")
    [line] = errors(result)
    assert line.startswith(f'error: {roster}:3: row 2: protocol: "bad_one" is left out until '
                           f"its entry is fixed: {path}:4: protocols[bad_one].exercises[1]: ")

    yaml_roster = tmp_path / "today.yaml"
    yaml_roster.write_text("- patient: {name: Hana Example}\n  protocol: bad_one\n",
                           encoding="utf-8")
    [line] = errors(run("--home", clinic, "batch", yaml_roster, "--out-dir", tmp_path / "y",
                        "--quiet"))
    assert line.startswith(f'error: {yaml_roster}:1: row 1: line 2: protocol: "bad_one" is '
                           f"left out until its entry is fixed: {path}:4: ")

    # a program file that names it
    program = tmp_path / "gus.yaml"
    program.write_text("patient: {name: Gus Example}\nprotocol: bad_one\n", encoding="utf-8")
    [line] = errors(run("--home", clinic, "build", program, "-o", tmp_path / "gus.pdf"))
    assert line.startswith(f'error: {program}:2: protocol: "bad_one" is left out until ')


def test_a_file_too_deep_or_too_large_is_refused_whole(clinic):
    path = clinic / "protocols.local.yaml"
    path.write_text("protocols:\n- id: deep\n  title: " + "[" * 5000 + "]" * 5000 + "\n")
    [line] = errors(run("--home", clinic, "check"))
    assert line.startswith(f"error: {path}:3: ") and "nested" in line
    path.write_bytes(b"protocols:\n" + b"# " + b"x" * 2_100_000 + b"\n")
    [line] = errors(run("--home", clinic, "check"))
    assert line.startswith(f"error: {path}: the file is larger than")


# a handout of the clinic's own protocol, in a process that keeps nothing and in processes
# that take the workspace from the cache folder
BUILD = """
import hashlib, sys
sys.path.insert(0, {root!r})
import handouts as api
ws = api.open_workspace(home={home!r})
program = api.program_from_data({{"patient": {{"name": "Hal Example"}}, "protocol": "good_one",
                                  "date": "2026-12-03"}}, ws, source="test")
print(ws.library_source is None, hashlib.sha256(api.build_handout(program, ws).pdf).hexdigest())
"""


def test_the_kept_workspace_holds_the_clinics_protocols_and_sees_them_change(clinic,
                                                                             tmp_path):
    (clinic / "protocols.local.yaml").write_text("protocols:\n" + GOOD, encoding="utf-8")

    def build(cache, *, keep=True):
        env = {**os.environ, "HANDOUTS_CACHE_DIR": str(cache)}
        env.pop("HANDOUTS_NO_REPLAY", None)
        if not keep:
            env["HANDOUTS_NO_REPLAY"] = "1"
        out = subprocess.run([sys.executable, "-c", BUILD.format(root=str(ROOT),
                                                                 home=str(clinic))],
                             env=env, capture_output=True, text=True, check=True).stdout
        kept, digest = out.split()
        return kept == "True", digest

    uncached = build(tmp_path / "nothing", keep=False)
    assert build(tmp_path / "cache") == (False, uncached[1])  # validated, then kept
    assert build(tmp_path / "cache") == (True, uncached[1])  # from the cache: same bytes
    # an edit of the file is another cache entry: the next process prints the new dose
    (clinic / "protocols.local.yaml").write_text("protocols:\n" + GOOD.replace("'15'", "'9'"),
                                                 encoding="utf-8")
    kept, changed = build(tmp_path / "cache")
    assert not kept and changed != uncached[1]
    assert len(list((tmp_path / "cache" / "workspaces").iterdir())) == 2


def test_problems_are_never_kept_under_another_clinics_name(tmp_path, monkeypatch):
    """Two folders with the same files share a cache entry; an entry's problems name its
    own folder's file, so a file with problems is read again each time."""
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("a", "b", "a"):
        folder = tmp_path / name
        if not folder.exists():
            shutil.copytree(LIBRARY, folder)
            (folder / "protocols.local.yaml").write_text(BROKEN["an id clash"][0])
        ws = api.open_workspace(home=folder)
        assert str(ws.local.problems[0]).startswith(str(folder / "protocols.local.yaml"))
        assert ws.local.ids == ("good_one",)
        assert json.dumps(list(ws.library.protocol_ids)) == '["low_back_start", "good_one"]'


def test_the_library_file_checks_still_name_its_own_lines(clinic):
    """Checks that point into exercises.yaml go through its own protocols, not the clinic's."""
    (clinic / "protocols.local.yaml").write_text("protocols:\n" + GOOD, encoding="utf-8")
    ws = api.open_workspace(home=clinic)
    assert [p.id for p in ws.library_as_written.protocols] == ["low_back_start"]
    assert not any("good_one" in line or "Good one" in line
                   for line in api.untranslated_entries(ws, "es"))
    digest = hashlib.sha256((clinic / "protocols.local.yaml").read_bytes()).hexdigest()
    assert ws.local.digest == digest and api.reload_local_protocols(ws) is ws


def test_a_handout_from_a_clinic_protocol_reprints_the_same_after_the_file_changed(
        clinic, tmp_path, monkeypatch):
    """The record keeps protocols.local.yaml with the library version, as it keeps the
    library: a program that names a clinic protocol is made again as it was printed."""
    monkeypatch.delenv("HANDOUTS_DATABASE_URL")  # the clinic folder's own record
    local = clinic / "protocols.local.yaml"
    local.write_text("protocols:\n" + GOOD, encoding="utf-8")
    first = tmp_path / "ada.pdf"
    result = run("--home", clinic, "build", "--patient", "Ada Example", "--protocol",
                 "good_one", "--date", "2026-12-03", "-o", first)
    assert result.exit_code == 0, result.output
    history = run("--home", clinic, "history", "Ada Example").stdout
    handout_id = re.search(r"^  (\w{4}-\w{4}) ", history, re.M).group(1)

    local.write_text("protocols: []\n", encoding="utf-8")  # the protocol is gone since
    again = tmp_path / "again.pdf"
    result = run("--home", clinic, "reprint", handout_id, "-o", again)
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == first.read_bytes()


def test_check_reads_the_clinic_protocols_for_plain_language_too(clinic):
    """A clinic protocol's title and description print for patients (on page 1 and in the
    web app's list): `check` holds them to the library's plain-language aims, at their line."""
    hard = ("Postoperative rehabilitation necessitates methodical progression, "
            "incorporating proprioceptive neuromuscular facilitation techniques.")
    (clinic / "protocols.local.yaml").write_text(
        "protocols:\n" + GOOD + "- id: after_surgery\n  title: After knee surgery\n"
        f"  description: {hard} Ask about your MRI.\n  exercises: [bridge]\n",
        encoding="utf-8")
    result = run("--home", clinic, "check")
    assert result.exit_code == 0, result.output
    found = [line for line in result.stderr.splitlines()
             if "protocols.local.yaml" in line and "plain language" in line]
    where = f"{clinic / 'protocols.local.yaml'}:8: protocols[after_surgery]:"
    assert len(found) == 2, result.stderr
    grade = float(found[0].split(" reads at grade ")[1].split(" ")[0])
    assert grade > 12
    assert found == [
        f"warning: plain language: {where} reads at grade {grade:.1f} (aim: 6 or below); "
        f'hardest sentence: "{hard}"',
        f'warning: plain language: {where} uses "mri" without explaining it; add a plain '
        'explanation, e.g. "mri (a scan that shows the inside of the body)"']


def test_a_protocol_named_in_greek_or_japanese_is_saved_and_built(clinic, tmp_path):
    """A name with no Latin letter was told "Give the protocol a name with letters or
    digits", though its letters are letters: its id, which staff never see, is made of it."""
    from handouts.web import protocols

    ws = api.open_workspace(home=clinic)
    program = api.program_from_options(ws, patient="Ann Example", exercises=["bridge"])
    for title in ("腰痛プロトコル", "Ελληνικό πρωτόκολλο"):
        protocols.save(ws, title, program)
    saved = yaml.safe_load((clinic / "protocols.local.yaml").read_text(encoding="utf-8"))
    entries = {e["title"]: e["id"] for e in saved["protocols"]}
    assert set(entries) == {"腰痛プロトコル", "Ελληνικό πρωτόκολλο"}
    assert all(re.fullmatch(r"protocol_[0-9a-f]{8}", ident) for ident in entries.values())
    with pytest.raises(api.HandoutError, match="letters or digits"):
        protocols.save(ws, " - ", program)
    ws = api.open_workspace(home=clinic)
    out = tmp_path / "greek.pdf"
    result = run("--home", clinic, "build", "--patient", "Ann Example", "--protocol",
                 entries["Ελληνικό πρωτόκολλο"], "-o", out)
    assert result.exit_code == 0, result.output
