"""Compact page 1: the cards fill it down to the safety box. Where the next card was long it
moved whole to page 2 and left a hole of about a third of the room under the title (117 pt
of Jane Doe's, Letter): page 1 now holds that card's picture, dose and first two steps, and
the card goes on at the top of page 2 under its title, "(continued)". Read back from the
PDF: where page 1's last line sits over the box, and what page 2 opens with."""

from __future__ import annotations

import dataclasses

import pytest

from handouts import build as api

from conftest import EXAMPLES, page_texts
from test_compact_one_page import baselines, top_of

SAFETY = {"en": "Stop and call us if", "es": "Deténgase y llámenos si"}
CONTINUED = {"en": "(continued)", "es": "(continuación)"}


def jane_compact(ws, language: str, paper: str) -> bytes:
    """Jane's handout in compact, without her therapist's note: printed on page 1 now,
    before the cards, it takes the room under card 1 that card 2's head filled (102 pt
    are left, too little for that head), which is what these tests are about."""
    ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": paper}))
    program = api.load_program(EXAMPLES / "jane-doe.yaml", ws).model_copy(
        update={"layout": "compact", "language": (language,), "note": None})
    return api.build_handout(program, ws).pdf


def test_page_one_is_used_down_to_the_safety_box(ws):
    # (in Spanish the room left, 90 pt, holds no head of that card: it moves on whole)
    language = "en"
    pdf = jane_compact(ws, language, "Letter")
    runs = baselines(pdf)
    box = top_of(runs, SAFETY[language])
    lowest = max(y for y, _ in runs if y < box - 1)
    # under the last line: its descent, the card's foot and the space over the box (about
    # 30 pt); the card that did not fit whole left 117 pt
    assert box - lowest < 60, f"{box - lowest:.0f} pt empty over the safety box"
    pages = [" ".join(t.split()) for t in page_texts(pdf)]
    assert "2. Sacroiliac joint reset" in pages[0]
    # page 2 opens with the rest of card 2, under its title again, never one step alone
    opening = pages[1].split(CONTINUED[language], 1)
    assert len(opening) == 2 and opening[0].strip().startswith("2."), pages[1][:80]
    assert "3." in opening[1] and "4." in opening[1]


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_page_one_holds_the_head_of_the_card_it_starts(ws, paper):
    pdf = jane_compact(ws, "en", paper)
    first, second = (" ".join(t.split()) for t in page_texts(pdf)[:2])
    assert second.startswith("2. Sacroiliac joint reset (continued)")
    # its picture's caption, its dose and its first two steps stay on page 1
    head = first.split("2. Sacroiliac joint reset", 1)[1]
    for words in ("Hold 5–10 seconds", "Push your thigh into your hands",
                  "Lie on your back near the side of your bed", "Hug the knee"):
        assert words in head
    assert "Relax. If your pain is not better" in second
    assert "Relax. If your pain is not better" not in first
