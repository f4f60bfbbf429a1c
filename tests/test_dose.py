"""Doses: friendly strings parse into values, values phrase for patients, and back."""

import pytest
from hypothesis import given, strategies as st

from handouts.words import dose as doses
from handouts.input import frequency as often, quantities as q, sides
from handouts.input.dose_models import Dose


@pytest.mark.parametrize("text, lo, hi, unit", [
    ("5-10 s", 5, 10, "s"), ("5–10 s", 5, 10, "s"), ("30s", 30, 30, "s"),
    ("1 min", 1, 1, "min"), ("1-3 minutes", 1, 3, "min"), ("2 to 5 sec", 2, 5, "s"),
    ("1.5 min", 1.5, 1.5, "min"),
])
def test_durations_parse(text, lo, hi, unit):
    d = q.parse_duration(text)
    assert (d.span.lo, d.span.hi, d.unit) == (lo, hi, unit)


@pytest.mark.parametrize("text, message", [
    ("5-x s", '"5-x s" is not a duration (e.g. "5-10 s", "1 min")'),
    ("10-5 s", '"10-5 s": the range runs backwards; put the smaller number first (e.g. "5-10")'),
    ("5 parsecs", '"5 parsecs" is not a duration (e.g. "5-10 s", "1 min")'),
    ("0 s", '"0 s": a duration must be more than 0'),
])
def test_bad_durations_say_what_is_right(text, message):
    with pytest.raises(ValueError) as exc:
        q.parse_duration(text)
    assert str(exc.value) == message


@pytest.mark.parametrize("text, per_day, days", [
    ("once a day", (1, 1), None), ("2 times a day", (2, 2), None), ("daily", (1, 1), None),
    ("1-2 times a day", (1, 2), None), ("3 days a week", None, (3, 3)),
    ("2 times a day, 5 days a week", (2, 2), (5, 5)), ("twice a day", (2, 2), None),
])
def test_frequencies_parse(text, per_day, days):
    f = often.parse_frequency(text)
    assert (f.per_day and (f.per_day.lo, f.per_day.hi)) == per_day or per_day is None
    assert (f.days_per_week and (f.days_per_week.lo, f.days_per_week.hi)) == days or days is None


def test_counts_must_be_whole():
    with pytest.raises(ValueError, match="whole numbers"):
        q.parse_count("2.5")
    assert q.parse_count(3) == q.Span(3, 3)


def test_phrasing_uses_en_dash_and_the_order_a_patient_reads():
    dose = Dose(hold="5-10 s", reps="3-5", side="painful side first")
    assert doses.phrase(dose) == ["Hold 5–10 seconds", "Repeat 3–5 times", "Painful side first"]


def test_phrasing_singular_and_alternatives():
    dose = Dose(hold="1 min", alternatives=["2 x 30 s", "3 x 20 s", "6 x 10 s"])
    # no "2 × 30 seconds" to decode: the split is said in words, on a line of its own, the
    # count first ("Or hold 30 seconds 2 times" set two numbers side by side: "30 seconds 2")
    assert doses.phrase(dose) == [
        "Hold 1 minute", "Or do 2 holds of 30 seconds, 3 holds of 20 seconds, or 6 holds of "
        "10 seconds"]
    assert doses.phrase(Dose(hold="30 s", alternatives=["1 x 30 s", "2 x 15 s"])) == [
        "Hold 30 seconds", "Or do 1 hold of 30 seconds, or 2 holds of 15 seconds"]
    assert doses.phrase(dose, "es") == [
        "Mantenga la posición 1 minuto",
        "O haga 2 series de 30 segundos, 3 series de 20 segundos o 6 series de 10 segundos"]
    assert doses.phrase(Dose(reps=1, breaths="5-10")) == ["Do it once", "Take 5–10 breaths"]
    assert doses.phrase(Dose(duration="5-10 min", equipment="a psoas release tool")) == [
        "Do this for 5–10 minutes", "You need a psoas release tool"]


