"""`new`: a clinic's own folder to start from, read back as the clinic would use it: it
checks clean, its sample program prints with the clinic's name, and nothing is written over."""

from __future__ import annotations

import re
import shlex

from click.testing import CliRunner

from handouts.cli import main

from conftest import font_sizes, page_texts, reader

STARTER_FILES = ("clinic.yaml", "exercises.yaml", "images/belly_breathing.figure.yaml",
                 "examples/sample-patient.yaml")


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_a_new_clinic_checks_clean_and_prints_its_own_name_on_its_paper(tmp_path):
    folder = tmp_path / "clínica"
    name = 'Clínica O\'Brien "Sur"'  # quotes and accents: read back exactly as typed
    made = run("new", str(folder), "--name", name, "--phone", "0161 496 0000",
               "--paper", "a4", "--locale", "en-GB")
    assert made.exit_code == 0, made.output
    for file in STARTER_FILES:
        assert (folder / file).is_file()
        assert (folder / file).stat().st_mode & 0o777 == 0o644  # the clinic's, not private
        assert f"wrote {folder / file}" in made.output
    assert f"--home {shlex.quote(str(folder))} check" in made.output  # to paste as it is

    checked = run("--home", str(folder), "check")
    assert checked.exit_code == 0, checked.output
    assert "OK: 2 exercises, 2 education topics, 1 protocol" in checked.output
    assert "warning" not in checked.output  # plain language too: the starter sets the tone

    out = tmp_path / "out"
    demo = run("--home", str(folder), "demo", "--out-dir", str(out))
    assert demo.exit_code == 0, demo.output
    pdf = (out / "sample-patient.pdf").read_bytes()
    text = "\n".join(page_texts(pdf))
    for words in (name, "0161 496 0000", "Sam Sample", "Belly breathing", "Walking",
                  "programme", "Make them part of your day"):
        assert words in text
    width, height = (float(v) for v in reader(pdf).pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4


def test_the_name_and_phone_are_asked_for_when_not_given(tmp_path):
    made = run("new", str(tmp_path / "c"), input="Riverside PT\n555-0100\n")
    assert made.exit_code == 0, made.output
    clinic = (tmp_path / "c" / "clinic.yaml").read_text(encoding="utf-8")
    assert 'name: "Riverside PT"' in clinic and 'phone: "555-0100"' in clinic
    assert "page_size: Letter" in clinic


def test_a_folder_with_a_clinic_in_it_is_never_written_over(tmp_path):
    (tmp_path / "clinic.yaml").write_text("name: Mine\nphone: '1'\n", encoding="utf-8")
    made = run("new", str(tmp_path), "--name", "Other", "--phone", "2")
    assert made.exit_code == 1
    assert made.output.strip() == (f"error: {tmp_path / 'clinic.yaml'}: already there; a new "
                                   "clinic's folder is never written over (choose an empty "
                                   "folder, or edit the files there)")
    assert (tmp_path / "clinic.yaml").read_text(encoding="utf-8") == "name: Mine\nphone: '1'\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.yaml"]


def test_a_value_the_clinic_file_cannot_take_is_refused_before_anything_is_written(tmp_path):
    folder = tmp_path / "c"
    made = run("new", str(folder), "--name", "Riverside PT", "--phone", "555-0100",
               "--locale", "english")
    assert made.exit_code == 1
    lines = made.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the clinic's locale cannot be used: ")
    assert "en-GB" in lines[0]  # what would be right
    assert not folder.exists()


def test_a_name_on_two_lines_is_refused(tmp_path):
    made = run("new", str(tmp_path / "c"), "--name", "Riverside\nPT", "--phone", "555-0100")
    assert made.exit_code == 1
    assert made.output == ("error: the clinic's name cannot be used: it has a line break; "
                           "give it on one line\n")
    assert not (tmp_path / "c").exists()


