"""Page 1's summary, "Your program at a glance", where it runs on to page 2: never one
exercise alone there under the column heads repeated (nor one alone at page 1's foot, where
the summary could move on whole). The Dublin clinic's shoulder protocol printed its fifth
exercise alone at the top of Aoife's page 2; six exercises in Spanish, their sixth. (Both
now fit page 1 whole, set snug; nine run on, in two languages and in large print.)"""

from __future__ import annotations

import re

import pytest

from handouts import build as api

from conftest import EXAMPLES, page_texts

DUBLIN = EXAMPLES / "dublin-shoulder"
HEADS = {"en": ("Exercise", ("Your exercises", "Stop and ring us if", "Stop and call us if")),
         "es": ("Ejercicio", ("Sus ejercicios", "Deténgase y llámenos si"))}


def summary_rows(pdf: bytes, language: str, count: int) -> list[list[int]]:
    """Per page, the numbers of the summary's ``count`` rows on it: from its column heads
    to what follows the table there (the safety box, the exercises); the log's table,
    under the same heads, is left out."""
    head, ends = HEADS[language]
    found = []
    for text in page_texts(pdf):
        lines = [line.strip() for line in text.splitlines()]
        if head not in lines:
            found.append([])
            continue
        table = lines[lines.index(head):]
        end = next((i for i, line in enumerate(table) if line.startswith(ends)), len(table))
        found.append([int(m[1]) for line in table[:end] if (m := re.match(r"(\d+)\. ", line))])
    pages, seen = [], []
    for rows in filter(None, found):
        if seen + rows != list(range(1, len(seen) + len(rows) + 1)) or len(seen) == count:
            break
        pages.append(rows)
        seen += rows
    return pages


def _split_in_twos(pages: list[list[int]], count: int, *, runs_on: bool = True) -> None:
    assert [n for rows in pages for n in rows] == list(range(1, count + 1)), pages
    if runs_on:
        assert len(pages) > 1, pages  # the case still runs on: the test tests a break
    assert all(len(rows) >= 2 for rows in pages), pages


def test_aoifes_summary_leaves_no_exercise_alone(tmp_path):
    ws = api.open_workspace(home=DUBLIN)
    built = api.build_handout(api.load_program(DUBLIN / "examples" / "aoife-byrne.yaml", ws), ws)
    count = len(built.handout.exercises)
    # whole on page 1, set snug, or on in twos: never her fifth exercise alone
    _split_in_twos(summary_rows(built.pdf, "en", count), count, runs_on=False)


@pytest.mark.parametrize("language, layout", [(["es", "en"], "standard"),
                                              (["en"], "large_print")])
def test_nine_exercises_go_on_two_at_least(ws, language, layout):
    # the ninth went on alone, in two languages and in large print (six in Spanish, whose
    # sixth did, now fit page 1 set snug)
    exercises = ["child_pose", "kneeling_rock_back", "lying_hip_flexor_stretch",
                 "si_joint_correction", "si_joint_knee_rocks", "standing_hip_flexor_stretch",
                 "wall_goal_post_stretch", "diaphragmatic_breathing", "psoas_release"]
    program = api.program_from_options(ws, patient="Ada Example", exercises=exercises,
                                       language=language).model_copy(update={"layout": layout})
    pdf = api.build_handout(program, ws).pdf
    _split_in_twos(summary_rows(pdf, language[0], len(exercises)), len(exercises))


def test_the_two_that_go_on_start_the_next_page(ws):
    """Where one more row went on with the last, the room it left on the page took the two
    again, split once more under the column heads repeated: heads in mid-page, and the last
    exercise alone on the next (a German clinic's summary of four, its rows three lines tall;
    here, eight in two languages, the summary starting page 2)."""
    exercises = ["diaphragmatic_breathing", "si_joint_knee_rocks", "si_joint_correction",
                 "kneeling_rock_back", "lying_hip_flexor_stretch", "child_pose",
                 "standing_hip_flexor_stretch", "psoas_release_tool"]
    program = api.program_from_data({
        "patient": {"name": "Pat Example"}, "date": "2026-12-04", "language": ["es", "en"],
        "therapist": "Dr", "next_visit": "2026-12-18", "exercises": exercises}, ws, source="t")
    pdf = api.build_handout(program, ws).pdf
    pages = summary_rows(pdf, "es", len(exercises))
    _split_in_twos(pages, len(exercises))
    assert [len(rows) for rows in pages] == [6, 2], pages  # the case still moves a row on
    for text in page_texts(pdf)[:3]:
        assert [line.strip() for line in text.splitlines()].count("Ejercicio") <= 1, text
