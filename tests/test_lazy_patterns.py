"""reportlab's URI pattern and textsplit's CJK pattern are compiled on first use
(render/lazy_patterns.py): each must match exactly as the pattern compiled at once does, and
only those patterns may be deferred."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from handouts.render import lazy_patterns

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
from handouts.render import lazy_patterns
from reportlab.platypus import paragraph
deferred = type(paragraph.uri_pat).__name__
restored = re.compile.__module__ == "re"
uris = json.loads(sys.argv[1])
lazily = [paragraph._uri_split_pairs(uri) for uri in uris]
paragraph.uri_pat = re.compile(lazy_patterns.URI_PATTERN, lazy_patterns.URI_FLAGS)
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
    with lazy_patterns.compile_deferred("reportlab.platypus.paragraph"):
        deferred = re.compile(lazy_patterns.URI_PATTERN, re.I)
        # reportlab changed its pattern, or its flags: compiled as ever
        changed = re.compile(lazy_patterns.URI_PATTERN.replace("{2,63}", "{2,64}"), re.I)
        other_flags = re.compile(lazy_patterns.URI_PATTERN, re.I | re.M)
        other = re.compile(r"\d+")
        # another module's pattern: not this one's to defer
        cjk = re.compile(lazy_patterns.CJK_PATTERN, lazy_patterns.CJK_FLAGS)
    assert re.compile is compile_now
    assert isinstance(deferred, lazy_patterns.CompiledOnFirstUse)
    assert all(isinstance(p, re.Pattern) for p in (changed, other_flags, other, cjk))
    assert deferred.match("https://example.org/a").group(1) == "https://"
    assert deferred.pattern == lazy_patterns.URI_PATTERN and deferred.flags == re.I | re.U


def test_re_compile_is_put_back_when_the_import_fails():
    compile_now = re.compile
    with pytest.raises(ImportError), lazy_patterns.compile_deferred("reportlab.lib.textsplit"):
        raise ImportError("reportlab could not load")
    assert re.compile is compile_now


TEXTS = ["Bend your knee.", "膝を曲げます。", "무릎을 구부리세요", "ＡＢＣ half-width ｱｲｳ", "",
         "\u2e7f\u2e80\uffff"]

# in a fresh Python, as a build loads it: the CJK pattern of reportlab's textsplit module
# (used by its cjkwrap, which wants Python 2's reduce) deferred, and what its substitution
# gives, then with the pattern compiled at once
_CJK = """
import json, re, sys
import handouts.render
from handouts.render import lazy_patterns
from reportlab.platypus import paragraph
from reportlab.lib import textsplit
deferred = type(textsplit.rx).__name__
texts = json.loads(sys.argv[1])
lazily = [textsplit.rx.sub(r"\\1\\0 ", text) for text in texts]
at_once_rx = re.compile(lazy_patterns.CJK_PATTERN, lazy_patterns.CJK_FLAGS)
at_once = [at_once_rx.sub(r"\\1\\0 ", text) for text in texts]
print(json.dumps({"deferred": deferred, "lazily": lazily, "at_once": at_once,
                  "same": textsplit.rx.pattern == at_once_rx.pattern
                  and textsplit.rx.flags == at_once_rx.flags}))
"""


def test_textsplit_splits_cjk_text_as_it_did_with_the_pattern_compiled_at_once():
    done = subprocess.run([sys.executable, "-c", _CJK, json.dumps(TEXTS)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["deferred"] == "CompiledOnFirstUse", "textsplit compiled its CJK pattern at once"
    assert said["lazily"] == said["at_once"] and said["same"]
    assert said["lazily"][1] != TEXTS[1], "the pattern split no CJK text: the test tests nothing"
    assert said["lazily"][0] == TEXTS[0]


def test_only_textsplits_pattern_with_its_flags_is_deferred():
    with lazy_patterns.compile_deferred("reportlab.lib.textsplit"):
        deferred = re.compile(lazy_patterns.CJK_PATTERN, lazy_patterns.CJK_FLAGS)
        other_flags = re.compile(lazy_patterns.CJK_PATTERN, re.I)
        changed = re.compile("([\u2e80-\ufffe])", re.UNICODE)
    assert isinstance(deferred, lazy_patterns.CompiledOnFirstUse)
    assert all(isinstance(p, re.Pattern) for p in (changed, other_flags))
    assert deferred.sub(r"\1 ", "膝a") == "膝 a"
