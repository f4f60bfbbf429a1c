"""What a handout's maker is told but the handout does not carry (handouts/told.py): an exercise
a program or a protocol lists twice, and dose words that print untranslated in another
language. Said by build, batch, check and the web app; the PDF and its id stay as they were,
so that a reprint of one the record kept finds its id."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, page_texts
import handouts as api
from handouts import record
from handouts.cli import main

DUBLIN = ROOT / "examples" / "dublin-shoulder"


def clinic_copy(folder: Path, source: Path = ROOT) -> Path:
    folder.mkdir()
    for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml", "strings.en.yaml"):
        if (source / name).exists():
            shutil.copy(source / name, folder / name)
    shutil.copytree(source / "images", folder / "images")
    return folder


def run(folder: Path, *args):
    return CliRunner().invoke(main, ["--home", str(folder), *args], catch_exceptions=False)


TWICE = """\
patient:
  name: Tess Twice
date: 2026-12-01
exercises:
  - id: child_pose
    dose: {hold: 45 s, reps: 5}
  - si_joint_correction
  - id: child_pose
    dose: {hold: 10 s}
"""
SAID = ('exercises[3]: "child_pose" is listed twice (exercises[1]: hold: 45 s, reps: 5; '
        'exercises[3]: hold: 10 s); the handout prints it once, in the first one\'s place, as '
        '"Hold 10 seconds · Repeat 5 times · 2 times a day" (each later dose over the one '
        "before); list it once, with the dose you mean")


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = clinic_copy(tmp_path / "clinic")
    (folder / "twice.yaml").write_text(TWICE)
    return folder


def test_a_program_that_lists_an_exercise_twice_is_told_at_build_and_check(clinic, tmp_path):
    result = run(clinic, "build", str(clinic / "twice.yaml"), "-o", str(tmp_path / "t.pdf"))
    assert result.exit_code == 0, result.output
    # at its line, as check says it
    assert f"warning: {clinic / 'twice.yaml'}:8: {SAID}" in result.stderr.splitlines()
    pages = page_texts((tmp_path / "t.pdf").read_bytes())
    # printed as before: once, with the dose the warning names
    assert "".join(pages).count("Child's pose rock-back") == 3  # at a glance, card, log
    assert "Hold 10 seconds · Repeat 5 times" in pages[0]

    result = run(clinic, "check", str(clinic / "twice.yaml"))
    assert result.exit_code == 0, result.output  # a warning: a kept program still reprints
    assert f"warning: {clinic / 'twice.yaml'}:8: {SAID}" in result.stderr.splitlines()

    # the quick way: --exercise twice
    result = run(clinic, "build", "--patient", "Tess Twice", "--date", "2026-12-01",
                 "--exercise", "child_pose:hold=45s,reps=5", "--exercise",
                 "child_pose:hold=10s", "-o", str(tmp_path / "q.pdf"))
    assert result.exit_code == 0, result.output
    assert 'warning: exercises[2]: "child_pose" is listed twice (exercises[1]: hold: 45 s, ' \
           "reps: 5; exercises[2]: hold: 10 s)" in result.stderr


def test_the_warning_is_not_in_the_handouts_id_so_a_kept_one_reprints_as_it_was(
        clinic, tmp_path, database):
    ws = api.open_workspace(clinic / "exercises.yaml", clinic / "clinic.yaml")
    program = api.load_program(clinic / "twice.yaml", ws)
    built = api.build_handout(program, ws)
    assert SAID in built.warnings and SAID not in built.handout.notices
    # the id this program's handout had before the warning was said (main, c92b680; new since
    # the English wording and library were made plainer, branch english, and again since the
    # shipped Spanish disclaimer says "Si algo no va bien" and "Call 911 right away", branch
    # words-es); as counted since the id counts what the pictures show and not the email
    # address (branches idpics, emailid), and since the SI joint reset's figure says which
    # side it draws (`side: far`); and as it was counted before (counted_before)
    assert built.handout.handout_id == "6XNL-R64C"
    assert api.counted_before(built.handout) == "REGV-GDAS"
    record.issued(ws, record.Issue.of(program, built), channel="printed", by="dave")

    result = run(clinic, "reprint", built.handout.handout_id, "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.pdf").read_bytes() == built.pdf
    # said when it was built; a reprint of the handout as it was given does not say it again
    assert SAID not in result.stderr


def test_a_roster_row_that_lists_an_exercise_twice_is_told_by_its_row(clinic, tmp_path):
    roster = clinic / "today.yaml"
    roster.write_text(yaml.safe_dump([
        {"patient": {"name": "Ann One"}, "date": "2026-12-01",
         "exercises": ["si_joint_correction"]},
        {"patient": {"name": "Bo Two"}, "date": "2026-12-01",
         "exercises": ["child_pose", {"id": "child_pose", "dose": {"reps": "5"}}]}]))
    result = run(clinic, "batch", str(roster), "--out-dir", str(tmp_path / "b"), "--jobs", "1",
                 "--quiet")
    assert result.exit_code == 0, result.output
    assert re.search(r'warning: \S*today.yaml:\d+: row 2: exercises\[2\]: "child_pose" is listed '
                     r"twice \(exercises\[1\]: the library's dose; exercises\[2\]: reps: 5\)",
                     result.stderr), result.stderr
    assert "row 1" not in result.stderr


def test_a_protocol_that_lists_an_exercise_twice_is_told_by_check_and_build(clinic, tmp_path):
    library = clinic / "exercises.yaml"
    text = library.read_text()
    library.write_text(text.replace("  - diaphragmatic_breathing\n  education: [why",
                                    "  - diaphragmatic_breathing\n  - id: child_pose\n"
                                    "    dose: {hold: 5 s}\n  education: [why"))
    said = ('protocols[chronic_low_back].exercises[6]: "child_pose" is listed twice '
            "(exercises[1] and [6]); every handout of this protocol prints it twice, one card "
            "each, with its own dose; list it once")
    result = run(clinic, "check")
    assert result.exit_code == 0, result.output
    line = text.splitlines().index("  - diaphragmatic_breathing") + 2
    assert f"warning: {library}:{line}: {said}" in result.stderr.splitlines()

    result = run(clinic, "build", "--patient", "Pat Proto", "--protocol", "chronic_low_back",
                 "--date", "2026-12-01", "-o", str(tmp_path / "p.pdf"))
    assert result.exit_code == 0, result.output
    assert f"warning: {said}" in result.stderr.splitlines()
    assert "".join(page_texts((tmp_path / "p.pdf").read_bytes())).count(
        "6. Child's pose rock-back") >= 1


def test_a_saved_program_that_lists_an_exercise_twice_opens_as_one_and_says_so(tmp_path):
    from handouts.web import create_app
    from conftest import WEB_LIBRARY

    ws = api.open_workspace(WEB_LIBRARY / "exercises.yaml", WEB_LIBRARY / "clinic.yaml")
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "tess.yaml").write_text(TWICE.replace("si_joint_correction", "bridge"))
    app = create_app(ws, programs_dir=folder, record=lambda *a: ())
    page = app.test_client().get("/programs/tess", follow_redirects=True)
    text = page.get_data(as_text=True).replace("&#39;", "'")
    assert "was listed twice and is kept once" in text
    assert len(set(re.findall(r'name="ex-(\d+)-id"', text))) == 2  # child_pose once, bridge


# --- words that print untranslated ----------------------------------------------------------

STAGES = ('exercises[band_external_rotation].dose.progression: its stages\' own "yellow band", '
          '"red band" and "green band" have no español words; printed in English (give them in '
          "the translation's exercises[band_external_rotation].progression: one entry for each "
          "stage, in order)")
# the shipped translation's words for the band's stages (test_stage_words.py), taken out here
SHIPPED_STAGES = """\
    progression:
    - resistance: banda amarilla
    - resistance: banda roja
    - resistance: banda verde
