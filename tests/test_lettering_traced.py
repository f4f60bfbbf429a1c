"""A drawing's words traced by HarfBuzz letter by letter once per process: a library's
drawings repeat a few words ("push", "hold", frame numbers) thousands of times, and
tracing the same letters again was 4 % of the test suite's time. The outlines are the
same numbers as traced afresh (the drawings' bytes are the cache's names)."""

from __future__ import annotations

from handouts.figures import lettering


class _Pen:
    """A glyph's outline as HarfBuzz draws it, in the font's units."""

    def __init__(self):
        self.commands = []

    def moveTo(self, p):  # noqa: N802 - the pen protocol's names
        self.commands.append(("M", [p]))

    def lineTo(self, p):  # noqa: N802
        self.commands.append(("L", [p]))

    def qCurveTo(self, *ps):  # noqa: N802
        self.commands.append(("Q", list(ps)))

    def curveTo(self, *ps):  # noqa: N802
        self.commands.append(("C", list(ps)))

    def closePath(self):  # noqa: N802
        self.commands.append(("Z", []))


def afresh(text: str, size: float, x: float, y: float) -> list:
    """``text``'s outline, each glyph traced now, scaled and placed as lettering does."""
    font, _, upem = lettering._font(lettering.FONT)
    out = []
    for _, glyph, gx, gy in lettering._glyphs(text, size)[:-1]:
        pen = _Pen()
        font.draw_glyph_with_pen(glyph, pen)
        out += [(op, [(x + gx + px * (size / upem), y + gy + py * (size / upem))
                      for px, py in points]) for op, points in pen.commands]
    return out


def test_each_letter_is_traced_once_however_often_it_is_drawn(monkeypatch):
    pens = []

    class Counted(lettering._Pen):
        def __init__(self, *args):
            pens.append(args)
            super().__init__(*args)

    monkeypatch.setattr(lettering, "_Pen", Counted)
    words = "pop up, pop"
    first = lettering.outline(words, 11.5, 3.0, 4.0)
    again = lettering.outline(words, 11.5, 3.0, 4.0)
    smaller = lettering.outline("pop", 7.25, -2.0, 1.0)
    assert first == again == afresh(words, 11.5, 3.0, 4.0)
    assert smaller == afresh("pop", 7.25, -2.0, 1.0)
    glyphs = {glyph for _, glyph, _, _ in lettering._glyphs(words, 11.5)[:-1]}
    assert len(pens) <= len(glyphs), f"{len(pens)} glyphs traced for {len(glyphs)} letters"
