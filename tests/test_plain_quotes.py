"""`check`'s plain-language warnings quote a library's sentence as the handout prints it: its
**…** without the stars, its {emergency} the clinic's number, one full stop. A Montréal clinic
(fr-CA) read "**Appelez le {emergency} … marcher.**." and could not find it in its handouts."""

from __future__ import annotations

import re
import shutil

from click.testing import CliRunner

from handouts.cli import main

from conftest import ROOT

FRENCH = ROOT / "tests" / "clinics" / "french"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _clinic(tmp_path, locale: str):
    folder = tmp_path / "clinic"
    made = run("new", "--locale", locale, "--name", "Physio Plateau", "--phone",
               "514-555-0100", folder)
    assert made.exit_code == 0, made.output
    return folder


def _plain_warnings(folder, *options) -> list[str]:
    result = run("--home", folder, "check", *options)
    assert result.exit_code == 0, result.output
    return [line for line in result.stderr.splitlines() if "plain language" in line]


def test_a_long_french_sentence_is_quoted_as_it_prints(tmp_path):
    folder = _clinic(tmp_path, "fr-CA")
    shutil.rmtree(folder / "examples")  # the starter's sample names the English protocol
    shutil.copytree(FRENCH / "images", folder / "images", dirs_exist_ok=True)
    said = ("Appelez le {emergency} tout de suite si vous avez mal à la poitrine, du mal à "
            "respirer, ou si vous ne pouvez plus marcher du tout.")
    library = (FRENCH / "exercises.yaml").read_text(encoding="utf-8")
    library = re.sub(r"- '\*\*Appelez le 112 .*'", f"- '**{said}**'", library)
    (folder / "exercises.yaml").write_text(library, encoding="utf-8")
    found = _plain_warnings(folder)
    assert len(found) == 1, found
    printed = said.replace("{emergency}", "911")  # fr-CA: Canada's number
    assert found[0].endswith(f'a sentence of 26 words (aim: 20 or fewer): "{printed}"'), found


def test_the_hardest_sentence_is_quoted_as_it_prints(tmp_path):
    folder = _clinic(tmp_path, "en-GB")
    library = (folder / "exercises.yaml").read_text(encoding="utf-8")
    said = ("Call {emergency} immediately if you experience chest discomfort, breathlessness "
            "or unexplained dizziness.")
    # the starter writes the token, not the number (new: {emergency})
    library, replaced = re.subn(r"- '\*\*Call \{emergency\} right away .*'", f"- '**{said}**'",
                                library)
    assert replaced == 1
    (folder / "exercises.yaml").write_text(library, encoding="utf-8")
    found = [line for line in _plain_warnings(folder, "--max-grade", "2")
             if "education[when_to_call]" in line and "hardest" in line]
    printed = said.replace("{emergency}", "999")
    assert len(found) == 1 and found[0].endswith(f'hardest sentence: "{printed}"'), found


def test_a_quote_that_ends_its_own_sentence_gets_no_second_stop(tmp_path):
    folder = _clinic(tmp_path, "en-US")
    library = (folder / "exercises.yaml").read_text(encoding="utf-8")
    said = ('If the pain spreads down your leg, you feel numb, or you cannot stand up, say '
            '"I need help now, please call my physical therapist."')
    library = library.replace("- You fall or hurt yourself.", f"- '{said}'")
    (folder / "exercises.yaml").write_text(library, encoding="utf-8")
    found = [line for line in _plain_warnings(folder) if "education[when_to_call]" in line]
    assert len(found) == 1 and found[0].endswith(f'(aim: 20 or fewer): "{said}"'), found
