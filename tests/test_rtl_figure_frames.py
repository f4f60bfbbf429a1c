"""A picture of several frames on a right-to-left page reads from the right, as the page does:
frame ① at the right, its step numbers at its top right, the arrow to the next frame pointing
left, ② to its left. A page with a left-to-right language on it (English, or bilingual he+en:
its page stays left to right) keeps ① at the left and the arrow pointing right.

Read back from the PDF the handout writes: the picture's form, its step numbers' rings and
pills (white, outlined in the clinic's primary colour) and the grey arrow between the frames.
The Hebrew clinic is the Dublin example's library, whose shoulder_blade_squeeze figure has
two frames, "1" and "2-4" (tests/clinics/hebrew).
"""

from __future__ import annotations

import re

import pytest
from pypdf.generic import ContentStream

import handouts as api

from conftest import reader
from test_rtl_page import HEBREW_CLINIC, made_clinic

GREY = (0.541176, 0.576471, 0.607843)  # figures.svg.GREY, the arrow between frames
# a step-number badge: white, outlined in the Hebrew clinic's primary colour (#2f5d8a)
BADGE = ((1.0, 1.0, 1.0), (0.184314, 0.364706, 0.541176))


@pytest.fixture(scope="module")
def hebrew(tmp_path_factory) -> api.Workspace:
    return api.open_workspace(home=made_clinic(tmp_path_factory.mktemp("frames") / "clinic",
                                               HEBREW_CLINIC))


def filled_shapes(pdf: bytes) -> list[tuple[tuple, list[tuple[float, float]]]]:
    """Every shape filled in a picture with an arrow between frames (a grey fill: not the
    clinic's logo): (its fill and stroke colours, its points), in the form's units (x to
    the right, as on the page)."""
    found = []
    for page in reader(pdf).pages:
        for x in (page["/Resources"].get("/XObject") or {}).values():
            form = x.get_object()
            if not form.get("/Subtype") == "/Form":
                continue
            shapes, colour, points = [], ((0.0,) * 3, (0.0,) * 3), []
            for operands, operator in ContentStream(form, page.pdf).operations:
                if operator in (b"rg", b"RG"):
                    given = tuple(round(float(v), 6) for v in operands)
                    colour = (given, colour[1]) if operator == b"rg" else (colour[0], given)
                elif operator in (b"m", b"l"):
                    points.append((float(operands[0]), float(operands[1])))
                elif operator == b"c":
                    points.append((float(operands[4]), float(operands[5])))
                elif operator in (b"f", b"f*", b"B", b"B*", b"b", b"b*"):
                    shapes.append((colour, points))
                    points = []
                elif operator in (b"S", b"n", b"Q"):
                    points = []
            if any(colour[0] == GREY for colour, _ in shapes):
                found += shapes
    return found


def frames_read(pdf: bytes) -> tuple[str, str]:
    """Which way the two-frame picture reads: where frame ① is against ② (from the centres
    of its step numbers' ring and the pill of "2–4"), and which way the arrow between them
    points (its head's tip against its base)."""
    shapes = filled_shapes(pdf)
    badges = [pts for colour, pts in shapes if colour == BADGE]
    heads = [pts for colour, pts in shapes if colour[0] == GREY and len(pts) == 3]
    assert len(badges) == 2 and len(heads) == 1, (len(badges), len(heads))
    ring, pill = sorted(badges, key=lambda pts: max(x for x, _ in pts) - min(x for x, _ in pts))
    centre = lambda pts: (max(x for x, _ in pts) + min(x for x, _ in pts)) / 2  # noqa: E731
    tip, *base = sorted(heads[0], key=lambda p: abs(p[1] - sum(y for _, y in heads[0]) / 3))
    return ("1 right of 2" if centre(ring) > centre(pill) else "1 left of 2",
            "arrow left" if tip[0] < base[0][0] else "arrow right")


def built(ws: api.Workspace, layout: str, languages: list[str]) -> bytes:
    data = {"patient": {"name": "דנה לוי"}, "date": "2026-12-03", "language": languages,
            "layout": layout, "exercises": ["shoulder_blade_squeeze"], "education": []}
    return api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_a_hebrew_pages_frames_read_from_the_right(hebrew, layout):
    assert frames_read(built(hebrew, layout, ["he"])) == ("1 right of 2", "arrow left")


@pytest.mark.parametrize("languages", [["en"], ["he", "en"]])
def test_a_left_to_right_pages_frames_read_from_the_left(hebrew, languages):
    assert frames_read(built(hebrew, "standard", languages)) == ("1 left of 2", "arrow right")


def test_the_drawing_itself_puts_frame_one_at_the_right(hebrew):
    """The SVG a clinic looks at (make_handouts.py draw --language he) is the same drawing."""
    svg = api.draw_exercise("shoulder_blade_squeeze", hebrew, "svg", ["he"]).decode()
    boxes = dict(re.findall(r'id="frame-(\d)" class="frame" data-box="([-\d.]+) ', svg))
    assert float(boxes["1"]) > float(boxes["2"])


def test_the_clinics_own_direction_decides_as_the_page_does(tmp_path):
    """A clinic whose wording says its language is written left to right (the Hebrew
    clinic's, told so here) has a left-to-right page, and frames that read from the left."""
    home = made_clinic(tmp_path / "clinic", HEBREW_CLINIC)
    strings = home / "strings.he.yaml"
    strings.write_text(strings.read_text(encoding="utf-8") + "direction: left-to-right\n",
                       encoding="utf-8")
    ws = api.open_workspace(home=home)
    assert frames_read(built(ws, "standard", ["he"])) == ("1 left of 2", "arrow right")
