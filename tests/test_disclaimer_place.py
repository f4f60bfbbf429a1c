"""With no education, the disclaimer ("Please note" and the clinic's text) joins the log, the
last exercise or (large print, where neither has room) the summary: never a page of its
own, read back from the PDFs."""

from __future__ import annotations

import re

import pytest

from handouts import build as api

from conftest import EXAMPLES, font_sizes, page_texts

HEAD = {"en": "Please note", "es": "Tenga en cuenta"}


def disclaimer_page(pdf: bytes, language: str) -> tuple[int, str, int]:
    """(index, text without the footer, pages) of the page the disclaimer is on."""
    pages = [" ".join(t.split()) for t in page_texts(pdf)]
    [index] = [i for i, t in enumerate(pages) if HEAD[language] in t]
    body = re.split(r"(Página|Page) \d+ (de|of) \d+", pages[index])[0]
    return index, body, len(pages)


def without_education(path: str, ws, **changes):
    program = api.load_program(EXAMPLES / path, ws)
    return program.model_copy(update={"education": (), **changes})


def assert_not_alone(body: str, language: str) -> None:
    before, after = body.split(HEAD[language], 1)
    # the footer's patient and clinic lines come first in the text; an exercise's words, the
    # summary or the log must be on the page too
    shared = re.search(r"\b\d{1,2}\. [A-ZÁÉÍÓÚ]|Steps|Pasos|exercise log|registro|at a glance",
                       before + after)
    assert shared, f"the disclaimer is alone on its page: {body[:200]}"


def test_large_print_in_two_languages_puts_it_under_the_last_exercise(ws):
    """Rosa's program: 154 pt were left under the last exercise, the disclaimer set under its
    label took 191, and log and disclaimer were more than a page: it took page 11 of 12 (10
    of 11 since the summary takes a split of its columns that saves exactly one line)."""
    program = without_education("rosa-diaz-bilingual.yaml", ws, layout="large_print")
    pdf = api.build_handout(program, ws).pdf
    index, body, pages = disclaimer_page(pdf, "es")
    assert_not_alone(body, "es")
    assert "3. Postura del niño" in body and pages == 10
    assert "Tenga en cuenta: Su terapeuta" in body and "Please note: Your therapist made this program" in body
    # run into its text, it is still large print
    sizes = [size for size, _, text in font_sizes(pdf) if "Please note" in text]
    assert sizes and min(sizes) >= 18


def test_large_print_puts_it_under_the_summary_where_the_end_has_no_room(ws):
    """María's six exercises: the last fills its page, and the log and the disclaimer are
    more than a page; the summary's page has room for it."""
    program = without_education("maria-lopez-compact.yaml", ws, layout="large_print",
                                language=("en",))
    pdf = api.build_handout(program, ws).pdf
    index, body, pages = disclaimer_page(pdf, "en")
    assert "Your program at a glance" in body and pages == 10
    assert_not_alone(body, "en")
    # and it is not printed twice
    assert sum(t.count("Please note") for t in page_texts(pdf)) == 1


@pytest.mark.parametrize("layout, count, paper", [
    ("standard", 7, "Letter"),      # the log and the disclaimer a little more than a page
    ("large_print", 7, "Letter"),   # a log that runs on: the disclaimer under its end
])
def test_two_languages_never_leave_it_alone(ws, layout, count, paper):
    every = [e.id for e in ws.library.exercises][:count]
    program = api.program_from_options(ws, patient="Ada Example", exercises=every,
                                       layout=layout, language="es,en", date="2026-11-23")
    pdf = api.build_handout(program, ws).pdf
    _, body, _ = disclaimer_page(pdf, "es")
    assert_not_alone(body, "es")


@pytest.mark.parametrize("count, language, paper", [
    (7, "en", "Letter"),    # 9 pt under the last exercise, 58 under the summary: page 10 of 11
    (2, "es,en", "Letter"),
    # (2, "es,en", "A4") was one: since the Spanish disclaimer says "Si algo no va bien" its
    # last exercise's page has room for it, as the first test has it
    (6, "es", "A4"),
])
def test_large_print_puts_it_under_an_exercise_where_the_summary_has_no_room(
        ws, count, language, paper):
    """Neither the log's page nor the last exercise's nor the summary's had room for it, and
    it took a page of its own; the pages of the exercises before the last had room (each
    exercise ends its page): it goes under the last of those."""
    import dataclasses

    ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": paper}))
    every = [e.id for e in ws.library.exercises][:count]
    program = api.program_from_options(ws, patient="Ada Example", exercises=every,
                                       layout="large_print", language=language,
                                       date="2026-11-23")
    built = api.build_handout(program, ws)
    lead = language.split(",")[0]
    index, body, pages = disclaimer_page(built.pdf, lead)
    assert_not_alone(body, lead)
    titles = [f"{e.number}. {e.title if isinstance(e.title, str) else e.title.parts[0]}"
              for e in built.handout.exercises]
    assert any(title in body for title in titles[:-1]), body[:200]
    assert sum(t.count(HEAD[lead]) for t in page_texts(built.pdf)) == 1
