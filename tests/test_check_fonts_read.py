"""`check` says whether the fonts the PDFs embed are whole without reading each as a font:
a shipped font whose bytes are the ones the project ships reads as one (0.1 s for the five,
at every `check`). A damaged or missing one is still said (test_hostile_input.py)."""

from __future__ import annotations

import handouts as api
from handouts.render import fonts


def test_check_reads_no_shipped_font_that_is_as_shipped(monkeypatch):
    read: list[str] = []
    made = fonts.font_class

    def counted():
        font = made()
        return lambda name, path, **kw: (read.append(path), font(name, path, **kw))[1]

    monkeypatch.setattr(fonts, "font_class", counted)
    assert api.check_fonts() == []
    assert read == []
