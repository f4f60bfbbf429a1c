"""A stroke and neuro rehab clinic (tests/clinics/stroke: made-up Riverbend Neuro Rehab, US
Letter, en-US), written from the README and docs/library.md alone: six exercises for a
patient with one weaker side, sat in a chair with arms, at a counter and lying in bed with a
helper; the signs of a stroke (BE FAST) and falls at home; a large-print handout given to a
spouse, and one in Spanish and English. Its handouts are read back page by page."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import ROOT, page_texts
from handouts.cli import main

CLINIC = ROOT / "tests" / "clinics" / "stroke"
TITLES = ["Reach forward", "Stand up from a chair", "Shift your weight while sitting",
          "Ankle pumps", "March at the counter", "Arm lift with a helper"]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stroke") / "riverbend"
    shutil.copytree(CLINIC, folder)
    return folder


def built(home, name: str) -> list[str]:
    out = home.parent / f"{name}.pdf"
    result = CliRunner().invoke(main, ["--home", str(home), "build",
                                       str(home / "examples" / f"{name}.yaml"), "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return page_texts(out.read_bytes())


def test_the_clinic_checks_clean(home):
    result = CliRunner().invoke(main, ["--home", str(home), "check"], catch_exceptions=False)
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
    # the fall topic's last lines go on to the last page together, never one alone
    last = pages[-1].split(" Walter Kessler Riverbend")[0]
    assert last == ("Do not get up fast. Roll to your side first. "
                    "Call for help, or call 911 if you are hurt.")


def test_the_bilingual_handout_says_each_step_in_spanish_then_english(home):
    text = " ".join(" ".join(built(home, "rosa-delgado")).split())
    assert "Para / For: Rosa Delgado · Cuidador(a) / Caregiver: Miguel Delgado" in text
    assert ("Empuje los brazos de la silla y levántese. "
            "Push on the arms of the chair and stand up.") in text
    assert "Llame al 911 de inmediato si ve cualquier señal de derrame cerebral." in text
