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


def test_compact_puts_a_topic_the_logs_page_has_no_room_to_start_ahead_of_the_log(ws):
    """Compact's end (laid out each way it may be set, last_page.EndChoice) did not have
    the rule the other layouts have: every exercise on Letter, the first topic filled page
    4, and "Hypermobility…", with no room to start there, went on after the log on page 5.
    It now starts under the first topic and the log follows it, in the same 5 pages."""
    program = api.program_from_options(
        ws, patient="Ada Example", exercises=EVERY, layout="compact", date="2026-11-23",
        education=["why_pain_lingers", "hypermobility"])
    pages = [" ".join(p.replace("\u00a0", " ").split())
             for p in page_texts(api.build_handout(program, ws).pdf)]

    def where(said: str) -> tuple[int, int]:  # its page, and where on the page
        return next((i, p.index(said)) for i, p in enumerate(pages) if said in p)

    first = where("Why your back pain won't go away")
    second = where("Hypermobility: when your spine moves too much")
    log = where("Your exercise log")
    assert first < second < log, (first, second, log)
    assert (first[0], log[0], len(pages)) == (3, 4, 5)


@pytest.mark.parametrize("education, pages", [
    (["hypermobility", "pain_is_real"], 5),
    (["hypermobility", "why_treatments_fail", "pain_is_real", "posture"], 6),
])
def test_compact_takes_no_more_pages_for_a_topic_it_may_put_ahead_of_the_log(ws, education,
                                                                           pages):
    """Compact tried its other ends only where the first left its last page little used;
    with a topic put ahead of the log, the first's last page was well used, and the end
    with the topic after the log, a page shorter, went untried: 6 pages, then 7, where
    these took 5 and 6 before (on Letter, as the clinic's file is)."""
    program = api.program_from_options(
        ws, patient="Ada Example", exercises=EVERY, layout="compact", date="2026-11-23",
        education=education)
    assert len(page_texts(api.build_handout(program, ws).pdf)) == pages
