"""A cold `make_handouts.py build` loads only what one handout needs: not the other
commands' modules, the record's database code (its helper process opens that) nor modules
the standard library pulls in for one small function; nor does it compile the patterns of
scripts its handout is not written in. What it loads and compiles is read from the process
itself, never timed (issue #16; README: *Speed and size*)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import page_texts

ROOT = Path(__file__).resolve().parent.parent

# what the build's own process must not import; the record's helper (a forked process,
# which ends with os._exit) imports SQLAlchemy, and its modules are not these
NOT_NEEDED = (
    "handouts.cli.batch", "handouts.cli.email", "handouts.cli.serve", "handouts.cli.record",
    "handouts.cli.forget", "handouts.cli.new", "handouts.cli.check", "handouts.batch",
    "handouts.mail", "handouts.web", "sqlalchemy",
    # xml.sax.saxutils for escape() imported urllib.request, http.client and ssl
    "xml.sax", "urllib.request", "http.client", "ssl",
    # `check`'s: what it warns of, and wording that reaches past its values
    "handouts.checks", "handouts.wording_checks", "handouts.words.reach",
    # the drawings: read from the cache folder, which the first build filled
    "handouts.figures",
)

# the regular expressions compiled for the first time, each as its pattern's characters
# (re._compiler.compile: what re.compile calls for a pattern not in its cache)
_RUN = """
import atexit, json, re._compiler, runpy, sys
where = sys.argv.pop()
compiled, _compile = [], re._compiler.compile
def _noted(pattern, flags=0):
    compiled.append(pattern if isinstance(pattern, str) else "")
    return _compile(pattern, flags)
re._compiler.compile = _noted
def _loaded():
    with open(where, "w", encoding="utf-8") as f:
        json.dump({"modules": sorted(sys.modules), "compiled": compiled}, f)
atexit.register(_loaded)
sys.argv = sys.argv[1:]
runpy.run_path("make_handouts.py", run_name="__main__")
"""


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """The modules a cold build's process had loaded when it ended, the patterns it
    compiled, and the PDF it wrote: the second build in a new cache folder (the first fills
    it, as a clinic's first run does)."""
    folder = tmp_path_factory.mktemp("cold")
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(folder / "cache")}
    pdf, loaded = folder / "jane.pdf", folder / "loaded.json"
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", _RUN, "make_handouts.py", "build",
             str(ROOT / "examples" / "jane-doe.yaml"), "-o", str(pdf), str(loaded)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    said = json.loads(loaded.read_text(encoding="utf-8"))
    return set(said["modules"]), pdf.read_bytes(), said["compiled"]


def test_a_cold_build_loads_only_what_one_handout_needs(cold):
    modules, pdf, _ = cold
    assert "Jane Doe" in page_texts(pdf)[0]
    assert "handouts.cli.build" in modules and "reportlab.platypus" in modules
    loaded = [name for name in NOT_NEEDED
              if any(m == name or m.startswith(name + ".") for m in modules)]
    assert not loaded, f"a cold build imported {loaded}"


def test_an_english_cold_build_compiles_no_chinese_or_japanese_pattern(cold):
    """A character class of the CJK ideographs (a range from 一, U+4E00, to 鿿) is compiled
    one character at a time: about 27 million instructions, 6 ms, for each of kinsoku's and
    input.patient's. An English handout, with no such character in it, never needs one."""
    _, pdf, compiled = cold
    assert "Jane Doe" in page_texts(pdf)[0]
    assert compiled, "no pattern was seen compiled: the test no longer watches re"
    cjk = [pattern for pattern in compiled if "\u4e00" in pattern]
    assert not cjk, f"a cold build of an English handout compiled {cjk}"


def test_a_cold_build_compiles_no_pattern_of_every_letter_ignoring_case(cold):
    """reportlab's URI pattern ignores case and spans U+00A1 to U+FFFF: re folds each of
    those letters, some 324 million instructions (13 % of a cold build), for a pattern used
    only when a URI is too wide for its line (render/lazy_patterns.py)."""
    _, pdf, compiled = cold
    assert "Jane Doe" in page_texts(pdf)[0]
    assert compiled, "no pattern was seen compiled: the test no longer watches re"
    every = [pattern for pattern in compiled if "\xa1-\uffff" in pattern]
    assert not every, f"a cold build compiled {every}"


def test_a_cold_build_compiles_no_pattern_of_every_character_from_cjk_on(cold):
    """reportlab's textsplit compiles ``[\u2e80-\uffff]`` as it loads, 53,000 characters,
    about 47 million instructions, for its cjkwrap, which handouts never calls
    (render/lazy_patterns.py)."""
    _, pdf, compiled = cold
    assert "Jane Doe" in page_texts(pdf)[0]
    assert compiled, "no pattern was seen compiled: the test no longer watches re"
    every = [pattern for pattern in compiled if "\u2e80-\uffff" in pattern]
    assert not every, f"a cold build compiled {every}"


def test_every_command_is_found_by_its_name():
    """The command line imports a command's module only when it is asked for; the table
    that says where each is must name each by the name it answers to."""
    from handouts.cli import COMMANDS, main

    for name in COMMANDS:
        assert main.get_command(None, name).name == name
    assert main.get_command(None, "nonsense") is None
