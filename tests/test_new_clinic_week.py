"""A new clinic's first week: a knee-and-ankle clinic starts with `new`, then writes its own
library, with the README as its only guide. What it trips on is told in one line, and its
own words (positions, doses) work as the shipped library's do."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.input.positions import position_rank

from conftest import page_texts

LIBRARY = """\
    exercises:
    - id: quad_sets
      title: Thigh tightening
      position: lying on your back
      areas: [knee]
      kind: strength
      purpose: Wakes up the big muscle at the front of your thigh.
      steps: [Lie on your back., Press your knee down.]
      dose: {hold: 5 s, reps: 10, frequency: every hour while awake}
    - id: band_ankle_out
      title: Ankle turn-out with a band
      position: sitting on a chair
      areas: [ankle]
      kind: strength
      purpose: Makes your ankle stronger.
      steps: [Loop the band around your foot., Turn your foot out.]
      dose: {sets: 3, reps: 12, resistance: green band}
    - id: single_leg_balance
      title: Standing on one leg
      position: standing on one leg
      areas: [ankle]
      kind: balance
      purpose: Keeps you steady.
      steps: [Lift one foot.]
      dose: {hold: 30 s, side: each side}
    - id: step_ups
      title: Step-ups
      position: on a step
      areas: [knee]
      kind: strength
      purpose: Builds strength for stairs.
      steps: [Step up.]
      dose: {sets: 2, reps: 10, load: 2 kg}
    - id: walking
      title: Walking
      position: walking
      areas: [whole body]
      kind: fitness
      purpose: Helps your knee heal.
      steps: [Walk at an easy pace.]
      dose: {duration: 10 min}
    - id: heel_slides
      title: Heel slides
      position: lying on your side
      areas: [knee]
      kind: movement
      purpose: Helps your knee bend.
      steps: [Slide your heel up.]
    education:
    - id: when_to_call
      title: When to ring us
      body:
      - bullets: [Your calf is hot and swollen.]
    """


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """A knee-and-ankle clinic: `new`, then its own library over the starter's."""
    home = tmp_path / "stride"
    made = run("new", str(home), "--name", "Stride Knee & Ankle", "--phone", "020 7946 0321",
               "--paper", "a4", "--locale", "en-GB")
    assert made.exit_code == 0, made.output
    (home / "exercises.yaml").write_text(textwrap.dedent(LIBRARY), encoding="utf-8")
    (home / "examples" / "sample-patient.yaml").unlink()
    return home


def check(home: Path) -> list[str]:
    result = run("--home", str(home), "check")
    return [line for line in result.output.splitlines() if line.startswith("error:")]


def test_by_position_sorts_a_clinic_s_own_words_with_the_position_they_name(clinic, tmp_path):
    program = tmp_path / "p.yaml"
    program.write_text("patient: {name: Sam Sample}\ndate: 2026-12-07\norder: by_position\n"
                       "exercises: [walking, step_ups, single_leg_balance, band_ankle_out,"
                       " heel_slides, quad_sets]\n", encoding="utf-8")
    out = tmp_path / "p.pdf"
    built = run("--home", str(clinic), "build", str(program), "-o", str(out))
    assert built.exit_code == 0, built.output
    first = " ".join(page_texts(out.read_bytes())[0].split())
    titles = ["Thigh tightening", "Heel slides", "Ankle turn-out", "Standing on one leg",
              "Walking", "Step-ups"]  # back, side, sitting, standing, walking, then the rest
    at = [first.index(f"{n}. {title}") for n, title in enumerate(titles, 1)]
    assert at == sorted(at)


def test_a_known_position_comes_before_the_clinic_s_words_for_it():
    positions = ["standing on one leg", "on a step", "standing", "side-lying on a bed",
                 "lying", "sitting to standing", "sitting on a chair", "sitting"]
    assert sorted(positions, key=position_rank) == [
        "lying", "side-lying on a bed", "sitting", "sitting on a chair", "standing",
        "sitting to standing", "standing on one leg", "on a step"]
