"""Every page well used, read back from the PDFs: across every layout, language and paper size,
for the demo program and a program of every exercise in the library.

A page's fill is how far down its frame the lowest line of text sits (the footer aside).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re

import pytest

from handouts import build as api
from handouts.render.theme import theme_for

from conftest import EXAMPLES, font_sizes, forms_placed, page_texts, page_visits, reader
from page_fill_reading import lines, text_of, underfull

LAYOUTS = ("standard", "compact", "large_print")
# one language and two: Spanish alone takes the one-language path English does (its words,
# labels and hyphenation are read in two languages too), and built a third of the module's
# 36 handouts (test_large_print_pictures_are_never_smaller_than_a_standard_cards still
# builds it in large print, where its longer words shrink the pictures most)
LANGUAGES = (("en",), ("es", "en"))
PAPER = ("Letter", "A4")
SAFETY = {"en": "Stop and call us if", "es": "Deténgase y llámenos si"}
CONTINUED_WORD = {"en": "continued", "es": "continuación"}
CALL_911 = {"en": "Call 911 right away", "es": "Llame al 911 de inmediato"}


@pytest.fixture(scope="module")
def workspaces(ws):
    return {"Letter": ws,
            "A4": dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": "A4"}))}


@pytest.fixture(scope="module")
def programs(ws):
    every = api.program_from_options(ws, patient="Ada Example",
                                     exercises=[e.id for e in ws.library.exercises])
    return {"demo": api.load_program(EXAMPLES / "jane-doe.yaml", ws), "all": every}


@pytest.fixture(scope="module")
def built(workspaces, programs):
    """(program, layout, languages, paper) -> (pdf bytes, handout), each built once."""
    cache = {}

    def get(which, layout, languages, paper):
        key = (which, layout, languages, paper)
        if key not in cache:
            program = programs[which].model_copy(update={"layout": layout,
                                                          "language": languages})
            result = api.build_handout(program, workspaces[paper])
            cache[key] = (result.pdf, result.handout)
        return cache[key]
    return get


MATRIX = list(itertools.product(("demo", "all"), LAYOUTS, LANGUAGES, PAPER))


def name(case) -> str:
    which, layout, languages, paper = case
    return f"{which}-{layout}-{'+'.join(languages)}-{paper}"


# where no page other than the last is left emptier, whatever heads the next page (a long
# card starts where it is and continues on the next page, under its title again)
# (not every exercise in large print on A4: there page 2, under the safety box's last
# lines, has no room for the summary's table to start under its heading, and the heading
# is not left there without it)
# (not the demo in large print: its education now ends ahead of the log, not cut by it, on
# a page 60% full where the log, taller than a page, has no room for its head and two rows)
STRICT = [(which, layout, ("es", "en"), paper) for paper in PAPER
          for which, layout in (("demo", "standard"), ("all", "large_print"))
          if (which, paper) != ("all", "A4")] + [
    # the log, taller than a page, starts on the page the last card leaves (KeepTogether)
    ("all", "standard", ("es", "en"), "A4")]
FILL_CASES = [(case, True) for case in MATRIX] + [(case, False) for case in STRICT]


@pytest.mark.parametrize("case, excused", FILL_CASES, ids=[
    name(c) + ("" if excused else "-whatever-comes-next") for c, excused in FILL_CASES])
def test_no_page_but_the_last_is_less_than_two_thirds_full(built, case, excused):
    """With ``excused``, a page may be emptier where what heads the next page is a block
    kept whole that could not have fitted."""
    which, layout, languages, paper = case
    pdf, handout = built(*case)
    fills, emptier = underfull(pdf, handout, layout, paper, next_block_excuses=excused)
    assert not emptier, f"pages {emptier} of {len(fills)} are less full than that: {fills}"



# at 18 pt in two languages the box is taller than what page 1 leaves under its head (687
# pt of 635 on Letter): it starts there, 911 first, and ends at the top of page 2
BOX_RUNS_ON = {("large_print", 2)}


@pytest.mark.parametrize("case", MATRIX, ids=[name(c) for c in MATRIX])
def test_the_safety_box_is_on_page_one(built, case):
    which, layout, languages, paper = case
    pdf, handout = built(*case)
    texts = page_texts(pdf)
    first = texts[0]
    for language in languages:
        assert SAFETY[language] in first
        assert CALL_911[language] in first
    if (layout, len(languages)) in BOX_RUNS_ON:
        assert first.count("314-941-3970") == 2  # header, footer
        second = " ".join(t for _, t in lines(pdf, layout, paper)[1])
        # page 2 opens under the box's heading again, marked continued, never a box anew
        again = [f"{SAFETY[g]}… ({CONTINUED_WORD[g]})" for g in languages]
        assert "314-941-3970" in second and all(a in second for a in again)
        assert not any(SAFETY[g] in second.replace(a, "") for g, a in zip(languages, again))
        # it runs on between warnings, in order, each in both languages on one page, and
        # fills page 1 first: its two columns once moved on whole, leaving page 1 the 911
        # warning and a gap
        said = [" ".join(t.split()) for t in texts[:2]]
        on = []
        for warning in (b for block in handout.safety.body if hasattr(block, "bullets")
                        for b in block.bullets):
            where = {i for part in warning.parts for i, t in enumerate(said)
                     if " ".join(re.sub(r"[*_]", "", part).split()[:5]) in t}
            assert len(where) == 1, (warning, where)
            on.extend(where)
        # (the demo's page 1, with the program's purpose under its title, has room for the
        # 911 warning alone)
        assert on == sorted(on) and on.count(0) >= (2 if which == "all" else 1), on
    else:
        # the box's last line, the phone to call, is there too: the whole box, not its top
        assert first.count("314-941-3970") >= 3  # header, box, footer


@pytest.mark.parametrize("case", MATRIX, ids=[name(c) for c in MATRIX])
def test_nothing_on_page_one_is_drawn_over_its_head(built, case):
    """The box sits below the handout's title, however tall it is: a box kept at the foot
    of a page it does not fit was once drawn up over the title and the clinic's name."""
    which, layout, languages, paper = case
    pdf, handout = built(*case)
    page = lines(pdf, layout, paper)[0]
    heading = max(y for y, t in page if SAFETY[languages[0]].rstrip("…") in t)
    title = min(y for y, t in page if t.endswith(text_of(handout.title)))
    clinic = min(y for y, t in page if "More 4 Life" in t)
    assert heading < title < clinic


