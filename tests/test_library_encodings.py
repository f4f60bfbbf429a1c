"""A library, translation or clinic file saved in another encoding than UTF-8, as Notepad
or Excel may save it: one line naming the file, the line and what to do, never a traceback
(the bytes kept for the record were decoded before the files were checked). A file marked
UTF-16 reads as it is. Made-up people only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main

from conftest import ROOT, page_texts

KNEE = ROOT / "examples" / "knee-clinic"


def run(home: Path, *args):
    return CliRunner().invoke(main, ["--home", str(home), *map(str, args)],
                              catch_exceptions=False)


@pytest.fixture
def clinic(tmp_path) -> Path:
    home = tmp_path / "knee"
    shutil.copytree(KNEE, home)
    return home


def saved_as(path: Path, encoding: str, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_bytes(text.replace(old, new, 1).encode(encoding))


@pytest.mark.parametrize("name", ["exercises.yaml", "clinic.yaml"])
def test_a_file_in_windows_1252_is_one_line_naming_where(clinic, name):
    saved_as(clinic / name, "cp1252", "name: Maple Ridge Knee Clinic" if name == "clinic.yaml"
             else "title: Quad sets", "name: Clínica Núñez" if name == "clinic.yaml"
             else "title: Quad sets (cuádriceps)")
    for command in (["check"], ["build", clinic / "examples/dorothy-reyes.yaml", "-o",
                                clinic / "out.pdf"]):
        result = run(clinic, *command)
        assert result.exit_code == 1
        [line] = [line for line in result.output.splitlines() if line.startswith("error:")]
        assert line.startswith(f"error: {clinic / name}:") and ": not UTF-8 text; save the " \
            "file as UTF-8" in line
    assert not (clinic / "out.pdf").exists()


def test_a_clinic_file_in_utf_16_with_its_mark_builds(clinic):
    saved_as(clinic / "clinic.yaml", "utf-16", "name: Maple Ridge Knee Clinic",
             "name: Clínica Núñez")
    assert run(clinic, "check").exit_code == 0
    result = run(clinic, "build", clinic / "examples/dorothy-reyes.yaml", "-o",
                 clinic / "out.pdf")
    assert result.exit_code == 0, result.output
    assert "Clínica Núñez" in " ".join(page_texts((clinic / "out.pdf").read_bytes()))
