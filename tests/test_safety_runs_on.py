"""Large print in two languages: the "Stop and call us if…" box is taller than a page (about
690 pt at 18 pt, of 635 on Letter), so it starts on page 1, the call to 911 first, and runs
on to page 2. A patient who reads page 1 alone is told that the box goes on, and page 2
opens under the box's heading again, marked continued: it ended page 1 mid-box and opened
page 2 with bare warnings, read as a list of their own."""

from __future__ import annotations

import dataclasses

import pytest

from handouts import build as api

from conftest import EXAMPLES
from page_fill_reading import lines

HEADING = ("**Deténgase y llámenos si…", "**Stop and call us if…")
CONTINUED = ("**Deténgase y llámenos si… (continuación)", "**Stop and call us if… (continued)")
CALL_911 = "Call 911 right away"
GOES_ON = "**(continuación) / (continued)"


def _built(ws, name: str, paper: str) -> bytes:
    if paper == "A4":
        ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": "A4"}))
    program = api.load_program(EXAMPLES / name, ws).model_copy(
        update={"layout": "large_print", "language": ("es", "en")})
    return api.build_handout(program, ws).pdf


@pytest.mark.parametrize("paper", ["Letter", "A4"])
@pytest.mark.parametrize("name", ["rosa-diaz-bilingual.yaml", "walter-ng-large-print.yaml"])
def test_a_safety_box_that_runs_on_says_so_at_the_foot_of_page_1_and_again_on_page_2(
        ws, name, paper):
    first, second = lines(_built(ws, name, paper), "large_print", paper)[:2]
    said = [t for _, t in first]
    box = said.index(HEADING[0])
    assert said[box + 1] == HEADING[1]
    # the call to 911 on page 1, then the words that the box goes on, its last line there
    call = next(i for i, t in enumerate(said) if CALL_911 in t)
    assert box < call < said.index(GOES_ON)
    goes_on = next(y for y, t in first if t == GOES_ON)
    assert goes_on == min(y for y, t in first), said
    # page 2 opens with the box's heading again, in both languages, marked continued
    assert [t for _, t in second[:2]] == list(CONTINUED), second[:4]


def test_where_page_1_has_room_for_the_call_to_911_alone_page_2_still_opens_under_the_heading(
        ws):
    """Jane's page 1 (her program's purpose under its title) has room under the box's
    heading for the call to 911 and no line more: the call stays there (the one warning
    page 1 must hold), and page 2 opens under the heading, continued."""
    first, second = lines(_built(ws, "jane-doe.yaml", "Letter"), "large_print", "Letter")[:2]
    said = [t for _, t in first]
    assert HEADING[0] in said and any(CALL_911 in t for t in said)
    assert [t for _, t in second[:2]] == list(CONTINUED), second[:4]


def test_a_box_that_fits_a_page_but_not_page_1_still_starts_there_with_the_emergency_call():
    """The Dublin clinic's box in two languages (about 560 pt) fits a page but not what page
    1 leaves under Ciarán's title: it moved whole to page 2, and page 1, the one for the
    fridge, said nothing of when to call; it starts there now, as a taller one does."""
    home = EXAMPLES / "dublin-shoulder"
    ws = api.open_workspace(home=home)
    program = api.load_program(home / "examples" / "ciaran-walsh-large-print.yaml", ws)
    program = program.model_copy(update={"language": ("es", "en")})
    first, second = lines(api.build_handout(program, ws).pdf, "large_print", "Letter")[:2]
    said = [t for _, t in first]
    assert "**Deténgase y llámenos si…" in said and GOES_ON in said
    assert any("Call 112 or 999 right away" in t for t in said), said
    assert [t for _, t in second[:2]] == ["**Deténgase y llámenos si… (continuación)",
                                          "**Stop and ring us if… (continued)"], second[:4]
