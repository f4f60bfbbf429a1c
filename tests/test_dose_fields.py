"""Doses for any protocol: each new field parses, phrases in English and Spanish, and is read
back from the PDF the code wrote; the log adapts to many times a day."""

from __future__ import annotations

import dataclasses

import pytest

import handouts as api
from handouts.input import frequency as often, quantities as q, sides
from handouts.input.dose_models import Dose
from handouts.words import dose as doses

from conftest import ROOT, page_texts

DUBLIN = ROOT / "examples" / "dublin-shoulder"


@pytest.fixture(scope="module")
def dublin() -> api.Workspace:
    return api.open_workspace(home=DUBLIN)


def flat(data: bytes) -> str:
    """The PDF's text with every line break and run of spaces made one space: a dose box
    wraps its lines wherever its width ends."""
    return " ".join(" ".join(page_texts(data)).split())


# one exercise of the Dublin library each, with a dose for this test: (id, dose)
ITEMS = [
    # the red band on an exercise with no stages: where every stage names its own band
    # (band_external_rotation's yellow, red, green), the stages alone say it
    ("wall_slides", {"sets": 3, "reps": 10, "tempo": "3 s down, 1 s up", "range": "bend to 90°",
                     "frequency": "every other day", "resistance": "red band"}),
    ("band_external_rotation", {"effort": "6 out of 10", "side": "operated leg",
                                "frequency": "every 2 hours"}),
    ("walking", {"distance": "10 m", "duration": "until mild fatigue",
                 "frequency": "every hour while awake"}),
    ("table_slide", {"reps": "as tolerated", "frequency": "as tolerated", "side": "each leg"}),
    ("shoulder_blade_squeeze", {"reps": "until mild fatigue", "duration": "as tolerated"}),
]

