"""The summary's columns: a share of the width that saves a line is taken; a table that
misses page 1 by a little is set snug, whole, or with no space in its rows. Read back from
the PDF."""

from __future__ import annotations

import handouts as api

from conftest import EXAMPLES, page_texts


def test_a_split_that_saves_one_line_is_taken(ws):
    # a share of the summary's width that saved exactly one line was refused, its sum of
    # heights a hair over the best less a line (Aoife's: 284.70000000000005 against 302.25
    # - 17.55); Rosa's "Con qué frecuencia" wrapped for it
    program = api.load_program(EXAMPLES / "rosa-diaz-bilingual.yaml", ws)
    second = page_texts(api.build_handout(program, ws).pdf)[1]
    assert "Con qué frecuencia\n" in second


def test_a_table_that_misses_page_one_by_a_little_is_set_snug_and_whole():
    # the knee clinic's six exercises, heel slides by weekly stage, a next visit three
    # weeks off: page 1 held five rows and "6. Sit to stand" went on to page 2 under the
    # column heads, off the page for the fridge (it missed by 12 pt of 263)
    knee = api.open_workspace(home=EXAMPLES / "knee-clinic")
    stages = [{"weeks": "1", "reps": 10}, {"weeks": "2", "reps": 15, "sets": 2},
              {"weeks": "3", "reps": 20, "sets": 2, "frequency": "3 times a day"}]
    data = {"patient": {"name": "Dorothy Reyes"}, "therapist": "Dave Candy, PT, DPT",
            "date": "2026-12-07", "next_visit": "2026-12-28", "protocol": "after_knee_surgery",
            "exercises": [{"id": "heel_slide", "dose": {"progression": stages}}, "sit_to_stand"]}
    pdf = api.build_handout(api.program_from_data(data, knee, source="test"), knee).pdf
    first, second = page_texts(pdf)[:2]
    assert "6. Sit to stand" in first and "Stop and call us if" in first
    assert "How much" not in second.split("Your exercises")[0]
    # the time it all takes, which had no room left under the table, heads the exercises
    assert "takes about" in second


def test_a_table_that_misses_page_one_even_set_snug_is_set_with_no_space_in_its_rows(ws):
    # six exercises in Spanish: the snug table missed page 1 by 12 pt and "6. Estiramiento
    # de cadera de pie" went on to page 2 alone under the column heads; with no space
    # above and below each row's text (its rules still part the rows) page 1 holds all six,
    # and the handout is a page shorter
    exercises = ["child_pose", "kneeling_rock_back", "lying_hip_flexor_stretch",
                 "si_joint_correction", "si_joint_knee_rocks", "standing_hip_flexor_stretch"]
    data = {"patient": {"name": "Ana Example"}, "date": "2026-11-23", "language": ["es"],
            "exercises": exercises}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    pages = page_texts(pdf)
    assert "6. Estiramiento de cadera de" in pages[0] and "Deténgase" in pages[0]
    assert "Cuánto" not in pages[1].split("Sus ejercicios")[0]
    assert len(pages) == 5
