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
    "handouts.cli.forget", "handouts.cli.transfer", "handouts.cli.new", "handouts.cli.check",
    "handouts.batch",
    "handouts.mail", "handouts.web", "sqlalchemy",
    # xml.sax.saxutils for escape() imported urllib.request, http.client and ssl
    "xml.sax", "urllib.request", "http.client", "ssl",
    # `check`'s: what it warns of, and wording that reaches past its values
    "handouts.checks", "handouts.wording_checks", "handouts.wording_lacks",
    "handouts.date_order_checks", "handouts.words.reach",
    # the drawings: read from the cache folder, which the first build filled
    "handouts.figures",
    # the record's reading side: the build makes an entry and sends it to the helper
    "handouts.record.kinds", "handouts.record.group", "handouts.record.listing",
    "handouts.record.batched", "handouts.record.backups",
    # and its pending journal, which the helper writes to where it must: here it said nothing
    "handouts.record.journal", "handouts.record.where",
    # a date written as a roster's cell or a Japanese form writes it: a program's are ISO's
    "handouts.input.roster_dates", "handouts.input.era_dates",
)

# the regular expressions compiled for the first time, each as its pattern's characters
# (re._compiler.compile: what re.compile calls for a pattern not in its cache); and the
# threshold of each look for garbage cycles as it began (Python's default until cli.run sets
# the command line's)
_RUN = """
import atexit, gc, json, re._compiler, runpy, sys
where = sys.argv.pop()
compiled, _compile = [], re._compiler.compile
def _noted(pattern, flags=0):
    compiled.append(pattern if isinstance(pattern, str) else "")
    return _compile(pattern, flags)
re._compiler.compile = _noted
opened = []
def _opened(event, args):
    if event == "open" and isinstance(args[0], str):
        opened.append(args[0])
sys.addaudithook(_opened)
collecting, default = [], gc.get_threshold()[0]
def _collecting(phase, info):
    if phase == "start":
        collecting.append(gc.get_threshold()[0])
gc.callbacks.append(_collecting)
def _loaded():
    with open(where, "w", encoding="utf-8") as f:
        json.dump({"modules": sorted(sys.modules), "compiled": compiled, "opened": opened,
                   "collecting": collecting, "default": default}, f)
atexit.register(_loaded)
sys.argv = sys.argv[1:]
runpy.run_path("make_handouts.py", run_name="__main__")
"""


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """The modules a cold build's process had loaded when it ended, the patterns it
    compiled, the files it opened, the PDF it wrote, and the thresholds of its collections
    (with Python's default): the second build in a new cache folder (the first fills it, as a
    clinic's first run does)."""
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
    return (set(said["modules"]), pdf.read_bytes(), said["compiled"], said["opened"],
            (said["collecting"], said["default"]))


def test_a_cold_build_loads_only_what_one_handout_needs(cold):
    modules, pdf, *_ = cold
    assert "Jane Doe" in page_texts(pdf)[0]
    assert "handouts.cli.build" in modules and "reportlab.platypus" in modules
    loaded = [name for name in NOT_NEEDED
              if any(m == name or m.startswith(name + ".") for m in modules)]
    assert not loaded, f"a cold build imported {loaded}"


# wide character classes a cold build of an English handout never needs, each compiled one
# character at a time: a CJK ideographs class (一, U+4E00, on), about 27 million instructions
# (6 ms) for each of kinsoku's and input.patient's; reportlab's URI pattern, which ignores case
# across U+00A1 to U+FFFF, some 324 million (13 % of a cold build) for a URI too wide for its
# line; reportlab textsplit's ``[\u2e80-\uffff]``, about 47 million, for its cjkwrap, which
# handouts never calls (lazy_patterns.py); PyYAML's NON_PRINTABLE, about 20 million, for its
# own reader (handouts reads with libyaml's); jinja2's name pattern (every letter and mark
# that may go on a name), for its lexer: the templates a build fills in, and the wording's
# small ones, come compiled from the cache folder (words/template_cache.py); the scripts
# whose names are written family name first (Hangul, kana, Han: some 36 million), for a
# caregiver's handout that names the patient (words/caregiver.py)
WIDE_CLASSES = ["\u4e00", "\xa1-\uffff", "\u2e80-\uffff", "\ue000-\ufffd",
                "[\\w\u00b7\u0300-\u036f", "\u3400-\u9fff"]


@pytest.mark.parametrize("wide", WIDE_CLASSES,
                         ids=["cjk", "every-letter", "cjk-on", "yaml-printable", "jinja2-name",
                              "family-first"])
def test_a_cold_build_compiles_no_wide_class_it_does_not_need(cold, wide):
    _, pdf, compiled, *_ = cold
    assert "Jane Doe" in page_texts(pdf)[0]
    assert compiled, "no pattern was seen compiled: the test no longer watches re"
    found = [pattern for pattern in compiled if wide in pattern]
    assert not found, f"a cold build compiled {found}"


def test_a_cold_build_reads_each_figure_once_and_no_font_it_does_not_print_with(cold):
    """A card names its drawing for each box it tries, and each name read the figure file
    again (four times a picture); the drawing cache's names count the figure engine's fonts,
    whose 760 KB were read and hashed at every build where their SHA-256, kept in the cache
    folder by size and time, says the same (input/digests.py)."""
    _, pdf, _, opened, _ = cold
    assert "Jane Doe" in page_texts(pdf)[0]
    figures = [Path(p).name for p in opened if p.endswith(".figure.yaml")]
    assert figures, "no figure file was seen opened: the test no longer watches open"
    assert sorted(figures) == sorted(set(figures)), f"figure files read again: {figures}"
    assert not [p for p in opened if p.endswith("DejaVuSans-Bold.ttf")]


def test_a_cold_build_looks_for_garbage_cycles_only_as_the_command_line_starts(cold):
    """The command line looks every 50,000 new objects (cli.run); a one-handout build makes
    some 100,000, nearly all kept to its end (modules, the workspace). Those made before the
    record's helper is forked go to the oldest generation there (record/ahead.py), so no
    look goes through 50,000 of them for nothing (15-19 ms)."""
    *_, (collecting, default) = cold
    assert default in collecting, "no collection was seen: the test no longer watches gc"
    assert [n for n in collecting if n != default] == []


def test_every_command_is_found_by_its_name():
    """The command line imports a command's module only when it is asked for; the table
    that says where each is must name each by the name it answers to."""
    from handouts.cli import COMMANDS, main

    for name in COMMANDS:
        assert main.get_command(None, name).name == name
    assert main.get_command(None, "nonsense") is None
