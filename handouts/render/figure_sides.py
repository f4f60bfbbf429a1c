"""Which frames of a figure file are drawn mirrored to show the patient's own side (a program's
``affected_side``, or a dose's ``side: left``), read from the file's YAML alone: a cold build
whose drawings are cached names them without loading the figure engine.

The engine draws the body's side toward the viewer as ``near``: facing right, the person's
right (their front along x, their head up y: front × up is the person's right, z, toward the
viewer); facing left, the drawing is the mirror image, and the near side is their left. So a
frame shows the person's ``near`` side as right when it faces right, but for a body lying
face down or on its side (``FACE_AWAY``): lying prone facing right (its head to the left,
its back up) its right side is away from the viewer, and its near side is its left.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

SIDES = ("left", "right")
# the key poses (figures/poses.py) whose near side facing right is the person's left, as
# body.root_frame finds it: front × up points away from the viewer (or down, lying on the
# side), so the side toward the viewer (or up) is the left; named as a file may name them
# (poses.ALIASES) since the figure engine is not imported for it (a cold build does not
# load it), and a test holds it to root_frame
FACE_AWAY = frozenset({"prone", "prone_on_elbows", "side_lying", "sidelying", "sphinx",
                       "tummy_time"})


def mirrored(path: Path | str, wanted: str | None) -> tuple[int, ...]:
    """The indexes of the frames that show the other side than ``wanted`` ("left" or
    "right"); none for no side wanted, or a figure that cannot tell which side it draws."""
    if wanted not in SIDES:
        return ()
    name = os.fspath(path)
    try:
        stat = os.stat(name)
    except OSError:
        return ()
    drawn = _frame_sides(name, stat.st_mtime_ns, stat.st_size)
    return tuple(i for i, side in enumerate(drawn) if side and side != wanted)


def can_show(path: Path | str) -> bool:
    """Whether the figure file says (``side: near``) or shows (its joints, ghosts, close-up
    parts and marks name one side only) which of the person's sides its exercise is for."""
    name = os.fspath(path)
    try:
        stat = os.stat(name)
    except OSError:
        return False
    return any(_frame_sides(name, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=256)
def _frame_sides(path: str, mtime: int, size: int) -> tuple[str | None, ...]:
    """Each frame's person's side ("left", "right") the exercise is done with."""
    import yaml  # here, not at the top: importing the package loads no YAML parser

    try:
        data = yaml.load(Path(path).read_bytes(), Loader=getattr(yaml, "CSafeLoader",
                                                                   yaml.SafeLoader))
    except (OSError, yaml.YAMLError):
        return ()
    frames = data.get("frames") if isinstance(data, dict) else None
    if not isinstance(frames, list) or not all(isinstance(f, dict) for f in frames):
        return ()
    side = data.get("side")
    if side not in ("near", "far"):
        named = set().union(*(_named(f) for f in frames))
        side = named.pop() if len(named) == 1 else None
    if side is None:
        return (None,) * len(frames)
    out = []
    for frame in frames:
        pose = frame.get("pose")
        pose = pose if isinstance(pose, dict) else {}
        right = (pose.get("facing", "right") == "right") != (pose.get("base") in FACE_AWAY)
        near = "right" if right else "left"
        out.append(near if side == "near" else SIDES[near == "left"])
    return tuple(out)


_POINTS = {"arrow": ("start", "end", "via"), "spot": ("at",), "breathe": ("at",),
           "label": ("at",), "distance": ("start", "end")}


def _named(frame: dict) -> set[str]:
    """The sides (near, far) a frame's joints, ghost, close-up parts and marks' landmarks
    name. Hands and elbows placed are left out: both hold on in many a two-sided exercise."""
    names: list = []
    pose, ghost = frame.get("pose"), frame.get("ghost")
    for joints in (pose.get("joints") if isinstance(pose, dict) else None,
                   ghost.get("joints") if isinstance(ghost, dict) else None):
        names += list(joints) if isinstance(joints, dict) else []
    parts = frame.get("parts")
    names += parts if isinstance(parts, list) and "torso" not in parts else []
    for mark in frame.get("marks") or []:
        for kind, spec in (mark.items() if isinstance(mark, dict) else ()):
            for key in _POINTS.get(kind, ()) if isinstance(spec, dict) else ():
                value = spec.get(key)
                names += value if isinstance(value, list) else [value]
    return {n.split("_", 1)[0] for n in names
            if isinstance(n, str) and n.split("_", 1)[0] in ("near", "far")}
