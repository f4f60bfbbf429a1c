"""Words in a picture kept clear of what is drawn: a label that would cross a limb, a wall or
an arrow is moved, a little at a time, to the nearest place where it crosses nothing.

A figure file places its words beside what they name, for a standard card. A translation
is longer ("estiramiento" for "stretch"), two languages are longer still, and a small
picture draws its words larger for its size (Style.words_scale): any of them may then run
over the body. Each word is therefore tried where it was asked for first, then on rings
around that place, the side away from what it names first. Of the places clear of every
line and of the person on the nearest ring that has any, the one that widens the picture
least wins; where none is clear, the one crossing the fewest. A word moved far comes with
a thin line back to what it names.
"""

from __future__ import annotations

import itertools
import math

from handouts.figures import geometry as g

Rect = tuple[float, float, float, float]
# how far a word may move, in heights of its letters, and in how many rings
_RINGS = (0.45, 0.9, 1.4, 2.0, 2.7, 3.5, 4.5, 6.0)
_DIRECTIONS = 16
_INSIDE = 25  # a word on the person is worse than a word crossing a few lines
_BODY = ("body", "far", "ghost")
# the room kept around a word placed before, in heights of its box: with the margin every
# word keeps, two words stand at least half a word's height apart
_APART = 0.35
# the air kept between a word and a line's ink, in heights of its letters, besides the
# margin (about the ink of a limb's outline): with the margin alone "press" touched the
# psoas release's arm, and in a small picture, whose words are drawn larger for its size
# and its lines not, "estiramiento / stretch" lay on the lying hip flexor stretch's hands
_AIR = 0.16
FAR = 1.5  # a word moved further than this (in heights of its letters) gets a line back


class Clearance:
    """What is drawn in one frame, as outlines and filled shapes, for words to keep clear of."""

    def __init__(self, items: list[g.Item] = (), around: "Clearance | None" = None):
        # ``around``: what is drawn already outlined (the person and props of a frame built
        # at several sizes), added to and not changed
        # each outline: its box, its points, whether it is filled, and its pieces
        self._parts: list[tuple[Rect, list[tuple[float, float]], bool, list]] = \
            list(around._parts) if around else []
        # the words placed so far, each the box of its letters
        self._words: list[Rect] = list(around._words) if around else []
        for item in items:
            self.add(item)

    def add(self, item: g.Item) -> None:
        # words may stand on a prop's light fill (a wall, a mat) between its lines, never on
        # the person: on a limb they would read as part of it
        filled = item.role in _BODY and bool(item.fill) and item.fill != "none"
        if item.role == "text":  # another word: its box, as a filled shape
            x0, y0, x1, y1 = g.bounds([item])
            self._words.append((x0, y0, x1, y1))
            # with room around it: two words a line's gap apart read as one phrase ("helper
            # holds here lift slowly" in the stacked arm lift)
            room = _APART * (y1 - y0)
            x0, y0, x1, y1 = x0 - room, y0 - room, x1 + room, y1 + room
            corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
            self._parts.append(((x0, y0, x1, y1), corners, True, _pieces(corners)))
            return
        for cmds in item.paths:
            for points, closed in _flatten(cmds):
                if len(points) < 2:
                    continue
                if closed and points[0] != points[-1]:
                    points.append(points[0])
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                self._parts.append(((min(xs), min(ys), max(xs), max(ys)), points,
                                    filled and closed, _pieces(points)))

    def crosses_words(self, a: tuple[float, float], b: tuple[float, float],
                      room: float) -> bool:
        """Whether the line from ``a`` to ``b`` comes within ``room`` of a word placed so
        far."""
        return any(_clips(*a, *b, (x0 - room, y0 - room, x1 + room, y1 + room))
                   for x0, y0, x1, y1 in self._words)

    def overhang(self, rect: Rect) -> float:
        """How far ``rect`` reaches past everything drawn so far, on all four sides."""
        if not self._parts:
            return 0.0
        x0, y0, x1, y1 = (min(p[0][0] for p in self._parts), min(p[0][1] for p in self._parts),
                          max(p[0][2] for p in self._parts), max(p[0][3] for p in self._parts))
        return (max(0.0, x0 - rect[0]) + max(0.0, y0 - rect[1]) + max(0.0, rect[2] - x1)
                + max(0.0, rect[3] - y1))

    def crossings(self, rect: Rect, enough: float = math.inf) -> int:
        """How much of the drawing ``rect`` runs over: each outline piece it crosses, and
        more for a filled shape its middle is on. Counting stops at ``enough`` or more
        (the caller only compares the count with that), so then the count may be short."""
        rx0, ry0, rx1, ry1 = rect
        middle = ((rx0 + rx1) / 2, (ry0 + ry1) / 2)
        found = 0
        for (x0, y0, x1, y1), _, filled, pieces in self._parts:
            if x1 < rx0 or x0 > rx1 or y1 < ry0 or y0 > ry1:
                continue
            for (px0, py0, px1, py1), run in pieces:
                if px1 < rx0 or px0 > rx1 or py1 < ry0 or py0 > ry1:
                    continue  # no segment of this piece meets the word, or starts in it
                # this loop runs over a million times drawing a library, so the exact test
                # (the slow part) is left for the few segments the quick ones cannot tell
                ax, ay = run[0]
                for bx, by in itertools.islice(run, 1, None):
                    if rx0 <= ax <= rx1 and ry0 <= ay <= ry1:
                        found += 1  # it starts in the word: most that meet it do
                    elif (ax < rx0 and bx < rx0 or ax > rx1 and bx > rx1
                          or ay < ry0 and by < ry0 or ay > ry1 and by > ry1):
                        pass  # both ends on one side of the word: it cannot meet it
                    elif _clips(ax, ay, bx, by, rect):
                        found += 1
                    ax, ay = bx, by
            # a point above or below a shape is never in it (no edge spans its height),
            # which is cheaper to see than to count
            if filled and y0 <= middle[1] < y1 and _inside_pieces(middle, pieces):
                found += _INSIDE
            if found >= enough:
                break
        return found


