"""A figure's words are outlined only as they are drawn: a layout measures them, and moves
them clear of the person, at every size of output pixel it tries (a dozen or more), and
outlining each there was a fifth of a drawing's time. Measured without their outline, they
are measured to the last bit as outlined (the drawings are the same: tests/test_figure*.py
and the drawing cache, which names a drawing by its bytes)."""

from __future__ import annotations

import re

import pytest

from handouts.figures import lettering, load_figure, render

from conftest import ROOT

BREATHING = ROOT / "images" / "diaphragmatic_breathing.figure.yaml"


def test_each_word_is_outlined_once_as_it_is_drawn(monkeypatch):
    figure = load_figure(BREATHING)
    outlined = []
    real = lettering.outline

    def counted(*args):
        outlined.append(args[0])
        return real(*args)

    monkeypatch.setattr(lettering, "outline", counted)
    svg = render(figure, languages=("es", "en"), stretch=1.5, words_scale=1.5)
    drawn = re.findall(r'<path class="(?:text|badge-number)"', svg)
    # in, out, still twice, and the frames' numbers: each outlined once, in the drawing
    assert len(drawn) >= 6
    assert len(outlined) == len(drawn), sorted(outlined)


@pytest.mark.parametrize("anchor", ["start", "middle", "end"])
@pytest.mark.parametrize("words", ["in", "tome aire / in", "1–2 ft", "Dévanāgarī, हाथ", "—"])
def test_words_are_measured_as_their_outline_measures(words, anchor):
    for size, x, y in [(19.0, 0.0, 0.0), (13.37, -41.3, 77.9), (31.25, 208.6, -3.3)]:
        word = lettering.Words.of((words, size, x, y, anchor), "#b35900")
        moved = word.moved(3.7, -1.1).moved(-0.3)  # as a word kept clear, then mirrored
        measured = word.box, moved.box  # before either is outlined
        outline = lettering.outline(words, size, x, y, anchor)
        assert word.paths == [outline]
        assert moved.paths == [[(op, [((x + 3.7) - 0.3, y - 1.1) for x, y in pts])
                                for op, pts in outline]]
        for item, box in zip((word, moved), measured):
            xs, ys = zip(*[p for _, pts in item.paths[0] for p in pts])
            assert box == (min(xs), min(ys), max(xs), max(ys))
