"""A figure as SVG text: frames side by side (or one above the other, or the first above the
other two), the same scale and ground line in each, numbered, with a small arrow from one
frame to the next, laid out for the shape of the box it will be printed in."""

from __future__ import annotations

import dataclasses
import math
import re
from html import escape

from handouts.figures import geometry as g
from handouts.figures import lettering, marks, scene
from handouts.figures.model import Figure
from handouts.words import text

# Drawn for a 400 x 282 px box, the shape of an exercise card's picture (2.55 x 1.8 in),
# so a 2.6 px outline prints at about 1.2 pt there (and twice that in large print).
BOX = (400.0, 282.0)
GAP = 30.0
MARGIN = 7.0
BADGE = 13.0
NUMBER_PX = 18.0  # a frame number's size in a ring BADGE pixels across (figure_keys)
KEEP = 0.75  # how small larger words may make the person, at most: three quarters
GREY = "#8a939b"


def _fmt(v: float) -> str:
    text = f"{v:.1f}"
    return "0" if text in ("-0.0", "0.0") else text.removesuffix(".0")


# a number _fmt wrote "-0.0" ("0"), and the ".0" it leaves off ("12.0" is "12")
_NEGATIVE_ZERO = re.compile(r"-0\.0(?!\d)")
_POINT_ZERO = re.compile(r"\.0(?!\d)")


def _d(cmds, tx) -> str:
    """Path commands as SVG path data, each point moved by ``tx``, each number as _fmt
    writes it: formatted all at once (a drawing has tens of thousands of numbers), then
    the zeros _fmt leaves off taken out."""
    pattern, numbers = [], []
    for op, pts in cmds:
        pattern.append(op + " ".join(["%.1f %.1f"] * len(pts)))
        for p in pts:
            numbers += tx(p)
    return _POINT_ZERO.sub("", _NEGATIVE_ZERO.sub("0", "".join(pattern) % tuple(numbers)))


def cameras(figure: Figure) -> list[g.Camera]:
    """Each frame's camera: its own view, turn and look-down, or the figure's."""
    return [scene.camera(f.view or figure.view, figure.turn if f.turn is None else f.turn,
                         figure.look_down if f.look_down is None else f.look_down, f.pose)
            for f in figure.frames]


def box(stretch: float = 1.0) -> tuple[float, float]:
    """The box a figure is drawn for: ``BOX``, made ``stretch`` times as tall (a printed box
    that is narrower for its height than a standard card's picture: compact cards)."""
    return BOX[0], BOX[1] * stretch


def arrangements(figure: Figure) -> dict[str, list[list[int]]]:
    """The ways the frames can stand, as rows of frame indexes: side by side, one above the
    other, and (three frames) the first above the other two, which a narrow box prints far
    larger than three in a row (a start position, then two ways to move from it), and (four
    to six: close-ups of a hand) in two rows read as lines of text, the longer one on top."""
    n = len(figure.frames)
    found = {"row": [list(range(n))], "column": [[i] for i in range(n)]}
    if n == 3:
        found["first above"] = [[0], [1, 2]]
    if n > 3:
        top = (n + 1) // 2
        found["two rows"] = [list(range(top)), list(range(top, n))]
    return found


