"""``check --language X`` lists clinic.yaml's tagline and disclaimer where they have no X
text, as a build in X warns of them: the README says check lists every text with no
translation. Made-up clinics only."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from handouts.cli import main

PORTUGUESE = Path(__file__).resolve().parent / "clinics" / "portuguese"


def check(home: Path, language: str):
    return CliRunner().invoke(main, ["--home", str(home), "check", "--language", language],
                              catch_exceptions=False)


def test_a_tagline_and_disclaimer_in_the_library_s_language_only_are_listed(tmp_path):
    home = tmp_path / "movimento"
    shutil.copytree(PORTUGUESE, home)
    result = check(home, "es")
    assert result.exit_code == 0, result.stderr
    listed = [line for line in result.stderr.splitlines() if "clinic.yaml" in line]
    assert listed == [
        f"untranslated: {home / 'clinic.yaml'}:12: tagline: no español text; printed in "
        "português; write it as {pt: ..., es: ...}",
        f"untranslated: {home / 'clinic.yaml'}:13: disclaimer: no español text; printed in "
        "português; write it as {pt: ..., es: ...}"], result.stderr
    # counted with the library's texts, which the build's warnings match one for one
    assert "24 untranslated texts for es." in result.stderr
    # in the library's own language there is nothing to translate
    assert "clinic.yaml" not in check(home, "pt").stderr


def test_a_text_per_language_is_listed_only_where_it_lacks_that_language(tmp_path):
    home = tmp_path / "movimento"
    shutil.copytree(PORTUGUESE, home)
    clinic = home / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8").replace(
        "tagline: Fisioterapia para pescoço e ombros",
        "tagline: {pt: Fisioterapia para pescoço e ombros, es: Fisioterapia de cuello y "
        "hombros}")
    clinic.write_text(text, encoding="utf-8")
    stderr = check(home, "es").stderr
    assert "clinic.yaml:12: tagline" not in stderr
    assert f"{clinic}:13: disclaimer: no español text" in stderr
