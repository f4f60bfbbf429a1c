"""Large print, page 1, where the summary has no room over the safety box: what to do with
the exercises and the log, and the time they take, are said there; the summary's heading
and table start page 2. Under a clinic's one-line header (the stroke clinic's) page 1 left
130 to 250 pt empty between the patient's facts and the box, and page 2 held all of the
summary. Read back from the PDF: which page each line is on, and how high."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import ROOT
from handouts.cli import main
from page_fill_reading import lines

STROKE = ROOT / "tests" / "clinics" / "stroke"
WORDS = "Do the exercises in this order."
MINUTES = "Doing all your exercises once takes about"
HEADING = "Your program at a glance"
BOX = "Stop and call us if…"


def built(tmp_path, *exercises: str) -> list[list[tuple[float, str]]]:
    program = tmp_path / "ada.yaml"
    program.write_text("patient: {name: Ada Test}\ndate: 2026-11-23\nlayout: large_print\n"
                       f"exercises: [{', '.join(exercises)}]\n", encoding="utf-8")
    out = tmp_path / "ada.pdf"
    result = CliRunner().invoke(main, ["--home", str(STROKE), "build", str(program),
                                       "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [[(y, t.lstrip("*")) for y, t in page]
            for page in lines(out.read_bytes(), "large_print", "Letter")]


def height(page: list[tuple[float, str]], starts: str) -> float:
    found = [y for y, t in page if t.startswith(starts)]
    assert len(found) == 1, f"{starts!r} is on the page {len(found)} times, not once"
    return found[0]


def test_page_one_says_what_to_do_and_how_long_where_the_summary_has_no_room(tmp_path):
    pages = built(tmp_path, "counter_march")
    first = pages[0]
    # under the patient's facts, over the box at the foot
    assert height(first, "Next appointment") > height(first, WORDS) > height(first, MINUTES) \
        > height(first, BOX)
    assert not any(t.startswith(HEADING) for _, t in first)
    # page 2 opens with the summary's heading and table, the words not said again
    assert pages[1][0][1] == HEADING
    texts = [t for page in pages for _, t in page]
    assert sum(t.startswith(WORDS) for t in texts) == 1
    assert sum(t.startswith(MINUTES) for t in texts) == 1
    # the exercise shares page 2 with the shorter summary: a page less, not more
    assert any(t == "1. March at the counter" for _, t in pages[1])
    assert len(pages) == 3


def test_a_summary_that_fits_page_one_under_the_shorter_words_is_set_there(tmp_path):
    pages = built(tmp_path, "seated_reach")
    first = pages[0]
    # the heading first, then what to do (without "put this page on your fridge", which
    # left it a line short), the time, the table, and the box
    assert height(first, HEADING) > height(first, WORDS) > height(first, MINUTES) \
        > height(first, "Reach forward") > height(first, BOX)
    assert not any("fridge" in t for _, t in first)
    assert pages[1][0][1] == "1. Reach forward"
    assert len(pages) == 3
