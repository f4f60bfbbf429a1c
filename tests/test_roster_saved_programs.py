"""A roster's saved program is looked for beside the roster, then in the clinic's
``programs/`` (where the web app saves them): a desk keeps its day's export in another
folder than the clinic's home. Where neither has it, the line names both places. Through
`batch`, read back from the PDFs. Made-up people only."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from handouts.cli import main

from conftest import page_texts

SAVED = ("patient:\n  name: Jane Doe\ndate: 2026-11-23\nexercises: [child_pose]\n"
         "note: Walk to the mailbox and back each day.\n")
SHIPPED = Path(__file__).resolve().parent.parent


def clinic(tmp_path: Path) -> Path:
    """A clinic's home with one saved program, as the web app saves it."""
    home = tmp_path / "clinic"
    home.mkdir()
    for name in ("exercises.yaml", "clinic.yaml"):
        shutil.copy(SHIPPED / name, home / name)
    shutil.copytree(SHIPPED / "images", home / "images")
    (home / "programs").mkdir()
    (home / "programs" / "jane-doe.yaml").write_text(SAVED, encoding="utf-8")
    return home


def batch(home: Path, roster: Path, out: Path):
    return CliRunner().invoke(main, ["--home", str(home), "batch", str(roster), "--out-dir",
                                     str(out), "--quiet"], catch_exceptions=False)


def test_a_saved_program_s_name_is_found_in_the_clinic_s_programs_folder(tmp_path):
    home = clinic(tmp_path)
    (home / "programs" / "bo-lee.yaml").write_text(SAVED.replace("mailbox", "gate"),
                                                   encoding="utf-8")
    desk = tmp_path / "desk"
    desk.mkdir()
    # one beside the roster comes first, as before
    (home / "programs" / "cy-lee.yaml").write_text(SAVED, encoding="utf-8")
    (desk / "cy-lee.yaml").write_text(SAVED.replace("mailbox", "corner"), encoding="utf-8")
    roster = desk / "today.csv"
    roster.write_text("name,program\nAnn Lee,jane-doe\nBo Lee,bo-lee.yaml\nCy Lee,cy-lee\n",
                      encoding="utf-8")
    result = batch(home, roster, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    for name, walk in (("ann-lee", "the mailbox"), ("bo-lee", "the gate"),
                       ("cy-lee", "the corner")):
        text = "\n".join(page_texts((tmp_path / "out" / f"2026-11-23_{name}.pdf").read_bytes()))
        assert f"Walk to {walk} and back each day." in text, name


def test_a_name_found_in_neither_place_is_told_both(tmp_path):
    home = clinic(tmp_path)
    desk = tmp_path / "desk"
    desk.mkdir()
    roster = desk / "today.csv"
    roster.write_text("name,program\nAnn Lee,jon-doe\nBo Lee,jon-doe.yaml\n", encoding="utf-8")
    result = batch(home, roster, tmp_path / "out")
    assert result.exit_code == 1
    both = (f"is neither beside the roster ({desk}) nor in the clinic's saved programs "
            f"({home / 'programs'})")
    assert result.stderr.splitlines() == [
        f'error: {roster}:2: row 1: unknown protocol "jon-doe"; known protocols: '
        '"chronic_low_back"; give a protocol id or a program file (ending .yaml): '
        f"jon-doe.yaml {both}",
        f'error: {roster}:3: row 2: program: "jon-doe.yaml" {both}']


def test_a_link_out_of_the_programs_folder_is_refused_unread(tmp_path):
    home = clinic(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("patient:\n  name: Someone Else\nexercises: [child_pose]\n",
                      encoding="utf-8")
    os.symlink(secret, home / "programs" / "other.yaml")
    desk = tmp_path / "desk"
    desk.mkdir()
    roster = desk / "today.csv"
    roster.write_text("name,program\nAnn Lee,other\n", encoding="utf-8")
    result = batch(home, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert ('program: "other.yaml" is outside the clinic\'s saved programs folder'
            in result.stderr)
    assert "Someone Else" not in result.stderr
