"""Marks: motion and push arrows along a path, a spot to press, a breathing cue, words and a
distance. Sizes are given in output pixels (``px`` is one pixel in picture units), so an
arrowhead or a word prints the same size in a small picture and a large one."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from handouts.figures import geometry as g
from handouts.figures import clearance, lettering
from handouts.figures.model import Frame, words_in
from handouts.figures.props import point3

TEXT_PX = 19.0


def resolve(point, marks, cam: g.Camera) -> tuple[float, float]:
    if isinstance(point, tuple) and len(point) == 2:
        return point
    return cam.project(point3(point, marks, cam))


def _moved(pt, offset):
    return (pt[0] + offset[0], pt[1] + offset[1])


def marks(frame: Frame, resolve_point, style, px: float, drawn: list[g.Item] = (),
          around: Callable[[], clearance.Clearance] | None = None) -> list[g.Item]:
    """The frame's marks, their words kept clear of what is ``drawn`` and of each other;
    ``around`` gives what is drawn as a Clearance already, where it has one."""
    out: list[g.Item] = []
    # words, and how far they stand from what they name, are sized in their own pixels: a
    # small picture draws them larger for its size (Style.words_scale)
    tpx = px * style.words_scale
    # (word, the way away from what it names, the point it names, and for a label its
    # line to that point, () with none; None for the words of any other mark; the other
    # points its line back may start from, along its arrow): placed once all else is drawn,
    # the labels first
    words: list[tuple[g.Item, tuple[float, float], tuple[float, float], tuple | None,
                      tuple]] = []

    # words that must print so large that a label in two languages is as wide as the
    # picture stand one language to a line: "hueso de la cadera / hip bone" on one line
    # was wider at 12 pt than the 2-inch picture of the psoas release with a tool
    joiner = "\n" if style.stacked else " / "

    def say(said) -> str:
        return words_in(said, style.languages, joiner)

    for mark in frame.marks:
        kind, s = mark.kind, mark.spec
        if kind == "arrow":
            pts = [_moved(resolve_point(p), s.offset) for p in (s.start, *s.via, s.end)]
            drawn_arrow = arrow(pts, s.bend, style.accent, px, push=s.style == "push",
                                both=s.both_ways)
            out += drawn_arrow
            if s.label:
                mid = pts[len(pts) // 2] if len(pts) > 2 else _bow_point(pts[0], pts[-1], s.bend)
                at, anchor = _label_spot(pts[0], pts[-1], mid, tpx)
                words.append((text(say(s.label), at, tpx, style.accent, anchor),
                              (at[0] - mid[0], at[1] - mid[1]), mid, None,
                              clearance.points_of(drawn_arrow)))
        elif kind == "spot":
            at = resolve_point(s.at)
            out += spot(at, style.accent, px)
            if s.label:
                words.append((text(say(s.label), _moved(at, s.label_at), tpx, style.accent),
                              s.label_at, at, None, ()))
        elif kind == "breathe":
            at = _moved(resolve_point(s.at), s.offset)
            out.append(breathe(at, style.accent, px))
            if s.label:
                words.append((text(say(s.label), (at[0], at[1] + 20 * tpx), tpx,
                                   style.accent), (0.0, 1.0), at, None, ()))
        elif kind == "label":
            at = resolve_point(s.at)
            # where the figure file puts them, if that is clear ("ombligo / belly button"
            # stood across the body's outline), else moved like any word; with a thin line
            # to the place they name where they stand away from it. Placed after the labels
            # before it and before every other word, as they were drawn before them.
            line = (at, s.offset) if s.offset != (0.0, 0.0) else ()
            words.insert(sum(1 for w in words if w[3] is not None),
                         (text(say(s.text), _moved(at, s.offset), tpx, INK), s.offset, at,
                          line, ()))
        elif kind == "distance":
            a, b = (_moved(resolve_point(p), s.offset) for p in (s.start, s.end))
            line, label = distance(a, b, say(s.label), style.primary, px, tpx)
            out.append(line)
            words.append((label, (0.0, -1.0), ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), None,
                          ()))
    if not words:  # nothing to keep clear: outlining every limb would be wasted
        return out
    clear = clearance.Clearance(out, around()) if around else clearance.Clearance([*drawn, *out])
    for word, away, named, line, along in words:
        placed = clearance.place(word, clear, TEXT_PX * tpx, away, 3 * px,
                                 None if line is not None else named, along)
        if line:  # the line from the words, where they ended up, to what they name
            (x0, y0, _, _), (x1, y1, _, _) = g.bounds([word]), g.bounds(placed[-1:])
            at = _moved(line[0], line[1])
            lines = word._said[0].count("\n") if isinstance(word, lettering.Words) else 0
            for item in _leader(*line, (at[0] + x1 - x0, at[1] + y1 - y0), drawn, px, tpx,
                                lines):
                out.append(item)
                clear.add(item)
        out += placed
    return out


INK = "#1f2328"


def _leader(named, offset, at, drawn, px, tpx, lines: int = 0) -> list[g.Item]:
    """A label's thin line to the place it names, and its dot there: from under its words
    (the middle of their first baseline ``at``, ``lines`` more lines under it), or over
    them where they stand under it."""
    under = 4 + lines * lettering.LINE * TEXT_PX
    start = (at[0], at[1] + (-under * tpx if offset[1] > 0 else 16 * tpx))
    # it names the part it ends on, so it stops at the first it would run over
    end = clearance.leader_end(named, start, drawn)
    return [g.Item("leader", [[("M", [end]), ("L", [start])]], stroke=INK, width=1.6),
            g.Item("spot", [g.polygon(g.circle_points(end, 2.4 * px, 12))], fill=INK)]


def _bow_point(a, b, bend):
    dx, dy = b[0] - a[0], b[1] - a[1]
    return ((a[0] + b[0]) / 2 - dy * bend, (a[1] + b[1]) / 2 + dx * bend)


def _label_spot(a, b, mid, px):
    """Beside the middle of the arrow, on the side it bows to (above a straight one)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    normal = (-dy / n, dx / n)
    chord_mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    if math.hypot(mid[0] - chord_mid[0], mid[1] - chord_mid[1]) < 1e-6:
        if abs(dy) > abs(dx):  # beside an up or down arrow, reading away from it
            return (mid[0] + 9 * px, mid[1] - 6 * px), "start"
        normal = normal if normal[1] >= 0 else (-normal[0], -normal[1])
    else:
        normal = (mid[0] - chord_mid[0], mid[1] - chord_mid[1])
        k = math.hypot(*normal)
        normal = (normal[0] / k, normal[1] / k)
    return (mid[0] + normal[0] * 14 * px, mid[1] + normal[1] * 14 * px - 6 * px), "middle"


