"""A topic's table in a bilingual Hebrew and English handout (the Dublin example with the
made-up Hebrew clinic of tests/clinics/hebrew over it): the page stays left to right, and
each cell's Hebrew ends at the right of its column while its English starts at the left, as
every bilingual text of the handout does (its paragraphs, the summary's and the log's
cells). A cell that says the same in both languages and has no letters (a number) is
centred under its header, as the log's day numbers are under theirs: at the left, it sat
under the next column's Hebrew header, a minute read as a count of walks."""

from __future__ import annotations

import pytest

import handouts as api

from test_rtl_page import HEBREW_CLINIC, made_clinic, margins, span, spans

PLAN = """
- id: walking
  title: Walking
  body:
  - table:
      header: [Week, Minutes each walk, Walks a day]
      rows:
      - [Weeks 1 and 2, 15, 3]
      - [Weeks 3 and 4, 25, 2]

"""
PLAN_HE = """  walking:
    title: הליכה
    body:
    - table:
        header: [שבוע, דקות בכל הליכה, הליכות ביום]
        rows:
        - [שבועות 1 ו-2, 15, 3]
        - [שבועות 3 ו-4, 25, 2]
"""


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> bytes:
    home = made_clinic(tmp_path_factory.mktemp("hebrew") / "clinic", HEBREW_CLINIC)
    library = home / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "\nprotocols:\n", PLAN + "protocols:\n"), encoding="utf-8")
    translation = home / "exercises.he.yaml"
    translation.write_text(translation.read_text(encoding="utf-8") + PLAN_HE,
                           encoding="utf-8")
    ws = api.open_workspace(home=home)
    data = {"patient": {"name": "דנה לוי"}, "date": "2026-12-03", "language": ["he", "en"],
            "exercises": ["pendulum"], "education": ["walking"]}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    assert built.warnings == ()
    return built.pdf


def column(pdf: bytes, hebrew: str, english: str) -> tuple[float, float]:
    """A column's text box: from its English header's left to its Hebrew header's right
    (the Hebrew on the line above the English, where the words are said elsewhere too)."""
    header = span(pdf, english)
    return header[1], near(pdf, hebrew, header)[2]


def near(pdf: bytes, words: str, to: tuple) -> tuple:
    """Where ``words`` are drawn on the page of ``to`` (a span), the nearest line to it."""
    return min((s for s in spans(pdf, words) if s[0] == to[0]), key=lambda s: abs(s[3] - to[3]))


def test_a_cells_hebrew_ends_at_the_right_of_its_column_and_its_english_starts_left(pdf):
    left, right = column(pdf, "שבוע", "Week")
    english = span(pdf, "Weeks 1 and 2")
    hebrew = near(pdf, "שבועות 1 ו-2", english)
    assert abs(hebrew[2] - right) < 1 and abs(english[1] - left) < 1
    assert english[1] == pytest.approx(margins("standard")[0], abs=10)  # the page's left


MINUTES, WALKS = ("דקות בכל הליכה", "Minutes each walk"), ("הליכות ביום", "Walks a day")


@pytest.mark.parametrize("number, hebrew, english", [
    ("15", *MINUTES), ("25", *MINUTES), ("3", *WALKS), ("2", *WALKS)])
def test_a_number_said_once_is_centred_under_both_headers(pdf, number, hebrew, english):
    left, right = column(pdf, hebrew, english)
    header = span(pdf, english)
    # the number as a word of its own, in the table: under the header, on its page
    drawn = [s for s in _alone(pdf, number) if s[0] == header[0] and s[3] < header[3]
             and s[2] > left]
    assert drawn, number
    middle = (drawn[0][1] + drawn[0][2]) / 2
    assert middle == pytest.approx((left + right) / 2, abs=1), (number, drawn[0], left, right)


def _alone(pdf: bytes, number: str) -> list:
    """Where ``number`` is drawn with no digit either side (not the 2 of 12), each time:
    (page, left, right, baseline). The cells of a row's line are drawn with no space
    between them, so a number is told by its digits alone."""
    from test_rtl_wrapping import drawn_lines, visual

    found = []
    for page, lines in enumerate(drawn_lines(pdf), start=1):
        for baseline, chars in lines:
            drawn = f" {visual(chars)} "
            for at in range(1, len(drawn) - len(number)):
                if drawn[at:at + len(number)] == number and not (
                        drawn[at - 1].isdigit() or drawn[at + len(number)].isdigit()):
                    hit = chars[at - 1:at - 1 + len(number)]
                    found.append((page, hit[0][1], hit[-1][2], baseline))
    return found
