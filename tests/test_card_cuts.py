"""Where a card is cut across pages, what the patient reads at the top of the next page
says what it is: read back from the PDFs."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import page_texts

WALKING_TIPS = "  tips:\n  - Add a few minutes each week.\n"
LABELS = ("Be careful", "Tenga cuidado")


def unheaded_cautions(pdf: bytes) -> list[tuple[int, str]]:
    """Each page whose first caution (a "!" item) comes under no *Be careful* label on that
    page: (page from 1, that caution's line)."""
    found = []
    for number, page in enumerate(page_texts(pdf), 1):
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


def test_a_caution_that_runs_on_in_two_languages_goes_on_under_both_labels(ws):
    """Every exercise in two languages: the psoas release with a tool is taller than a page
    and went on to page 14 with its last caution alone under its title."""
    program = api.program_from_options(ws, patient="Pat Example", layout="standard",
                                       exercises=[e.id for e in ws.library.exercises],
                                       date="2026-11-23", language=["es", "en"])
    built = api.build_handout(program, ws)
    assert not unheaded_cautions(built.pdf), unheaded_cautions(built.pdf)
    pages = page_texts(built.pdf)
    at = next(i for i, page in enumerate(pages) if "Tenga cuidado (continuación)" in page)
    lines = [line.strip() for line in pages[at].split("\n")]
    start = lines.index("Tenga cuidado (continuación)")
    assert lines[start + 1] == "Be careful (continued)" and lines[start + 2].startswith("!")


LOG_HEADINGS = ("Your exercise log", "Su registro de ejercicios")
LOG_HEADS = ("Día / Day", "Day / Día")


@pytest.mark.parametrize("paper", ["Letter", "A4"])
@pytest.mark.parametrize("languages", [["es", "en"], ["en", "es"]])
def test_the_log_of_every_exercise_starts_where_the_cards_end(ws, languages, paper):
    """The log of every exercise in two languages is taller than a page: it started on the
    page the last card left only where a third of a page of its table fitted there, so the
    Be careful label's two lines left that page half empty and made the handout 17 pages.
    Where its heading, its column heads and two rows fit, it starts there; and on no page
    are its column heads printed twice (the piece cut for that page, measured without the
    space around the heading, did not fit, and split again: a head and one row alone)."""
    workspace = ws if paper == "Letter" else dataclasses.replace(
        ws, clinic=ws.clinic.model_copy(update={"page_size": "A4"}))
    program = api.program_from_options(workspace, patient="Pat Example", layout="standard",
                                       exercises=[e.id for e in ws.library.exercises],
                                       date="2026-11-23", language=languages)
    pages = page_texts(api.build_handout(program, workspace).pdf)
    at = next(i for i, page in enumerate(pages) if any(h in page for h in LOG_HEADINGS))
    first_line = pages[at].strip().split("\n")[0]
    assert not first_line.startswith(LOG_HEADINGS), f"the log opens page {at + 1} of {len(pages)}"
    twice = [i + 1 for i, page in enumerate(pages) if sum(page.count(h) for h in LOG_HEADS) > 1]
    assert not twice, f"pages {twice} show the log's column heads twice"