def _curve(pts, bend) -> list[list[tuple[float, float]]]:
    """Cubic Bézier pieces through the points (Catmull-Rom), or one bowed piece."""
    if len(pts) == 2:
        a, b = pts
        c = _bow_point(a, b, bend)
        return [[a, (a[0] + 2 / 3 * (c[0] - a[0]), a[1] + 2 / 3 * (c[1] - a[1])),
                 (b[0] + 2 / 3 * (c[0] - b[0]), b[1] + 2 / 3 * (c[1] - b[1])), b]]
    pieces = []
    ext = [pts[0], *pts, pts[-1]]
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1:i + 3]
        pieces.append([p1, (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6),
                       (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6), p2])
    return pieces


def path_points(pts, bend, steps: int) -> list[tuple[float, float]]:
    """Points along the line an arrow through ``pts`` is drawn on, ``steps`` to a piece."""
    out = [pts[0]]
    for p0, p1, p2, p3 in _curve(pts, bend):
        for i in range(1, steps + 1):
            t = i / steps
            out.append(tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t * t
                             * c + t ** 3 * d for a, b, c, d in zip(p0, p1, p2, p3)))
    return out


def arrow(pts, bend, colour, px, push=False, both=False) -> list[g.Item]:
    """A curved arrow along the points, its head at the end (and at the start: ``both``)."""
    pieces = _curve(pts, bend)
    head = (13 if push else 11) * px
    tips = [_head(pieces[-1], head)]
    if both:
        first = pieces[0][::-1]
        tips.append(_head(first, head))
        pieces[0] = first[::-1]
    cmds: list[g.Command] = [("M", [pieces[0][0]])]
    cmds += [("C", piece[1:]) for piece in pieces]
    width = 5.0 if push else 3.6
    return [g.Item("arrow", [cmds], stroke=colour, width=width),
            g.Item("arrowhead", [g.polygon(tip) for tip in tips], fill=colour)]