def test_the_911_line_is_first_and_bold(built):
    pdf, _ = built("demo", "standard", ("en",), "Letter")
    runs = [(text, str(font.get("/BaseFont")) if font else "")
            for text, _, _, font, _ in page_visits(pdf)[0]]
    joined = "".join(t for t, _ in runs)
    after_heading = joined[joined.index(SAFETY["en"]) + len(SAFETY["en"]):]
    assert after_heading.lstrip("…•\n ").startswith(CALL_911["en"])
    assert any(CALL_911["en"] in t and "Bold" in f for t, f in runs)


def test_the_standard_demo_is_at_most_six_pages(built):
    for paper in PAPER:
        pdf, _ = built("demo", "standard", ("en",), paper)
        assert len(reader(pdf).pages) <= 6


def pages_of(built, layout, languages, paper) -> int:
    return len(reader(built("all", layout, languages, paper)[0]).pages)


@pytest.mark.parametrize("languages", LANGUAGES, ids=["+".join(x) for x in LANGUAGES])
@pytest.mark.parametrize("paper", PAPER)
def test_compact_saves_paper(built, languages, paper):
    standard = pages_of(built, "standard", languages, paper)
    assert pages_of(built, "compact", languages, paper) < standard


@pytest.mark.parametrize("languages", LANGUAGES, ids=["+".join(x) for x in LANGUAGES])
@pytest.mark.parametrize("paper", PAPER)
def test_compact_takes_about_half_the_paper(built, languages, paper):
    """Issue 13: about half, and three or four exercises to a page in one language (two
    in two languages, side by side)."""
    standard = pages_of(built, "standard", languages, paper)
    # (5/8 at most: the standard layout's summary got shorter, not compact longer)
    assert pages_of(built, "compact", languages, paper) <= math.ceil(standard * 5 / 8)
    pdf, handout = built("all", "compact", languages, paper)
    per_page = [sum(f"{e.number}. {text_of(e.title)}" in " ".join(text.split())
                    for e in handout.exercises) for text in page_texts(pdf)]
    assert max(per_page) >= (2 if len(languages) > 1 else 4)


