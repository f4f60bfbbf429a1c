"""PDFs parsed back: content, pages, fonts, metadata, sizes, order, and same-input-same-bytes."""

import json
import re

import pytest

import handouts as api
from handouts.input.models import POSITIONS

from conftest import EXAMPLES, font_sizes, fonts_in, page_texts, reader


@pytest.fixture(scope="module")
def built(ws, jane):
    return api.build_handout(jane, ws)


def test_page_one_is_the_summary(built, ws):
    first = " ".join(page_texts(built.pdf)[0].split())
    for expected in (ws.clinic.name, ws.clinic.phone, "Home exercise program", "Jane Doe",
                     "November 23, 2026", "Dave Candy, PT, DPT", "Your program at a glance",
                     "Stop and call us if", "Call 911 right away", "Next appointment",
                     "Hypermobility means your spine moves too much",
                     "Check off each exercise in your log",
                     # short sentences, and what to do ("Sharp pain is not: stop that exercise.")
                     "A gentle stretch is normal. So is mild soreness that is gone by the next "
                     "day. Stop any exercise that causes sharp pain."):
        assert expected in first, expected
    # the disclaimer in the active voice (it was "This program was made for you by …")
    last = " ".join(page_texts(built.pdf)[-1].split())
    assert "Your therapist made this program for you." in last


@pytest.mark.parametrize("count", [2, 5])
def test_the_time_it_takes_follows_the_table_or_heads_the_exercises(ws, jane, count):
    """Under the summary's table where page 1 has room for it; else under the heading page 2
    opens with, never alone at its top (nor ever the safety box moved for it)."""
    program = jane if count == 5 else api.program_from_options(
        ws, patient="Ann Example", exercises=["child_pose", "si_joint_correction"],
        education=["posture"], date="2026-11-23")
    pages = [" ".join(t.split()) for t in page_texts(api.build_handout(program, ws).pdf)]
    minutes = re.compile(r"Doing all your exercises once takes about \d+ minutes\.")
    assert len(minutes.findall(" ".join(pages))) == 1
    assert "Call us at" in pages[0]
    if count == 2:
        assert re.search(r"Sacroiliac joint reset.*" + minutes.pattern + ".*Stop and call us",
                         pages[0])
    else:  # Jane's five exercises fill page 1
        assert not minutes.search(pages[0])
        # under the heading, after the therapist's note that page 1 had no room for either
        assert re.match(r"Note from your therapist Start gently\. We will add more at your "
                        r"next visit\. Your exercises " + minutes.pattern, pages[1])


def test_large_print_says_the_time_it_takes_over_the_summary_s_table(ws):
    """Its exercises start a page each: a line under a table that fills its page would take
    a page of its own (every exercise, in two languages, on Letter paper did)."""
    every = api.program_from_options(ws, patient="Ada Example", layout="large_print",
                                     language="es,en", date="2026-11-23",
                                     exercises=[e.id for e in ws.library.exercises])
    pages = [" ".join(t.split()) for t in page_texts(api.build_handout(every, ws).pdf)]
    [here] = [p for p in pages if "Your program at a glance" in p]
    assert re.search(r"Your program at a glance .* Doing all your exercises once takes about \d+ "
                     r"minutes\. Ejercicio Exercise .* 1\. ", here)
    assert all(len(p.split("Folleto")[0]) > 200 for p in pages)  # no page all but empty


def test_dose_reads_with_en_dashes(built):
    text = "\n".join(page_texts(built.pdf))
    assert "Hold 5–10 seconds" in text
    assert "Repeat 3–5 times" in text
    assert "Painful side first" in text


def test_every_page_has_the_footer(built, ws):
    pages = page_texts(built.pdf)
    assert len(pages) >= 4
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Jane Doe" in text
        assert f"Handout {built.handout.handout_id}" in text
        assert ws.clinic.phone in text


def test_every_exercise_and_topic_is_there_in_order(built, ws):
    text = "\n".join(page_texts(built.pdf))
    protocol = ws.library.protocol("chronic_low_back")
    ids = [e.id for e in built.handout.exercises]
    assert ids[:len(protocol.exercises)] == [e.id for e in protocol.exercises]
    positions = [text.find(ws.library.exercise(i).title) for i in ids]
    assert all(p >= 0 for p in positions)
    for topic in built.handout.education:
        assert topic.title in text
    assert "Your exercise log" in text and "Pain (0–10)" in text