def place(word: g.Item, clear: Clearance, height: float, away: tuple[float, float],
          margin: float, named: tuple[float, float] | None = None,
          along: tuple[tuple[float, float], ...] = ()) -> list[g.Item]:
    """``word`` where it stands, or moved to the nearest place clear of ``clear``; ``height``
    is its letters' height, ``away`` the direction to try first (away from what it names,
    the point ``named``), ``margin`` the room to leave around it (an outline's width),
    with ``_AIR`` of its height besides. A word moved further than ``FAR`` heights comes
    with a thin line to that point, or where that line would run through another word, to
    the nearest of the other points ``along`` what it names whose line does not."""
    x0, y0, x1, y1 = g.bounds([word])
    room = margin + _AIR * height
    box = (x0 - room, y0 - room, x1 + room, y1 + room)
    best, best_shift = clear.crossings(box), (0.0, 0.0)
    # the clear places on the nearest ring with any: (how far each widens the picture, its
    # shift, the ring)
    ring_clear: list[tuple[float, tuple[float, float], float]] = []
    for ring, dx, dy in _shifts(height, away) if best else ():
        if ring_clear and ring != ring_clear[0][2]:
            break  # a clear place on a nearer ring: no need to go further
        moved = (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
        # a place crossing as much as the best so far is never chosen, so its count need
        # not be finished; a clear place (nothing crossed) still is told from the others
        found = clear.crossings(moved, enough=max(best, 1))
        if found < best:
            best, best_shift = found, (dx, dy)
        if not found:  # of the clear places on a ring, the one that widens the picture least
            ring_clear.append((clear.overhang(moved), (dx, dy), ring))
    if ring_clear:
        best_shift = min(ring_clear, key=lambda c: c[0])[1]
    placed = [word.moved(*best_shift) if best_shift != (0.0, 0.0) else word]
    if named is not None and math.hypot(*best_shift) > FAR * height:
        at = g.bounds(placed[-1:])
        placed.insert(0, _callout(_line_from(named, along, at, clear, margin) or named, at,
                                  word.fill, margin))
    for item in placed:
        clear.add(item)
    return placed


def _line_from(named: tuple[float, float], along: tuple[tuple[float, float], ...],
               word: Rect, clear: Clearance, margin: float) -> tuple[float, float] | None:
    """Where a line back to what a word names, from the word's box ``word``, starts: the
    point ``named``, else the nearest of the other points ``along`` what it names, from
    which the line passes ``margin`` clear of every other word; None where there is none.
    (From the push arrow's middle the SI joint reset's "push / empuje" had its line
    through "pull / jale"; from nearer the arrow's head it passes by.)"""
    froms = sorted(along, key=lambda p: math.hypot(p[0] - named[0], p[1] - named[1]))
    return next((p for p in (named, *froms)
                 if not clear.crosses_words(*_callout_ends(p, word, margin), margin)), None)


def _callout(named: tuple[float, float], word: Rect, colour: str | None, gap: float) -> g.Item:
    """A thin line from the point a word names to the nearest edge of the word."""
    start, end = _callout_ends(named, word, gap)
    return g.Item("callout", [[("M", [start]), ("L", [end])]], stroke=colour, width=1.4)


def _callout_ends(named: tuple[float, float], word: Rect, gap: float):
    """Where that line starts and ends: clear of the point by twice ``gap``, of the word by
    ``gap``."""
    x0, y0, x1, y1 = word
    edge = (min(max(named[0], x0), x1), min(max(named[1], y0), y1))
    dx, dy = edge[0] - named[0], edge[1] - named[1]
    n = math.hypot(dx, dy) or 1.0
    return ((named[0] + dx / n * 2 * gap, named[1] + dy / n * 2 * gap),
            (edge[0] - dx / n * gap, edge[1] - dy / n * gap))


# what a label's line may not run across: the person and the things drawn with them (a
# palm's crease, the floor and a ghost are no thing of their own)
_SOLID = ("body", "far", "held", "prop")


def leader_end(named: tuple[float, float], words: tuple[float, float],
               drawn: list[g.Item]) -> tuple[float, float]:
    """Where the line from ``words`` to the point ``named`` ends: at ``named`` where it
    crosses only the outline of what shows there (into the trunk, to the belly button);
    else where it first meets another limb or a prop, at its edge. A line to the middle of
    a fist ran over three fingers and the putty in them."""
    crossed: list[tuple[int, float]] = []  # (which item, how far along from the words)
    shows = None  # the last drawn that ``named`` lies in: what the eye sees there
    for i, item in enumerate(drawn):
        if item.role not in _SOLID:
            continue
        outlines = [(pts + [pts[0]]) if closed else pts
                    for cmds in item.paths for pts, closed in _flatten(cmds)]
        if any(_inside(named, pts) for pts in outlines if pts[0] == pts[-1]):
            shows = i
        crossed += [(i, t) for pts in outlines for t in _crossed(words, named, pts)]
    over = [t for i, t in crossed if i != shows]
    if not over:
        return named
    t = min(over)
    return (words[0] + (named[0] - words[0]) * t, words[1] + (named[1] - words[1]) * t)


def _crossed(a, b, polyline) -> list[float]:
    """How far along the segment from ``a`` to ``b`` (0 to 1) it crosses ``polyline``."""
    found = []
    rx, ry = b[0] - a[0], b[1] - a[1]
    for p, q in zip(polyline, polyline[1:]):
        sx, sy = q[0] - p[0], q[1] - p[1]
        den = rx * sy - ry * sx
        if abs(den) < 1e-12:
            continue
        t = ((p[0] - a[0]) * sy - (p[1] - a[1]) * sx) / den
        u = ((p[0] - a[0]) * ry - (p[1] - a[1]) * rx) / den
        if 0 <= t <= 1 and 0 <= u <= 1:
            found.append(t)
    return found


def _shifts(height: float, away: tuple[float, float]):
    """Places to try, nearest first: on each ring, the direction ``away`` first, then
    those either side of it, turning further each time."""
    first = math.atan2(away[1], away[0]) if away != (0, 0) else math.pi / 2
    for ring in _RINGS:
        for k in range(_DIRECTIONS // 2 + 1):
            for sign in ((1,) if k in (0, _DIRECTIONS // 2) else (1, -1)):
                angle = first + sign * 2 * math.pi * k / _DIRECTIONS
                yield ring, math.cos(angle) * ring * height, math.sin(angle) * ring * height


def points_of(items: list[g.Item]) -> tuple[tuple[float, float], ...]:
    """The points along the outlines of ``items`` (a curve's every few chords)."""
    return tuple(p for item in items for cmds in item.paths for points, _ in _flatten(cmds)
                 for p in points)


def _flatten(cmds) -> list[tuple[list[tuple[float, float]], bool]]:
    """Path commands as polylines (curves as a few chords each), each with whether it is
    closed."""
    out: list[tuple[list[tuple[float, float]], bool]] = []
    points: list[tuple[float, float]] = []
    for op, pts in cmds:
        if op == "M":
            if points:
                out.append((points, False))
            points = [pts[0]]
        elif op == "L":
            points.extend(pts)
        elif op in ("Q", "C") and points:
            controls = [points[-1], *pts]
            points.extend(_bezier(controls, t / 6) for t in range(1, 7))
        elif op == "Z" and points:
            out.append((points, True))
            points = []
    if points:
        out.append((points, False))
    return out


def _bezier(controls, t: float) -> tuple[float, float]:
    while len(controls) > 1:
        controls = [((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1])
                    for a, b in zip(controls, controls[1:])]
    return controls[0]


def _clips(ax: float, ay: float, bx: float, by: float, rect: Rect) -> bool:
    """Whether the segment from (ax, ay) to (bx, by), whose box meets ``rect``, crosses or
    lies in it (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = rect
    dx, dy = bx - ax, by - ay
    low, high = 0.0, 1.0
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
    return True


# an outline's segments in pieces of this many, each with its box: a word's box meets a few
# pieces of a limb's outline, and the segments of the others need no look
_PIECE = 8


def _pieces(points: list[tuple[float, float]]) -> list[tuple[Rect, list[tuple[float, float]]]]:
    """The outline through ``points`` as runs of _PIECE segments (each run starting where
    the last ended), each with its box."""
    out = []
    for start in range(0, len(points) - 1, _PIECE):
        run = points[start:start + _PIECE + 1]
        xs, ys = [p[0] for p in run], [p[1] for p in run]
        out.append(((min(xs), min(ys), max(xs), max(ys)), run))
    return out


def _inside_pieces(point, pieces) -> bool:
    """``_inside`` of the outline in ``pieces``: a piece wholly above or below the point
    has no edge that spans its height, so none that counts."""
    y = point[1]
    inside = False
    for (_, y0, _, y1), run in pieces:
        if y0 <= y < y1 and _inside(point, run):
            inside = not inside
    return inside


def _inside(point, polygon) -> bool:
    x, y = point
    inside = False
    for (ax, ay), (bx, by) in zip(polygon, polygon[1:]):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside
