"""`words LANG`: a clinic starts the handouts' own words in a language of its own (Portuguese)
with one command, copied into its folder from one the package has, each file headed to
translate it, none written over; `check` then says which are not translated yet, and the
handouts print from them. Read back from the PDF. Made-up people only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import days_either_side, page_texts

TEMPLATES = ("dose.txt", "email.html", "email.txt", "email_body.html", "frequency.txt")


def clinic(tmp_path: Path) -> Path:
    home = tmp_path / "clinica"
    api.make_clinic_folder(home, api.NewClinic("Clínica Sol", "(11) 5555-0100", "A4", "pt-BR"))
    return home


SPANISH_MONTHS = ("enero febrero marzo abril mayo junio julio agosto septiembre octubre "
                  "noviembre diciembre").split()


def spanish_long(day: date) -> str:
    return f"{day.day} de {SPANISH_MONTHS[day.month - 1]} de {day.year}"


def run(home: Path, *args):
    return CliRunner().invoke(main, ["--home", str(home), *map(str, args)],
                              catch_exceptions=False)


def test_words_writes_the_wording_files_headed_to_translate_and_they_print(tmp_path):
    home = clinic(tmp_path)
    result = run(home, "words", "pt", "--from", "es")
    assert result.exit_code == 0, result.output
    written = [home / "strings.pt.yaml", *(home / "templates" / "pt" / t for t in TEMPLATES)]
    assert result.stdout.splitlines()[:6] == [f"wrote {path}" for path in written]
    assert f"--home {home} check --language pt" in result.stdout
    # what it says to delete is what heads each file: two lines ("its first line", it said)
    assert "delete the two lines at its top" in result.stdout
    strings = (home / "strings.pt.yaml").read_text(encoding="utf-8")
    assert strings.startswith("# TRANSLATE INTO PT: copied from the package's words in es.\n"
                              "# Translate the words; keep what is in {{ }} and {% %}; then "
                              "delete these two lines.\n")
    assert 'date_label: "Fecha"' in strings and "language_name: español" not in strings
    dose = (home / "templates" / "pt" / "dose.txt").read_text(encoding="utf-8")
    assert dose.startswith("{#- TRANSLATE INTO PT")
    # the package's own Portuguese how often is copied as it is: a copy of Spanish's to
    # translate printed "Una vez al día" on every Portuguese handout, where the package
    # printed "Uma vez por dia"
    frequency = (home / "templates" / "pt" / "frequency.txt").read_text(encoding="utf-8")
    assert frequency == (api.ROOT / "handouts" / "words" / "templates" / "pt" /
                         "frequency.txt").read_text(encoding="utf-8")
    # check tells each file not translated yet, and no more once its first lines are gone
    said = run(home, "check").stderr
    for path in written:
        translate = path.name != "frequency.txt"
        assert (f"warning: {path}: not translated yet" in said) == translate, path
    (home / "strings.pt.yaml").write_text(strings.split("\n", 2)[2], encoding="utf-8")
    assert f"{home / 'strings.pt.yaml'}: not translated" not in run(home, "check").stderr
    # the handouts speak it at once, in the words copied (a header comment prints nothing)
    out = tmp_path / "sam.pdf"
    with days_either_side() as days:
        built = run(home, "build", home / "examples" / "sample-patient.yaml", "--language",
                    "pt", "-o", out)
    assert built.exit_code == 0, built.stderr
    text = " ".join(" ".join(page_texts(out.read_bytes())).split())
    # the sample program gives no date, so the handout is dated the day it is built
    dated = {f"Fecha: {spanish_long(day)}" for day in days}
    assert any(line in text for line in dated) and "TRANSLATE" not in text
    assert "Uma vez por dia" in text and "Una vez al día" not in text


def test_a_file_that_is_there_is_never_written_over(tmp_path):
    home = clinic(tmp_path)
    own = 'language_name: "português"\ndate_label: "Data"\n'
    (home / "strings.pt.yaml").write_text(own, encoding="utf-8")
    result = run(home, "words", "pt")
    assert result.exit_code == 0, result.output
    assert f"left {home / 'strings.pt.yaml'} as it is: it is there already" in result.stdout
    assert (home / "strings.pt.yaml").read_text(encoding="utf-8") == own
    # copied from English, the default
    email = (home / "templates" / "pt" / "email.txt").read_text(encoding="utf-8")
    assert "words in en." in email and "Hello" in email
    again = run(home, "words", "pt")
    assert again.exit_code == 0 and "wrote" not in again.stdout


def test_a_language_the_package_has_or_no_language_is_one_line(tmp_path):
    home = clinic(tmp_path)
    for args, said in (
            (["es"], "error: the handouts have español (es) words already; to change some, "
                     "put only those keys in strings.es.yaml in the clinic's folder"),
            (["Portuguese"], 'error: "Portuguese" is no language code'),
            (["pt", "--from", "fr"], 'error: --from: no handouts in "fr" to copy; use one of '
                                     "en, es")):
        result = run(home, "words", *args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith(said) and len(result.stderr.splitlines()) == 1, \
            result.stderr
    assert not (home / "strings.es.yaml").exists() and not (home / "templates").exists()