def test_a_card_never_splits_across_pages(built):
    pages = page_texts(built.pdf)
    for exercise in built.handout.exercises:
        on = [i for i, t in enumerate(pages) if f"{exercise.number}. {exercise.title}" in t
              and exercise.steps[-1][:30] in t]
        assert on, f"{exercise.id}: title and last step are not on one page"


def test_all_fonts_embedded_and_no_helvetica(built):
    fonts = fonts_in(built.pdf)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)
    assert all("AtkinsonHyperlegible" in name for name in fonts)


def test_metadata(built, ws):
    pdf = reader(built.pdf)
    meta = pdf.metadata
    assert meta.title == "Home exercise program"  # never the patient: test_pdf_title_private
    assert meta.author == ws.clinic.name
    assert meta.subject == "Home exercise program"
    assert built.handout.handout_id in meta["/Keywords"]
    assert pdf.trailer["/Root"]["/Lang"] == "en"


def test_body_text_is_at_least_12_pt(built):
    sizes = font_sizes(built.pdf)
    small = {text for size, _, text in sizes if size < 12}
    # only the footer (patient, clinic, page number, handout id) may be smaller, never under 10
    assert all(size >= 10 for size, _, _ in sizes)
    for text in small:
        assert re.search(r"Page \d+ of \d+|Handout [A-Z2-7]{4}-|Jane Doe|More 4 Life", text), text


def test_same_input_same_bytes(ws, jane, built):
    again = api.build_handout(jane, ws)
    assert again.pdf == built.pdf
    assert again.handout.handout_id == built.handout.handout_id


def test_handout_id_changes_with_content(ws, jane, built):
    other = jane.model_copy(update={"note": "Twice a day from next week."})
    assert api.build_handout(other, ws).handout.handout_id != built.handout.handout_id


def test_large_print_is_18_pt_upright_and_one_exercise_per_page(ws, jane):
    big = api.build_handout(jane, ws, layout="large_print")
    sizes = font_sizes(big.pdf)
    footer = re.compile(r"Page \d+ of \d+|Handout |Jane Doe|More 4 Life")
    assert all(size >= 18 for size, _, text in sizes if not footer.search(text))
    assert not [text for _, font, text in sizes if "Italic" in font]
    pages = page_texts(big.pdf)
    for exercise in big.handout.exercises:
        holding = [t for t in pages if f"{exercise.number}. {exercise.title}" in t
                   and "Steps" in t]
        assert len(holding) == 1
        others = [e for e in big.handout.exercises if e is not exercise]
        assert not any(f"{e.number}. {e.title}" in holding[0] for e in others)
        # the whole exercise is on its page: nothing of it runs over onto the next one
        flat = " ".join(holding[0].split())
        for item in (*exercise.steps, *exercise.cautions, *exercise.tips):
            assert " ".join(item.split()[:4]) in flat, item


def test_compact_saves_paper(ws, jane, built):
    compact = api.build_handout(jane, ws, layout="compact")
    assert len(reader(compact.pdf).pages) < len(reader(built.pdf).pages)


def test_by_position_groups_lying_before_standing(ws):
    program = api.load_program(EXAMPLES / "maria-lopez-compact.yaml", ws)
    handout = api.resolve_program(program, ws)
    ranks = [POSITIONS.index(e.position) for e in handout.exercises]
    assert ranks == sorted(ranks)
    text = "\n".join(page_texts(api.build_handout(program, ws).pdf))
    assert text.index(handout.exercises[0].title) < text.index(handout.exercises[-1].title)


@pytest.mark.parametrize("name", [
    'Ann <O\'Brien> & "Co"', "Zoë Ämmälä-Núñez", "Jo 😀 Smith", "Ng " + "x" * 200,
])
def test_awkward_names_print_as_themselves(ws, name):
    program = api.program_from_options(ws, patient=name, exercises=["child_pose"],
                                       note=f"Note for {name} & family <3")
    built = api.build_handout(program, ws)
    text = "\n".join(page_texts(built.pdf))
    if "😀" not in name and "x" * 200 not in name:
        assert name in text
        assert f"Note for {name} & family <3" in text
    assert reader(built.pdf).metadata.title == "Home exercise program"  # never the name
    assert built.filename.endswith(".pdf") and "/" not in built.filename


