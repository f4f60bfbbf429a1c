"""What is kept to save time never changes a byte: cards and paragraphs laid out and drawn
once per process (render/frozen, render/replay), font subsets formatted once, the validated
library, compiled templates and drawings kept on disk. Each comparison is against a fresh
process that keeps nothing (HANDOUTS_NO_REPLAY=1, an empty cache folder). What is kept within
one process, and a batch's packets, are test_caches_kept's."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from test_rtl_wrapping import ARABIC, HEBREW

# Builds another clinic's demo handouts, every demo handout in every layout, then patients
# whose names bring characters
# outside ASCII (and a fallback font) onto page 1 before any card is drawn, then a merged
# packet; with --rounds N everything is built N times in the same process, so that later
# rounds are drawn from what the first kept (page 1's header and safety box, which carry
# links, are recorded at their second drawing and replayed from the third on). Prints, per
# round, each PDF: what, sha256.
SCRIPT = """
import hashlib, json, sys
sys.path.insert(0, {root!r})
import handouts as api
ws = api.open_workspace()
programs = [api.load_program(p, ws) for p in {examples!r}]
other = api.open_workspace(home={other!r})  # another clinic, its own wording, in one process
others = [api.load_program(p, other) for p in {other_examples!r}]
hebrew_clinic = api.open_workspace(home={hebrew_clinic!r})
def round_():
    out = {{}}
    for path, program in zip({other_examples!r}, others):
        out[path] = hashlib.sha256(api.build_handout(program, other).pdf).hexdigest()
    for path, program in zip({examples!r}, programs):
        for layout in ("standard", "compact", "large_print"):
            pdf = api.build_handout(program, ws, layout=layout).pdf
            out[f"{{path}} {{layout}}"] = hashlib.sha256(pdf).hexdigest()
    # Jane in Spanish large print: exercises set snug to fit their page, page 1's box in
    # one column running on to page 2
    spanish = programs[0].model_copy(update={{"language": ("es",), "layout": "large_print"}})
    out["Spanish large print"] = hashlib.sha256(api.build_handout(spanish, ws).pdf).hexdigest()
    for name in ("Zoë Ñúñez-Ødegård", "Αλέξης Παπαδόπουλος", "Jo – “Quotes” · Bullets •",
                 "דוד כהן", "محمد عبد الله"):
        patient = programs[0].patient.model_copy(update={{"name": name}})
        program = programs[0].model_copy(update={{"patient": patient}})
        pdf = api.build_handout(program, ws).pdf
        out[name] = hashlib.sha256(pdf).hexdigest()
    # every exercise in two languages: long cards that start on one page and go on under
    # their title on the next (a card's head and its rest are frozen blocks too)
    every = api.program_from_options(ws, patient="Ada Example", layout="standard",
                                     exercises=[e.id for e in ws.library.exercises])
    every = every.model_copy(update={{"language": ("es", "en")}})
    out["every exercise, es+en"] = hashlib.sha256(api.build_handout(every, ws).pdf).hexdigest()
    # right-to-left notes that wrap (each line ordered as it is drawn), the therapist's
    # long enough to go on over a page
    wrapped = api.program_from_data({{
        "patient": {{"name": "דוד כהן"}}, "date": "2026-11-23", "note": {hebrew!r},
        "exercises": [{{"id": "child_pose", "note": {arabic!r}}}, "kneeling_rock_back"]}},
        ws, source="test")
    out["right to left"] = hashlib.sha256(api.build_handout(wrapped, ws).pdf).hexdigest()
    # in a packet a card is drawn once and placed by name wherever it recurs: so is a head
    handouts = [api.resolve_program(p, ws) for p in [*programs, every, every]]
    out["packet"] = hashlib.sha256(api.build_packet(handouts, ws, duplex=True)[0]).hexdigest()
    # a handout all in Hebrew: its page mirrored, its cards another look than any above;
    # in a packet too, where its cards are shared forms
    hebrew = []
    for layout in ("standard", "compact", "large_print"):
        mirrored = api.program_from_data({{
            "patient": {{"name": "דנה לוי"}}, "date": "2026-12-03", "language": "he",
            "layout": layout, "exercises": ["pendulum", "shoulder_blade_squeeze"],
            "education": ["sleeping"]}}, hebrew_clinic, source="test")
        hebrew.append(api.resolve_program(mirrored, hebrew_clinic))
        pdf = api.build_handout(mirrored, hebrew_clinic).pdf
        out[f"all Hebrew {{layout}}"] = hashlib.sha256(pdf).hexdigest()
    out["all Hebrew packet"] = hashlib.sha256(
        api.build_packet([*hebrew, *hebrew], hebrew_clinic)[0]).hexdigest()
    return out
rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 1
print(json.dumps([round_() for _ in range(rounds)]))
"""


def run(cache: Path, *, keep: bool, rounds: int = 1, filled_by: Path | None = None
        ) -> list[dict]:
    """``filled_by``: the cache folder is a copy of that one, filled by a process that
    used the clinic beside it (the same clinic, so that what it kept of it is found)."""
    examples = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    other = EXAMPLES / "dublin-shoulder"
    other_examples = [str(p) for p in sorted((other / "examples").glob("*.yaml"))]
    beside = filled_by or cache
    hebrew_clinic = beside.parent / f"{beside.name}-hebrew-clinic"  # not in the cache folder
    if not hebrew_clinic.exists():
        shutil.copytree(other, hebrew_clinic)
        shutil.copytree(ROOT / "tests" / "clinics" / "hebrew", hebrew_clinic,
                        dirs_exist_ok=True)
        with open(hebrew_clinic / "clinic.yaml", "a", encoding="utf-8") as f:
            # links in a right-to-left contact line (LinksOver), beside the phone's
            f.write("email: shalom@katef.example\nwebsite: katef.example\n")
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(cache)}
    env.pop("HANDOUTS_NO_REPLAY", None)
    if not keep:
        env["HANDOUTS_NO_REPLAY"] = "1"
    code = SCRIPT.format(root=str(ROOT), examples=examples, other=str(other),
                         other_examples=other_examples, hebrew_clinic=str(hebrew_clinic),
                         hebrew=" ".join([HEBREW] * 8),
                         arabic=ARABIC)
    proc = subprocess.run([sys.executable, "-c", code, "--rounds", str(rounds)],
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def nothing_kept(tmp_path_factory) -> tuple[dict, Path]:
    """A process that keeps nothing in memory and starts with an empty cache folder: what
    it wrote, and the cache folder it filled (which each test below that needs a full one
    uses a copy of)."""
    cache = tmp_path_factory.mktemp("nothing-kept")
    return run(cache, keep=False)[0], cache


@pytest.fixture(scope="module")
def uncached(nothing_kept) -> dict:
    return nothing_kept[0]


def full_copy(nothing_kept, tmp_path: Path) -> Path:
    copy = tmp_path / "cache"
    shutil.copytree(nothing_kept[1], copy)
    return copy


def test_a_warm_process_writes_the_bytes_of_one_that_keeps_nothing(nothing_kept, tmp_path,
                                                                   uncached):
    """A new process with a full cache folder (a clinic's second run) that keeps what it
    may, everything built three times: the first round reads every drawing, template and
    workspace from the folder, the next two replay what the process kept; each writes the
    bytes of the process that kept nothing. (A process that draws its own pictures and
    replays them is test_a_damaged_cache_only_costs_time's, for one in four drawings.)"""
    cache = full_copy(nothing_kept, tmp_path)  # filled by a process before
    # digests: the pictures' SHA-256, which a handout's id counts (identity._pictures)
    assert {p.name for p in cache.iterdir()} == {"digests", "drawings", "photos", "templates",
                                                 "workspaces"}
    first, second, third = run(cache, keep=True, rounds=3, filled_by=nothing_kept[1])
    assert len(uncached) == 4 * 3 + 1 + 3 + 1 + 5 + 1 + 1 + 3 + 1  # 1: Spanish large print
    assert first == uncached
    assert second == uncached
    assert third == uncached


def test_a_damaged_cache_only_costs_time(nothing_kept, tmp_path, uncached):
    cache = full_copy(nothing_kept, tmp_path)
    kept = sorted(p for p in cache.rglob("*") if p.is_file())
    # every entry of each kind damaged, but of the drawings (a hundred and more, each drawn
    # again where it is damaged: two thirds of the test's time) one in four, each way: they
    # are all read by one function, whichever drawing it is
    drawings = [p for p in kept if p.parent.name == "drawings"]
    damaged = [p for p in kept if p.parent.name != "drawings"] + drawings[::4]
    assert {p.parent.name for p in damaged} == {"digests", "drawings", "photos", "templates",
                                                "workspaces"}
    assert len(drawings[::4]) >= 3 * 3  # each way, several times
    for i, path in enumerate(damaged):
        path.write_bytes([b"", b"\x80\x04garbage", os.urandom(64)][i % 3])
    assert run(cache, keep=True, filled_by=nothing_kept[1])[0] == uncached
    for workspace in (cache / "workspaces").iterdir():  # one per clinic
        pickle.loads(workspace.read_bytes())  # validated again and kept whole


def test_hashes_are_of_whole_pdfs(uncached):
    # a guard on the comparison itself: different handouts differ
    assert len(set(uncached.values())) == len(uncached)
    assert all(len(h) == len(hashlib.sha256().hexdigest()) for h in uncached.values())
