"""Compact, the paper saver: a handout of one exercise and no education ends on page 1, its
log and the disclaimer set a little tighter (less space around the log, the disclaimer's
label run into its text) where that is what keeps them there. It took two pages, the
second holding only the log and the disclaimer (37 pt short on Letter). Read back from the
PDF: pages, where the log and the disclaimer land, and the size of every word."""

from __future__ import annotations

import dataclasses

import pytest

from handouts import build as api
from handouts.render.theme import theme_for

from conftest import page_visits, reader


def baselines(pdf: bytes, page: int = 0, sizes: list | None = None) -> list[tuple[float, str]]:
    """(baseline, from the page's top; text) of every run of text on ``page``; ``sizes``
    gets (baseline, size) of each."""
    found = []
    height = float(reader(pdf).pages[page].mediabox.height)
    for text, cm, tm, _, size in page_visits(pdf)[page]:
        if text.strip():
            y = height - (tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
            found.append((y, text.strip()))
            if sizes is not None:
                sizes.append((y, round(size * (abs(tm[3] * cm[3]) or 1), 1)))
    return found


def top_of(runs: list[tuple[float, str]], words: str) -> float:
    return min(y for y, said in runs if words in said)


def one_exercise(ws, exercise: str = "child_pose", paper: str = "Letter", **options) -> bytes:
    ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": paper}))
    program = api.program_from_options(ws, patient="Ada Example", exercises=[exercise],
                                       layout="compact", date="2026-11-23", **options)
    return api.build_handout(program, ws).pdf


@pytest.mark.parametrize("exercise, language, paper", [
    ("child_pose", "en", "Letter"),
    ("diaphragmatic_breathing", "en", "Letter"),
    ("child_pose", "es", "A4"),
])
def test_one_exercise_fits_on_one_page(ws, exercise, language, paper):
    pdf = one_exercise(ws, exercise, paper, language=language)
    assert len(reader(pdf).pages) == 1
    sizes: list = []
    runs = baselines(pdf, sizes=sizes)
    heading = {"en": "Your exercise log", "es": "Su registro de ejercicios"}[language]
    note = {"en": "Please note", "es": "Tenga en cuenta"}[language]
    box = {"en": "Stop and call us", "es": "Deténgase y llámenos"}[language]
    # the card, then the log, then the disclaimer, all above page 1's safety box
    assert top_of(runs, "1.") < top_of(runs, heading) < top_of(runs, note) < top_of(runs, box)
    # nothing above the footer under compact's 11 pt
    theme = theme_for("compact", paper)
    foot = theme.page_size[1] - theme.margin - theme.footer_height
    assert min(size for y, size in sizes if y < foot) >= 11


def test_the_pain_row_still_has_room_to_write_in(ws):
    """The tighter log's pain row: at least 9 mm (25 pt) from its text's baseline to the
    disclaimer under it, where the day's number is written."""
    runs = baselines(one_exercise(ws))
    pain, note = top_of(runs, "Pain (0"), top_of(runs, "Please note")
    assert note - pain >= 25


def test_where_a_page_has_room_the_log_and_disclaimer_are_as_before(ws):
    """Three exercises: the log and the disclaimer have their page; the label keeps a line
    of its own."""
    every = [e.id for e in ws.library.exercises]
    program = api.program_from_options(ws, patient="Ada Example", exercises=every[:3],
                                       layout="compact", date="2026-11-23")
    pdf = api.build_handout(program, ws).pdf
    last = [said for _, said in baselines(pdf, len(reader(pdf).pages) - 1)]
    assert "Please note" in last and not any("Please note:" in said for said in last)


def test_standard_is_not_set_tighter(ws):
    """Standard (and large print) keep their log and their "Please note" line."""
    program = api.program_from_options(ws, patient="Ada Example", exercises=["child_pose"],
                                       layout="standard", date="2026-11-23")
    pdf = api.build_handout(program, ws).pdf
    said = [s for page in range(len(reader(pdf).pages)) for _, s in baselines(pdf, page)]
    assert "Please note" in said and not any("Please note:" in s for s in said)
