"""A card a standard page sets tighter (the dose on a line under its title, so one more card
fits) keeps a picture a patient can follow alone: at least 80 % of the size a standard card
prints it at, and where moving the dose saves the room, its whole size. It printed at 60 %:
the knee clinic's quad set, a lying figure with a towel under the knee, 1.1 inch wide, the
towel barely seen. Read back from the PDFs: the size each card's drawing is placed at."""

from __future__ import annotations

import math
import re

import pytest

import handouts as api
from handouts.render import figure_keys
from handouts.render.theme import theme_for

from conftest import ROOT, drawn, page_texts, reader
from standard_programs import random_standard

KNEE = ROOT / "examples" / "knee-clinic"
CONTINUED = re.compile(r"\((?:continued|continuación)\)")
FLOOR = 0.8


# the figure engine's box as its drawing reads (svglib takes its pixels as 3/4 pt): a
# drawing is cropped to what it draws, but it is always drawn for a box this wide
ENGINE_WIDTH = figure_keys.FIGURE_BOX[0] * 0.75


def pictures(pdf: bytes, page_size: str = "Letter", heads: bool = False,
             ) -> list[tuple[int, float]]:
    """Each exercise picture, and the share of a standard card's picture box it is printed
    for: (page from 1, share). A figure's drawing is placed at the scale that fits the
    engine's box to the card's (a column taller than the standard box makes a figure stack
    its frames: the box's height says nothing of their size), a photo fills its box across
    or down. Page 1 holds the logo and the summary, no card; a video's QR code is not a
    picture to follow. (Every picture of these libraries is drawn from a figure file.) Not
    a card's head where it goes on on the next page (unless ``heads``): that is
    continuation's to set, its picture as large as keeps what goes on the same."""
    t = theme_for("standard", page_size)
    out = []
    pages = reader(pdf).pages
    texts = [] if heads else page_texts(pdf)
    for number, page in enumerate(pages[1:], 2):
        objects = {name: x.get_object() for name, x in
                   (page["/Resources"].get("/XObject") or {}).items()}
        for operands, operator, m in drawn(page):
            if operator != b"Do" or "qr_" in operands[0]:
                continue
            across, down = math.hypot(m[0], m[1]), math.hypot(m[2], m[3])
            if objects[operands[0]].get("/Subtype") == "/Form":
                share = ENGINE_WIDTH * across / t.image_width
            else:
                share = max(across / t.image_width, down / t.image_height)
            out.append((number, round(share, 3)))
        # the next page goes on with this one's last card (every card here has a picture)
        if not heads and number < len(pages) and CONTINUED.search(
                " ".join(texts[number].split()[:12])) and out[-1][0] == number:
            out.pop()
    return out


def too_small(pdf: bytes, page_size: str = "Letter", heads: bool = False,
              ) -> list[tuple[int, float]]:
    """The pictures printed smaller than ``FLOOR`` of what a standard card prints."""
    t = theme_for("standard", page_size)
    # a standard box is a little wider for its height than the engine's: a drawing fitted
    # by its height fills a little less than its width, on a standard card too
    engine_w, engine_h = figure_keys.FIGURE_BOX
    least = FLOOR * min(1.0, (t.image_height / t.image_width) / (engine_h / engine_w)) - 0.001
    return [found for found in pictures(pdf, page_size, heads) if found[1] < least]


def test_the_knee_clinic_s_tighter_cards_keep_their_pictures_whole():
    ws = api.open_workspace(home=KNEE)
    built = api.build_handout(api.load_program(KNEE / "examples" / "dorothy-reyes.yaml", ws),
                              ws)
    # moving the dose saves the room; a page more than the 4 it took with the note after
    # the cards: heading the exercises, the note leaves page 2 two cards (the cards of
    # pages 2 and 3 filled them to within 8 and 74 pt)
    assert len(reader(built.pdf).pages) == 5
    found = pictures(built.pdf)
    assert len(found) == 6 and not too_small(built.pdf), found
    # the quad set (page 2, first) as large as on a standard card, the towel plain to see
    assert found[0][0] == 2 and found[0][1] >= 0.98, found


def test_jane_doe_s_tighter_cards_keep_the_floor(ws, jane):
    built = api.build_handout(jane, ws)
    assert len(reader(built.pdf).pages) == 6
    assert not too_small(built.pdf)


@pytest.mark.parametrize("seed", [3, 4])
def test_random_programs_keep_the_floor(ws, seed):
    """Standard programs of 3 to 8 exercises, seeded, in one language, on both papers:
    every card's picture at least ``FLOOR`` of a standard card's."""
    for paper, chosen, pdf in random_standard(ws, seed, 6):
        assert not too_small(pdf, paper), (paper, chosen)


@pytest.mark.parametrize("example,language,pages", [
    ("rosa-diaz-bilingual.yaml", None, 7), ("every exercise", "es", 9)])
def test_a_card_cut_in_two_prints_its_head_s_picture_as_large_as_its_cut_allows(
        ws, example, language, pages):
    """A card that starts where its head fits only set tighter printed that head's picture
    at 60 %. It now takes the largest of a tighter card's sizes that still holds as much of
    the card as 60 % did, so what goes on, and every page after it, stays as it was: Rosa's
    two heads (her breathing and her knee rocks) print at 80 %, the Spanish every-exercise
    program's at 80 % too, on as many pages as before."""
    if language is None:
        program = api.load_program(ROOT / "examples" / example, ws)
    else:
        program = api.program_from_options(ws, patient="Pat Example", layout="standard",
                                           exercises=[e.id for e in ws.library.exercises],
                                           date="2026-11-23", language=[language])
    built = api.build_handout(program, ws)
    assert len(reader(built.pdf).pages) == pages
    assert not too_small(built.pdf, heads=True), pictures(built.pdf, heads=True)
