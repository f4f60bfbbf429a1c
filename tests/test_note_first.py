"""The therapist's note is read before the exercises it is about (README: *The therapist's
note*): on page 1 under the summary, above the safety box, where page 1 has room for it
whole; else whole at the top of the exercises, before the first card. A caregiver told
"Please stay close for the standing exercises" once met it after the cards. Read back from
the PDFs' text with pypdf, in every layout, in one language and two, and for a caregiver;
made-up people."""

from __future__ import annotations

import pytest

from handouts import build as api
from handouts.words import text

from conftest import EXAMPLES, page_texts

LAYOUTS = ("standard", "compact", "large_print")
NOTE = "NOTE-FIRST Please stay close for the standing exercises. NOTE-ENDS"


def flat(page: str) -> str:
    return " ".join(page.split())


def first_step(built: api.Built) -> str:
    """The first exercise's first step, in the handout's first language: text printed only
    on its card, never in the summary."""
    return text.parts(built.handout.exercises[0].steps[0])[0]


def where(pages: list[str], said: str) -> tuple[int, int]:
    """The page (from 0) and the place on it where ``said`` first prints."""
    return next((i, page.find(said)) for i, page in enumerate(pages) if said in page)


def note_then_cards(built: api.Built, label: str) -> list[str]:
    """The pages' text, once the note (its label and both its ends on one page) is found
    ahead of the first card's first step."""
    pages = [flat(page) for page in page_texts(built.pdf)]
    note, ends, step = where(pages, label), where(pages, "NOTE-ENDS"), where(pages, first_step(built))
    assert note[0] == ends[0] == where(pages, "NOTE-FIRST")[0], (note, ends)
    assert ends < step, (ends, step)
    return pages


def program(ws, layout: str, exercises: list[str], **fields):
    return api.program_from_options(ws, patient="Ada Example", exercises=exercises,
                                    layout=layout, note=NOTE, date="2026-11-23", **fields)


def summary_page(pages: list[str], layout: str) -> int:
    """The page the summary is on: page 1, but in large print, where a program with no
    protocol's summary starts page 2 (the safety box and the title fill page 1)."""
    return where(pages, "program at a glance")[0] if layout == "large_print" else 0


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_short_program_s_note_is_under_its_summary_before_the_cards(ws, layout):
    built = api.build_handout(program(ws, layout, ["child_pose", "diaphragmatic_breathing"]), ws)
    pages = note_then_cards(built, "Note from your therapist")
    at = summary_page(pages, layout)
    assert where(pages, "NOTE-FIRST")[0] == at


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_bilingual_demo_s_note_comes_before_its_first_card(ws, layout):
    """Rosa's es+en handout: the note, written in one language, under the Spanish label."""
    rosa = api.load_program(EXAMPLES / "rosa-diaz-bilingual.yaml", ws)
    built = api.build_handout(rosa.model_copy(update={"note": NOTE, "layout": layout}), ws)
    note_then_cards(built, "Nota de su terapeuta")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_caregiver_reads_the_note_before_the_cards(ws, layout):
    built = api.build_handout(program(ws, layout, ["child_pose", "diaphragmatic_breathing"],
                                      caregiver="Ana Example"), ws)
    pages = note_then_cards(built, "Note from Ada's therapist")
    assert where(pages, "NOTE-FIRST")[0] == summary_page(pages, layout)


@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_a_note_page_1_has_no_room_for_heads_the_exercises_whole(ws, layout):
    """Every exercise of the library: the summary fills page 1, so the note goes on whole,
    label and all, ahead of the first card rather than split or left as a heading."""
    ids = [e.id for e in ws.library.exercises]
    built = api.build_handout(program(ws, layout, ids), ws)
    pages = note_then_cards(built, "Note from your therapist")
    assert "NOTE-FIRST" not in pages[0]
