"""Large print in Spanish, read back from the PDFs: page 1 says whose handout it is, when it
was given and by whom (Jane's had no name on it: the safety box, its warnings wrapped a word
or three to a line in its two columns, left the facts no room above it; Walter's, María's
and Rosa's lost the date and the therapist to page 2), and an exercise that missed its page
by a line or three is set snug to fit it whole, its type the size it was (four of Jane's
five left their cautions and a tip alone on a page 70 to 90 % empty)."""

from __future__ import annotations

import re

import pytest

import handouts as api
from handouts.render.theme import theme_for

from conftest import EXAMPLES, page_texts, page_visits
from page_fill_reading import fill, lines

# (program, languages): every example whose page 1 lost a fact in Spanish, and Jane in two
# languages, where the box runs on already
CASES = [("jane-doe", ("es",)), ("walter-ng-large-print", ("es",)),
         ("maria-lopez-compact", ("es",)), ("rosa-diaz-bilingual", ("es",)),
         ("jane-doe", ("es", "en"))]


@pytest.fixture(scope="module")
def built(ws):
    cache = {}

    def get(name, languages):
        if (name, languages) not in cache:
            program = api.load_program(EXAMPLES / f"{name}.yaml", ws).model_copy(
                update={"layout": "large_print", "language": languages})
            result = api.build_handout(program, ws)
            cache[name, languages] = result.pdf, result.handout
        return cache[name, languages]
    return get


def flat(value: str) -> str:
    return " ".join(value.split())


@pytest.mark.parametrize("name, languages", CASES, ids=[f"{n}-{'+'.join(g)}" for n, g in CASES])
def test_page_one_says_whose_handout_it_is_when_and_by_whom(built, name, languages):
    pdf, handout = built(name, languages)
    first = flat(page_texts(pdf)[0])
    label = "Para / For" if len(languages) > 1 else "Para"
    assert f"{label}: {handout.patient_name}" in first, first
    assert re.search(r"Fecha( / Date)?: \d+ de \w+ de 20\d\d", first), first
    if handout.therapist:
        assert f": {handout.therapist}" in first, first
    # the box is still on page 1, the call to 911 in it, under the facts; the clinic's phone
    assert first.index(handout.patient_name) < first.index("Deténgase y llámenos si")
    assert "Llame al 911" in first
    assert handout.clinic.phone in first


def _continued_exercise_pages(pdf: bytes, handout) -> list[int]:
    """The pages (from 0) that an exercise goes on to, under its title and (continuación)."""
    titles = [f"{e.number}. {flat(str(e.title).split(chr(10))[0])}" for e in handout.exercises]
    return [i for i, t in enumerate(page_texts(pdf))
            if any(flat(t).startswith(f"{title} (continuación)") for title in titles)]


def test_janes_exercises_each_fit_their_page_in_spanish(built):
    """Each of Jane's five exercises missed its page by 8 to 45 pt; set snug, each fits."""
    pdf, handout = built("jane-doe", ("es",))
    assert _continued_exercise_pages(pdf, handout) == []
    texts = [flat(t) for t in page_texts(pdf)]
    for e in handout.exercises:
        title = f"{e.number}. {flat(str(e.title))}"
        assert sum(t.startswith(title) for t in texts) == 1, e.id


@pytest.mark.parametrize("name", ["jane-doe", "walter-ng-large-print", "maria-lopez-compact",
                                  "rosa-diaz-bilingual"])
def test_no_exercise_leaves_a_short_tail_on_a_page_of_its_own(built, name):
    """Where an exercise still runs on (the psoas release with a tool), what goes on fills
    more than a few lines of its page: a tail of a caution and a tip or two (under a quarter
    to a third of the page) is what being set snug takes back onto the exercise's page."""
    pdf, handout = built(name, ("es",))
    pages = lines(pdf, "large_print", "Letter")
    for i in _continued_exercise_pages(pdf, handout):
        if i < len(pages) - 1:  # the last page may hold anything
            assert fill(pages[i], "large_print", "Letter") >= 0.4, (name, i + 1)


def test_an_exercise_set_snug_keeps_its_type_the_size_it_was(built):
    """Snug takes space between the sections, never size from the type: every word on
    Jane's exercise pages in Spanish is 18 pt or larger, as in English."""
    pdf, handout = built("jane-doe", ("es",))
    texts = page_texts(pdf)
    starts = [next(i for i, t in enumerate(texts) if flat(t).startswith(f"{e.number}. "))
              for e in handout.exercises]
    theme = theme_for("large_print", "Letter")
    foot = theme.margin + theme.footer_height  # the footer under it is 14 pt
    for i in starts:
        sizes = {round(size * abs(tm[3]) * abs(cm[3]), 1)
                 for text, cm, tm, _, size in page_visits(pdf)[i]
                 if text.strip() and tm[4] * cm[1] + tm[5] * cm[3] + cm[5] > foot - 1}
        assert min(sizes) >= theme.body_size == 18, (i + 1, sorted(sizes))


@pytest.mark.parametrize("name, languages", CASES, ids=[f"{n}-{'+'.join(g)}" for n, g in CASES])
def test_the_therapists_name_is_not_broken_across_lines(built, name, languages):
    """The date's line, too long for the page with the therapist on it, broke inside the
    therapist's name: "Terapeuta: Dave Candy, PT," and then "DPT" alone on the next line.
    A short name now goes whole to the next line, its label with it."""
    pdf, handout = built(name, languages)
    if not handout.therapist:
        pytest.skip("no therapist")
    lines_one = [flat(line) for line in page_texts(pdf)[0].splitlines()]
    assert any(line.endswith(f": {handout.therapist}") for line in lines_one), lines_one


def test_a_picture_is_not_shrunk_to_a_strip_where_setting_the_page_snug_keeps_it_large(built):
    """Jane's child's pose in Spanish fitted its page only with its two frames side by side
    in a row under an inch tall (its picture words at 12 pt took the room the frames one
    above the other needed). Set snug, the page holds the frames one above the other, each
    about four times the size."""
    from conftest import forms_placed, reader
    from test_large_print_pictures import exercise_pages

    pdf, handout = built("jane-doe", ("es",))
    [at] = exercise_pages(pdf, handout)["child_pose"]
    placed = forms_placed(reader(pdf).pages[at])
    printed = max(abs(m[3]) * (box[3] - box[1]) for m, box in placed)
    assert printed >= 2 * 72, printed  # two inches: it printed 0.77
