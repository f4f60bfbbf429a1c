"""A vestibular and concussion clinic (tests/clinics/vestibular: made-up Northside Dizziness
& Concussion Clinic, Letter, en-CA), written from the README and docs/library.md alone:
eyes on a letter card held at arm's length while the head turns, Brandt-Daroff from the
foot of a bed, head turns while walking, standing feet together eyes closed at a counter,
a return-to-activity topic with its stages in a table, and a log that rates dizziness,
not pain (the clinic's own strings.en.yaml). Its handout is read back page by page."""

from __future__ import annotations

import pytest

from clinic_copy import copied, example, flat_pages, run


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "vestibular", "northside")


@pytest.fixture(scope="module")
def pages(home) -> list[str]:
    return flat_pages(example(home, "lena-park")[0])


def test_the_clinic_checks_clean(home):
    # its Brandt-Daroff figure sat on a bed's long side, the legs through it, until check
    # said so (tests/test_figure_beds.py): it now sits at the bed's foot
    result = run(home, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        'OK: 4 exercises, 2 education topics, 1 protocol, 1 example program; '
        'clinic "Northside Dizziness & Concussion Clinic"']


def test_page_one_gives_each_dose_and_the_clinic_s_own_safety_words(pages):
    first = pages[0]
    for said in ("1. Eyes on a letter, head turns Do this for 30–60 seconds 3–5 times a day",
                 "2. Brandt-Daroff Repeat 5 times · Each side 2 times a day",
                 "4. Stand with your eyes closed Hold 30 seconds · Repeat 3 times 2 times a day",
                 "Call 911 right away if you have sudden weakness",
                 "Some dizziness during the exercises is expected."):
        assert said in first, said
    assert "sharp pain" not in first


def test_the_stages_back_to_school_print_as_a_table_and_the_log_rates_dizziness(pages):
    text = " ".join(pages)
    assert "Step What you do 1 Light activity at home." in text
    assert "5 Full days. No extra breaks." in text
    assert "write how dizzy you felt, from 0 (not dizzy) to 10 (very dizzy)" in text
    assert text.count("Dizziness (0–10)") == 2  # a week each, to the next visit
    assert "Pain (0–10)" not in text
