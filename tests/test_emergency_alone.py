"""An emergency number counts only where it stands alone. A phone number with 911 in it
("555 911 2345", "555.911.2345") and 000 in "1,000" or "1 000" were read as naming the
clinic's own number: ``check`` then let pass a text that tells a patient to call another
country's number (a text naming the clinic's number too is written for its country), and
the library's own number in digits was not noted."""

from __future__ import annotations

import pytest

from clinic_copy import edit
from handouts.words.languages import emergency_written

from test_emergency_digits import _said, home, uk  # noqa: F401 (fixtures)


@pytest.mark.parametrize("number, text", [
    ("911", "Questions? Call us at 555 911 2345."),
    ("911", "Questions? Call us at 555.911.2345."),
    ("911", "Questions? Call us at (555) 911 2345."),
    ("000", "Walk 1,000 steps."),
    ("000", "Walk 1 000 steps."),
    ("000", "Walk 1.000 steps."),
    ("112", "Call us on 0161 112 3456."),
])
def test_a_number_in_a_longer_one_is_not_the_emergency_number(number, text):
    assert emergency_written(number).search(text) is None


@pytest.mark.parametrize("number, text", [
    ("911", "Call 911."), ("911", "call 9-1-1 now"), ("911", "Call 911, then us."),
    ("000", "Call 000 or 112."), ("911", "(911)"), ("999", "Call 999 (UK)."),
    # a count after it is no phone number's group: "24" was read as one, and check let pass
    # a library's "Call 911 24 hours a day" in a UK clinic's handouts
    ("911", "Call 911 24 hours a day."), ("000", "Ring 000 7 days a week."),
])
def test_a_number_alone_still_is(number, text):
    assert emergency_written(number).search(text)


def test_another_countrys_number_is_told_beside_a_phone_number_with_911_in_it(home):
    # a US clinic (no locale: 911): the library's "Call 112" is Europe's number
    edit(home / "exercises.yaml", ("  - Slowly rock forward to the start.",
                                    "  - Slowly rock forward; call 112 if you faint. "
                                    "Questions? Call us at 555 911 2345."))
    assert [line.split(": ", 3)[-1] for line in _said(home, "warning")] == [
        '"call 112" names an emergency number that is not this clinic\'s (no locale, so the '
        'US way: 911); write "call {emergency}" so that each clinic prints its own']


def test_the_own_number_is_noted_beside_a_thousand(uk):
    # a UK clinic (999): "1,000 steps" names no Australian 000
    edit(uk / "exercises.yaml", ("  - Slowly rock forward to the start.",
                                  "  - Slowly rock forward; call 999 if you faint. "
                                  "Walk 1,000 steps a day."))
    assert [line.split(": ", 3)[-1] for line in _said(uk, "note")] == [
        '"call 999" names this clinic\'s emergency number (locale en-GB: 999) in digits, '
        "which a clinic elsewhere that shares or copies the library prints too; write "
        '"call {emergency}" so that each clinic prints its own']
