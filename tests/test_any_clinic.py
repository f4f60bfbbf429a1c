"""A second clinic, written without touching code: its own positions and kinds, exercises
without pictures, its own words and locale, its own folder (--home), and nothing of the first
clinic on its handouts."""

from __future__ import annotations

import dataclasses
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.input.models import position_rank
from handouts.input.roster import load_roster

from conftest import ROOT, flat_texts, page_texts

DUBLIN = ROOT / "examples" / "dublin-shoulder"
TEMPLATES = ROOT / "handouts" / "words" / "templates"


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)


def flat(data: bytes) -> str:
    return " ".join(flat_texts(data))  # pdfium: ten times faster than pypdf, for words


@pytest.fixture(scope="module")
def dublin() -> api.Workspace:
    return api.open_workspace(home=DUBLIN)


def clinic_folder(tmp_path: Path, **files: str) -> Path:
    """A copy of the Dublin clinic, with some files added or replaced."""
    home = tmp_path / "clinic"
    shutil.copytree(DUBLIN, home)
    for name, content in files.items():
        path = home / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    return home


def build(ws, language="en", layout="standard", exercises=("pendulum",), **more) -> api.Built:
    data = {"patient": {"name": "Test Patient"}, "date": "2026-12-03", "language": language,
            "layout": layout, "exercises": list(exercises), **more}
    return api.build_handout(api.program_from_data(data, ws, source="test"), ws)


def test_the_second_clinic_checks_clean_with_its_programs():
    programs = sorted(str(p) for p in (DUBLIN / "examples").glob("*.yaml"))
    result = run("--home", str(DUBLIN), "check", *programs)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no problem and no warning
    assert 'OK: 7 exercises, 3 education topics, 1 protocol, 3 program files; clinic ' \
           '"Liffey Physiotherapy"' in result.stdout


FIRST_CLINIC = ["More 4 Life", "St. Louis", "314", "911", "low back", "spine", "psoas",
                "Learn about your back", "Missouri"]


@pytest.mark.parametrize("program", sorted(p.name for p in (DUBLIN / "examples").glob("*.yaml")))
def test_its_handouts_carry_nothing_of_the_first_clinic(dublin, program):
    built = api.build_handout(api.load_program(DUBLIN / "examples" / program, dublin), dublin)
    # Lucía's Spanish handout prints its band's weekly stages in Spanish too
    assert not built.warnings, built.warnings
    text = flat(built.pdf)
    for word in FIRST_CLINIC:
        assert word not in text, word
    assert "Liffey Physiotherapy" in text and "01 555 0142" in text
    assert "Picture not available" not in text and "Imagen no disponible" not in text


