"""A balance and falls clinic for older adults (tests/clinics/balance: made-up Steady Steps
Physical Therapy, US Letter, en-US, large print, a Spanish translation), written from the
README and docs/library.md alone: standing exercises at a counter or chair, a walk, sit to
stand, heel raises and head turns with the eyes on a card, weekly stages, and a safety box
for the signs of a stroke. Its handouts are read back page by page: the call to 911 on page
1, each exercise starting a page with its warnings there, in English and in Spanish."""

from __future__ import annotations

import pytest

from clinic_copy import copied, example, run
from conftest import page_texts

COUNTER = "Always keep a sturdy counter or chair within reach."
NOTE = "Note from your therapist\nDo these at the kitchen counter. Keep a chair behind you.\n"
ENGLISH = ["Stand with your feet together", "Stand with one foot in front",
           "Heel-to-toe walking", "Stand up from a chair", "Heel raises",
           "Head turns while you look at a card"]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "balance", "steady-steps")


def built(home, name: str) -> tuple[list[str], str]:
    pdf, result = example(home, name)
    return page_texts(pdf), result.stderr


def test_the_clinic_checks_clean(home):
    result = run(home, "check", "--language", "es",
                 *(str(p) for p in sorted((home / "examples").glob("*.yaml"))))
    assert result.exit_code == 0, result.output
    # what is left in English is the exercises no Spanish program uses, and nothing else
    warned = [line for line in result.stderr.splitlines() if not line.startswith(
        ("untranslated:", "OK:")) and "untranslated texts for es" not in line]
    assert warned == [], warned


def test_the_large_print_handout_calls_911_on_page_1_and_each_exercise_starts_a_page(home):
    pages, said = built(home, "ruth-alvarado")
    assert said == ""
    assert "Call 911 right away if you have sudden dizziness with a drooping face, a weak arm," \
           in " ".join(pages[0].split())
    for number, title in enumerate(ENGLISH, start=1):
        # the first under the therapist's note, which it shares a page with, set snug
        starts = [i for i, page in enumerate(pages) if page.lstrip().removeprefix(
            NOTE if number == 1 else "").lstrip().startswith(
            f"{number}. {title}") and "(continued)" not in page.split("\n", 1)[0]]
        assert len(starts) == 1, (title, starts)
        card = pages[starts[0]]
        # the safety words are on the card's own page, under its steps
        if number in (1, 2, 3, 5):
            assert COUNTER in card, title
        assert "Stop and sit down if you feel faint." in card or number == 6, title
    # the weekly stages and the four-week log
    text = " ".join(" ".join(pages).split())
    assert "Week 2 Hold 20 seconds · Repeat 3 times" in text
    assert "Hold 10 seconds · Repeat 3 times · How hard: eyes closed" in text
    assert "Your exercise log: 4 weeks" in text
    assert "These can be signs of a stroke." in text


def test_the_spanish_handout_is_in_spanish_from_the_safety_box_to_the_cards(home):
    pages, said = built(home, "walter-pimsleur-es")
    assert said == ""
    assert "Llame al 911 de inmediato si se marea de repente" in " ".join(pages[0].split())
    card = next(p for p in pages if p.lstrip().startswith("1. Párese con los pies juntos"))
    assert "Tenga siempre cerca una encimera o una silla firme." in card
    text = " ".join(" ".join(pages).split())
    assert "Esfuerzo: ojos cerrados" in text and "eyes" not in text
    assert "Pueden ser signos de un derrame cerebral." in text


def test_the_education_stays_together_before_the_log_the_stroke_warning_not_put_last(home):
    # the log of four weeks has no room on the last exercise's page, so the first topic
    # fills that page; the second, a call-911 warning, once waited behind the whole log,
    # printed last
    pages, _ = built(home, "ruth-alvarado")
    falls = next(i for i, p in enumerate(pages) if "Prevent falls at home" in p)
    stroke = next(i for i, p in enumerate(pages) if "When dizziness is a warning sign" in p)
    log = next(i for i, p in enumerate(pages) if "Your exercise log: 4 weeks" in p)
    assert falls <= stroke < log, (falls, stroke, log)
    # no page more for it; the therapist's note ("Keep a chair behind you"), read before
    # the exercises now, took a page of its own after the summary's: the first exercise,
    # which a page holds whole, was not cut in two under it; set snug, it fits whole under
    # the note, a page less
    assert len(pages) == 15
