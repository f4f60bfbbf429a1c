"""A person sitting on a bed, as the Brandt-Daroff exercise starts (a made-up vestibular
clinic's hunt): in a side view, sat at the middle of a bed's long side, the legs hung
through the mattress and `check` said nothing, as a bed was not among what the person
must not be drawn through. Sitting at the bed's foot, the bed ending under the thighs,
they hang clear."""

from __future__ import annotations

import pytest

from handouts.errors import HandoutError
from handouts.figures import load_figure

SITTING = """title: Sitting on the edge of a bed
frames:
  - pose: {{base: sitting, surface: bed}}
    props: [floor, {bed}]
"""


def test_legs_through_a_bed_sat_on_are_told_with_where_its_end_clears_them(tmp_path):
    path = tmp_path / "sit.figure.yaml"
    path.write_text(SITTING.format(bed="bed"), encoding="utf-8")
    with pytest.raises(HandoutError) as caught:
        load_figure(path)
    (problem,) = caught.value.problems
    line = str(problem)
    assert line.startswith(f"{path}:4: frames[1].props[2]: the near leg goes through the bed")
    end = int(line.rsplit("end it under the thighs: end: ", 1)[1])
    # the end it names clears the legs, and is under the thighs, not behind the seat
    path.write_text(SITTING.format(bed=f"{{bed: {{end: {end}}}}}"), encoding="utf-8")
    load_figure(path)
    assert 5 <= end < 40


def test_a_leg_hung_off_a_bed_lain_on_is_left_as_drawn(tmp_path):
    # the SI joint reset hangs the pain-free leg off the bed's long side, across its edge
    path = tmp_path / "hang.figure.yaml"
    path.write_text("""title: Lying near the side of a bed, one leg hanging off it
frames:
  - pose:
      base: supine
      surface: bed
      joints: {near_hip: -14, near_hip_out: 16, near_knee: 85, near_ankle: -10}
    props: [{bed: {start: -58, end: 34}}]
""", encoding="utf-8")
    load_figure(path)