def test_its_pages_are_a4_its_dates_day_first_and_its_spelling_irish(dublin):
    built = build(dublin, protocol="after_shoulder_surgery")
    from conftest import reader

    width, height = (float(v) for v in reader(built.pdf).pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    text = flat(built.pdf)
    assert "3 December 2026" in text
    assert "Home exercise programme" in text and "Your programme at a glance" in text
    # the clinic's own words over the package's, one key at a time
    assert "Questions? Ring us" in text and "Ring us on 01 555 0142." in text
    # the protocol's own education heading
    assert "Learn about your shoulder" in text


@pytest.mark.parametrize("count", [1, 3, 5])
def test_the_disclaimer_s_label_stays_with_its_words(dublin, count):
    """In large print, five exercises' log and the disclaimer are too tall for one page:
    the log kept with the disclaimer, and the chain was cut between "Please note" (at the
    foot of the log's page) and its words (alone on the last page)."""
    exercises = ["shoulder_blade_squeeze", "wall_slides", "pendulum", "band_external_rotation",
                 "table_slide"][:count]
    pages = flat_texts(build(dublin, layout="large_print", exercises=exercises,
                             education=["sleeping"]).pdf)
    [label] = [i for i, text in enumerate(pages) if "Please note" in text]
    [words] = [i for i, text in enumerate(pages) if "made this programme for you" in text]
    assert label == words, (count, label, words)


def test_the_education_heading_is_neutral_without_a_protocol(dublin):
    text = flat(build(dublin, education=["sleeping"]).pdf)
    assert "Learn about your condition" in text


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_an_exercise_without_a_picture_is_laid_out_without_one(dublin, layout):
    built = build(dublin, layout=layout, exercises=["table_slide", "pendulum"])
    assert built.warnings == ()
    text = flat(built.pdf)
    assert "Table slide" in text and "Slide your hand forward along the table." in text
    assert "Picture not available" not in text


def test_a_photo_turned_by_its_exif_prints_upright():
    from PIL import Image

    from handouts.render import pictures

    path = DUBLIN / "images" / "band_external_rotation.jpg"
    with Image.open(path) as stored:
        assert stored.width > stored.height  # the phone stored it sideways
        assert stored.getexif().get(0x0112) == 6
    loaded = pictures.load(path, 300, 300)
    assert loaded.height > loaded.width  # a person standing up


def test_positions_order_known_ones_first_then_the_clinics_alphabetically():
    positions = ["walking", "standing", "on a step", "lying", "balance board", "side-lying",
                 "sitting", "kneeling", "prone"]
    assert sorted(positions, key=position_rank) == [
        "lying", "side-lying", "prone", "kneeling", "sitting", "standing", "walking",
        "balance board", "on a step"]


def test_by_position_puts_a_clinics_own_position_after_the_known_ones(tmp_path):
    library = (DUBLIN / "exercises.yaml").read_text(encoding="utf-8").replace(
        "position: walking", "position: on the stairs")
    home = clinic_folder(tmp_path, **{"exercises.yaml": library})
    ws = api.open_workspace(home=home)
    built = build(ws, exercises=["walking", "sleeper_stretch", "pendulum"], order="by_position")
    assert [e.id for e in built.handout.exercises] == ["sleeper_stretch", "pendulum", "walking"]


def test_list_shows_the_clinics_own_tags():
    result = run("--home", str(DUBLIN), "list", "--tag", "cardio")
    assert result.exit_code == 0, result.output
    assert "walking" in result.stdout and "pendulum" not in result.stdout


def test_home_from_the_environment_builds_with_that_clinic(tmp_path):
    out = tmp_path / "a.pdf"
    result = run("build", str(DUBLIN / "examples" / "aoife-byrne.yaml"), "-o", str(out),
                 env={"HANDOUTS_HOME": str(DUBLIN)})
    assert result.exit_code == 0, result.output
    assert "Liffey Physiotherapy" in flat(out.read_bytes())


def test_an_unknown_id_names_the_library_it_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("--home", "examples/dublin-shoulder", "build", "--patient", "P",
                 "--exercise", "pendulm", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert result.stderr == ('error: options: exercises[pendulm]: unknown exercise "pendulm" in '
                             'examples/dublin-shoulder/exercises.yaml; did you mean '
                             '"pendulum"?\n')


def test_home_that_is_no_folder_is_one_clear_line(tmp_path):
    result = run("--home", str(tmp_path / "nowhere"), "list")
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'nowhere'}: no such folder (from --home or " \
                            "HANDOUTS_HOME)\n"


def test_two_clinics_in_one_process_keep_their_own_words(dublin, ws, tmp_path):
    other = clinic_folder(tmp_path, **{"strings.en.yaml": 'call_us: "Give us a bell"\n'})
    assert "Questions? Ring us" in flat(build(dublin).pdf)
    assert "Give us a bell" in flat(build(api.open_workspace(home=other)).pdf)
    jane = api.load_program(ROOT / "examples" / "jane-doe.yaml", ws)
    assert "Questions? Call us" in flat(api.build_handout(jane, ws).pdf)


def test_a_wording_file_added_or_removed_is_seen_by_a_process_that_runs_on(tmp_path):
    """The web app runs for days: a template of the clinic's own, added beside the package's,
    was not seen once a handout had used the package's (jinja2 kept the template it found
    first), so its handouts kept the old words and the old id; removed, the package's is
    used again."""
    home = clinic_folder(tmp_path)
    before = build(api.open_workspace(home=home))
    assert "Do this for 1" in flat(before.pdf)
    own = home / "templates" / "en" / "dose.txt"
    own.parent.mkdir(parents=True)
    own.write_text((TEMPLATES / "en" / "dose.txt").read_text(encoding="utf-8").replace(
        "Do this {%", "Keep doing this {%"), encoding="utf-8")
    after = build(api.open_workspace(home=home))
    assert "Keep doing this for 1" in flat(after.pdf)
    assert after.handout.handout_id != before.handout.handout_id
    assert all(f"Handout {after.handout.handout_id}" in page for page in flat_texts(after.pdf))
    own.unlink()
    again = build(api.open_workspace(home=home))
    assert "Keep doing" not in flat(again.pdf) and "Do this for 1" in flat(again.pdf)
    assert again.handout.handout_id == before.handout.handout_id


def spanish_as(code: str, more: str = "") -> dict[str, str]:
    """The package's Spanish wording and templates as a clinic's own language ``code``, its
    "Sus ejercicios" heading marked with the code, and ``more`` keys in its wording file."""
    files = {f"strings.{code}.yaml": (TEMPLATES / "es" / "strings.yaml").read_text(
        encoding="utf-8").replace("Sus ejercicios", f"Ejercicios {code.upper()}") + more}
    for template in (TEMPLATES / "es").glob("*.*"):
        if template.name != "strings.yaml":
            files[f"templates__{code}__{template.name}"] = template.read_text(encoding="utf-8")
    return files


def test_a_new_language_is_files_only(tmp_path):
    # "xx": a copy of the Spanish wording under a code the package does not have
    home = clinic_folder(tmp_path, **spanish_as("xx"))
    ws = api.open_workspace(home=home)
    assert "xx" in ws.languages
    text = flat(build(ws, language="xx", exercises=["wall_slides"]).pdf)
    assert "Ejercicios XX" in text and "3 series de 10" in text
    result = run("--home", str(home), "check")
    assert result.exit_code == 0, result.output


def test_a_translation_into_a_language_without_wording_is_told_at_check_and_build(tmp_path):
    """exercises.ga.yaml alone once checked clean, and the build then refused "ga" with no
    word of why: the handouts' own words (headings, labels, doses) are files too."""
    home = clinic_folder(tmp_path, **{"exercises.ga.yaml": "language: ga\nexercises:\n"
                                                           "  pendulum: {title: Luascadán}\n"})
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 0, checked.output
    assert checked.stderr == (
        f'warning: {home.resolve() / "exercises.ga.yaml"}: translates the library into "ga", '
        "but the handouts have no words of their own in it (headings, labels, doses), so no "
        "handout can print in it; add strings.ga.yaml and templates/ga/ to the clinic's "
        "folder (docs/library.md: The clinic's own wording)\n")
    built = run("--home", str(home), "build", "--patient", "Test Patient", "--exercise",
                "pendulum", "--language", "ga", "-o", str(tmp_path / "ga.pdf"))
    assert (built.exit_code, built.stderr) == (1, (
        'error: options: language: no handouts in "ga" yet; use one of en, es; or give the '
        "handouts words in it: strings.ga.yaml and templates/ga/ in the clinic's folder "
        "(docs/library.md: The clinic's own wording)\n"))


def test_a_language_of_the_clinic_s_own_without_its_templates_is_told_by_check(tmp_path):
    """strings.xx.yaml alone checked clean, and every build in "xx" then failed with "no
    wording for language xx (available: ..., xx)"; each template is named where it goes."""
    home = clinic_folder(tmp_path, **{"strings.xx.yaml": spanish_as("xx")["strings.xx.yaml"]})
    said = [f"error: {home / 'templates' / 'xx' / name}: missing: \"xx\" has wording, but a "
            f"handout in it needs this template too; copy handouts/words/templates/en/{name} "
            "here and translate it" for name in ("dose.txt", "frequency.txt")]
    checked = run("--home", str(home), "check")
    lines = checked.stderr.splitlines()
    assert (checked.exit_code, [line for line in lines if not line.startswith("warning: ")]) \
        == (1, [*said, "2 problems found."])
    # the Spanish copied as "xx": its reading words and examples are still Spanish's
    warned = [line.split(": ") for line in lines if line.startswith("warning: ")]
    assert [(said[1].rpartition(":")[0], said[2]) for said in warned] == [
        (str(home / "strings.xx.yaml"), key)
        for key in ("read_how_often", "read_units", "check_examples")]
    built = run("--home", str(home), "build", "--patient", "Test Patient", "--exercise",
                "pendulum", "--language", "xx", "-o", str(tmp_path / "xx.pdf"))
    assert (built.exit_code, built.stderr) == (1, said[0] + "\n")


def test_a_language_with_a_three_letter_code_is_files_only(tmp_path):
    """Hmong, Karen, Dari and Cantonese have no two-letter code; "hmn" here is a copy of the
    Spanish wording and a one-title translation, printed from a program, the command line and
    checked clean. A stray ``direction:`` is a setting, not an unknown key."""
    home = clinic_folder(tmp_path, **spanish_as("hmn", "direction: left-to-right\n"),
                         **{"exercises.hmn.yaml": "language: hmn\nexercises:\n  wall_slides:\n"
                                                  "    title: Wall slides HMN\n"})
    ws = api.open_workspace(home=home)
    assert "hmn" in ws.languages
    built = build(ws, language="hmn", exercises=["wall_slides"])
    assert built.warnings and "Ejercicios HMN" in flat(built.pdf)
    assert "Wall slides HMN" in flat(built.pdf)
    result = run("--home", str(home), "build", "--patient", "Test Patient", "--exercise",
                 "wall_slides", "--language", "hmn, en", "-o", str(tmp_path / "two.pdf"))
    assert result.exit_code == 0, result.output
    assert "Wall slides HMN" in flat((tmp_path / "two.pdf").read_bytes())
    result = run("--home", str(home), "check")
    assert result.exit_code == 0, result.output
    assert "direction" not in result.stderr
    # four letters is no code; the message says what is
    result = run("--home", str(home), "build", "--patient", "Test Patient", "--exercise",
                 "wall_slides", "--language", "hmng", "-o", str(tmp_path / "bad.pdf"))
    assert result.exit_code == 1
    assert '"hmng" is not a language code: use its ISO 639 code, two lower-case letters ' \
           "(es) or three where it has no two (hmn)" in result.stderr


def test_a_copy_of_the_library_beside_it_is_one_clear_line_not_a_translation(tmp_path):
    """``exercises.v2.yaml`` has no language code in its name and is left alone; a copy named
    ``exercises.old.yaml`` reads as a three-letter code, so it is named in one line that says
    why it was read and how to keep it, not in five lines about a translation's keys."""
    library = (DUBLIN / "exercises.yaml").read_text(encoding="utf-8")
    home = clinic_folder(tmp_path, **{"exercises.v2.yaml": library})
    result = run("--home", str(home), "check")
    assert result.exit_code == 0, result.output
    (home / "exercises.old.yaml").write_text(library, encoding="utf-8")
    result = run("--home", str(home), "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f'error: {home / "exercises.old.yaml"}:1: is read as the library\'s translation into '
        '"old", as its name says, but it has no language: key; give it one, or rename the '
        "file (e.g. exercises-old.yaml) if it is no translation")
    assert result.stderr.count("error:") == 1


def test_check_names_a_wording_key_the_clinic_misspelt_or_lacks(tmp_path):
    spanish = spanish_as("xx")
    spanish["strings.xx.yaml"] = spanish["strings.xx.yaml"].replace(
        'continued: "(continuación)"\n', "")
    home = clinic_folder(tmp_path, **{"strings.en.yaml": 'cal_us: "Ring us"\n'}, **spanish)
    result = run("--home", str(home), "check")
    assert result.exit_code == 1
    assert f'error: {home / "strings.en.yaml"}:1: cal_us: unknown wording key "cal_us"; did ' \
           'you mean "call_us"?' in result.stderr
    assert f'error: {home / "strings.xx.yaml"}: no wording for "continued"; add it, translated ' \
           'from the package\'s English: continued: "(continued)"' in result.stderr


def test_a_wording_file_with_few_of_the_keys_is_one_line(tmp_path):
    """``strings.old.yaml``, a copy of the clinic's few English changes, reads as a language
    of its own; one line says so, not a line for each of some fifty keys."""
    home = clinic_folder(tmp_path, **{"strings.old.yaml": 'call_us: "Ring us"\n'})
    result = run("--home", str(home), "check")
    assert result.exit_code == 1
    assert result.stderr.count("error:") == 1
    known = len(api.wording("en"))
    assert f'error: {home / "strings.old.yaml"}: has wording for 1 of the {known} keys; a ' \
           "language of the clinic's own needs them all (copy handouts/words/templates/en/" \
           'strings.yaml and translate it); if "old" is no language, rename the file (e.g. ' \
           "strings-old.yaml)" in result.stderr


# A clinic's own wording file, written wrong in the ways a person does: each gives one
# line with the file, line and key, at `build` and at `check`, never a traceback
BAD_WORDING = {
    "an unclosed template": ('call_us: "Ring us"\ndocument_title: "Plan for {{ patient"\n', 2,
                             "document_title: is not a template that can be filled in "
                             "(unexpected end of template, expected 'end of print "
                             "statement'.); write {{ name }} where the handout puts in a value"),
    "a number": ('document_title: 42\n', 1, 'document_title: must be text; put it in quotes '
                 '("...") if it reads as a number or yes/no'),
    "too few months": ('months: [Jan, Feb]\n', 1, "months: must be a list of 12 texts, in "
                       "order, as in the package's wording"),
    "an alias": ('a: &x Plan\ndocument_title: *x\n', 1, "YAML anchors and aliases (&name, "
                 "*name) are not allowed; write each value out in full"),
    "a direction": ('call_us: "Ring us"\ndirection: rtl\n', 2, 'direction: "rtl" is not a '
                    "direction; use left-to-right or right-to-left"),
    # found by fuzzing a clinic's files: each of these built (a tag's text printed as if
    # nothing were wrong), or failed deep in the layout (a long one)
    "a tag": ('call_us: !!python/object:os.system "Ring us"\n', 1,
              "call_us: the tag !!python/object:os.system is not allowed; remove it"),
    "a long text": (f'call_us: "{"Ring us " * 2000}"\n', 1, "call_us: is 16,000 characters "
                    "long; a wording may have at most 300; shorten it"),
    "a long month": (f"months: [{'Jan' * 200}, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, "
                     "Nov, Dec]\n", 1, "months: is 600 characters long; a wording may have at "
                     "most 300; shorten it"),
    # a sum that cannot be done: `check` said OK, and every build ended in a traceback
    "a number and a word added": ('call_us: "Ring us"\nsession_minutes: "About {{ minutes + '
                                  "' minutes' }}.\"\n", 2, "session_minutes: cannot be filled "
                                  "in (unsupported operand type(s) for +: 'int' and 'str'); "
                                  "this wording may use {{ minutes }}"),
}


@pytest.mark.parametrize("mistake", BAD_WORDING)
def test_a_mistake_in_the_clinics_wording_is_one_line_at_build_and_check(tmp_path, mistake):
    content, line, message = BAD_WORDING[mistake]
    home = clinic_folder(tmp_path, **{"strings.en.yaml": content})
    own = home / "strings.en.yaml"
    built = run("--home", str(home), "build", str(home / "examples" / "aoife-byrne.yaml"),
                "-o", str(tmp_path / "a.pdf"))
    assert built.exit_code == 1
    assert built.stderr == f"error: {own}:{line}: {message}\n"
    assert not (tmp_path / "a.pdf").exists()
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 1
    assert f"error: {own}:{line}: {message}\n" in checked.stderr


def test_a_mistyped_template_of_the_clinics_is_one_line_at_build_and_check(tmp_path):
    home = clinic_folder(tmp_path, **{"templates__en__dose.txt":
                                      "{% if dose.hold %}Hold {{ dose.hold\n"})
    said = (f"error: {home / 'templates' / 'en' / 'dose.txt'}:1: not a template that can be "
            "filled in (unexpected end of template, expected 'end of print statement'.)\n")
    built = run("--home", str(home), "build", str(home / "examples" / "aoife-byrne.yaml"),
                "-o", str(tmp_path / "a.pdf"))
    assert (built.exit_code, built.stderr) == (1, said)
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 1 and said in checked.stderr


@pytest.mark.parametrize("mistake, line, said", [
    # a dose has no "hodl": named as the clinic would say it, not as Python's class
    ("{{ dose.hodl.span }}", 2, 'the dose has no "hodl"'),
    # sums that cannot be done: a traceback at `check` and at every build
    ("{{ dose + 1 }}", 2, "unsupported operand type(s) for +: 'Dose' and 'int'"),
    ("{{ 1 // 0 }}", 2, "integer division or modulo by zero"),
])
def test_a_template_of_the_clinics_that_cannot_be_filled_in_is_one_line_at_build_and_check(
        tmp_path, mistake, line, said):
    package = ROOT / "handouts" / "words" / "templates" / "en" / "dose.txt"
    home = clinic_folder(tmp_path, **{"templates__en__dose.txt": "{% if dose %}\n" + mistake
                                      + "\n{% endif %}\n"
                                      + package.read_text(encoding="utf-8")})
    told = (f"error: {home / 'templates' / 'en' / 'dose.txt'}:{line}: cannot be filled in "
            f"({said}); compare it with the package's handouts/words/templates/en/dose.txt\n")
    built = run("--home", str(home), "build", str(home / "examples" / "aoife-byrne.yaml"),
                "-o", str(tmp_path / "a.pdf"))
    assert (built.exit_code, built.stderr) == (1, told)
    assert not (tmp_path / "a.pdf").exists()
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 1 and told in checked.stderr
    assert "Traceback" not in checked.output + built.output


def test_wording_that_fills_in_a_value_it_is_never_given_is_named(tmp_path):
    """A misspelt value: `check` warns (another key may be given more), `build` stops."""
    home = clinic_folder(tmp_path, **{"strings.en.yaml": 'call_us: "Ring us"\n'
                                      'session_minutes: "About {{ minuts }} minutes."\n'})
    own = home / "strings.en.yaml"
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 0
    assert (f"warning: {own}:2: session_minutes: fills in {{{{ minuts }}}}, which the "
            "handout does not give this wording; it may use {{ minutes }}\n") in checked.stderr
    built = run("--home", str(home), "build", str(home / "examples" / "aoife-byrne.yaml"),
                "-o", str(tmp_path / "a.pdf"))
    assert built.exit_code == 1
    assert built.stderr == (f"error: {own}:2: session_minutes: cannot be filled in ('minuts' "
                            "is undefined); this wording may use {{ minutes }}\n")


def test_a_missing_picture_is_a_check_error_on_its_line(tmp_path):
    library = (DUBLIN / "exercises.yaml").read_text(encoding="utf-8").replace(
        "images/pendulum.svg", "images/pendullum.svg")
    home = clinic_folder(tmp_path, **{"exercises.yaml": library})
    result = run("--home", str(home), "check")
    assert result.exit_code == 1
    line = library.splitlines().index("  image: images/pendullum.svg") + 1
    assert result.stderr.startswith(
        f'error: {home / "exercises.yaml"}:{line}: exercises[pendulum].image: '
        '"images/pendullum.svg": file not found (the path is relative to the library\'s '
        "folder; leave image out for no picture)\n")


def test_check_finds_schema_and_picture_problems_in_one_pass(tmp_path):
    library = (DUBLIN / "exercises.yaml").read_text(encoding="utf-8").replace(
        "images/pendulum.svg", "images/gone.svg").replace("kind: cardio", "kind: Cardio!")
    home = clinic_folder(tmp_path, **{"exercises.yaml": library})
    result = run("--home", str(home), "check")
    assert result.exit_code == 1
    assert '"Cardio!" is not a lowercase word or words' in result.stderr
    assert '"images/gone.svg": file not found' in result.stderr


@pytest.mark.parametrize("locale, day_first", [(None, False), ("en-US", False),
                                               ("en-IE", True), ("es-MX", True)])
def test_a_roster_reads_dates_in_the_clinics_order(dublin, tmp_path, locale, day_first):
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date\nA Patient,after_shoulder_surgery,03/12/2026\n",
                      encoding="utf-8")
    clinic = dublin.clinic.model_copy(update={"locale": locale})
    assert clinic.day_first is day_first
    row = next(iter(load_roster(roster, dublin.library, day_first=clinic.day_first).rows))
    assert str(row.program.date) == ("2026-12-03" if day_first else "2026-03-12")


