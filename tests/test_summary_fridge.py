""""Put this page on your fridge" is said on page 1, the page with the safety box and the
clinic's phone, and nowhere else: where page 1 has no room for the summary and it starts
page 2, it says only what to do with the exercises and the log. Read back from the PDF."""

from __future__ import annotations

import shutil

import pytest

import handouts as api

from conftest import EXAMPLES, ROOT, page_texts

OT = ROOT / "tests" / "clinics" / "ot"


@pytest.fixture(scope="module")
def ot(tmp_path_factory) -> api.Workspace:
    folder = tmp_path_factory.mktemp("ot") / "maple"
    shutil.copytree(OT, folder)
    return api.open_workspace(home=folder)


def summary_page(pages: list[str]) -> int:
    return next(i for i, page in enumerate(pages) if "Your program at a glance" in page)


@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_the_fridge_sentence_is_true_of_the_page_it_is_on(ot, layout):
    # large print: Walter's two tasks moved to page 2 under the safety box, and page 2 said
    # "Put this page on your fridge", the page without the box and its phone number
    program = api.load_program(OT / "examples" / "walter-brandt.yaml", ot)
    pages = [" ".join(p.split()) for p in page_texts(
        api.build_handout(program, ot, layout=layout).pdf)]
    at = summary_page(pages)
    assert ("Put this page on your fridge." in pages[at]) == (at == 0)
    # large print: what to do is said on page 1, which has room for it but not the table,
    # and where the order is: "in this order" there pointed at nothing
    said = [i for i, page in enumerate(pages) if "Do the exercises in this order." in page]
    assert said == ([] if layout == "large_print" else [at])
    if layout == "large_print":
        assert "Do the exercises in the order on page 2." in pages[0] and at == 1
    assert "Stop and call us if" in pages[0]
    assert not any("fridge" in page for page in pages[1:])


def test_the_demos_large_print_summary_on_page_two_says_no_fridge(ws):
    program = api.load_program(EXAMPLES / "walter-ng-large-print.yaml", ws)
    pages = [" ".join(p.split()) for p in page_texts(api.build_handout(program, ws).pdf)]
    assert summary_page(pages) == 1
    assert pages[1].startswith("Your program at a glance Do the exercises in this order. "
                               "Check off each exercise")
    assert not any("fridge" in page for page in pages)


def test_a_summary_on_page_one_still_says_fridge(ws, jane):
    pages = [" ".join(p.split()) for p in page_texts(api.build_handout(jane, ws).pdf)]
    assert summary_page(pages) == 0
    assert "Put this page on your fridge. Do the exercises in this order." in pages[0]
