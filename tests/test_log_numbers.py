"""A log that asks for numbers, not only ticks (README: *The handout*, the log): the made-up
cardiac rehab clinic (tests/clinics/cardiac) has its walk logged in minutes (its dose's
``log: minutes you walked``) and two rows of its own under the exercises (clinic.yaml's
``log_rows``: how hard the walk felt, the pulse). Read back from the PDF in every layout, in
two languages, over a log of two weeks; and the words over the log, on page 1 and in the
email say what the rows ask."""

from __future__ import annotations

import shutil

import pytest

from clinic_copy import build, copied, flat_pages, run
from conftest import ROOT, page_texts

CLINIC = ROOT / "tests" / "clinics" / "cardiac"
# the row as clinic.yaml has it, and as it prints: a range with the en dash a dose's has
WRITTEN = "How hard was your walk? (6-20)"
HOW_HARD = "How hard was your walk? (6–20)"
PULSE = "Your pulse after your walk"
MINUTES = "Write the number of minutes you walked"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "cardiac", "lakeside")


def built(home, program: str, name: str) -> str:
    """The text of the handout of ``program`` (YAML), every run of white space one space."""
    path = home.parent / f"{name}.yaml"
    path.write_text(program, encoding="utf-8")
    return " ".join(flat_pages(build(home, path, name)[0]))


WALTER = ("patient: {name: Walter Example}\ndate: 2026-12-07\nnext_visit: 2026-12-21\n"
          "weeks_from: 2026-11-23\nprotocol: cardiac_phase_2\n")


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_each_week_asks_for_the_minutes_walked_and_the_clinic_s_rows(home, layout):
    text = built(home, WALTER + f"layout: {layout}\n", f"walter-{layout}")
    assert "Your exercise log: 2 weeks" in text
    # each week's table: the walk's space to write in, then the clinic's two rows
    assert text.count(MINUTES) == 2, text
    assert text.count(HOW_HARD) == 2 and text.count(PULSE) == 2
    # the words over the log say what every kind of row asks, and no pain row is asked of
    assert ("Each time you finish an exercise, put a check in one box for that day. Where "
            "it says what to write, write the number in the space for that day. At the end "
            "of each day, fill in the rows under the exercises.") in text
    assert "Pain (0–10)" not in text and "how bad the pain was" not in text
    # page 1 (compact: over the exercises) says to fill the log in, not to check it off
    assert "Fill in the log each day. Bring it to the next visit." in text
    assert "Check off each exercise" not in text


def test_a_line_to_mark_is_said_to_be_marked_not_checked(home):
    # pursed-lip breathing "as needed" has a line to mark each time; the walk, minutes
    text = built(home, "patient: {name: Ruth Example}\ndate: 2026-12-07\n"
                 "protocol: copd_home\nlog_pain: true\n", "ruth-lines")
    assert ("Each time you finish an exercise, put a check in one box for that day. Where "
            "there is a line, make a mark on it each time. Where it says what to write, "
            "write the number in the space for that day. At the end of each day, fill in the "
            "rows under the exercises. At the end of each day, write how bad the pain was, "
            "from 0 (no pain) to 10 (worst pain).") in text
    assert "Pain (0–10)" in text and HOW_HARD in text


def test_two_languages_print_the_rows_and_the_units_in_each(tmp_path):
    home = tmp_path / "lakeside"
    shutil.copytree(CLINIC, home)
    clinic = home / "clinic.yaml"
    said = f'  - "{WRITTEN}"\n'
    assert said in clinic.read_text(encoding="utf-8")
    clinic.write_text(clinic.read_text(encoding="utf-8").replace(
        said, f'  - {{en: "{WRITTEN}", es: "¿Qué tan fuerte fue su caminata? (6-20)"}}\n'),
        encoding="utf-8")
    (home / "exercises.es.yaml").write_text(
        "language: es\nexercises:\n  home_walking:\n    log: minutos que caminó\n",
        encoding="utf-8")
    program = home / "walter-es.yaml"
    program.write_text(WALTER + "language: [es, en]\nlayout: large_print\n", encoding="utf-8")
    out = tmp_path / "walter-es.pdf"
    result = run(home, "build", str(program), "-o", str(out))
    assert result.exit_code == 0, result.output
    # the row given in English only prints in English, and the build says so
    assert "clinic.yaml log_rows[2] has no español text; printed in English" in result.stderr
    text = " ".join(" ".join(page_texts(out.read_bytes())).split())
    assert text.count("Escriba el número de minutos que caminó") == 2
    assert text.count(MINUTES) == 2
    assert text.count("¿Qué tan fuerte fue su caminata? (6–20)") == 2
    assert text.count(HOW_HARD) == 2 and text.count(PULSE) == 2
    assert "Donde dice qué escribir, escriba el número en el espacio de ese día." in text
    # check --language es names the row with no Spanish, at its line
    checked = run(home, "check", "--language", "es")
    line = next(i for i, row in enumerate(clinic.read_text(encoding="utf-8").splitlines(), 1)
                if PULSE in row)
    assert f"clinic.yaml:{line}: log_rows[2]: no español text; printed in English" in \
        checked.stderr, checked.stderr


