"""Words in a drawing as outlines, read from fonts by HarfBuzz.

A drawing carries no text objects: a PDF form that names a font cannot be kept in the
drawing cache, and a viewer without the font would substitute another. So the few words a
figure shows ("push", "1-2 ft", a frame number) are turned into filled paths here.

Each letter is drawn in the first font that has it, in bold: the handout's own (Atkinson
Hyperlegible), then DejaVu Sans (shipped: Greek, Cyrillic, Hebrew, Arabic), then a Chinese,
Japanese and Korean font and the machine's own fonts (typefaces.py), as on the page. Words
in a right-to-left script are put in display order, Arabic letters joined, as the page's
text is (render/rtl.py); each font's run is then shaped by HarfBuzz (a Devanagari conjunct,
a Thai tone mark on its letter) and its glyphs' outlines drawn. A letter no font has is
left out (``check`` warns of it).
"""

from __future__ import annotations

import functools
from pathlib import Path

from handouts import typefaces
from handouts.figures import geometry as g
from handouts.render import rtl

FONT = typefaces.FONT_DIR / "AtkinsonHyperlegible-Bold.ttf"
FALLBACK = typefaces.FONT_DIR / "DejaVuSans-Bold.ttf"
Command = tuple[str, list[tuple[float, float]]]


@functools.cache
def _font(path: Path):
    """HarfBuzz's font for ``path`` (at its own units) and the characters it has; None if
    it cannot be read."""
    import uharfbuzz as hb

    try:
        face = hb.Face(hb.Blob.from_file_path(str(path)))
        return hb.Font(face), frozenset(face.unicodes), face.upem
    except Exception:  # HarfBuzz reads a broken file as an empty face; a missing one raises
        return None


@functools.cache
def _font_for(char: str) -> Path | None:
    """The font file a drawing draws ``char`` in (bold where the face has a bold)."""
    code = ord(char)
    cjk = typefaces.cjk_font()
    for path in (FONT, FALLBACK, *([cjk] if cjk else []), *typefaces.candidates(code)):
        path = typefaces.bold_of(path) or path
        font = _font(path)
        if font is not None and code in font[1]:
            return path
    return None


def _runs(text: str) -> list[tuple[Path, str]]:
    """``text`` in display order as (font file, piece) runs; letters no font has dropped."""
    out: list[tuple[Path, str]] = []
    for char in rtl.visual(text, lambda c: _font_for(c) is not None):
        path = _font_for(" " if char.isspace() else char)
        if path is None:
            continue
        if out and out[-1][0] == path:
            out[-1] = (path, out[-1][1] + char)
        else:
            out.append((path, char))
    return out


@functools.lru_cache(maxsize=1024)  # a word is measured, then drawn, in many drawings
def _glyphs(text: str, size: float) -> tuple[tuple[Path, int, float, float], ...]:
    """(font, glyph, x, y) of each glyph of ``text`` at ``size``, x from the start, y from
    the baseline; the last entry's x is the width (glyph -1)."""
    import uharfbuzz as hb

    placed, x = [], 0.0
    for path, piece in _runs(text):
        font, _, upem = _font(path)
        scale = size / upem
        buf = hb.Buffer()
        buf.add_str(piece)
        buf.guess_segment_properties()
        buf.direction = "ltr"  # already in display order (right-to-left runs reversed)
        hb.shape(font, buf, {"kern": True, "liga": True})
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
            placed.append((path, info.codepoint, x + pos.x_offset * scale, pos.y_offset * scale))
            x += pos.x_advance * scale
    placed.append((FONT, -1, x, 0.0))
    return tuple(placed)


def text_width(text: str, size: float) -> float:
    return _glyphs(text, size)[-1][2]


class _Pen:
    """Collects a glyph's outline (HarfBuzz's pen calls) as path commands, in the font's
    units (y up)."""

    def __init__(self):
        self.commands: list[tuple[str, tuple[tuple[float, float], ...]]] = []

    def moveTo(self, point):  # noqa: N802 - the pen protocol's names
        self.commands.append(("M", (tuple(point),)))

    def lineTo(self, point):  # noqa: N802
        self.commands.append(("L", (tuple(point),)))

    def qCurveTo(self, *points):  # noqa: N802
        self.commands.append(("Q", tuple(tuple(p) for p in points)))

    def curveTo(self, *points):  # noqa: N802
        self.commands.append(("C", tuple(tuple(p) for p in points)))

    def closePath(self):  # noqa: N802
        self.commands.append(("Z", ()))


# a library's drawings repeat a few words ("push", "hold", frame numbers) thousands of times:
# each letter's outline is traced by HarfBuzz once per process, then only scaled and placed
@functools.lru_cache(maxsize=4096)
def _traced(path: Path, glyph: int) -> tuple[tuple[str, tuple[tuple[float, float], ...]], ...]:
    """Glyph ``glyph`` of the font at ``path`` as path commands, in the font's units."""
    pen = _Pen()
    _font(path)[0].draw_glyph_with_pen(glyph, pen)
    return tuple(pen.commands)


