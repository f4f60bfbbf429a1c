"""A log's boxes for the parts of the day ("every 30 minutes": README, *The handout*, the
log): in the narrow day's cell they stacked, two over one in compact, three high in standard
on A4; now a day's three are one strip, side by side, each box at least 4 mm (a tick a
shaky hand can land in), in every language. Large print, whose cell holds none of its big
boxes side by side, keeps them one a row. Read back from the PDF: where each box is drawn."""

from __future__ import annotations

import dataclasses

import pytest
from reportlab.lib.units import mm

import handouts as api
from handouts.render.theme import theme_for

from conftest import drawn, reader
from test_home_doses import dublin  # noqa: F401 (a fixture)


def squares(page, smallest: float, largest: float) -> list[tuple[float, float, float, float]]:
    """(left, right, bottom, top) of every square from ``smallest`` to ``largest`` points
    drawn on the page: the log's tick boxes, whatever size the day's cell gave them."""
    out = []
    for operands, operator, m in drawn(page):
        if operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            if abs(w - h) < 0.01 and smallest - 0.01 <= w <= largest + 0.01:
                left, bottom = m[4] + m[0] * x, m[5] + m[3] * y
                out.append((left, left + w * m[0], bottom, bottom + h * m[3]))
    return out


def log_boxes(ws, layout: str, paper: str, language) -> list[tuple[float, float, float, float]]:
    """The tick boxes of a log of one exercise done every 30 minutes."""
    ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": paper}))
    data = {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "layout": layout,
            "language": language,
            "exercises": [{"id": "walking", "dose": {"frequency": "every 30 minutes"}}]}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    box = theme_for(layout, paper).body_size * 1.15
    return sorted(b for page in reader(pdf).pages for b in squares(page, 4 * mm, box))


@pytest.mark.parametrize("language", ["en", "es", ["es", "en"]])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("layout", ["standard", "compact"])
def test_a_day_s_parts_are_one_strip_of_three(dublin, layout, paper, language):  # noqa: F811
    boxes = log_boxes(dublin, layout, paper, language)
    assert len(boxes) == 7 * 3, boxes
    assert len({round(bottom, 1) for _, _, bottom, _ in boxes}) == 1  # one row
    days = [boxes[i:i + 3] for i in range(0, 21, 3)]
    for day in days:  # morning, afternoon and evening share their walls
        assert all(abs(a[1] - b[0]) < 0.01 for a, b in zip(day, day[1:])), day
    for day, next_day in zip(days, days[1:]):  # each day's strip apart from the next's
        assert next_day[0][0] - day[-1][1] > 2, (day, next_day)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_large_print_keeps_its_boxes_one_a_row(dublin, paper):  # noqa: F811
    boxes = log_boxes(dublin, "large_print", paper, "en")
    size = theme_for("large_print", paper).body_size * 1.15
    assert len(boxes) == 7 * 3
    assert all(abs(right - left - size) < 0.01 for left, right, _, _ in boxes)
    assert len({round(bottom, 1) for _, _, bottom, _ in boxes}) == 3


def day_boxes(ws, layout: str, paper: str, frequency: str) -> list:
    ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": paper}))
    data = {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "layout": layout,
            "exercises": [{"id": "walking", "dose": {"frequency": frequency}}]}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    box = theme_for(layout, paper).body_size * 1.15
    return sorted(b for page in reader(pdf).pages for b in squares(page, box, box))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("layout", ["standard", "compact"])
def test_two_a_day_sit_side_by_side_where_the_cell_holds_them(dublin, layout, paper):  # noqa: F811
    """A day's cell holds n boxes where n widths and the n - 1 gaps between fit inside its
    padding: standard on A4 counted a gap too many and stacked "2 times a day" one over the
    other, making each such row two boxes tall (Aoife's log took a page of its own)."""
    boxes = day_boxes(dublin, layout, paper, "2 times a day")
    assert len(boxes) == 7 * 2
    assert len({round(bottom, 1) for _, _, bottom, _ in boxes}) == 1, boxes  # one row
