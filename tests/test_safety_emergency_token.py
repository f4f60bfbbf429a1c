"""One library shared by clinics in several countries: its texts write ``{emergency}`` for the
emergency number, and each clinic's handouts print its own country's (README: *Clinic
groups*). A library could only say "Call 911", which a clinic in the UK printed to its
patients. The token is the only thing replaced: library text runs no template."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from clinic_copy import edit
from conftest import ROOT, page_texts
from handouts.cli import main

ROSA = ROOT / "examples" / "rosa-diaz-bilingual.yaml"  # English and Spanish, the safety box
JANE = ROOT / "examples" / "jane-doe.yaml"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def group(tmp_path) -> Path:
    """The shipped library in a folder of its own, and beside it a clinic file for a clinic
    in the US (no locale: the US way) and one in the UK (locale en-GB)."""
    shared = tmp_path / "shared"
    shared.mkdir()
    for name in ("exercises.yaml", "exercises.es.yaml"):
        shutil.copy(ROOT / name, shared / name)
    shutil.copytree(ROOT / "images", shared / "images")
    shutil.copytree(ROOT / "images", tmp_path / "images")  # the clinics' logo
    us = (ROOT / "clinic.yaml").read_text(encoding="utf-8")
    (tmp_path / "us.yaml").write_text(us, encoding="utf-8")
    (tmp_path / "uk.yaml").write_text(us.replace("911", "999") + "locale: en-GB\n",
                                      encoding="utf-8")
    return tmp_path


def _pages(group: Path, clinic: str, program: Path = ROSA) -> list[str]:
    out = group / f"{clinic}-{program.stem}.pdf"
    built = run("--library", str(group / "shared" / "exercises.yaml"), "--clinic",
                str(group / f"{clinic}.yaml"), "build", str(program), "-o", str(out))
    assert built.exit_code == 0, built.output
    return [" ".join(page.split()) for page in page_texts(out.read_bytes())]


def test_a_us_and_a_uk_clinic_print_911_and_999_from_one_text(group):
    library = (group / "shared" / "exercises.yaml").read_text(encoding="utf-8")
    assert "'**Call {emergency} right away if you lose bladder" in library
    for clinic, number in (("us", "911"), ("uk", "999")):
        first = _pages(group, clinic)[0]
        assert f"Call {number} right away if you lose bladder or bowel control" in first
        assert f"Llame al {number} de inmediato si pierde el control" in first
        assert "{emergency}" not in first and "Call 112" not in first


def test_every_library_text_prints_the_number_steps_tips_cautions_topics(group):
    """Steps, tips and cautions of an exercise, a topic's paragraph, heading and bullets, in
    the library and in its Spanish translation."""
    shared = group / "shared"
    edit(shared / "exercises.yaml",
          ("  - Slowly rock forward to the start.", "  - Slowly rock forward, or call {emergency}."),
          ("  - It often helps if standing", "  - Call {emergency} if a fall hurts you.\n"
           "  - It often helps if standing"),
          ("  - Stop if it makes your pain worse.", "  - Stop and call {emergency} if you faint."),
          ("  - heading: Tips", "  - heading: Tips, or call {emergency}"),
          ("    - Change positions often.", "    - Change positions often, or call {emergency}."),
          ("  - 'Therapists like to say:", "  - Call {emergency} if you fall.\n"
           "  - 'Therapists like to say:"))
    edit(shared / "exercises.es.yaml", ("    - Vuelva despacio a la posición inicial.",
                                         "    - Vuelva despacio, o llame al {emergency}."))
    for clinic, number in (("us", "911"), ("uk", "999")):
        text = " ".join(_pages(group, clinic, JANE))
        for said in ("Slowly rock forward, or call", "Call", "Stop and call", "Tips, or call",
                     "Change positions often, or call"):
            assert f"{said} {number}" in text, (said, text)
        assert f"Call {number} if a fall hurts you." in text
        assert f"Call {number} if you fall." in text
        assert "{emergency}" not in text
    spanish = " ".join(_pages(group, "uk", ROSA))
    assert "Vuelva despacio, o llame al 999." in spanish and "{emergency}" not in spanish



def test_a_protocols_note_and_a_doses_own_words_print_the_number(group):
    """A protocol's note for an exercise and a dose's free text (effort, a stage's equipment)
    are the library's texts too: they printed "{emergency}" as typed, in English, and the
    protocol's note in Spanish too. A program's own note prints the number as well (see
    test_emergency_everywhere)."""
    shared = group / "shared"
    edit(shared / "exercises.yaml",
          ("  - standing_hip_flexor_stretch\n", "  - id: standing_hip_flexor_stretch\n"
           "    note: Call {emergency} if your calf swells.\n"),
          ("    hold: 20-30 s\n    reps: 3\n", "    hold: 20-30 s\n    reps: 3\n"
           "    effort: easy; call {emergency} if you faint\n"))
    program = group / "jane.yaml"
    program.write_text(JANE.read_text(encoding="utf-8").replace(
        "Go only as far as is comfortable.", "Call {emergency} after."), encoding="utf-8")
    for clinic, number in (("us", "911"), ("uk", "999")):
        for language in ("en", "es"):
            program.write_text(re.sub(r"(?m)^language: \w+$", f"language: {language}",
                                      program.read_text(encoding="utf-8")), encoding="utf-8")
            text = " ".join(_pages(group, clinic, program))
            assert f"Call {number} if your calf swells." in text, (clinic, language, text)
            assert f"call {number} if you faint" in text, (clinic, language, text)
            assert f"Call {number} after." in text  # the program's own
            assert "{emergency}" not in text, text


def test_a_clinic_whose_country_has_no_number_of_its_own_prints_what_its_safety_box_does(group):
    """en-ZA: no number of its own in the table, so 112, as `new` writes in its box."""
    from handouts.words.languages import emergency_number

    (group / "za.yaml").write_text((group / "us.yaml").read_text(encoding="utf-8")
                                   + "locale: en-ZA\n", encoding="utf-8")
    number = emergency_number("en-ZA")
    assert number == "112"
    assert f"Call {number} right away if you lose bladder" in _pages(group, "za", JANE)[0]


def test_the_token_alone_is_replaced_and_nothing_in_a_text_is_run(group):
    """Braces that are not the token exactly print as typed: a template's ``{{ 7*7 }}`` is
    not 49, ``{{emergency}}`` not "{999}"."""
    edit(group / "shared" / "exercises.yaml",
          ("  - Slowly rock forward to the start.", "  - 'Call {emergency}, not {emergency or "
           "{{ 7*7 }} or {{emergency}} or {Emergency} or {{ emergency_number }}.'"))
    text = " ".join(_pages(group, "uk", JANE))
    assert ("Call 999, not {emergency or {{ 7*7 }} or {{emergency}} or {Emergency} or "
            "{{ emergency_number }}.") in text, text
    assert "49" not in text.split("Call 999, not", 1)[1][:80]


def test_check_grades_the_token_as_the_number_it_prints(group):
    """Read as a word of four syllables, a topic titled "Call {emergency}" and saying "Call
    {emergency} right away …" was grade 8.3, over an aim of 7; it prints at grade 6.0, as
    it does written with 911."""
    shared = group / "shared"
    edit(shared / "exercises.yaml", ("- id: when_to_call\n", "- id: red_flags\n"
                                      "  title: Call {emergency}\n  body:\n"
                                      "  - 'Call {emergency} right away if you lose bladder "
                                      "or bowel control, or feel numb between your legs.'\n\n"
                                      "- id: when_to_call\n"))
    for clinic in ("us", "uk"):
        checked = run("--library", str(shared / "exercises.yaml"), "--clinic",
                      str(group / f"{clinic}.yaml"), "check", "--max-grade", "7")
        assert checked.exit_code == 0, checked.output
        assert "reads at grade" not in checked.stderr, checked.stderr
        assert "emergency number" not in checked.stderr, checked.stderr


def test_the_library_and_the_clinic_file_are_offered_the_token(group):
    """A library text is shared: the token prints each clinic's own number. The clinic file
    is one clinic's: the token prints its number, which the warning says."""
    library = group / "shared" / "exercises.yaml"
    edit(library, ("'**Call {emergency} right away", "'**Call 911 right away"))
    uk = group / "uk.yaml"
    edit(uk, ("call 999.", "call 911."))
    checked = run("--library", str(library), "--clinic", str(uk), "check")
    assert checked.exit_code == 0, checked.output
    said = [line.split(": ", 3)[-1] for line in checked.stderr.splitlines()
            if "emergency number" in line]
    assert said == [
        '"Call 911" names an emergency number that is not this clinic\'s (locale en-GB: 999); '
        'write "Call {emergency}" so that each clinic prints its own',
        '"call 911" names an emergency number that is not this clinic\'s (locale en-GB: 999); '
        'write "call {emergency}", which prints 999'], checked.stderr
