"""A reprint is the same bytes after an update of handouts that changes nothing drawn: what
the PDF names (its drawings' forms, its cards' forms in a print file) comes from what is
drawn, not from the figure engine's code, which names a drawing in the drawing cache only
(an update still draws every figure again)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

from conftest import ROOT

# A process of this version, or (argv[1] "update") of an update whose figure code changed
# in a way that draws nothing differently (an error message, say): its engine digest, as
# figure_keys computes it from the code, is another. Builds a handout of figure files
# alone, and a print file of several patients (where cards are shared forms); prints their
# SHA-256 and the drawing cache's files.
SCRIPT = """
import hashlib, json, sys
sys.path.insert(0, {root!r})
import handouts as api
from handouts.render import figure_keys, picture_cache, pictures
if sys.argv[1] == "update":
    engine = figure_keys._engine_digest()
    figure_keys._engine_digest = lambda: hashlib.sha1(engine + b" an update").hexdigest().encode()
ws = api.open_workspace()
ids = [e.id for e in ws.library.exercises if e.image and pictures.is_figure(e.image)][:3]
assert ids, "the library has no figure file"
program = api.program_from_data({{"patient": {{"name": "Ada Example"}}, "date": "2026-12-01",
                                  "exercises": ids}}, ws, source="test")
jane = api.load_program({jane!r}, ws)
out = {{"handout": hashlib.sha256(api.build_handout(program, ws).pdf).hexdigest()}}
handouts = [api.resolve_program(p, ws) for p in (program, jane, program)]
out["print file"] = hashlib.sha256(api.build_packet(handouts, ws)[0]).hexdigest()
out["drawings"] = sorted(p.name for p in picture_cache.cache_dir().iterdir())
print(json.dumps(out))
"""


def _built(which: str, cache) -> dict:
    code = SCRIPT.format(root=str(ROOT), jane=str(ROOT / "examples" / "jane-doe.yaml"))
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(cache), "HANDOUTS_NO_REPLAY": "1"}
    proc = subprocess.run([sys.executable, "-c", code, which], env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(proc.stdout)


def test_an_update_of_the_figure_code_keeps_the_pdfs_bytes(tmp_path):
    before = _built("this version", tmp_path)
    after = _built("update", tmp_path)
    # the update drew its figures again: the drawings of the old code are not taken
    assert set(after["drawings"]) > set(before["drawings"])
    assert after["handout"] == before["handout"]
    assert after["print file"] == before["print file"]
