"""A cold `make_handouts.py build` loads only what one handout needs: not the other
commands' modules, the record's database code (its helper process opens that) nor modules
the standard library pulls in for one small function. What it loads is read from the
process itself, never timed (issue #16; README: *Speed and size*)."""

from __future__ import annotations

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
)

_RUN = """
import atexit, runpy, sys
where = sys.argv.pop()
def _loaded():
    with open(where, "w", encoding="utf-8") as f:
        f.write("\\n".join(sorted(sys.modules)))
atexit.register(_loaded)
sys.argv = sys.argv[1:]
runpy.run_path("make_handouts.py", run_name="__main__")
"""


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """The modules a cold build's process had loaded when it ended, and the PDF it wrote:
    the second build in a new cache folder (the first fills it, as a clinic's first run
    does)."""
    folder = tmp_path_factory.mktemp("cold")
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(folder / "cache")}
    pdf, loaded = folder / "jane.pdf", folder / "modules.txt"
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", _RUN, "make_handouts.py", "build",
             str(ROOT / "examples" / "jane-doe.yaml"), "-o", str(pdf), str(loaded)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    return set(loaded.read_text(encoding="utf-8").split()), pdf.read_bytes()


def test_a_cold_build_loads_only_what_one_handout_needs(cold):
    modules, pdf = cold
    assert "Jane Doe" in page_texts(pdf)[0]
    assert "handouts.cli.build" in modules and "reportlab.platypus" in modules
    loaded = [name for name in NOT_NEEDED
              if any(m == name or m.startswith(name + ".") for m in modules)]
    assert not loaded, f"a cold build imported {loaded}"


def test_every_command_is_found_by_its_name():
    """The command line imports a command's module only when it is asked for; the table
    that says where each is must name each by the name it answers to."""
    from handouts.cli import COMMANDS, main

    for name in COMMANDS:
        assert main.get_command(None, name).name == name
    assert main.get_command(None, "nonsense") is None
