"""Words a grade-6 reader takes one way only, read back from the PDF in English and Spanish:
a count beside a count, a set of one, the sets after a by-feel dose, what takes 16 minutes,
the order of 911 and the clinic, and the labels "Effort" and "Resistance"."""

from __future__ import annotations

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


def test_the_minutes_are_for_all_the_exercises_in_spanish(ws):
    # "Hacer cada ejercicio una vez toma unos 16 minutos" read as 16 minutes each
    text = _text(ws, "es", [("child_pose", {"hold": "30 s", "reps": 3}),
                            ("si_joint_knee_rocks", {"reps": 10})])
    assert "Hacer todos sus ejercicios una vez toma unos " in text
    assert "cada ejercicio una vez" not in text


def test_spanish_soreness_and_disclaimer_are_short_active_sentences(ws):
    text = _text(ws, "es", [("child_pose", {"hold": "30 s"})])
    assert ("Un estiramiento suave es normal. También lo es una molestia leve que se quita al "
            "día siguiente. Si un ejercicio le causa dolor agudo, deje de hacerlo.") in text
    # "Si algo no se siente bien" is English's "feels wrong" word for word
    assert "Si algo no va bien, pare y llámenos." in text
    assert "no lo es" not in text and "no se siente bien" not in text