def layout(figure: Figure, style: scene.Style, stretch: float = 1.0):
    """Each frame built, its box in picture units, the pixels per unit, the rows the frames
    stand in, for ``box(stretch)``, and the style they were drawn in: its words as large as
    ``style`` asks, unless that would draw the person more than a quarter smaller than
    words of the standard size do (long words, in two languages, in a small picture); then
    as large as that allows, but never smaller than ``style.words_least`` times the
    standard (large print: words its readers can read, the person smaller if it must)."""
    # each frame as built at each size of output pixel: every arrangement starts from the
    # same size, and one often settles on a size tried already (a frame's marks and words,
    # kept clear of the person, are most of a drawing's time)
    built: dict = {}
    laid = _arranged(figure, style, stretch, built)
    if style.words_scale > 1:
        standard = _arranged(figure, dataclasses.replace(style, words_scale=1.0), stretch, built)
        least = max(1.0, style.words_least)
        while style.words_scale > least and laid[2] < KEEP * standard[2]:
            style = dataclasses.replace(style, words_scale=max(least, style.words_scale - 0.25))
            laid = standard if style.words_scale == 1 else _arranged(figure, style, stretch,
                                                                     built)
    if style.words_least <= 0:  # no least asked
        return laid + (style,)
    # the frames are built at a size of pixel the fitted scale then changes a little (a
    # word or two larger make the person smaller): words asked at least so large are drawn
    # larger until they are (psoas release with a tool, in two languages: 73 % of the size
    # asked, printed at 10.5 pt where 12 was asked). Where a label in two languages is as
    # wide as the picture, its words grow no larger for being asked to (the drawing
    # shrinks with them): it stands one language to a line instead, and they are asked again
    asked = style
    for stacked in (False, True):
        style = dataclasses.replace(asked, stacked=stacked)
        if stacked:
            laid = _arranged(figure, style, stretch, built)
        for _ in range(4):
            short = marks.words_short(figure.frames, laid[0], laid[2],
                                      style.words_least * NUMBER_PX / marks.TEXT_PX)
            if not short:
                return laid + (style,)
            style = dataclasses.replace(style, words_scale=style.words_scale + short)
            laid = _arranged(figure, style, stretch, built)
        if not marks.words_short(figure.frames, laid[0], laid[2],
                                 style.words_least * NUMBER_PX / marks.TEXT_PX):
            break
    return laid + (style,)


def _arranged(figure: Figure, style: scene.Style, stretch: float, built: dict):
    """``layout``'s frames, boxes, scale and rows, in the arrangement that suits the box."""
    size = box(stretch)
    ways = arrangements(figure)
    if figure.arrange != "auto":
        rows = ways[figure.arrange]
        return _layout(figure, style, rows, size, built) + (rows,)
    laid = {name: _layout(figure, style, rows, size, built) for name, rows in ways.items()}
    # start and end read best left to right: another way only where it draws the frames
    # clearly larger (by scale: each frame drawn that much bigger)
    best = max(laid, key=lambda name: laid[name][2] * (1.15 if name == "row" else 1.0))
    return laid[best] + (ways[best],)


def _layout(figure: Figure, style: scene.Style, rows: list[list[int]],
            size: tuple[float, float], kept: dict):
    cams = cameras(figure)
    px = 0.3
    for _ in range(3):  # text and arrowheads are sized in pixels: settle the scale
        built = [_built(kept, i, f, c, style, px / f.zoom)
                 for i, (f, c) in enumerate(zip(figure.frames, cams))]
        boxes, scale = _fitted(figure, cams, built, style, rows, size, px)
        built_px, px = px, 1 / scale
    # a word under a frame's number: the room between them is pixels of the picture as
    # printed, measured at the scale it settled on, the frames as built (measured at the
    # pixels they were built at, the number stood on the word where the scale had not
    # quite settled: "2–4" on "estiramiento / stretch")
    if any(_under_number(f, b, style, built_px / f.zoom) for f, b in zip(figure.frames, built)):
        for _ in range(4):
            boxes, scale = _fitted(figure, cams, built, style, rows, size, built_px,
                                   1 / scale)
    return built, boxes, scale


def _under_number(frame, built: scene.Built, style: scene.Style, px: float) -> list[float]:
    """The tops of the words of a frame, built ``px`` units to a pixel, that stand under
    where its number goes (at its top left, or top right read right to left)."""
    if not frame.number:
        return []
    x0, _, x1, y1 = g.bounds(built.items)
    reach = 8 * BADGE * style.words_scale * px  # a pill of three digits, and air
    near = 3 * BADGE * style.words_scale * px
    return [b[3] for item in built.items if item.role == "text"
            for b in [g.bounds([item])]
            if b[3] > y1 - near and (b[0] < x0 + reach or b[2] > x1 - reach)]