PHRASES = {
    "en": ["3 sets of 10", "Speed: 3 s down, 1 s up", "How far: bend to 90°", "Every other day",
           "How hard: 6 out of 10", "Use: red band", "Operated leg", "Every 2 hours",
           "Distance: 10 m", "Do this until your muscles feel a little tired",
           "Every hour while you are awake", "Repeat as many times as feels OK",
           "As often as feels OK", "Each leg", "Repeat until your muscles feel a little tired",
           "Do this as long as it feels OK", "Week by week", "Weeks 1–2",
           "2 sets of 10 · Use: yellow band"],
    "es": ["3 series de 10", "Ritmo: 3 s down, 1 s up", "Hasta dónde: bend to 90°",
           "Un día sí y otro no", "Esfuerzo: 6 out of 10", "Use: red band",
           "La pierna operada", "Cada 2 horas", "Distancia: 10 m",
           "Hágalo hasta que sienta los músculos un poco cansados",
           "Cada hora durante el día", "Repita tantas veces como se sienta bien",
           "Tan a menudo como se sienta bien", "Cada pierna",
           "Repita hasta que sienta los músculos un poco cansados",
           "Hágalo mientras se sienta bien", "Semana a semana", "Semanas 1–2",
           "2 series de 10 · Use: banda amarilla"],
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_new_dose_phrasing_is_in_the_pdf(dublin, language):
    data = {"patient": {"name": "Test Patient"}, "date": "2026-12-03", "language": language,
            "exercises": [{"id": i, "dose": d} for i, d in ITEMS]}
    # the band exercise keeps its library progression (yellow, red, green band)
    program = api.program_from_data(data, dublin, source="test")
    text = flat(api.build_handout(program, dublin).pdf)
    for phrase in PHRASES[language]:
        assert phrase in text, phrase
    # a band is a resistance, never a weight
    assert "Weight" not in text and "Peso" not in text


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_a_progression_prints_as_a_table_in_every_layout(dublin, layout):
    program = api.program_from_data({"patient": {"name": "P"}, "date": "2026-12-03",
                                     "layout": layout,
                                     "exercises": ["band_external_rotation"]},
                                    dublin, source="test")
    text = flat(api.build_handout(program, dublin).pdf)
    for stage in ("Weeks 1–2 2 sets of 10 · Use: yellow band",
                  "Weeks 3–4 3 sets of 10 · Use: red band",
                  "From week 5 on 3 sets of 15 · Use: green band"):
        assert stage in text, stage


@pytest.mark.parametrize("typed, canonical, per_day", [
    ("every 2 hours", "every 2 hours", 8),
    ("Every hour while awake", "every hour while awake", 16),
    ("every 3 hours while you are awake", "every 3 hours while awake", 5),
    ("every other day", "every other day", 1),
    ("twice a day, every other day", "every other day, 2 times a day", 2),
    ("as tolerated", "as tolerated", 1),
])
def test_new_frequencies_parse_print_back_and_count_sanely(typed, canonical, per_day):
    frequency = often.parse_frequency(typed)
    assert str(frequency) == canonical
    assert often.parse_frequency(str(frequency)) == frequency
    assert doses.times_per_day(Dose(frequency=typed)) == per_day


@pytest.mark.parametrize("bad", ["every other day, 3 days a week", "2 times a day, every hour",
                                 "every blue moon", "every 0 hours"])
def test_frequencies_that_contradict_themselves_are_refused(bad):
    with pytest.raises(ValueError):
        often.parse_frequency(bad)


def test_reps_and_duration_by_feel_count_sanely_in_the_session_minutes():
    by_feel = Dose(reps="as tolerated", duration="until mild fatigue")
    assert str(by_feel.reps) == "as tolerated" and str(by_feel.duration) == "until mild fatigue"
    assert doses.session_seconds(by_feel) == doses.SETUP_SECONDS + doses.SECONDS_BY_FEEL
    # ten reps by feel, like ten counted ones
    assert doses.session_seconds(Dose(reps="as tolerated")) == doses.session_seconds(
        Dose(reps=doses.REPS_BY_FEEL))


def test_any_named_side_prints_as_written_and_each_counts_twice():
    assert doses.phrase(Dose(side="affected arm")) == ["Affected arm"]
    assert doses.sides_worked(sides.parse_side("each leg")) == 2
    assert doses.sides_worked(sides.parse_side("operated leg")) == 1
    assert sides.parse_side("Both Sides").value == "both sides"


def test_a_progression_survives_a_saved_program():
    dose = Dose.model_validate({"reps": 10, "progression": [
        {"weeks": "1-2", "sets": 2}, {"weeks": "3-4", "sets": 3, "resistance": "red band"}]})
    again = Dose.model_validate(dose.to_yaml_data())
    assert again == dose
    assert [str(s.weeks) for s in again.progression] == ["1-2", "3-4"]
    # the log and the session minutes follow the first stage
    assert doses.first_stage(dose).sets == q.Span(2, 2)


def test_the_log_has_at_most_four_boxes_a_day_and_a_tally_line_beyond(dublin):
    data = {"patient": {"name": "P"}, "date": "2026-12-03", "exercises": [
        {"id": "pendulum", "dose": {"frequency": "every 2 hours"}},
        {"id": "table_slide", "dose": {"frequency": "4 times a day"}}]}
    program = api.program_from_data(data, dublin, source="test")
    built = api.build_handout(program, dublin)
    text = flat(built.pdf)
    assert "1. Pendulum swings Make a mark each time (8 a day)" in text
    assert "2. Table slide Make a mark each time" not in text
    assert [e.per_day for e in built.handout.exercises] == [8, 4]
    # a session is one go, however often a day: "every 2 hours" does not multiply it
    assert built.handout.session_minutes < 10


def test_handouts_made_before_the_new_fields_keep_their_ids(ws, dublin):
    # the outbox knows a sent handout by its id: what the id is computed from holds a new
    # field only where it is set, so a handout made before them keeps its id
    from handouts.identity import _canonical

    later = ('"tempo"', '"effort"', '"resistance"', '"distance"', '"range"', '"progression"',
             '"locale"')
    jane = api.resolve_program(api.load_program(ROOT / "examples" / "jane-doe.yaml", ws), ws)
    assert not [key for key in later if key in _canonical(jane, None)]
    program = api.program_from_data({"patient": {"name": "P"}, "date": "2026-12-03",
                                     "exercises": [{"id": "wall_slides",
                                                    "dose": {"effort": "easy"}}]},
                                    dublin, source="test")
    canonical = _canonical(api.resolve_program(program, dublin), None)
    assert '"effort": "easy"' in canonical and '"locale": "en-IE"' in canonical
    assert '"tempo": "3 s up, 3 s down"' in canonical


def test_how_the_clinic_keeps_its_record_or_sends_email_leaves_every_id_as_it_was(ws):
    """The id counts what the patient sees; the clinic keys it counts are named here, so a
    key added to clinic.yaml is counted (a new id for every handout) only by choice (site:,
    a group's branch, once was, unset: every handout of every clinic got a new id)."""
    from handouts.identity import _clinic_data
    from handouts.input.clinic_parts import Smtp

    assert sorted(_clinic_data(ws.clinic)) == [
        "address", "colors", "disclaimer", "email", "logo", "name", "page_size", "phone",
        "shared_print_folder", "smtp", "tagline", "website"]
    jane = api.load_program(ROOT / "examples" / "jane-doe.yaml", ws)
    elsewhere = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={
        "backup_folder": "/media/usb", "database_url": "postgresql://h@db/h",
        "smtp": Smtp.model_validate({"host": "smtp.example.com", "from": "desk@example.com"}),
        "site": "Kirkwood"}))
    assert api.resolve_program(jane, elsewhere).handout_id == \
        api.resolve_program(jane, ws).handout_id == "RO2Y-JQPX"
    assert api.counted_before(api.resolve_program(jane, elsewhere)) == "433C-2ZJ7"
    # ^ the id Jane Doe's handout has had since the last change to the library's words (and
    # since the id counts what the pictures show and not the email address: branches idpics
    # and emailid; counted_before gives the one of before; and since three of the library's
    # figures say which side they draw, `side:`); a change to what she reads gives a new one
    # (then write it here), a change of code not


