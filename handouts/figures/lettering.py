"""Words in a drawing as outlines, read from the handout's own TrueType font.

A drawing carries no text objects: a PDF form that names a font cannot be kept in the
drawing cache, and a viewer without the font would substitute another. So the few words a
figure shows ("push", "1-2 ft", a frame number) are turned into filled paths here, with a
small reader of the TrueType ``glyf`` outlines (quadratic curves).
"""

from __future__ import annotations

import functools
import struct
from pathlib import Path

FONT = Path(__file__).resolve().parent.parent.parent / "fonts" / "AtkinsonHyperlegible-Bold.ttf"
Command = tuple[str, list[tuple[float, float]]]


class _Font:
    def __init__(self, data: bytes):
        self.data = data
        count = struct.unpack_from(">H", data, 4)[0]
        self.tables = {}
        for i in range(count):
            tag, _, offset, size = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            self.tables[tag.decode("latin-1")] = (offset, size)
        head = self.tables["head"][0]
        self.units = struct.unpack_from(">H", data, head + 18)[0]
        self.long_loca = struct.unpack_from(">h", data, head + 50)[0] == 1
        self.metrics = struct.unpack_from(">H", data, self.tables["hhea"][0] + 34)[0]
        self.cmap = self._cmap()

    def _cmap(self) -> dict[int, int]:
        base = self.tables["cmap"][0]
        count = struct.unpack_from(">H", self.data, base + 2)[0]
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", self.data, base + 4 + 8 * i)
            sub = base + offset
            if struct.unpack_from(">H", self.data, sub)[0] == 4 and platform in (0, 3):
                return self._format4(sub)
        raise ValueError("no Unicode map in the font")

    def _format4(self, sub: int) -> dict[int, int]:
        d = self.data
        segs = struct.unpack_from(">H", d, sub + 6)[0] // 2
        ends = struct.unpack_from(f">{segs}H", d, sub + 14)
        starts = struct.unpack_from(f">{segs}H", d, sub + 16 + 2 * segs)
        deltas = struct.unpack_from(f">{segs}h", d, sub + 16 + 4 * segs)
        range_at = sub + 16 + 6 * segs
        ranges = struct.unpack_from(f">{segs}H", d, range_at)
        out: dict[int, int] = {}
        for i in range(segs):
            for code in range(starts[i], min(ends[i], 0x24FF) + 1):
                if ranges[i] == 0:
                    glyph = (code + deltas[i]) & 0xFFFF
                else:
                    at = range_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                    glyph = struct.unpack_from(">H", d, at)[0]
                    glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
                out[code] = glyph
        return out

    def advance(self, glyph: int) -> int:
        hmtx = self.tables["hmtx"][0]
        return struct.unpack_from(">H", self.data, hmtx + 4 * min(glyph, self.metrics - 1))[0]

    def _location(self, glyph: int) -> tuple[int, int]:
        loca = self.tables["loca"][0]
        if self.long_loca:
            start, end = struct.unpack_from(">II", self.data, loca + 4 * glyph)
        else:
            start, end = (2 * v for v in struct.unpack_from(">HH", self.data, loca + 2 * glyph))
        return self.tables["glyf"][0] + start, end - start

    def contours(self, glyph: int) -> list[list[tuple[float, float, bool]]]:
        at, size = self._location(glyph)
        if size == 0:
            return []
        d = self.data
        count = struct.unpack_from(">h", d, at)[0]
        if count < 0:
            return self._composite(at + 10)
        ends = struct.unpack_from(f">{count}H", d, at + 10)
        points = ends[-1] + 1 if count else 0
        p = at + 10 + 2 * count
        p += 2 + struct.unpack_from(">H", d, p)[0]  # skip the hinting instructions
        flags: list[int] = []
        while len(flags) < points:
            flag = d[p]
            p += 1
            repeat = 0
            if flag & 8:
                repeat = d[p]
                p += 1
            flags += [flag] * (repeat + 1)
        coords = []
        for short, same in ((2, 16), (4, 32)):
            value, column = 0, []
            for flag in flags:
                if flag & short:
                    delta = d[p]
                    p += 1
                    value += delta if flag & same else -delta
                elif not flag & same:
                    value += struct.unpack_from(">h", d, p)[0]
                    p += 2
                column.append(value)
            coords.append(column)
        out, first = [], 0
        for end in ends:
            out.append([(coords[0][i], coords[1][i], bool(flags[i] & 1))
                        for i in range(first, end + 1)])
            first = end + 1
        return out

    def _composite(self, p: int) -> list:
        out = []
        while True:
            flags, glyph = struct.unpack_from(">HH", self.data, p)
            p += 4
            if flags & 1:
                dx, dy = struct.unpack_from(">hh", self.data, p)
                p += 4
            else:
                dx, dy = struct.unpack_from(">bb", self.data, p)
                p += 2
            p += 2 if flags & 8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
            out += [[(x + dx, y + dy, on) for x, y, on in c] for c in self.contours(glyph)]
            if not flags & 0x20:
                return out


@functools.cache
def _font() -> _Font:
    return _Font(FONT.read_bytes())


def _contour_commands(contour, scale: float, x0: float, y0: float) -> list[Command]:
    pts = [(x0 + x * scale, y0 + y * scale, on) for x, y, on in contour]
    if not pts:
        return []
    start = next((i for i, p in enumerate(pts) if p[2]), None)
    if start is None:  # all control points: start between the first two
        a, b = pts[0], pts[1]
        pts = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, True)] + pts[1:] + pts[:1]
        start = 0
    pts = pts[start:] + pts[:start]
    cmds: list[Command] = [("M", [pts[0][:2]])]
    control = None
    for x, y, on in pts[1:] + pts[:1]:
        if on:
            cmds.append(("Q", [control, (x, y)]) if control else ("L", [(x, y)]))
            control = None
        elif control:
            mid = ((control[0] + x) / 2, (control[1] + y) / 2)
            cmds.append(("Q", [control, mid]))
            control = (x, y)
        else:
            control = (x, y)
    cmds.append(("Z", []))
    return cmds


def text_width(text: str, size: float) -> float:
    font = _font()
    return sum(font.advance(font.cmap.get(ord(ch), 0)) for ch in text) * size / font.units


def outline(text: str, size: float, x: float, y: float, anchor: str = "start") -> list[Command]:
    """``text`` as path commands, its baseline at ``y`` (y up), ``size`` units tall (em)."""
    font = _font()
    scale = size / font.units
    if anchor != "start":
        x -= text_width(text, size) * (0.5 if anchor == "middle" else 1.0)
    cmds: list[Command] = []
    for ch in text:
        glyph = font.cmap.get(ord(ch), 0)
        for contour in font.contours(glyph):
            cmds += _contour_commands(contour, scale, x, y)
        x += font.advance(glyph) * scale
    return cmds
