"""Seeded standard programs for the tests that read every card's picture and form back from
the PDFs (test_tighter_pictures, test_wide_pictures, test_tighter_pages_alike): the same
programs for a seed as each test drew by itself."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator

import handouts as api


def random_standard(at, seed: int, count: int) -> Iterator[tuple[str, list[str], bytes]]:
    """``count`` standard programs of 3 to 8 of the workspace ``at``'s exercises, in English
    or Spanish, on Letter or A4, drawn from ``seed``: (the paper, the exercises, the PDF)."""
    rng = random.Random(seed)
    ids = [e.id for e in at.library.exercises]
    for _ in range(count):
        paper = rng.choice(["Letter", "A4"])
        here = dataclasses.replace(at, clinic=at.clinic.model_copy(update={"page_size": paper}))
        chosen = rng.sample(ids, min(len(ids), rng.randint(3, 8)))
        program = api.program_from_options(here, patient="Pat Example", exercises=chosen,
                                           date="2026-11-23", layout="standard",
                                           language=[rng.choice(["en", "es"])])
        yield paper, chosen, api.build_handout(program, here).pdf
