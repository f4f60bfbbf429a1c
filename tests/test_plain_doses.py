"""Words a grade-6 reader takes one way only, read back from the PDF in English and Spanish:
a count beside a count, a set of one, the sets after a by-feel dose, what takes 16 minutes,
the order of 911 and the clinic, and the labels "Effort" and "Resistance"."""

from __future__ import annotations

import re

import pytest

import handouts as api

from conftest import EXAMPLES, page_texts

NONE = dict.fromkeys(["hold", "reps", "sets", "breaths", "duration", "side", "equipment",
                      "rest", "effort", "resistance"])


def _text(ws, language, items) -> str:
    data = {"patient": {"name": "Ana Ruiz"}, "date": "2026-12-04", "language": language,
            "exercises": [{"id": i, "dose": {**NONE, **d}} for i, d in items]}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    return " ".join(" ".join(page_texts(pdf)).split())


def test_spanish_hold_alternatives_say_the_count_first(ws):
    # "O manténgala 30 segundos 2 veces, 20 segundos 3 veces": a number beside a number
    text = _text(ws, "es", [("child_pose", {"hold": "1 min",
                                            "alternatives": ["2 x 30 s", "3 x 20 s", "6 x 10 s"]}),
                            ("kneeling_rock_back", {"hold": "1 min",
                                                    "alternatives": ["1 x 1 min"]})])
    assert ("O haga 2 series de 30 segundos, 3 series de 20 segundos o 6 series de 10 "
            "segundos") in text
    assert "O haga una serie de 1 minuto" in text
    assert "segundos 2 veces" not in text and "manténgala" not in text


def test_the_minutes_are_for_all_the_exercises_in_spanish(ws):
    # "Hacer cada ejercicio una vez toma unos 16 minutos" read as 16 minutes each
    text = _text(ws, "es", [("child_pose", {"hold": "30 s", "reps": 3}),
                            ("si_joint_knee_rocks", {"reps": 10})])
    assert "Hacer todos sus ejercicios una vez toma unos " in text
    assert "cada ejercicio una vez" not in text


def _minutes(text: str) -> int:
    return int(re.search(r"una vez toma unos (\d+) minuto", text).group(1))


def test_a_spanish_side_done_on_each_side_counts_twice_in_the_minutes(ws):
    # "cada pierna" is each leg in turn, as "each side" is: 30 + (30 + 3) × 3 × 2 seconds,
    # about 4 minutes; "los dos pies" is both feet at once: 30 + 33 × 3, about 2
    def minutes(side):
        return _minutes(_text(ws, "es", [("child_pose", {"hold": "30 s", "reps": 3,
                                                          "side": side})]))

    assert minutes("cada pierna") == minutes("each side") == 4
    assert minutes("los dos pies") == 2


def test_spanish_soreness_and_disclaimer_are_short_active_sentences(ws):
    text = _text(ws, "es", [("child_pose", {"hold": "30 s"})])
    assert ("Un estiramiento suave es normal. También lo es una molestia leve que se quita al "
            "día siguiente. Si un ejercicio le causa dolor agudo, deje de hacerlo.") in text
    # "Si algo no se siente bien" is English's "feels wrong" word for word
    assert "Si algo no va bien, pare y llámenos." in text
    assert "no lo es" not in text and "no se siente bien" not in text


