"""`check` names every problem it can find in every file in one run (README: "every problem,
not just the first"): a library writer fixes a batch, runs it again, and finds nothing new
that was there all along. Each clinic here is a copy of the Dublin example, written wrong
in several ways at once."""

from __future__ import annotations

import builtins
import io
import os
import shutil
import textwrap
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from handouts.cli import main

from conftest import ROOT

DUBLIN = ROOT / "examples" / "dublin-shoulder"


def clinic(tmp_path: Path, **files: str) -> Path:
    """A copy of the Dublin clinic, with some files added or replaced."""
    home = tmp_path / "clinic"
    shutil.copytree(DUBLIN, home)
    for name, content in files.items():
        (home / name).write_text(textwrap.dedent(content), encoding="utf-8")
    return home


def check(home: Path, *programs: Path) -> list[str]:
    result = CliRunner().invoke(main, ["--home", str(home), "check", *map(str, programs)],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


# the language, a misspelt key, a number for text, and ids the library lacks: once only the
# keys and types were reported, the rest after they were fixed
TRANSLATION = """\
    language: en
    exercises:
      pendulum:
        titel: Balanceo
      band_external_rotation:
        effort: 5
      ghost_ex:
        title: Fantasma
    protocols:
      nope_protocol:
        title: Nada
    """


def test_a_translation_s_every_problem_in_one_run(tmp_path):
    home = clinic(tmp_path, **{"exercises.es.yaml": TRANSLATION})
    es = home / "exercises.es.yaml"
    expected = [
        f'error: {es}:1: language: "en" does not match the file name; use "es"',
        f'error: {es}:4: exercises.pendulum.titel: unknown key "titel"; did you mean "title"?',
        f"error: {es}:6:13: exercises.band_external_rotation.effort: expected text, got the "
        'number 5; write it in quotes: "5"',
        f'error: {es}:7: exercises.ghost_ex: unknown exercise "ghost_ex"; it is not in the '
        "library",
        f'error: {es}:10: protocols.nope_protocol: unknown protocol "nope_protocol"; it is not '
        "in the library",
    ]
    assert check(home) == [*expected, "5 problems found."]
    # a library with a problem of its own still has its ids to look the translation's up in
    library = home / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "  title: Pendulum swings", "  titel: Pendulum swings"), encoding="utf-8")
    lines = check(home)
    assert lines[:5] == expected and len(lines) == 7
    assert lines[5] == (f'error: {library}:8: exercises[pendulum].titel: unknown key "titel"; '
                        'did you mean "title"?')


def broken_hebrew() -> str:
    """The Hebrew test clinic's wording with a number for text, a template left open and a
    direction that is none (once all that was reported), and a key left out, a key
    misspelt and a value filled in that the handout never gives (reported only once those
    three were fixed)."""
    text = (ROOT / "tests" / "clinics" / "hebrew" / "strings.he.yaml").read_text(
        encoding="utf-8")
    for old, new in (('call_us: "שאלות? התקשרו אלינו"', "call_us: 5"),
                     ("{{ minutes }} דקות.", "{{ minutes"),
                     ('col_dose: "כמה"\n', ""),
                     ("col_often:", "col_oftn:"),
                     ('therapist_note: "הערה מהמטפל שלכם"', 'therapist_note: "{{ nobody }}"')):
        assert old in text
        text = text.replace(old, new)
    return text + "direction: sideways\n"


def test_a_clinic_wording_file_s_every_problem_in_one_run(tmp_path):
    home = clinic(tmp_path, **{"strings.he.yaml": broken_hebrew()})
    shutil.copytree(ROOT / "tests" / "clinics" / "hebrew" / "templates", home / "templates")
    he = home / "strings.he.yaml"
    text = he.read_text(encoding="utf-8").splitlines()

    def at(start: str) -> int:
        return next(i for i, line in enumerate(text, 1) if line.startswith(start))

    assert check(home) == [
        f"warning: {he}:{at('therapist_note')}: therapist_note: fills in {{{{ nobody }}}}, "
        "which the handout does not give this wording; it may use no {{ ... }}",
        f'error: {he}: no wording for "col_dose"; add it, translated from the package\'s '
        'English: col_dose: "How much"',
        f"error: {he}:{at('call_us')}: call_us: must be text; put it in quotes (\"...\") if it "
        "reads as a number or yes/no",
        f"error: {he}:{at('col_oftn')}: col_oftn: unknown wording key \"col_oftn\"; did you "
        'mean "col_often"?',
        f"error: {he}:{at('session_minutes')}: session_minutes: is not a template that can be "
        "filled in (unexpected end of template, expected 'end of print statement'.); write "
        "{{ name }} where the handout puts in a value",
        f"error: {he}:{at('direction')}: direction: \"sideways\" is not a direction; use "
        "left-to-right or right-to-left",
        "5 problems found.",
    ]


