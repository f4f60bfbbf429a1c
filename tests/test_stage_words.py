"""A weekly stage's own words in a translation (``progression:`` in exercises.<lang>.yaml, one
entry for each of the library's stages, in order): printed in the handout, no longer listed
or warned of once given, and checked against the library's stages at their line.
Before, a translation had no place for them: a Spanish handout printed "Resistencia:
yellow band", and said so."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import ROOT, page_texts

DUBLIN = ROOT / "examples" / "dublin-shoulder"
LUCIA = DUBLIN / "examples" / "lucia-fernandez-es.yaml"
# the Dublin translation's words for the band's stages, as shipped
SHIPPED = """\
    progression:
    - resistance: banda amarilla
    - resistance: banda roja
    - resistance: banda verde
"""


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    """The PDF's text as pypdf reads it (a fresh machine has no poppler-utils)."""
    return flat(" ".join(page_texts(path.read_bytes())))


def dublin_copy(tmp_path: Path, stages: str | None = SHIPPED) -> Path:
    """A copy of the Dublin clinic, its band's stages in Spanish given as ``stages``."""
    home = tmp_path / "dublin"
    shutil.copytree(DUBLIN, home)
    spanish = home / "exercises.es.yaml"
    text = spanish.read_text(encoding="utf-8")
    assert SHIPPED in text
    spanish.write_text(text.replace(SHIPPED, stages or ""), encoding="utf-8")
    return home


def run(home: Path, *args: str):
    return CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False)


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_the_spanish_handout_prints_its_bands_stages_in_spanish_and_says_nothing(tmp_path,
                                                                                 monkeypatch):
    monkeypatch.chdir(tmp_path)
    home = dublin_copy(tmp_path)
    result = run(home, "build", str(LUCIA), "-o", str(tmp_path / "l.pdf"))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr, result.stderr
    text = pdf_text(tmp_path / "l.pdf")
    for stage in ("Semanas 1–2 2 series de 10 · Use: banda amarilla",
                  "Semanas 3–4 3 series de 10 · Use: banda roja",
                  # the last goes on: Lucía's program sets no next visit
                  "De la semana 5 en adelante 3 series de 15 · Use: banda verde"):
        assert stage in text, stage
    assert "band " not in text.replace("banda", "")  # no English band is left

    listed = run(home, "check", "--language", "es")
    assert listed.exit_code == 0, listed.output
    assert "progression" not in listed.stderr, listed.stderr


def test_a_partial_translation_prints_what_it_gives_and_still_tells_the_rest(tmp_path,
                                                                           monkeypatch):
    monkeypatch.chdir(tmp_path)
    home = dublin_copy(tmp_path, "    progression:\n    - {}\n    - resistance: banda roja\n")
    result = run(home, "build", str(LUCIA), "-o", str(tmp_path / "l.pdf"))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        'warning: exercises[band_external_rotation].dose.progression: its stages\' own '
        '"yellow band" and "green band" have no español words; printed in English (give them '
        "in the translation's exercises[band_external_rotation].progression: one entry for "
        "each stage, in order)"]
    text = "".join(page_texts((tmp_path / "l.pdf").read_bytes()))
    assert "Use: yellow band" in text and "Use: banda roja" in text
    assert "Use: green band" in text

    listed = run(home, "check", "--language", "es")
    library = home / "exercises.yaml"
    said = [line for line in listed.stderr.splitlines() if "progression" in line]
    assert said == [
        f"untranslated: {library}:{line_of(library, f'      resistance: {band} band')}: "
        f"exercises[band_external_rotation].dose.progression[{j}].resistance: not "
        "translated; English is printed (give it as the translation's "
        f"exercises[band_external_rotation].progression[{j}].resistance)"
        for j, band in ((1, "yellow"), (3, "green"))]


def test_a_bilingual_handout_prints_each_stage_in_both_languages(tmp_path):
    ws = api.open_workspace(home=dublin_copy(tmp_path))
    program = api.program_from_data({"patient": {"name": "Pat Example"}, "date": "2026-12-04",
                                     "language": ["es", "en"],
                                     "exercises": ["band_external_rotation"]}, ws, source="t")
    built = api.build_handout(program, ws)
    assert list(built.warnings) == []
    (tmp_path / "b.pdf").write_bytes(built.pdf)
    text = pdf_text(tmp_path / "b.pdf")
    for words in ("banda amarilla", "yellow band", "banda roja", "red band", "banda verde",
                  "green band"):
        assert words in text, words


