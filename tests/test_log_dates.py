"""The log until the next visit, at its edges (README: *The handout*): a next visit further
off than the longest log is said, not silently cut short; dates are YYYY-MM-DD, never a
number read as a time. Read back from the PDFs and from what the command line says; made-up
patients."""

from __future__ import annotations

import re
import shutil

import yaml
from click.testing import CliRunner

from handouts.cli import main

from conftest import ROOT, page_texts

FRENCH = ROOT / "tests" / "clinics" / "french"
LIBRARY = ["--library", ROOT / "exercises.yaml", "--clinic", ROOT / "clinic.yaml"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in (*args, *LIBRARY)],
                              catch_exceptions=False)


def program(tmp_path, name="program.yaml", **keys):
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"patient": {"name": "Jane Doe"}, "date": "2026-11-23",
                                    **keys, "exercises": ["child_pose"]}, sort_keys=False))
    return path


def weeks_in(pdf: bytes) -> list[str]:
    return re.findall(r"^Week \d+", "\n".join(page_texts(pdf)), re.M)


def test_a_next_visit_beyond_six_weeks_is_said_in_one_line(tmp_path):
    """Said at the program file's line, as its other warnings and problems are: it began
    "next_visit:", naming no file, so a clinic building several did not know whose."""
    path = program(tmp_path, next_visit="2027-02-08")
    result = run("build", path, "-o", tmp_path / "a.pdf")
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if line.startswith("warning")]
    assert said == [f"warning: {path}:4: next_visit: 2027-02-08 is 77 days after the visit's date "
                    "(2026-11-23); the log has 6 weeks, the most it can have, and ends on "
                    "2027-01-03: plan a new handout by then (log_weeks: 6 in the program says "
                    "you mean it)"]
    assert len(weeks_in((tmp_path / "a.pdf").read_bytes())) == 6
    # six weeks asked, or a next visit within them: nothing to say
    for keys in ({"next_visit": "2027-02-08", "log_weeks": 6}, {"next_visit": "2027-01-04"}):
        out = tmp_path / "b.pdf"
        result = run("build", program(tmp_path, **keys), "-o", out)
        assert result.exit_code == 0 and "warning" not in result.output, result.output
        assert len(weeks_in(out.read_bytes())) == 6
        out.unlink()


def test_a_number_or_a_time_given_as_a_date_is_one_line_not_a_day_in_1970(tmp_path):
    # pydantic reads 0 and 1765152000 as Unix times (1970-01-01, 2025-12-08), and a time of
    # day at midnight as its date: each was taken without a word
    path = tmp_path / "program.yaml"
    path.write_text("patient:\n  name: Jane Doe\n  dob: 0\ndate: 1765152000\n"
                    "next_visit: 2026-12-08 00:00:00\nexercises: [child_pose]\n")
    result = run("check", path)
    assert result.exit_code == 1
    right = "is not a date; write it as YYYY-MM-DD (e.g. 2026-11-23)"
    assert [line for line in result.output.splitlines() if line.startswith("error")] == [
        f'error: {path}:3: patient.dob: "0" {right}',
        f'error: {path}:4: date: "1765152000" {right}',
        f'error: {path}:5: next_visit: "2026-12-08 00:00:00" {right}']


def test_a_roster_date_of_digits_is_its_rows_problem_and_the_other_rows_are_built(tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date\nAnn Lee,chronic_low_back,1765152000\n"
                      "Bo Ray,chronic_low_back,2026-12-01\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert (f'error: {roster}:2: row 1: "date": "1765152000" is not a date; write it as '
            "YYYY-MM-DD (e.g. 2026-11-23)") in result.output.splitlines()
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == ["2026-12-01_bo-ray.pdf"]


def test_a_clinics_own_language_without_the_weeks_heading_builds_every_one_week_log(tmp_path):
    # a French clinic written before log_heading_weeks was added to the package
    home = tmp_path / "kine"
    shutil.copytree(FRENCH, home)
    own = home / "strings.fr.yaml"
    own.write_text("".join(line for line in own.read_text(encoding="utf-8").splitlines(True)
                           if not line.startswith("log_heading_weeks")), encoding="utf-8")
    files = ["--library", home / "exercises.yaml", "--clinic", home / "clinic.yaml"]
    lacks = (f'{own}: no wording for "log_heading_weeks"; add it, translated from the '
             "package's English: log_heading_weeks: \"Your exercise log: {{ weeks }} weeks\"")
    one = program(tmp_path, "one.yaml", exercises=["marche"])
    one.write_text(one.read_text().replace("child_pose", "marche"))
    three = program(tmp_path, "three.yaml", log_weeks=3)
    three.write_text(three.read_text().replace("child_pose", "marche"))

    def cli(*args):
        return CliRunner().invoke(main, [str(a) for a in (*args, *files)],
                                  catch_exceptions=False)

    result = cli("build", one, "-o", tmp_path / "one.pdf")
    assert result.exit_code == 0, result.output
    assert "Votre carnet d'exercices" in "".join(page_texts((tmp_path / "one.pdf").read_bytes()))
    result = cli("build", three, "-o", tmp_path / "three.pdf")
    assert (result.exit_code, result.output) == (1, f"error: {lacks}\n")
    # check: a warning while no handout it is given needs the key, else that handout's error
    result = cli("check", one)
    assert result.exit_code == 0, result.output
    assert f"warning: {lacks}; a handout with a log of several weeks (next_visit or " \
        "log_weeks) will not build without it" in result.output.splitlines()
    result = cli("check", one, three)
    assert result.exit_code == 1
    assert f"error: {three}:4: log_weeks: a log of 3 weeks: {lacks}" in result.output.splitlines()