def _fitted(figure: Figure, cams, built, style: scene.Style, rows: list[list[int]],
            size: tuple[float, float], px: float, printed: float | None = None):
    """Each frame's box, its margins and numbers ``px`` units to a pixel, and the scale
    that fits them in ``size``; a word under a frame's number kept clear of it at
    ``printed`` units to a pixel, where given."""
    boxes = []
    for frame, b in zip(figure.frames, built):
        x0, y0, x1, y1 = g.bounds(b.items)
        pad = MARGIN * px / frame.zoom
        badge = 2 * BADGE * style.words_scale * px / frame.zoom if frame.number else 0
        top = y1 + pad + badge
        if printed:
            # the number's ring from 2 pixels under the top, its outline, and 3 of air
            below = (2 + 2 * BADGE * style.words_scale + style.words_scale + 3) * printed
            top = max([top, *(word + below / frame.zoom
                              for word in _under_number(frame, b, style, px / frame.zoom))])
        boxes.append([x0 - pad, y0 - pad, x1 + pad, top])
    # frames seen alike side by side share their ground and height; looking level,
    # from whichever side, the ground is the same line
    alike = lambda i: (cams[i].turn if cams[i].tilt else 0.0, cams[i].tilt,  # noqa: E731
                       figure.frames[i].zoom)
    for row in rows:
        if len(row) > 1 and len({alike(i) for i in row}) == 1:
            low, high = min(boxes[i][1] for i in row), max(boxes[i][3] for i in row)
            for i in row:
                boxes[i][1], boxes[i][3] = low, high
    widths = [(b[2] - b[0]) * f.zoom for b, f in zip(boxes, figure.frames)]
    heights = [(b[3] - b[1]) * f.zoom for b, f in zip(boxes, figure.frames)]
    across = min((size[0] - GAP * (len(row) - 1)) / sum(widths[i] for i in row)
                 for row in rows)
    down = (size[1] - GAP * (len(rows) - 1)) / sum(max(heights[i] for i in row)
                                                   for row in rows)
    return boxes, min(across, down)


def _built(kept: dict, i: int, frame, cam: g.Camera, style: scene.Style,
           px: float) -> scene.Built:
    """Frame ``i`` built at ``px`` (mirrored where the style says), once per layout (and
    once per process: ``scene.built``)."""
    key = (i, style, px)
    if key not in kept:
        kept[key] = scene.built(frame, cam, style, px, i in style.mirrored)
    return kept[key]


