"""The aim of a line to mark in the log's name column, "(3–5 a day)" (README: *The
handout*, the log): where "Make a mark each time (3–5 a day)" does not fit its line, the
aim goes whole to the next; it broke inside, "Make a mark each time (3–5 a" / "day)" in
standard on A4, "Haga una marca cada vez (3–5 al" / "día)" on Letter. Read back from the
PDF, line by line, in every layout and language."""

from __future__ import annotations

import dataclasses

import pytest

import handouts as api

from test_home_doses import dublin  # noqa: F401 (a fixture)
from test_log_languages import row

AIMS = {"en": "(3–5 a day)", "es": "(3–5 al día)"}


@pytest.mark.parametrize("language", ["en", "es", ["es", "en"]])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_the_aim_of_a_line_to_mark_is_never_broken(dublin, layout, paper, language):  # noqa: F811
    ws = dataclasses.replace(dublin, clinic=dublin.clinic.model_copy(
        update={"page_size": paper}))
    data = {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "layout": layout,
            "language": language, "exercises": [
                {"id": ident, "dose": {"frequency": "3-5 times a day"}}
                for ident in ("pendulum", "sleeper_stretch", "wall_slides")]}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    languages = [language] if isinstance(language, str) else language
    corner = "Ejercicio" if languages[0] == "es" else "Exercise"
    for number in (1, 2, 3):
        said = row(pdf, corner, number)
        for aim in (AIMS[lang] for lang in languages):
            assert sum(aim in line for line in said) == 1, said
