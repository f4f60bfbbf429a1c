"""The sentences over the log (README: *The handout*, the log; render/log_how.py): a clinic
that words ``log_how`` its own way (the vestibular clinic: "write how dizzy you felt", its
row "Dizziness (0–10)") keeps its sentence whole, whatever else its log has; the package's
sentences for the rest follow it. Read back from the PDF."""

from __future__ import annotations

import shutil

import pytest

from clinic_copy import copied, example, flat_pages, run
from conftest import ROOT

DIZZY = ("Each time you finish an exercise, put a check in one box for that day. At the end "
         "of each day, write how dizzy you felt, from 0 (not dizzy) to 10 (very dizzy).")
ROWS = "At the end of each day, fill in the rows under the exercises."
NUMBERS = "Where it says what to write, write the number in the space for that day."


@pytest.fixture
def home(tmp_path_factory):
    return copied(tmp_path_factory, "vestibular", "northside")


def test_the_clinic_s_own_sentence_is_kept_whole_beside_its_rows(home):
    # its rows' sentence was made of the package's, and said "how bad the pain was" over
    # its Dizziness row
    clinic = home / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8")
                      + 'log_rows:\n  - "Headache (0–10)"\n', encoding="utf-8")
    text = " ".join(flat_pages(example(home, "lena-park")[0]))
    assert f"{DIZZY} {ROWS}" in text
    assert "how bad the pain was" not in text
    assert text.count("Headache (0–10)") == 2 and text.count("Dizziness (0–10)") == 2


def test_the_clinic_s_own_sentence_is_kept_whole_beside_a_number_to_write(home):
    library = home / "exercises.yaml"
    said = library.read_text(encoding="utf-8")
    first = next(line for line in said.splitlines() if line.startswith("    frequency:"))
    library.write_text(said.replace(first, f"{first}\n    log: minutes", 1), encoding="utf-8")
    text = " ".join(flat_pages(example(home, "lena-park")[0]))
    assert f"{DIZZY} {NUMBERS}" in text
    assert "how bad the pain was" not in text


def test_a_language_of_the_clinic_s_own_without_the_boxes_sentence_is_told_as_check_tells_it(
        tmp_path):
    # the plain sentence is kept whole only where the others are the package's: a language
    # of the clinic's own without log_how_no_pain, beside its rows, is one line at the build
    # as at check (test_log_numbers), not a handout whose check says it cannot be built
    home = tmp_path / "french"
    shutil.copytree(ROOT / "tests" / "clinics" / "french", home)
    words = home / "strings.fr.yaml"
    words.write_text("".join(
        row for row in words.read_text(encoding="utf-8").splitlines(keepends=True)
        if not row.startswith("log_how_no_pain:")) + 'log_how_rows: "Le soir, remplissez '
        'les lignes."\nlog_how_pain: "Le soir, notez votre douleur de 0 à 10."\n',
        encoding="utf-8")
    clinic = home / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + 'log_rows:\n  - "Votre pouls"\n',
                      encoding="utf-8")
    program = tmp_path / "lea.yaml"
    program.write_text("patient: {name: Léa Exemple}\ndate: 2026-12-07\nexercises:\n"
                       "  - marche\n", encoding="utf-8")
    result = run(home, "build", str(program), "-o", str(tmp_path / "lea.pdf"))
    assert result.exit_code != 0
    assert [line for line in result.output.splitlines() if line.strip()] == [
        f'error: {words}: no wording for "log_how_no_pain"; add it, translated from the '
        "package's English: log_how_no_pain: \"Each time you finish an exercise, put a check "
        'in one box for that day."'], result.output