def test_the_email_says_to_fill_in_the_log(home):
    from email.headerregistry import Address

    import handouts as api
    from handouts.mail import message as mail

    program = home.parent / "walter-emailed.yaml"
    program.write_text(WALTER.replace("{name: Walter Example}",
                                      "{name: Walter Example, email: pat@example.com}"),
                       encoding="utf-8")
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    made = api.build_handout(api.load_program(program, ws), ws)
    message = mail.compose(made.handout, made.pdf, made.filename,
                           sender=Address("Lakeside", "desk@example.com"))
    for kind in ("plain", "html"):
        body = message.get_body((kind,)).get_content()
        assert "It also has a log to fill in each day." in body
        assert "check off" not in body


@pytest.mark.parametrize("written, said", [
    ("log: [minutes]", "exercises[home_walking].dose.log: expected text, got a list"),
    ('log: ""', "exercises[home_walking].dose.log: must not be empty"),
    ("logs: minutes", 'exercises[home_walking].dose.logs: unknown key "logs"; '
                      'did you mean "log"?'),
])
def test_check_names_a_wrong_log_at_its_line(tmp_path, written, said):
    home = tmp_path / "lakeside"
    shutil.copytree(CLINIC, home)
    library = home / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    assert "    log: minutes you walked\n" in text
    library.write_text(text.replace("    log: minutes you walked\n", f"    {written}\n"),
                       encoding="utf-8")
    line = text.splitlines().index("    log: minutes you walked") + 1
    result = run(home, "check")
    assert result.exit_code != 0
    errors = [row for row in result.output.splitlines() if row.startswith("error:")]
    assert errors == [f"error: {library}:{line}: {said}"], result.output


def test_five_rows_of_the_clinic_s_are_refused_in_one_line(tmp_path):
    home = tmp_path / "lakeside"
    shutil.copytree(CLINIC, home)
    clinic = home / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "".join(
        f'  - "Row {n}"\n' for n in range(3, 6)), encoding="utf-8")
    result = run(home, "check")
    assert result.exit_code != 0
    errors = [row for row in result.output.splitlines() if row.startswith("error:")]
    assert len(errors) == 1 and f"{clinic}:" in errors[0] and "log_rows" in errors[0], \
        result.output


def test_a_clinic_of_its_own_language_is_told_the_words_a_number_to_write_needs(tmp_path):
    # the French test clinic's own wording was written before a log asked for numbers:
    # `check` says nothing of those words until its library asks for one, then names them
    home = tmp_path / "french"
    shutil.copytree(ROOT / "tests" / "clinics" / "french", home)
    assert "log_write" not in run(home, "check").stderr
    library = home / "exercises.yaml"
    said = "    effort: facile, vous pouvez parler\n"
    assert said in library.read_text(encoding="utf-8")
    library.write_text(library.read_text(encoding="utf-8").replace(
        said, said + "    log: minutes de marche\n", 1), encoding="utf-8")
    result = run(home, "check")
    assert 'no wording for "log_write"; add it, translated from the package\'s English: ' \
           'log_write: "Write the number of {{ unit }}"' in result.stderr, result.stderr
    assert 'no wording for "log_how_numbers"' in result.stderr


def test_a_row_changed_in_clinic_yaml_prints_in_the_next_one_week_log(tmp_path):
    # a process that runs on (the web app) opens clinic.yaml again after a save; the one
    # week's table it had laid out was kept by its exercises alone and printed the old row
    import handouts as api

    home = tmp_path / "lakeside"
    shutil.copytree(CLINIC, home)
    program = tmp_path / "walter-one-week.yaml"
    program.write_text("patient: {name: Walter Example}\ndate: 2026-12-07\n"
                       "protocol: cardiac_phase_2\n", encoding="utf-8")

    def printed() -> str:
        ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
        made = api.build_handout(api.load_program(program, ws), ws)
        return " ".join(" ".join(page_texts(made.pdf)).split())

    assert "Your exercise log: week 1" in printed()
    clinic = home / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace(
        PULSE, "Your heart rate after your walk"), encoding="utf-8")
    text = printed()
    assert "Your heart rate after your walk" in text and PULSE not in text


