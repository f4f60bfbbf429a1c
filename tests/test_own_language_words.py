"""A clinic that writes in its own language: its words for positions, kinds and body areas,
its program files' letters, its language codes and its language's name in the web app."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.web import create_app

from conftest import ROOT, page_texts
from test_any_clinic import clinic_folder as clinic

DUBLIN = ROOT / "examples" / "dublin-shoulder"
TEMPLATES = ROOT / "handouts" / "words" / "templates"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_positions_kinds_and_areas_in_the_clinics_own_language(tmp_path):
    """A French, Russian or Hebrew clinic names its positions, kinds and body areas in its
    own words: lower case of any script is lower case. An upper-case word is still told."""
    library = (DUBLIN / "exercises.yaml").read_text(encoding="utf-8")
    french = library.replace("position: standing", "position: debout", 1).replace(
        "kind: mobility", "kind: mobilité", 1).replace(
        "areas: [shoulder]", "areas: [épaule, плечо, כתף]", 1)
    home = clinic(tmp_path, **{"exercises.yaml": french})
    checked = run("--home", str(home), "check")
    assert checked.exit_code == 0, checked.stderr
    listed = run("--home", str(home), "list", "--tag", "épaule")
    assert listed.exit_code == 0, listed.stderr
    assert "pendulum" in listed.output and "плечо" in listed.output
    ws = api.open_workspace(home=home)
    program = api.program_from_data({"patient": {"name": "Test Patient"}, "date": "2026-12-03",
                                     "exercises": ["pendulum"]}, ws, source="test")
    assert "Pendulum" in " ".join(page_texts(api.build_handout(program, ws).pdf))

    capital = library.replace("position: standing", "position: Debout", 1)
    refused = run("--home", str(clinic(tmp_path / "2", **{"exercises.yaml": capital})), "check")
    assert refused.exit_code == 1
    assert ('exercises[pendulum].position: "Debout" is not a lowercase word or words '
            "(e.g. side-lying, standing)") in refused.stderr


def test_check_names_the_line_of_a_program_with_letters_no_font_draws(tmp_path):
    """A name or note in a program file with letters no font has would be left out of its
    handout: `check PROGRAM` says so before a build, at the line, the letters as typed."""
    program = tmp_path / "program.yaml"
    program.write_text("patient:\n  name: Test Patient\ndate: 2026-12-03\n"
                       "exercises: [pendulum]\n"
                       "note: \"Well done \U0001F9E0 and \U0001F600\"\n", encoding="utf-8")
    result = run("--home", str(DUBLIN), "check", str(program))
    assert result.exit_code == 0, result.stderr  # a warning, not an error
    assert [line for line in result.stderr.splitlines() if "no installed font" in line] == [
        f"warning: {program}:5: note: no installed font can draw 2 of this file's characters "
        "(\U0001F9E0 \U0001F600; the first on this line); they are left out of the PDFs. "
        "Install a font that has them (Debian: fonts-noto-core), or name its file in "
        "HANDOUTS_FONTS"]


def test_a_program_is_named_as_typed_in_every_line_of_one_check(tmp_path, monkeypatch):
    """`check ./bad.yaml`: its errors said ./bad.yaml:5:, the letters no font draws
    bad.yaml:2:. Every line of the run names the file as it was typed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(
        "patient:\n  name: \"Test \U0001F600 Patient\"\ndate: 2026-12-03\nexercises:\n"
        "- no_such_exercise\n- pendulum\n", encoding="utf-8")
    (tmp_path / "twice.yaml").write_text(
        "patient:\n  name: \"Test \U0001F600 Patient\"\ndate: 2026-12-03\nexercises:\n"
        "- pendulum\n- pendulum\n", encoding="utf-8")
    result = run("--home", str(DUBLIN), "check", "./bad.yaml", "./twice.yaml")
    assert result.exit_code == 1
    named = [line.split(" ", 2)[1] for line in result.stderr.splitlines()
             if line.startswith(("error: ", "warning: ")) and ".yaml:" in line.split(" ")[1]]
    assert sorted(named) == ["./bad.yaml:2:", "./bad.yaml:5:", "./twice.yaml:2:",
                             "./twice.yaml:6:"], result.stderr


def test_a_language_with_its_country_is_told_where_the_country_goes(tmp_path):
    program = tmp_path / "program.yaml"
    program.write_text("patient:\n  name: Test Patient\nexercises: [pendulum]\n"
                       "language: pt-BR\n", encoding="utf-8")
    result = run("--home", str(DUBLIN), "check", str(program))
    assert result.exit_code == 1
    assert (f'error: {program}:4: language[1]: "pt-BR" is a language and a country: write '
            "the language alone here (pt); the country goes in clinic.yaml, as locale: pt-BR "
            "(the dates and spelling of the handouts)") in result.stderr.splitlines()
    built = run("--home", str(DUBLIN), "build", "--patient", "Test Patient", "--exercise",
                "pendulum", "--language", "ES,fr_ca", "-o", str(tmp_path / "x.pdf"))
    assert built.exit_code == 1
    assert built.stderr.splitlines() == [
        'error: options: language[1]: "ES" is not a language code: write it in lower case '
        "(es)",
        'error: options: language[2]: "fr_ca" is a language and a country: write the language '
        "alone here (fr); the country goes in clinic.yaml, as locale: fr-CA (the dates and "
        "spelling of the handouts)"]
    assert not (tmp_path / "x.pdf").exists()


def test_the_web_app_names_a_language_as_the_clinic_writes_it(tmp_path):
    """The language menu starts a name with a capital and leaves the rest as written:
    "Tiếng Việt", not "Tiếng việt"."""
    strings = (TEMPLATES / "es" / "strings.yaml").read_text(encoding="utf-8").replace(
        "language_name: español", "language_name: tiếng Việt")
    # a language is offered where the library is translated into it (a title will do)
    home = clinic(tmp_path, **{"strings.vi.yaml": strings, "exercises.vi.yaml":
                               "language: vi\nexercises:\n  pendulum:\n    title: Đu tay\n"})
    for name in ("dose.txt", "frequency.txt"):
        (home / "templates" / "vi").mkdir(parents=True, exist_ok=True)
        shutil.copy(TEMPLATES / "es" / name, home / "templates" / "vi" / name)
    ws = api.open_workspace(home=home)
    page = create_app(ws, programs_dir=tmp_path / "programs").test_client().get("/")
    html = page.get_data(as_text=True)
    assert '<option value="vi">Tiếng Việt</option>' in html
    assert '<option value="vi, en">Tiếng Việt + English</option>' in html
