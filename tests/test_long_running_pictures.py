"""A web app that runs for months meets new clinic colours, languages and picture boxes: the
themes, drawings' operators and figures' words it keeps per process are bounded like its other
caches (handouts.kept), and a handout made after one was given up is the same bytes."""

from __future__ import annotations

import dataclasses
import gc
import shutil

from reportlab.lib.styles import ParagraphStyle

import handouts as api
from handouts.render import (context, forms, frozen, hyphens, paragraph, picture_cache,
                             pictures, replay, theme)

from conftest import page_texts


def _coloured(ws: api.Workspace, n: int) -> api.Workspace:
    colors = ws.clinic.colors.model_copy(update={"primary": f"#0b{n:02x}75"})
    return dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"colors": colors}))


def _forget_all() -> None:
    """As a new process starts (its disk cache kept)."""
    frozen.clear()
    replay.clear()
    pictures._vector.cache_clear()
    pictures._figure.cache_clear()
    forms._operators.clear()
    theme._themes.clear()


def test_themes_are_bounded_and_one_given_up_prints_the_same(ws, jane, monkeypatch):
    """theme_for kept every colour set for the life of the process (functools.cache); and a
    block laid out in a theme was kept by the theme's id, which a new theme may reuse once
    the old one is given up: keyed by what the theme is made from, it prints the same."""
    monkeypatch.setattr(theme, "THEMES", 3)
    _forget_all()
    first = api.build_handout(jane, ws).pdf
    for n in range(1, 12):
        theme.theme_for("standard", "Letter", f"#0b{n:02x}75")
        assert len(theme._themes) <= 3
    api.build_handout(jane, _coloured(ws, 7))
    assert api.build_handout(jane, ws).pdf == first


def test_drawings_operators_are_bounded_and_one_given_up_is_drawn_again(ws, jane,
                                                                        monkeypatch):
    monkeypatch.setattr(forms, "OPERATORS", 4)
    _forget_all()
    first = api.build_handout(jane, ws).pdf  # its drawings kept on disk too
    # each colour set draws every figure anew: five or more operators a build of Jane's,
    # so that two colour sets overrun the bound and give up every one of the first's
    for n in range(1, 3):
        api.build_handout(jane, _coloured(ws, n))
        assert len(forms._operators) <= 4
    # a new process: the drawings come from the disk cache, without a drawing of their own;
    # their operators are given up, and the disk cache deleted meanwhile: drawn again
    _forget_all()
    assert api.build_handout(jane, ws).pdf == first
    for n in range(1, 3):
        api.build_handout(jane, _coloured(ws, n))
    shutil.rmtree(picture_cache.cache_dir(), ignore_errors=True)
    again = api.build_handout(jane, ws)
    assert again.pdf == first
    assert "Jane Doe" in " ".join(page_texts(again.pdf))


def _hyphenation_styles_held() -> int:
    """The styles made for hyphenation still alive once what else holds styles (laid-out
    blocks, parsed and broken markup) is given up, as a long run gives them up."""
    _forget_all()
    paragraph._parsed.cache_clear()
    paragraph._wrapped.clear()
    paragraph._min_widths.clear()
    context._item_style.cache_clear()
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, ParagraphStyle)
               and getattr(o, "hyphenation_languages", None))


def test_the_styles_made_for_hyphenation_are_bounded_and_one_given_up_prints_the_same(
        ws, jane, monkeypatch):
    """hyphens.style kept a copy of each style of every theme it met for the life of the
    process (functools.cache), the theme's own styles with it, long after theme_for had
    given the theme up: a web app meeting new colours (28 styles a build of Jane's) grew
    without end."""
    monkeypatch.setattr(theme, "THEMES", 3)
    monkeypatch.setattr(hyphens, "STYLES", 40, raising=False)
    monkeypatch.setattr(hyphens, "_styles", {}, raising=False)  # as a new process starts
    before = _hyphenation_styles_held()
    first = api.build_handout(jane, ws).pdf
    # three colour sets: 84 styles more than the bound's 40 unless they are given up, and
    # a fourth theme, so that the first's is given up too
    for n in range(1, 4):
        api.build_handout(jane, _coloured(ws, n))
    assert _hyphenation_styles_held() - before <= 40
    assert api.build_handout(jane, ws).pdf == first


def test_figure_words_fallen_back_are_kept_only_where_there_are_some(ws, jane):
    """A figure whose words all print in the handout's languages keeps no entry: what a
    process keeps grows with the figures that lack a translation, not with every colour and
    language it met."""
    _forget_all()
    pictures._fell_back.clear()
    for n in range(1, 4):
        api.build_handout(jane, _coloured(ws, n))
    assert all(pictures._fell_back.values())
