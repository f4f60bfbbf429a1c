"""``{emergency}`` is the clinic's emergency number wherever a patient reads words a clinic
wrote, not in the library's texts alone: clinic.yaml's tagline and disclaimer, a program's
note, an exercise's note in a program and the program's own dose words. They printed the
token as typed, and ``check`` told a clinic to write its number there instead. ``check``
reads these places as it reads the library: as they print, and a brace that is not the
token, which prints as typed, is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, page_texts
from handouts.cli import main

JANE = ROOT / "examples" / "jane-doe.yaml"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def uk(tmp_path) -> Path:
    """The shipped library and clinic file, the clinic in the UK (999), its tagline and
    disclaimer written with the token, and Jane's program with it in her note, her child's
    pose note and its own dose words."""
    for name in ("exercises.yaml", "exercises.es.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "images", tmp_path / "images")
    clinic = (ROOT / "clinic.yaml").read_text(encoding="utf-8")
    for old, new in (("  en: Holistic pain relief in St. Louis",
                      "  en: Pain relief in St. Louis; in an emergency call {emergency}"),
                     ("an emergency, call 911.", "an emergency, call {emergency}."),
                     ("una emergencia, llame al 911.", "una emergencia, llame al {emergency}.")):
        assert old in clinic, old
        clinic = clinic.replace(old, new)
    (tmp_path / "clinic.yaml").write_text(clinic + "locale: en-GB\n", encoding="utf-8")
    program = JANE.read_text(encoding="utf-8")
    for old, new in (("Go only as far as is comfortable.", "Call {emergency} if you faint."),
                     ("dose: {hold: 30 s, reps: 3}",
                      "dose: {hold: 30 s, reps: 3, effort: 'easy; dial {emergency} if you "
                      "feel faint'}"),
                     ("note: Start gently.", "note: Start gently. Chest pain? Ring {emergency}.")):
        assert old in program, old
        program = program.replace(old, new)
    (tmp_path / "jane.yaml").write_text(program, encoding="utf-8")
    return tmp_path


def _check(home: Path, *programs: str):
    return run("--library", str(home / "exercises.yaml"), "--clinic", str(home / "clinic.yaml"),
               "check", *(str(home / p) for p in programs))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_clinic_file_and_a_program_print_the_clinics_number_and_check_clean(uk):
    out = uk / "jane.pdf"
    built = run("--library", str(uk / "exercises.yaml"), "--clinic", str(uk / "clinic.yaml"),
                "build", str(uk / "jane.yaml"), "-o", str(out))
    assert built.exit_code == 0, built.output
    text = " ".join(" ".join(page.split()) for page in page_texts(out.read_bytes()))
    for said in ("in an emergency call 999",  # the tagline
                 "If you think you have an emergency, call 999.",  # the disclaimer
                 "Chest pain? Ring 999.",  # the program's note
                 "Call 999 if you faint.",  # the exercise's note in the program
                 "dial 999 if you feel faint"):  # the program's own dose words
        assert said in text, (said, text)
    assert "{emergency}" not in text, text
    # check reads them as they print: the clinic's own number, and the token no stray brace
    checked = _check(uk, "jane.yaml")
    assert checked.exit_code == 0, checked.output
    assert "emergency" not in checked.stderr, checked.stderr


def test_check_offers_the_token_for_another_countrys_number_in_a_program(uk):
    """A program file's note and dose words are checked as the library's texts are: "Call
    911" in a UK clinic's program was never warned of."""
    _edit(uk / "jane.yaml", "Ring {emergency}.", "Ring 911.")
    _edit(uk / "jane.yaml", "dial {emergency}", "dial 911")
    _edit(uk / "clinic.yaml", "call {emergency}.", "call 911.")
    checked = _check(uk, "jane.yaml")
    assert checked.exit_code == 0, checked.output
    said = [line for line in checked.stderr.splitlines() if "emergency number" in line]
    number = "names an emergency number that is not this clinic's (locale en-GB: 999); write"
    assert said == [
        f'warning: {uk / "clinic.yaml"}:16: disclaimer.en: "call 911" {number} '
        '"call {emergency}", which prints 999',
        f'warning: {uk / "jane.yaml"}:11: exercises[child_pose].dose.effort: "dial 911" '
        f'{number} "dial {{emergency}}", which prints 999',
        f'warning: {uk / "jane.yaml"}:14: note: "Ring 911" {number} "Ring {{emergency}}", '
        'which prints 999'], checked.stderr


def test_check_names_a_brace_that_prints_as_typed(uk):
    """Only ``{emergency}`` is replaced: a misspelt token, or one written as for a wording
    template, printed as typed in the handout with no word from check."""
    _edit(uk / "clinic.yaml", "call {emergency}.", "call {Emergency}.")
    _edit(uk / "jane.yaml", "Ring {emergency}.", "Ring {{ emergency }}.")
    _edit(uk / "exercises.yaml", "  - Slowly rock forward to the start.",
          "  - Slowly rock forward; call {emergancy} if you faint.")
    checked = _check(uk, "jane.yaml")
    assert checked.exit_code == 0, checked.output
    said = [line for line in checked.stderr.splitlines() if "prints as typed" in line]
    only = ("prints as typed; only {emergency} (the clinic's emergency number) and {phone} "
            "(the clinic's phone) are put in")
    assert said == [
        f'warning: {uk / "exercises.yaml"}:23: exercises[child_pose].steps[5]: "{{emergancy}}" '
        + only,
        f'warning: {uk / "clinic.yaml"}:16: disclaimer.en: "{{Emergency}}" ' + only,
        f'warning: {uk / "jane.yaml"}:14: note: "{{{{ emergency }}}}" ' + only], checked.stderr
