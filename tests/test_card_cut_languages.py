"""Where a card in two languages is cut across pages, each step, caution and tip is said in
both languages on one page, and a tip carried over goes on under its label again: read
back from the PDFs page by page."""

from __future__ import annotations

import dataclasses
import itertools
import re
import shutil

import pytest
import yaml

import handouts as api

from conftest import ROOT, flat_texts, page_texts


def _said(value: str) -> str:
    """``value`` as the PDF's text has it, spaces collapsed (the library's ``**`` marks
    print as bold, not as themselves)."""
    return " ".join(value.replace("**", "").split())


def item_pairs(folder=ROOT) -> list[tuple[str, str]]:
    """Every step, caution and tip of the library: (English, Spanish)."""
    english = yaml.safe_load((folder / "exercises.yaml").read_text(encoding="utf-8"))
    spanish = yaml.safe_load((folder / "exercises.es.yaml").read_text(encoding="utf-8"))
    pairs = []
    for entry in english["exercises"]:
        other = spanish["exercises"].get(entry["id"], {})
        for kind in ("steps", "cautions", "tips"):
            pairs += [(_said(en), _said(es)) for en, es in zip(entry.get(kind, []),
                                                              other.get(kind, []))]
    return pairs


def parted(pdf: bytes, languages: tuple[str, str], pairs) -> list[tuple[int, str]]:
    """(page from 1, the item's second half) for each page that has an item's second
    language whole without its first (a step said alike in English has a Spanish of its
    own in some exercises: without any of them)."""
    # pdfium's words (str.split takes the no-break space as a space): every step, caution
    # and tip of Jane's 8 handouts is found on the pages pypdf's reading finds it on, in
    # a tenth of the time
    pages = flat_texts(pdf)
    firsts: dict[str, set[str]] = {}
    for en, es in pairs:
        first, second = (es, en) if languages[0] == "es" else (en, es)
        firsts.setdefault(second, set()).add(first)
    return [(number, second) for second, found in firsts.items()
            for number, page in enumerate(pages, 1)
            if second in page and not any(first in page for first in found)]


def test_no_item_is_parted_from_its_other_language(ws, jane):
    """Jane's standard handout on Letter: page 5 opened with the SI joint reset's tip in
    its second language, its first at the foot of page 4 (es+en and en+es alike). Both
    orders, both papers, standard and large print."""
    found, pairs = {}, item_pairs()
    for layout, languages, paper in itertools.product(
            ["standard", "large_print"], [("es", "en"), ("en", "es")], ["Letter", "A4"]):
        at = ws if paper == "Letter" else dataclasses.replace(
            ws, clinic=ws.clinic.model_copy(update={"page_size": paper}))
        program = jane.model_copy(update={"layout": layout, "language": languages})
        found[layout, languages, paper] = parted(api.build_handout(program, at).pdf,
                                                 languages, pairs)
    assert {k: v for k, v in found.items() if v} == {}


def test_the_si_joint_reset_s_tip_is_read_on_one_page(ws, jane):
    pages = page_texts(api.build_handout(jane.model_copy(update={"language": ("es", "en")}),
                                         ws).pdf)
    spanish = [i for i, page in enumerate(pages) if "La articulación sacroilíaca se" in page]
    english = [i for i, page in enumerate(pages) if "Your SI joint can lock up" in page]
    assert spanish and spanish == english


@pytest.fixture(scope="module")
def thirty_tips_in_two(tmp_path_factory) -> api.Workspace:
    """The real library with thirty tips on the child pose, in English and Spanish: its standard
    card is taller than a page and splits inside itself between them."""
    folder = tmp_path_factory.mktemp("tips")
    shutil.copytree(ROOT / "images", folder / "images")
    for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml"):
        shutil.copy(ROOT / name, folder / name)
    english = yaml.safe_load((folder / "exercises.yaml").read_text(encoding="utf-8"))
    spanish = yaml.safe_load((folder / "exercises.es.yaml").read_text(encoding="utf-8"))
    pose = next(e for e in english["exercises"] if e["id"] == "child_pose")
    pose["tips"] = [f"Tip {i}: breathe out slowly as you sit back. " * 2 for i in range(1, 31)]
    spanish["exercises"]["child_pose"]["tips"] = [
        f"Consejo {i}: suelte el aire despacio al ir hacia atrás. " * 2 for i in range(1, 31)]
    for name, data in (("exercises.yaml", english), ("exercises.es.yaml", spanish)):
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return api.open_workspace(folder / "exercises.yaml", folder / "clinic.yaml")


@pytest.mark.parametrize("languages", [("en",), ("es", "en")])
def test_tips_a_standard_card_carries_over_go_on_under_their_label(thirty_tips_in_two,
                                                                    languages):
    """A tip carried to the next page went on under the card's title alone, where a
    caution goes on under *Be careful (continued)*: read alone, that page did not say what
    it was. It now says *Tips (continued)*, in each language."""
    ws = thirty_tips_in_two
    program = api.program_from_options(ws, patient="Pat Example", layout="standard",
                                       exercises=["child_pose"], date="2026-11-23",
                                       language=list(languages))
    pages = page_texts(api.build_handout(program, ws).pdf)
    going_on = [page for page in pages if re.search(r"\b(Tip|Consejo) \d", page)][1:]
    assert going_on, "the tips no longer run on: the test tests nothing"
    labels = ["Consejos (continuación)", "Tips (continued)"] if len(languages) > 1 \
        else ["Tips (continued)"]
    for page in going_on:
        lines = [line.strip() for line in page.split("\n")]
        titles = len(languages)  # the title, "(continued)", a line in each language
        assert lines[titles:titles + len(labels)] == labels, lines[:4]
        assert lines[titles + len(labels)].startswith("•"), lines[:5]
    if len(languages) > 1:  # and each tip on one page in both languages
        for i in range(1, 31):
            assert [f"Consejo {i}:" in page for page in pages] == \
                   [f"Tip {i}:" in page for page in pages], i
