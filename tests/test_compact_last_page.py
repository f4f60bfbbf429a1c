"""Compact, the paper saver, with education: its last block was kept with the disclaimer, and
where the two did not fit the page the education ended on, both moved on, so the last page
held a line or two and the disclaimer (130 of 648 compact builds had a last page under a
fifth full). Now the end is laid out each way it may be set (the disclaimer at the end, run
into its label, with the log set tighter, or under the exercises), and the way that takes
the fewest pages is used; where none saves a page, the last page holds more than one line
of the last topic. Read back from the PDF: pages, and what is on the last one."""

from __future__ import annotations

import dataclasses

import pytest

from handouts import build as api
from handouts.render import last_page, layout

from conftest import ROOT, page_texts

DUBLIN = ROOT / "examples" / "dublin-shoulder"


def pdf_of(ws, exercises: list[str], education: list[str], paper: str | None = None,
           language: str | None = None) -> bytes:
    if paper:
        ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": paper}))
    program = api.program_from_options(ws, patient="Ada Example", exercises=exercises,
                                       education=education, language=language,
                                       layout="compact", date="2026-11-23")
    return api.build_handout(program, ws).pdf


def built(*args, **kwargs) -> list[str]:
    return page_texts(pdf_of(*args, **kwargs))


def test_dublin_shoulder_saves_its_last_page():
    """Every Dublin exercise with both topics on A4 took 4 pages, the 4th holding the last
    line and the disclaimer: the disclaimer (run into its label where that is what it takes;
    since page 1 holds the head of the card it starts, it is not) now ends page 3."""
    dublin = api.open_workspace(home=DUBLIN)
    # the table slide every 2 hours, a line to mark in the log, as its every hour was when
    # this was measured: every hour now has a box for each part of the day (one strip a
    # day, test_log_parts_row), said under its name in three lines and over the log in two
    # more sentences, 45 pt more log than the page had room for (the handout is then 4
    # pages, the last a topic's 3 lines and the disclaimer)
    exercises = [{"id": e.id, "dose": {"frequency": "every 2 hours while awake"}}
                 if e.id == "table_slide" else e.id for e in dublin.library.exercises]
    program = api.program_from_data({
        "patient": {"name": "Ada Example"}, "date": "2026-11-23", "layout": "compact",
        "exercises": exercises, "education": ["after_shoulder_surgery", "sleeping"]},
        dublin, source="test")
    pages = page_texts(api.build_handout(program, dublin).pdf)
    assert len(pages) == 3
    last = pages[-1]
    assert last.index("Sleeping well") < last.index("Put a pillow") < last.index("Please note")
    assert "It does not replace medical care" in last


@pytest.mark.parametrize("count, education, paper, language, pages", [
    (10, ["pain_is_real", "posture", "why_pain_lingers"], "Letter", "en", 5),  # log tighter
    (5, ["posture", "why_pain_lingers", "hypermobility"], "A4", "es,en", 6),  # under the cards
    (6, ["why_pain_lingers"], "A4", "es", 3),
])
def test_a_page_is_saved(ws, count, education, paper, language, pages):
    """Each took a page more, holding a line or two and the disclaimer; each disclaimer is
    printed once, in every language of the handout."""
    texts = built(ws, [e.id for e in ws.library.exercises][:count], education, paper,
                  language)
    assert len(texts) == pages
    whole = "\n".join(texts)
    assert whole.count("No reemplaza la atención médica") == (language != "en")
    assert whole.count("It does not replace medical care") == (language != "es")


def test_where_no_page_is_saved_the_last_page_holds_more_than_a_line(ws):
    """Two exercises, two topics, Letter: 21 pt are left under the second card, where the
    disclaimer run in needs 34, and page 2 has no room for the last line and the
    disclaimer run in, even with the log set tighter; so 3 pages, but page 3 now starts
    with the list before the last line, not with the last line alone."""
    pages = built(ws, ["child_pose", "kneeling_rock_back"], ["pain_is_real", "posture"])
    assert len(pages) == 3
    last = pages[-1]
    assert last.index("Change positions often.") < last.index("your next posture") \
        < last.index("Please note")


@pytest.mark.parametrize("count, education, paper, pages, made", [
    (8, ["hypermobility", "posture"], "Letter", 4, 1),  # the first way, its last page well used
    (10, ["pain_is_real", "posture", "why_pain_lingers"], "Letter", 5, None),  # log tighter
])
def test_the_end_is_placed_as_its_trial_laid_it_out(ws, monkeypatch, count, education, paper,
                                                    pages, made):
    """The way chosen was laid out on trial pages, then made and laid out anew for the
    handout (a compact handout with education took a third longer to build); now the handout
    places what the trial laid out, each page ended where the trial's was. The first way,
    kept by most, has its education made once, not three times. Byte for byte what laying
    it out anew gives."""
    ids = [e.id for e in ws.library.exercises][:count]
    making = layout.education
    calls: list[int] = []
    monkeypatch.setattr(layout, "education", lambda ctx: calls.append(1) or making(ctx))
    placed = pdf_of(ws, ids, education, paper)
    if made:
        assert len(calls) == made
    texts = page_texts(placed)
    assert len(texts) == pages
    assert "\n".join(texts).count("It does not replace medical care") == 1
    monkeypatch.setattr(last_page.Trial, "placed", lambda self: None)  # made and laid out anew
    assert pdf_of(ws, ids, education, paper) == placed


def test_a_trial_writes_no_pdf(ws, monkeypatch):
    """A trial's document only counts its pages: it tells reportlab not to write the PDF out
    at the end of ``build`` by its private ``_doSave``, and its canvas keeps no pages. Were
    reportlab to stop reading that name, every compact handout with education would write
    its trial's PDF for nothing; this says so."""
    saved: list[int] = []
    monkeypatch.setattr(last_page._Pages, "save", lambda self: saved.append(1), raising=False)
    tried = []
    lay_out = last_page.lay_out
    monkeypatch.setattr(last_page, "lay_out", lambda *a, **k: tried.append(1) or lay_out(*a, **k))
    pages = built(ws, [e.id for e in ws.library.exercises][:10],
                  ["pain_is_real", "posture", "why_pain_lingers"], "Letter")
    assert len(pages) == 5 and len(tried) > 1  # several ways were tried
    assert saved == []