@pytest.mark.parametrize("languages", LANGUAGES, ids=["+".join(x) for x in LANGUAGES])
@pytest.mark.parametrize("paper", PAPER)
def test_large_print_keeps_one_exercise_to_a_page(built, languages, paper):
    """Each exercise starts a page of its own, and none shares its page with another. (The
    longest, in two languages at 18 pt, run on to a second page.)"""
    pdf, handout = built("all", "large_print", languages, paper)
    pages = [" ".join(text.split()) for text in page_texts(pdf)]
    starts, continued = {}, {}
    for e in handout.exercises:
        heading = f"{e.number}. {text_of(e.title)}"
        again = f"{heading} ({CONTINUED_WORD[languages[0]]})"
        starts[e.id] = [i for i, t in enumerate(pages)
                        if t.startswith(heading) and not t.startswith(again)]
        assert len(starts[e.id]) == 1, f"{e.id} does not start a page of its own"
        continued[e.id] = [i for i, t in enumerate(pages) if t.startswith(again)]
    firsts = sorted(s[0] for s in starts.values())
    for this, following in zip(firsts, firsts[1:]):
        assert following > this
    for e in handout.exercises:
        # an exercise that runs on does so on the pages right after its first, each under
        # its title again; and no page holds a part of another
        first = starts[e.id][0]
        assert continued[e.id] == list(range(first + 1, first + 1 + len(continued[e.id])))
        others = [f"{o.number}. {text_of(o.title)}" for o in handout.exercises if o is not e]
        for page in [first, *continued[e.id]]:
            assert not any(o in pages[page] for o in others)
    assert sum(map(len, continued.values())) >= (1 if len(languages) > 1 else 0)
    # and every page of the exercises opens with one's title, or its title "continued": an
    # exercise whose picture, dose and first two steps were more than a page (the SI joint
    # reset in two languages) put its second step atop a page with no title
    titled = {p for found in (*starts.values(), *continued.values()) for p in found}
    for page in range(min(titled), max(titled) + 1):
        assert page in titled, pages[page][:80]


@pytest.mark.parametrize("languages", [("en",), ("es",)])
def test_large_print_pictures_are_never_smaller_than_a_standard_cards(built, languages):
    """Large print shrinks an exercise's picture to fit the exercise on its page, but not
    below a standard card's picture (2.3 of 4.2 inches): it printed some 1.5 inches wide
    (35 %). (In two languages a long dose beside the picture can leave no room for it and
    two steps on a page even at that size: then it gives way further.)"""
    pdf, _ = built("all", "large_print", languages, "Letter")
    t = theme_for("large_print")
    for number, page in enumerate(reader(pdf).pages):
        for matrix, box in forms_placed(page):
            width = math.hypot(matrix[0], matrix[1]) * (box[2] - box[0])
            height = math.hypot(matrix[2], matrix[3]) * (box[3] - box[1])
            if max(width, height) > 80:  # a picture, not the logo (68 pt) or a QR code
                filled = max(width / t.image_width, height / t.image_height)
                assert filled >= 0.54, (number, width, height)


@pytest.mark.parametrize("languages", LANGUAGES, ids=["+".join(x) for x in LANGUAGES])
def test_compact_keeps_every_step_caution_and_tip_at_11_pt_or_more(built, languages):
    """Compact saves paper by its layout, not by leaving out what makes an exercise safe to do
    alone: every step, caution and tip in each of the handout's languages, a dose line and a
    picture on every card, nothing under 11 pt but the footer."""
    pdf, handout = built("all", "compact", languages, "Letter")
    flat = " ".join(" ".join(page_texts(pdf)).split())
    for e in handout.exercises:
        for item in (*e.steps, *e.cautions, *e.tips):
            for said in (item.parts if hasattr(item, "parts") else (item,)):
                assert " ".join(said.split()[:4]) in flat, said
    dose_labels = {"en": "How much:", "es": "Cuánto:"}
    for language in languages:
        assert flat.count(dose_labels[language]) == len(handout.exercises)
    footer = re.compile(r"Page \d+ of|Página \d+ de|Handout |Folleto |Ada Example|More 4 Life")
    assert min(size for size, _, text in font_sizes(pdf) if not footer.search(text)) >= 11
    pictures = set()
    for page in reader(pdf).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        pictures.update(n for n, x in xobjects.items() if x.get_object().get("/Subtype") == "/Form")
    assert len(pictures) >= len({e.image for e in handout.exercises})


