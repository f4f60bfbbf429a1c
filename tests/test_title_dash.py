"""A card's title with what the exercise is for run on after it ("3. Lying hip flexor
stretch – Stretches…"): where its lines break at the dash, what it is for starts the next
line without it. "Standing hip flexor stretch –" ended a bold line, read as a title cut
short, and "– Estira la parte de adelante de la cadera." started one. Read back from the
PDF's lines."""

from __future__ import annotations

import pytest
from test_compact_dose_line import EVERY, built, lines

DASH = "\u2013"
FOR = {"en": "Stretches the muscles at the front of your hip.",
       "es": "Estira la parte de adelante de la cadera."}


def at_the_dash(data: bytes) -> list[str]:
    """Each line that ends with a spaced dash, or starts with one (a range's "5–10" does
    neither)."""
    return [line for line in lines(data)
            if line.endswith(" " + DASH) or line.startswith(DASH + " ")]


@pytest.mark.parametrize("layout, language", [("standard", "en"), ("standard", "es"),
                                              ("compact", "es,en")])
def test_no_line_ends_or_starts_with_the_dash_after_a_title(ws, layout, language):
    data = built(ws, EVERY, language, layout)
    assert at_the_dash(data) == []
    # what the standing hip flexor stretch is for still follows its title
    text = " ".join(lines(data))
    for said in language.split(","):
        assert FOR[said] in text


@pytest.mark.parametrize("layout", ["compact", "standard"])
def test_what_an_exercise_is_for_prints_as_typed_whatever_its_characters(library_copy, layout):
    # braces and markup's characters (the purpose is put in two versions of the title's line)
    said = "Loosens {the} <tight> & stiff muscles at the front of your hip, {0} and more."

    def edit(data):
        for exercise in data["exercises"]:
            if exercise["id"] == "standing_hip_flexor_stretch":
                exercise["purpose"] = said
    ws = library_copy("exercises.yaml", edit)
    data = built(ws, ["standing_hip_flexor_stretch", "child_pose"], "en", layout)
    assert said in " ".join(lines(data))
    assert at_the_dash(data) == []
