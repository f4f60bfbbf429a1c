"""An education topic that the log cuts (the text fills the page the log had no room on,
the log follows, then the rest of the text) goes on after the log under its title, marked
"(continued)": its last lines, a page or three on, read as part of nothing. Read back from
the PDF."""

from __future__ import annotations

import pytest

import handouts as api

from conftest import page_texts

EVERY = ["child_pose", "kneeling_rock_back", "lying_hip_flexor_stretch", "si_joint_correction",
         "si_joint_knee_rocks", "standing_hip_flexor_stretch", "wall_goal_post_stretch",
         "diaphragmatic_breathing", "psoas_release", "psoas_release_tool",
         "ql_breathing_stretch"]


@pytest.mark.parametrize("layout, topic, last_line", [
    # two pages of log between "Good posture for your back" and its last line
    ("standard", "Good posture for your back", "Therapists like to say"),
    # three, in large print, between "Hypermobility: …" and its last paragraph
    ("large_print", "Hypermobility: when your spine moves too much",
     "If any of these sound like you"),
])
def test_a_topic_the_log_cuts_goes_on_under_its_title(ws, layout, topic, last_line):
    data = {"patient": {"name": "Harold Finch"}, "date": "2026-12-07",
            "next_visit": "2026-12-21", "layout": layout, "exercises": EVERY,
            "education": ["hypermobility", "posture", "when_to_call"],
            "note": "Start gently. Do the ones that feel good first."}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    pages = [" ".join(p.replace("\u00a0", " ").split()) for p in page_texts(pdf)]
    log = next(i for i, p in enumerate(pages) if "Your exercise log" in p)
    start = next(i for i, p in enumerate(pages) if topic in p)
    end = next(i for i, p in enumerate(pages) if last_line in p)
    assert start < log < end  # the log does cut it
    before = pages[end].split(last_line)[0]
    assert f"{topic} (continued)" in before
    assert sum(p.count("(continued)") for p in pages[log:]) == 1