def tick_boxes(page, size: float) -> list[tuple[float, float, float, float]]:
    """(left, right, bottom, top) of every square of ``size`` points stroked on the page:
    the log's tick boxes, where each is drawn."""
    from conftest import drawn

    out = []
    for operands, operator, m in drawn(page):
        if operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            if abs(w - size) < 0.01 and abs(h - size) < 0.01:
                left, bottom = m[4] + m[0] * x, m[5] + m[3] * y
                out.append((left, left + w * m[0], bottom, bottom + h * m[3]))
    return out


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_large_print_log_boxes_stay_in_their_days_cell(dublin, paper, tmp_path):
    """Three or four sessions a day in large print: a day's cell holds one box a row, so
    the boxes stack; none may spill into the next day's cell (over another day's box)."""
    from conftest import reader
    from handouts.render.theme import theme_for

    ws = dublin if paper == "A4" else api.open_workspace(home=_clinic_on(tmp_path, paper))
    data = {"patient": {"name": "P"}, "date": "2026-12-03", "layout": "large_print",
            "exercises": [{"id": "pendulum", "dose": {"frequency": "3 times a day"}},
                          {"id": "table_slide", "dose": {"frequency": "4 times a day"}}]}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    size = theme_for("large_print", paper).body_size * 1.15
    boxes = [b for page in reader(built.pdf).pages for b in tick_boxes(page, size)]
    assert len(boxes) == 7 * (3 + 4)
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]]
    assert overlapping == []
    # each day's boxes in one column, as wide as one box
    columns = sorted({round(b[0], 1) for b in boxes})
    assert len(columns) == 7


def test_the_log_gives_boxes_only_on_the_days_an_exercise_is_done(dublin):
    """Every other day: boxes on day 1, 3, 5 and 7 (a box on every day reads as every day);
    a few days a week, which the patient chooses: how often, beside the name."""
    from conftest import reader
    from handouts.render.theme import theme_for

    data = {"patient": {"name": "P"}, "date": "2026-12-03", "exercises": [
        {"id": "wall_slides", "dose": {"frequency": "every other day"}},
        {"id": "table_slide", "dose": {"frequency": "2 times a day, 3 days a week"}},
        {"id": "pendulum", "dose": {"frequency": "once a day"}}]}
    built = api.build_handout(api.program_from_data(data, dublin, source="test"), dublin)
    size = theme_for("standard", "A4").body_size * 1.15
    boxes = [b for page in reader(built.pdf).pages for b in tick_boxes(page, size)]
    rows = {}
    for left, right, bottom, _ in boxes:  # a row's boxes by their height, each by its middle
        rows.setdefault(round(bottom), []).append((left + right) / 2)
    by_row = [sorted(middles) for _, middles in sorted(rows.items(), reverse=True)]
    days_at = by_row[-1]  # the pendulum's one box a day, in the middle of each day's cell
    days = [sorted({min(range(7), key=lambda d: abs(days_at[d] - m)) + 1 for m in middles})
            for middles in by_row]
    assert days == [[1, 3, 5, 7], [1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7]]
    # wall slides; table slide, two boxes side by side on each day; pendulum
    assert [len(middles) for middles in by_row] == [4, 14, 7]
    text = flat(built.pdf)
    assert "2. Table slide · 2 times a day, 3 days a week" in text
    assert "1. Wall slides ·" not in text and "3. Pendulum swings ·" not in text


def _clinic_on(tmp_path, paper: str):
    """The Dublin clinic's folder, on other paper."""
    import shutil

    home = tmp_path / "clinic"
    shutil.copytree(DUBLIN, home)
    clinic = home / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace(
        "page_size: A4", f"page_size: {paper}"), encoding="utf-8")
    return home
