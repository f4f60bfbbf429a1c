"""The tests' fast text reader (pdf_text, behind conftest's page_texts and page_visits) reads a
handout as pypdf's ``extract_text`` does, line breaks, spaces and visitor calls alike: the
tests were written against pypdf's reading, and a reader that read otherwise would change what
they guard (a test that some words are *not* on a page could pass because they are read
another way). Where it cannot read as pypdf does, it says so, and page_texts asks pypdf."""

from __future__ import annotations

import pytest

import handouts as api

import pdf_text
from conftest import EXAMPLES, page_texts, page_texts_pypdf, page_visits, reader
from test_scripts import KHMER, NOTO


def pypdf_visits(pdf: bytes) -> list[list[tuple]]:
    """pypdf's visitor calls, as comparable() makes them, taken as they are made."""
    pages = []
    for page in reader(pdf).pages:
        pages.append([])
        page.extract_text(visitor_text=lambda *call, found=pages[-1]: found.append(
            comparable([[call]])[0][0]))
    return pages


def comparable(visits: list[list[tuple]]) -> list[list[tuple]]:
    return [[(text, [round(v, 6) for v in cm], [round(v, 6) for v in tm],
              font and str(font["/BaseFont"]), size) for text, cm, tm, font, size in page]
            for page in visits]


@pytest.mark.parametrize("example", ["jane-doe", "maria-lopez-compact", "rosa-diaz-bilingual",
                                     "walter-ng-large-print"])
def test_a_demo_handout_reads_as_pypdf_reads_it(ws, example):
    """Tables (pypdf breaks a line after each cell, at reportlab's T*), the footer's pieces on
    one baseline, two languages side by side, justified lines, pictures drawn as forms."""
    built = api.build_handout(api.load_program(EXAMPLES / f"{example}.yaml", ws), ws)
    assert pdf_text.read_pages(built.pdf) == page_texts_pypdf(built.pdf)
    assert comparable(pdf_text.page_visits(built.pdf)) == pypdf_visits(built.pdf)


@pytest.mark.parametrize("name", ["Jo  Smith", "Αλέξανδρος Παπαδόπουλος", "Ann (Nan) O'Neil\\"])
def test_the_spaces_pdfium_leaves_out_are_read(ws, name):
    """pdfium drops the second of two spaces and a space shown alone (between a Greek name's
    two words, in another font); pypdf reads both, and the reader puts them back."""
    program = api.program_from_options(ws, patient=name, exercises=["child_pose"],
                                       note=f"Good work, {name}!", date="2026-11-23")
    pdf = api.build_handout(program, ws).pdf
    assert pdf_text.read_pages(pdf) == page_texts_pypdf(pdf)
    assert name in page_texts(pdf)[0]


@pytest.fixture(scope="module")
def _noto_fonts():
    if not (NOTO / "NotoSansKhmer-Regular.ttf").is_file():
        pytest.skip("Noto's fonts are not installed (Debian: fonts-noto-core)")


@pytest.mark.usefixtures("_noto_fonts")
@pytest.mark.parametrize("name, note", [("Sok Chan", KHMER * 3),
                                        ("सुमन श्रेष्ठ", "सीने में दर्द हो तो तुरंत 112 पर फ़ोन करें।")])
def test_marks_placed_by_tj_read_as_pypdf_reads_them(ws, name, note):
    """A shaped script's marks are placed with TJ's offsets, which pypdf reads as spaces where
    they are wide; a PDF whose offsets fall where pdfium's characters cannot be told apart
    is handed to pypdf."""
    program = api.program_from_options(ws, patient=name, exercises=["child_pose"], note=note,
                                       date="2026-11-23")
    pdf = api.build_handout(program, ws).pdf
    try:
        assert pdf_text.read_pages(pdf) == page_texts_pypdf(pdf)
    except pdf_text.Unreadable:
        pass
    assert page_texts(pdf) == page_texts_pypdf(pdf)


@pytest.mark.usefixtures("_noto_fonts")
def test_right_to_left_text_is_left_to_pypdf(ws):
    """pdfium puts right-to-left text in an order of its own and reads Arabic's joined forms
    as plain letters: the reader will not read it, and page_texts has pypdf read it."""
    program = api.program_from_options(ws, patient="Pat Example", exercises=["child_pose"],
                                       note="اتصل بالرقم 112 فورا إذا شعرت بألم في صدرك.",
                                       date="2026-11-23")
    pdf = api.build_handout(program, ws).pdf
    with pytest.raises(pdf_text.Unreadable, match="right-to-left"):
        pdf_text.read_pages(pdf)
    assert page_texts(pdf) == page_texts_pypdf(pdf)
    # where a run turns right to left pypdf passes its text matrix as it stands, and moves it
    # on after the call: page_visits keeps it as it was at the call
    assert comparable(page_visits(pdf)) == pypdf_visits(pdf)