# (dose, English, Spanish): a set of one is no set, and sets of one rep are a count
ONES = [
    ({"sets": 1, "reps": 1}, "Do it once", "Hágalo una vez"),
    ({"sets": 1, "reps": 10}, "Repeat 10 times", "Repita 10 veces"),
    ({"sets": 3, "reps": 1}, "Repeat 3 times", "Repita 3 veces"),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_set_of_one_says_what_to_do(ws, language):
    ids = ["child_pose", "si_joint_knee_rocks", "kneeling_rock_back"]
    text = _text(ws, language, [(i, d) for i, (d, _, _) in zip(ids, ONES)])
    for _, english, spanish in ONES:
        assert (english if language == "en" else spanish) in text
    for wrong in ["1 set of", "sets of 1 ", "1 serie de", "series de 1 "]:
        assert wrong not in text


@pytest.mark.parametrize("language, reads, wrong", [
    ("en", "From week 3 on 3 sets: in each, repeat until your muscles feel a little tired",
     "tired · Do 3 sets"),
    ("es", "De la semana 3 en adelante 3 series: en cada una, repita hasta que sienta los "
           "músculos un poco cansados", "cansados · Haga 3 series")])
def test_a_stage_by_feel_says_the_sets_first(ws, language, reads, wrong):
    # "Repeat until your muscles feel a little tired · Do 3 sets": three sets after the
    # tiredness, or the tiredness three times?
    text = _text(ws, language, [("si_joint_knee_rocks", {
        "reps": 10, "sets": 2, "progression": [
            {"weeks": "1-2"}, {"weeks": "3-4", "sets": 3, "reps": "until mild fatigue"}]})])
    assert reads in text
    assert wrong not in text


def test_911_is_called_right_away_not_before_us(ws):
    # "Call 911 first" under "Stop and call us if…" read as: 911, then the clinic
    program = api.load_program(EXAMPLES / "rosa-diaz-bilingual.yaml", ws)
    first = " ".join(page_texts(api.build_handout(program, ws).pdf)[0].split())
    assert "Call 911 right away if you lose bladder or bowel control" in first
    assert "Llame al 911 de inmediato si pierde el control" in first
    assert "911 first" not in first and "primero al 911" not in first


@pytest.mark.parametrize("language, effort, band", [
    ("en", "How hard: 5 out of 10", "Use: red band"),
    ("es", "Esfuerzo: 5 out of 10", "Use: red band")])
def test_effort_and_resistance_in_everyday_words(ws, language, effort, band):
    text = _text(ws, language, [("si_joint_knee_rocks", {
        "reps": 10, "sets": 2, "effort": "5 out of 10", "resistance": "red band"})])
    assert effort in text and band in text
    assert "Effort" not in text and "Resistance" not in text and "Resistencia" not in text


# (dose, English, Spanish, words that must not print): one set is no set, so nothing rests
# between sets: its rest is said as a dose with no sets says it (it printed nowhere, the
# patient left to guess whether to rest); more than one still says both
ONE_SET = [
    ({"hold": "30 s", "sets": 1, "rest": "20 s"}, ["Hold 30 seconds · Then relax 20 seconds"],
     ["Mantenga la posición 30 segundos · Luego relájese 20 segundos"]),
    ({"reps": 10, "sets": 1, "rest": "20 s"}, ["Repeat 10 times · Rest 20 seconds after each one"],
     ["Repita 10 veces · Descanse 20 segundos después de cada vez"]),
    ({"hold": "30 s", "sets": 3, "rest": "40 s"},
     ["Hold 30 seconds · Do 3 sets · Rest 40 seconds between sets"],
     ["Mantenga la posición 30 segundos · Haga 3 series · Descanse 40 segundos entre series"]),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_one_set_says_nothing_of_sets_or_the_rest_between_them(ws, language):
    ids = ["child_pose", "si_joint_knee_rocks", "kneeling_rock_back"]
    text = _text(ws, language, [(i, d) for i, (d, _, _) in zip(ids, ONE_SET)])
    for _, english, spanish in ONE_SET:
        for words in english if language == "en" else spanish:
            assert words in text
    for wrong in ["Do 1 set", "Haga 1 serie", "20 seconds between sets",
                  "20 segundos entre series", "1 set", "1 serie "]:
        assert wrong not in text


@pytest.mark.parametrize("language, rest", [("en", "between sets"), ("es", "entre series")])
def test_weekly_stages_of_one_set_each_say_nothing_of_the_rest_between_sets(ws, language, rest):
    # the card's How much and page 1's glance print the dose's rest over its stages; a
    # stage that gives more sets than one still needs it
    stages = [{"weeks": "1-2", "sets": 1, "reps": 10}, {"weeks": "3-4", "sets": 1, "reps": 15}]
    one = {"reps": 10, "sets": 1, "rest": "45 s", "progression": stages}
    more = {**one, "progression": [stages[0], {"weeks": "3-4", "sets": 3, "reps": 15}]}
    assert rest not in _text(ws, language, [("si_joint_knee_rocks", one)])
    assert rest in _text(ws, language, [("si_joint_knee_rocks", more)])


@pytest.mark.parametrize("language, row", [
    ("en", "Weeks 1–2 Repeat 10 times · Rest 45 seconds after each one"),
    ("es", "Semanas 1–2 Repita 10 veces · Descanse 45 segundos después de cada vez")])
def test_a_weekly_stage_of_one_set_says_its_rest_in_its_row(ws, language, row):
    # with nothing said over the table, the rest was said nowhere
    stages = [{"weeks": "1-2", "sets": 1, "reps": 10}, {"weeks": "3-4", "sets": 1, "reps": 15}]
    dose = {"reps": 10, "sets": 1, "rest": "45 s", "progression": stages}
    assert row in _text(ws, language, [("si_joint_knee_rocks", dose)])


# (dose, English, Spanish): with no sets, a rest can only come between one rep and the next:
# a pelvic-floor squeeze is "hold 5 s, relax 10 s, repeat 10 times", and "Rest 10 seconds
# between sets" told the patient of sets the dose does not have
EACH_REP = [
    ({"hold": "5 s", "reps": 10, "rest": "10 s"},
     "Hold 5 seconds · Repeat 10 times · Relax 10 seconds after each hold",
     "Mantenga la posición 5 segundos · Repita 10 veces · Relájese 10 segundos después de "
     "cada vez"),
    ({"reps": "8-12", "rest": "20 s"}, "Repeat 8–12 times · Rest 20 seconds after each one",
     "Repita 8–12 veces · Descanse 20 segundos después de cada vez"),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_rest_without_sets_is_after_each_rep(ws, language):
    ids = ["child_pose", "si_joint_knee_rocks"]
    text = _text(ws, language, [(i, d) for i, (d, _, _) in zip(ids, EACH_REP)])
    for _, english, spanish in EACH_REP:
        assert (english if language == "en" else spanish) in text
    assert "between sets" not in text and "entre series" not in text


def test_a_rest_after_each_rep_counts_in_the_minutes(ws):
    # ten holds of 5 seconds with a minute's rest after each take over ten minutes, not two
    text = _text(ws, "en", [("child_pose", {"hold": "5 s", "reps": 10, "rest": "1 min"})])
    minutes = int(text.split("Doing all your exercises once takes about ")[1].split()[0])
    assert minutes >= 10


@pytest.mark.parametrize("language, each, between", [
    ("en", "Repeat 5 times · Relax 10 seconds after each hold", "between sets"),
    ("es", "Repita 5 veces · Relájese 10 segundos después de cada vez", "entre series")])
def test_weekly_stages_without_sets_say_the_rest_after_each_hold(ws, language, each, between):
    # over a table of stages with no sets, "Rest 10 seconds between sets" told the patient
    # of sets no week has: each stage's row says the rest after each hold, as a dose does
    stages = [{"weeks": "1-2", "reps": 5}, {"weeks": "3-4", "reps": 10}]
    text = _text(ws, language, [("child_pose", {"hold": "5 s", "rest": "10 s",
                                                "progression": stages})])
    assert each in text
    assert between not in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_rest_over_weekly_stages_of_reps_without_sets_is_after_each_one(ws, language):
    # the stages say the holds and reps, the dose the rest: over the table it read "Relax 10
    # seconds between sets" of a pelvic-floor squeeze that has none; each week's row says it
    stages = [{"weeks": "1-2", "hold": "3 s", "reps": 8}, {"weeks": "3-4", "hold": "5 s",
                                                          "reps": 10}]
    dose = {"hold": "3 s", "reps": 8, "rest": "10 s", "progression": stages}
    text = _text(ws, language, [("child_pose", dose)])
    assert "between sets" not in text and "entre series" not in text
    said = ("Relax 10 seconds after each hold" if language == "en"
            else "Relájese 10 segundos después de cada vez")
    assert text.count(said) >= 2, text  # in the row of each week


# (dose, English, Spanish): done once, with no sets, the rest comes after it
ONCE = [
    ({"hold": "30 s", "rest": "20 s"}, "Hold 30 seconds · Then relax 20 seconds",
     "Mantenga la posición 30 segundos · Luego relájese 20 segundos"),
    ({"reps": 1, "rest": "15 s"}, "Do it once · Then rest 15 seconds",
     "Hágalo una vez · Luego descanse 15 segundos"),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_rest_after_a_single_hold_is_not_between_sets(ws, language):
    ids = ["child_pose", "si_joint_knee_rocks"]
    text = _text(ws, language, [(i, d) for i, (d, _, _) in zip(ids, ONCE)])
    assert "between sets" not in text and "entre series" not in text
    for _, english, spanish in ONCE:
        assert (english if language == "en" else spanish) in text, text