@pytest.mark.parametrize("text, words", [
    ("once a day", "Once a day"), ("1-2 times a day", "Once or twice a day"),
    ("2-3 times a day", "2–3 times a day"),
    ("3 days a week", "3 days a week"), ("2 times a day, 5 days a week",
                                         "2 times a day, 5 days a week"),
    ("daily", "Once a day"), (None, "As your therapist advised"),
])
def test_frequency_phrasing(text, words):
    assert doses.phrase_frequency(often.parse_frequency(text) if text else None) == words


def test_override_changes_only_the_given_fields():
    base = Dose(hold="5-10 s", reps="3-5", side="each side")
    merged = base.overridden_by(Dose(reps=2))
    assert doses.phrase(merged) == ["Hold 5–10 seconds", "Repeat 2 times", "Each side"]


def test_session_time_and_log_boxes():
    dose = Dose(hold="30 s", reps=3, side="each side", frequency="2 times a day")
    # 30 s setup + (30 s + 3 s) × 3 reps × 2 sides
    assert doses.session_seconds(dose) == 30 + 33 * 3 * 2
    assert doses.times_per_day(dose) == 2
    assert doses.times_per_day(Dose(frequency="3 days a week")) == 1


def spans(most: int):
    """A number or range within the limit of its field."""
    return st.tuples(st.integers(1, most), st.integers(0, most)).map(
        lambda t: f"{t[0]}-{min(most, t[0] + t[1])}" if t[1] and t[0] < most else str(t[0]))


@given(hold=st.one_of(st.none(), spans(600).map(lambda s: f"{s} s"),
                      spans(10).map(lambda s: f"{s} min")),
       reps=st.one_of(st.none(), spans(q.MAX_REPS)), sets=st.one_of(st.none(), spans(q.MAX_SETS)),
       side=st.one_of(st.none(), st.sampled_from([*sides.KNOWN_SIDES, "operated leg", "each leg"])),
       per_day=st.one_of(st.none(), spans(q.MAX_PER_DAY)))
def test_any_valid_dose_phrases_and_parses_back(hold, reps, sets, side, per_day):
    fields = {k: v for k, v in dict(hold=hold, reps=reps, sets=sets, side=side).items() if v}
    if per_day:
        fields["frequency"] = f"{per_day} times a day"
    dose = Dose.model_validate(fields)
    again = Dose.model_validate(dose.to_yaml_data())
    assert again == dose
    parts = doses.phrase(dose)
    assert all(part and part == part.strip() for part in parts)
    if hold:
        assert parts[0].startswith("Hold ")
        assert "-" not in parts[0]  # ranges print with an en dash


def test_a_hold_changed_for_a_patient_takes_the_library_s_splits_of_its_hold_away(ws):
    """The library's wall stretch is "Hold 1 minute, or do 2 holds of 30 seconds, …": a program
    that makes it 30 seconds printed those splits of the minute beside it, twice the hold.
    A hold set without alternatives (in a program, or a stage of a progression) drops them;
    alternatives given with it stay."""
    import handouts as api
    from conftest import page_texts

    def card(*exercise: str) -> str:
        program = api.program_from_options(ws, patient="Pat Example", exercises=exercise,
                                           date="2026-12-04")
        return " ".join(" ".join(page_texts(api.build_handout(program, ws).pdf)).split())

    assert "Or do 2 holds of 30 seconds" in card("wall_goal_post_stretch")
    shorter = card("wall_goal_post_stretch:hold=30s")
    assert "Hold 30 seconds" in shorter and "Or do" not in shorter
    split_anew = card("wall_goal_post_stretch:hold=30s,alternatives=2 x 15 s")
    assert "Or do 2 holds of 15 seconds" in split_anew and "20 seconds" not in split_anew
    library = ws.library.exercise("wall_goal_post_stretch").dose
    staged = library.overridden_by(Dose.model_validate(
        {"progression": [{"weeks": "1-2", "hold": "30 s"}, {"weeks": "3-4", "reps": 2}]}))
    assert [len(d.alternatives) for d in staged.stage_doses()] == [0, 3]


