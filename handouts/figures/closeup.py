"""A close-up frame (one that draws only some of the body's parts): the parts it draws (a
hand or a foot with a stub of the limb, the head and shoulders), its box from those parts
and its marks, and its props cut to that box."""

from __future__ import annotations

from dataclasses import replace

from handouts.figures import body as b
from handouts.figures import geometry as g
from handouts.figures.model import Frame

WHOLE = frozenset(Frame.model_fields["parts"].default)
PROPS = ("prop", "lettering", "floor")  # a prop's letters go with it
# the air around a close-up's parts and marks that its props still fill, in output pixels:
# enough of the table to show the forearm lies on it, not so much that the frame's box grows
AIR = 14.0


def cut(frame: Frame, items: list[g.Item], px: float) -> list[g.Item]:
    """``items`` with the props cut to the box of the rest, where ``frame`` is a close-up.
    Drawn whole, a seated close-up's chair and table legs set the frame's box: the arms it
    was for were as small in it as in a whole-body frame."""
    if WHOLE <= set(frame.parts) or not any(item.role in PROPS for item in items):
        return items
    x0, y0, x1, y1 = g.bounds([item for item in items if item.role not in PROPS])
    air = AIR * px
    box = (x0 - air, y0 - air, x1 + air, y1 + air)
    kept: list[g.Item] = []
    for item in items:
        if item.role in PROPS and "head" in frame.parts and g.bounds([item])[3] < (y0 + y1) / 2:
            # what does not reach halfway up a head and shoulders (a chair's back) is left
            # out: its edges showed under and beside the bust, cut off across the chest
            continue
        kept += _cut(item, box) if item.role in PROPS else [item]
    return kept


def _inside(item: g.Item, box) -> bool:
    return all(box[0] <= x <= box[2] and box[1] <= y <= box[3] for x, y in item.points())


def _cut(item: g.Item, box) -> list[g.Item]:
    """A prop's part inside ``box``: its fill cut there, and its outline only along its own
    edges (stroked along the cut, a box's face drew a frame around the close-up)."""
    if _inside(item, box):
        return [item]
    fills, lines = [], []
    for cmds in item.paths:
        points = [pts[0] for op, pts in cmds if op in ("M", "L")]
        closed = cmds[-1][0] == "Z"
        if closed and item.fill:
            inside = g.clip_box(points, box)
            if len(inside) >= 3:
                fills.append(g.polygon(inside))
        ends = [*points[1:], points[0]] if closed else points[1:]
        for a, b in zip(points, ends):
            seen = g.clip_segment(a, b, box)
            if seen:
                lines.append([("M", [seen[0]]), ("L", [seen[1]])])
    out = []
    if fills:
        out.append(replace(item, paths=fills, stroke=None))
    if lines and item.stroke:
        out.append(replace(item, paths=lines, fill=None))
    return out


STUB = 0.3  # how much of the forearm a close-up of it shows: the hand is most of the frame


def shown_parts(posed: b.Posed, parts: tuple[str, ...]) -> list[tuple[str, b.Group]]:
    """The body's parts a frame draws, by name; a close-up of a forearm (``near_forearm``)
    is its arm from the elbow down, under the arm's name (a ghost or a hand mark finds it);
    of a foot (``near_foot``), its leg's foot and a stub of the shin, under the leg's name;
    of the head (``head``), the head and shoulders, under the torso's."""
    shown = []
    for name, group in posed.groups.items():
        if name in parts:
            shown.append((name, group))
        elif name.replace("_arm", "_forearm") in parts and name.endswith("_arm"):
            (elbow, _), (wrist, _) = group.pieces[1]
            # a short stub of the forearm (the whole of it drew the hand small, a long tube
            # with a hand at its end), slimmer at the wrist than the palm's heel so the hand
            # shows where it begins, and cut off straight
            end = g.add(wrist, g.mul(g.sub(elbow, wrist), STUB))
            stub = [(end, 1.75), (wrist, 1.3)]
            shown.append((name, replace(group, pieces=[stub, *group.pieces[2:]],
                                        apart=group.apart[1:],
                                        cut=(end, g.unit(g.sub(wrist, end))))))
        elif name == "torso" and "head" in parts:
            shown.append((name, _bust(posed, group)))
        elif name.replace("_leg", "_foot") in parts and name.endswith("_leg"):
            # the foot and a stub of the shin, as a forearm's close-up: seen from above,
            # where two feet stand heel to toe (a tandem stance), the legs hid the heels
            (knee, _), _, (ankle, _) = group.pieces[1]
            end = g.add(ankle, g.mul(g.sub(knee, ankle), STUB / 2))
            shown.append((name, _foot_from_above(posed, name, group,
                                                 [(end, 2.2), (ankle, 1.9)])))
    return shown


