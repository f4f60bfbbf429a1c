"""A folder given where a file belongs (a program, a roster, the library or clinic file, an
output, a copy of the record): one line naming it and exit status 1, as a folder in place
of clinic.yaml already was. click's four lines of Usage and Error (exit status 2) said it
for the folder given as a program to check, build, email and batch."""

from __future__ import annotations

import re

import shutil

import pytest
from click.testing import CliRunner

from handouts.cli import main

from conftest import ROOT, page_texts


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def folders(tmp_path):
    (tmp_path / "jo.yaml").mkdir()  # named as a program is
    (tmp_path / "today").mkdir()
    return tmp_path


@pytest.mark.parametrize("command, given, said", [
    (["check"], "jo.yaml", "is a folder, not a YAML file"),
    (["build"], "jo.yaml", "is a folder, not a YAML file"),
    (["build"], "today", "is a folder, not a YAML file"),
    (["batch"], "jo.yaml", "is a folder, not a YAML file"),
    (["batch"], "today", "is a folder, not a roster: give the roster's CSV file"),
    (["check", "--clinic"], "today", "is a folder, not a YAML file"),
    (["list", "--library"], "today", "is a folder, not a YAML file"),
    (["restore", "--yes"], "today", "is a folder, not a copy of the record; give the "
                                    "copy's file (a .db file, as backup makes)"),
])
def test_a_folder_for_a_file_is_one_line(folders, command, given, said):
    result = run(*command, folders / given)
    assert result.exit_code == 1
    assert result.stderr == f"error: {folders / given}: {said}\n" + (
        "1 problem found.\n" if command[0] == "check" else "")
    assert result.stdout == ""


def test_a_folder_among_programs_is_told_and_the_others_are_done(folders, tmp_path):
    program = tmp_path / "ann.yaml"
    shutil.copy(ROOT / "examples" / "jane-doe.yaml", program)
    checked = run("check", program, folders / "jo.yaml")
    assert checked.exit_code == 1
    assert checked.stderr == (f"error: {folders / 'jo.yaml'}: is a folder, not a YAML file\n"
                              "1 problem found.\n")

    merged = tmp_path / "all.pdf"
    batch = run("batch", program, folders / "jo.yaml", "--merge", merged, "--quiet")
    assert batch.exit_code == 1
    assert batch.stderr == f"error: {folders / 'jo.yaml'}: is a folder, not a YAML file\n"
    assert "Jane Doe" in "".join(page_texts(merged.read_bytes()))

    clinic = tmp_path / "clinic"  # a clinic with an address to send from
    assert run("new", clinic, "--name", "Test PT", "--phone", "555-0100").exit_code == 0
    config = clinic / "clinic.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "email: desk@example.com\n",
                      encoding="utf-8")
    emailed = run("--home", clinic, "email", folders / "jo.yaml", "--no-send", "--outbox",
                  tmp_path / "outbox")
    assert emailed.exit_code == 1
    assert emailed.stderr == f"failed: {folders / 'jo.yaml'}: is a folder, not a YAML file\n"


@pytest.mark.parametrize("command, option", [
    (["build", "--patient", "Ann Example", "--protocol", "chronic_low_back"], "-o"),
    (["draw", "child_pose"], "-o"),
    (["batch", "--protocol", "chronic_low_back", "--copies", "1"], "--merge"),
])
def test_a_folder_to_write_to_is_one_line(tmp_path, command, option):
    folder = tmp_path / ("out.svg" if command[0] == "draw" else "out.pdf")
    folder.mkdir()
    result = run(*command, option, folder)
    assert result.exit_code == 1
    if command[0] == "draw":
        assert result.stderr == (f"error: {option} {folder}: that is a folder, not a file; "
                                 "give the name of a file to write\n")
    else:  # a PDF's name in it, as the command would choose it
        name = "ann-example" if command[0] == "build" else "walk-in_chronic_low_back"
        assert re.fullmatch(
            f"error: {re.escape(f'{option} {folder}')}: that is a folder, not a file; give "
            f"the name of a file to write in it, e.g. {re.escape(f'{option} {folder}/')}"
            rf"\d{{4}}-\d\d-\d\d_{name}\.pdf\n", result.stderr), result.stderr
    assert list(folder.iterdir()) == []


def test_an_output_name_without_pdf_gets_it(tmp_path):
    """`build … -o /tmp/visit/out` wrote a file named `out`, which no viewer opened on a
    double click; and `-o new/` (a folder meant) a file named `new`."""
    (tmp_path / "visit").mkdir()
    quick = ["build", "--patient", "Ann Example", "--protocol", "chronic_low_back"]
    result = run(*quick, "-o", tmp_path / "visit" / "out")
    assert result.exit_code == 0, result.output
    written = tmp_path / "visit" / "out.pdf"
    assert result.stdout.startswith(f"wrote {written} (")
    assert list((tmp_path / "visit").iterdir()) == [written]
    assert "Ann Example" in "".join(page_texts(written.read_bytes()))
    assert run(*quick, "-o", tmp_path / "visit" / "two.PDF").exit_code == 0
    assert (tmp_path / "visit" / "two.PDF").is_file()

    folder = f"{tmp_path / 'new'}/"
    result = run(*quick, "-o", folder)
    assert result.exit_code == 1
    assert re.fullmatch(f"error: -o {re.escape(folder)}: that names a folder, not a file; "
                        f"give the name of a file to write in it, e.g. -o {re.escape(folder)}"
                        r"\d{4}-\d\d-\d\d_ann-example\.pdf\n", result.stderr), result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["visit"]
