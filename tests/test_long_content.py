"""Programs at the edges of what the library and the web form allow build, in every layout
and in two languages: nothing valid makes a block taller than a page that cannot run on
(each of these failed the handout with reportlab's LayoutError, a 500 in the web app)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import flat_texts

LAYOUTS = ["standard", "compact", "large_print"]
# every key a stage takes that prints, as a long post-operative protocol might set them
STAGE = ("hold: 10 s, reps: {reps}, sets: 2, resistance: red band, effort: moderate, "
         "tempo: slow, distance: 10 m, range: bend to 90 degrees")
EVERY_KEY = ("hold: 10 s, reps: 8-12, sets: 3, breaths: 5-10, duration: 5-10 min, "
             "frequency: 2 times a day, side: each side, rest: 30 s, "
             "equipment: a long elastic band and a sturdy chair, load: 2 kg, "
             "alternatives: [2 x 5 s], tempo: 3 s down and 1 s up, effort: 6 out of 10, "
             "resistance: red band, distance: 10 m, range: bend to 90 degrees")


def flat(data: bytes) -> str:
    # read by pdfium: these tests read words only, not where they stand
    return " ".join(flat_texts(data))


def program(ws: api.Workspace, yaml_text: str) -> api.Program:
    return api.load_program("program.yaml", ws, text=yaml_text)


def progression(stages: int, every_key: bool = False) -> str:
    rows = [f"{{weeks: {2 * i + 1}-{2 * i + 2}, {STAGE.format(reps=i + 3)}}}"
            for i in range(stages)]
    base = f"{{{EVERY_KEY}, progression: [" if every_key else "{reps: 10, progression: ["
    return base + ", ".join(rows) + "]}"


def child_pose(ws: api.Workspace, layout: str, languages: str, dose: str) -> str:
    """The text of a handout of child's pose at ``dose``."""
    return flat(api.build_handout(program(ws, f"""
patient: {{name: Pat Example}}
date: 2026-12-04
layout: {layout}
language: "{languages}"
exercises:
  - id: child_pose
    dose: {dose}
"""), ws).pdf)


