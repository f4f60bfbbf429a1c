"""A clinic's own protocols file that cannot be read at all (a duplicate key, a tab, a value
where the list should start): every protocol in it is left out, and a command naming one
says the file's problem, as for an entry with a problem. It said `unknown protocol
"desk_worker" in exercises.yaml; run … list`, while `check` named the real problem."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from handouts.cli import main

from conftest import page_texts
from test_web import LIBRARY

DESK = ("protocols:\n"
        "- id: desk_worker\n"
        "  title: Desk worker\n"
        "  exercises:\n"
        "  - id: bridge\n"
        "    dose: {reps: '15'}\n"
        "  - heel_raise\n"
        "  education: [posture]\n")

# each: the file, and its problem as `check` says it (after "<the file's path>:")
UNREADABLE = {
    "a duplicate key": (DESK + "  education: [posture]\n",
                        '9: protocols[desk_worker].education: duplicate key "education" '
                        "(first given on line 8); keep one of them"),
    "a tab": (DESK.replace("  title:", "\ttitle:"),
              "3: protocols[1]: YAML syntax error: a tab indents this line; YAML indents "
              "with spaces only: replace the tab with spaces"),
    "a date for the list": (DESK.replace("protocols:", "protocols: 2026-01-01"),
                            "2: YAML syntax error: this line is not lined up with the lines "
                            "above it; indent the keys of one entry by the same number of "
                            'spaces, and start each list item with "- "'),
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def clinic(tmp_path):
    folder = tmp_path / "clinic"
    shutil.copytree(LIBRARY, folder)
    return folder


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_a_command_naming_a_protocol_of_an_unreadable_file_says_the_file_s_problem(
        clinic, tmp_path, case):
    content, problem = UNREADABLE[case]
    path = clinic / "protocols.local.yaml"
    path.write_text(content, encoding="utf-8")
    said = f"{path}:{problem}"
    checked = run("--home", clinic, "check")
    assert checked.exit_code == 1 and f"error: {said}\n" in checked.stderr

    out = tmp_path / "ann.pdf"
    built = run("--home", clinic, "build", "--protocol", "desk_worker", "--patient",
                "Ann Example", "-o", out)
    assert built.exit_code == 1 and not out.exists()
    assert built.stderr == ('error: options: protocol: "desk_worker" is left out until '
                            f"protocols.local.yaml can be read: {said}\n")

    # a roster row and a program file that name it: at their own line
    roster = tmp_path / "today.csv"
    roster.write_text("name,program\nBo Example,low_back_start\nCy Example,desk_worker\n",
                      encoding="utf-8")
    batch = run("--home", clinic, "batch", roster, "--merge", tmp_path / "all.pdf", "--quiet")
    assert batch.exit_code == 1
    assert "Bo Example" in "".join(page_texts((tmp_path / "all.pdf").read_bytes()))
    assert batch.stderr == (f'error: {roster}:3: row 2: protocol: "desk_worker" is left out '
                            f"until protocols.local.yaml can be read: {said}\n")
    program = tmp_path / "cy.yaml"
    program.write_text("patient: {name: Cy Example}\nprotocol: desk_worker\n",
                       encoding="utf-8")
    built = run("--home", clinic, "build", program, "-o", tmp_path / "cy.pdf")
    assert built.stderr == (f'error: {program}:2: protocol: "desk_worker" is left out until '
                            f"protocols.local.yaml can be read: {said}\n")


def test_an_exercise_s_id_in_the_file_is_no_protocol_of_it(clinic, tmp_path):
    """Only the ids of the file's entries are its protocols: "bridge", an exercise listed
    in one, is still an unknown protocol, with the list of protocols to choose from."""
    (clinic / "protocols.local.yaml").write_text(UNREADABLE["a tab"][0], encoding="utf-8")
    built = run("--home", clinic, "build", "--protocol", "bridge", "--patient", "Ann Example",
                "-o", tmp_path / "ann.pdf")
    assert built.exit_code == 1
    assert built.stderr.startswith('error: options: protocol: unknown protocol "bridge" in ')
