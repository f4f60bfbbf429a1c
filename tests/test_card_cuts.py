"""Where a card is cut across pages, what the patient reads at the top of the next page
says what it is: read back from the PDFs."""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import ROOT, page_texts, page_visits

WALKING_TIPS = "  tips:\n  - Add a few minutes each week.\n"
LABELS = ("Be careful", "Tenga cuidado")


def unheaded_cautions(pdf: bytes) -> list[tuple[int, str]]:
    """Each page whose first caution (a "!" item) comes under no *Be careful* label on that
    page: (page from 1, that caution's line)."""
    return unheaded_cautions_in(page_texts(pdf))


def unheaded_cautions_in(pages: list[str]) -> list[tuple[int, str]]:
    found = []
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.split("\n")]
        first = next((i for i, line in enumerate(lines) if line.startswith("!")), None)
        if first is not None and not any(label in line for line in lines[:first]
                                         for label in LABELS):
            found.append((number, lines[first]))
    return found


@pytest.fixture(scope="module")
def thirty_cautions(tmp_path_factory) -> api.Workspace:
    """A new clinic whose walking has thirty cautions of three lines: its card is taller
    than a page, and splits inside itself between them."""
    folder = tmp_path_factory.mktemp("cautions") / "clinic"
    made = CliRunner().invoke(main, ["new", str(folder), "--name", "Test PT",
                                     "--phone", "555-0100"], catch_exceptions=False)
    assert made.exit_code == 0, made.output
    library = folder / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    assert WALKING_TIPS in text
    cautions = "".join(f"  - \"Caution {i}: {'stop if your back hurts more than before. ' * 3}\"\n"
                       for i in range(1, 31))
    library.write_text(text.replace(WALKING_TIPS, "  cautions:\n" + cautions + WALKING_TIPS),
                       encoding="utf-8")
    return api.open_workspace(home=folder)


@pytest.mark.parametrize("layout", ["standard", "compact"])
def test_cautions_that_run_on_go_on_under_their_label(thirty_cautions, layout):
    """A caution moved to the next page by a card taller than a page went on there with no
    *Be careful* over it: page 3 opened with "! Caution 10: …" under the title alone. Each
    page it goes on to now says *Be careful (continued)* first."""
    ws = thirty_cautions
    built = api.build_handout(api.load_program("program.yaml", ws, text=f"""
patient: {{name: Pat Example}}
date: 2026-12-04
layout: {layout}
exercises: [walking]
"""), ws)
    pages = page_texts(built.pdf)
    assert not unheaded_cautions(built.pdf), unheaded_cautions(built.pdf)
    again = [i for i, page in enumerate(pages) if "Be careful (continued)" in page]
    assert again, "the cautions no longer run on: the test tests nothing"
    for i in again:
        lines = [line.strip() for line in pages[i].split("\n")]
        assert lines[:2] == ["1. Walking (continued)", "Be careful (continued)"], lines[:3]
        assert lines[2].startswith("! Caution")
    printed = " ".join(" ".join(pages).split())
    assert all(f"Caution {i}:" in printed for i in range(1, 31))


def test_a_caution_that_runs_on_in_two_languages_goes_on_under_both_labels(
        every_exercise_pages):
    """Every exercise in two languages: the psoas release with a tool is taller than a page
    and went on to page 14 with its last caution alone under its title."""
    pages = every_exercise_pages(("es", "en"), "Letter")
    assert not unheaded_cautions_in(pages), unheaded_cautions_in(pages)
    at = next(i for i, page in enumerate(pages) if "Tenga cuidado (continuación)" in page)
    lines = [line.strip() for line in pages[at].split("\n")]
    start = lines.index("Tenga cuidado (continuación)")
    assert lines[start + 1] == "Be careful (continued)" and lines[start + 2].startswith("!")


LOG_HEADINGS = ("Your exercise log", "Su registro de ejercicios")
LOG_HEADS = ("Día / Day", "Day / Día")


# every exercise in two languages, on both papers; where the last card leaves the log room
# for its heading, column heads and two rows (in es+en on Letter the side stretch with
# breathing, since the psoas releases print wide, leaves 64 pt: the log opens page 16 there)
EVERY = [(["es", "en"], "A4"), (["en", "es"], "A4"), (["en", "es"], "Letter"),
         (["es", "en"], "Letter")]
ROOM_LEFT = EVERY[:3]


@pytest.fixture(scope="module")
def every_exercise_pages(ws):
    """``every_exercise_pages(languages, paper)``: each page's text of every exercise in
    standard, built and read once for the module: eight tests read the same four handouts,
    the longest the library makes."""
    read: dict = {}

    def pages(languages, paper) -> list[str]:
        if (tuple(languages), paper) not in read:
            workspace = ws if paper == "Letter" else dataclasses.replace(
                ws, clinic=ws.clinic.model_copy(update={"page_size": paper}))
            program = api.program_from_options(workspace, patient="Pat Example",
                                               layout="standard",
                                               exercises=[e.id for e in ws.library.exercises],
                                               date="2026-11-23", language=list(languages))
            read[tuple(languages), paper] = page_texts(api.build_handout(program, workspace).pdf)
        return read[tuple(languages), paper]

    yield pages
    read.clear()