def render(figure: Figure, primary: str = "#0b6e75", accent: str = "#b35900",
           languages: tuple[str, ...] = ("en",), stretch: float = 1.0,
           words_scale: float | tuple[float, float] = 1.0, rtl: bool | None = None,
           mirrored: tuple[int, ...] = ()) -> str:
    """The figure as a standalone SVG document, its words in ``languages`` and
    ``words_scale`` times their standard size (or given (that, the least): never less
    than the least, see ``layout``), laid out for ``box(stretch)`` (same
    arguments: same text). On a page that runs right to left (``rtl``; where not given,
    every language written so by the table: text.right_to_left) the frames beside each
    other run from the right, each with its numbers at its top right, and the arrows
    between them point left: the reader starts at the right. The bodies are not flipped (a
    side view is no less clear either way). The ``mirrored`` frames are drawn as in a
    mirror, their words not (see render.figure_sides: a patient's own side)."""
    words_scale, words_least = (words_scale if isinstance(words_scale, tuple)
                                else (words_scale, 0.0))
    style = scene.Style(primary, accent, tuple(languages), words_scale, tuple(mirrored),
                        words_least)
    if rtl is None:  # a clinic's own direction for a language is the caller's to give
        rtl = text.right_to_left(tuple(languages))
    built, boxes, scale, rows, style = layout(figure, style, stretch)
    sizes = [((b[2] - b[0]) * scale * f.zoom, (b[3] - b[1]) * scale * f.zoom)
             for b, f in zip(boxes, figure.frames)]
    row_widths = [sum(sizes[i][0] for i in row) + GAP * (len(row) - 1) for row in rows]
    row_heights = [max(sizes[i][1] for i in row) for row in rows]
    width, height = max(row_widths), sum(row_heights) + GAP * (len(rows) - 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(width)}" '
           f'height="{_fmt(height)}" viewBox="0 0 {_fmt(width)} {_fmt(height)}">',
           f"<title>{escape(figure.title)}</title>"]
    placed: dict[int, tuple[float, float]] = {}  # each frame's top left corner
    top = 0.0
    for r, row in enumerate(rows):
        left = (width - row_widths[r]) / 2
        for i in (reversed(row) if rtl else row):
            placed[i] = (left, top + (row_heights[r] - sizes[i][1]) / 2)
            left += sizes[i][0] + GAP
        top += row_heights[r] + GAP
    moves = {i: _mover(placed[i], boxes[i], scale * f.zoom)
             for i, f in enumerate(figure.frames)}
    words = [(*moves[i]((x0, y1)), *moves[i]((x1, y0)))  # in pixels, y down
             for i, b in enumerate(built) for item in b.items if item.role == "text"
             for x0, y0, x1, y1 in [g.bounds([item])]]
    top = 0.0
    for r, row in enumerate(rows):
        for k, i in enumerate(row):
            frame, b, (w, h) = figure.frames[i], built[i], sizes[i]
            (ox, oy), tx = placed[i], moves[i]
            out.append(f'<g id="frame-{i + 1}" class="frame" data-box="{_fmt(ox)} '
                       f'{_fmt(oy)} {_fmt(w)} {_fmt(h)}">')
            out += [_item(item, tx, _em(item, scale * frame.zoom)) for item in b.items]
            if frame.number:
                radius = BADGE * style.words_scale
                out.append(_badge(frame.number, ox + w - 2 if rtl else ox + 2,
                                  oy + radius + 2, radius, style.primary, end=rtl))
            out.append("</g>")
            if k < len(row) - 1:  # the next frame beside it (on its left, right to left)
                gap = ox - GAP / 2 if rtl else ox + w + GAP / 2
                out.append(_between(gap, -1 if rtl else 1, _clear_of(
                    words, gap, top + row_heights[r] / 2, (top, top + row_heights[r]))))
            elif r < len(rows) - 1 and len(row) == 1:  # the next below
                # (not from the end of a row of several to the start of the next: an arrow
                # down the middle would point at the wrong frame; the numbers read as text)
                out.append(_between(top + row_heights[r] + GAP / 2, 0, width / 2))
        top += row_heights[r] + GAP
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _mover(corner: tuple[float, float], box: list[float], k: float):
    """A frame's points (y up, in its units) to the picture's pixels (y down)."""
    ox, oy = corner
    return lambda p: (ox + (p[0] - box[0]) * k, oy + (box[3] - p[1]) * k)


def _clear_of(words: list[tuple[float, float, float, float]], gap: float, middle: float,
              span: tuple[float, float]) -> float:
    """How high the arrow between two frames side by side goes: halfway up, unless a word
    stands beside the gap there ("→ flat" reads as one phrase); then the nearest height,
    a little at a time, with no word beside it. (An arrow pointing down, between frames
    one above the other, is not read along a line of words.)"""
    near = [w for w in words if w[0] < gap + GAP and w[2] > gap - GAP]
    room = 11.0 + 5.0  # the arrowhead's half height, and some air
    for step in range(0, 40):
        for at in (middle - 4.0 * step, middle + 4.0 * step):
            if span[0] + room <= at <= span[1] - room and not any(
                    w[1] - room < at < w[3] + room for w in near):
                return at
    return middle


def _em(item: g.Item, k: float) -> float | None:
    """How large a frame's words are (their em) in the picture's pixels, its units drawn
    ``k`` pixels each; None for anything else."""
    said = getattr(item, "_said", ())
    return said[1] * k if item.role == "text" and said else None


