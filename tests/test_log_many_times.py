"""A log of something done more often than about 8 times a day (README: *The handout*, the
log): a pressure relief "every 30 minutes" (tests/clinics/wheelchair) was a line to mark
"(32 a day)" in a narrow cell, and nobody keeps a tally of 32 marks. It gets a box each for
the morning, the afternoon and the evening, and the words over the log say to check one
when that part of the day went as planned: in every layout, in two languages, and as
before (a line to mark) in a language of the clinic's own that lacks the words. Read back
from the PDFs: the words, and the boxes where they are drawn."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from reportlab.lib.units import mm

import handouts as api
from handouts.cli import main
from handouts.render.theme import theme_for

from conftest import ROOT, flat_texts, reader
from test_log_parts_row import squares
from test_home_doses import dublin  # noqa: F401 (a fixture)
from test_wheelchair_clinic import built, home  # noqa: F401 (a fixture)

PARTS = "A box for morning, afternoon and evening"
HOW = ("Some exercises have a box for morning, afternoon and evening. Check each box at the "
       "end of that part of the day if every time went as planned.")


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_a_pressure_relief_every_30_minutes_has_a_box_for_each_part_of_the_day(home, layout):
    text = " ".join(built(home, "marcus-webb", "--layout", layout))
    assert text.count(f"1. Pressure relief {PARTS}") == 2, text  # a log of two weeks
    assert "Make a mark each time" not in text
    assert HOW in text
    # the boxes of each day of the two weeks: the pressure relief's 3 (in standard and
    # compact one strip, as large as the day's cell holds them: test_log_parts_row), one
    # each for seated rows, the transfer and the stretch, the skin check's 2 (2 a day)
    pdf = (home.parent / f"marcus-webb--layout{layout}.pdf").read_bytes()
    size = theme_for(layout, "Letter").body_size * 1.15
    boxes = [b for page in reader(pdf).pages for b in squares(page, 4 * mm, size)]
    assert len(boxes) == 2 * 7 * (3 + 1 + 1 + 1 + 2)


def test_two_languages_say_it_in_each(dublin, tmp_path):  # noqa: F811
    # Dublin's English is Ireland's: a tick, not a check; every 2 hours, 8 marks a day, is
    # still a line to mark
    data = {"patient": {"name": "Rosa Díaz"}, "date": "2026-12-04", "language": ["es", "en"],
            "exercises": [{"id": "walking", "dose": {"frequency": "every 30 minutes"}},
                          {"id": "pendulum", "dose": {"frequency": "every 2 hours"}}]}
    program = api.program_from_data(data, dublin, source="test")
    text = " ".join(flat_texts(api.build_handout(program, dublin).pdf))
    assert "Una casilla para la mañana, la tarde y la noche" in text
    assert PARTS in text
    assert ("Algunos ejercicios tienen una casilla para la mañana, la tarde y la noche. "
            "Marque cada casilla al final de esa parte del día si no faltó ninguna vez.") in text
    assert ("Where there is a line, make a mark on it each time. " + HOW.replace(
        "Check", "Tick")) in text
    assert "32 a day" not in text and "32 al día" not in text
    assert "Make a mark each time (8 a day)" in text
    # the French test clinic's wording was written before the words for it: its handouts
    # still build, with the line to mark they had, and check asks nothing of it
    home = tmp_path / "french"
    shutil.copytree(ROOT / "tests" / "clinics" / "french", home)
    ws = api.open_workspace(home=home)
    ident = ws.library.exercises[0].id
    program = api.program_from_data({"patient": {"name": "Pat Example"}, "date": "2026-12-04",
                                     "exercises": [{"id": ident, "dose": {
                                         "frequency": "every 30 minutes"}}]}, ws, source="t")
    text = " ".join(flat_texts(api.build_handout(program, ws).pdf))
    assert "Faites un trait à chaque fois (32 par jour)" in text
    checked = CliRunner().invoke(main, ["--home", str(home), "check"])
    assert "log_parts" not in checked.output and "log_how_parts" not in checked.output
