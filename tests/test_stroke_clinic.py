"""A stroke and neuro rehab clinic (tests/clinics/stroke: made-up Riverbend Neuro Rehab, US
Letter, en-US), written from the README and docs/library.md alone: six exercises for a
patient with one weaker side, sat in a chair with arms, at a counter and lying in bed with a
helper; the signs of a stroke (BE FAST) and falls at home; a large-print handout given to a
spouse, and one in Spanish and English. Its handouts are read back page by page."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from clinic_copy import copied, example, run
from conftest import page_texts
from handouts.cli import main

TITLES = ["Reach forward", "Stand up from a chair", "Shift your weight while sitting",
          "Ankle pumps", "March at the counter", "Arm lift with a helper"]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "stroke", "riverbend")


def built(home, name: str) -> list[str]:
    return page_texts(example(home, name)[0])


def test_the_clinic_checks_clean(home):
    result = run(home, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        'OK: 6 exercises, 3 education topics, 1 protocol, 2 example programs; '
        'clinic "Riverbend Neuro Rehab"']


def test_the_spouse_gets_a_large_print_handout_for_the_weaker_left_side(home):
    pages = [" ".join(page.split()) for page in built(home, "walter-kessler")]
    assert "For: Walter Kessler · Caregiver: Ruth Kessler" in pages[0]
    assert "Call 911 right away if you see any sign of a stroke (BE FAST)." in pages[0]
    for number, title in enumerate(TITLES, start=1):  # each exercise starts a page
        assert sum(page.startswith(f"{number}. {title}") for page in pages) == 1, title
    reach = next(page for page in pages if page.startswith("1. Reach forward"))
    assert "Left arm" in reach and "Lift your weaker arm in front of you." in reach
    # the note to his wife is read before the standing exercises, under the summary
    assert pages[1].startswith("Walter's program at a glance")
    assert "Ruth, please stay close for standing exercises." in pages[1]
    # the fall topic's last lines go on to a page together, never one alone
    [end] = [page for page in pages if "Call for help, or call 911 if you are hurt." in page]
    assert "Do not get up fast. Roll to your side first. Call for help" in end
    # given to his wife, the log names him (a caregiver's handout: words/caregiver.py); it
    # follows the last exercise, no note between them now
    log = [i for i, page in enumerate(pages) if page.startswith("Walter's exercise log: week 1")]
    assert log and pages[log[0] - 1].startswith(f"{len(TITLES)}. {TITLES[-1]}"), log


def test_the_bilingual_handout_says_each_step_in_spanish_then_english(home):
    text = " ".join(" ".join(built(home, "rosa-delgado")).split())
    assert "Para / For: Rosa Delgado · Cuidador(a) / Caregiver: Miguel Delgado" in text
    assert ("Empuje los brazos de la silla y levántese. "
            "Push on the arms of the chair and stand up.") in text
    assert "Llame al 911 de inmediato si ve cualquier señal de derrame cerebral." in text


def build_output(home, program: str) -> tuple[str, list[str]]:
    # a file of its own for each program: two of one size written in the same tick would
    # read as the same file to the build's cache of what it has read
    name = f"typed-{len(list(home.parent.glob('typed-*.yaml')))}"
    path, out = home.parent / f"{name}.yaml", home.parent / f"{name}.pdf"
    path.write_text(program, encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(home), "build", str(path), "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output, [" ".join(page.split()) for page in page_texts(out.read_bytes())]


ROSA = ("patient: {name: Rosa Delgado}\ndate: 2026-12-07\nlanguage: %s\n"
        "exercises:\n  - id: seated_reach\n    dose: {side: %s}\n")


def test_a_side_given_in_each_language_prints_in_each_line_and_is_not_warned_of(home):
    said, pages = build_output(home, ROSA % ("[es, en]", "{es: brazo derecho, en: right arm}"))
    text = " ".join(pages)
    assert "2 series de 10 · Brazo derecho" in text and "2 sets of 10 · Right arm" in text
    assert "brazo derecho" not in said and "right arm" not in said, said
    # one language: a side given in it is in the handout's language, nothing to say
    said, pages = build_output(home, ROSA % ("es", "{es: brazo derecho}"))
    assert "Brazo derecho" in " ".join(pages) and "brazo derecho" not in said, said


def test_a_side_typed_once_in_a_bilingual_handout_is_warned_of_with_the_way_to_give_both(home):
    # it printed "Brazo derecho" in the English line too, and the warning said only that it
    # printed as written in Spanish, "write it in español if it is not"
    # said at the dose's line in the program's file (typed-N.yaml:6)
    said, pages = build_output(home, ROSA % ("[es, en]", "brazo derecho"))
    assert "2 sets of 10 · Brazo derecho" in " ".join(pages)
    assert re.search(r"^warning: \S+/typed-\d+\.yaml:6: " + re.escape(
        'exercises[seated_reach].dose: side "brazo derecho" prints as written in español and '
        "English (the program's own words, which no translation gives); give it in each "
        "language: side: {es: brazo derecho, en: ...}") + "$", said, re.M), said
    said, _ = build_output(home, ROSA % ("[es, en]", "{es: brazo derecho}"))
    assert re.search(r"^warning: \S+/typed-\d+\.yaml:6: " + re.escape(
        'exercises[seated_reach].dose: side "brazo derecho" has no English words; printed as '
        "written there (add en: to side:)") + "$", said, re.M), said


def test_a_side_in_each_language_is_kept_by_a_saved_program_and_the_web_form():
    import yaml

    from handouts.input.dose_models import Dose
    from handouts.web.dose_fields import dose_texts, dose_value

    dose = Dose.model_validate({"side": {"es": "brazo derecho", "en": "right arm"}})
    saved = yaml.safe_load(yaml.safe_dump(dose.to_yaml_data()))  # its keys sorted, as saved
    assert saved == {"side": {"en": "right arm", "es": "brazo derecho"}}
    assert Dose.model_validate(saved) == dose  # the same dose, so the same handout id
    typed = dose_texts(dose)["side"]  # the web form's box
    assert typed == "{en: right arm, es: brazo derecho}"
    assert Dose.model_validate({"side": dose_value("side", typed)}) == dose


def test_the_lying_frames_stand_one_above_the_other_in_large_print_and_print_larger(home):
    # side by side, as drawn for the layout's 4.2 x 3 in box (a tall arrow label made one
    # above the other no larger there), each bed printed 1.5 in wide, the drawing 1.6 tall;
    # drawn for the 4.2 in square box it prints in, they stand one above the other
    import math

    from conftest import forms_placed, reader

    built(home, "walter-kessler")
    pdf = (home.parent / "walter-kessler.pdf").read_bytes()
    [page] = [p for p, t in zip(reader(pdf).pages, page_texts(pdf))
              if t.startswith("6. Arm lift with a helper")]
    [(m, box)] = forms_placed(page)
    width = math.hypot(m[0], m[1]) * (box[2] - box[0]) / 72
    height = math.hypot(m[2], m[3]) * (box[3] - box[1]) / 72
    assert height > 3.5 and width > 3.3, (width, height)