@pytest.mark.parametrize("paper", PAPER)
def test_a_long_card_continues_under_its_title_with_its_head_kept_together(built, paper):
    """Every exercise in two languages, standard: a card that does not fit in what is left of
    a page starts there with its picture, dose and first two steps, and goes on at the top of
    the next page under its title and "(continued)" in both languages; the steps go on
    counting, and the cautions are never cut."""
    pdf, handout = built("all", "standard", ("es", "en"), paper)
    pages = [" ".join(text.split()) for text in page_texts(pdf)]
    continued = 0
    for e in handout.exercises:
        es, en = e.title.parts
        again = f"{e.number}. {es} (continuación) {en} (continued)"
        for number, page in enumerate(pages):
            if not page.startswith(again):
                continue
            continued += 1
            title = f"{e.number}. {es} {en}"
            assert title in pages[number - 1]
            head = pages[number - 1][pages[number - 1].index(title):]  # the card's head
            # its dose beside its picture (the picture column is read before the title), or
            # on a line under the title where the head is set tighter: as many doses on that
            # page as cards that start there (after the summary, where that ends there)
            cards = pages[number - 1].split("Sus ejercicios Your exercises")[-1]
            starts = sum(f"{o.number}. {' '.join(o.title.parts)}" in cards
                         for o in handout.exercises)
            assert cards.count("Cuánto How much") + cards.count("Cuánto:") == starts
            for step in e.steps[:2]:
                assert " ".join(step.parts[0].split()[:4]) in head
            rest = page[len(again):]
            later = [f"{o.number}. {o.title.parts[0]}" for o in handout.exercises
                     if o.number > e.number]
            rest = rest[:min([rest.index(t) for t in later if t in rest] or [len(rest)])]
            assert not rest.lstrip().startswith("1. ")  # the steps go on counting
            for caution in e.cautions:  # all of them on one page: the head's or the rest's
                said = " ".join(caution.parts[0].split()[:4])
                assert (said in head) != (said in rest)
    assert continued >= 2


def pictures_drawn(page) -> list[tuple[float, float]]:
    """(drawn width, own width from its /BBox) of every form object placed on the page, read
    from the content stream's q, Q and cm."""
    from conftest import forms_placed

    return [(math.hypot(m[0], m[1]) * (box[2] - box[0]), box[2] - box[0])
            for m, box in forms_placed(page)]


def test_large_print_keeps_a_full_size_picture_where_the_exercise_runs_on_anyway(built):
    """Large print gives an exercise its own page, and shrinks its picture (to 35 % at
    most) to keep it there; where even that is not enough and the exercise goes on to a
    second page, the picture keeps its full size rather than be shrunk for nothing. (In
    English every exercise fits its page, some set snug; in Spanish the psoas release with
    a tool runs on.)"""
    theme = theme_for("large_print", "Letter")
    ran_on = 0
    for pdf, handout in (built("all", "large_print", languages, "Letter")
                         for languages in (("en",), ("es",))):
        ran_on += _full_size_where_run_on(pdf, handout, theme)
    assert ran_on >= 1


def _full_size_where_run_on(pdf: bytes, handout, theme) -> int:
    """How many of ``handout``'s exercises run on; each found printing its picture at 60 %
    of the layout's box or more."""
    pages = reader(pdf).pages
    texts = [" ".join(text.split()) for text in page_texts(pdf)]
    ran_on = 0
    for e in handout.exercises:
        title = f"{e.number}. {text_of(e.title)}"
        starts = [i for i, t in enumerate(texts) if t.startswith(title + " ")]
        if not starts or not texts[starts[0] + 1].startswith(
                (f"{title} (continued)", f"{title} (continuación)")):
            continue
        ran_on += 1
        widths = [w for w, _ in pictures_drawn(pages[starts[0]])]
        assert widths, f"no picture drawn for {e.id}"
        # the picture's box at full size is image_width x image_height; a drawing keeps its
        # proportions, so it fills one side of the box
        assert max(widths) >= 0.6 * theme.image_width, (e.id, max(widths), theme.image_width)
    return ran_on