def test_a_clinic_of_its_own_language_without_the_words_for_a_line_still_builds(tmp_path):
    # log_how_lines is a word a language of the clinic's own may leave out (check says
    # nothing of it): a log with a number to write and a line to mark asked for it all the
    # same and would not build; the boxes' sentence is said over the line, as it always was
    home = tmp_path / "french"
    shutil.copytree(ROOT / "tests" / "clinics" / "french", home)
    library = home / "exercises.yaml"
    said = "    effort: facile, vous pouvez parler\n"
    library.write_text(library.read_text(encoding="utf-8").replace(
        said, said + "    log: minutes de marche\n", 1), encoding="utf-8")
    words = home / "strings.fr.yaml"
    words.write_text(words.read_text(encoding="utf-8")
                     + 'log_write: "Notez le nombre de {{ unit }}"\n'
                     'log_how_numbers: "Là où c\'est écrit, notez le nombre pour ce jour."\n'
                     'log_how_pain: "Le soir, notez votre douleur de 0 (aucune) à 10 (la pire)."\n',
                     encoding="utf-8")
    assert "log_how_lines" not in run(home, "check").output
    program = tmp_path / "lea.yaml"
    program.write_text("patient: {name: Léa Exemple}\ndate: 2026-12-07\nexercises:\n"
                       "  - marche\n  - id: genou_assis\n"
                       "    dose: {frequency: every 2 hours}\n", encoding="utf-8")
    out = tmp_path / "lea.pdf"
    result = run(home, "build", str(program), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page_texts(out.read_bytes())).split())
    assert ("Chaque fois que vous finissez un exercice, cochez une case pour ce jour. Là où "
            "c'est écrit, notez le nombre pour ce jour. Le soir, notez votre douleur") in text
    assert "Notez le nombre de minutes de marche" in text


def test_check_says_the_clinic_s_rows_need_the_boxes_sentence(tmp_path):
    # the words over a log with the clinic's rows start with log_how_no_pain, the pain row
    # or not: check called it a word for a log without its pain row alone, and passed a
    # clinic none of whose handouts would build
    home = tmp_path / "french"
    shutil.copytree(ROOT / "tests" / "clinics" / "french", home)
    words = home / "strings.fr.yaml"
    kept = [row for row in words.read_text(encoding="utf-8").splitlines(keepends=True)
            if not row.startswith("log_how_no_pain:")]
    words.write_text("".join(kept) + 'log_how_rows: "Le soir, remplissez les lignes."\n'
                     'log_how_pain: "Le soir, notez votre douleur de 0 à 10."\n',
                     encoding="utf-8")
    clinic = home / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + 'log_rows:\n  - "Votre pouls"\n',
                      encoding="utf-8")
    result = run(home, "check")
    assert result.exit_code != 0, result.output
    lines = [row for row in result.output.splitlines() if '"log_how_no_pain"' in row]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "log_pain: false" not in \
        lines[0], result.output


def test_check_names_a_program_s_own_log_its_language_has_no_words_for(tmp_path):
    # a dose's log: typed in a program file, where the clinic's own language lacks the
    # words for it: its build stops with one line, and check said OK; check now says that
    # line of the program, at its log:
    home = tmp_path / "french"
    shutil.copytree(ROOT / "tests" / "clinics" / "french", home)
    program = tmp_path / "lea.yaml"
    program.write_text("patient: {name: Léa Exemple}\ndate: 2026-12-07\nexercises:\n"
                       "  - genou_assis\n  - id: marche\n    dose:\n"
                       "      log: minutes de marche\n", encoding="utf-8")
    built = run(home, "build", str(program), "-o", str(tmp_path / "lea.pdf"))
    assert built.exit_code == 1
    lacks = [line.removeprefix("error: ") for line in built.output.splitlines()
             if line.startswith("error: ")]
    assert len(lacks) == 1 and '"log_write"' in lacks[0], built.output
    checked = run(home, "check", str(program))
    assert checked.exit_code == 1
    errors = [line for line in checked.output.splitlines() if line.startswith("error: ")]
    assert f"error: {program}:7: exercises[marche].dose.log: a number to write in the log: " \
        f"{lacks[0]}" in errors, checked.output
    # and each word the log needs that the language lacks, in one run
    assert any('"log_how_numbers"' in line and f"{program}:7:" in line for line in errors)
    # a program with no log of its own is not told (the library's log is the wording's:
    # a warning, test_a_clinic_of_its_own_language_is_told_the_words_a_number_to_write_needs)
    program.write_text("patient: {name: Léa Exemple}\ndate: 2026-12-07\nexercises:\n"
                       "  - marche\n", encoding="utf-8")
    assert run(home, "check", str(program)).exit_code == 0