def test_the_web_app_offers_the_new_dose_fields_and_saves_with_the_clinics_home(dublin,
                                                                                tmp_path):
    from handouts.web import create_app

    import re

    app = create_app(dublin, programs_dir=tmp_path / "programs")
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    # an exercise without a picture has no thumbnail; a tag of two words stays one tag
    assert "/images/pendulum" in page and "/images/table_slide" not in page
    found = client.get("/search", query_string={"tag": "upper back"}).json["ids"]
    assert found and all("upper back" in dublin.library.exercise(i).tags for i in found)
    html = client.post("/program", data={
        "csrf_token": token, "patient_name": "P", "ex-0-id": "wall_slides",
        "ex-0-tempo": "2 s up", "action": "save", "file_name": "p"},
        follow_redirects=True).get_data(as_text=True)  # Post/Redirect/Get
    for field in ("tempo", "effort", "resistance", "distance", "range"):
        assert f'name="ex-0-{field}"' in html
    saved = (tmp_path / "programs" / "p.yaml").read_text(encoding="utf-8")
    assert f"make_handouts.py --home {DUBLIN} build" in saved
    assert "tempo: 2 s up" in saved


def test_the_email_speaks_the_clinics_english(dublin):
    from email.headerregistry import Address

    from handouts.mail.message import compose

    built = build(dublin, patient={"name": "Test Patient", "email": "test@example.com"})
    message = compose(built.handout, built.pdf, built.filename,
                      sender=Address("Liffey Physiotherapy", addr_spec="hello@liffey.example"))
    plain = message.get_body(("plain",)).get_content()
    assert "Here is your home exercise programme from Liffey Physiotherapy. " in plain
    assert " made it for you on 3 December 2026." in plain
    assert "Your programme at a glance:" in plain
    assert "program " not in plain
    assert message["Subject"] == "Your home exercise programme from Liffey Physiotherapy"


