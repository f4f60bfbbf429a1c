"""reportlab's URI pattern is compiled on first use (render/uri_pattern.py): it must match
exactly as the pattern compiled at once does, and only that pattern may be deferred."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from handouts.render import uri_pattern

ROOT = Path(__file__).resolve().parent.parent

URIS = [
    "https://www.example.org/exercises/knee/straight-leg-raise?lang=en#dose",
    "http://user:secret@192.168.0.12:8080/a/b/",
    "HTTPS://EXAMPLE.COM/Path/",
    "ftp://[2001:db8::1]/files/handout.pdf",
    "https://bücher.example/übungen/knie",
    "mailto:front-desk@example.org",
    "www.example.org/no-scheme",
    "not a uri at all",
    "http://-bad-.example/",
    "localhost",
]

# in a fresh Python: handouts' render package, then reportlab's paragraph module as any
# render module imports it; what reportlab's URI split gives with the deferred pattern, then
# with the pattern compiled at once
_SPLIT = """
import json, re, sys
import handouts.render
from handouts.render import uri_pattern
from reportlab.platypus import paragraph
deferred = type(paragraph.uri_pat).__name__
restored = re.compile.__module__ == "re"
uris = json.loads(sys.argv[1])
lazily = [paragraph._uri_split_pairs(uri) for uri in uris]
paragraph.uri_pat = re.compile(uri_pattern.PATTERN, uri_pattern.FLAGS)
at_once = [paragraph._uri_split_pairs(uri) for uri in uris]
print(json.dumps({"deferred": deferred, "restored": restored,
                  "lazily": lazily, "at_once": at_once}))
"""


def test_reportlab_splits_a_uri_as_it_did_with_the_pattern_compiled_at_once():
    done = subprocess.run([sys.executable, "-c", _SPLIT, json.dumps(URIS)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["deferred"] == "CompiledOnFirstUse", "reportlab compiled its URI pattern at once"
    assert said["restored"], "re.compile was left replaced"
    assert said["lazily"] == said["at_once"]
    assert said["lazily"][0], "the URI pattern matched no URI: the test no longer tests it"
    assert sum(pairs is None for pairs in said["lazily"]) >= 2


def test_only_reportlabs_pattern_with_its_flags_is_deferred():
    compile_now = re.compile
    with uri_pattern.compile_deferred():
        deferred = re.compile(uri_pattern.PATTERN, re.I)
        # reportlab changed its pattern, or its flags: compiled as ever
        changed = re.compile(uri_pattern.PATTERN.replace("{2,63}", "{2,64}"), re.I)
        other_flags = re.compile(uri_pattern.PATTERN, re.I | re.M)
        other = re.compile(r"\d+")
    assert re.compile is compile_now
    assert isinstance(deferred, uri_pattern.CompiledOnFirstUse)
    assert all(isinstance(p, re.Pattern) for p in (changed, other_flags, other))
    assert deferred.match("https://example.org/a").group(1) == "https://"
    assert deferred.pattern == uri_pattern.PATTERN and deferred.flags == re.I | re.U


def test_re_compile_is_put_back_when_the_import_fails():
    compile_now = re.compile
    with pytest.raises(ImportError), uri_pattern.compile_deferred():
        raise ImportError("reportlab could not load")
    assert re.compile is compile_now
