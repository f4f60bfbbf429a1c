"""A table in an education topic (tests/clinics/cardiac, made-up Lakeside Heart & Lung
Rehab): its header and each row read back from the PDF in every layout and in two
languages; a long walking plan that runs on over pages with its header again on each, two
rows at least each side of a break; columns that fit large print's width at the body's
size; and a translation's table that does not pair with the library's."""

from __future__ import annotations

import re
import shutil

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

import handouts as api
from conftest import ROOT, flat_texts, font_sizes
from handouts.cli import main

CLINIC = ROOT / "tests" / "clinics" / "cardiac"
HEADER = ("Week of the plan", "Minutes each walk", "Walks a day")
ES_HEADER = ("Semana del plan", "Minutos por paseo", "Paseos al día")
WEEKS = 36  # longer than a page in every layout
BODY_SIZE = {"standard": 13, "compact": 11, "large_print": 18}

PLAN = """
- id: walking_plan
  title: Your walking plan
  summary: Walk a little longer each week.
  body:
  - Walk on flat ground at a pace where you can talk.
  - table:
      header: [Week of the plan, Minutes each walk, Walks a day]
      rows:
{rows}
  - Stop and rest if you feel dizzy.
"""
ES_PLAN = """language: es
education:
  walking_plan:
    title: Su plan de caminatas
    summary: Camine un poco más cada semana.
    body:
    - Camine en terreno plano a un paso en que pueda hablar.
    - table:
        header: [Semana del plan, Minutos por paseo, Paseos al día]
        rows:
{rows}
    - Deténgase y descanse si se siente mareado.
"""


def row(week: int, spanish: bool = False) -> tuple[str, str, str]:
    if spanish:
        return (f"Semana {week}", f"{10 + week} minutos", "2 veces")
    return (f"Week {week}", f"{10 + week} minutes", "2 times")


def _rows(weeks: int, spanish: bool, indent: str) -> str:
    return "\n".join(f"{indent}- [{', '.join(row(w, spanish))}]" for w in range(1, weeks + 1))


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables") / "lakeside"
    shutil.copytree(CLINIC, folder)
    library = folder / "exercises.yaml"
    written = library.read_text(encoding="utf-8")
    anchor = "\nprotocols:\n"
    library.write_text(written.replace(anchor, PLAN.format(rows=_rows(WEEKS, False, "      "))
                                       + anchor), encoding="utf-8")
    (folder / "exercises.es.yaml").write_text(
        ES_PLAN.format(rows=_rows(WEEKS, True, "        ")), encoding="utf-8")
    return folder


def build(home, layout: str = "standard", language: str = "en",
          education=("walking_plan",)) -> api.build.Built:
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    program = api.program_from_options(ws, patient="Ruth Example", exercises=["home_walking"],
                                       education=list(education), layout=layout,
                                       language=language, date="2026-12-07")
    return api.build_handout(program, ws)


def pages_of(pages: list[str], said: str) -> list[int]:
    return [i for i, page in enumerate(pages) if said in page]


CASES = [(layout, language) for layout in ("standard", "compact", "large_print")
         for language in ("en", "es,en")]


@pytest.mark.parametrize("layout, language", CASES, ids=[f"{a}-{b}" for a, b in CASES])
def test_a_long_table_runs_on_with_its_header_on_every_page(home, layout, language):
    made = build(home, layout, language)
    pages = flat_texts(made.pdf)
    spanish = language.startswith("es")
    header = printed(HEADER, ES_HEADER if spanish else None)
    rows = [printed(row(w), row(w, True) if spanish else None) for w in range(1, WEEKS + 1)]
    on = [pages_of(pages, said + " ") for said in rows]
    assert all(len(found) == 1 for found in on), on  # every row once, whole
    table_pages = sorted({found[0] for found in on})
    assert len(table_pages) >= 2, "the plan should run over a page break"
    assert [found[0] for found in on] == sorted(found[0] for found in on)  # in order
    # the header on top of each page the table is on, once, and on no other page: never
    # alone at a page's foot; two rows at least on each page
    assert pages_of(pages, header) == table_pages
    for page in table_pages:
        assert pages[page].count(header) == 1
        assert sum(1 for found in on if found[0] == page) >= 2, (page, on)
        first = min(w for w, found in enumerate(on) if found[0] == page)
        assert pages[page].index(header) < pages[page].index(rows[first])