def test_the_plain_language_check_knows_the_librarys_own_terms(tmp_path):
    library = (DUBLIN / "exercises.yaml").read_text(encoding="utf-8").replace(
        "  - Slide back to the start.\n",
        "  - Slide back to the start.\n  - Do a knee extension.\n  - Protect your ACL.\n"
        "  - Rest your meniscus.\n").replace(
        "terms:\n", "terms:\n  meniscus: a cushion inside the knee\n")
    # the Spanish gives the new steps too: a list of another length is an error of its own
    spanish = (DUBLIN / "exercises.es.yaml").read_text(encoding="utf-8").replace(
        "    - Deslice la mano hacia atrás, hasta el inicio.\n",
        "    - Deslice la mano hacia atrás, hasta el inicio.\n    - Estire la rodilla.\n"
        "    - Proteja su LCA.\n    - Descanse el menisco.\n")
    home = clinic_folder(tmp_path, **{"exercises.yaml": library, "exercises.es.yaml": spanish})
    result = run("--home", str(home), "check")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "without explaining" in line]
    assert len(warnings) == 2, result.stderr
    assert 'uses "acl" without explaining it; add a plain explanation, e.g. "acl (a ligament ' \
           'that holds the knee steady)"' in warnings[0] + warnings[1]
    assert 'e.g. "meniscus (a cushion inside the knee)"' in warnings[0] + warnings[1]
    # "extension" is the back library's word, not a knee clinic's
    assert "extension" not in result.stderr