"""


def dublin_without_stage_words(tmp_path: Path) -> Path:
    folder = clinic_copy(tmp_path / "dublin", DUBLIN)
    spanish = folder / "exercises.es.yaml"
    text = spanish.read_text(encoding="utf-8")
    assert SHIPPED_STAGES in text
    spanish.write_text(text.replace(SHIPPED_STAGES, ""), encoding="utf-8")
    return folder


def test_a_stages_own_words_in_a_spanish_handout_are_told_and_its_id_kept(tmp_path,
                                                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = dublin_without_stage_words(tmp_path)
    program = DUBLIN / "examples" / "lucia-fernandez-es.yaml"
    result = run(folder, "build", str(program), "-o", str(tmp_path / "l.pdf"))
    assert result.exit_code == 0, result.output
    assert f"warning: {STAGES}" in result.stderr.splitlines()
    data = (tmp_path / "l.pdf").read_bytes()
    assert "Use: yellow band" in "".join(page_texts(data))
    ws = api.open_workspace(folder / "exercises.yaml", folder / "clinic.yaml")
    built = api.build_handout(api.load_program(program, ws), ws)
    assert built.pdf == data
    # as the demo printed it before its translation gave the stages' words (c92b680; new since
    # the band turn-out's side became "operated arm" like the others, branch english, and
    # since its stages read "Use: …" for "Resistencia: …", branch words-es, and since Dublin's
    # Spanish was mended where it read awkwardly, branch dublin-es, and since its safety box
    # starts with the call to 112 or 999, branch huntleft); as counted since the id counts
    # what the pictures show (branch idpics), and as it was counted before (counted_before)
    assert built.handout.handout_id == "J63T-5BRI"
    assert api.counted_before(built.handout) == "G7LO-ZQQ6"


def test_a_therapists_own_dose_words_in_a_spanish_handout_are_told(clinic, tmp_path):
    result = run(clinic, "build", "--patient", "Ana Ruiz", "--language", "es", "--date",
                 "2026-12-01", "--exercise",
                 "child_pose:resistance=red band,side=left knee,equipment=a towel",
                 "--exercise", "si_joint_correction:side=left",
                 "-o", str(tmp_path / "a.pdf"))
    assert result.exit_code == 0, result.output
    said = result.stderr.splitlines()
    assert ('warning: exercises[child_pose].dose: "a towel" and "red band" print '
            "as written in español (the program's own words, which no translation gives); "
            "write them in español if they are not") in said
    # a side can say it is in the handout's language already, and is told how
    assert ('warning: exercises[child_pose].dose: side "left knee" prints as written in '
            "español (the program's own words, which no translation gives); write it in "
            "español if it is not, and say so: side: {es: left knee}") in said
    assert "si_joint_correction" not in result.stderr  # "left": the template words it
    assert "Use: red band" in "".join(page_texts((tmp_path / "a.pdf").read_bytes()))

    # in the library's own language, nothing to say
    result = run(clinic, "build", "--patient", "Ana Ruiz", "--date", "2026-12-01",
                 "--exercise", "child_pose:resistance=red band", "-o", str(tmp_path / "e.pdf"))
    assert result.exit_code == 0 and "warning" not in result.stderr, result.output


def test_a_program_file_s_own_dose_words_are_told_at_their_line(clinic, tmp_path):
    """The warning names the exercise by its id; in a program file it is said at the line of
    the dose that gives the words, as the file's problems are, so the clinic finds them."""
    program = tmp_path / "ana.yaml"
    program.write_text("patient: {name: Ana Ruiz}\ndate: 2026-12-01\nlanguage: es\n"
                       "exercises:\n  - si_joint_correction\n  - id: child_pose\n"
                       "    note: Go slowly.\n    dose:\n      resistance: red band\n",
                       encoding="utf-8")
    result = run(clinic, "build", str(program), "-o", str(tmp_path / "a.pdf"))
    assert result.exit_code == 0, result.output
    assert (f'warning: {program}:8: exercises[child_pose].dose: "red band" prints as written '
            "in español (the program's own words, which no translation gives); write it in "
            "español if it is not") in result.stderr.splitlines(), result.stderr
    # check says what the build will, at the same line: the clinic hears it before printing
    checked = run(clinic, "check", str(program))
    assert checked.exit_code == 0, checked.output  # a warning: the handout prints
    assert (f'warning: {program}:8: exercises[child_pose].dose: "red band" prints as written '
            "in español (the program's own words, which no translation gives); write it in "
            "español if it is not") in checked.stderr.splitlines(), checked.stderr
    # an exercise the file lists twice could be either line: named as before, at none
    program.write_text(program.read_text(encoding="utf-8") + "  - child_pose\n",
                       encoding="utf-8")
    result = run(clinic, "build", str(program), "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 0, result.output
    assert ('warning: exercises[child_pose].dose: "red band" prints as written in español'
            in result.stderr), result.stderr


def test_check_language_lists_a_stages_own_words_at_their_line(tmp_path):
    folder = dublin_without_stage_words(tmp_path)
    result = run(folder, "check", "--language", "es")
    assert result.exit_code == 0, result.output
    line = (folder / "exercises.yaml").read_text().splitlines().index(
        "      resistance: yellow band") + 1
    assert (f"untranslated: {folder / 'exercises.yaml'}:{line}: exercises[band_external_rotation]"
            ".dose.progression[1].resistance: not translated; English is printed (give it as "
            "the translation's exercises[band_external_rotation].progression[1].resistance)"
            ) in result.stderr.splitlines()


# --- a program's dose key that every weekly stage replaces -----------------------------------

BAND = """\
patient:
  name: Una Stage
date: 2026-12-01
exercises:
  - id: band_external_rotation
    dose: {resistance: blue band, reps: 12}
"""
# every stage of the library's band turn-out gives its resistance; only the last its reps
UNDER = ('exercises[band_external_rotation].dose.resistance: "blue band" prints in no week: '
         "each weekly stage (weeks 1-2, 3-4 and 5-6) gives its own resistance, which replaces "
         "it in its weeks; give this patient's resistance in the stages (progression:), or "
         "write progression: [] for none")


def test_a_programs_dose_key_every_weekly_stage_replaces_is_told_at_build_and_check(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = clinic_copy(tmp_path / "dublin", DUBLIN)
    (folder / "band.yaml").write_text(BAND)
    result = run(folder, "build", str(folder / "band.yaml"), "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 0, result.output
    # at the file's line of the key, as check says it
    assert f"warning: {folder / 'band.yaml'}:6: {UNDER}" in result.stderr.splitlines()
    assert "dose.reps" not in result.stderr  # weeks 1-4 print the program's 12
    text = "".join(page_texts((tmp_path / "b.pdf").read_bytes()))
    assert "blue band" not in text and "yellow band" in text  # what the warning says

    result = run(folder, "check", str(folder / "band.yaml"))
    assert result.exit_code == 0, result.output  # a warning: a kept program still reprints
    assert f"warning: {folder / 'band.yaml'}:6: {UNDER}" in result.stderr.splitlines()

    # the library's own value, or stages of the program's own that leave it, say nothing
    (folder / "own.yaml").write_text(BAND.replace(
        "{resistance: blue band, reps: 12}",
        "{resistance: blue band, progression: [{weeks: 1-2, sets: 2}]}"))
    result = run(folder, "build", str(folder / "own.yaml"), "-o", str(tmp_path / "o.pdf"))
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    assert "blue band" in "".join(page_texts((tmp_path / "o.pdf").read_bytes()))


def test_the_web_app_says_a_typed_dose_box_every_weekly_stage_replaces(tmp_path):
    from html import unescape

    from handouts.web import create_app

    ws = api.open_workspace(DUBLIN / "exercises.yaml", DUBLIN / "clinic.yaml")
    client = create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()
                        ).test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      client.get("/").get_data(as_text=True)).group(1)
    page = client.post("/program", data={
        "csrf_token": token, "patient_name": "Una Stage", "ex-0-id": "band_external_rotation",
        "ex-0-resistance": "blue band", "action": "refresh"}, follow_redirects=True)
    assert UNDER in unescape(page.get_data(as_text=True))


def test_a_programs_progression_null_takes_the_librarys_stages_away_as_an_empty_list_does(
        tmp_path, monkeypatch):
    # docs/library.md: "null there removes a key"; for progression it was refused, "expected
    # a list, got nothing"
    monkeypatch.chdir(tmp_path)
    folder = clinic_copy(tmp_path / "dublin", DUBLIN)
    pdfs = []
    for name, stages in (("null", "null"), ("empty", "[]")):
        (folder / f"{name}.yaml").write_text(BAND.replace(
            "{resistance: blue band, reps: 12}",
            f"{{resistance: blue band, progression: {stages}}}"))
        result = run(folder, "build", str(folder / f"{name}.yaml"), "-o",
                     str(tmp_path / f"{name}.pdf"))
        assert result.exit_code == 0, result.output
        assert "warning" not in result.stderr, result.stderr
        pdfs.append((tmp_path / f"{name}.pdf").read_bytes())
    text = "".join(page_texts(pdfs[0]))
    assert "Use: blue band" in text and "yellow band" not in text and "Week" not in text
    assert pdfs[0] == pdfs[1]  # the same handout, id and all