def test_the_sample_s_topic_stays_whole_on_the_page_it_fits_on(tmp_path):
    """The log does not fit under the exercises, so the education fills that page first. Its
    last lines kept with what comes after all of it, and that was the log: they moved on to
    the log's page with it, leaving a third of page 2 empty."""
    folder, out = tmp_path / "clinic", tmp_path / "out"
    assert run("new", str(folder), "--name", "Lakeside Physio", "--phone", "555-0142").exit_code == 0
    assert run("--home", str(folder), "demo", "--out-dir", str(out)).exit_code == 0
    pages = [" ".join(p.split()) for p in page_texts((out / "sample-patient.pdf").read_bytes())]
    [topic] = [p for p in pages if "Learn about your condition" in p]
    for line in ("Make them part of your day", "Bring your log to your next visit."):
        assert line in topic
    assert "Your exercise log" not in topic and "Your exercise log" in pages[-1]


def test_a_heading_in_the_education_is_never_parted_from_its_list_by_the_log(tmp_path):
    """Where the log does not fit, the education fills the page first. A heading placed last
    there kept with what came next, which was now the log: it moved on with the log, and
    the log stood between the heading and its list. Notes of growing length move the end
    of page 2 through every place the heading can fall."""
    import handouts as api

    folder = tmp_path / "clinic"
    made = run("new", str(folder), "--name", "Lakeside Physio", "--phone", "555-0142")
    assert made.exit_code == 0
    ws = api.open_workspace(folder / "exercises.yaml", folder / "clinic.yaml")
    heading, first = "Make them part of your day", "Pick a time that suits you,"
    for length in range(12):
        program = api.program_from_options(ws, patient="Ann Example", protocol="first_steps",
                                           note=" ".join(["Keep going, one small step."] * length)
                                           or None)
        pages = page_texts(api.build_handout(program, ws).pdf)
        [page] = [p for p in pages if heading in p]
        after = page.split(heading, 1)[1].split()
        assert " ".join(after[1:7]) == first, (length, after[:8])


def test_a_clinic_in_another_language_is_told_its_starter_library_is_english(tmp_path):
    # the old `new --locale fr-FR` wrote an English library without a word about it, and a
    # clinic.yaml whose locale comment spoke of English spelling (programme)
    folder = tmp_path / "kine"
    made = run("new", str(folder), "--name", "Kiné Rivière", "--phone", "01 23 45 67 89",
               "--locale", "fr-FR")
    assert made.exit_code == 0, made.output
    said = " ".join(made.output.split())
    assert ("note: the starter library is in English, so its handouts print in English. To "
            "write it in the clinic's language (fr), write its texts (and the words in its "
            "drawings, images/*.figure.yaml) in fr and put "
            '"language: fr" at the top of exercises.yaml; give the handouts\' own words '
            "(headings, labels, doses) in fr too, in strings.fr.yaml and templates/fr/ in the "
            "folder (make_handouts.py --home FOLDER words fr copies the package's there, to "
            'translate); then "language: fr" in clinic.yaml') in said
    clinic = (folder / "clinic.yaml").read_text(encoding="utf-8")
    assert "programme" not in clinic and "spelling" not in clinic
    assert "# The starter library (exercises.yaml) is in English" in clinic
    assert "strings.fr.yaml" in clinic and "\n# language: fr " in clinic
    assert "language:" not in (folder / "exercises.yaml").read_text(encoding="utf-8")
    checked = run("--home", str(folder), "check")
    assert checked.exit_code == 0 and "warning" not in checked.output, checked.output
    # Spanish: the handouts have its words already, so only the library is to write
    made = run("new", str(tmp_path / "es"), "--name", "Clínica", "--phone", "555-0100",
               "--locale", "es-MX")
    assert 'put "language: es" at the top of exercises.yaml; then' in " ".join(made.output.split())
    # (strings.es.yaml is named only for the safety box's soreness line, a clinic's choice)
    assert "templates/es/" not in (tmp_path / "es" / "clinic.yaml").read_text(encoding="utf-8")
    # English: nothing to say
    made = run("new", str(tmp_path / "en"), "--name", "Clinic", "--phone", "555-0100",
               "--locale", "en-GB")
    assert "note:" not in made.output


