"""pyphen's dictionaries are parsed once and kept in the cache folder (render/hyphen_cache.py):
pyphen parsed a .dic file in every new process (en_US up to 140 ms, es 26 ms), paid by each
cold build of a two-language handout where a long word breaks. What each process parsed is
read from the process itself, never timed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import page_texts

GERMAN = Path(__file__).resolve().parent / "clinics" / "german"
ROOT = Path(__file__).resolve().parent.parent

# a build of the German clinic's large print handout (its narrow columns hyphenate
# "Schulterblattzusammenführung"), saying which .dic files pyphen parsed
_BUILD = """
import json, sys
import pyphen
import handouts as api
parsed = []
parse = pyphen.HyphDict.__init__
def watched(self, path):
    parsed.append(path.name)
    parse(self, path)
pyphen.HyphDict.__init__ = watched
home, out = sys.argv[1:]
ws = api.open_workspace(home=home)
program = api.load_program("program.yaml", ws, text='''
patient: {name: Erika Beispiel}
date: 2026-12-05
protocol: nach_schulter_op
layout: large_print
''')
with open(out, "wb") as f:
    f.write(api.build_handout(program, ws).pdf)
print(json.dumps(parsed))
"""


def _build(cache: Path, out: Path) -> list[str]:
    """The .dic files a new process building the handout parsed."""
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(GERMAN), str(out)], cwd=ROOT,
        env={**os.environ, "HANDOUTS_CACHE_DIR": str(cache)}, capture_output=True, text=True,
        timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _hyphenated(pages: list[str]) -> list[str]:
    return [line for page in pages for line in page.splitlines()
            if re.search(r"Schulterblatt\w*-$", line)]


def test_a_second_process_reads_the_dictionary_parsed_by_the_first(tmp_path):
    cache = tmp_path / "cache"
    first = _build(cache, tmp_path / "first.pdf")
    assert first and all(name.startswith("hyph_de") for name in first), first
    kept = list((cache / "hyphenation").iterdir())
    assert [p.name.startswith("hyph_de") for p in kept] == [True], kept
    assert _build(cache, tmp_path / "second.pdf") == []  # no .dic file read again
    pages = page_texts((tmp_path / "first.pdf").read_bytes())
    assert _hyphenated(pages)  # "3. Schulterblattzu-": the dictionary was used
    assert page_texts((tmp_path / "second.pdf").read_bytes()) == pages


def test_a_damaged_or_foreign_entry_or_one_not_written_only_costs_the_parse(tmp_path):
    cache = tmp_path / "cache"
    _build(cache, tmp_path / "first.pdf")
    pages = page_texts((tmp_path / "first.pdf").read_bytes())
    entry, = (cache / "hyphenation").iterdir()
    for damaged in (entry.read_bytes()[:1000], b"\x80\x05N.", b"not a pickle"):
        entry.write_bytes(damaged)
        assert _build(cache, tmp_path / "again.pdf") == [entry.name.split("-")[0] + ".dic"]
        assert page_texts((tmp_path / "again.pdf").read_bytes()) == pages
        assert entry.read_bytes() != damaged  # written anew for the next process
    assert _build(cache, tmp_path / "again.pdf") == []
    # a cache folder that cannot be written (no folder can be made in a file, even by root)
    (tmp_path / "a file").write_text("not a folder\n")
    for _ in range(2):  # each process parses it again: nothing could be kept
        assert _build(tmp_path / "a file" / "cache", tmp_path / "again.pdf") == [
            entry.name.split("-")[0] + ".dic"]
        assert page_texts((tmp_path / "again.pdf").read_bytes()) == pages