@pytest.mark.parametrize("languages", ["en", "es,en"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_protocol_of_thirteen_stages_prints_every_week(ws, layout, languages):
    """Half a year in stages of two weeks (the web form takes 20): the card's dose box
    cannot hold the weeks, so they go in a table of their own under the exercise, which
    runs on from page to page; every stage is printed, the last one too."""
    text = child_pose(ws, layout, languages, progression(13))
    for first in range(1, 25, 2):
        assert f"Weeks {first}–{first + 1}" in text
    assert "From week 25 on" in text  # the last goes on: no next visit ends it
    assert "2 sets of 15" in text  # the last stage's dose
    if layout != "compact":  # compact's card, the page's width, holds its weeks as ever
        assert "Child's pose rock-back: Week by week" in text
        # the card's dose box says what to do first, rather than nothing under How much
        # (page 1's summary says it too; the table says "Weeks 1–2 Hold …")
        assert text.count("Weeks 1–2: Hold 10 seconds") == 2, text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_dose_key_and_stages_in_two_languages_builds(ws, layout):
    """Large print in two languages with every key of a dose set: page 1's summary row and
    the dose box beside the picture are each taller than a page, and split inside."""
    text = child_pose(ws, layout, "es,en", progression(2, every_key=True))
    assert "You need a long elastic band and a sturdy chair" in text
    assert "From week 3 on" in text


def test_a_short_progression_stays_in_the_dose_box(dublin_ws):
    """The threshold leaves the usual case as it was: a shoulder protocol's three short
    stages are read in the dose box, not in a table of their own."""
    built = api.build_handout(program(dublin_ws, """
patient: {name: Pat Example}
date: 2026-12-04
exercises: [band_external_rotation]
"""), dublin_ws)
    text = flat(built.pdf)
    assert "Week by week Weeks 1–2" in text
    assert ": Week by week" not in text


@pytest.fixture(scope="module")
def dublin_ws():
    from conftest import ROOT

    return api.open_workspace(home=ROOT / "examples" / "dublin-shoulder")


@pytest.fixture
def starter(tmp_path):
    folder = tmp_path / "clinic"
    made = CliRunner().invoke(main, ["new", str(folder), "--name", "Test PT",
                                     "--phone", "555-0100"], catch_exceptions=False)
    assert made.exit_code == 0, made.output
    return folder


def walking_in_large_print(starter, old: str, new: str) -> str:
    """The text of a large-print handout of the starter's walking, its library entry's
    ``old`` lines replaced with ``new``."""
    library = starter / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    assert old in text
    library.write_text(text.replace(old, new), encoding="utf-8")
    ws = api.open_workspace(home=starter)
    return flat(api.build_handout(program(ws, """
patient: {name: Pat Example}
date: 2026-12-04
layout: large_print
exercises: [walking]
"""), ws).pdf)


TIPS = "  - Rest when you need to.\n  dose:\n    duration: 10 min\n    effort: easy, you can still talk\n    frequency: once a day\n  tips:\n  - Add a few minutes each week.\n"


def test_large_print_with_an_exercise_of_two_steps_and_nothing_after_them(starter):
    """Large print keeps an exercise's first two steps with its picture, and runs the rest
    on: with no rest (two steps, no note, cautions or tips) that empty rest failed the
    handout."""
    printed = walking_in_large_print(starter, TIPS, TIPS[TIPS.index("  dose:"):TIPS.index("  tips:")])
    assert "Walk at an easy pace." in printed and "Add a few minutes" not in printed


def test_thirty_long_cautions_run_on_in_large_print(starter):
    """Cautions are kept together (they are read as one), but thirty of the longest allowed
    are more than a page: they run on, each one printed, and the handout does not fail."""
    cautions = "".join(f"  - \"Caution {i}: {'stop if your back hurts more than before. ' * 9}\"\n"
                       for i in range(1, 31))
    printed = walking_in_large_print(starter, TIPS, TIPS[:TIPS.index("  tips:")] + "  cautions:\n" + cautions)
    for i in range(1, 31):
        assert f"Caution {i}:" in printed


def test_the_safety_box_never_leaves_its_heading_alone_on_page_1(ws):
    """Large print in two languages under a long name and a long therapist's line: page 1
    had room for the box's heading only, and printed it in an empty box, the warnings all
    on page 2. The box's heading goes with its first warning (Call 911 right away) or not at all."""
    built = api.build_handout(program(ws, """
patient: {name: "María de los Ángeles Fernández-Gutiérrez de la Concepción"}
therapist: "Dr. Alexandra Konstantinopoulou-Rasmussen, PT, DPT, OCS, FAAOMPT"
date: 2026-11-23
protocol: chronic_low_back
layout: large_print
language: [es, en]
"""), ws)
    first, second = flat_texts(built.pdf)[:2]
    assert ("Stop and call us if" in first) == ("Call 911 right away" in first)
    assert "Stop and call us if" in first + second and "Call 911 right away" in first + second


def test_a_box_taller_than_a_page_splits_after_its_heading_never_at_it():
    """A box's first part is never its heading alone (it moves on whole instead), and what
    runs on, a part of one paragraph, splits again wherever the next page ends (a rule that
    looked only at the count of pieces failed a long note in large print there)."""
    from handouts.render.card import Card
    from handouts.render.paragraph import Paragraph
    from handouts.render.theme import theme_for

    t = theme_for("large_print")
    label = Paragraph("Note from your therapist", t.style("label"))
    text = Paragraph("Walk a little further each day and rest when you need to. " * 60,
                     t.style("body"))
    box = Card([[[label, text]]], colWidths=[t.frame_width], page_height=t.frame_height)
    box.wrap(t.frame_width, t.frame_height)
    label_h = label.wrap(t.frame_width, t.frame_height)[1]
    assert box.split(t.frame_width, label_h + 10) == []
    head, rest = box.split(t.frame_width, t.frame_height / 2)
    rest.wrap(t.frame_width, t.frame_height)
    assert rest._height > t.frame_height and len(rest._cellvalues[0][0]) == 1
    assert len(rest.split(t.frame_width, t.frame_height)) == 2


@pytest.mark.parametrize("steps", [30, 60, 90, 120])
def test_a_card_taller_than_a_page_never_leaves_a_label_at_the_foot(ws, steps):
    """A note so long that its card is more than a page splits inside the card, where the
    page ends: "Be careful" was left at the foot of one page and its caution at the top of
    the next. A label now goes on with what it heads."""
    from page_fill_reading import lines

    note = " ".join(f"Step {i}: walk slowly, then rest." for i in range(steps))
    program = api.program_from_options(
        ws, patient="Long Note", layout="standard",
        exercises=["kneeling_rock_back", "child_pose", "psoas_release_tool"])
    items = list(program.exercises)
    items[1] = items[1].model_copy(update={"note": note})
    built = api.build_handout(program.model_copy(update={"exercises": tuple(items)}), ws)
    labels = {"Steps", "Be careful", "Tips", "Note for you", "How much", "How often"}
    for page in lines(built.pdf, "standard", ws.clinic.page_size)[:-1]:
        assert min(page)[1].lstrip("*") not in labels, sorted(page)[:3]
    assert f"Step {steps - 1}: walk slowly, then rest." in flat(built.pdf)


@pytest.mark.parametrize("layout,languages", [("standard", "en"), ("standard", "es,en"),
                                              ("compact", "en"), ("compact", "es,en")])
def test_each_page_a_card_taller_than_a_page_runs_on_to_opens_under_its_title(ws, layout,
                                                                            languages):
    """A card more than two pages tall (a therapist's very long note) split inside itself
    where a page ended, and went on at the top of the next page with no title: the patient
    could not tell whose text it was. Each page it runs on to now opens under its title,
    marked "(continued)"."""
    # long enough to run over three pages after the card's head (compact's, in one language
    # too, now starts on page 1)
    note = " ".join(f"Part {i}: walk slowly, then rest." for i in range(400))
    program = api.program_from_options(
        ws, patient="Long Note", layout=layout, language=languages,
        exercises=["kneeling_rock_back", "child_pose", "psoas_release_tool"])
    items = list(program.exercises)
    items[1] = items[1].model_copy(update={"note": note})
    built = api.build_handout(program.model_copy(update={"exercises": tuple(items)}), ws)
    pages = flat_texts(built.pdf)
    marker = "(continuación)" if languages == "es,en" else "(continued)"
    holding = [i for i, page in enumerate(pages) if "walk slowly, then rest." in page]
    assert len(holding) >= 3, holding  # the note runs over at least three pages
    for i in holding[1:]:
        assert f"2. {'Postura del niño' if languages == 'es,en' else 'Child'}" in pages[i]
        assert marker in pages[i].split("walk slowly")[0], (i, pages[i][:200])
    assert "Part 399: walk slowly, then rest." in flat(built.pdf)


@pytest.mark.parametrize("languages", ["en", "es,en"])
def test_a_compact_card_whose_dose_is_all_week_by_week_says_no_empty_how_much(ws, languages):
    """A dose given only in stages left compact's dose line saying "How much: ." before its
    weeks; the line now starts at how often, and the weeks say how much."""
    text = child_pose(ws, "compact", languages,
                      "{progression: [{weeks: 1-2, breaths: 5}, {weeks: 3-4, breaths: 8}]}")
    assert "How much: ." not in text and "Cuánto: ." not in text
    assert "How often: 2 times a day." in text and "From week 3 on" in text


def test_a_bilingual_compact_card_without_a_picture_draws_its_weeks_above_its_steps(tmp_path):
    """A bilingual compact card with no picture was measured as if it had one (its texts
    set narrower than they print): the week-by-week table kept that width, drew one line
    more than the card had room for, and its last line ("Poids : 2 kg") printed over the
    first step. Each line of the card now ends above the next."""
    import pypdfium2 as pdfium
    from test_library_language import build, clinic

    stages = [{"weeks": "1-2", "sets": 2},
              {"weeks": "3-4", "sets": 3, "hold": "1.5 s", "reps": 10, "load": "2 kg"}]
    built = build(clinic(tmp_path), "fr, en", layout="compact",
                  exercises=[{"id": "marche", "dose": {"progression": stages}}])
    def box(text, words: str, nth: int = 0) -> tuple[float, float] | None:
        """(bottom, top) of the ``nth`` ``words`` on a page's text, None if not there."""
        at = -1
        for _ in range(nth + 1):
            at = text.get_text_range().find(words, at + 1)
        if at < 0:
            return None
        found = [text.get_charbox(i) for i in range(at, at + len(words))]
        return min(b for _, b, _, _ in found), max(t for _, _, _, t in found)

    checked = 0
    for page in pdfium.PdfDocument(built.pdf):
        text = page.get_textpage()
        # the load ends the last stage's line in each language (French's column first)
        for nth, step in ((0, "Portez de bonnes"), (1, "Wear good shoes")):
            above, below = box(text, "kg", nth), box(text, step)
            if above and below:
                assert below[1] <= above[0], (above, step, below)
                checked += 1
    assert checked == 2
    assert "Poids : 2 kg" in flat(built.pdf) and "Weight: 2 kg" in flat(built.pdf)


def test_the_disclaimer_s_label_stays_with_its_words_after_a_log_taller_than_a_page(ws):
    """No education: the log (taller than a page in large print, in two languages) is kept
    with the disclaimer; the chain was cut after "Please note", left alone at the foot of the
    log's last page, its words on the next."""
    every = [e.id for e in ws.library.exercises][:8]
    built = api.build_handout(api.program_from_options(
        ws, patient="Ada Example", exercises=every, layout="large_print",
        language=["es", "en"]), ws)
    pages = flat_texts(built.pdf)
    [label] = [i for i, text in enumerate(pages) if "Please note" in text]
    [words] = [i for i, text in enumerate(pages) if "Your therapist made this program" in text]
    assert label == words, (label, words, len(pages))
