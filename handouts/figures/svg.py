"""A figure as SVG text: frames side by side (or one above the other), the same scale and
ground line in each, numbered, with a small arrow from one frame to the next, laid out for
the shape of the box it will be printed in."""

from __future__ import annotations

from html import escape

from handouts.figures import geometry as g
from handouts.figures import lettering, scene
from handouts.figures.model import Figure

# Drawn for a 400 x 282 px box, the shape of an exercise card's picture (2.55 x 1.8 in),
# so a 2.6 px outline prints at about 1.2 pt there (and twice that in large print).
BOX = (400.0, 282.0)
GAP = 30.0
MARGIN = 7.0
BADGE = 13.0
GREY = "#8a939b"


def _fmt(v: float) -> str:
    text = f"{v:.1f}"
    return "0" if text in ("-0.0", "0.0") else text.removesuffix(".0")


def _d(cmds, tx) -> str:
    out = []
    for op, pts in cmds:
        out.append(op + " ".join(f"{_fmt(x)} {_fmt(y)}" for x, y in (tx(p) for p in pts)))
    return "".join(out)


def cameras(figure: Figure) -> list[g.Camera]:
    """Each frame's camera: its own view, turn and look-down, or the figure's."""
    return [scene.camera(f.view or figure.view, figure.turn if f.turn is None else f.turn,
                         figure.look_down if f.look_down is None else f.look_down, f.pose)
            for f in figure.frames]


def box(stretch: float = 1.0) -> tuple[float, float]:
    """The box a figure is drawn for: ``BOX``, made ``stretch`` times as tall (a printed box
    that is narrower for its height than a standard card's picture: compact cards)."""
    return BOX[0], BOX[1] * stretch


def layout(figure: Figure, style: scene.Style, stretch: float = 1.0):
    """Each frame built, its box in picture units, the pixels per unit, and whether the
    frames stand in a row, for ``box(stretch)``."""
    size = box(stretch)
    if figure.arrange != "auto":
        row = figure.arrange == "row"
        return _layout(figure, style, row, size) + (row,)
    row, column = _layout(figure, style, True, size), _layout(figure, style, False, size)
    # start and end read best left to right; a column only when it draws them clearly larger
    return row + (True,) if row[2] * 1.15 >= column[2] else column + (False,)


def _layout(figure: Figure, style: scene.Style, row: bool, size: tuple[float, float]):
    cams = cameras(figure)
    px = 0.3
    for _ in range(3):  # text and arrowheads are sized in pixels: settle the scale
        built = [scene.build(f, c, style, px / f.zoom) for f, c in zip(figure.frames, cams)]
        boxes = []
        for frame, b in zip(figure.frames, built):
            x0, y0, x1, y1 = g.bounds(b.items)
            pad = MARGIN * px / frame.zoom
            top = y1 + pad + (2 * BADGE * px / frame.zoom if frame.number else 0)
            boxes.append([x0 - pad, y0 - pad, x1 + pad, top])
        if row and len({(c.turn, c.tilt, f.zoom) for c, f in zip(cams, figure.frames)}) == 1:
            low, high = min(b[1] for b in boxes), max(b[3] for b in boxes)
            for box in boxes:
                box[1], box[3] = low, high
        widths = [(b[2] - b[0]) * f.zoom for b, f in zip(boxes, figure.frames)]
        heights = [(b[3] - b[1]) * f.zoom for b, f in zip(boxes, figure.frames)]
        gaps = GAP * (len(boxes) - 1)
        if row:
            scale = min((size[0] - gaps) / sum(widths), size[1] / max(heights))
        else:
            scale = min(size[0] / max(widths), (size[1] - gaps) / sum(heights))
        px = 1 / scale
    return built, boxes, scale


