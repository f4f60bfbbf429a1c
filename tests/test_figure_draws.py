"""How many drawings a cold build makes: each is a figure laid out again (45 ms or more), and
large print tries a picture at size after size. A count, not a time (times flake): the
drawing cache folder keeps one file for each drawing the build made."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

from handouts.render import pictures

# every exercise, in two languages, large print: the longest exercises' steps fill a page of
# their own, where no picture row fits whatever its size
SCRIPT = """
import sys
sys.path.insert(0, {root!r})
import handouts as api
ws = api.open_workspace()
every = api.program_from_options(ws, patient="Ada Example", layout="large_print",
                                 exercises=[e.id for e in ws.library.exercises])
api.build_handout(every.model_copy(update={{"language": ("es", "en")}}), ws)
"""


def test_large_print_draws_no_picture_for_a_row_that_cannot_fit(ws, tmp_path):
    """Where the page does not hold an exercise even with no picture row at all, no size
    of picture is tried. Before, each of the nine sizes from 0.95 of the box down was
    drawn and measured: 209 drawings for these 11 figures, 64 since (the PDF the same)."""
    figures = [e for e in ws.library.exercises
               if e.image is not None and pictures.is_figure(e.image)]
    assert len(figures) >= 10
    cache = tmp_path / "cache"
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(cache), "HANDOUTS_NO_REPLAY": "1"}
    subprocess.run([sys.executable, "-c", SCRIPT.format(root=str(ROOT))], env=env,
                   check=True, capture_output=True, text=True)
    drawn = list((cache / "drawings").iterdir())
    assert len(figures) <= len(drawn) <= 8 * len(figures), len(drawn)
