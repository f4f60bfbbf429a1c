"""A character that prints as nothing in a roster's name cell (a zero-width space, a soft
hyphen, a byte order mark, pasted with the name) is taken out, and said once at its row:
with it the page showed "Bo Example" while the file's name and the clinic's record had
another name, so that one patient's packets were not seen as the same person's. A joiner
that shapes a name in a script that joins its letters is kept. Made-up people."""

from __future__ import annotations

from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import page_texts

UNSEEN = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_name_with_a_character_that_does_not_show_is_one_patient_everywhere(
        tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{tmp_path}/handouts.db")
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date\n"
                      "Bo\u200b Example,chronic_low_back,2026-11-23\n"
                      "Bo Ex\u00adam\u2060ple,chronic_low_back,2026-11-24\n"
                      "\ufeffBo Example,chronic_low_back,2026-11-25\n"
                      "Bo Exam\u200dple\u200c,chronic_low_back,2026-11-26\n",
                      encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--jobs", 1, "--quiet")
    assert result.exit_code == 0, result.output
    said = result.stderr.splitlines()
    assert said[0] == (
        f"warning: {roster}:2: row 1 and 3 other rows: patient.name: had a character that "
        "does not show (a zero-width space or the like); taken out, so that the page, the "
        "file's name and the record have the same name")
    # and the desk is told the rows name one person, as it is of any name given twice
    assert said[1].startswith(f"warning: {roster}:3: rows 2, 3 and 4: the same name as row 1")
    assert len(said) == 2
    files = sorted((tmp_path / "out").glob("*.pdf"))
    assert [f.name for f in files] == [f"2026-11-{day}_bo-example.pdf"
                                       for day in (23, 24, 25, 26)]
    for pdf in files:
        text = page_texts(pdf.read_bytes())[0]
        assert "For: Bo Example" in text and not any(c in text for c in UNSEEN)
    history = run("history", "Bo Example")
    assert history.stdout.count("\nvisit ") + history.stdout.startswith("visit ") == 4, \
        history.output
    assert "told apart" not in result.output


def test_a_joiner_that_shapes_a_name_is_kept_and_nothing_is_said(ws):
    name = "\u0639\u0644\u06cc\u200c\u0631\u0636\u0627"  # a Persian name with its ZWNJ
    program = api.program_from_options(ws, patient=name, exercises=["child_pose"],
                                       date="2026-11-23")
    assert program.patient.name == name
    assert api.build_handout(program, ws).warnings == ()


def test_a_handout_given_before_with_such_a_name_reprints_the_same(tmp_path, monkeypatch):
    """What the record kept is made again as it was given (later_rules): its name with the
    character in it, not a name the handout never had."""
    from handouts import record
    from handouts.input import typed
    import test_record

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{tmp_path}/handouts.db")
    clinic = test_record.Clinic(tmp_path)
    path = clinic.program("Bo\u200b Example")
    with monkeypatch.context() as m:  # the code of 6 December: names not cleaned of it
        m.setattr(typed, "without_unseen", lambda value: value)
        m.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache-before"))
        built, _ = clinic.issue(path)
    again = record.reprint(clinic.ws(), built.handout.handout_id)
    assert again.identical is True and again.same_id


def test_check_and_email_say_it_at_the_line_of_the_program_file(tmp_path, monkeypatch):
    """``build`` said the name's unseen character at its line; ``check`` said nothing (the
    clinic learned of it only when the handout was made), and ``email`` said it with no
    file or line, so that, of several programs emailed at once, the desk could not tell
    whose name it was."""
    from test_email import Clinic

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{tmp_path}/handouts.db")
    clinic = Clinic(tmp_path).configure({"port": 2525})
    ada = clinic.program("Ada Example", "ada@example.com")
    bo = clinic.program("Bo\u200b Example", "bo@example.com")
    line = next(n for n, text in enumerate(bo.read_text().splitlines(), 1) if "name:" in text)
    said = (f"warning: {bo}:{line}: patient.name: had a character that does not show (a "
            "zero-width space or the like); taken out, so that the page, the file's name and "
            "the record have the same name")
    checked = run("check", ada, bo, "--library", tmp_path / "exercises.yaml",
                  "--clinic", tmp_path / "clinic.yaml")
    assert checked.exit_code == 0, checked.output
    assert said in checked.stderr.splitlines(), checked.stderr
    assert checked.stderr.count("does not show") == 1
    emailed = clinic.run("email", str(ada), str(bo), "--no-send")
    assert emailed.exit_code == 0, emailed.output
    assert said in emailed.stderr.splitlines(), emailed.stderr
    assert emailed.stderr.count("does not show") == 1
