"""Right-to-left text that wraps: read back from the PDF by where each character is drawn.

PDFium (pypdfium2) gives every character with its box; a line is the characters of one
baseline, and its drawing order is left to right by box. A right-to-left line of Hebrew or
Arabic letters (and spaces and full stops) read right to left is its text in logical order,
so the lines of a note, read top to bottom and each from the right, must give the note back.
Before, the order was settled before the lines were broken: the top line held the note's
last words.
"""

from __future__ import annotations

import ctypes
import io
import unicodedata

import pypdfium2 as pdfium
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import handouts as api

from conftest import reader

HEBREW = ("התחילו לאט ונשמו עמוק לפני כל תרגיל. אם הכאב מתגבר, עצרו ונוחו כמה דקות. "
          "עשו את התרגילים פעמיים ביום, בבוקר ובערב, ותמיד על משטח יציב. "
          "ספרו לנו בביקור הבא איך הרגשתם ומה היה קשה.")
ARABIC = ("ابدأ ببطء وتنفس بعمق قبل كل تمرين. إذا زاد الألم، توقف واسترح بضع دقائق. "
          "قم بالتمارين مرتين في اليوم، في الصباح والمساء، ودائما على سطح ثابت. "
          "أخبرنا في الزيارة القادمة كيف شعرت وما الذي كان صعبا.")


def is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def drawn_lines(pdf: bytes) -> list[list[tuple[int, list]]]:
    """Per page, its lines top to bottom: (baseline, chars), each char (text, left, right)
    in drawing order, left to right."""
    pages = []
    x, y = ctypes.c_double(), ctypes.c_double()
    doc = pdfium.PdfDocument(pdf)
    try:
        for page in doc:
            text = page.get_textpage()
            rows: dict[int, list] = {}
            for i in range(text.count_chars()):
                char = text.get_text_range(i, 1)
                if char in "\r\n":
                    continue
                # the origin: the baseline (the row) and where the character starts (the
                # order); the loose box: the advance it takes (a line's edges)
                pdfium.raw.FPDFText_GetCharOrigin(text.raw, i, x, y)
                left, _, right, _ = text.get_charbox(i, loose=True)
                rows.setdefault(round(y.value), []).append((x.value, char, left, right))
            pages.append([(at, [c[1:] for c in sorted(row)])
                          for at, row in sorted(rows.items(), reverse=True)])
    finally:
        doc.close()
    return pages


def visual(chars) -> str:
    return "".join(c for c, _, _ in chars)


def rtl_lines(pdf: bytes) -> list[list]:
    """Every line that holds right-to-left letters, top to bottom, page by page: only the
    characters right of the first of them (a label such as "Note for you:" is left of it)."""
    out = []
    for page in drawn_lines(pdf):
        for _, chars in page:
            if any(is_rtl(c) for c, _, _ in chars):
                out.append(chars)
    return out


def logical(chars) -> str:
    """A right-to-left line read from the right: its text as typed (NFKC turns Arabic's
    joined forms back into its letters)."""
    return unicodedata.normalize("NFKC", visual(chars)[::-1]).strip()


def build(ws, note: str, name: str = "Jane Doe") -> bytes:
    program = api.program_from_data({
        "patient": {"name": name}, "date": "2026-11-23", "note": note,
        "exercises": ["child_pose", "kneeling_rock_back"]}, ws, source="test")
    built = api.build_handout(program, ws)
    assert built.warnings == ()
    return built.pdf


@pytest.mark.parametrize("note", [HEBREW, ARABIC], ids=["hebrew", "arabic"])
def test_a_wrapped_note_reads_top_line_first_each_line_from_the_right(ws, note):
    lines = rtl_lines(build(ws, note))
    assert len(lines) >= 3
    read = [logical(chars) for chars in lines]
    # the top line holds the note's first words, and so on down
    assert " ".join(read) == unicodedata.normalize("NFKC", note)
    assert read[0].startswith(unicodedata.normalize("NFKC", note)[:20])
    # right-aligned: every line ends at the same right edge; the last, shorter one starts
    # further right than the first
    rights = [max(r for _, _, r in chars) for chars in lines]
    assert max(rights) - min(rights) < 0.5, rights
    lefts = [min(left for _, left, _ in chars) for chars in lines]
    assert lefts[-1] > lefts[0] + 20


def drawn_runs(pdf: bytes, holding: str) -> list[str]:
    """The runs of text (one font each) of the line that holds ``holding``, in the order
    they are drawn, left to right, as pypdf reads them: a run of Hebrew letters in the
    order they are read (pypdf turns it back), a run of other characters as drawn."""
    for page in reader(pdf).pages:
        runs: list[tuple[float, str]] = []
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: runs.append(
            (round(tm[5] * cm[3] + cm[5]), text)))
        rows = {y for y, text in runs if holding in text}
        if rows:
            return [text.strip() for y, text in runs if y in rows and text.strip()]
    raise AssertionError(f"no line holds {holding!r}")


