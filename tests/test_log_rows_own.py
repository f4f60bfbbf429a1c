"""A log's own rows and its pain row, per protocol and per program (docs/library.md:
Protocols, Programs): the program's win over its protocol's, which win over clinic.yaml's.
The made-up cardiac rehab clinic (tests/clinics/cardiac) has rows of its own in every log
and no pain row; here its COPD protocol rates breathlessness in rows of its own and keeps
the pain row. Read back from the PDF: the log is the text after its heading."""

from __future__ import annotations

import pytest

from clinic_copy import build, copied, run
from conftest import page_texts

HOW_HARD = "How hard was your walk? (6–20)"  # clinic.yaml's rows
PULSE = "Your pulse after your walk"
BREATH = "How short of breath were you? (0–10)"  # the COPD protocol's
INHALER = "Times you used your rescue inhaler"
PAIN = "Pain (0–10)"
ROWS_SAID = "fill in the rows under the exercises"

PROTOCOL = """  education: [rpe_scale]
  log_pain: true
  log_rows:
    - {en: "How short of breath were you? (0-10)", es: "¿Cuánta falta de aire tuvo? (0-10)"}
    - Times you used your rescue inhaler
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = copied(tmp_path_factory, "cardiac", "lakeside")
    library = home / "exercises.yaml"
    said = library.read_text(encoding="utf-8")
    copd = said.index("- id: copd_home")
    end = said.index("  education: [rpe_scale]\n", copd)
    library.write_text(said[:end] + PROTOCOL + said[end + len("  education: [rpe_scale]\n"):],
                       encoding="utf-8")
    return home


def log_of(home, program: str, name: str, *options: str) -> str:
    """The text of the log of ``program`` (YAML), every run of white space one space."""
    path = home.parent / f"{name}.yaml"
    path.write_text("patient: {name: Ruth Example}\ndate: 2026-12-07\n" + program,
                    encoding="utf-8")
    text = " ".join(" ".join(page_texts(build(home, path, name, *options)[0])).split())
    return text[text.index("exercise log"):]


def test_the_protocol_s_rows_and_pain_row_replace_the_clinic_s(home):
    log = log_of(home, "protocol: copd_home\n", "copd")
    assert BREATH in log and INHALER in log and ROWS_SAID in log
    assert HOW_HARD not in log and PULSE not in log
    # the protocol keeps the pain row the clinic leaves out
    assert PAIN in log and "how bad the pain was" in log


def test_a_protocol_that_says_nothing_keeps_the_clinic_s(home):
    log = log_of(home, "protocol: cardiac_phase_2\n", "cardiac")
    assert HOW_HARD in log and PULSE in log and PAIN not in log
    assert BREATH not in log and INHALER not in log


@pytest.mark.parametrize("program, rows, pain", [
    ("log_rows: [Your weight]\n", ["Your weight"], True),
    ("log_rows: []\n", [], True),
    ("log_pain: false\n", [BREATH, INHALER], False),
])
def test_the_program_s_own_win_over_its_protocol_s(home, program, rows, pain):
    log = log_of(home, "protocol: copd_home\n" + program, f"copd-own-{len(rows)}-{pain}")
    for row in (BREATH, INHALER, HOW_HARD, PULSE, "Your weight"):
        assert (row in log) == (row in rows), row
    assert (ROWS_SAID in log) == bool(rows)
    assert (PAIN in log) == pain


def test_a_row_per_language_prints_in_the_handout_s_and_one_text_in_the_library_s(home):
    path = home.parent / "copd-es.yaml"
    path.write_text("patient: {name: Ruth Example}\ndate: 2026-12-07\nprotocol: copd_home\n"
                    "language: es\n", encoding="utf-8")
    pdf, result = build(home, path, "copd-es")
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "¿Cuánta falta de aire tuvo? (0–10)" in text and BREATH not in text
    # one text is in the library's language: printed so, and the build says so at its place
    assert INHALER in text
    assert ("protocols[copd_home].log_rows[2]: no español text; printed in English"
            in result.stderr), result.stderr


def test_a_program_s_row_under_a_code_with_no_words_says_so_at_the_build(home):
    """``sp:`` typed for es: the Spanish handout prints the English row, and the build's line
    said only that the row has no Spanish text, as if the Spanish were never written."""
    path = home.parent / "copd-sp.yaml"
    path.write_text("patient: {name: Ruth Example}\ndate: 2026-12-07\nprotocol: copd_home\n"
                    "language: es\nlog_rows:\n  - {en: Your weight, sp: Su peso}\n",
                    encoding="utf-8")
    pdf, result = build(home, path, "copd-sp")
    assert "Your weight" in " ".join(page_texts(pdf))
    line = next(line for line in result.stderr.splitlines() if "log_rows[1]" in line)
    # at the row's line in the file, as the file's problems are
    assert (f'{path}:6: log_rows[1]: no español text; printed in English; no handouts in "sp" '
            "yet; use one of en, es; or give the handouts words in it") in line, line
    # and check names the file's line
    checked = run(home, "check", str(path))
    assert checked.exit_code == 0, checked.output
    assert (f'warning: {path}:6: log_rows[1].sp: "sp" is not a language the handouts have '
            "words in, so no handout prints this row; they have words in ") in checked.stderr, \
        checked.stderr


def test_a_program_s_one_text_prints_once_in_a_bilingual_handout(home):
    log = log_of(home, "protocol: copd_home\nlanguage: [es, en]\nlog_rows: [Peso / weight]\n",
                 "copd-bilingual")
    assert log.count("Peso / weight") == 1
    assert BREATH not in log


def test_two_protocols_of_one_process_each_print_their_own_rows(home):
    # the log's table is laid out once a process for each content (render/frozen.py): two
    # programs of the same exercises, one by the protocol with rows of its own, must not
    # print each other's
    import handouts as api

    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    protocol = ws.library.protocol("copd_home")
    spelled = "exercises: [" + ", ".join(e.id for e in protocol.exercises) + "]\n"
    made = []
    for name, given in (("by-protocol", "protocol: copd_home\n"), ("spelled", spelled)):
        path = home.parent / f"{name}.yaml"
        path.write_text(f"patient: {{name: Ruth Example}}\ndate: 2026-12-07\n{given}",
                        encoding="utf-8")
        made.append(api.build_handout(api.load_program(path, ws), ws))
    texts = [" ".join(" ".join(page_texts(m.pdf)).split()) for m in made]
    assert INHALER in texts[0] and HOW_HARD not in texts[0]
    assert HOW_HARD in texts[1] and INHALER not in texts[1]
    assert made[0].handout.handout_id != made[1].handout.handout_id


def test_check_reads_the_protocol_s_rows(home):
    result = run(home, "check", "--language", "es")
    assert result.exit_code == 0, result.output
    line = next(i for i, row in enumerate(
        (home / "exercises.yaml").read_text(encoding="utf-8").splitlines(), 1) if INHALER in row)
    assert (f"exercises.yaml:{line}: protocols[copd_home].log_rows[2]: no español text; "
            "printed in English") in result.stderr, result.stderr


def test_check_lists_a_program_s_row_with_no_text_in_the_language(home):
    """--language es with a program file: its own row given per language with no Spanish
    is listed at its line, as a protocol's is (a build in Spanish warns of it); a row of
    one text prints in every language and is not."""
    path = home.parent / "copd-weight.yaml"
    path.write_text("patient: {name: Ruth Example}\ndate: 2026-12-07\nprotocol: copd_home\n"
                    "log_rows:\n  - {en: Your weight}\n  - Steps today\n", encoding="utf-8")
    result = run(home, "check", "--language", "es", str(path))
    assert result.exit_code == 0, result.output
    assert (f"untranslated: {path}:5: log_rows[1]: no español text; printed in English; "
            "write it as {en: ..., es: ...}") in result.stderr, result.stderr
    assert "log_rows[2]" not in "".join(line for line in result.stderr.splitlines()
                                        if str(path) in line)


def test_check_names_the_words_a_clinic_s_own_language_lacks_for_the_rows(tmp_path):
    # the French test clinic's own wording was written before a log had rows of its own: a
    # protocol's rows are a warning (its handouts will not build), a program's an error at
    # its log_rows:, as its build stops with one line
    import shutil

    from conftest import ROOT

    home = tmp_path / "french"
    shutil.copytree(ROOT / "tests" / "clinics" / "french", home)
    assert "log_how_rows" not in run(home, "check").stderr
    library = home / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8") + (
        "\nprotocols:\n- id: vertiges\n  title: Vertiges\n  exercises: [marche]\n"
        '  log_pain: false\n  log_rows: ["Vertiges (0-10)"]\n'), encoding="utf-8")
    checked = run(home, "check")
    assert checked.exit_code == 0, checked.output
    assert [line for line in checked.stderr.splitlines() if '"log_how_rows"' in line
            and line.startswith("warning: ")], checked.stderr
    program = tmp_path / "lea.yaml"
    program.write_text("patient: {name: Léa Exemple}\ndate: 2026-12-07\nexercises:\n"
                       "  - genou_assis\nlog_rows: [Votre pouls]\n", encoding="utf-8")
    built = run(home, "build", str(program), "-o", str(tmp_path / "lea.pdf"))
    assert built.exit_code == 1
    lacks = [line for line in built.output.splitlines() if line.startswith("error: ")]
    assert len(lacks) == 1 and '"log_how_rows"' in lacks[0], built.output
    checked = run(home, "check", str(program))
    assert checked.exit_code == 1
    assert f"error: {program}:5: log_rows: rows of the program's own in the log: " \
        f"{lacks[0].removeprefix('error: ')}" in checked.output.splitlines(), checked.output
