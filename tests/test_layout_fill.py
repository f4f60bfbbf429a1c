"""Pages a layout used to leave part empty, read back from the PDFs (see test_page_fill for
how full every page of every layout is)."""

from __future__ import annotations

import dataclasses

import pytest

from handouts import build as api

from conftest import EXAMPLES, reader
from page_fill_reading import lines, underfull

PAPER = ("Letter", "A4")
BOTH = ("es", "en")


@pytest.fixture(scope="module")
def compact_both(ws):
    """(program, paper) -> (pdf, handout): the demo and every exercise, compact, es + en."""
    every = api.program_from_options(ws, patient="Ada Example",
                                     exercises=[e.id for e in ws.library.exercises])
    programs = {"demo": api.load_program(EXAMPLES / "jane-doe.yaml", ws), "all": every}
    spaces = {"Letter": ws, "A4": dataclasses.replace(
        ws, clinic=ws.clinic.model_copy(update={"page_size": "A4"}))}
    cache = {}

    def get(which, paper):
        if (which, paper) not in cache:
            program = programs[which].model_copy(update={"layout": "compact",
                                                          "language": BOTH})
            result = api.build_handout(program, spaces[paper])
            cache[which, paper] = result.pdf, result.handout
        return cache[which, paper]
    return get


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("which", ["demo", "all"])
def test_compact_in_two_languages_leaves_no_page_a_third_empty(compact_both, which, paper):
    """Side by side, a card in two languages is often taller than what a page has left
    under the cards before it; it moved whole to the next page, leaving pages 40-60 % full
    with one card where two did not fit. It now starts there and runs on."""
    pdf, handout = compact_both(which, paper)
    fills, emptier = underfull(pdf, handout, "compact", paper, next_block_excuses=False)
    assert not emptier, f"pages {emptier} of {len(fills)} are less full than that: {fills}"


@pytest.mark.parametrize(("which", "pages"), [("demo", 7), ("all", 8)])
def test_compact_in_two_languages_takes_fewer_pages(compact_both, which, pages):
    """Less paper is the point of compact: the demo took 8 pages, every exercise 10."""
    pdf, _ = compact_both(which, "Letter")
    assert len(reader(pdf).pages) <= pages


def test_a_compact_card_runs_on_under_its_title_in_each_language(compact_both):
    """A card cut in two goes on at the top of the next page under its title and
    "(continued)" in each column's language, its steps counting on; every step of every
    exercise is printed once in each language, none lost or printed twice at the cut."""
    pdf, handout = compact_both("all", "Letter")
    pages = [" ".join(" ".join(t.lstrip("*") for _, t in page).split())
             for page in lines(pdf, "compact", "Letter")]
    whole = " ".join(pages)
    ran_on = 0
    for e in handout.exercises:
        es, en = (f"{e.number}. {e.title.parts[i]}" for i in range(2))
        later = [n for n, page in enumerate(pages) if f"{es} (continuación)" in page]
        if not later:
            continue
        ran_on += 1
        head = [n for n, page in enumerate(pages) if page.replace(f"{es} (continuación)", "")
                .count(es)]
        assert later == [head[0] + 1], e.id
        # the rest opens the page: the Spanish column, then the English one
        rest = pages[later[0]]
        assert rest.startswith(f"{es} (continuación)"), rest[:80]
        assert f"{en} (continued)" in rest
        # the steps up to the cut on the first page, the others after it, in each language;
        # never fewer than two with the picture and the dose
        for language in range(2):
            said = [" ".join(step.parts[language].split())[:30] for step in e.steps]
            on = [step in rest for step in said]
            cut = on.index(True) if True in on else len(said)
            assert cut >= 2 and all(on[cut:]), (e.id, language, on)
            assert all(step in pages[head[0]] for step in said[:cut]), (e.id, language)
    assert ran_on >= 2