BUST = 1.5  # how far above the chest's middle a close-up of the head is cut off


def _bust(posed: b.Posed, torso: b.Group) -> b.Group:
    """The head, the neck and the tops of the shoulders, cut off straight across the chest:
    a head turn seen close up. With the trunk and arms down to the seat, the head was a
    sixth of its frame's height, and three frames in a row printed it under half an inch
    across in large print, its eyes and nose too small to show which way it turned. The
    arms are left out: their tops made the bust wider (the head smaller) and lumpy."""
    up = posed.frames["chest"][1]
    # the upper chest, the neck and the head, and a face's features, each apart as before
    return replace(torso, pieces=torso.pieces[3:], apart=torso.apart[3:],
                   cut=(g.add(posed.joints["chest"], g.mul(up, BUST)), up))


# the toes from the big toe (on the inner side) to the little one: across the foot from its
# middle (out to the little toe's side is plus), how far their tips reach from the ball of
# the foot toward the tip of the foot (1: as far as the foot), and how thick each is
TOES = ((-1.9, 1.0, 1.1), (-0.15, 0.9, 0.68), (1.1, 0.76, 0.62), (2.1, 0.6, 0.56),
        (2.85, 0.42, 0.5))
TOES_DOWN = 0.9  # the toes are thinner than the foot: lower than its top, as its sole


def _foot_from_above(posed: b.Posed, name: str, leg: b.Group, stub) -> b.Group:
    """A foot as seen from above: as wide at the ball as a foot is (the side view's foot,
    a tube as deep as the foot is high, was a third as wide as it is long: a sausage), and
    its five toes each outlined on its own, the big toe on the inside, longest: a plain
    rounded end did not tell the heel from the toes at a glance."""
    (ankle, _), (heel, _), (ball, _) = b.foot_pieces(leg)[0][:3]
    tip = b.foot_pieces(leg)[-1][-1][0]
    frame = posed.frames[name.replace("_leg", "_foot")]
    across, down = frame[2], g.mul(frame[1], -TOES_DOWN)
    ahead = g.sub(tip, ball)
    wide = lambda at, d, r: [(g.add(at, g.mul(across, s * d)), r) for s in (1, -1)]  # noqa: E731
    sole = [(ankle, 2.1), (heel, 2.0), *wide(ball, 1.5, 1.7)]  # to the ball: then the toes
    toes = []
    for out, reach, r in TOES:
        side = g.add(g.mul(across, out), down)
        # each from its root, under the forefoot, to its tip, the big toe's as far as the
        # foot's old round end, so that the foot is as long as before
        root, end = (g.add(g.add(ball, g.mul(ahead, k)), side) for k in (0.2, reach))
        toes.append([(root, r), (g.add(end, g.mul(g.unit(ahead), 1.3 - r)), r)])
    # each toe drawn behind the forefoot, outlined on its own: its end shows past it, apart
    # from the next (drawn over it, the toes were five ovals on the foot)
    return replace(leg, pieces=[stub, sole, *toes], apart=(0, 0, 1, 2, 3, 4, 5),
                   behind=(1, 2, 3, 4, 5), toes=False,
                   cut=(stub[0][0], g.unit(g.sub(stub[-1][0], stub[0][0]))))
