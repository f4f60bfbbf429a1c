"""A bilingual handout pairs a list's items (steps, tips, cautions, a topic's bullets) one by
one. Where the library's list and its translation's have another number of items (a comma in
a ``[a, b]`` flow list makes two), the old code printed the first language's list alone: the
other language's readers got no steps, or no cautions, and nothing said so. Now `check`
names the line, and a build warns and prints each language's list whole, one after the
other. Read back from the PDFs and from `check`'s output."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import ROOT, page_texts

FRENCH = Path(__file__).resolve().parent / "clinics" / "french"

# the French clinic's English, with a list of another length in each place a list can be
SLIPS = """\
language: en
exercises:
  marche:
    title: Walking
    purpose: Makes your body stronger.
    steps: [Wear good shoes., Walk at an easy pace, then faster.]
  chat:
    title: Cat and camel
    purpose: Loosens your back.
    steps:
    - Get on your hands and knees.
  respiration:
    title: Belly breathing
    purpose: Calms you and relaxes your muscles.
    cautions: [If you feel dizzy, stop.]
education:
  when_to_call:
    title: When to call us
    body:
    - bullets: [Your pain gets much worse.]
  chez_vous:
    title: Your exercises at home
    body: [Do them as each card shows., Every day.]
"""


def french(tmp_path: Path, english: str = SLIPS) -> Path:
    home = tmp_path / "kine"
    shutil.copytree(FRENCH, home)
    (home / "exercises.en.yaml").write_text(english, encoding="utf-8")
    return home


def flat(data: bytes) -> str:
    return " ".join(" ".join(page_texts(data)).split())


def test_check_names_each_list_that_does_not_pair_at_its_line(tmp_path):
    home = french(tmp_path)
    result = CliRunner().invoke(main, ["--home", str(home), "check"], catch_exceptions=False)
    assert result.exit_code == 1
    at = home / "exercises.en.yaml"
    pairs = "a bilingual handout pairs them one by one"
    comma = "(in [ ], a comma starts another {}: put one with a comma in quotes)"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {at}:6: exercises[marche].steps: has 3 steps, the library's entry 2: {pairs}; "
        f"give it 2, one for each {comma.format('step')}",
        f"error: {at}:10: exercises[chat].steps: has 1 step, the library's entry 2: {pairs}; "
        "give it 2, one for each",
        f"error: {at}:15: exercises[respiration].cautions: has 2 cautions, the library's entry "
        f"1: {pairs}; give it 1, one for each {comma.format('caution')}",
        f"error: {at}:20: education[when_to_call].body[1].bullets: has 1 bullet, the library's "
        f"entry 3: {pairs}; give it 3, one for each",
        f"error: {at}:23: education[chez_vous].body: has 2 blocks (paragraphs, headings, lists "
        f"of bullets, tables), the library's entry 1: {pairs}; give it 1, one for each "
        f"{comma.format('block')}"]
    assert "Traceback" not in result.output


def test_the_shipped_french_clinic_s_lists_pair():
    """Its English had "Round your back, then let it sag." and "If you feel dizzy, stop."
    unquoted in [ ]: three steps against two, two cautions against one."""
    ws = api.open_workspace(home=FRENCH)
    assert api.unpaired_lists(ws) == []


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_a_bilingual_handout_prints_every_step_and_caution_of_both_languages(tmp_path, layout):
    ws = api.open_workspace(home=french(tmp_path))
    data = {"patient": {"name": "Françoise Lefèvre"}, "date": "2026-12-03",
            "exercises": ["marche", "chat", "respiration"], "education": ["chez_vous"],
            "language": ["fr", "en"], "layout": layout}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    text = flat(built.pdf)
    for said in ("Portez de bonnes chaussures.", "Marchez à un rythme facile.",
                 "Wear good shoes.", "Walk at an easy pace", "then faster.",
                 "Mettez-vous à quatre pattes.", "Arrondissez le dos, puis creusez-le.",
                 "Get on your hands and knees.",
                 # safety text above all: the French caution and both English pieces
                 "Si la tête vous tourne, arrêtez.", "If you feel dizzy", "stop.",
                 # the safety box's bullets, and a topic's paragraphs
                 "Votre douleur augmente beaucoup.", "Vous avez de la fièvre.",
                 "Your pain gets much worse.",
                 "Faites-les comme chaque fiche le montre.", "Do them as each card shows.",
                 "Every day."):
        assert said in text, said
    told = "so they do not pair one by one; each language's list prints whole, one after the " \
           "other (check names the line to mend)"
    for where in ("exercises[marche].steps: 2 in Français, 3 in English",
                  "exercises[chat].steps: 2 in Français, 1 in English",
                  "exercises[respiration].cautions: 1 in Français, 2 in English",
                  "education[when_to_call].body[1].bullets: 3 in Français, 1 in English",
                  "education[chez_vous].body: 1 in Français, 2 in English"):
        assert f"{where}, {told}" in built.warnings


def test_each_language_s_steps_are_numbered_from_one(tmp_path):
    """One after the other, the English steps start again at 1, as a list of their own,
    rather than go on from the French (4., 5.)."""
    ws = api.open_workspace(home=french(tmp_path))
    data = {"patient": {"name": "Françoise Lefèvre"}, "date": "2026-12-03",
            "exercises": ["marche"], "language": ["fr", "en"]}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    lines = [" ".join(line.split()) for page in page_texts(built.pdf)
             for line in page.splitlines()]
    numbered = [line for line in lines if re.match(r"\d\. ", line)]
    assert [line for line in numbered if "shoes" in line or "pace" in line or "faster" in line
            or "chaussures" in line or "rythme" in line] == [
        "1. Portez de bonnes chaussures.", "2. Marchez à un rythme facile.",
        "1. Wear good shoes.", "2. Walk at an easy pace", "3. then faster."]


def test_an_english_library_s_spanish_caution_in_brackets(tmp_path):
    """The brief's case: a Spanish translation whose one caution, written in brackets with
    a comma, is two; the English caution used to be all a Spanish-English handout said."""
    shutil.copytree(ROOT / "images", tmp_path / "images")
    shutil.copy(ROOT / "clinic.yaml", tmp_path / "clinic.yaml")
    shutil.copy(ROOT / "exercises.yaml", tmp_path / "exercises.yaml")
    spanish = (ROOT / "exercises.es.yaml").read_text(encoding="utf-8")
    mended = spanish.replace("    cautions:\n    - Deténgase si el dolor empeora.\n",
                             "    cautions: [Pare, si el dolor empeora.]\n", 1)
    assert mended != spanish
    (tmp_path / "exercises.es.yaml").write_text(mended, encoding="utf-8")
    ws = api.open_workspace(tmp_path / "exercises.yaml", tmp_path / "clinic.yaml")
    line = mended.splitlines().index("    cautions: [Pare, si el dolor empeora.]") + 1
    assert [str(p) for p in api.unpaired_lists(ws)] == [
        f"{tmp_path / 'exercises.es.yaml'}:{line}: exercises[child_pose].cautions: has 2 "
        "cautions, the library's entry 1: a bilingual handout pairs them one by one; give it "
        "1, one for each (in [ ], a comma starts another caution: put one with a comma in "
        "quotes)"]
    data = {"patient": {"name": "Rosa Díaz"}, "date": "2026-12-03", "exercises": ["child_pose"],
            "language": ["es", "en"], "layout": "compact"}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    text = flat(built.pdf)
    for said in ("Pare", "si el dolor empeora.", "Stop if it makes your pain worse."):
        assert said in text, said


def test_check_and_the_build_ask_one_question_of_two_lists():
    # `check` (translation_gaps.unpaired) and the build (library_text) each had their own
    # test of whether two lists pair; both ask translation_gaps.unpaired_at, and act on the
    # same answer
    from handouts.input import models, translation_gaps
    from handouts.library_text import Words
    from handouts.input.translations import Translation

    para, head = models.Paragraph(text="Rest."), models.Heading(heading="At home")

    def bullets(n: int) -> models.Bullets:
        return models.Bullets(bullets=tuple(f"Point {i}." for i in range(n)))

    body = (para, bullets(2), head)
    assert translation_gaps.unpaired_at(body, body) == []
    assert translation_gaps.unpaired_at(body, body[:2]) == [()]
    assert translation_gaps.unpaired_at((head, bullets(3), head), body) == [(0,), (1, "bullets")]
    assert translation_gaps.unpaired_at(("One.", "Two."), ("Un.",)) == [()]
    assert translation_gaps.unpaired_at(("One.",), ("Un.",)) == []

    topic = models.Topic.model_validate({
        "id": "home", "title": "At home",
        "body": ["Rest.", {"bullets": ["Point 0.", "Point 1."]}, {"heading": "At home"}]})
    translation = Translation.model_validate({
        "language": "fr", "exercises": {"walk": {"steps": ["Levez-vous, marchez."]}},
        "education": {"home": {"body": [{"heading": "Chez vous"},
                                        {"bullets": ["Un.", "Deux.", "Trois."]},
                                        {"heading": "Chez vous"}]}}})
    words = Words(("fr", "en"), {"fr": translation}, source="en")
    assert len(words.get("exercises", "walk", "steps", ("Stand.", "Walk."))) == 3
    assert len(words.body(topic)) == 6  # each language's three blocks, whole
    # the build names the first place that does not pair; check names each
    assert [line.split(":")[0] for line in words.notices] == [
        "exercises[walk].steps", "education[home].body[1]"]


def test_a_handout_in_the_translation_alone_warns_of_a_list_cut_in_two(tmp_path):
    """A vestibular clinic's French tip, "Quand c'est facile, faites-le debout." unquoted in
    [ ], printed as two tips on a French handout, and only `check` said so: the bilingual
    handout warned, the French one nothing."""
    ws = api.open_workspace(home=french(tmp_path))
    data = {"patient": {"name": "Walter Hughes"}, "date": "2026-12-03",
            "exercises": ["marche", "respiration"], "language": "en"}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    assert "then faster." in flat(built.pdf)
    said = "a comma in [ ] may have cut one in two (check names the line to mend)"
    assert [w for w in built.warnings if "[ ]" in w] == [
        f"exercises[marche].steps: 3 in English, 2 in the library's Français; {said}",
        f"exercises[respiration].cautions: 2 in English, 1 in the library's Français; {said}"]


def test_a_handout_in_the_translation_alone_warns_of_a_topic_s_bullet_left_out(tmp_path):
    """A Spanish safety box with two of the library's five warnings printed those two and
    said nothing: a topic's body was compared with the library's only on a bilingual
    handout, where the steps of an exercise were compared on every one."""
    ws = api.open_workspace(home=french(tmp_path))
    data = {"patient": {"name": "Walter Hughes"}, "date": "2026-12-03",
            "exercises": ["marche"], "education": ["chez_vous"], "language": "en"}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    french_bullets = len(ws.library.topic("when_to_call").body[0].bullets)
    assert french_bullets > 1 and "Your pain gets much worse." in flat(built.pdf)
    assert [w for w in built.warnings if "prints as it is" in w] == [
        "education[chez_vous].body: 2 in English, 1 in the library's Français; the English "
        "list prints as it is (check names the line to mend)",
        f"education[when_to_call].body[1].bullets: 1 in English, {french_bullets} in the "
        "library's Français; the English list prints as it is (check names the line to "
        "mend)"]
