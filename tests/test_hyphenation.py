"""A word wider than a whole line is split at a syllable, with a hyphen, in the handout's
language (render/hyphens.py): a German clinic's compounds in large print's narrow columns
were split letter by letter with no hyphen ("Schulterblattzusammenführ" / "ung")."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest
from reportlab.lib.styles import ParagraphStyle

import handouts as api
from handouts.render import hyphens
from handouts.render.paragraph import Paragraph

from conftest import page_texts

GERMAN = Path(__file__).resolve().parent / "clinics" / "german"
LONG = "Schulterblattzusammenführung"  # an exercise's title in the German clinic's library


def german_pages(layout: str) -> list[str]:
    ws = api.open_workspace(home=GERMAN)
    program = api.load_program("program.yaml", ws, text=f"""
patient: {{name: Erika Beispiel}}
date: 2026-12-05
protocol: nach_schulter_op
layout: {layout}
""")
    return page_texts(api.build_handout(program, ws).pdf)


def splits_of(word: str, pages: list[str]) -> list[tuple[str, str]]:
    """Each place ``word`` runs from one line to the next: (the first line's end of it,
    the next line's start of it)."""
    found = []
    for page in pages:
        lines = [line.split() for line in page.splitlines()]
        for end, start in zip(lines, lines[1:]):
            if end and start and end[-1].rstrip("-") + start[0] == word:
                found.append((end[-1], start[0]))
    return found


def test_a_german_word_wider_than_its_column_breaks_at_a_syllable_with_a_hyphen():
    """Large print's summary table and log: "Schulterblatt-" … "zusammenführung" (at
    the syllables German allows), never "Schulterblattzusam" / "menführung". Words that
    fit on a line of their own ("Außenrotationsübung") are not hyphenated."""
    pages = german_pages("large_print")
    found = splits_of(LONG, pages)
    assert len(found) >= 2  # the summary table's row and the log's
    syllables = set(pyphen.Pyphen(lang="de").positions(LONG))
    for head, tail in found:
        assert head.endswith("-"), (head, tail)
        assert len(head) - 1 in syllables, (head, tail)
    hyphenated = [line for page in pages for line in page.splitlines()
                  if line.endswith("-") and not line.endswith(" -")]
    assert len(hyphenated) == len(found), hyphenated


def _lines(markup: str, style, width: float) -> list[str]:
    paragraph = Paragraph(markup, style)
    paragraph.wrap(width, 1000)
    para = paragraph.blPara
    if para.kind == 0:
        return [" ".join(words) for _, words in para.lines]
    return ["".join(f.text for f in line.words if hasattr(f, "text")) for line in para.lines]


@pytest.mark.parametrize("markup", [LONG + " im Sitzen", f"<b>3.</b> {LONG} im Sitzen"])
def test_the_same_text_breaks_by_its_language_whatever_broke_first(markup):
    """The line-break cache is keyed on the language too: the German paragraph splits at a
    syllable, the same text in a language with no dictionary as reportlab splits it."""
    base = ParagraphStyle("hyphen-test", fontName="Helvetica", fontSize=12, leading=14)
    german = hyphens.style(base, ("de",))
    plain_first = _lines(markup, base, 110)
    # a language pyphen has no dictionary for breaks as reportlab does
    assert _lines(markup, hyphens.style(base, ("zh",)), 110) == plain_first
    german_lines = _lines(markup, german, 110)
    assert _lines(markup, base, 110) == plain_first
    assert any(line.endswith("Schulterblatt-") or line.endswith("zu-")
               or line.endswith("zusam-") for line in german_lines), german_lines
    assert not any(line.endswith("-") for line in plain_first), plain_first
    # a two-language paragraph breaks only where both languages allow
    both = _lines(markup, hyphens.style(base, ("de", "en")), 110)
    allowed = set(pyphen.Pyphen(lang="de").positions(LONG)) & set(
        pyphen.Pyphen(lang="en").positions(LONG))
    pieces = [line.split()[-1][:-1] for line in both if line.endswith("-")]
    ends = [sum(map(len, pieces[:k + 1])) for k in range(len(pieces))]
    assert ends and set(ends) <= allowed, both


@pytest.mark.parametrize("word", [
    "frontdesk.schulterzentrum@example.com", "https://example.com/schulterblattuebungen",
    "+43-1-555-0142-0099", "10–15-mal", "Schulter-Nacken-Programm", "3x10Wiederholungen"])
def test_no_hyphen_goes_into_a_number_an_address_or_a_phone_number(word):
    assert hyphens.breaks(word, ("de",)) == []


def test_brackets_and_marks_around_a_word_stay_with_it():
    assert hyphens.breaks("(Wandrutschen),", ("de",)) == [
        1 + at for at in pyphen.Pyphen(lang="de").positions("Wandrutschen")]
