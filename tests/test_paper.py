"""What issue 13 asked of the printed page, beyond page fill: walk-in packets with a blank date,
large print without grey and without anything wrapping in its header or log on A4."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from handouts import build as api

from conftest import EXAMPLES, font_sizes, page_texts, reader

GREY = (0.290196, 0.321569, 0.352941)  # the muted text colour, #4a525a


def test_a_walk_in_packet_has_a_blank_date_line(ws):
    program = api.load_program(EXAMPLES / "jane-doe.yaml", ws)
    handout = api.resolve_program(program, ws, blank_name=True, today=dt.date(2026, 11, 30))
    pdf, _ = api.build_packet([handout], ws)
    first = " ".join(page_texts(pdf)[0].split())
    assert "Name: ____" in first and "Date: ____" in first
    assert "November 23, 2026" not in first and "Jane Doe" not in first


def test_a_patients_packet_has_its_date(ws):
    program = api.load_program(EXAMPLES / "jane-doe.yaml", ws)
    first = " ".join(page_texts(api.build_handout(program, ws).pdf)[0].split())
    assert "Date: November 23, 2026" in first


def colours(pdf: bytes) -> set[tuple[float, ...]]:
    found = set()
    for page in reader(pdf).pages:
        def visit(operator, operands, cm, tm):
            if operator in (b"rg", b"RG"):
                found.add(tuple(round(float(v), 6) for v in operands))
        page.extract_text(visitor_operand_before=visit)
    return found


def test_large_print_has_no_grey_text(ws, jane):
    standard = api.build_handout(jane, ws)
    big = api.build_handout(jane, ws, layout="large_print")
    assert GREY in colours(standard.pdf)  # the check can see the grey where it is used
    assert GREY not in colours(big.pdf)


def test_large_print_on_a4_wraps_nothing_in_its_header_or_log(ws):
    a4 = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": "A4"}))
    program = api.load_program(EXAMPLES / "walter-ng-large-print.yaml", a4)
    for language in (("en",), ("es",)):
        built = api.build_handout(program.model_copy(update={"language": language}), a4)
        pages = [t.splitlines() for t in page_texts(built.pdf)]
        header = [line.strip() for line in pages[0][:6]]
        assert ws.clinic.phone in header and ws.clinic.name in header
        log = next(p for p in pages if any(line.startswith(("Your exercise log",
                                                            "Su registro")) for line in p))
        cells = [line.strip() for line in log]
        # the week's header: the word for day once, then each day's number on its own
        day = cells.index("Day" if language == ("en",) else "Día")
        assert cells[day + 1:day + 8] == [str(n) for n in range(1, 8)]


def test_page_one_gives_the_clinics_address_email_and_website_under_a_larger_phone(ws, jane):
    clinic = ws.clinic.model_copy(update={"email": "desk@example.com",
                                          "website": "www.example.com"})
    built = api.build_handout(jane, dataclasses.replace(ws, clinic=clinic))
    lines = page_texts(built.pdf)[0].splitlines()
    first = " ".join(" ".join(lines).split())
    # as many whole on a line as fit beside the phone: none ends in a separator
    assert "St. Louis, Missouri · desk@example.com www.example.com" in first
    assert not any(line.rstrip().endswith("·") for line in lines[:6]), lines[:6]
    sizes = font_sizes(built.pdf)
    phone = next(size for size, _, text in sizes if text == ws.clinic.phone)
    contact = [size for size, _, text in sizes if "desk@example.com" in text
               or "www.example.com" in text]
    assert contact and phone > max(contact)


def left_edges(pdf: bytes, *words: str) -> list[float]:
    """The left edge of each of ``words`` where it first appears on page 1 (PDFium's boxes)."""
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(pdf)[0]
    text = page.get_textpage()
    found = []
    for word in words:
        at = text.get_text_range().find(word)
        assert at >= 0, word
        found.append(text.get_charbox(at)[0])
    return found


@pytest.mark.parametrize("layout, paper", [("standard", "Letter"), ("compact", "A4"),
                                           ("large_print", "Letter"), ("large_print", "A4")])
def test_a_clinic_without_a_logo_starts_its_name_at_the_margin(ws, jane, layout, paper):
    """A clinic made by `new` has no logo: its name was set in the logo's empty column, an
    inch in from the title under it."""
    clinic = ws.clinic.model_copy(update={"logo": None, "page_size": paper})
    built = api.build_handout(jane.model_copy(update={"layout": layout}),
                              dataclasses.replace(ws, clinic=clinic))
    name, title = left_edges(built.pdf, ws.clinic.name, "Home exercise program")
    assert abs(name - title) < 1, (name, title)
    # with its logo, the name keeps its place beside it
    with_logo = api.build_handout(jane.model_copy(update={"layout": layout}),
                                  dataclasses.replace(ws, clinic=ws.clinic.model_copy(
                                      update={"page_size": paper})))
    name, title = left_edges(with_logo.pdf, ws.clinic.name, "Home exercise program")
    assert name > title + 40
