"""An unknown exercise, topic or protocol in a program ends with the command that lists the
ones there are: for the clinic the program was checked against (its --home, --library and
--clinic), pasted from any folder. It said `make_handouts.py list` whatever the clinic, which
lists the default library's ids instead.

The hint is made as the program's problems are told, never kept: two clinics with the same
files share one validated library in the cache (input/cache.py, by content), and the clinic's
own protocols, which a workspace keeps, carry no command in their problems."""

from __future__ import annotations

import shlex
import shutil

from click.testing import CliRunner

from handouts.cli import main

PROGRAM = ("patient: {name: Sam Sample}\nexercises: [walking, no_such_move]\n"
           "education: [no_such_topic]\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def new_clinic(folder):
    made = run("new", folder, "--name", "Riverside PT", "--phone", "555-0100")
    assert made.exit_code == 0, made.output
    return folder


def hints(result) -> list[str]:
    return [line.rsplit("; ", 1)[1] for line in errors(result)]


def test_the_list_command_is_for_the_clinic_the_program_was_checked_against(tmp_path):
    program = tmp_path / "sam.yaml"
    program.write_text(PROGRAM, encoding="utf-8")
    # the same files in two folders: one entry of the validated-library cache for both
    first, second = new_clinic(tmp_path / "first clinic"), new_clinic(tmp_path / "second")
    for folder in (first, second):
        built = run("--home", folder, "build", program, "-o", tmp_path / "sam.pdf")
        assert built.exit_code == 1 and not (tmp_path / "sam.pdf").exists()
        listed = f"make_handouts.py --home {shlex.quote(str(folder))} list"
        assert hints(built) == [f"run `{listed}` to see the exercises",
                                f"run `{listed}` to see the topics"]
        # and the command, run, lists that clinic's exercises
        assert "walking" in run(*shlex.split(listed)[1:]).output

    by_file = run("check", "--library", second / "exercises.yaml",
                  "--clinic", second / "clinic.yaml", program)
    assert by_file.exit_code == 1
    listed = (f"make_handouts.py list --library {shlex.quote(str(second / 'exercises.yaml'))}"
              f" --clinic {shlex.quote(str(second / 'clinic.yaml'))}")
    assert hints(by_file) == [f"run `{listed}` to see the exercises",
                              f"run `{listed}` to see the topics"]
    assert "walking" in run(*shlex.split(listed)[1:]).output


def test_a_clinic_protocols_problem_names_no_other_run_s_command(tmp_path):
    # kept with the workspace (the web app's, across requests): no command in it
    folder = new_clinic(tmp_path / "clinic")
    (folder / "protocols.local.yaml").write_text(
        "protocols:\n- id: mine\n  title: Mine\n  exercises: [no_such_move]\n",
        encoding="utf-8")
    checked = run("--home", folder, "check")
    assert checked.exit_code == 1
    [line] = errors(checked)
    assert line.endswith(f'unknown exercise "no_such_move" in {folder / "exercises.yaml"}; '
                         "a protocol can name only the library's exercises")


def test_demo_names_each_example_clinic_s_own_folder(tmp_path):
    home = new_clinic(tmp_path / "home")
    inner = home / "examples" / "branch"
    shutil.copytree(new_clinic(tmp_path / "branch"), inner)
    (inner / "examples" / "sam.yaml").write_text(PROGRAM, encoding="utf-8")

    demo = run("--home", home, "demo", "--out-dir", tmp_path / "out")
    assert demo.exit_code == 1
    listed = f"make_handouts.py --home {shlex.quote(str(inner))} list"
    assert hints(demo) == [f"run `{listed}` to see the exercises",
                           f"run `{listed}` to see the topics"]
    assert (tmp_path / "out" / "sample-patient.pdf").is_file()  # the others still built
    assert (tmp_path / "out" / "branch" / "sample-patient.pdf").is_file()
