"""The safety box that runs on (README: *The handout*, page 1): wherever a page ends, the
part of the box it keeps fits the room it was split for, or the box keeps none of it there.
A part taller than its room failed the whole handout ("taller than a page"): reportlab cut
the box's one row to the room less its top padding only, and the "(continued)" line went
under what it kept, or under nothing of it. Each room from a line's height to a page's."""

from __future__ import annotations

import dataclasses

import pytest

from handouts import build as api
from handouts.render import safety
from handouts.render.context import Context
from handouts.render.flowables import measuring_canvas
from handouts.render.theme import theme_for

from conftest import EXAMPLES
from test_rtl_page import ARABIC_CLINIC, made_clinic


def _box(ws, data: dict):
    program = api.program_from_data({**data, "layout": "large_print"}, ws, source="test")
    handout = api.resolve_program(program, ws)
    theme = theme_for(handout.layout, ws.clinic.page_size, rtl=handout.right_to_left)
    foot, = safety.safety(Context(handout, theme))
    return foot.flowing(), theme


def _heads_fit(box, width: float, page: float) -> int:
    """How many rooms the box (and what goes on of it) was split in; asserts each head fits."""
    box.wrapOn(measuring_canvas(), width, page)
    tried = 0
    for room in range(20, int(page), 3):
        parts = box.split(width, room)
        tried += 1
        if parts:
            assert parts[0].wrap(width, room)[1] <= room + 1e-6, room
            rest = parts[-1]
            rest.wrapOn(measuring_canvas(), width, page)
            for again in range(20, int(page), 37):
                more = rest.split(width, again)
                assert not more or more[0].wrap(width, again)[1] <= again + 1e-6, (room, again)
    return tried


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> api.Workspace:
    return api.open_workspace(home=made_clinic(tmp_path_factory.mktemp("arabic") / "clinic",
                                               ARABIC_CLINIC))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("languages", [["en", "ar"], ["es", "en"]])
def test_each_part_of_the_safety_box_fits_the_room_it_was_split_for(arabic, ws, paper,
                                                                     languages):
    clinic, exercise = (arabic, "pendulum") if "ar" in languages else (ws, "child_pose")
    clinic = dataclasses.replace(clinic, clinic=clinic.clinic.model_copy(
        update={"page_size": paper}))
    box, theme = _box(clinic, {"patient": {"name": "Pat Example"}, "date": "2026-12-03",
                               "language": languages, "exercises": [exercise]})
    assert _heads_fit(box, theme.frame_width, theme.frame_height)


def test_the_call_to_911_still_fits_where_only_the_box_s_bottom_padding_is_short(ws):
    """Jane's page 1 has room for the heading and the call to 911 but not the box's bottom
    padding under them: the call stays, the padding under it as much as the page leaves."""
    program = api.load_program(EXAMPLES / "jane-doe.yaml", ws)
    box, theme = _box(ws, {**program.model_dump(mode="json", exclude_none=True),
                           "language": ["es", "en"]})
    box.wrapOn(measuring_canvas(), theme.frame_width, theme.frame_height)
    head, _ = box.split(theme.frame_width, 186.6)
    said = " ".join(getattr(f, "text", "") for f in head.real()._cellvalues[0][0])
    assert "Call 911 right away" in said
    assert head.wrap(theme.frame_width, 186.6)[1] <= 186.6 + 1e-6


@pytest.mark.parametrize("languages", [["en"], ["es", "en"]])
def test_the_call_to_the_clinic_never_goes_on_alone(ws, languages):
    """Where the page keeps all the box but its last line, the call to the clinic, the line
    before it goes on with it: a vestibular clinic's page 2 opened with the box's heading
    again over "Call us at 819-555-0148" alone. Each room from a little over the call's
    height short of the whole box to the whole box."""
    box, theme = _box(ws, {"patient": {"name": "Pat Example"}, "date": "2026-12-03",
                           "language": languages, "exercises": ["child_pose"]})
    width = theme.frame_width
    box.wrapOn(measuring_canvas(), width, theme.frame_height)
    whole = box.wrap(width, theme.frame_height)[1]
    went_on = []
    for room in range(int(whole) - 120, int(whole)):
        parts = box.split(width, room)
        if len(parts) == 2:
            # under the heading again ("(continued)"): what goes on of the box
            went_on.append([getattr(f, "text", "") for f in parts[1].real()._cellvalues[0][0]][1:])
    assert went_on  # the box still runs on in these rooms: the test tests a break
    assert all(len(rest) >= 2 for rest in went_on), went_on