def printed(english, spanish=None) -> str:
    """A row as the PDF's text reads it: in two languages, each cell's Spanish, then its
    English under it."""
    if spanish is None:
        return " ".join(english)
    return " ".join(f"{es} {en}" for es, en in zip(spanish, english))


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_the_cells_print_at_the_body_s_size_and_the_header_bold(home, layout):
    made = build(home, layout)
    runs = font_sizes(made.pdf)
    cells = [(size, font) for size, font, said in runs
             if said in (*HEADER, "Week 12", "22 minutes")]
    assert {said for _, _, said in runs} >= {*HEADER, "Week 12", "22 minutes"}
    assert {size for size, _ in cells} == {BODY_SIZE[layout]}
    assert all("Bold" in font for size, font, said in runs if said in HEADER)
    assert not any("Bold" in font for size, font, said in runs if said == "22 minutes")


FIVE = """
- id: when_to_go
  title: When to call us, and when to go to the ER
  body:
  - table:
      header: [What you notice, Lightheadedness, Breathlessness, Palpitations, What to do]
      rows:
      - [At rest, Occasionally, Uncomfortable, Sometimes, "Call us at {phone} today"]
      - [When walking, Frequently, Overwhelming, Constantly, "Call {emergency} now"]
"""


def with_topic(home, tmp_path, topic: str):
    """A copy of the clinic at ``home`` whose library has ``topic`` (YAML) too."""
    folder = tmp_path / "lakeside"
    shutil.copytree(home, folder)
    library = folder / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "\nprotocols:\n", topic + "\nprotocols:\n"), encoding="utf-8")
    return folder


def test_five_columns_fit_large_print_s_width_at_18_points(home, tmp_path):
    folder = with_topic(home, tmp_path, FIVE)
    for paper in ("Letter", "A4"):
        clinic = folder / "clinic.yaml"
        clinic.write_text(re.sub(r"page_size: \w+", f"page_size: {paper}",
                                 clinic.read_text(encoding="utf-8")), encoding="utf-8")
        made = build(folder, "large_print", education=["when_to_go"])
        text = " ".join(flat_texts(made.pdf))
        for said in ("What you notice", "At rest", "Call us at 555-0142 today", "When walking",
                     "Call 911 now"):
            assert said in text, (paper, said)
        # the long words split at a syllable, never set smaller than the body
        runs = [(size, said) for size, _, said in font_sizes(made.pdf)
                if any(part in said for part in ("Lighthead", "Breathless", "Palpitat",
                                                 "Overwhelm", "Frequent"))]
        assert runs and {size for size, _ in runs} == {18}, runs
        document = pdfium.PdfDocument(made.pdf)
        try:
            for page in document:
                width = page.get_width()
                textpage = page.get_textpage()
                for i in range(textpage.count_chars()):
                    left, _, right, _ = textpage.get_charbox(i)
                    # inside the margins (0.65 in), nothing cut off at the page's edge
                    assert 0.6 * 72 <= left and right <= width - 0.6 * 72, (paper, i)
        finally:
            document.close()


def run(home, *args):
    return CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False)


def test_a_translation_s_table_of_another_shape_prints_each_whole(home, tmp_path):
    folder = tmp_path / "lakeside"
    shutil.copytree(home, folder)
    spanish = folder / "exercises.es.yaml"
    written = spanish.read_text(encoding="utf-8")
    last = f"        - [{', '.join(row(WEEKS, True))}]\n"
    assert last in written
    spanish.write_text(written.replace(last, ""), encoding="utf-8")
    result = run(folder, "check", "--language", "es")
    line = written[:written.index("    - table:")].count("\n") + 1
    assert result.exit_code == 1
    assert (f"exercises.es.yaml:{line}: education[walking_plan].body[2].table: "
            f"has {WEEKS - 1} rows of 3 cells, the library's table {WEEKS} rows of 3 cells: a "
            "bilingual handout pairs them cell by cell; give it as many rows, each with as "
            "many cells") in result.stderr, result.stderr
    made = build(folder, "standard", "es,en")
    assert (f"education[walking_plan].body[2].table: {WEEKS - 1} rows of 3 cells in español, "
            f"{WEEKS} rows of 3 cells in English, so they do not pair one by one; each "
            "language's table prints whole, one after the other (check names the line to "
            "mend)") in made.warnings, made.warnings
    text = " ".join(flat_texts(made.pdf))
    # the Spanish table whole, then the English one: no Spanish week paired with another
    spanish_rows = [printed(row(w, True)) for w in (1, WEEKS - 1)]
    english_rows = [printed(row(w)) for w in (1, WEEKS)]
    assert text.index(printed(ES_HEADER)) < text.index(spanish_rows[0]) \
        < text.index(spanish_rows[1]) < text.index(printed(HEADER)) \
        < text.index(english_rows[0]) < text.index(english_rows[1])
    assert "Semana 36" not in text


