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


def test_a_card_that_runs_on_for_pages_is_built_again_once_not_once_per_page(tmp_path,
                                                                         monkeypatch):
    """A card taller than a page splits, and its rest is split again on each page it runs
    on to; each part that split again was rebuilt from the whole card, through every split
    before it (a 3,000-character note over 9 pages laid out 29 times). Counted: the whole
    cards made for a note twice as long, on more pages, are as many."""
    import shutil
    from pathlib import Path

    import yaml

    import handouts as api
    from handouts.render import card, pdf

    home = tmp_path / "naniwa"
    shutil.copytree(Path(__file__).parent / "clinics" / "japanese", home)
    ws = api.open_workspace(home=home)
    program = yaml.safe_load((home / "examples" / "yamada.yaml").read_text(encoding="utf-8"))
    first, *rest = program["exercises"]
    first = first if isinstance(first, str) else first["id"]
    sentence = "輪ゴムがきついときは、2本を1本にしてください。痛みが出たらすぐにやめてください。"
    made = []
    real_init = card.Card.__init__

    def counting(self, *args, **kw):
        if kw.get("page_height") is not None:  # a whole card; reportlab's parts have none
            made.append(1)
        real_init(self, *args, **kw)

    def cards_made(note: str) -> tuple[int, int]:
        made.clear()
        data = {**program, "exercises": [{"id": first, "note": note}, *rest]}
        built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
        return len(made), pdf.page_count(built.pdf)

    monkeypatch.setattr(card.Card, "__init__", counting)
    cards_made(sentence)  # the other cards, page 1, the log: laid out once per process
    # long enough to run on, wherever page 1 leaves the card to start: 1,000 characters came
    # to fit a page once the summary kept its last two rows together
    short, short_pages = cards_made((sentence * 80)[:1500])
    long, long_pages = cards_made((sentence * 80)[:3000])
    # two pages more at least (three before the wrist stretch's close-up, where it falls)
    assert long_pages >= short_pages + 2
    assert long == short, (short, long)
