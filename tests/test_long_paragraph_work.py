"""Laying out a long paragraph takes work in proportion to its length: a Japanese note
written as one paragraph with no spaces (one "word" to reportlab, split into lines by
kinsoku) measured every break after each line's start, for every line, with the whole
rest of the note. 40 sentences took seconds, 120 did not finish in minutes, and a
therapist's long note would hang the web app's preview. Counted, not timed: the
characters handed to the measuring function for a paragraph twice as long."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from handouts.render import glyphs, hyphens
from handouts.render.paragraph import Paragraph

SENTENCES = {
    # one font throughout: a single fragment
    "one font": "指をゆっくり曲げて、痛みのない範囲で止めます。",
    # a number in the handout's own font between the Japanese font's text: fragments
    "fragments": "指をゆっくり曲げて、痛みのない範囲で5秒止めます。",
}


@pytest.fixture(scope="module", autouse=True)
def cjk_font():
    if glyphs.font_for("指") is None:
        pytest.skip("no CJK font installed (Debian: fonts-wqy-zenhei)")


def measured(text: str, monkeypatch) -> tuple[int, int]:
    """How many characters laying out ``text`` in a card's column measured, and its lines."""
    count = [0]
    real = pdfmetrics.stringWidth

    def counting(said, *rest, **named):
        count[0] += len(said)
        return real(said, *rest, **named)

    base = ParagraphStyle("long-note", fontName="Helvetica", fontSize=11, leading=14)
    paragraph = Paragraph(glyphs.markup(text), hyphens.style(base, ("ja",), "ja-JP"))
    with monkeypatch.context() as patched:
        patched.setattr(pdfmetrics, "stringWidth", counting)
        paragraph.wrap(300, 100_000)
    return count[0], len(paragraph.blPara.lines)


@pytest.mark.parametrize("kind", SENTENCES)
def test_a_japanese_paragraph_twice_as_long_takes_about_twice_the_measuring(kind, monkeypatch):
    sentence = SENTENCES[kind]
    short, short_lines = measured(sentence * 20, monkeypatch)
    long, long_lines = measured(sentence * 40, monkeypatch)
    assert long_lines >= 2 * short_lines - 1 and short_lines > 15
    assert long <= 2.5 * short, (short, long)
    # and no more than a few times each character per line it could end
    assert long <= 60 * len(sentence * 40), long
