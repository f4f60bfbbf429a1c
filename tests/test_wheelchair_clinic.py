"""A spinal cord injury clinic (tests/clinics/wheelchair: made-up Harbor Spinal Rehab, US
Letter, en-US), written from the README and docs/library.md alone. Its patients use
wheelchairs: a pressure relief every 30 minutes (refused as "not a frequency" until the
shortest allowed was no longer every hour), arm work with a band, a slide board transfer,
a hamstring stretch a caregiver does, skin checks and the warning signs of autonomic
dysreflexia. Its handouts are read back page by page."""

from __future__ import annotations

import pytest

from clinic_copy import copied, example, flat_pages, run


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "wheelchair", "harbor")


def built(home, name: str, *options: str) -> list[str]:
    return flat_pages(example(home, name, *options)[0])


def test_the_clinic_checks_clean(home):
    result = run(home, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        'OK: 5 exercises, 2 education topics, 1 protocol, 2 example programs; '
        'clinic "Harbor Spinal Rehab"']


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_pressure_relief_every_30_minutes_on_every_page_that_says_how_often(home, layout):
    pages = built(home, "marcus-webb", "--layout", layout)
    text = " ".join(pages)
    assert "Pressure relief" in text
    assert "Every 30 minutes" in text
    # 16 waking hours of two an hour is 32 marks a day: a box each part of the day instead
    assert "A box for morning, afternoon and evening" in text


def test_page_1_lists_the_program_and_the_warning_signs(home):
    page_1 = built(home, "marcus-webb")[0]
    assert "1. Pressure relief Hold 60–90 seconds Every 30 minutes" in page_1
    assert "5. Skin check with a mirror You need a long-handled mirror 2 times a day" in page_1
    assert "Call 911 right away if you have a pounding headache" in page_1


def test_the_caregiver_handout_names_the_patient(home):
    pages = built(home, "dana-ortiz")
    text = " ".join(pages)
    assert "For: Dana Ortiz · Caregiver: Luis Ortiz" in pages[0]
    assert "Dana's exercise log: week 1" in text
    assert "Your helper lifts your leg slowly. Your knee stays straight." in text
    assert "Loosen tight clothes, belts and straps." in text
    assert "If it does not get better fast, call 911." in text
