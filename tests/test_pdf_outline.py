"""A handout alone has an outline (the bookmarks a PDF reader lists): page 1, each exercise,
the education and the log, in the order they print, each opening its page where the part
starts. A patient reading a 23-page large-print handout on a phone jumps to an exercise
rather than scroll to it. Read back with pypdf (the outline) and PDFium (where each title
is drawn)."""

from __future__ import annotations

import pytest

import handouts as api

from conftest import EXAMPLES, reader
from test_rtl_page import spans

LAYOUTS = ("standard", "compact", "large_print")


def outline(pdf: bytes) -> list[tuple[str, int, float]]:
    """Each entry: (its title, its page from 1, the height it opens at)."""
    found = reader(pdf)
    assert all(not isinstance(item, list) for item in found.outline)  # one level
    assert found.page_mode != "/UseOutlines"  # the panel does not cover page 1
    return [(item.title, found.get_destination_page_number(item) + 1, float(item.top))
            for item in found.outline]


def assert_each_entry_opens_where_its_part_starts(pdf: bytes, expected: list[str]) -> None:
    entries = outline(pdf)
    assert [title for title, _, _ in entries] == expected
    assert [page for _, page, _ in entries] == sorted(page for _, page, _ in entries)
    assert entries[0][1] == 1
    for title, page, top in entries[1:]:
        words = title.split(". ", 1)[1] if title[0].isdigit() else title
        words = " ".join(words.split()[:3])  # on its first line (a long title wraps)
        drawn = [(p, baseline) for p, _, _, baseline in spans(pdf, words) if p == page]
        # the title is drawn on its page, its first line just under where the entry opens
        assert any(top - 50 <= baseline < top for _, baseline in drawn), (title, page, top,
                                                                          drawn)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_handout_s_outline_lists_its_parts_where_they_start(ws, jane, layout):
    built = api.build_handout(jane.model_copy(update={"layout": layout}), ws)
    ending = ["Your exercise log: week 1", "Learn about your back"]
    if layout == "standard":
        # the log has no room on the last exercise's page (the therapist's note, printed
        # before the exercises now, left it that room): the education fills it first
        ending.reverse()
    assert_each_entry_opens_where_its_part_starts(built.pdf, [
        "Home exercise program", "1. Child's pose rock-back", "2. Sacroiliac joint reset",
        "3. Standing hip flexor stretch", "4. Wall stretch with arms up", "5. Belly breathing",
        *ending])


def test_a_long_large_print_packet_in_two_languages_is_outlined_in_its_first(ws, jane):
    """The 24 pages of `build examples/jane-doe.yaml --layout large_print --language es,en`
    (23 until the Spanish hold's choices took a line more and the wall stretch's tips a page;
    the tips now go on with its caution, which takes that page with them):
    the entries in Spanish, the handout's leading language; the education fills the page
    before the log (see FloatOver), and the outline follows the pages."""
    built = api.build_handout(jane.model_copy(update={"layout": "large_print",
                                                      "language": ("es", "en")}), ws)
    assert len(reader(built.pdf).pages) == 24
    assert_each_entry_opens_where_its_part_starts(built.pdf, [
        "Programa de ejercicios en casa", "1. Postura del niño",
        "2. Desbloqueo de la articulación sacroilíaca", "3. Estiramiento de cadera de pie",
        "4. Estiramiento contra la pared con los brazos arriba", "5. Respiración abdominal",
        "Aprenda sobre su espalda", "Su registro de ejercicios: semana 1"])


def test_every_handout_of_a_process_has_its_outline_and_the_same_bytes_again(ws, jane):
    first = api.build_handout(jane, ws).pdf
    assert api.build_handout(jane, ws).pdf == first
    other = api.build_handout(api.program_from_options(
        ws, patient="Ann Example", exercises=["child_pose"], date="2026-11-23"), ws).pdf
    assert [title for title, _, _ in outline(other)] == [
        "Home exercise program", "1. Child's pose rock-back", "Your exercise log: week 1"]
    assert [title for title, _, _ in outline(first)][1] == "1. Child's pose rock-back"


def test_a_print_file_keeps_one_entry_per_packet(ws, jane):
    handouts = [api.build_handout(jane, ws).handout, api.build_handout(
        jane.model_copy(update={"layout": "compact"}), ws).handout]
    merged, _ = api.render_handouts(handouts, ws)
    pdf = reader(merged)
    assert [item.title for item in pdf.outline] == ["1. Jane Doe", "2. Jane Doe"]
    assert pdf.page_mode == "/UseOutlines"
