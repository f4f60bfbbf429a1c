"""One frame of a figure file as things to draw: the posed body, its props and its marks."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

from handouts.figures import body as b
from handouts.figures import clearance, closeup
from handouts.figures import geometry as g
from handouts.figures import marks as m
from handouts.figures import props as p
from handouts.figures.model import Frame, Pose
from handouts.figures.posing import pose_body
from handouts.figures.poses import key_pose

VIEWS = {"side": (0.0, 0.0), "front": (90.0, 0.0), "top": (0.0, 90.0)}
INK, FAR_INK, FAR_FILL = "#1f2328", "#7d868f", "#e4e8eb"
# where a moving part starts: light enough that the part drawn over it is plainly the one
# that moved, dark enough to survive an office printer
GHOST_INK, GHOST_FILL = "#b9c0c6", "#f4f6f7"


@dataclass(frozen=True)
class Style:
    """The clinic's colours, the languages of the handout the picture's words are in, and how
    many times their standard size its words and frame numbers are drawn (a picture printed
    smaller than a standard card's: they stay readable while the person shrinks)."""

    primary: str = "#0b6e75"
    accent: str = "#b35900"
    languages: tuple[str, ...] = ("en",)
    words_scale: float = 1.0
    # the frames drawn as in a mirror, the patient's other side moving (render.figure_sides)
    mirrored: tuple[int, ...] = ()
    # the least size, times the frame numbers' standard size, its words and numbers are
    # drawn at: words_scale is not brought down below it to keep the person large, and
    # raised where words come out smaller (svg.layout); 0: none asked
    words_least: float = 0.0
    # a label in two languages one to a line: too wide on one for words so large (svg.layout)
    stacked: bool = False


@dataclass
class Built:
    items: list[g.Item]
    # hands and elbows that could not get to their place ("near hand"), and by how much
    # (body.reach, body.rest_elbow)
    unreached: dict[str, float]


def camera(view: str, turn: float, look_down: float, pose: Pose) -> g.Camera:
    """The camera of a view, turned and looking down; "feet" looks along ``pose``'s body,
    lying down, from its feet toward its head."""
    base_turn, base_tilt = (_feet_turn(pose), 0.0) if view == "feet" else VIEWS[view]
    return g.Camera(base_turn + turn, min(90.0, base_tilt + look_down))


def _feet_turn(pose: Pose) -> float:
    head = key_pose(pose.base).head
    f = 1.0 if pose.facing == "right" else -1.0
    # toward the viewer is from the head to the feet, along the floor
    return math.degrees(math.atan2(-head[0] * f, -head[2]))


def _shared(func):
    """``func`` of a frame and a camera, kept: a file's frames are posed to be checked
    (figures/problems.py), then again to be drawn; posed once, the result shared (leave it
    as it is). A frame the check copied with lists in it, to try where a prop could go
    (model_copy does not validate), cannot be a key: it is posed afresh."""
    kept = functools.lru_cache(maxsize=64)(func)

    @functools.wraps(func)
    def shared(frame: Frame, cam: g.Camera):
        try:
            hash(frame)
        except TypeError:
            return func(frame, cam)
        return kept(frame, cam)
    return shared


@_shared
def place(frame: Frame, cam: g.Camera) -> tuple[b.Posed, dict[str, float]]:
    """The frame's figure with each hand and elbow where its marks put it, and the ones
    that could not get there ("near hand", "far elbow"), with how far they fall short."""
    posed = pose_body(frame, p.surface_height(frame))
    marks = b.landmarks(posed)
    unreached = {}
    for mark in frame.marks:
        if mark.kind in ("hand", "elbow"):
            side = mark.spec.side
            point, normal = p.hand_target(frame, mark.spec.at, marks, cam)
            rest = b.reach if mark.kind == "hand" else b.rest_elbow
            miss = rest(posed, side, point, normal)
            if miss:
                unreached[f"{side} {mark.kind}"] = miss
    return posed, unreached


def build(frame: Frame, cam: g.Camera, style: Style, px: float) -> Built:
    """Everything in one frame, in picture units; ``px`` is the size of one output pixel."""
    drawn, landmarks, unreached = _posed_and_drawn(frame, cam, style.primary, style.accent)
    resolve = lambda point: m.resolve(point, landmarks, cam)  # noqa: E731
    around = lambda: _outlined(frame, cam, style.primary, style.accent)  # noqa: E731
    items = [*drawn, *m.marks(frame, resolve, style, px, drawn, around)]
    return Built(closeup.cut(frame, items, px), dict(unreached))


def built(frame: Frame, cam: g.Camera, style: Style, px: float, mirrored: bool) -> Built:
    """``build``, as in a mirror where ``mirrored`` (``mirror``), kept once a process for
    what it depends on: the least size of words and which other frames are mirrored do
    not change a frame's build. Large print draws a figure for box after box, each asking
    another least size, and their layouts start from the same frames at the same pixels (a
    cold large-print build of every exercise, in two languages, built 6,964 frames, 3,875
    of them different). The result is shared: leave it as it is."""
    plain = replace(style, words_least=0.0, mirrored=())
    try:
        return _built(frame, cam, plain, px, mirrored)
    except TypeError:  # a frame with lists in it (a check's copy) is no key
        return _built.__wrapped__(frame, cam, plain, px, mirrored)


@functools.lru_cache(maxsize=256)
def _built(frame: Frame, cam: g.Camera, style: Style, px: float, mirrored: bool) -> Built:
    b = build(frame, cam, style, px)
    return mirror(b) if mirrored else b


def mirror(built: Built) -> Built:
    """The frame as in a mirror, left and right swapped: the other side of the person is the
    one that moves. Its words, and the letters on a prop (a card's E), are put where the
    mirror puts them, but read as before: an E in a mirror is no letter a patient reads."""
    items = []
    for item in built.items:
        if item.role in ("text", "lettering"):
            x0, _, x1, _ = g.bounds([item])
            items.append(item.moved(-(x0 + x1)))
        else:
            items.append(replace(item, paths=[[(op, [(-x, y) for x, y in pts])
                                                for op, pts in cmds]
                                               for cmds in item.paths]))
    return replace(built, items=items)


@functools.lru_cache(maxsize=64)
def _outlined(frame: Frame, cam: g.Camera, primary: str, accent: str) -> clearance.Clearance:
    """The person and props of a frame outlined for its words to keep clear of: the same
    at every size of output pixel, as they are (its marks' words were kept clear of them
    outlined again at each size a layout tried)."""
    return clearance.Clearance(_posed_and_drawn(frame, cam, primary, accent)[0])


@functools.lru_cache(maxsize=64)
def _posed_and_drawn(frame: Frame, cam: g.Camera, primary: str, accent: str):
    """The person and the props of a frame, its landmarks and the hands that could not
    reach theirs: the same at every size of output pixel, so laid out once for the sizes
    ``svg.layout`` tries (only the marks are sized in pixels)."""
    style = Style(primary, accent)
    posed, unreached = place(frame, cam)
    marks = b.landmarks(posed)
    # an arm whose elbow rests on the body lies on it: drawn over it, whatever its depth
    resting = {f"{m.elbow.side}_arm" for m in frame.marks if m.kind == "elbow"}
    shown = [(name, item) for name, group in closeup.shown_parts(posed, frame.parts)
             for item in _group_items(group, cam, far=name.startswith("far") and _seen_side_on(
                 posed.frames["chest" if name.endswith("arm") else "pelvis"], cam))]
    shown.sort(key=lambda named: (named[0] in resting, named[1].depth))
    ghosted = ghosts(frame, cam)
    # the ghost in front of whatever lies behind the parts that moved, behind those parts
    first = next((i for i, (name, _) in enumerate(shown) if name in ghosted), len(shown))
    named = shown[:first] + sorted(ghosted.items(), key=lambda named: named[1].depth) + \
        shown[first:]
    back, front, tucked = p.props(frame, posed, cam, style, [item for _, item in named])
    return (tuple(back + _tuck(named, tucked) + front), marks,
            tuple(unreached.items()))


def _tuck(named: list[tuple[str, g.Item]], tucked: list[tuple[str, g.Item]]) -> list[g.Item]:
    """The body's items with each tucked prop just behind the part it lies under, and behind
    that part's ghost: a towel under the near knee in front of the far leg, so that it shows
    under the knee being worked, where behind the whole body the far leg hid it."""
    first: dict[str, int] = {}
    for i, (name, _) in enumerate(named):
        first.setdefault(name, i)  # a part's ghost comes before the part
    before: dict[int, list[g.Item]] = {}
    for part, prop in tucked:
        before.setdefault(first.get(part, -1), []).append(prop)
    items: list[g.Item] = []
    for i, (_, item) in enumerate(named):
        items += before.pop(i, [])
        items.append(item)
    # under a part not drawn (a close-up of others): behind the whole body
    return [prop for props in before.values() for prop in props] + items


_ARM_JOINTS = ("shoulder", "shoulder_out", "shoulder_turn", "elbow", "forearm_turn", "wrist",
               "wrist_side")


@_shared
def ghosts(frame: Frame, cam: g.Camera) -> dict[str, g.Item]:
    """The parts the frame's ghost puts elsewhere, by name, drawn light where they start."""
    if frame.ghost is None:
        return {}
    surface = p.surface_height(frame)
    now, then = pose_body(frame, surface), pose_body(frame, surface, ghost=True)
    # an arm a mark puts somewhere (hands on a counter) stays there, unless the ghost moves
    # that arm: drawn hanging from the key pose, it was a third arm
    moving = {joint.split("_", 1)[0] for joint in frame.ghost.joints.model_dump(
        exclude_none=True) if joint.split("_", 1)[-1] in _ARM_JOINTS}
    held = {f"{m.spec.side}_arm" for m in frame.marks if m.kind in ("hand", "elbow")
            and m.spec.side not in moving}
    # a part only carried along as the whole body rises or sinks (the trunk and head as the
    # heels come up) is no part that moves: drawn light a little lower, it showed as slivers
    # around the head and hips
    carried = g.sub(then.joints["root"], now.joints["root"])
    ghosts = {}
    before = dict(closeup.shown_parts(now, frame.parts))
    for name, group in closeup.shown_parts(then, frame.parts):
        moved = max(g.length(g.sub(g.sub(a, carried), c))
                    for a, c in zip(group.centres, before[name].centres))
        if name not in held and moved > 0.5:
            ghosts[name] = replace(_group_item(group, cam, far=False), role="ghost",
                                   fill=GHOST_FILL, stroke=GHOST_INK, width=2.0)
    return ghosts


def _seen_side_on(frame: g.Mat, cam: g.Camera) -> bool:
    """Whether one side of the body is turned toward the viewer, so its far limbs lie behind
    (drawn lighter); from the front or from above both sides show alike."""
    return abs(g.dot(frame[2], cam.toward_viewer)) > 0.5


def _group_items(group: b.Group, cam: g.Camera, far: bool) -> list[g.Item]:
    """A part as one outlined shape; a hand drawn in a shape, its fingers and thumb each
    outlined on their own (a fist's curled fingers show against the palm), those behind
    the palm drawn before the limb, the others after it, the nearest last."""
    if not group.apart:
        return [_group_item(group, cam, far)]
    whole = _group_item(group, cam, far)
    limb = replace(group, pieces=[p for p, k in zip(group.pieces, group.apart) if not k])
    palm = sum(cam.depth(c) for c, _ in limb.pieces[-1]) / len(limb.pieces[-1])
    digits = []  # (how far in front of the palm, the outlined finger)
    for k in sorted(set(group.apart) - {0}):
        digit = replace(group, pieces=[p for p, n in zip(group.pieces, group.apart) if n == k])
        ahead = (-math.inf if k in group.behind else
                 sum(cam.depth(c) for c in digit.centres) / len(digit.centres) - palm)
        if k in group.profile and abs(ahead) < _PROFILE:
            limb.pieces.extend(digit.pieces)  # a nose in profile: a bump of the outline
            continue
        item = replace(_group_item(digit, cam, far), depth=whole.depth)
        if k in group.inked:
            item = replace(item, fill=item.stroke, width=0.0)
        digits.append((ahead, item))
    digits.sort(key=lambda found: found[0])
    creases = []  # on the palm where it faces the viewer: under the fingers in front of it
    if group.palm and g.dot(group.palm[1], cam.toward_viewer) > _PALM_SHOWS:
        # grey and thin: a fold in the skin, not an outline of a part of its own
        creases = [g.Item("crease", [[("M", [cam.project(line[0])]), *(
            ("L", [cam.project(p)]) for p in line[1:])] for line in group.palm[0]],
            stroke=FAR_INK, width=2.0, depth=whole.depth)]
    return [*(item for ahead, item in digits if ahead < -_COPLANAR),
            replace(_group_item(limb, cam, far), depth=whole.depth), *creases,
            *(item for ahead, item in digits if ahead >= -_COPLANAR)]


# a palm turned this far toward the viewer shows its creases (cosine of the angle)
_PALM_SHOWS = 0.35


# a finger this little behind the palm's middle lies along it (an open hand seen from the
# back): drawn over it, its outline shows where one finger ends and the next begins
_COPLANAR = 0.4
# a nose this little in front of the head's middle stands out of its outline, in profile
_PROFILE = 2.5


def _group_item(group: b.Group, cam: g.Camera, far: bool) -> g.Item:
    paths = []
    for piece in group.pieces:
        circles = [(cam.project(c), r) for c, r in piece]
        outline = g.circles_hull(circles, fine=bool(group.apart))
        if group.cut is not None:
            at, normal = group.cut
            (ax, ay), (bx, by) = cam.project(at), cam.project(g.add(at, normal))
            # a cut seen face-on (a shin's, from above) cuts nothing a picture can show: drawn
            # as a line across the picture, it cut the foot in two
            if math.hypot(bx - ax, by - ay) > 0.5:
                outline = g.clip(outline, (ax, ay), (bx - ax, by - ay))
        if outline:
            paths.append(g.polygon(outline))
    depth = sum(cam.depth(c) for c in group.centres) / max(1, len(group.centres))
    return g.Item("far" if far else "body", paths, fill=FAR_FILL if far else "#ffffff",
                  stroke=FAR_INK if far else INK, width=2.6, silhouette=True, depth=depth)
