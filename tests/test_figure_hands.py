"""Close-ups of a hand: each named shape puts the fingertips where that shape has them (a
fist's in the palm, an open hand's beyond the knuckles, a hook's curled back over the
fingers), the wrist bends as far as asked and no further than a wrist goes, and a tendon
glide's frames are drawn as a forearm and a hand, each finger outlined, in the SVG and in the
PDF of a real handout."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handouts.cli import main
from handouts.errors import HandoutError
from handouts.figures import geometry as g
from handouts.figures import hand, load_figure, render, scene, svg
from handouts.figures.model import Frame

ROOT = Path(__file__).resolve().parent.parent
JAPANESE = ROOT / "tests" / "clinics" / "japanese"
GLIDE = JAPANESE / "images" / "tendon_glide.figure.yaml"


def posed(shape: str | None = None, **joints: float):
    """A standing figure's near arm held up, elbow on a table as it were, in ``shape``."""
    angles = {"near_shoulder": 40, "near_elbow": 140, "near_forearm_turn": 90, **joints}
    pose = {"base": "standing", "joints": angles}
    if shape:
        pose["hands"] = {"near": shape}
    frame = Frame.model_validate({"parts": ["near_forearm"], "pose": pose})
    return frame, scene.place(frame, g.Camera())[0]


def in_hand(body, point: g.Vec) -> g.Vec:
    """A point in the near hand's own frame: x out of the palm, y up toward the forearm,
    z toward the thumb, from the wrist."""
    frame, wrist = body.frames["near_hand"], body.joints["near_wrist"]
    d = g.sub(point, wrist)
    return tuple(g.dot(d, axis) for axis in frame)


def tips(body, shape: str) -> list[g.Vec]:
    return [in_hand(body, t) for t in hand.fingertips(
        body.joints["near_wrist"], body.frames["near_hand"], shape)]


KNUCKLES = -4.4  # the nearest a knuckle is to the wrist along the hand (the little finger's)


def test_an_open_hands_fingertips_reach_beyond_the_knuckles_in_line_with_the_palm():
    _, body = posed("open")
    for x, y, _ in tips(body, "open"):
        assert y < KNUCKLES - 3.5, y   # a finger's length past the knuckles
        assert abs(x) < 0.5, x         # not bent toward the palm or back


def test_a_fists_fingertips_rest_in_the_palm():
    _, body = posed("fist")
    for x, y, _ in tips(body, "fist"):
        assert KNUCKLES < y < -1.5, y  # between the knuckles and the heel of the hand
        assert 0.5 < x < 2.0, x        # on the palm's side, touching it, not through it


def test_a_hook_curls_the_tips_back_over_straight_knuckles():
    _, body = posed("hook")
    for x, y, _ in tips(body, "hook"):
        assert x > 1.0, x              # bent toward the palm ...
        assert y < KNUCKLES, y         # ... but past the knuckles: they stay straight


def test_a_tabletop_points_the_straight_fingers_out_of_the_palm():
    _, body = posed("tabletop")
    for x, y, _ in tips(body, "tabletop"):
        assert x > 3.5, x              # a finger's length out in front of the palm
        assert abs(y - KNUCKLES) < 1.5, y


def test_spread_fingers_fan_apart_wider_than_an_open_hand():
    width = {}
    for shape in ("open", "spread"):
        _, body = posed(shape)
        zs = [z for _, _, z in tips(body, shape)]
        width[shape] = max(zs) - min(zs)
    assert width["spread"] > width["open"] + 2.5, width


@pytest.mark.parametrize("degrees", [-60, 45, 80])
def test_the_wrist_bends_the_hand_toward_the_palm_as_far_as_asked(degrees):
    _, body = posed(near_wrist=degrees)
    hand_dir = g.unit(g.sub(body.joints["near_fingers"], body.joints["near_wrist"]))
    fore = g.unit(g.sub(body.joints["near_wrist"], body.joints["near_elbow"]))
    palm = posed()[1].frames["near_hand"][0]
    bent = math.degrees(math.atan2(g.dot(hand_dir, palm), g.dot(hand_dir, fore)))
    assert bent == pytest.approx(degrees, abs=0.5)


