"""A card's title with what the exercise is for run on after it, "3. Lying hip flexor
stretch – Stretches the muscles…", one paragraph. Where its lines break at the dash, what
the exercise is for starts the next line without it: a bold title ending in a dash read
as a title cut short, and a line starting with one as a stray mark.

The lines are those the dash would have had: where it ended a line, what follows starts
the next as it did, so the card is as tall as before and no page breaks elsewhere; where it
started one, that line is shorter by the dash, never longer.
"""

from __future__ import annotations

from handouts.render.paragraph import Paragraph


class RunOn(Paragraph):
    """``text``, the title and what it is for joined by ``dash``, in lines; where they break
    at the dash, the lines of ``apart`` instead: the same words, the second part on a line
    of its own. ``said_in``: the font the second part (and the dash) is set in."""

    def __init__(self, text, style=None, bulletText=None, frags=None, *,  # noqa: N803
                 apart: str | None = None, dash: str = "", said_in: str = "", **kw):
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kw)
        # a part split off across pages (reportlab makes it with its frags) is as it was cut
        self._apart = Paragraph(apart, style) if apart and frags is None else None
        if self._source and self._apart:  # its lines and drawing, kept per text, are its own
            self._source = (*self._source, apart)
        self._dash, self._said_in = dash, said_in

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        lines = super().breakLines(width)
        if self._apart is None or not _breaks_at(lines, self._dash, self._said_in):
            return lines
        joined = self.frags
        # fresh fragments each time: breaking lines changes them in place
        self.frags = [f.clone() for f in self._apart.frags]
        try:
            return super().breakLines(width)
        finally:
            self.frags = joined


def _breaks_at(lines, dash: str, font: str) -> bool:
    """Whether the lines break just before or after ``dash``, the first text in ``font``."""
    rows = getattr(lines, "lines", ())
    for i, line in enumerate(rows):
        words = [w for w in getattr(line, "words", ()) if getattr(w, "text", "").strip()]
        for k, word in enumerate(words):
            if word.fontName != font:
                continue
            said = word.text.strip()
            if not said.startswith(dash):
                return False
            ends = said == dash and k == len(words) - 1 and i < len(rows) - 1
            return ends or (k == 0 and i > 0)
    return False
