"""``check`` names the library's translation as it names the library: as given, beside it
(as a file's problems are named). It named ``exercises.es.yaml`` by its absolute path beside
``exercises.yaml`` as typed; and the library itself by its absolute path too once its
validation was kept (a second run), so one clinic's check said it two ways."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from clinic_copy import edit
from conftest import ROOT
from handouts.cli import main

from test_emergency_digits import SAFETY, SPANISH


@pytest.fixture()
def clinic(tmp_path, monkeypatch):
    """The shipped library, its Spanish and the clinic file in ``clinic/``, the working
    folder its parent; the library and the Spanish each tell a patient to call Europe's 112
    (the clinic has no locale: 911), and the Spanish safety box starts in plain type."""
    home = tmp_path / "clinic"
    home.mkdir()
    for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml"):
        shutil.copy(ROOT / name, home / name)
    shutil.copytree(ROOT / "images", home / "images")
    edit(home / "exercises.yaml", (SAFETY, "'**Call 112 right away if you lose bladder"))
    edit(home / "exercises.es.yaml", (SPANISH, "'Llame al 112 de inmediato"),
          ("o si se le adormece la entrepierna.**'", "o si se le adormece la entrepierna.'"))
    monkeypatch.chdir(tmp_path)
    return home


def _files(*args: str) -> list[str]:
    """The files check's warnings name, in order."""
    result = CliRunner().invoke(main, [*args, "check"])
    assert result.exit_code == 0, result.output
    return [line.split(": ")[1].split(":")[0] for line in result.stderr.splitlines()
            if line.startswith("warning: ") and ("emergency number" in line
                                                 or "safety box" in line)]


@pytest.mark.parametrize("given, folder", [
    (("--home", "clinic"), "clinic/"),
    (("--library", "clinic/exercises.yaml", "--clinic", "clinic/clinic.yaml"), "clinic/"),
])
def test_the_translation_is_named_as_the_library_is(clinic, given, folder):
    expected = [f"{folder}exercises.es.yaml", f"{folder}exercises.yaml",
                f"{folder}exercises.es.yaml"]
    assert _files(*given) == expected
    assert _files(*given) == expected  # again, the library's validation kept
