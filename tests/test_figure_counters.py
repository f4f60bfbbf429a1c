"""A counter beside the person (`counter: {side: far}`), not in front: the balance clinic's
heel-to-toe walk goes along it, one hand on its top, where a counter in front had the
person stepping toward it."""

from __future__ import annotations

import re
from pathlib import Path

from handouts.errors import HandoutError
from handouts.figures import load_figure
from handouts.figures import props as p
from handouts.figures import scene, svg

ROOT = Path(__file__).resolve().parent.parent
WALK = ROOT / "tests" / "clinics" / "balance" / "images" / "heel_to_toe_walk.figure.yaml"


def test_the_walk_goes_along_a_counter_at_the_side_one_hand_on_its_top():
    figure = load_figure(WALK)
    for frame, cam in zip(figure.frames, svg.cameras(figure)):
        posed, unreached = scene.place(frame, cam)
        assert unreached == {}
        (_, top), = [(i, box) for i, box in p.solids(frame) if box[2] > 0]
        x0, x1, _, height, z0, z1 = top
        body = [c for name, group in posed.groups.items() if name != "far_arm"
                for c in group.centres]
        feet = [posed.joints[f"{side}_{end}"] for side in ("near", "far")
                for end in ("heel", "toe")]
        # wholly to the far side of the person (the arm reaching it aside), and along their path past both feet
        assert z1 < min(c[2] for c in body), (z1, min(c[2] for c in body))
        assert x0 + 10 < min(f[0] for f in feet) and max(f[0] for f in feet) < x1 - 10
        # the far hand rests on its top, over it
        hand = posed.joints["far_hand"]
        assert z0 <= hand[2] <= z1 and x0 <= hand[0] <= x1, hand
        assert abs(hand[1] - height) <= 3, hand


def side_counter_towels(tmp_path, view: str) -> list[tuple[list, list]]:
    """Each frame's towel on a counter beside the person (under the far hand, then under a
    point given as numbers), with the counter's top, as points in the picture: seen from
    the side (``view: side``), y is the height; from the front, x runs across the counter."""
    path = tmp_path / "towel.figure.yaml"
    path.write_text(f"""title: Standing beside a counter, a towel on its top
view: {view}
frames:
  - pose: {{base: standing}}
    props: [{{counter: {{x: 8, side: far}}}}, {{towel: {{under: far_hand}}}}]
    marks:
      - hand: {{side: far, at: [4, 55, -20]}}
  - pose: {{base: standing}}
    props: [{{counter: {{x: 8, side: far}}}}, {{towel: {{under: [4, 58, -30]}}}}]
""", encoding="utf-8")
    figure = load_figure(path)
    found = []
    for frame, cam in zip(figure.frames, svg.cameras(figure)):
        posed = scene.place(frame, cam)[0]
        body = scene._group_items(posed.groups["torso"], cam, far=False)
        back, _, tucked = p.props(frame, posed, cam, scene.Style(), body)
        towel = tucked[0][1] if tucked else back[-1]  # drawn after the counter's two boxes
        found.append((list(towel.points()), list(back[1].points())))
    return found


def test_a_towel_on_a_counter_beside_the_person_lies_on_its_top(tmp_path):
    """It found no top (only counters in front were looked for): it lay at the floor's
    height, inside the counter, or hung in the air beside it."""
    for towel, top in side_counter_towels(tmp_path, "side"):
        bottom = min(y for _, y in towel)
        assert abs(bottom - 55) <= 0.3, bottom  # on the counter's top, 55 high
    for towel, top in side_counter_towels(tmp_path, "front"):
        # across, all of it over the top: none of it past the counter's edges
        xs, edges = [x for x, _ in towel], [x for x, _ in top]
        assert min(edges) - 0.3 <= min(xs) and max(xs) <= max(edges) + 0.3, (xs, edges)


MARCH = """title: marching at a kitchen counter
frames:
  - number: "1"
    pose: {base: standing, joints: {near_hip: HIP, near_knee: 70}}
    props: [floor, {counter: {x: 23}}]
    marks:
      - hand: {side: near, at: [26, 55]}
      - hand: {side: far, at: [26, 55, -8]}
"""


def test_a_knee_lifted_into_a_counter_is_told_how_far_it_may_rise_there(tmp_path):
    """The stroke clinic's march at a counter, the knee lifted to 60: check said "move the
    counter or the person apart", where a counter is solid to the floor (cupboards under
    its top, only a toe kick) and, moved as far as the knee needs, out of the hands' reach.
    It now says so, with the hip that clears the counter where it is; that hip draws."""
    path = tmp_path / "march.figure.yaml"
    path.write_text(MARCH.replace("HIP", "60"), encoding="utf-8")
    try:
        load_figure(path)
        raise AssertionError("check let a knee through the counter")
    except HandoutError as exc:
        (line,) = [str(problem) for problem in exc.problems]
    assert "frames[1].props[2]: the near leg goes through the counter" in line, line
    assert "solid to the floor" in line and "stand back" in line, line
    # standing back as far as the knee needs (5), the hands at 31 cannot reach the counter
    assert "at x: 28, where the knee clears it, the hands do not reach it" in line, line
    hip = int(re.search(r"near_hip: (\d+) clears it where it is", line).group(1))
    assert 50 <= hip < 60, line
    path.write_text(MARCH.replace("HIP", str(hip)), encoding="utf-8")
    load_figure(path)  # the hip it names draws, the knee clear of the counter


def test_a_counter_the_hands_still_reach_when_stood_back_is_told_where_to_stand(tmp_path):
    """A knee lifted less (hip 45) into a counter nearer (x: 14): standing back 6 clears it
    and the hands, 6 further forward, still reach its top; check says where to stand it."""
    path = tmp_path / "march.figure.yaml"
    path.write_text(MARCH.replace("HIP", "45").replace("x: 23", "x: 14")
                    .replace("[26, 55", "[17, 55"), encoding="utf-8")
    try:
        load_figure(path)
        raise AssertionError("check let a knee through the counter")
    except HandoutError as exc:
        (line,) = [str(problem) for problem in exc.problems]
    back = int(re.search(r"put the counter at x: (\d+) or more", line).group(1))
    assert back == 20, line  # the knee 5 into it: 6 further, where the hands still reach
    path.write_text(MARCH.replace("HIP", "45").replace("x: 23", f"x: {back}")
                    .replace("[26, 55", f"[{back + 3}, 55"), encoding="utf-8")
    load_figure(path)  # stood back as it says, the knee clears it and the hands reach
