"""A figure's layout builds each frame once for each size of output pixel it tries: every
arrangement (side by side, one above the other ...) starts from the same size, and one
often settles on a size tried already; a frame's marks, its words kept clear of the person,
are most of a drawing's time. The drawing is the same (tests/test_figure*.py)."""

from __future__ import annotations

import collections

from handouts.figures import load_figure, render, scene

from conftest import ROOT


def test_each_frame_is_built_once_at_each_size(monkeypatch):
    figure = next(f for f in map(load_figure, sorted((ROOT / "images").glob("*.figure.yaml")))
                  if len(f.frames) > 1 and f.arrange == "auto")
    built: collections.Counter = collections.Counter()
    real = scene.build

    def counted(frame, cam, style, px):
        built[(id(frame), style, px)] += 1
        return real(frame, cam, style, px)

    monkeypatch.setattr(scene, "build", counted)
    assert render(figure, words_scale=1.6, stretch=0.7).startswith("<svg")
    assert built and max(built.values()) == 1, sorted(built.values())
