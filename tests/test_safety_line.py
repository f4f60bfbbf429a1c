"""The safety box (the ``when_to_call`` topic) starts with a bold call to the emergency
number, as the README promises and ``new`` writes it; `check` said nothing of a library
whose box did not, so a patient's eye fell first on "Your pain gets much worse"."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main

ROOT = Path(__file__).resolve().parents[1]
DUBLIN = ROOT / "examples" / "dublin-shoulder"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_check_warns_of_a_safety_box_whose_first_line_is_not_bold(tmp_path):
    home = tmp_path / "dublin"
    shutil.copytree(DUBLIN, home)
    for name, bold in (("exercises.yaml", "'**Call 112 or 999 right away"),
                       ("exercises.es.yaml", "'**Llame al 112 o al 999")):
        path = home / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if bold not in line), encoding="utf-8")
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 0, checked.output  # a warning: the box still prints
    said = [line for line in checked.stderr.splitlines() if "safety box" in line]
    library, spanish = home / "exercises.yaml", home / "exercises.es.yaml"
    first = _line_of(library, "Your pain gets much worse and does not settle")
    es_first = _line_of(spanish, "El dolor empeora mucho")
    how = ("the safety box's first line is not bold: make it the call to the emergency "
           "number, which prints in bold across the top of the box so a patient sees first "
           "what to do; write it between ** and in quotes, e.g. '**Call {emergency} right "
           "away if you have chest pain or trouble breathing.**'")
    assert said == [
        f"warning: {library}:{first}: education[when_to_call].body[1].bullets[1]: {how}",
        f"warning: {spanish}:{es_first}: education.when_to_call.body[1].bullets[1]: {how}",
    ], checked.stderr


def test_a_safety_box_that_is_one_paragraph_is_found_too(tmp_path):
    home = tmp_path / "dublin"
    shutil.copytree(DUBLIN, home)
    for name in ("exercises.es.yaml",):
        (home / name).unlink()
    library = home / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    start = text.index("  - bullets:\n    - '**Call 112")
    end = text.index("\n\n", start)
    library.write_text(text[:start] + "  - Ring us if your pain gets worse.\n" + text[end:],
                       encoding="utf-8")
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 0, checked.output
    line = _line_of(library, "Ring us if your pain")
    assert (f"warning: {library}:{line}: education[when_to_call].body[1]: the safety box's "
            "first line is not bold" in checked.stderr), checked.stderr


@pytest.mark.parametrize("home", [ROOT, ROOT / "examples" / "dublin-shoulder",
                                  ROOT / "examples" / "knee-clinic"],
                         ids=["shipped", "dublin", "knee"])
def test_the_shipped_clinics_safety_boxes_start_bold(home):
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 0 and "safety box" not in checked.stderr, checked.stderr
    assert "emergency number" not in checked.stderr, checked.stderr


def _uk_clinic(tmp_path) -> Path:
    """The shipped library, written for one US clinic (its safety box: "Call 911 right away
    …", where the shipped one says "{emergency}"), shared by a clinic in the UK, whose
    emergency number is 999."""
    home = tmp_path / "leeds"
    home.mkdir()
    for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml"):
        (home / name).write_text((ROOT / name).read_text(encoding="utf-8")
                                 .replace("{emergency}", "911"), encoding="utf-8")
    shutil.copytree(ROOT / "images", home / "images")
    clinic = home / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("call 911", "call 999")
                      .replace("llame al 911", "llame al 999") + "locale: en-GB\n",
                      encoding="utf-8")
    return home


def test_check_warns_where_a_shared_librarys_text_calls_another_countrys_number(tmp_path):
    home = _uk_clinic(tmp_path)
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 0, checked.output  # a warning: the text still prints
    library, spanish = home / "exercises.yaml", home / "exercises.es.yaml"
    said = [line for line in checked.stderr.splitlines() if "emergency number" in line]
    assert said == [
        f"warning: {library}:{_line_of(library, '**Call 911 right away')}: "
        "education[when_to_call].body[1].bullets[1]: \"Call 911\" names an emergency number "
        "that is not this clinic's (locale en-GB: 999); write \"Call {emergency}\" so that "
        "each clinic prints its own",
        f"warning: {spanish}:{_line_of(spanish, '**Llame al 911')}: "
        "education.when_to_call.body[1].bullets[1]: \"Llame al 911\" names an emergency "
        "number that is not this clinic's (locale en-GB: 999); write \"Llame al "
        "{emergency}\" so that each clinic prints its own",
    ], checked.stderr


def test_a_phone_number_or_the_countrys_own_number_is_no_emergency_number_warning(tmp_path):
    home = _uk_clinic(tmp_path)
    for name, wrong, right in (("exercises.yaml", "Call 911", "Call 999"),
                               ("exercises.es.yaml", "Llame al 911", "Llame al 112 o al 999")):
        path = home / name
        path.write_text(path.read_text(encoding="utf-8").replace(wrong, right),
                        encoding="utf-8")
    library = home / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    library.write_text(text.replace("Change positions often.", "Change positions often. "
                                    "Call 911-4420 to book, or dial 112.5 on the radio.")
                       .replace("- Pain wakes you at night.", "- '**Call 111** if you are "
                                "not sure. Ring 020 7946 0911 for us.'"), encoding="utf-8")
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 0, checked.output
    warned = [line for line in checked.stderr.splitlines() if line.startswith("warning:")]
    assert not [line for line in warned if "emergency number" in line], checked.stderr
    # right here, so no warning: a note that a clinic sharing the library prints it too
    assert re.findall(r'note: .*"([^"]*)" names this clinic\'s emergency number',
                      checked.stderr) == ["Call 999"], checked.stderr
    american = run("--library", str(library), "check")  # no locale: 911, the US way
    said = re.findall(r'"([^"]*)" names an emergency number', american.stderr)
    assert said == ["Call 999", "Call 111", "Llame al 112"], american.stderr


def test_check_warns_of_a_safety_line_in_curly_quotes_and_of_steps_typed_numbered(tmp_path):
    """Pasted from a word processor: a safety line in its curly quotes, told "not bold"
    though the ** were there (the quotes kept it from printing bold); and steps with their
    numbers, which printed "1. 1. …". Warnings: the handout still prints."""
    home = tmp_path / "dublin"
    shutil.copytree(DUBLIN, home)
    library = home / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    bold = next(line for line in text.splitlines() if "'**Call 112 or 999 right away" in line)
    curly = bold.replace("'**", "‘**", 1)[::-1].replace("'", "’", 1)[::-1]
    steps = re.search(r"\n  steps:\n((?:  - .*\n)+)", text)
    numbered = "".join(f"  - {i}. {line[4:]}\n" for i, line in
                       enumerate(steps[1].splitlines(), 1))
    library.write_text(text.replace(bold, curly).replace(steps[1], numbered, 1),
                       encoding="utf-8")
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 0, checked.output
    said = checked.stderr.splitlines()
    assert f"warning: {library}:{_line_of(library, curly.strip())}: education[when_to_call]" \
        ".body[1].bullets[1]: the safety box's first line is in a word processor's curly " \
        "quotes, which print as they are, and keep it from printing in bold; write straight " \
        "quotes (' ') around it" in said
    first = numbered.splitlines()[0][4:]
    assert any(line.startswith(f"warning: {library}:{_line_of(library, first)}: exercises[")
               and line.endswith(f'.steps[1]: the steps are typed with their numbers ("1."), '
                                 f'and the handout numbers them too ("1. {first}"); leave '
                                 "the numbers out") for line in said), said
