"""A log in two languages (README: *The handout*, the log): an
exercise's cell gives its lines in one language, then the same lines in the other, as a
card's dose box gives a week and its dose in one language, then the other; in a log of
several weeks too, where a week's stage prints under the name. Read back from the PDFs, the
lines in the order they stand on the page."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

import pytest

import handouts as api

from conftest import page_visits
from test_rtl_page import ARABIC_CLINIC, made_clinic

# a next visit three weeks off; knee rocks change their dose and how often in week 2
STAGED = {"patient": {"name": "Rosa Díaz"}, "date": "2026-11-23", "next_visit": "2026-12-14",
          "language": ["es", "en"], "education": ["pain_is_real"], "exercises": [
              "diaphragmatic_breathing",
              {"id": "si_joint_knee_rocks", "dose": {"frequency": "2 times a day", "progression": [
                  {"weeks": "1", "reps": 5},
                  {"weeks": "2-3", "reps": 10, "sets": 2, "frequency": "once a day"}]}},
              {"id": "child_pose", "dose": {"hold": "20 s", "frequency": "every 2 hours",
                                            "reps": 3}}]}


def lines(pdf: bytes) -> list[str]:
    """Every line of text of the PDF, page by page, top to bottom and, along a line, left to
    right (a line's fragments joined): the order a reader's eye takes, whatever order the
    text was drawn in."""
    found = []
    for page in page_visits(pdf):
        at: dict[float, list[tuple[float, str]]] = {}
        for text, cm, tm, _, _ in page:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                at.setdefault(round(y), []).append((x, text.strip()))
        found += [unicodedata.normalize("NFKC", " ".join(t for _, t in sorted(at[y])))
                  for y in sorted(at, reverse=True)]
    return found


def row(pdf: bytes, week: str, number: int) -> list[str]:
    """The lines of exercise ``number``'s name in the table headed ``week`` (its corner's
    line, "Semana 2", "Ejercicio")."""
    found = lines(pdf)
    table = found[found.index(week):]
    table = table[table.index("1 2 3 4 5 6 7") + 1:next(
        # the pain row, "(0–10)", in Arabic read from the left "(10–0)"
        i for i, line in enumerate(table) if "(0–10)" in line or "(10–0)" in line)]
    # a right-to-left name's number reads after it: ". 1" where its line is read from the left
    starts = {int(m.group(1) or m.group(2)): i for i, line in enumerate(table)
              if (m := re.match(r"(\d+)\. |\. (\d+) ", line))}
    return table[starts[number]:starts.get(number + 1, len(table))]


def arabic_letters(line: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in line)


def build(ws, data, layout="standard", size="Letter") -> bytes:
    ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": size}))
    program = api.program_from_data({**data, "layout": layout}, ws, source="program.yaml")
    return api.build_handout(program, ws).pdf


# every layout on Letter, and large print on A4 too: its name's cell is the narrowest there
# (log.py gives the name a share of the frame's width; the paper changes only how wide, and
# the other two layouts on A4 built a third of the module's handouts for that)
@pytest.mark.parametrize("layout, size", [("standard", "Letter"), ("compact", "Letter"),
                                          ("large_print", "Letter"), ("large_print", "A4")])
def test_a_weeks_stage_follows_its_name_in_each_language(ws, layout, size):
    # the name in both languages, then the dose in both, was read across: in large print,
    # black and upright in both, "Knee rocks" ran on into "2 series de 10"
    pdf = build(ws, STAGED, layout, size)
    said = " | ".join(row(pdf, "Semana 2", 2))
    assert said.index("2. Balanceo de rodillas") < said.index("2 series de 10") \
        < said.index("Knee rocks") < said.index("2 sets of 10"), said
    assert said.replace(" |", "").endswith("2 sets of 10 · Once a day"), said


def test_a_line_to_tally_on_says_its_aim_in_each_language_after_its_name(ws):
    one, weeks = (build(ws, {**STAGED, "next_visit": None}), build(ws, STAGED))
    for pdf, week in ((one, "Ejercicio"), (weeks, "Semana 3")):
        said = " | ".join(row(pdf, week, 3))
        assert said.index("3. Postura del niño") < said.index("Haga una marca") \
            < said.index("Child's pose rock-back") < said.index("Make a mark"), said


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> api.Workspace:
    return api.open_workspace(home=made_clinic(tmp_path_factory.mktemp("arabic") / "clinic",
                                               ARABIC_CLINIC))


@pytest.mark.parametrize("languages", [["en", "ar"], ["ar", "en"]])
@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_a_right_to_left_language_keeps_its_lines_together(arabic, languages, layout):
    data = {"patient": {"name": "ليلى حسن"}, "date": "2026-12-03", "language": languages,
            "log_weeks": 3, "exercises": [{"id": "pendulum", "dose": {
                "frequency": "2 times a day", "progression": [
                    {"weeks": "1", "reps": 5},
                    {"weeks": "2-3", "reps": 10, "sets": 2, "frequency": "once a day"}]}}]}
    said = row(build(arabic, data, layout, "A4"), "Week 2", 1)
    english = [i for i, line in enumerate(said) if not arabic_letters(line)]
    others = [i for i, line in enumerate(said) if arabic_letters(line)]
    assert "Pendulum swings" in " ".join(said) and "2 sets of 10" in " ".join(said)
    # each language's lines one run, the handout's first language's first
    assert english == list(range(english[0], english[0] + len(english))), said
    assert others == list(range(others[0], others[0] + len(others))), said
    assert (english[0] < others[0]) == (languages[0] == "en"), said
    # in Arabic too the name comes before the dose (2 sets of 10: its "10")
    arabic_lines = [said[i] for i in others]
    assert "10" not in arabic_lines[0] and "10" in " ".join(arabic_lines[1:]), said