def test_a_wrist_beyond_its_range_is_one_line_naming_the_frame_and_joint(tmp_path):
    bad = tmp_path / "wrist.figure.yaml"
    bad.write_text("title: A wrist bent too far\nframes:\n  - pose: {base: standing}\n"
                   "  - pose: {base: standing, hands: {far: fist},\n"
                   "           joints: {far_wrist: 95}}\n")
    with pytest.raises(HandoutError) as caught:
        load_figure(bad)
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}:5: frames[2].pose.joints.far_wrist: 95° is beyond what a body can reach; use "
        "-70 to 80 (the wrist: a larger number bends the wrist toward the palm)"]


def outlines(frame_svg: str) -> int:
    return len(re.findall(r'<g class="body">', frame_svg))


def test_the_tendon_glide_draws_five_close_ups_each_finger_outlined():
    text = render(load_figure(GLIDE), languages=("ja", "en"))
    frames = re.findall(r'<g id="frame-\d+".*?\n</g>', text, re.S)
    assert len(frames) == 5
    for frame in frames:
        # the forearm and palm, four fingers and the thumb: six outlines, and nothing else
        # of the body (no trunk, no upper arm)
        assert outlines(frame) == 6, frame[:200]
    widths = [float(re.search(r'data-box="\S+ \S+ (\S+) (\S+)"', f).group(1)) for f in frames]
    # each a readable size in the card's 400-wide box: five in a row there (a standard page
    # prints them in a wide card's box, half as wide again; see test_figure_many_frames)
    assert min(widths) > 50


def test_the_draw_command_and_a_handout_print_the_hand(tmp_path):
    out = tmp_path / "glide.svg"
    drawn = CliRunner().invoke(main, ["--home", str(JAPANESE), "draw", "tendon_glide",
                                      "-o", str(out)])
    assert drawn.exit_code == 0, drawn.output
    assert outlines(out.read_text(encoding="utf-8")) == 30  # five hands, six outlines each
    pdf = tmp_path / "glide.pdf"
    built = CliRunner().invoke(main, ["--home", str(JAPANESE), "build", "--patient",
                                      "山田 花子", "--exercise", "tendon_glide", "-o", str(pdf)])
    assert built.exit_code == 0, built.output
    # the card's page has the drawing: a form of vector paths, not an empty box
    page = next(p for p in PdfReader(pdf).pages if "腱のすべり運動" in p.extract_text()
                and "手のひらを前に向けて" in p.extract_text())
    forms = [x.get_object() for name, x in (page["/Resources"].get("/XObject") or {}).items()
             if ".fig_" in name]
    assert len(forms) == 1 and forms[0]["/Subtype"] == "/Form"
    assert forms[0].get_data().count(b" l") > 200
    assert "Picture not available" not in page.extract_text()


def test_a_figure_without_hand_shapes_draws_its_hands_as_before():
    # the mitten a whole-body picture has: one piece, no fingers outlined on their own
    _, body = posed()
    assert len(body.groups["near_arm"].pieces) == 3
    assert not body.groups["near_arm"].apart


def test_opposition_puts_the_thumb_tip_on_the_index_fingertip_in_a_ring():
    """The hand clinic's thumb to fingertips ("Make an O shape"): `hands: {near:
    opposition}` was refused, and the clinic drew a spread hand. The thumb tip now rests on
    the first finger's tip, the two curled out in front of the palm (a ring, not a pinch
    flat against it), the other fingers straight past the knuckles."""
    _, body = posed("opposition")
    index, *others = tips(body, "opposition")
    thumb_tip, radius = body.groups["near_arm"].pieces[-1][-1]  # the thumb's last bone's end
    apart = math.dist(in_hand(body, thumb_tip), index)
    assert apart <= radius + 0.5, apart      # touching: no more than the two tips' round
    assert index[0] > 3.0, index             # curled out in front of the palm: a ring
    for x, y, _ in others:
        assert y < KNUCKLES - 2.0, y         # the other fingers reach on past the knuckles
        assert x < 2.0, x