LINE = 1.2  # words of several lines: each line's baseline this many sizes under the last


def outline(text: str, size: float, x: float, y: float, anchor: str = "start") -> list[Command]:
    """``text`` as path commands, its baseline at ``y`` (y up), ``size`` units tall (em);
    a line break starts a line under it (each line anchored alike)."""
    if "\n" in text:
        return [cmd for i, line in enumerate(text.split("\n"))
                for cmd in outline(line, size, x, y - i * LINE * size, anchor)]
    placed = _glyphs(text, size)
    width = placed[-1][2]
    if anchor != "start":
        x -= width * (0.5 if anchor == "middle" else 1.0)
    cmds: list[Command] = []
    for path, glyph, gx, gy in placed[:-1]:
        scale = size / _font(path)[2]
        ox, oy = x + gx, y + gy
        cmds += [(op, [(ox + px * scale, oy + py * scale) for px, py in points])
                 for op, points in _traced(path, glyph)]
    return cmds


@functools.lru_cache(maxsize=4096)
def _reach(path: Path, glyph: int) -> tuple[float, float, float, float] | None:
    """The box of glyph ``glyph``'s outline in the font's units; None for one with none."""
    points = [p for _, pts in _traced(path, glyph) for p in pts]
    if not points:
        return None
    xs, ys = zip(*points)
    return min(xs), min(ys), max(xs), max(ys)


def extent(text: str, size: float, x: float, y: float, anchor: str = "start"
           ) -> tuple[float, float, float, float] | None:
    """The box of ``outline``'s points (x0, y0, x1, y1), to the last bit, without placing
    them: each glyph's extremes scaled and placed as ``outline`` places every point (a sum
    and a product, each rounded the same way for a larger number as for a smaller one, keep
    the extremes the extremes). None for words with no outline."""
    if "\n" in text:
        lines = [extent(line, size, x, y - i * LINE * size, anchor)
                 for i, line in enumerate(text.split("\n"))]
        lines = [b for b in lines if b is not None]
        if not lines:
            return None
        return (min(b[0] for b in lines), min(b[1] for b in lines),
                max(b[2] for b in lines), max(b[3] for b in lines))
    placed = _glyphs(text, size)
    if anchor != "start":
        x -= placed[-1][2] * (0.5 if anchor == "middle" else 1.0)
    boxes = []
    for path, glyph, gx, gy in placed[:-1]:
        reach = _reach(path, glyph)
        if reach is not None:
            scale = size / _font(path)[2]
            ox, oy = x + gx, y + gy
            boxes.append((ox + reach[0] * scale, oy + reach[1] * scale,
                          ox + reach[2] * scale, oy + reach[3] * scale))
    if not boxes:
        return None
    x0s, y0s, x1s, y1s = zip(*boxes)
    return min(x0s), min(y0s), max(x1s), max(y1s)


class Words(g.Item):
    """Words in a picture (role "text"), outlined only once their outline is asked for: a
    layout measures a frame's words, and moves them clear of the person, at every size of
    output pixel it tries (a dozen or more), and draws them at one. Their box comes from
    ``extent``, moved as they are; their outline, when asked for, is ``outline``'s, moved
    the same steps, so it is what outlining them first and moving it would be."""

    # outline's arguments, and each move (dx, dy) since; made with paths (a copy by
    # dataclasses.replace), they are those paths
    _said: tuple = ()
    _moves: tuple = ()

    @classmethod
    def of(cls, said: tuple, fill: str | None, moves: tuple = ()) -> "Words":
        """The words ``outline(*said)`` draws, filled with ``fill``, moved ``moves``."""
        words = cls("text", None, fill)
        words._said, words._moves = said, moves
        return words

    @property
    def paths(self) -> list[list[Command]]:
        if self._paths is None:
            outlined = g.Item("text", [outline(*self._said)], self.fill)
            for dx, dy in self._moves:
                outlined = outlined.moved(dx, dy)
            self._paths = outlined.paths
        return self._paths

    @paths.setter
    def paths(self, paths) -> None:
        self._paths = paths

    @functools.cached_property
    def box(self) -> tuple[float, float, float, float] | None:
        if self._paths is not None:
            return super().box
        box = extent(*self._said)
        for dx, dy in self._moves if box else ():
            box = (box[0] + dx, box[1] if dy is None else box[1] + dy, box[2] + dx,
                   box[3] if dy is None else box[3] + dy)
        return box

    def moved(self, dx: float, dy: float | None = None) -> g.Item:
        if self._paths is not None:
            return super().moved(dx, dy)
        return Words.of(self._said, self.fill, (*self._moves, (dx, dy)))
