"""``check`` on the emergency number written in digits. A library's "Call 911" prints right
at a US clinic, and said nothing there, though the README has a library write
``{emergency}``: a clinic that copies or shares it abroad prints 911 to its patients. It
is told as a note, once an entry, where the library names the clinic's own number; another
country's number stays a warning. And a number written as US posters spell it ("Call
9-1-1", "9 1 1", "9.1.1") was not seen at all, in a UK clinic's texts as elsewhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from clinic_copy import edit
from conftest import ROOT
from handouts.cli import main

JANE = ROOT / "examples" / "jane-doe.yaml"
SAFETY = "'**Call {emergency} right away if you lose bladder"
SPANISH = "'**Llame al {emergency} de inmediato"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def home(tmp_path) -> Path:
    """The shipped library and its translation, the shipped clinic file (no locale: the US
    way, its disclaimer saying "call 911"), and Jane's program."""
    for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "images", tmp_path / "images")
    shutil.copy(JANE, tmp_path / "jane.yaml")
    return tmp_path


def _said(home: Path, kind: str) -> list[str]:
    """check's lines of ``kind`` (note, warning) of the emergency number."""
    checked = run("--library", str(home / "exercises.yaml"), "--clinic",
                  str(home / "clinic.yaml"), "check", str(home / "jane.yaml"))
    assert checked.exit_code == 0, checked.output
    return [line for line in checked.stderr.splitlines()
            if line.startswith(f"{kind}: ") and "emergency number" in line]


def _line(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_a_library_writing_the_clinics_own_number_is_told_the_token_once_an_entry(home):
    library, spanish = home / "exercises.yaml", home / "exercises.es.yaml"
    edit(library, (SAFETY, "'**Call 911 right away if you lose bladder"),
          # a second text of the same entry: still one line for the entry
          ("    - A leg gets weaker.", "    - A leg gets weaker. Dial 911 if you fall."),
          ("  - Slowly rock forward to the start.", "  - Slowly rock forward; call 911 if "
           "you faint."))
    edit(spanish, (SPANISH, "'**Llame al 911 de inmediato"))
    # the clinic's own texts and a program's are one clinic's: 911 is right there, said once
    edit(home / "jane.yaml", ("Go only as far as is comfortable.", "Call 911 if you faint."))
    said = _said(home, "note")
    own = ("names this clinic's emergency number (no locale, so the US way: 911) in digits, "
           "which a clinic elsewhere that shares or copies the library prints too; write")
    assert said == [
        f'note: {library}:{_line(library, "rock forward; call 911")}: '
        f'exercises[child_pose].steps[5]: "call 911" {own} "call {{emergency}}" so that each '
        "clinic prints its own",
        f'note: {library}:{_line(library, "**Call 911 right")}: '
        f'education[when_to_call].body[1].bullets[1]: "Call 911" {own} "Call {{emergency}}" '
        "so that each clinic prints its own",
        f'note: {spanish}:{_line(spanish, "**Llame al 911")}: '
        f'education.when_to_call.body[1].bullets[1]: "Llame al 911" {own} "Llame al '
        '{emergency}" so that each clinic prints its own'], said
    assert _said(home, "warning") == []


@pytest.fixture()
def uk(home) -> Path:
    clinic = home / "clinic.yaml"
    edit(clinic, ("call 911.", "call 999."), ("llame al 911.", "llame al 999."))
    clinic.write_text(clinic.read_text(encoding="utf-8") + "locale: en-GB\n",
                      encoding="utf-8")
    return home


def test_another_countrys_number_stays_a_warning_and_the_own_one_a_note(uk):
    """A text naming two numbers ("Call 999 or 112", as Irish clinics write theirs) is
    written for the clinic's country, where both are answered: the token is one number."""
    library = uk / "exercises.yaml"
    edit(library, (SAFETY, "'**Call 999 right away if you lose bladder"),
          ("  - Slowly rock forward to the start.", "  - Slowly rock forward; call 911 if "
           "you faint."),
          ("    - Change positions often.", "    - Change positions often. Call 999 or 112 "
           "if you fall."))
    assert [line.split(": ", 3)[-1] for line in _said(uk, "note")] == [
        '"Call 999" names this clinic\'s emergency number (locale en-GB: 999) in digits, '
        "which a clinic elsewhere that shares or copies the library prints too; write "
        '"Call {emergency}" so that each clinic prints its own']
    assert [line.split(": ", 3)[-1] for line in _said(uk, "warning")] == [
        '"call 911" names an emergency number that is not this clinic\'s (locale en-GB: '
        '999); write "call {emergency}" so that each clinic prints its own']


def test_a_number_written_as_posters_spell_it_is_another_countrys_too(uk):
    """9-1-1, 9 1 1 and 9.1.1, each after "call" or alone in bold, in the library, the clinic
    file and a program, as words/languages.emergency_written reads them for the email. A
    text naming the clinic's own number so too ("Call 911 (US) or 9-9-9 (UK)") is left
    alone, and so is a phone number ("call 1-800-911-0000") or a longer one ("call
    9-1-1-2")."""
    library = uk / "exercises.yaml"
    edit(library, (SAFETY, "'**Call 9-1-1 right away if you lose bladder"),
          ("  - Slowly rock forward to the start.", "  - Slowly rock forward; or **9.1.1**."),
          ("    - A leg gets weaker.", "    - A leg gets weaker. Call 911 (US) or 9-9-9 "
           "(UK) if you fall."))
    edit(uk / "clinic.yaml", ("call 999.", "call 9 1 1."))
    edit(uk / "jane.yaml", ("Go only as far as is comfortable.", "Dial 9.1.1 if you faint."),
          ("note: Start gently.", "note: Start gently. Call 1-800-911-0000, or call 9-1-1-2."))
    not_ours = "names an emergency number that is not this clinic's (locale en-GB: 999); write"
    assert [line.split(": ", 3)[-1] for line in _said(uk, "warning")] == [
        f'"**9.1.1**" {not_ours} "**{{emergency}}**" so that each clinic prints its own',
        f'"Call 9-1-1" {not_ours} "Call {{emergency}}" so that each clinic prints its own',
        f'"call 9 1 1" {not_ours} "call {{emergency}}", which prints 999',
        f'"Dial 9.1.1" {not_ours} "Dial {{emergency}}", which prints 999']

