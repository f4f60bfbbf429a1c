"""A saved program printed in another language than its own (``build --language``): the
therapist's note and an exercise's note, typed for this patient in the program's language,
print as typed; a Spanish handout printed the English note without a word, while a dose's
own words were told. Read back from the PDF and the warnings. Made-up people only."""

from __future__ import annotations

from click.testing import CliRunner

from handouts.cli import main

from conftest import ROOT, page_texts

JANE = ROOT / "examples" / "jane-doe.yaml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_program_printed_in_another_language_tells_its_notes_print_as_typed(tmp_path):
    out = tmp_path / "jane.pdf"
    result = run("build", JANE, "--language", "es", "-o", out)
    assert result.exit_code == 0, result.output
    told = [line for line in result.stderr.splitlines() if "untranslated" in line]
    assert told == [
        f"warning: {JANE}:14: note: written for a handout in English; a handout in español "
        "prints it as typed, untranslated",
        f"warning: {JANE}:12: exercises[child_pose].note: written for a handout in English; "
        "a handout in español prints it as typed, untranslated"]
    text = " ".join(" ".join(page_texts(out.read_bytes())).split())
    assert "Start gently." in text and "Nota de su terapeuta" in text
    # in its own language, nothing to tell; beside another, its side prints them as typed
    again = run("build", JANE, "--language", "en", "-o", tmp_path / "en.pdf")
    assert again.exit_code == 0 and "untranslated" not in again.output
    both = run("build", JANE, "--language", "en,es", "-o", tmp_path / "en-es.pdf")
    assert both.output.count("a handout in español prints it as typed") == 2