def test_a_row_taller_than_a_page_splits_inside_rather_than_fail(home, tmp_path):
    # 500 letters in each of five columns in large print: a row of 60 lines, which no page
    # holds; moved whole from page to page, the handout failed
    said = " ".join(f"Step {n}: walk slowly and breathe out." for n in range(1, 15))[:495]
    tall = f"""
- id: tall
  title: A long table
  body:
  - table:
      header: [One, Two, Three, Four, Five]
      rows:
      - [{", ".join(f'"{said}"' for _ in range(5))}]
      - [a, b, c, d, e]
"""
    folder = with_topic(home, tmp_path, tall)
    text = " ".join(flat_texts(build(folder, "large_print", education=["tall"]).pdf))
    assert text.count("Step ") == 5 * said.count("Step ") and "a b c d e" in text


AS_TYPED = """
- id: walk_times
  title: When to walk
  body:
  - table:
      header: [Time, Minutes, Steps, Room, Miles]
      rows:
      - [6:30, 010, 1_000, 0x1A, 1.50]
      - [12:00, 20, 2000, 12, 2.0]
"""


def test_a_cell_prints_as_typed_where_yaml_would_read_another_number(home, tmp_path):
    # YAML 1.1 reads 6:30 as 390 (minutes and seconds), 010 as 8 (octal), 1_000 as 1000,
    # 0x1A as 26 and 1.50 as 1.5: a walking plan printed times no one wrote
    folder = with_topic(home, tmp_path, AS_TYPED)
    made = build(folder, education=["walk_times"])
    assert made.warnings == ()
    text = " ".join(flat_texts(made.pdf))
    assert "6:30 010 1_000 0x1A 1.50 12:00 20 2000 12 2.0" in text, text


BOLD = """
- id: plan_in_bold
  title: Your walking plan
  body:
  - table:
      header: [Week, What to do]
      rows:
      - ["**Weeks 1 to 2**", Walk 10 minutes each time]
      - ["**Weeks 3 to 4**", "Walk **15 minutes** each time"]
"""


def test_words_in_stars_in_a_cell_print_bold(home, tmp_path):
    # a header-like first column, or the words of a row that matter most (docs/library.md)
    folder = with_topic(home, tmp_path, BOLD)
    made = build(folder, education=["plan_in_bold"])
    runs = font_sizes(made.pdf)
    said = {text: font for _, font, text in runs}
    assert "Bold" in said["Weeks 1 to 2"] and "Bold" in said["15 minutes"]
    assert "Bold" not in said["Walk 10 minutes each time"]
    assert not any("**" in text for _, _, text in runs)


PAIN_GUIDE = """
- id: pain_guide
  title: How much pain is OK?
  body:
  - Some discomfort is normal when you exercise. Use this guide.
  - table:
      header: [Your pain (0 to 10), What it means, What to do]
      rows:
      - [0 to 3, Safe, Carry on]
      - [4 to 5, Take care, Do fewer and go slower]
      - [6 to 10, Too much, Stop and call us]
"""


def test_a_short_table_keeps_its_title_and_its_line_of_lead_in_large_print(tmp_path):
    """A pain scale a little over a quarter of a large-print page, with one line leading
    into it: the topic's title and that line were left at a page's foot, the table alone at
    the head of the next (found by a new clinic's A4 handout). Wherever the topic falls
    (each therapist's note a line longer moves it down), they share a page."""
    home = tmp_path / "lakeside"
    shutil.copytree(CLINIC, home)
    library = home / "exercises.yaml"
    anchor = "\nprotocols:\n"
    library.write_text(library.read_text(encoding="utf-8").replace(anchor, PAIN_GUIDE + anchor),
                       encoding="utf-8")
    ws = api.open_workspace(library, home / "clinic.yaml")
    for lines in range(18):
        program = api.program_from_options(
            ws, patient="Ruth Example", exercises=["home_walking"], education=["pain_guide"],
            layout="large_print", date="2026-12-07",
            note=" ".join(["Walk every day, rain or shine, with a friend if you can."] * lines)
            or None)
        pages = flat_texts(api.build_handout(program, ws).pdf)
        [title] = pages_of(pages, "How much pain is OK?")
        assert pages_of(pages, "Some discomfort is normal") == [title], lines
        assert pages_of(pages, "What it means") == [title], lines
        assert pages_of(pages, "Do fewer and go slower") == [title], lines