def render(figure: Figure, primary: str = "#0b6e75", accent: str = "#b35900",
           languages: tuple[str, ...] = ("en",), stretch: float = 1.0) -> str:
    """The figure as a standalone SVG document, its words in ``languages``, laid out for
    ``box(stretch)`` (same figure, colours, languages and stretch: same text)."""
    style = scene.Style(primary, accent, tuple(languages))
    built, boxes, scale, row = layout(figure, style, stretch)
    sizes = [((b[2] - b[0]) * scale * f.zoom, (b[3] - b[1]) * scale * f.zoom)
             for b, f in zip(boxes, figure.frames)]
    if row:
        width, height = sum(w for w, _ in sizes) + GAP * (len(sizes) - 1), max(h for _, h in sizes)
    else:
        width, height = max(w for w, _ in sizes), sum(h for _, h in sizes) + GAP * (len(sizes) - 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(width)}" '
           f'height="{_fmt(height)}" viewBox="0 0 {_fmt(width)} {_fmt(height)}">',
           f"<title>{escape(figure.title)}</title>"]
    offset = 0.0
    for i, (frame, b, box, (w, h)) in enumerate(zip(figure.frames, built, boxes, sizes)):
        ox, oy = (offset, (height - h) / 2) if row else ((width - w) / 2, offset)

        def tx(p, ox=ox, oy=oy, box=box, k=scale * frame.zoom):
            return (ox + (p[0] - box[0]) * k, oy + (box[3] - p[1]) * k)

        out.append(f'<g id="frame-{i + 1}" class="frame" data-box="{_fmt(ox)} {_fmt(oy)} '
                   f'{_fmt(w)} {_fmt(h)}">')
        out += [_item(item, tx) for item in b.items]
        if frame.number:
            out.append(_badge(frame.number, ox + BADGE + 2, oy + BADGE + 2, style.primary))
        out.append("</g>")
        offset += (w if row else h) + GAP
        if i < len(built) - 1:
            out.append(_between(offset - GAP / 2, row, width, height))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _item(item: g.Item, tx) -> str:
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
    # one path for the whole item: fewer operators in every PDF that shows it
    return f'<path class="{item.role}" d="{"".join(paths)}" {" ".join(style)}/>'


def _badge(number: str, cx: float, cy: float, colour: str) -> str:
    ring = g.polygon(g.circle_points((cx, cy), BADGE, 28))
    label = number.replace("-", "\u2013")
    size = 18.0 if len(label) < 2 else 14.0
    glyphs = lettering.outline(label, size, cx, -cy - size * 0.36, "middle")
    flip = lambda p: (p[0], -p[1])  # noqa: E731 - glyphs are drawn y up
    return (f'<path class="badge" d="{_d(ring, lambda p: p)}" fill="#ffffff" stroke="{colour}" '
            f'stroke-width="2"/><path class="badge-number" d="{_d(glyphs, flip)}" '
            f'fill="{colour}"/>')


def _between(centre: float, row: bool, width: float, height: float) -> str:
    """A small arrow in the gap: this frame, then the next."""
    if row:
        c = (centre, height / 2)
        pts = [(c[0] - 11, c[1]), (c[0] + 4, c[1])]
        head = [(c[0] + 11, c[1]), (c[0] + 1, c[1] - 7), (c[0] + 1, c[1] + 7)]
    else:
        c = (width / 2, centre)
        pts = [(c[0], c[1] - 11), (c[0], c[1] + 4)]
        head = [(c[0], c[1] + 11), (c[0] - 7, c[1] + 1), (c[0] + 7, c[1] + 1)]
    line = f"M{_fmt(pts[0][0])} {_fmt(pts[0][1])}L{_fmt(pts[1][0])} {_fmt(pts[1][1])}"
    tip = _d(g.polygon(head), lambda p: p)
    return (f'<g class="next"><path d="{line}" stroke="{GREY}" stroke-width="3.2" '
            f'stroke-linecap="round" fill="none"/><path d="{tip}" fill="{GREY}"/></g>')
