"""An education topic is never split by the log: where the log has no room on the page the
exercises leave, the text fills that page and a topic it cuts finishes ahead of the log (its
last lines after a log a page or three on read as part of nothing; they once went there under
"(continued)"). Read back from the PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import handouts as api

from conftest import page_texts

EVERY = ["child_pose", "kneeling_rock_back", "lying_hip_flexor_stretch", "si_joint_correction",
         "si_joint_knee_rocks", "standing_hip_flexor_stretch", "wall_goal_post_stretch",
         "diaphragmatic_breathing", "psoas_release", "psoas_release_tool",
         "ql_breathing_stretch"]
PORTUGUESE = Path(__file__).resolve().parent / "clinics" / "portuguese"


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.replace("\u00a0", " ").split()) for p in page_texts(pdf)]


def _where(pages: list[str], said: str, last: bool = False) -> tuple[int, int]:
    """The page ``said`` is on (its last where ``last``), and where on the page."""
    found = [(i, p.index(said)) for i, p in enumerate(pages) if said in p]
    assert found, said
    return found[-1] if last else found[0]


def _assert_whole_before_the_log(pages, log_heading, topic, last_line, marker="(continued)"):
    start, end = _where(pages, topic), _where(pages, last_line, last=True)
    log = _where(pages, log_heading)
    assert start < end < log, (start, end, log)  # its last line on a page before the log's
    assert not any(marker in p for p in pages[log[0]:])


@pytest.mark.parametrize("layout, topic, last_line", [
    # two pages of log came between "Good posture for your back" and its last line
    ("standard", "Good posture for your back", "Therapists like to say"),
    # three, in large print, between "Hypermobility: …" and its last paragraph
    ("large_print", "Hypermobility: when your spine moves too much",
     "If any of these sound like you"),
])
def test_a_topic_the_logs_page_cuts_finishes_ahead_of_the_log(ws, layout, topic, last_line):
    data = {"patient": {"name": "Harold Finch"}, "date": "2026-12-07",
            "next_visit": "2026-12-21", "layout": layout, "exercises": EVERY,
            "education": ["hypermobility", "posture", "when_to_call"],
            "note": "Start gently. Do the ones that feel good first."}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    _assert_whole_before_the_log(_pages(pdf), "Your exercise log", topic, last_line)


def test_a_clinics_own_topic_finishes_ahead_of_the_log_in_the_same_pages(tmp_path):
    """The Portuguese clinic's Ana: "Sobre a dor no pescoço" started at the foot of page 3
    and its last lines printed on page 5 under "(continuação)", after the log, page 5
    otherwise all but empty. It now ends on page 4 over the log, in the same 5 pages."""
    home = tmp_path / "movimento"
    shutil.copytree(PORTUGUESE, home)
    ws = api.open_workspace(home=home)
    pdf = api.build_handout(api.load_program(home / "examples" / "ana-ferreira.yaml", ws), ws).pdf
    pages = _pages(pdf)
    _assert_whole_before_the_log(pages, "Seu registro de exercícios", "Sobre a dor no pescoço",
                                 "Faça o exercício do queixo durante a pausa.", "(continuação)")
    assert len(pages) == 5


def test_compact_finishes_a_topic_ahead_of_the_log_in_the_same_pages(ws):
    """Every exercise in compact with a log of 2 weeks: "Why common treatments don't last"
    went on after the log under "(continued)". Finished ahead of it, the log no longer
    starts at a page's top, and only the log set tighter keeps the handout at 6 pages:
    compact's first way, its last page well used, had left the others untried."""
    data = {"patient": {"name": "Ada Example"}, "date": "2026-12-07", "layout": "compact",
            "next_visit": "2026-12-21", "exercises": EVERY,
            "education": ["muscle_guarding", "why_treatments_fail"]}
    pages = _pages(api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf)
    _assert_whole_before_the_log(pages, "Your exercise log", "Why common treatments don't last",
                                 "That means the right amount, at the right time.")
    assert len(pages) == 6


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