def test_english_words_a_number_and_brackets_inside_a_hebrew_note(ws):
    """One line, ordered by the bidirectional algorithm: the English name and the number
    read left to right where they stand, and brackets around Hebrew open toward what they
    hold: python-bidi no longer mirrors them, so they printed as ``)בבוקר ובערב(``."""
    note = "עשו את Child's pose (3) פעמים ביום (בבוקר ובערב)"
    assert drawn_runs(build(ws, note), "ביום") == [
        "(", "ובערב", "בבוקר", ")", "ביום", "פעמים", "Child's pose (3)", "את", "עשו"]


def test_a_hebrew_name_in_an_english_line(ws):
    name = "דוד כהן"
    page = drawn_lines(build(ws, "Go slowly.", name=name))[0]
    line = next(visual(chars) for _, chars in page if visual(chars).startswith("For: "))
    # left to right: the English label, the name drawn right to left, the English goes on
    assert line.startswith(f"For: {name[::-1]} · Next appointment:")


def test_hebrew_steps_are_numbered_on_the_right(library_copy):
    steps = ["התחילו על הידיים והברכיים ונשמו לאט ועמוק לפני שאתם מתחילים לזוז אחורה "
             "לאט לאט עד שאתם מרגישים מתיחה נעימה בגב התחתון",
             "חזרו לאט למקום"]

    def hebrew_steps(data):
        data["exercises"][0]["steps"] = steps

    ws = library_copy("exercises.yaml", hebrew_steps)
    lines = rtl_lines(build(ws, "Go slowly."))
    # each step's number is right of its text's right edge, read from the right as "1."
    # is (drawn ".1"); a step that wraps reads top line first
    edge = max(r for c, _, r in lines[0] if is_rtl(c))
    numbers = ["".join(c for c, left, _ in line if left >= edge) for line in lines]
    assert numbers[:4] == [".1", "", "", ".2"]
    said = [logical([c for c in line if c[1] < edge]) for line in lines[:4]]
    assert " ".join(said[:3]) == steps[0] and said[3] == steps[1]
    # the text of every line ends at one right edge, left of the numbers
    assert all(abs(max(r for _, left, r in line if left < edge) - edge) < 0.5
               for line in lines[:4])


MIXED = st.text(st.sampled_from(list("abc XYZ 12 .,:;()[]<>-%'") + list("אבגדה שלום")
                                + list("مرحبا لا ١٢٣") + ["\u200f", "\u200e", "\xa0"]),
                max_size=40)


@settings(max_examples=300, deadline=None)
@given(MIXED, st.booleans())
def test_a_line_is_ordered_as_python_bidi_orders_it_with_brackets_mirrored(line, to_left):
    """rtl.order reorders from python-bidi's levels itself (rules L1, L2) and mirrors
    (L4), which python-bidi's own get_display no longer does. A phone number's spaces are
    ordered as no-break spaces (see rtl), so python-bidi is given the line with them so."""
    from bidi import get_display
    from bidi.mirror import MIRRORED

    from handouts.render import rtl

    order = rtl.order(line, to_left)
    assert sorted(i for i, _ in order) == list(range(len(line)))
    as_ordered = rtl._phone_numbers_whole(line)
    assert "".join(as_ordered[i] for i, _ in order) == get_display(
        as_ordered, base_dir="RL"[not to_left])
    for i, char in order:
        assert char == line[i] or MIRRORED[line[i]] == char


@settings(max_examples=100, deadline=None)
@given(st.lists(MIXED, min_size=1, max_size=4), st.sampled_from([40, 120, 400]))
def test_any_mixed_paragraph_draws_every_character_it_holds(texts, width):
    """Broken at any width (a word longer than a line too) and with a second language after
    a line break, a paragraph draws each of its characters once."""
    from reportlab.pdfgen.canvas import Canvas

    from handouts.render.context import esc
    from handouts.render.paragraph import Paragraph
    from handouts.render.theme import theme_for

    assume(any(c.isalnum() for t in texts for c in t))  # reportlab draws no empty paragraph
    markup = "<br/>".join(esc(t) for t in texts)
    paragraph = Paragraph(markup, theme_for("standard").style("body"), bulletText="1.")
    paragraph.wrap(width, 10_000)
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    paragraph.drawOn(canvas, 0, 0)
    canvas.save()
    drawn = "".join(c for line in drawn_lines(out.getvalue())[0] for c, _, _ in line[1])
    letters = lambda text: sorted(c for c in unicodedata.normalize("NFKC", text)  # noqa: E731
                                  if c.isalnum())
    assert letters(drawn) == letters("1." + "".join(texts))
