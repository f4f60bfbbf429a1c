"""A standard page that sets some of its cards tighter, for one more card to fit (the dose
on a line under the title), sets the rest the same way, their pictures kept whole: the
knee clinic's page 3 set the straight leg raise and the seated knee straightening tighter
and the heel raises as a standard card, its dose in a box under its picture, so a patient
reading down the page found the dose in two places. Read back from the PDFs: the dose's
label as each form prints it ("How much:" running on, or "How much" over its own lines).
A card that runs on to the next page is continuation's to set (its head as large as fits),
so pages that hold one are not asked."""

from __future__ import annotations

import re

import pytest

import handouts as api

from conftest import ROOT, page_texts
from standard_programs import random_standard
from test_tighter_pictures import CONTINUED, too_small

KNEE = ROOT / "examples" / "knee-clinic"
# the dose's label in English and in Spanish: tighter, running on after a colon; standard,
# on a line of its own over the dose (the summary table's heading on page 1 is not asked)
TIGHTER = re.compile(r"\b(?:How much|Cuánto):")
STANDARD = re.compile(r"\b(?:How much|Cuánto)\b(?!:)")


def mixed_pages(pdf: bytes) -> list[tuple[int, int, int]]:
    """Exercise pages holding both forms, none of whose cards runs on or goes on from the
    page before: (page from 1, tighter cards, standard cards)."""
    texts = [" ".join(t.split()) for t in page_texts(pdf)]
    out = []
    for number, text in enumerate(texts[1:], 2):
        runs_on = number < len(texts) and CONTINUED.search(texts[number][:200])
        if runs_on or CONTINUED.search(text):
            continue
        tighter, standard = len(TIGHTER.findall(text)), len(STANDARD.findall(text))
        if tighter and standard:
            out.append((number, tighter, standard))
    return out


def test_the_knee_clinic_s_page_3_reads_one_way():
    ws = api.open_workspace(home=KNEE)
    built = api.build_handout(api.load_program(KNEE / "examples" / "dorothy-reyes.yaml", ws),
                              ws)
    texts = page_texts(built.pdf)
    assert len(texts) == 5  # as before: the cards set tighter take no more room
    page = " ".join(texts[2].split())
    assert "5. Heel raises" in page and len(TIGHTER.findall(page)) == 3, page
    assert not STANDARD.search(page), page
    assert not mixed_pages(built.pdf) and not too_small(built.pdf)


@pytest.mark.parametrize("home, seed", [(None, 7), (KNEE, 8)])
def test_random_programs_read_one_way_on_each_page(ws, home, seed):
    """Standard programs of 3 to 8 exercises, seeded, in English or Spanish, on both
    papers: no page that holds whole cards only mixes the two forms, and every picture
    keeps at least what a tighter card's floor allows (test_tighter_pictures)."""
    at = ws if home is None else api.open_workspace(home=home)
    built = list(random_standard(at, seed, 6))
    assert len(built) == 6
    for paper, chosen, pdf in built:
        assert not mixed_pages(pdf), (paper, chosen, mixed_pages(pdf))
        assert not too_small(pdf, paper), (paper, chosen)



def test_a_page_whose_last_card_runs_on_set_tighter_reads_one_way(ws, jane):
    """Jane's pages 2 and 3 each end with a card that runs on, its head set tighter (the
    SI joint reset, the wall stretch): the whole card above each (the child's pose, the
    standing hip flexor stretch) had its dose in a box under its picture. It is set
    tighter too, in no more room than it took, so what runs on runs on as before."""
    built = api.build_handout(jane, ws)
    texts = [" ".join(t.split()) for t in page_texts(built.pdf)]
    assert len(texts) == 6
    for page, (whole, cut) in ((2, ("1. Child's pose", "2. Sacroiliac joint reset")),
                               (3, ("3. Standing hip flexor stretch", "4. Wall stretch"))):
        assert whole in texts[page - 1] and cut in texts[page - 1]
        assert CONTINUED.search(texts[page][:100]), texts[page][:100]  # the card runs on
        assert len(TIGHTER.findall(texts[page - 1])) == 2, texts[page - 1]
        assert not STANDARD.search(texts[page - 1]), texts[page - 1]