@pytest.mark.parametrize("locale, british", [
    ("en-AU", True), ("en-NZ", True), ("en-ZA", True), ("en-IN", True), ("en-GB", True),
    ("en-CA", False), ("en-US", False), ("es-MX", True), ("es-US", False), (None, False)])
def test_english_outside_the_us_way_of_writing_it_is_british(ws, locale, british):
    """A locale with no wording of its own in the package: an Australian clinic's English
    handout reads 3 December 2026 and programme, as a British one does (it read the US way);
    a Canadian one stays the US way. The country decides, whatever the locale's language: a
    Mexican clinic's English handout is written as en-MX's is, the British way (it read the
    US way), a Spanish-speaking US clinic's the US way (tests/test_english_abroad.py)."""
    import dataclasses

    there = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"locale": locale}))
    text = flat(build(there, exercises=("child_pose",)).pdf)
    assert ("3 December 2026" in text and "Home exercise programme" in text) == british
    assert ("December 3, 2026" in text and "Home exercise program " in text) == (not british)


def test_long_doses_take_the_summary_s_width_and_page_1_holds_it_whole(dublin):
    """This clinic's doses run long ("Rest 30 seconds between sets · How hard: 5 out of 10 ·
    …") and its titles short: the summary's columns share the width as the text needs, so
    that page 1, the page for the fridge, holds all five rows (with fixed shares the fifth
    went on to page 2)."""
    built = build(dublin, exercises=("pendulum", "table_slide", "shoulder_blade_squeeze",
                                     "band_external_rotation", "walking"))
    first = flat_texts(built.pdf)[0]
    for e in built.handout.exercises:
        assert f"{e.number}. {e.title}" in first