def test_a_programs_own_stages_keep_the_librarys_words_and_tell_its_own(tmp_path):
    """A program that writes the stages again (other weeks) with the library's bands prints
    their Spanish; a band of its own prints as written, and the build says so."""
    ws = api.open_workspace(home=dublin_copy(tmp_path))
    program = api.program_from_data({
        "patient": {"name": "Pat Example"}, "date": "2026-12-04", "language": "es",
        "exercises": [{"id": "band_external_rotation", "dose": {"progression": [
            {"weeks": "1-3", "resistance": "red band"},
            {"weeks": "4-6", "resistance": "blue band"}]}}]}, ws, source="t")
    built = api.build_handout(program, ws)
    assert list(built.warnings) == [
        'exercises[band_external_rotation].dose: "blue band" prints as written in español '
        "(the program's own words, which no translation gives); write it in español if it "
        "is not"]
    (tmp_path / "p.pdf").write_bytes(built.pdf)
    text = pdf_text(tmp_path / "p.pdf")
    # stages that change only the band: the amount and the library's rest of 30 s (with
    # no sets, after each rep) are said once, over the weeks, and each row names its band
    rest = "Descanse 30 segundos después de cada vez"
    assert f"Cuánto Repita 10 veces {rest} Esfuerzo: 5 de 10" in text, text
    assert "Semanas 1–3 Use: banda roja De la semana 4 en adelante Use: blue band" in text, text
    assert "entre series" not in text


BAD = """\
    progression:
    - {resistance: banda amarilla, load: un kilo}
    - {}
    - resistance: banda verde
    - resistance: banda azul
"""


def test_a_translations_stages_are_checked_against_the_librarys_at_their_line(tmp_path):
    home = dublin_copy(tmp_path, BAD)
    spanish = home / "exercises.es.yaml"
    text = spanish.read_text(encoding="utf-8")
    # and an exercise without stages given some
    text = text.replace("  walking:\n", "  walking:\n    progression: [{}]\n")
    spanish.write_text(text, encoding="utf-8")
    result = run(home, "check")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    where = "exercises.band_external_rotation.progression"
    assert result.stderr.splitlines() == [
        f"error: {spanish}:{line_of(spanish, '    - {resistance: banda amarilla, load: un kilo}')}"
        f": {where}[1].load: stage 1 of the library's exercise (weeks 1-2) gives no load of its "
        "own; give only its resistance, or check that the stages are in the library's order",
        f"error: {spanish}:{line_of(spanish, '    - resistance: banda azul')}: {where}[4]: is "
        "stage 4, but the library's exercise has 3 stages (weeks 1-2, 3-4 and 5-6); give one "
        "for each, in the same order, and no more",
        f"error: {spanish}:{line_of(spanish, '    progression: [{}]')}: "
        "exercises.walking.progression: the library's exercise has no weekly stages (no "
        "progression:), so there is nothing here to translate; remove it",
        "3 problems found."]

    # a key no stage has words for: the schema's message, with the keys it takes
    spanish.write_text(text.replace("banda azul", "banda azul\n      sets: 3"), encoding="utf-8")
    result = run(home, "check")
    assert (f"error: {spanish}:{line_of(spanish, '      sets: 3')}: {where}[4].sets: unknown key "
            '"sets"; expected one of: equipment, load, side, tempo, effort, resistance, '
            "distance, range") in result.stderr.splitlines()
    # and an exercise's: its own words first, then the dose text a stage has too (ExerciseText
    # takes those from StageText without moving them ahead of the title)
    spanish.write_text(text.replace("    title: Caminar\n", "    title: Caminar\n    author: Ana\n"),
                       encoding="utf-8")
    result = run(home, "check")
    assert (f"error: {spanish}:{line_of(spanish, '    author: Ana')}: exercises.walking.author: "
            'unknown key "author"; expected one of: title, caption, purpose, steps, tips, '
            "cautions, log, equipment, load, side, tempo, effort, resistance, distance, range, "
            "progression") in result.stderr.splitlines()


def test_a_stage_with_no_words_of_its_own_says_to_leave_it_empty(tmp_path):
    home = dublin_copy(tmp_path)
    library = home / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "      sets: 3\n      resistance: red band\n", "      sets: 3\n"), encoding="utf-8")
    result = run(home, "check")
    spanish = home / "exercises.es.yaml"
    assert result.stderr.splitlines()[0] == (
        f"error: {spanish}:{line_of(spanish, '    - resistance: banda roja')}: "
        "exercises.band_external_rotation.progression[2].resistance: stage 2 of the library's "
        "exercise (weeks 3-4) gives no resistance of its own, nor any words (only numbers, "
        "which print in the handout's language already); leave it {} to keep the other "
        "stages in their places")


def test_a_library_with_problems_of_its_own_still_has_its_stages_read(tmp_path):
    """The translation's stages are checked with the library's other problems, not after."""
    home = dublin_copy(tmp_path, BAD)
    library = home / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "  title: Band turn-out\n", "  title: Band turn-out\n  colour: red\n"),
        encoding="utf-8")
    result = run(home, "check")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any('unknown key "colour"' in line for line in lines), lines
    assert any("progression[4]: is stage 4, but the library's exercise has 3 stages" in line
               for line in lines), lines
    assert any("progression[1].load: stage 1 of the library's exercise" in line
               for line in lines), lines


def test_the_demos_spanish_handout_is_told_nothing():
    ws = api.open_workspace(home=DUBLIN)
    built = api.build_handout(api.load_program(LUCIA, ws), ws)
    assert list(built.warnings) == []
    assert "Use: banda amarilla" in flat(" ".join(page_texts(built.pdf)))