def _item(item: g.Item, tx, em: float | None = None) -> str:
    paths = [_d(cmds, tx) for cmds in item.paths]
    if item.silhouette:
        # every piece outlined at twice the width, then every piece filled on top: one
        # outline around the whole limb, none where its pieces overlap (the pieces are one
        # path each time: they all turn the same way, so they fill as their union)
        d = "".join(paths)
        return (f'<g class="{item.role}"><path d="{d}" fill="{item.fill}" '
                f'stroke="{item.stroke}" stroke-width="{_fmt(item.width * 2)}" '
                f'stroke-linejoin="round"/><path d="{d}" fill="{item.fill}"/></g>')
    style = [f'fill="{item.fill or "none"}"']
    if item.stroke:
        style.append(f'stroke="{item.stroke}" stroke-width="{_fmt(item.width)}" '
                     'stroke-linecap="round" stroke-linejoin="round"')
    if em is not None:  # words say their size: what they print at is read from it
        style.append(f'data-em="{em:.2f}"')
    # one path for the whole item: fewer operators in every PDF that shows it
    return f'<path class="{item.role}" d="{"".join(paths)}" {" ".join(style)}/>'


def _badge(number: str, left: float, cy: float, radius: float, colour: str,
           end: bool = False) -> str:
    """The frame's step numbers in a ring (one digit) or a pill as wide as a range ("1–3"
    is as large as "4", not squeezed into the ring), its left end at ``left`` (its right
    end there, at the ``end`` of a frame read right to left)."""
    label = number.replace("-", "\u2013")
    size = NUMBER_PX * radius / BADGE
    glyphs = lettering.outline(label, size, 0.0, -cy - size * 0.36, "start")
    xs = [x for _, pts in glyphs for x, _ in pts]
    width = max(xs) - min(xs) if xs else 0.0
    half = max(0.0, (width + 0.9 * radius - 2 * radius) / 2)  # the straight part's half
    if end:
        left -= 2 * (radius + half)
    cx = left + radius + half
    shift = cx - (min(xs) + width / 2) if xs else 0.0
    steps = 14
    outline = [(cx + half + radius * math.cos(math.pi * (k / steps - 0.5)),
                cy + radius * math.sin(math.pi * (k / steps - 0.5))) for k in range(steps + 1)]
    outline += [(cx - half - radius * math.cos(math.pi * (k / steps - 0.5)),
                 cy - radius * math.sin(math.pi * (k / steps - 0.5))) for k in range(steps + 1)]
    placed = lambda p: (p[0] + shift, -p[1])  # noqa: E731 - glyphs are drawn y up
    return (f'<path class="badge" d="{_d(g.polygon(outline), lambda p: p)}" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="{_fmt(2 * radius / BADGE)}"/>'
            f'<path class="badge-number" d="{_d(glyphs, placed)}" fill="{colour}" '
            f'data-em="{size:.2f}"/>')


def _between(centre: float, row: int, across: float) -> str:
    """A small arrow in the gap: this frame, then the next (beside it: ``row`` 1 to its
    right, -1 to its left; 0: below it); ``across``: where the arrow is on the other axis."""
    if row:
        c, s = (centre, across), row
        pts = [(c[0] - 11 * s, c[1]), (c[0] + 4 * s, c[1])]
        head = [(c[0] + 11 * s, c[1]), (c[0] + s, c[1] - 7), (c[0] + s, c[1] + 7)]
    else:
        c = (across, centre)
        pts = [(c[0], c[1] - 11), (c[0], c[1] + 4)]
        head = [(c[0], c[1] + 11), (c[0] - 7, c[1] + 1), (c[0] + 7, c[1] + 1)]
    line = f"M{_fmt(pts[0][0])} {_fmt(pts[0][1])}L{_fmt(pts[1][0])} {_fmt(pts[1][1])}"
    tip = _d(g.polygon(head), lambda p: p)
    return (f'<g class="next"><path d="{line}" stroke="{GREY}" stroke-width="3.2" '
            f'stroke-linecap="round" fill="none"/><path d="{tip}" fill="{GREY}"/></g>')
