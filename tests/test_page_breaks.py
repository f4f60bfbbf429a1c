"""Blocks that a page break must not part, read back from the PDFs: a list's items, the
therapist's note under its heading, the summary's table under the words that say to put it
on the fridge, large print's first exercise under the summary's last lines. (Split from
test_page_fill, whose programs are built once for its module; these build their own.)"""

from __future__ import annotations

import pytest

from handouts import build as api
from handouts.words import text

from conftest import EXAMPLES, flat_texts, page_texts
from page_fill_reading import text_of, underfull
from test_page_fill import LAYOUTS


def test_the_bilingual_demo_has_no_half_empty_page(ws):
    """The summary runs onto page 2, and the first card's picture and dose column in two
    languages is taller than what it leaves: the card starts there, set tighter, and goes on
    on page 3."""
    program = api.load_program(EXAMPLES / "rosa-diaz-bilingual.yaml", ws)
    built = api.build_handout(program, ws)
    fills, emptier = underfull(built.pdf, built.handout, program.layout or "standard", "Letter",
                               next_block_excuses=False)
    assert not emptier, f"pages {emptier} of {len(fills)} are less full than that: {fills}"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_notes_heading_never_ends_a_page_without_its_note(ws, layout):
    """The therapist's note is a box that moves to the next page whole where it does not fit
    (only one taller than a page splits): "Note from your therapist" is never left at the
    foot of a page with the note on the next. Programs of 1 to every exercise put the note
    at every height on its page."""
    ids = [e.id for e in ws.library.exercises]
    note = "NOTE-STARTS " + " ".join(["Walk a little every day and rest when you need to."] * 6)
    for count in range(1, len(ids) + 1):
        program = api.program_from_options(ws, patient="Ada Example", exercises=ids[:count],
                                           layout=layout, note=note)
        pages = flat_texts(api.build_handout(program, ws).pdf)
        first = next(i for i, text in enumerate(pages) if "Note from your therapist" in text)
        assert "NOTE-STARTS" in pages[first], (count, first)


def test_large_print_s_first_exercise_follows_the_summary_s_last_lines(ws):
    """In two languages the large-print summary can run on by a line or two; that page is
    not left holding them alone: the first exercise starts under them (the others each
    start a page of their own)."""
    program = api.load_program(EXAMPLES / "walter-ng-large-print.yaml", ws).model_copy(
        update={"language": ("es", "en")})
    handout = api.build_handout(program, ws)
    pages = flat_texts(handout.pdf)
    minutes = [i for i, t in enumerate(pages) if "Hacer todos sus ejercicios una vez toma" in t]
    first = handout.handout.exercises[0]
    assert len(minutes) == 1 and f"1. {text_of(first.title)}" in pages[minutes[0]]


@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_a_list_never_leaves_one_item_alone_at_a_page_break(library_copy, layout):
    """A topic's bullets, under a heading of their own, cross the page break at every place
    the text before them can put it (one more short paragraph each time): no page holds just
    one of them, and no heading ends a page without what it heads, where the log floats over
    the education (filling the page first) as elsewhere. A list of 12: a short one (a
    quarter of a page at most, as 6 of these in the standard layout) keeps whole."""
    items = [f"Point {letter} stays with its list." for letter in "ABCDEFGHIJKL"]

    def topic(filler: int):
        def edit(data):
            data["education"] = [t for t in data["education"] if t["id"] != "list_test"]
            data["education"].append({"id": "list_test", "title": "A list", "body": [
                *["Walk each day."] * filler, {"heading": "Points to keep"}, {"bullets": items}]})
        return edit

    seen_split = 0
    for filler in range(0, 44, 1 if layout == "standard" else 2):
        ws = library_copy("exercises.yaml", topic(filler))
        for exercises in (["child_pose", "kneeling_rock_back"], ["child_pose"]):
            program = api.program_from_options(ws, patient="Ada Example", exercises=exercises,
                                               education=["list_test"], layout=layout)
            pages = flat_texts(api.build_handout(program, ws).pdf)
            on_page = [sum(item in page for item in items) for page in pages]
            assert 1 not in on_page, (filler, exercises, on_page)
            assert sum(on_page) == len(items), (filler, exercises, on_page)
            seen_split += sum(1 for n in on_page if n) > 1
            for heading, headed in (("Learn about your condition", "A list"),
                                    ("Points to keep", items[0])):
                page = next(p for p in pages if heading in p)
                assert headed in page, (filler, exercises, heading)
    assert seen_split  # the break did fall inside the list


FRIDGE = {"en": "Put this page on your fridge", "es": "Ponga esta página en su refrigerador"}
GLANCE = {"en": " at a glance", "es": " de un vistazo"}  # the heading, in any English


DUBLIN = EXAMPLES / "dublin-shoulder"


@pytest.mark.parametrize("home, program", [
    *((None, p) for p in sorted(EXAMPLES.glob("*.yaml"))),
    *((DUBLIN, p) for p in sorted((DUBLIN / "examples").glob("*.yaml")))],
    ids=lambda value: value.stem if value else "")
def test_the_page_that_says_put_it_on_the_fridge_holds_most_of_the_summary(ws, home, program):
    """Its heading and those words never end page 1 with the table on page 2 (large print
    at the Dublin clinic did): the page they are on holds the first row and at least half
    of the rows. The words are said on page 1 alone: a summary that starts page 2 has its
    heading without them."""
    clinic = api.open_workspace(home=home) if home else ws
    built = api.build_handout(api.load_program(program, clinic), clinic)
    if built.handout.layout == "compact":
        return  # compact has no summary table: its cards start on page 1
    pages = [" ".join(t.split()) for t in page_texts(built.pdf)]
    said = GLANCE[built.handout.languages[0]]
    [here] = [i for i, page in enumerate(pages) if said in page]
    fridge = [i for i, page in enumerate(pages) if FRIDGE[built.handout.languages[0]] in page]
    assert fridge == ([0] if here == 0 else []), (program.name, here)
    rows = [f"{e.number}. {text.parts(e.title)[0]}" for e in built.handout.exercises]
    shown = [r for r in rows if r in pages[here].split(said, 1)[1]]
    assert rows[0] in shown, (program.name, here)
    assert len(shown) >= len(rows) / 2, (program.name, shown)
