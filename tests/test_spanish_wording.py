"""What a Spanish-speaking patient reads, sentence by sentence: each dose phrase whole (a
wrong word in it is a wrong dose), and the library's and the package's fixed sentences,
read back from the PDF (Spanish alone, and each beside its English in two languages)."""

from __future__ import annotations

import pytest

import handouts as api
from handouts.input.frequency import parse_frequency
from handouts.input.dose_models import Dose
from handouts.words import dose as doses

from conftest import page_texts

# (dose typed as in a program, its Spanish phrases whole, its English ones)
DOSES = [
    # "as many as feels OK" within a range: "mientras se sienta bien" said "while you feel
    # well", as if to go on past 15
    ({"reps": "10-15 as tolerated"}, ["Repita 10–15 veces, según cómo se sienta"],
     ["Repeat 10–15 times, as many as feels OK"]),
    ({"reps": "10-15 as tolerated", "sets": 2}, ["2 series de 10–15, según cómo se sienta"],
     ["2 sets of 10–15, as many as feels OK"]),
    # "Repita las veces que se sienta bien" reads "repeat whenever you feel well": a
    # frequency, not a number of times
    ({"reps": "as tolerated"}, ["Repita tantas veces como se sienta bien"],
     ["Repeat as many times as feels OK"]),
    ({"reps": "8 until mild fatigue"},
     ["Repita 8 veces, o hasta que sienta los músculos un poco cansados"],
     ["Repeat 8 times, or until your muscles feel a little tired"]),
    # not "Respire 1 vez"; nor "hondo" (deep): pursed-lip breathing is slow, not deep
    ({"breaths": 1}, ["Respire una vez"], ["Take 1 breath"]),
    ({"breaths": "5-10"}, ["Respire 5–10 veces"], ["Take 5–10 breaths"]),
    ({"hold": "1.5 min", "reps": 1}, ["Mantenga la posición 1,5 minutos", "Hágalo una vez"],
     ["Hold 1.5 minutes", "Do it once"]),
    ({"hold": "20 s", "reps": 3, "side": "painful side first"},
     ["Mantenga la posición 20 segundos", "Repita 3 veces", "Primero el lado que duele"],
     ["Hold 20 seconds", "Repeat 3 times", "Painful side first"]),
    ({"duration": "as tolerated"}, ["Hágalo mientras se sienta bien"],
     ["Do this as long as it feels OK"]),
]

# (frequency typed, Spanish, English)
FREQUENCIES = [
    ("every morning", "Cada mañana", "Every morning"),
    ("every evening", "Cada tarde", "Every evening"),
    ("at bedtime", "Antes de acostarse", "At bedtime"),
    ("after exercise", "Después de sus otros ejercicios", "After your other exercises"),
    ("as needed", "Cuando lo necesite", "When you need it"),
    ("as tolerated", "Tan a menudo como se sienta bien", "As often as feels OK"),
    # "1 día a la semana"
    ("once a week", "Un día a la semana", "1 day a week"),
    ("once a day, once a week", "Una vez al día, un día a la semana", "Once a day, 1 day a week"),
    ("every morning, 3 days a week", "Cada mañana, 3 días a la semana",
     "Every morning, 3 days a week"),
    ("every hour while awake", "Cada hora durante el día", "Every hour while you are awake"),
]


@pytest.mark.parametrize("typed, spanish, english", DOSES)
def test_each_dose_phrase_is_said_whole_in_spanish(typed, spanish, english):
    dose = Dose.model_validate(typed)
    assert list(doses.phrase(dose, "es")) == spanish
    assert list(doses.phrase(dose)) == english


@pytest.mark.parametrize("typed, spanish, english", FREQUENCIES)
def test_each_frequency_is_said_whole_in_spanish(typed, spanish, english):
    assert doses.phrase_frequency(parse_frequency(typed), "es") == spanish
    assert doses.phrase_frequency(parse_frequency(typed)) == english


def _text(ws, language, items) -> str:
    data = {"patient": {"name": "Ana Ruiz"}, "date": "2026-12-04", "language": language,
            "exercises": [{"id": i, "dose": d} for i, d in items]}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    return " ".join(" ".join(page_texts(pdf)).split())


# one exercise of the shipped library each (an id only once a handout)
IDS = ["child_pose", "kneeling_rock_back", "lying_hip_flexor_stretch", "si_joint_correction",
       "si_joint_knee_rocks", "standing_hip_flexor_stretch", "wall_goal_post_stretch",
       "diaphragmatic_breathing", "psoas_release"]


NONE = dict.fromkeys(["hold", "reps", "sets", "breaths", "duration", "side", "equipment"])


@pytest.mark.parametrize("language", ["es", ["es", "en"]])
def test_the_pdf_says_each_spanish_dose_and_frequency_whole(ws, language):
    # the library's dose keys removed (null), so that each dose is only the one typed
    items = [(i, {**NONE, **typed, "frequency": FREQUENCIES[n][0]})
             for n, (i, (typed, _, _)) in enumerate(zip(IDS, DOSES))]
    text = _text(ws, language, items)
    for n, (typed, spanish, english) in enumerate(DOSES):
        # the summary's row: the dose's phrases, one after the other
        assert " · ".join(spanish) in text, spanish
        assert FREQUENCIES[n][1] in text
        for phrase in english:
            assert (phrase in text) == (language != "es"), phrase
    for wrong in ["veces, mientras se sienta bien", "de 10–15, mientras",
                  "las veces que se sienta bien", "1 vez", "1 día a la semana"]:
        assert wrong not in text


def test_the_spanish_library_speaks_to_any_patient_and_soreness_says_stop_doing_it(ws):
    text = _text(ws, "es", [("psoas_release_tool", {})])
    # "Acostado boca abajo …" spoke to a man
    assert "Boca abajo sobre la herramienta llega más profundo, pero puede doler mucho." in text
    assert "Acostado" not in text
    # "deje ese ejercicio" (leave that exercise) for "stop that exercise"; then, as the
    # English, short sentences that end in what to do ("El dolor agudo no lo es: …")
    assert "Si un ejercicio le causa dolor agudo, deje de hacerlo." in text
