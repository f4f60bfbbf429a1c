"""Doses as therapists write them on a home program (a knee-and-ankle clinic's): each is
accepted as typed, or refused with a line that says what to write; each prints right, read
back from the PDF."""

from __future__ import annotations

import pytest

import handouts as api

from conftest import ROOT, page_texts

DUBLIN = ROOT / "examples" / "dublin-shoulder"


@pytest.fixture(scope="module")
def dublin() -> api.Workspace:
    return api.open_workspace(home=DUBLIN)


def flat(data: bytes) -> str:
    """The PDF's text as one line: a dose box wraps wherever its width ends."""
    return " ".join(" ".join(page_texts(data)).split())


def built_text(dublin, dose: dict, language: str = "en", layout: str = "standard") -> str:
    data = {"patient": {"name": "Pat Example"}, "date": "2026-12-04", "language": language,
            "layout": layout, "exercises": [{"id": "walking", "dose": dose}]}
    program = api.program_from_data(data, dublin, source="test")
    return flat(api.build_handout(program, dublin).pdf)


@pytest.mark.parametrize("language, typed, printed", [
    ("en", "every 2 hours, 5 days a week", "Every 2 hours, 5 days a week"),
    ("es", "every 2 hours, 5 days a week", "Cada 2 horas, 5 días a la semana"),
    ("en", "every hour while awake, 7 days a week", "Every hour while you are awake, every day"),
    ("es", "every 3 hours, 7 days a week", "Cada 3 horas, todos los días"),
])
def test_every_few_hours_on_some_days_reads_as_two_parts(dublin, language, typed, printed):
    # it printed "Every 2 hours5 days a week" (and "Every 2 hoursEvery day")
    text = built_text(dublin, {"frequency": typed}, language)
    assert printed in text
    assert "hours5" not in text and "horas5" not in text