def test_a_typed_range_takes_the_range_mark_and_nothing_else_does():
    # as the template prints a dose's own numbers ("1–2 sets"); a date, a phone number, an
    # id or a name with a number in it is no range and keeps its hyphen
    said = ("RPE 11-13, 1.5-2 kg, pain 0-3/10 · since 2026-11-23, call 555-0142 or 555-1234 "
            "or 555-123-4567, band TB-12, COVID-19, A12-34, 3-2-1, 13-11")
    assert doses.ranges_marked(said, "–") == (
        "RPE 11–13, 1.5–2 kg, pain 0–3/10 · since 2026-11-23, call 555-0142 or 555-1234 "
        "or 555-123-4567, band TB-12, COVID-19, A12-34, 3-2-1, 13-11")
    assert doses.ranges_marked("5-10 回", "〜") == "5〜10 回"
    # a phone number of two groups of four (Brazil, Hong Kong, Singapore) is no range either;
    # whole hundreds of steps are
    assert doses.ranges_marked("ligue (11) 3456-7890 ou 2345-6789; 500-1000 ou 2000-3000 "
                               "passos", "–") == ("ligue (11) 3456-7890 ou 2345-6789; "
                                                  "500–1000 ou 2000–3000 passos")


def test_a_number_marked_as_an_id_keeps_its_hyphen():
    # "#12-345" printed "#12–345": a part number read as a range of 12 to 345
    said = "band #12-345 or # 12-345 (No. 4-12, SKU 12-345, ref. 20-300), 1-2 lb"
    assert doses.ranges_marked(said, "–") == (
        "band #12-345 or # 12-345 (No. 4-12, SKU 12-345, ref. 20-300), 1–2 lb")
    assert doses.ranges_marked("バンド №12-345、5-10 回", "〜") == "バンド №12-345、5〜10 回"


def test_a_number_marked_as_an_id_in_another_language_or_after_a_colon_keeps_its_hyphen():
    # French writes "n°" (a degree sign) and "réf.", German "Nr."; a label may take a colon
    # ("SKU: 12-345"): each printed "12–345", a range of 12 to 345
    assert doses.ranges_marked("bande n° 12-345, N°4-12, réf. 20-300, 5-10 fois", "–") == (
        "bande n° 12-345, N°4-12, réf. 20-300, 5–10 fois")
    assert doses.ranges_marked("Band Nr. 4-12 oder Art.-Nr. 12-345, 5-10 Mal", "–") == (
        "Band Nr. 4-12 oder Art.-Nr. 12-345, 5–10 Mal")
    assert doses.ranges_marked("SKU: 12-345, ID: 20-300, 1-2 lb", "–") == (
        "SKU: 12-345, ID: 20-300, 1–2 lb")

def test_a_pace_of_breathing_is_no_speed():
    # "Speed: breathe in 2 counts, out 4 counts" of pursed-lip breathing
    pursed = Dose(breaths="5-10", tempo="breathe in 2 counts, out 4 counts")
    assert doses.phrase(pursed) == ["Take 5–10 breaths", "Breathe in 2 counts, out 4 counts"]
    assert doses.phrase(pursed, "es") == ["Respire 5–10 veces",
                                          "Breathe in 2 counts, out 4 counts"]
    belly = Dose(duration="5 min", tempo="inhale for 4, exhale for 6")
    assert doses.phrase(belly)[1] == "Inhale for 4, exhale for 6"
    assert doses.phrase(Dose(duration="5 min", tempo="inspire en 4 tiempos"), "es")[1] == \
        "Inspire en 4 tiempos"
    assert doses.phrase(Dose(reps=10, tempo="3 s down, 1 s up"))[1] == "Speed: 3 s down, 1 s up"
