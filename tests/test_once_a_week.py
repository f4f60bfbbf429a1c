"""Once a week was saved as "1 days a week": in a program file the web app writes, in the
record's copy of the program and in check's warnings. It is saved "1 day a week" now; a
handout's id still counts it as before, so that a once-a-week handout given before keeps
the id printed on it (the record and the outbox know a handout by it)."""

from __future__ import annotations

import handouts as api
from handouts.input.frequency import parse_frequency
from handouts.record.entry import program_yaml


def _handout(ws, often: str):
    program = api.program_from_data(
        {"patient": {"name": "Pat Example"}, "date": "2026-12-04",
         "exercises": [{"id": "child_pose", "dose": {"frequency": often}}]}, ws, source="test")
    return program, api.resolve_program(program, ws)


def test_once_a_week_is_saved_as_one_day():
    assert str(parse_frequency("once a week")) == "1 day a week"
    assert str(parse_frequency("twice a day, 1 day a week")) == "2 times a day, 1 day a week"
    assert str(parse_frequency("2 days a week")) == "2 days a week"
    assert parse_frequency("1 days a week") == parse_frequency("1 day a week")  # files before


def test_the_record_keeps_one_day_a_week_and_the_id_is_the_one_printed_before(ws):
    program, handout = _handout(ws, "once a week")
    saved = program_yaml(program, handout)
    assert "frequency: 1 day a week" in saved and "1 days" not in saved
    # the id this handout was printed with before the change (and the same handout typed
    # either way has it)
    assert handout.handout_id == "6FQ5-PNB6"
    assert _handout(ws, "1 day a week")[1].handout_id == handout.handout_id
    assert _handout(ws, "2 days a week")[1].handout_id != handout.handout_id
