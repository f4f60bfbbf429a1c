"""A dose's side in the library's own words with a program's ``affected_side`` (README:
*The program file*, ``affected_side``): "cada pierna" is done on each side, its picture kept
as drawn, in any language whose wording lists its words for each side and both
(``sides_each_or_both``); and a dose whose words name the other side ("right arm" where the
program says left) is one line from check and build, for the picture shows the program's;
and check --language notes a language of the clinic's own that has no such words."""

from __future__ import annotations

import io
import shutil

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT
from handouts.cli import main

HAND = ROOT / "tests" / "clinics" / "hand"
FRENCH = ROOT / "tests" / "clinics" / "french"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sidewords") / "northside"
    shutil.copytree(HAND, folder)
    return folder


def _run(home, name: str, text: str, *args: str):
    program = home / f"{name}.yaml"
    program.write_text("patient: {name: Sam Lee}\ndate: 2026-12-04\n" + text,
                       encoding="utf-8")
    out = home / f"{name}.pdf"
    result = CliRunner().invoke(main, ["--home", str(home), *args, str(program),
                                       *(["-o", str(out)] if args == ("build",) else [])],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return program, out, result


def _forms(pdf) -> list[str]:
    page = PdfReader(io.BytesIO(pdf.read_bytes())).pages[1]
    return sorted(page["/Resources"]["/XObject"].keys())


def test_each_leg_in_spanish_keeps_the_picture_as_drawn(home):
    spanish = "language: es\naffected_side: left\n"
    _, plain, _ = _run(home, "plain", "language: es\nexercises: [wrist_bend_table]\n",
                       "build")
    _, left, _ = _run(home, "left", spanish + "exercises: [wrist_bend_table]\n", "build")
    assert _forms(left) != _forms(plain)  # one side: mirrored for the left
    for said in ("cada mano", "ambos lados", "Las dos manos"):
        _, each, result = _run(home, "each", spanish + "exercises:\n  - {id: wrist_bend_table,"
                               f" dose: {{side: {said}}}}}\n", "build")
        assert _forms(each) == _forms(plain), said  # both sides: as drawn
        assert "cannot show" not in result.stderr


def test_a_dose_naming_the_other_side_is_one_line(home):
    for said, language in (("right hand", "en"), ("{es: mano derecha, en: right hand}",
                                                  "[es, en]")):
        program, _, built = _run(home, "clash", f"language: {language}\naffected_side: left\n"
                                 f"exercises:\n  - {{id: wrist_bend_table, dose: {{side: "
                                 f"{said}}}}}\n", "build")
        line = ("exercises[wrist_bend_table]: its dose says the right side, but the program's "
                "affected_side is left, and its picture shows the left; make them agree")
        # at the exercise's line in the file, as check says it
        assert [x for x in built.stderr.splitlines() if "make them agree" in x] == [
            f"warning: {program}:6: {line}"], built.stderr
        _, _, checked = _run(home, "clash", program.read_text(encoding="utf-8")
                             .split("\n", 2)[2], "check")
        assert [x for x in checked.stderr.splitlines() if "make them agree" in x] == [
            f"warning: {program}:6: {line}"], checked.stderr
    # the side it names is the program's: nothing to say
    _, _, same = _run(home, "same", "affected_side: right\nexercises:\n"
                      "  - {id: wrist_bend_table, dose: {side: right hand}}\n", "build")
    assert "make them agree" not in same.stderr


def test_a_clinic_s_own_language_gives_its_side_words(tmp_path):
    from handouts.input.sides import Side
    from handouts.words import dose as doses
    from handouts.words.text import Wording

    home = tmp_path / "french"
    shutil.copytree(FRENCH, home)
    wording = Wording(home)
    side = Side("des deux côtés")
    assert doses.side_named(side, ("fr",), wording) is None  # no words of its own yet
    with (home / "strings.fr.yaml").open("a", encoding="utf-8") as f:
        f.write("sides_each_or_both: [chaque, des deux, les deux]\n"
                "sides_left: [gauche]\nsides_right: [droit, droite]\n")
    wording = Wording(home, stamp=("again",))
    assert doses.side_named(side, ("fr",), wording) == "both"
    assert doses.side_named(Side("Chaque côté"), ("fr",), wording) == "both"
    assert doses.side_named(Side("bras droit"), ("fr",), wording) == "right"
    assert doses.side_named(Side("bras droit"), ("en",), wording) is None


def test_the_library_s_words_for_the_other_side_are_said_in_another_language(tmp_path):
    """A French library's clinic building an English handout draws a "jambe droite" dose
    by the program's left, as it reads "chaque jambe" in French (resolve.drawn_side): the
    dose naming the other side is said there too, not only on a French handout."""
    home = tmp_path / "french"
    shutil.copytree(FRENCH, home)
    with (home / "strings.fr.yaml").open("a", encoding="utf-8") as f:
        f.write("sides_each_or_both: [chaque, des deux, les deux]\n"
                "sides_left: [gauche]\nsides_right: [droit, droite]\n")
    program, _, built = _run(home, "clash", "language: en\naffected_side: left\nexercises:\n"
                             "  - {id: genou_assis, dose: {side: jambe droite}}\n", "build")
    assert [x for x in built.stderr.splitlines() if "make them agree" in x] == [
        f"warning: {program}:6: exercises[genou_assis]: its dose says the right side, but the "
        "program's affected_side is left, and its picture shows the left; make them agree"], \
        built.stderr


def test_check_language_notes_a_clinic_s_own_language_without_side_words(tmp_path):
    home = tmp_path / "french"
    shutil.copytree(FRENCH, home)

    def notes():
        result = CliRunner().invoke(main, ["--home", str(home), "check", "--language", "fr"],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return [line for line in result.stderr.splitlines() if "for a dose's side" in line]

    assert notes() == [f"note: {home / 'strings.fr.yaml'}: no words for a dose's side: "
                       "sides_each_or_both, sides_each, sides_left, sides_right; a side in "
                       "its words (each leg, right arm) then names no side: drawn as the "
                       "program's side, counted once in a session's minutes; add them, "
                       "translated from the package's handouts/words/templates/en/strings.yaml"]
    with (home / "strings.fr.yaml").open("a", encoding="utf-8") as f:
        f.write("sides_each_or_both: [chaque, des deux, les deux]\nsides_each: [chaque]\n"
                "sides_left: [gauche]\nsides_right: [droit, droite]\n")
    assert notes() == []
