"""A dose line wraps in a narrow column (compact's, and the tighter card a standard page
sets): a label is never broken across two lines ("How" ending a line, "often:" starting the
next; "Con qué" / "frecuencia:"), nor left alone at a line's end with its dose on the next. Read back from the PDF's lines."""

from __future__ import annotations

import pytest

import handouts as api

from conftest import ROOT, page_texts

DUBLIN = ROOT / "examples" / "dublin-shoulder"
# each label, and a part of it a line could have ended with
LABELS = ["How much:", "How often:", "Cuánto:", "Con qué frecuencia:"]
EVERY = ["child_pose", "kneeling_rock_back", "lying_hip_flexor_stretch", "si_joint_correction",
         "si_joint_knee_rocks", "standing_hip_flexor_stretch", "wall_goal_post_stretch",
         "diaphragmatic_breathing", "psoas_release", "psoas_release_tool",
         "ql_breathing_stretch"]


def lines(data: bytes) -> list[str]:
    return [" ".join(line.replace("\u00a0", " ").split())
            for page in page_texts(data) for line in page.splitlines()]


def broken_labels(data: bytes) -> list[str]:
    """Each pair of lines where a label is cut, or ends a line without its dose."""
    found = []
    text = lines(data)
    for line, after in zip(text, text[1:]):
        for label in LABELS:
            words = label.split()
            for cut in range(1, len(words) + 1):
                head, tail = " ".join(words[:cut]), " ".join(words[cut:])
                if line.endswith(" " + head) or line == head:
                    if tail and after.startswith(tail) or not tail:
                        found.append(f"{line!r} / {after!r}")
    return found


def built(ws, exercises, language: str, layout: str = "compact") -> bytes:
    data = {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "language": language,
            "layout": layout, "exercises": exercises}
    return api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf


@pytest.mark.parametrize("language", ["es", "es,en"])
def test_no_label_is_cut_on_any_compact_card(ws, language):
    # every exercise in Spanish printed "… Repita 3 veces. Con qué" / "frecuencia: 2 veces
    # al día." (2 cards; 8 in two languages)
    data = built(ws, EVERY, language)
    assert broken_labels(data) == []
    assert sum("frecuencia:" in line for line in lines(data)) == 11


def test_a_long_dose_keeps_how_often_whole():
    # Dublin's walking, in English: "… moderate, you can still talk. How" / "often: As
    # often as feels OK."
    dublin = api.open_workspace(home=DUBLIN)
    data = built(dublin, ["pendulum", "table_slide", "wall_slides", "walking"], "en")
    assert broken_labels(data) == []
    assert sum("How often:" in line for line in lines(data)) == 4


def test_a_standard_pages_tighter_card_keeps_how_often_whole(ws, jane):
    # the tighter card a standard page sets (two cards on page 2 of examples/jane-doe.yaml)
    # printed "… Repeat 3 times. How" / "often: 2 times a day." on child's pose; the four
    # cards of pages 2 and 3 are set tighter now (each page reads one way)
    data = api.build_handout(jane, ws).pdf
    assert broken_labels(data) == []
    assert sum("How often:" in line for line in lines(data)) == 4
