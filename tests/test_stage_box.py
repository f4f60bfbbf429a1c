"""What a card's *How much* box and page 1 say over an exercise's weekly stages (README:
*Doses*): a dose key that every stage sets again is the stages' to say, so the box never
says the dose's own value beside a table whose weeks all say another. Read back from the
PDFs."""

from __future__ import annotations

import pytest

import handouts as api

from conftest import page_texts

# the library's yellow band, which every stage sets again: yellow, then red
BANDS = {"reps": 12, "resistance": "yellow band", "rest": "30 s", "progression": [
    {"weeks": "1-2", "sets": 2, "resistance": "yellow band"},
    {"weeks": "3-4", "sets": 3, "resistance": "red band"}]}


def whole_text(ws, dose, layout="standard") -> str:
    data = {"patient": {"name": "Jane Doe"}, "date": "2026-11-23", "layout": layout,
            "exercises": [{"id": "child_pose", "dose": dose}]}
    built = api.build_handout(api.program_from_data(data, ws, source="program.yaml"), ws)
    return " ".join(" ".join(p.split()) for p in page_texts(built.pdf))


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_a_key_every_stage_sets_is_said_by_the_stages_alone(ws, layout):
    text = whole_text(ws, BANDS, layout)
    # once in the card's table (weeks 1-2) and once on page 1's first stage; never in the
    # box, where it read "Use: yellow band" beside weeks 3-4's red band
    assert text.count("yellow band") == (1 if layout == "compact" else 2)
    assert "red band" in text
    # what no stage sets is still the box's
    assert "Rest 30 seconds between sets" in text


def test_a_key_some_stages_leave_is_still_the_boxs(ws):
    dose = {**BANDS, "progression": [{"weeks": "1-2", "sets": 2},
                                     {"weeks": "3-4", "sets": 3, "resistance": "red band"}]}
    text = whole_text(ws, dose)
    assert "Use: yellow band" in text and "red band" in text


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_an_amount_no_stage_changes_is_said_once_over_the_weeks(ws, layout):
    # 3 sets of 10 with a softer putty, then a firmer: the card read "How much: Rest 30
    # seconds between sets", the amount only in each week's row, said again and again
    dose = {"reps": 10, "sets": 3, "rest": "30 s", "progression": [
        {"weeks": "1-2", "resistance": "soft yellow putty"},
        {"weeks": "3-4", "resistance": "firm red putty"}]}
    text = whole_text(ws, dose, layout)
    # (with the library's hold of child's pose)
    amount = ["Hold 20–30 seconds", "3 sets of 10", "Rest 30 seconds between sets"]
    card = ("How much: " + " · ".join(amount) if layout == "compact"
            else "How much " + " ".join(amount))
    assert card in text, text
    assert "Week by week Weeks 1–2 Use: soft yellow putty From week 3 on Use: firm red putty" \
        in text, text
    if layout != "compact":  # page 1's summary too, with the first week's putty
        assert "Hold 20–30 seconds · 3 sets of 10 · Rest 30 seconds between sets · Weeks 1–2: " \
               "Use: soft yellow putty" in text, text
    # and never again by the week
    assert text.count("3 sets of 10") == (1 if layout == "compact" else 2), text