def test_a_long_word_in_a_title_gets_table_columns_that_hold_it(tmp_path):
    """Large print on Letter: "Hüftbeugerdehnungsübung" is wider than the summary's 38% and
    the log's 40% of the width, which broke it in two in both tables, letter by letter;
    wider columns hold it on a line. Beside its number ("2.") it is split at a syllable with
    a hyphen (render/hyphens.py: a number alone above it read as a line left empty)."""
    home = clinic_folder(tmp_path)
    library = home / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "title: Walking", "title: Hüftbeugerdehnungsübung im Stehen"), encoding="utf-8")
    ws = api.open_workspace(home=home)
    ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": "Letter"}))
    pages = page_texts(build(ws, layout="large_print", exercises=("pendulum", "walking")).pdf)
    [summary] = [p for p in pages if "Your programme at a glance" in p]
    [log] = [p for p in pages if "Your exercise log" in p]
    for table in (summary, log):
        assert "Hüftbeugerdehnungsübung" in table.replace("-\n", ""), table
        # never cut without a hyphen: the first part ends its line with one
        assert not re.search(r"Hüft\w*\n", table), table


def test_wording_too_long_for_a_page_is_one_line_not_a_traceback(tmp_path):
    """Within the length a wording may have, a column head of large print's log can still
    outgrow a page (found by fuzzing: reportlab's LayoutError traceback); one line, no file."""
    home = clinic_folder(tmp_path, **{"strings.en.yaml": f'col_often: "{("Word " * 60)[:300]}"\n'})
    built = run("--home", str(home), "build", str(home / "examples" / "aoife-byrne.yaml"),
                "--layout", "large_print", "-o", str(tmp_path / "a.pdf"))
    assert built.exit_code == 1
    assert built.stderr == ("error: this handout cannot be laid out: one part of it is taller "
                            "than a page; look for a very long text in the clinic's own "
                            "wording (strings.*.yaml) or in the program (its note), and "
                            "shorten it, or try another layout\n")
    assert not (tmp_path / "a.pdf").exists()