def test_every_library_exercise_prints_with_its_picture(ws):
    program = api.program_from_options(
        ws, patient="Test Patient", exercises=list(ws.library.exercise_ids))
    built = api.build_handout(program, ws)
    assert built.warnings == ()
    text = "\n".join(page_texts(built.pdf))
    assert "Picture not available" not in text
    forms = set()
    for page in reader(built.pdf).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        forms.update(name for name, x in xobjects.items()
                     if x.get_object().get("/Subtype") == "/Form")
    assert len(forms) >= len({e.image for e in ws.library.exercises})


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_a_card_taller_than_a_page_splits_instead_of_failing(ws, layout):
    note = " ".join(f"Step {i}: walk slowly, then rest." for i in range(120))
    program = api.program_from_options(
        ws, patient="Long Note", exercises=["child_pose", "psoas_release_tool"], layout=layout)
    first = program.exercises[0].model_copy(update={"note": note})
    program = program.model_copy(update={"exercises": (first, *program.exercises[1:])})
    built = api.build_handout(program, ws)
    text = " ".join(" ".join(page_texts(built.pdf)).split())
    assert "Step 0: walk slowly" in text and "Step 119: walk slowly, then rest." in text
    assert ws.library.exercise("psoas_release_tool").steps[-1] in text


def test_drawings_kept_on_disk_give_the_same_bytes(ws, jane, tmp_path, monkeypatch):
    """A new process reads each drawing's PDF operators from the cache instead of parsing the
    SVG: the handout must not change by a byte, and a damaged cache file is drawn again."""
    from handouts.render import forms, frozen, pictures, replay
    from handouts.render.theme import theme_for

    def new_process():
        pictures._vector.cache_clear()
        pictures._figure.cache_clear()
        forms._operators.clear()
        replay.clear()  # what was drawn holds the pictures it drew
        frozen.clear()

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))
    new_process()
    drawn = api.build_handout(jane, ws).pdf
    # the drawings printed keep their operators; the others (a tighter card's, laid out
    # but not set) keep only their size
    kept = [p for p in sorted((tmp_path / "drawings").glob("*.json"))
            if json.loads(p.read_text(encoding="utf-8"))["ops"] is not None]
    assert len(kept) == len(api.resolve_program(jane, ws).exercises) + 1  # and the logo
    new_process()
    handout = api.resolve_program(jane, ws)
    # the box a standard card gives it (a figure's drawing is made for the box's shape)
    box = (theme_for("standard").image_width, theme_for("standard").image_height)
    assert pictures.load(handout.exercises[0].image, *box).drawing is None  # not parsed
    assert api.build_handout(jane, ws).pdf == drawn
    kept[0].write_text('{"width": 1, "ops": ["broken', encoding="utf-8")
    new_process()
    assert api.build_handout(jane, ws).pdf == drawn
    new_process()


def test_an_exercise_with_a_video_gets_a_qr_code(library_copy):
    def add_video(data):
        next(e for e in data["exercises"] if e["id"] == "child_pose")["video"] = \
            "https://example.com/videos/child-pose"

    ws = library_copy("exercises.yaml", add_video)
    program = api.program_from_options(ws, patient="Ada Example",
                                       exercises=["child_pose", "si_joint_correction"])
    pdf = api.build_handout(program, ws).pdf
    pages = [" ".join(t.split()) for t in page_texts(pdf)]
    with_video = [t for t in pages if "1. Child's pose rock-back" in t and "Get on your hands" in t]
    assert "Scan to watch a video" in with_video[0]
    # the other card (often on the same page) has none
    assert " ".join(pages).count("Scan to watch a video") == 1
    forms = [name for page in reader(pdf).pages
             for name in (page["/Resources"].get("/XObject") or {})]
    assert any("qr_" in name for name in forms)


def test_a4_pages(library_copy):
    ws = library_copy("clinic.yaml", lambda data: data.update(page_size="A4"))
    pdf = api.build_handout(api.program_from_options(ws, patient="Ada Example",
                                                     protocol="chronic_low_back"), ws).pdf
    for page in reader(pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)
