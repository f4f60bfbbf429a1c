"""The joints a figure file may set, how far a body can move them, and the named key poses.

Angles are degrees from standing in the anatomical position. Limits are the rough ranges of
/work/shared/FIGURES.md (after the usual clinical tables), widened only where a resting
position goes past what muscles do alone: kneeling on the heels bends the knee about 155°,
a knee hugged to the chest takes the hip to about 130°, and a foot lying flat behind a
kneeling person points down about 70°.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# joint: (lowest, highest, what the positive direction is, in a person's words)
LIMITS: dict[str, tuple[float, float, str]] = {
    "spine": (-25, 80, "bends the back forward"),
    "spine_side": (-35, 35, "bends the back toward the near side"),
    "twist": (-45, 45, "turns the hips and legs toward the near side (lying: knees tip over)"),
    "knee_sway": (-45, 45, "lets both bent knees fall toward the near side, the feet staying "
                           "where they are"),
    "neck": (-50, 60, "bends the head forward"),
    # rotation, the gaze exercises' head turn: about 80° each way (AAOS)
    "neck_turn": (-80, 80, "turns the head toward the near side"),
    # side bend, an ear toward its shoulder: about 45° each way (AAOS)
    "neck_side": (-45, 45, "tips the head toward the near shoulder"),
    "hip": (-30, 130, "brings the thigh forward"),
    "hip_out": (-20, 45, "takes the leg out to the side"),
    "knee": (0, 160, "bends the knee"),
    "ankle": (-70, 20, "brings the toes up"),
    "shoulder": (-60, 180, "raises the arm forward"),
    "shoulder_out": (-20, 180, "raises the arm out to the side"),
    "shoulder_turn": (-70, 90, "turns the upper arm outward"),
    "elbow": (0, 145, "bends the elbow"),
    # the usual clinical ranges (AAOS): rotation from thumb up, as a goniometer measures it
    "forearm_turn": (-90, 90, "turns the palm down, from thumb up"),
    "wrist": (-70, 80, "bends the wrist toward the palm"),
    "wrist_side": (-30, 20, "bends the hand toward the thumb"),
}
SIDED = ("hip", "hip_out", "knee", "ankle", "shoulder", "shoulder_out", "shoulder_turn",
         "elbow", "forearm_turn", "wrist", "wrist_side")
JOINTS: tuple[str, ...] = ("spine", "spine_side", "twist", "knee_sway", "neck", "neck_turn",
                           "neck_side",
                           *[f"{side}_{j}" for j in SIDED for side in ("near", "far")])


def limits(joint: str) -> tuple[float, float, str]:
    return LIMITS[joint.removeprefix("near_").removeprefix("far_")]


@dataclass(frozen=True)
class KeyPose:
    """A named starting position: how the body lies in the world and its usual joint angles.

    ``lie``: the body's front and head directions for a figure facing right (x right, y up).
    ``level``: the segment turned to lie flat along the floor (the trunk when lying on the
    back, the shins when kneeling), so that changed joint angles keep it resting there.
    ``support``: the parts that rest on the surface the pose is ``on``.
    ``planted``: the feet stand flat on that surface too (lying with the knees up), so that
    a knee bent more or less keeps its foot there: the hip follows, unless it is given.
    """

    front: tuple[float, float, float]
    head: tuple[float, float, float]
    joints: dict[str, float] = field(default_factory=dict)
    level: str | None = None
    support: tuple[str, ...] = ("feet",)
    planted: bool = False
    # two places that rest on the surface at once (a bridge's shoulders and feet, a plank's
    # hands and feet): the body is turned about its side axis until both touch it
    # (figures/contacts.py), where ``level`` alone laid one segment flat
    rests_on: tuple[str, ...] = ()
    # lying on the tummy propped up: an arm the file does not move rests on its forearm,
    # the elbow on the floor under the shoulder
    forearms: bool = False


def _both(**angles: float) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, value in angles.items():
        if name in SIDED:
            out[f"near_{name}"] = out[f"far_{name}"] = value
        else:
            out[name] = value
    return out


_ARMS_DOWN = dict(shoulder=6, shoulder_out=6, elbow=12)
_LYING = dict(front=(0, 1, 0), head=(-1, 0, 0), level="trunk", support=("torso",))
# set down on the feet: the hands, level with them, are laid flat on the floor after
_ON_HANDS = dict(front=(0, -1, 0), head=(1, 0, 0), support=("feet",),
                rests_on=("hands", "feet"))
_ON_KNEES = dict(front=(0, -1, 0), head=(1, 0, 0), level="shank", support=("knees",))

KEY_POSES: dict[str, KeyPose] = {
    "standing": KeyPose((1, 0, 0), (0, 1, 0), _both(**_ARMS_DOWN, knee=2)),
    "sitting": KeyPose((1, 0, 0), (0, 1, 0),
                       _both(hip=88, knee=88, ankle=0, shoulder=18, elbow=50, shoulder_out=8),
                       support=("seat",)),
    # the thighs level and the hands beside the seat: at 85 and 20, check found a heel and a
    # hand through the floor in the pose as given
    "long_sitting": KeyPose((1, 0, 0), (0, 1, 0), _both(hip=90, knee=5, ankle=-10, shoulder=25,
                                                        elbow=20), support=("seat",)),
    "supine": KeyPose(**_LYING, joints=_both(**_ARMS_DOWN, knee=4, ankle=-25)),
    "hook_lying": KeyPose(**_LYING, joints=_both(**_ARMS_DOWN, hip=50, knee=110, ankle=-32),
                          planted=True),
    "prone": KeyPose((0, -1, 0), (-1, 0, 0), _both(**_ARMS_DOWN, knee=4, ankle=-60),
                     level="trunk", support=("torso",)),
    "side_lying": KeyPose((0, 0, 1), (-1, 0, 0), _both(hip=35, knee=45, ankle=-20,
                                                       shoulder=70, elbow=40),
                          support=("torso",)),
    # thighs upright (knees under hips), arms upright (hands under shoulders), elbows
    # straight: a straight arm (33.2) is longer than a thigh (24.5), so the shoulders sit
    # higher than the hips and the flat back slopes up about 17° to them. With the back
    # level (hips at 92), the hands, put flat on the floor, bent both elbows about 78°
    # lying on the back, knees bent and feet flat, the hips lifted: a straight line from the
    # shoulders to the knees (hip 0); the body is tipped up until the feet stand flat, and
    # the neck bends so that the head still rests on the floor
    "bridge": KeyPose((0, 1, 0), (-1, 0, 0), _both(**_ARMS_DOWN, hip=0, knee=105), level="trunk",
                      support=("shoulders", "feet"), planted=True,
                      rests_on=("shoulders", "feet")),
    # on the tummy propped on the forearms (a press-up's first stage, tummy time): the
    # thighs and the front of the pelvis on the floor, the low back arched
    "prone_on_elbows": KeyPose((0, -1, 0), (-1, 0, 0),
                               {**_both(hip=-19, knee=4, ankle=-60, shoulder=90, elbow=90),
                                "spine": -25, "neck": -20},
                               level="thigh", support=("torso",), forearms=True),
    # on the hands and the toes, arms straight under the shoulders: a plank is a straight
    # line from the head to the heels; a bear walk lifts the hips, the knees a little bent
    "plank": KeyPose(**_ON_HANDS, joints=_both(hip=0, knee=0, ankle=0, shoulder=70)),
    "bear": KeyPose(**_ON_HANDS, joints=_both(hip=100, knee=25, ankle=0, shoulder=150)),
    "quadruped": KeyPose(**_ON_KNEES, joints=_both(hip=73, knee=90, ankle=-65, shoulder=73,
                                                   elbow=0, shoulder_out=4)),
    # the forehead rests on the floor: a rounder back (or a head bent further) would put
    # the head through it, the knees being what rests on the floor
    "child_pose": KeyPose(**_ON_KNEES, joints={**_both(hip=130, knee=155, ankle=-68,
                                                        shoulder=170, elbow=5),
                                               "spine": 45, "neck": -5}),
    "tall_kneeling": KeyPose((1, 0, 0), (0, 1, 0), _both(**_ARMS_DOWN, hip=0, knee=90,
                                                         ankle=-65),
                             level="shank", support=("knees",)),
}
ALIASES = {"lying": "supine", "lying_on_back": "supine", "kneeling": "quadruped",
           "hands_and_knees": "quadruped", "hook": "hook_lying", "sidelying": "side_lying",
           "sphinx": "prone_on_elbows", "tummy_time": "prone_on_elbows",
           "hands_and_feet": "plank", "bear_walk": "bear"}
NAMES: tuple[str, ...] = (*KEY_POSES, *ALIASES)


def key_pose(name: str) -> KeyPose:
    return KEY_POSES[ALIASES.get(name, name)]


def horizontal(name: str) -> bool:
    """Whether the key pose's body runs along the surface, head and feet level (lying, or
    on hands and knees), so that it can be seen end-on from its feet."""
    return key_pose(name).head[1] == 0