@pytest.mark.parametrize(("languages", "paper"), ROOM_LEFT)
def test_the_log_of_every_exercise_starts_where_the_cards_end(every_exercise_pages,
                                                              languages, paper):
    """The log of every exercise in two languages is taller than a page: it started on the
    page the last card left only where a third of a page of its table fitted there, so the
    Be careful label's two lines left that page half empty and made the handout 17 pages.
    Where its heading, its column heads and two rows fit, it starts there."""
    pages = every_exercise_pages(languages, paper)
    at = next(i for i, page in enumerate(pages) if any(h in page for h in LOG_HEADINGS))
    first_line = pages[at].strip().split("\n")[0]
    assert not first_line.startswith(LOG_HEADINGS), f"the log opens page {at + 1} of {len(pages)}"


@pytest.mark.parametrize(("languages", "paper"), EVERY)
def test_the_log_of_every_exercise_shows_its_column_heads_once_a_page(every_exercise_pages,
                                                                      languages, paper):
    """The piece of the log cut for a page's foot, measured without the space around its
    heading, did not fit, and split again: a head and one row alone at the next page's top,
    its column heads printed twice on one page."""
    pages = every_exercise_pages(languages, paper)
    twice = [i + 1 for i, page in enumerate(pages) if sum(page.count(h) for h in LOG_HEADS) > 1]
    assert not twice, f"pages {twice} show the log's column heads twice"


@pytest.fixture(scope="module")
def thirty_cautions_in_two(tmp_path_factory) -> api.Workspace:
    """The real library with thirty cautions on the psoas release with a tool, in English
    and Spanish: its card in two languages is taller than a page in every layout."""
    folder = tmp_path_factory.mktemp("two")
    shutil.copytree(ROOT / "images", folder / "images")
    for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml"):
        shutil.copy(ROOT / name, folder / name)
    english = yaml.safe_load((folder / "exercises.yaml").read_text(encoding="utf-8"))
    spanish = yaml.safe_load((folder / "exercises.es.yaml").read_text(encoding="utf-8"))
    tool = next(e for e in english["exercises"] if e["id"] == "psoas_release_tool")
    tool["cautions"] = [f"Caution {i}: stop if your back hurts more than before. " * 2
                        for i in range(1, 31)]
    spanish["exercises"]["psoas_release_tool"]["cautions"] = [
        f"Cuidado {i}: pare si le duele la espalda más que antes. " * 2 for i in range(1, 31)]
    for name, data in (("exercises.yaml", english), ("exercises.es.yaml", spanish)):
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return api.open_workspace(folder / "exercises.yaml", folder / "clinic.yaml")


def two_language_pdf(ws: api.Workspace, layout: str) -> bytes:
    program = api.program_from_options(ws, patient="Pat Example", layout=layout,
                                       exercises=["child_pose", "psoas_release_tool"],
                                       date="2026-11-23", language=["es", "en"])
    return api.build_handout(program, ws).pdf


def runs_at(page) -> list[tuple[float, str]]:
    """(x on the page, text) of each run of text on ``page`` (one of page_visits')."""
    return [(tm[4] * cm[0] + tm[5] * cm[2] + cm[4], said)
            for said, cm, tm, _, _ in page if said.strip()]


def test_a_compact_card_in_two_languages_goes_on_under_a_title_in_each_column(
        thirty_cautions_in_two):
    """Side by side, a card taller than a page went on with both languages' titles in the
    Spanish column and none over the English one; each column now has its own."""
    pdf = two_language_pdf(thirty_cautions_in_two, "compact")
    pages = [runs_at(page) for page in page_visits(pdf)]
    going_on = [runs for runs in pages if any("(continuación)" in said for _, said in runs)]
    assert len(going_on) >= 2, "the card no longer splits inside itself: the test tests nothing"
    for runs in going_on:
        spanish = min(x for x, said in runs if "Cuidado" in said)
        english = min(x for x, said in runs if "Caution" in said)
        titles = [(x, said) for x, said in runs if "(continu" in said and "cuidado" not in
                  said.lower() and "careful" not in said.lower()]
        assert any(x < english and "(continuación)" in said for x, said in titles), titles
        assert any(x >= english - 20 and "(continued)" in said for x, said in titles), titles
        assert not any(x < english - 20 and "(continued)" in said for x, said in titles), titles
        assert spanish < english


def test_large_print_says_continued_over_a_list_it_carries_over(thirty_cautions_in_two):
    """Large print put the cautions' label over those a page carried over, but not marked
    "(continued)" as a standard card's is; the page they start on has the label alone."""
    pages = page_texts(two_language_pdf(thirty_cautions_in_two, "large_print"))
    assert not unheaded_cautions_in(pages)
    opened = [page for page in pages if re.search(r"Cuidado \d", page)]  # the thirty's
    assert len(opened) >= 3, "the cautions no longer run on: the test tests nothing"
    first, *later = opened
    assert "(continuación)" not in first.split("Tenga cuidado")[1][:20]
    for page in later:
        lines = [line.strip() for line in page.split("\n")]
        assert "Tenga cuidado (continuación)" in lines, lines[:4]
        at = lines.index("Tenga cuidado (continuación)")
        assert lines[at + 1] == "Be careful (continued)", lines[at:at + 2]