@pytest.mark.parametrize("finger", ["middle", "ring", "little"])
def test_opposition_to_a_named_finger_puts_the_thumb_tip_on_that_fingertip(finger):
    """The hand clinic's thumb to fingertips, steps 3 and 4: the thumb on the middle, ring
    and little fingertips had no shape, so its frame 2-4 showed the first finger only. A
    figure file now names the finger, `hands: {near: {opposition: ring}}`: the thumb tip
    rests on that fingertip, curled out in front of the palm, and on no other."""
    _, body = posed({"opposition": finger})
    shape = body.hands["near"]
    found = tips(body, shape)
    thumb_tip, radius = body.groups["near_arm"].pieces[-1][-1]
    apart = [math.dist(in_hand(body, thumb_tip), tip) for tip in found]
    k = hand.FINGERS.index(finger)
    assert apart[k] <= radius + 0.5, apart
    assert all(d > 3.0 for n, d in enumerate(apart) if n != k), apart
    assert found[k][0] > 1.5, found[k]         # the finger curled out in front of the palm
    for n, (x, y, _) in enumerate(found):
        if n != k:
            assert y < KNUCKLES - 2.0, y       # the others straight past the knuckles


def test_opposition_names_one_of_the_four_fingers():
    with pytest.raises(ValueError, match="opposition: index"):
        posed({"opposition": "thumb"})
    with pytest.raises(ValueError, match=r"\{opposition: middle\}"):
        posed("ok_sign")


def test_a_palm_turned_up_shows_its_creases_and_a_palm_turned_down_does_not():
    """The hand clinic's palm up, palm down: seen from the front, the bent elbow's hand
    pointed at the viewer and the two frames differed only in which side the thumb was on;
    from above, a hand's outline is the same from the palm and from the back. The palm now
    shows its two creases where it faces the viewer: from in front and above, palm up has
    them and palm down (the back of the hand) has none."""
    figure = load_figure(ROOT / "tests" / "clinics" / "hand" / "images"
                         / "forearm_turns.figure.yaml")
    creases = []
    for frame, cam in zip(figure.frames, svg.cameras(figure)):
        built = scene.build(frame, cam, scene.Style(), 0.1)
        creases.append([item for item in built.items if item.role == "crease"])
    up, down = creases
    assert len(up) == 1 and len(up[0].paths) == 2, up   # across the palm, round the thumb
    assert down == []
    # each crease lies on the palm: inside the hand's outline as drawn
    frame, cam = figure.frames[0], svg.cameras(figure)[0]
    body = scene.place(frame, cam)[0]
    hand_box = g.bounds([item for item in scene._group_items(
        body.groups["near_arm"], cam, far=False)])
    x0, y0, x1, y1 = g.bounds(up)
    assert hand_box[0] < x0 and x1 < hand_box[2] and hand_box[1] < y0 and y1 < hand_box[3]
    assert 'class="crease"' in render(figure)


def test_thumb_to_little_finger_shows_the_two_tips_side_by_side():
    """The hand clinic's thumb to the little finger: seen from the thumb's side, as the O
    is, the little finger curled in front of the thumb's tip and hid it, so the touch did
    not show. That frame is seen from the palm: the two tips side by side in the picture,
    at most a fifth of their rounds one over the other."""
    figure = load_figure(ROOT / "tests" / "clinics" / "hand" / "images"
                         / "thumb_opposition.figure.yaml")
    [(frame, cam)] = [(f, c) for f, c in zip(figure.frames, svg.cameras(figure))
                      if f.pose.hands.near == "opposition_little"]
    arm = scene.place(frame, cam)[0].groups["near_arm"]
    bones = {k: piece for piece, k in zip(arm.pieces, arm.apart)}  # each digit's last bone
    (little, r_little), (thumb, r_thumb) = bones[1][-1], bones[max(bones)][-1]  # little first
    apart = math.dist(cam.project(little), cam.project(thumb))
    assert apart >= 0.8 * (r_little + r_thumb), apart
    assert math.dist(little, thumb) <= r_little + r_thumb  # and touching
