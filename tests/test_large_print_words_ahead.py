"""Large print, page 1, where the summary has no room over the safety box: what to do with
the exercises and the log, where the order is and the time they take are said there; the
summary's heading and table start page 2. Under a clinic's one-line header (the stroke
clinic's) page 1 left 130 to 250 pt empty between the patient's facts and the box, and page 2
held all of the summary. Page 1 never says "in this order" over no order, nor holds the
table without "put this page on your fridge". Read back from the PDF: which page each line
is on, and how high."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from conftest import ROOT
from handouts.cli import main
from page_fill_reading import lines

STROKE = ROOT / "tests" / "clinics" / "stroke"
PORTUGUESE = ROOT / "tests" / "clinics" / "portuguese"
AHEAD = "Do the exercises in the order on page 2."
THIS_ORDER = "Do the exercises in this order."
FRIDGE = "Put this page on your fridge."
MINUTES = "Doing all your exercises once takes about"
HEADING = "Your program at a glance"
BOX = "Stop and call us if…"


def built(tmp_path, *exercises: str, home=STROKE, more: str = ""
          ) -> list[list[tuple[float, str]]]:
    program = tmp_path / "ada.yaml"
    program.write_text("patient: {name: Ada Test}\ndate: 2026-11-23\nlayout: large_print\n"
                       f"exercises: [{', '.join(exercises)}]\n{more}", encoding="utf-8")
    # a file of its own: build writes another name beside one that holds another handout
    out = tmp_path / f"ada-{len(list(tmp_path.glob('*.pdf')))}.pdf"
    result = CliRunner().invoke(main, ["--home", str(home), "build", str(program),
                                       "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    paper = "A4" if home == PORTUGUESE else "Letter"
    return [[(y, t.lstrip("*")) for y, t in page]
            for page in lines(out.read_bytes(), "large_print", paper)]


def height(page: list[tuple[float, str]], starts: str) -> float:
    found = [y for y, t in page if t.startswith(starts)]
    assert len(found) == 1, f"{starts!r} is on the page {len(found)} times, not once"
    return found[0]


def said(pages, words: str) -> list[int]:
    """The pages whose text has ``words``, its lines joined."""
    return [i for i, page in enumerate(pages) if words in " ".join(t for _, t in page)]


def test_page_one_says_where_the_order_is_and_how_long_where_the_summary_has_no_room(
        tmp_path):
    pages = built(tmp_path, "counter_march")
    first = pages[0]
    # under the patient's facts, over the box at the foot
    assert height(first, "Next appointment") > height(first, AHEAD) \
        > height(first, MINUTES) > height(first, BOX)
    assert not any(t.startswith(HEADING) for _, t in first)
    # page 2 opens with the summary's heading and table, the words not said again; "in this
    # order" is said nowhere: on page 1 it pointed at nothing, the order being on page 2
    assert pages[1][0][1] == HEADING and "March at the counter" in [t for _, t in pages[1][:9]]
    assert said(pages, AHEAD) == [0] and said(pages, MINUTES) == [0]
    assert said(pages, THIS_ORDER) == []
    # the exercise shares page 2 with the shorter summary: a page less, not more
    assert any(t == "1. March at the counter" for _, t in pages[1])
    assert len(pages) == 3


def test_a_summary_that_fits_page_one_only_without_the_fridge_goes_on_whole(tmp_path):
    # Ada's one reach fits page 1 under the words without "put this page on your fridge",
    # one line short with them: page 1 held the table and not what it is there for
    pages = built(tmp_path, "seated_reach")
    first = pages[0]
    assert height(first, AHEAD) > height(first, MINUTES) > height(first, BOX)
    assert not any(t.startswith(HEADING) or "Reach forward" in t for _, t in first)
    assert pages[1][0][1] == HEADING and "Reach forward" in [t for _, t in pages[1][:9]]
    assert said(pages, FRIDGE) == [] and said(pages, THIS_ORDER) == []
    assert len(pages) == 3


def test_spanish_says_where_the_order_is_and_two_languages_keep_their_summary(tmp_path):
    pages = built(tmp_path, "counter_march", more="language: es\n")
    assert said(pages, "Haga los ejercicios en el orden de la página 2.") == [0]
    assert said(pages, "Haga los ejercicios en este orden.") == []
    assert pages[1][0][1] == "Su programa de un vistazo"
    # in Spanish and English the safety box fills page 1 (README, Layouts): the summary
    # starts page 2 whole, "en este orden" and "in this order" over its table
    pages = built(tmp_path, "counter_march", more="language: [es, en]\n")
    assert said(pages, "Haga los ejercicios en este orden.") == [1]
    assert said(pages, THIS_ORDER) == [1] and said(pages, "página 2") == []


def test_a_clinic_language_without_the_words_keeps_its_summary_whole_on_page_two(tmp_path):
    # the Portuguese clinic's own strings.pt.yaml, written before the key: its "nesta
    # ordem" stays over its table, and check --language pt says what to add
    pages = built(tmp_path, "queixo_para_tras", home=PORTUGUESE)
    assert said(pages, "Seu programa em resumo Faça os exercícios nesta ordem.") == [1]
    assert said(pages, "Faça os exercícios nesta ordem.") == [1]
    result = CliRunner().invoke(main, ["--home", str(PORTUGUESE), "check", "--language",
                                       "pt"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (f"note: {PORTUGUESE / 'strings.pt.yaml'}: no wording for in_order_next_page; a "
            "large-print summary with no room on page 1 then starts page 2 whole"
            ) in result.stderr


def test_a_clinic_that_says_tasks_keeps_its_words_over_its_table(tmp_path):
    # its own "Do the tasks in this order", and not the words ahead: page 1 would say
    # "exercises" where every other line says "tasks"
    home = tmp_path / "stroke"
    shutil.copytree(STROKE, home)
    (home / "strings.en.yaml").write_text('in_order: "Do the tasks in this order."\n',
                                          encoding="utf-8")
    pages = built(tmp_path, "counter_march", home=home)
    assert said(pages, f"{HEADING} Do the tasks in this order.") == [1]
    assert said(pages, AHEAD) == []
    result = CliRunner().invoke(main, ["--home", str(home), "check", "--language", "en"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (f"note: {home / 'strings.en.yaml'}: in_order reworded, but not "
            "in_order_next_page;") in result.stderr
    (home / "strings.en.yaml").write_text(
        'in_order: "Do the tasks in this order."\n'
        'in_order_next_page: "Do the tasks in the order on page 2."\n',
        encoding="utf-8")
    pages = built(tmp_path, "counter_march", home=home)
    assert said(pages, "Do the tasks in the order on page 2.") == [0]