def test_each_file_is_checked_while_another_does_not_open(tmp_path):
    """A library that does not validate once hid every problem of the clinic's wording, its
    logo, its figure files and the program files named: they are read as written, and told
    in the same run (a program's own keys and values; its ids wait for the library)."""
    figure = (ROOT / "images" / "child_pose.figure.yaml").read_text(encoding="utf-8")
    home = clinic(tmp_path, **{"strings.en.yaml": "call_us: 5\n",
                               "pendulum.figure.yaml": figure + "bogus: 1\n"})
    library, clinic_file = home / "exercises.yaml", home / "clinic.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "  title: Pendulum swings", "  titel: Pendulum swings").replace(
        "image: images/pendulum.svg", "image: pendulum.figure.yaml"), encoding="utf-8")
    clinic_file.write_text(clinic_file.read_text(encoding="utf-8").replace(
        "logo: images/logo.svg", "logo: images/gone.svg"), encoding="utf-8")
    program = tmp_path / "program.yaml"
    program.write_text("patient: {name: Ann Example}\nexercises: [pendulum]\nlayout: tiny\n",
                       encoding="utf-8")
    lines = check(home, program)
    figure_line = len(figure.splitlines()) + 1
    for expected in (
            f'error: {library}:8: exercises[pendulum].titel: unknown key "titel"',
            f"error: {home / 'pendulum.figure.yaml'}:{figure_line}: bogus: unknown key",
            f'error: {clinic_file}:10: logo: "images/gone.svg": file not found',
            f"error: {home / 'strings.en.yaml'}:1: call_us: must be text",
            f'error: {program}:3: layout: "tiny" is not allowed'):
        assert any(line.startswith(expected) for line in lines), expected


def test_a_home_that_is_no_folder_is_one_line_from_check(tmp_path):
    result = CliRunner().invoke(main, ["--home", str(tmp_path / "nowhere"), "check"])
    assert (result.exit_code, result.output) == (
        1, f"error: {tmp_path / 'nowhere'}: no such folder (from --home or HANDOUTS_HOME)\n")


def test_a_logo_that_leads_outside_is_told_at_its_line_by_check_and_build(tmp_path):
    home = clinic(tmp_path)
    outside = tmp_path / "elsewhere.svg"
    shutil.copy(home / "images" / "logo.svg", outside)
    (home / "images" / "logo.svg").unlink()
    (home / "images" / "logo.svg").symlink_to(outside)
    said = (f'error: {home / "clinic.yaml"}:10: logo: "images/logo.svg" leads outside the '
            "clinic file's folder (a link?); keep the logo in it")
    assert check(home) == [said, "1 problem found."]
    built = CliRunner().invoke(main, ["--home", str(home), "build", str(home / "examples" /
                                      "aoife-byrne.yaml"), "-o", str(tmp_path / "a.pdf")])
    assert (built.exit_code, built.stderr) == (1, said + "\n")


def test_check_reads_each_program_file_once(tmp_path, monkeypatch):
    """`check` looked into each program file three times where the clinic has templates of
    its own (for its problems, for letters no font draws, for the doses its templates
    print), reading and validating it each time: a clinic's 300 programs were read 900
    times. It reads each once and hands on what it read."""
    home = clinic(tmp_path)
    (home / "templates" / "en").mkdir(parents=True)
    shutil.copy(ROOT / "handouts" / "words" / "templates" / "en" / "dose.txt",
                home / "templates" / "en" / "dose.txt")
    programs = sorted((home / "examples").glob("*.yaml"))
    named = {str(p.resolve()): p.name for p in programs}
    opened: Counter[str] = Counter()
    real = io.open

    def counting(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)):
            opened[named.get(os.path.realpath(file), "")] += 1
        return real(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", counting)  # Path.open's
    monkeypatch.setattr(builtins, "open", counting)
    result = CliRunner().invoke(main, ["--home", str(home), "check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(programs) == 3 and "3 example programs" in result.output
    assert {name: opened[name] for name in named.values()} == {p.name: 1 for p in programs}


# a dose mistyped, a layout misspelt, and ids the library lacks: once the ids were told only
# after the rest was mended (found by a probe of a new clinic)
PROGRAM = """\
    patient: {name: Tom Typo}
    date: 2026-12-07
    protocol: after_shoulder_surgry
    exercises:
      - pendullum
      - id: wall_slides
        dose: {hold: 30 sek, reps: thrice}
    education: [shoulder_pian]
    layout: grand
    """


def test_a_program_s_unknown_ids_are_told_with_its_other_problems(tmp_path):
    home = clinic(tmp_path, **{"typo.yaml": PROGRAM})
    program = home / "typo.yaml"
    said = [line for line in check(home, program) if line.startswith("error:")]
    assert [line.split(": ")[1] for line in said] == [
        f"{program}:3", f"{program}:5", f"{program}:7", f"{program}:7", f"{program}:8",
        f"{program}:9"], said
    assert 'unknown protocol "after_shoulder_surgry"' in said[0]
    assert 'did you mean "after_shoulder_surgery"?' in said[0]
    assert 'unknown exercise "pendullum"' in said[1] and 'did you mean "pendulum"?' in said[1]
    assert "hold" in said[2] and "reps" in said[3]
    assert 'unknown education topic "shoulder_pian"' in said[4]
    assert "layout" in said[5]
    # the same from build, which writes nothing
    result = CliRunner().invoke(main, ["--home", str(home), "build", str(program), "-o",
                                       str(tmp_path / "t.pdf")], catch_exceptions=False)
    assert result.exit_code == 1 and not (tmp_path / "t.pdf").exists()
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == said