def test_check_finds_what_demo_would_fail_on_in_the_sample_program(tmp_path):
    """A clinic that rewrites its library (the starter's protocol renamed) was told OK by
    check, then demo failed on the sample program: check now reads examples/ as demo does."""
    folder = tmp_path / "clinic"
    assert run("new", str(folder), "--name", "Riverside PT", "--phone", "555-0100").exit_code == 0
    library = folder / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "- id: first_steps", "- id: starting_out"), encoding="utf-8")
    sample = folder / "examples" / "sample-patient.yaml"
    line = next(n for n, text in enumerate(sample.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("protocol:"))

    checked = run("--home", str(folder), "check")
    assert checked.exit_code == 1
    assert checked.stderr.splitlines() == [
        f'error: {sample}:{line}: protocol: unknown protocol "first_steps" in {library}; '
        'known protocols: "starting_out"',
        "1 problem found."]
    demo = run("--home", str(folder), "demo", "--out-dir", str(tmp_path / "out"))
    assert demo.exit_code == 1 and checked.stderr.splitlines()[0] in demo.stderr

    # given PROGRAM files, check reads those (the examples are demo's, not theirs)
    other = tmp_path / "other.yaml"
    other.write_text("patient: {name: Sam Sample}\nexercises: [walking]\n", encoding="utf-8")
    only = run("--home", str(folder), "check", str(other))
    assert only.exit_code == 0, only.output
    assert "1 program file;" in only.stdout


def test_a_paper_size_in_any_case_is_taken_as_new_takes_it(tmp_path):
    """`new --paper a4` takes any case; so does clinic.yaml's page_size (it was refused)."""
    folder = tmp_path / "clinic"
    assert run("new", str(folder), "--name", "Riverside PT", "--phone", "555-0100").exit_code == 0
    clinic = folder / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace(
        "page_size: Letter", "page_size: a4"), encoding="utf-8")
    assert run("--home", str(folder), "check").exit_code == 0
    out = tmp_path / "handout.pdf"
    built = run("--home", str(folder), "build", str(folder / "examples" / "sample-patient.yaml"),
                "-o", str(out))
    assert built.exit_code == 0, built.output
    width, height = (float(v) for v in reader(out.read_bytes()).pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4


def test_a_new_clinics_safety_box_starts_with_its_countrys_emergency_number(tmp_path):
    """The README promises *Call 911 right away* (bold, first) at the foot of page 1; a new
    clinic's starter topic had no such line, so its every handout left it out."""
    for locale, number in ((None, "911"), ("en-CA", "911"), ("en-GB", "999"), ("fr-FR", "112")):
        folder = tmp_path / (locale or "plain")
        made = run("new", str(folder), "--name", "Harbourfront Physio", "--phone", "416-555-0142",
                   *(("--locale", locale) if locale else ()))
        assert made.exit_code == 0, made.output
        checked = run("--home", str(folder), "check")
        assert checked.exit_code == 0 and "warning" not in checked.output, checked.output
        out = tmp_path / f"out-{locale}"
        assert run("--home", str(folder), "demo", "--out-dir", str(out)).exit_code == 0
        pdf = (out / "sample-patient.pdf").read_bytes()
        first = page_texts(pdf)[0]
        line = f"Call {number} right away if you have chest pain or trouble breathing."
        assert line in first and first.index(line) < first.index("Your pain gets much worse")
        assert any("Bold" in font and text.startswith(f"Call {number} right away")
                   for _, font, text in font_sizes(pdf))


def test_a_new_clinic_in_asia_is_told_its_own_ambulance_number_not_112(tmp_path):
    """A clinic in Osaka (ja-JP) was given *Call 112*: in Japan an ambulance is 119, and 112
    reaches at most the police, on some mobiles."""
    for locale, number in (("ja-JP", "119"), ("ko-KR", "119"), ("zh-CN", "120"),
                           ("en-SG", "995"), ("de-DE", "112")):
        folder = tmp_path / locale
        made = run("new", str(folder), "--name", "なにわハンドセラピー", "--phone", "06-6123-4567",
                   "--locale", locale)
        assert made.exit_code == 0, made.output
        checked = run("--home", str(folder), "check")
        assert "emergency" not in checked.output, checked.output
        out = tmp_path / f"out-{locale}"
        assert run("--home", str(folder), "demo", "--out-dir", str(out)).exit_code == 0
        first = page_texts((out / "sample-patient.pdf").read_bytes())[0]
        assert f"Call {number} right away if you have chest pain" in first, locale


def test_a_new_clinics_library_writes_the_token_and_serves_a_clinic_in_any_country(tmp_path):
    """`new` wrote the number itself into the starter library ('**Call 999 right away'): a
    clinic that moved, or shared its library with a branch in another country, printed the
    first country's number. It writes {emergency}, which prints each clinic's own."""
    folder = tmp_path / "leeds"
    assert run("new", str(folder), "--name", "Aire Valley Physio", "--phone", "0113 496 0000",
               "--locale", "en-GB").exit_code == 0
    library = (folder / "exercises.yaml").read_text(encoding="utf-8")
    assert "'**Call {emergency} right away if you have chest pain" in library
    texts = [line for line in library.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in texts if "999" in line or "911" in line]
    for locale, number in (("en-GB", "999"), ("en-AU", "000"), ("en-US", "911")):
        clinic = (folder / "clinic.yaml").read_text(encoding="utf-8")
        (folder / "clinic.yaml").write_text(
            re.sub(r'locale: "[^"]*"', f'locale: "{locale}"', clinic), encoding="utf-8")
        checked = run("--home", str(folder), "check")
        assert checked.exit_code == 0 and "warning" not in checked.output, checked.output
        out = tmp_path / f"out-{locale}"
        assert run("--home", str(folder), "demo", "--out-dir", str(out)).exit_code == 0
        first = page_texts((out / "sample-patient.pdf").read_bytes())[0]
        line = f"Call {number} right away if you have chest pain or trouble breathing."
        assert line in first and "{emergency}" not in first, (locale, first)


def test_the_locale_line_says_how_that_locale_writes(tmp_path):
    """A Toronto clinic (en-CA, which writes English the US way) was told its locale gives
    the spelling *programme*."""
    for locale, said in (("en-CA", "dates (December 3, 2026), spelling (program)"),
                         ("en-GB", "dates (3 December 2026), spelling (programme)")):
        assert run("new", str(tmp_path / locale), "--name", "Harbourfront Physio", "--phone",
                   "416-555-0142", "--locale", locale).exit_code == 0
        clinic = (tmp_path / locale / "clinic.yaml").read_text(encoding="utf-8")
        assert f'locale: "{locale}"      # {said} and how rosters read dates' in clinic


def test_a_clinic_whose_language_writes_dates_year_first_is_shown_a_year_first_date(tmp_path):
    """An Osaka clinic's clinic.yaml said "03/12/2026 is 3 December": Japan writes 2026/12/03
    (as China, Korea and Hungary write theirs year first); a Los Angeles clinic in Spanish
    reads 03/12/2026 month first, as the US does, and was told it was 3 December."""
    for locale, example in (("ja-JP", "2026/12/03"), ("zh-TW", "2026/12/03"),
                            ("ko-KR", "2026.12.03"), ("hu-HU", "2026.12.03"),
                            ("fr-FR", "03/12/2026"), ("es-US", "12/03/2026")):
        assert run("new", str(tmp_path / locale), "--name", "Clinic", "--phone", "555-0100",
                   "--locale", locale).exit_code == 0
        clinic = (tmp_path / locale / "clinic.yaml").read_text(encoding="utf-8")
        assert f'locale: "{locale}"      # how rosters read dates: {example} is 3 December' \
            in clinic, locale


def test_the_new_clinic_file_points_at_the_soreness_line_and_following_it_works(tmp_path):
    # "A gentle stretch is normal" is a physical therapist's line; a cardiac or OT clinic
    # was told nowhere that it could say its own
    folder = tmp_path / "heart"
    made = run("new", str(folder), "--name", "Harbor Heart Rehab", "--phone", "555-0100")
    assert made.exit_code == 0, made.output
    clinic = " ".join(line.lstrip("# ") for line in
                      (folder / "clinic.yaml").read_text(encoding="utf-8").splitlines())
    assert '("A gentle stretch is normal…")' in clinic
    assert 'as the line soreness: "…" in a file strings.en.yaml in this folder' in clinic
    (folder / "strings.en.yaml").write_text(
        'soreness: "Feeling a little tired after a walk is normal."\n', encoding="utf-8")
    checked = run("--home", str(folder), "check")
    assert checked.exit_code == 0 and "warning" not in checked.output, checked.output
    out = tmp_path / "out"
    assert run("--home", str(folder), "demo", "--out-dir", str(out)).exit_code == 0
    first = " ".join(page_texts((out / "sample-patient.pdf").read_bytes())[0].split())
    assert "Feeling a little tired after a walk is normal." in first
    assert "A gentle stretch" not in first
