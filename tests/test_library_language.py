"""A library written in the clinic's own language (``language: fr`` in exercises.yaml): its
text is French, not English waiting for a translation. Its handouts print it without a
notice, a translation (exercises.en.yaml) gives the other language of a bilingual handout,
`check` compares with French, and ``positions:`` orders its own positions floor to feet.
Read back from the PDFs and from `check`'s output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import page_texts

FRENCH = Path(__file__).resolve().parent / "clinics" / "french"


def clinic(tmp_path: Path, **files: str) -> Path:
    """A copy of the French clinic (a workspace keeps its journal beside clinic.yaml), with
    some files added or replaced."""
    home = tmp_path / "kine"
    shutil.copytree(FRENCH, home)
    for name, content in files.items():
        (home / name).write_text(content, encoding="utf-8")
    return home


def run(home: Path, *args):
    return CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False)


def build(home: Path, language, exercises=("respiration", "marche"), **more) -> api.Built:
    ws = api.open_workspace(home=home)
    data = {"patient": {"name": "Françoise Lefèvre"}, "date": "2026-12-03",
            "exercises": list(exercises), "education": ["chez_vous"], "language": language,
            **more}
    return api.build_handout(api.program_from_data(data, ws, source="test"), ws)


def flat(data: bytes) -> str:
    return " ".join(" ".join(page_texts(data)).split())


def test_a_french_library_prints_in_french_with_no_english_and_no_notice(tmp_path):
    built = build(clinic(tmp_path), "fr")
    assert built.warnings == ()  # was: "no Français title, …; printed in English" per entry
    text = flat(built.pdf)
    for french in ("Respiration abdominale", "Votre ventre monte quand vous inspirez.",
                   "Marche", "Effort : facile, vous pouvez parler", "Votre douleur augmente beaucoup.",
                   "Vos exercices chez vous", "La kiné pour toute la famille",
                   "Ce programme ne remplace pas les soins médicaux."):
        assert french in text, french
    for english in ("Belly breathing", "Walking", "Your pain", "medical care"):
        assert english not in text, english


def test_a_bilingual_handout_puts_each_language_on_its_own_lines(tmp_path):
    built = build(clinic(tmp_path), ["fr", "en"])
    # the library's texts all have their English; the clinic's tagline and the drawing's
    # words are French alone
    assert built.warnings == ("clinic.yaml tagline has no English text; printed in Français",
                              FIGURE_WORDS)
    lines = [line.strip() for page in page_texts(built.pdf) for line in page.splitlines()]
    for french, english in (("Respiration abdominale", "Belly breathing"),
                            ("Votre douleur augmente beaucoup.", "Your pain gets much worse."),
                            ("Vos exercices chez vous", "Your exercises at home"),
                            ("Ce programme ne remplace pas les soins médicaux.",
                             "This programme does not replace medical care.")):
        assert any(french in line for line in lines), french
        assert any(english in line for line in lines), english
        # the English line says it in English, not the French again (the old code printed
        # the library's French as the English, and the French as its untranslated fallback)
        assert not any(french in line for line in lines if english in line), english
    text = flat(built.pdf)
    assert "Renforce votre corps." in text and "Makes your body stronger." in text
    assert "How hard: easy, you can talk" in text  # the dose's own text, from exercises.en.yaml


def test_order_by_position_follows_the_library_s_own_positions(tmp_path):
    built = build(clinic(tmp_path), "fr", exercises=["marche", "genou_assis", "chat",
                                                     "respiration"], order="by_position")
    text = flat(built.pdf)
    titles = ["Respiration abdominale", "Dos rond, dos creux", "Extension du genou assis",
              "Marche"]  # allongé, à genoux, assis, debout: floor to feet
    cards = text[text.index("Vos exercices"):]
    at = [cards.index(f"{n}. {title}") for n, title in enumerate(titles, start=1)]
    assert at == sorted(at)


def test_check_compares_with_the_library_s_language_and_does_not_grade_french(tmp_path):
    home = clinic(tmp_path)
    # an English grade of 1 would find these French entries too hard (the old code graded
    # "Respiration abdominale" at 4.4)
    result = run(home, "check", "--language", "fr", "--max-grade", "1")
    assert result.exit_code == 0, result.output
    assert "untranslated:" not in result.stderr
    assert "0 untranslated texts for fr (the library's own language)." in result.stderr
    assert "reads at grade" not in result.stderr
    assert result.stderr.count("note: the reading-level check is for English only") == 1
    assert "exercises.yaml is written in Français (language: fr)" in result.stderr
    # into English: the translation is whole; the picture's words, written in French, are
    # not, nor the clinic's tagline, one text in French
    result = run(home, "check", "--language", "en")
    assert result.exit_code == 0, result.output
    untranslated = [line for line in result.stderr.splitlines()
                    if line.startswith("untranslated:")]
    assert len(untranslated) == 5, result.stderr
    assert all("respiration.figure.yaml" in line and "has no en words; write it as "
               "{fr: ..., en: ...}" in line for line in untranslated[:4])
    assert untranslated[4] == (f"untranslated: {home / 'clinic.yaml'}:4: tagline: no English "
                               "text; printed in Français; write it as {fr: ..., en: ...}")
    # nothing translated: each text is named at its line (a dose's words at theirs, under
    # dose:), one line an entry, and what prints instead is the French
    (home / "exercises.en.yaml").unlink()
    result = run(home, "check", "--language", "en")
    assert ("exercises.yaml:6: exercises[marche]: no English title (:7), purpose (:11), steps "
            "(:12), effort (:18); printed in Français") in result.stderr
    result = run(home, "check", "--language", "en", "--each")
    assert "exercises.yaml:7: exercises[marche].title: not translated; Français is printed" \
        in result.stderr


def test_a_translation_into_the_library_s_own_language_is_one_line(tmp_path):
    home = clinic(tmp_path, **{"exercises.fr.yaml": "language: fr\nexercises:\n"
                                                    "  marche: {title: Marche}\n"})
    result = run(home, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {home / 'exercises.fr.yaml'}:1: translates the library into \"fr\", the "
        "language the library itself is written in (exercises.yaml: language: fr); put its "
        "texts in exercises.yaml and remove this file, or correct the library's language: "
        "key",
        "1 problem found."]


@pytest.mark.parametrize("library_language, wanted", [("fr", "Français"), ("en", "English")])
def test_the_clinic_s_texts_per_language_need_the_library_s_language(
        tmp_path, library_language, wanted):
    home = clinic(tmp_path)
    clinic_yaml = (home / "clinic.yaml").read_text(encoding="utf-8")
    other = "fr" if library_language == "en" else "en"
    (home / "clinic.yaml").write_text(clinic_yaml.replace(
        "tagline: La kiné pour toute la famille", f"tagline: {{{other}: Kiné}}"),
        encoding="utf-8")
    if library_language == "en":
        library = (home / "exercises.yaml").read_text(encoding="utf-8")
        (home / "exercises.yaml").write_text(library.replace("language: fr\n", ""),
                                             encoding="utf-8")
        (home / "exercises.en.yaml").unlink()
    result = run(home, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {home / 'clinic.yaml'}:4: tagline: give the {wanted} text too, under "
        f"\"{library_language}:\" (the library's language, exercises.yaml: it is printed "
        "where there is no text in the handout's language)",
        "1 problem found."]


def test_labels_take_the_language_s_colon(tmp_path):
    # French puts a space before a colon: strings.fr.yaml's label_colon (the old code wrote
    # "Pour: Françoise Lefèvre", "Attention: Si la tête…" whatever the language)
    home = clinic(tmp_path)
    cautions = {"id": "respiration", "dose": {"progression": [
        {"weeks": "1-2", "breaths": 5}, {"weeks": "3-4", "breaths": 8}]}}
    for layout in ("standard", "compact"):
        built = build(home, "fr", exercises=[cautions, "marche"], layout=layout,
                      therapist="Luc Martin")
        pages = [line for page in page_texts(built.pdf) for line in page.splitlines()]
        said = flat(built.pdf)
        for french in ("Pour : Françoise Lefèvre", "Date : 3 décembre 2026",
                       "Kinésithérapeute : Luc Martin", "Prochain rendez-vous : ___"):
            assert french in said, (layout, french)
        # page 1's summary (standard) gives a progression's first weeks
        assert layout == "compact" or "Semaines 1–2 : Respirez profondément 5 fois" in said
        # the space before the colon does not break: the label and its colon stay together
        assert not any(line.lstrip().startswith(":") for line in pages), layout
        assert not any(f"{label}:" in said for label in ("Pour", "Date", "Attention",
                                                          "Combien", "Quand", "Semaines 1–2"))
    # compact: the dose line, and a card's one caution run on after its label
    assert "Combien : Faites-le pendant 10 minutes" in said
    assert "Quand : Une fois par jour" in said
    assert "Attention : Si la tête vous tourne" in said
    # a bilingual handout: each language its own colon ("Quand : …" and "How often: …")
    said = flat(build(home, ["fr", "en"], exercises=["marche"], layout="compact").pdf)
    assert "Quand : Une fois par jour" in said and "How often: Once a day" in said


# the French clinic's picture: its words written once, in the library's French
FIGURE_WORDS = ('images/respiration.figure.yaml: no English words in its drawing ("inspirez", '
                '"immobile", "expirez"); printed in Français')


def test_build_says_once_that_a_drawing_s_words_print_in_another_language(tmp_path):
    # the old code said only the tagline's: a handout in English, its drawing in French
    home = clinic(tmp_path)
    out = tmp_path / "out.pdf"
    result = run(home, "build", "--patient", "Ann Test", "--exercise", "respiration",
                 "--exercise", "marche", "--language", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: clinic.yaml tagline has no English text; printed in Français",
        f"warning: {FIGURE_WORDS}"]
    assert "Belly breathing" in flat(out.read_bytes())  # the card, with its drawing
    # in French, nothing: the words are the library's own
    assert build(home, "fr").warnings == ()
    # the web app's preview shows preflight's lines beside its pages
    built = build(home, ["fr", "en"])
    assert FIGURE_WORDS in built.warnings
    assert FIGURE_WORDS in api.preflight(built.handout, api.open_workspace(home=home))


def test_each_language_of_a_handout_names_the_drawing_s_words_it_lacks(tmp_path):
    figure = (FRENCH / "images" / "respiration.figure.yaml").read_text(encoding="utf-8")
    figure = figure.replace("label: inspirez", "label: {fr: inspirez, en: breathe in}")
    figure = figure.replace("label: expirez", "label: {en: breathe out}")
    home = clinic(tmp_path, **{"images/respiration.figure.yaml": figure})
    ws = api.open_workspace(home=home)
    french = ('images/respiration.figure.yaml: no Français words in its drawing ("breathe '
              'out"); printed in English')
    english = ('images/respiration.figure.yaml: no English words in its drawing ("immobile"); '
               "printed in Français")
    both = build(home, ["fr", "en"])
    assert [w for w in both.warnings if "figure.yaml" in w] == [french, english]
    assert [w for w in build(home, "fr").warnings if "figure.yaml" in w] == [french]
    # check lists the same words, each at its line
    result = run(home, "check", "--language", "fr")
    assert [line for line in result.stderr.splitlines() if "figure.yaml" in line] == [
        f"untranslated: {home / 'images/respiration.figure.yaml'}:17: "
        'frames[2].marks[3].arrow.label: "breathe out" has no fr words; write it as '
        "{en: ..., fr: ...}"]
    assert ws.library.language == "fr"


def test_a_warm_build_says_it_from_its_cached_drawing_without_the_figure_engine(tmp_path):
    import os
    import subprocess
    import sys

    from conftest import ROOT

    home = clinic(tmp_path)
    script = ("import sys, handouts as api; "
              f"ws = api.open_workspace(home={str(home)!r}); "
              "data = {'patient': {'name': 'Ann Test'}, 'exercises': ['respiration'], "
              "'language': 'en'}; "
              "built = api.build_handout(api.program_from_data(data, ws, source='t'), ws); "
              "print([w for w in built.warnings if 'figure.yaml' in w]); "
              "print('handouts.figures' in sys.modules)")
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(tmp_path / "cache")}

    def new_process() -> list[str]:
        return subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.splitlines()

    assert new_process() == [repr([FIGURE_WORDS]), "True"]  # drawn, and its words found
    assert new_process() == [repr([FIGURE_WORDS]), "False"]  # from the cache alone


def parsing_counted(tmp_path: Path, monkeypatch) -> tuple[Path, list[str]]:
    """A copy of the French clinic, with nothing cached, and the name of every YAML file
    parsed from now on (and "(loaded to draw)" each time a figure file is loaded to draw)."""
    from handouts import figures
    from handouts.input import loading, yamlsource

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    parsed: list[str] = []

    def counting(text: str, file: str, real=yamlsource.parse):
        parsed.append(Path(file).name)
        return real(text, file)

    def drawn(path, real=figures.load_figure, **given):
        parsed.append("(loaded to draw)")
        return real(path, **given)

    monkeypatch.setattr(yamlsource, "parse", counting)
    monkeypatch.setattr(loading, "parse", counting)
    monkeypatch.setattr(figures, "load_figure", drawn)
    return clinic(tmp_path), parsed


def test_the_clinic_s_texts_written_once_are_known_as_it_is_read_not_parsed_again(
        tmp_path, monkeypatch):
    # the French clinic's tagline is one text, in French; the model files one text as
    # English's, and clinic.yaml was parsed a second time to tell: the clinic keeps it
    home, parsed = parsing_counted(tmp_path, monkeypatch)
    built = build(home, "en")  # nothing cached: every file is read once
    assert parsed.count("clinic.yaml") == 1
    assert built.warnings == ("clinic.yaml tagline has no English text; printed in Français",
                              FIGURE_WORDS)
    assert "La kiné pour toute la famille" in flat(built.pdf)
    parsed.clear()
    warm = build(home, "en")  # the clinic from the cache: no file parsed again
    assert "clinic.yaml" not in parsed and warm.warnings == built.warnings
    assert "La kiné pour toute la famille" in flat(warm.pdf)


def test_a_drawing_s_words_written_once_are_known_as_it_is_read_not_parsed_again(
        tmp_path, monkeypatch):
    # the figure's words are one text each, in French: each drawing parsed its file a second
    # time to tell (and `check` read it from the parsed file); the marks keep it
    home, parsed = parsing_counted(tmp_path, monkeypatch)
    built = build(home, "en")  # nothing cached: the figure is drawn, its file read once
    assert parsed.count("respiration.figure.yaml") == 1 and parsed.count("(loaded to draw)")
    assert built.warnings[-1] == FIGURE_WORDS
    # and check, which reads the file for its lines, tells one text from the marks too
    assert api.untranslated_figure_words(api.open_workspace(home=home), "en")[0] == (
        f'{home / "images/respiration.figure.yaml"}:9: frames[1].marks[3].arrow.label: '
        '"inspirez" has no en words; write it as {fr: ..., en: ...}')