def _head(piece, head: float) -> list[tuple[float, float]]:
    """The arrowhead at the end of a Bézier piece; the piece is cut back into it, so the
    tip stays sharp."""
    end = piece[3]
    tx, ty = end[0] - piece[2][0], end[1] - piece[2][1]
    if math.hypot(tx, ty) < 1e-6:
        tx, ty = end[0] - piece[0][0], end[1] - piece[0][1]
    n = math.hypot(tx, ty) or 1.0
    tx, ty = tx / n, ty / n
    piece[3] = (end[0] - tx * head * 0.8, end[1] - ty * head * 0.8)
    piece[2] = (piece[2][0] - tx * head * 0.4, piece[2][1] - ty * head * 0.4)
    half = head * 0.55
    return [end, (end[0] - tx * head - ty * half, end[1] - ty * head + tx * half),
            (end[0] - tx * head * 0.72, end[1] - ty * head * 0.72),
            (end[0] - tx * head + ty * half, end[1] - ty * head - tx * half)]


def spot(at, colour, px) -> list[g.Item]:
    ring = g.polygon(g.circle_points(at, 7 * px, 28))
    dot = g.polygon(g.circle_points(at, 2.6 * px, 16))
    return [g.Item("spot", [ring], fill="#ffffff", stroke=colour, width=2.6),
            g.Item("spot", [dot], fill=colour)]


def breathe(at, colour, px) -> g.Item:
    """Three soft arcs rising from ``at``, like the waves a breath makes."""
    paths = []
    for i, r in enumerate((7, 13, 19)):
        r *= px
        start = (at[0] - r * 0.87, at[1] + r * 0.5)
        end = (at[0] + r * 0.87, at[1] + r * 0.5)
        ctrl = (at[0], at[1] + r * 1.25)
        paths.append([("M", [start]), ("Q", [ctrl, end])])
    return g.Item("breathe", paths, stroke=colour, width=2.8)


def text(words: str, at, px, colour, anchor="middle") -> g.Item:
    size = TEXT_PX * px
    words = re.sub(r"(?<=\d)-(?=\d)", "\u2013", words)  # 1-2 ft reads 1–2 ft
    return lettering.Words.of((words, size, at[0], at[1], anchor), colour)


def distance(a, b, label, colour, px, tpx) -> list[g.Item]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / n * 6 * px, dx / n * 6 * px
    cmds = [("M", [a]), ("L", [b]),
            ("M", [(a[0] - nx, a[1] - ny)]), ("L", [(a[0] + nx, a[1] + ny)]),
            ("M", [(b[0] - nx, b[1] - ny)]), ("L", [(b[0] + nx, b[1] + ny)])]
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 - 22 * tpx)
    return [g.Item("distance", [cmds], stroke=colour, width=2.4),
            text(label, mid, tpx, colour)]


def words_short(frames, built, scale: float, least: float) -> float:
    """How much larger (in twentieths of the standard size) the smallest of the frames'
    words must be drawn to be ``least`` times the standard (``TEXT_PX`` pixels), the frames
    ``built`` and fitted at ``scale``; 0 where they are."""
    drawn = min((item._said[1] * scale * f.zoom / TEXT_PX
                 for b, f in zip(built, frames) for item in b.items
                 if item.role == "text" and getattr(item, "_said", ())), default=math.inf)
    return 0.0 if drawn >= least - 0.005 else math.ceil((least - drawn) * 20) / 20
