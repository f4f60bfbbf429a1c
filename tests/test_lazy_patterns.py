"""reportlab's URI pattern, textsplit's CJK pattern, PyYAML's NON_PRINTABLE and jinja2's
lexer patterns are compiled on first use (lazy_patterns.py): each must match exactly as the
pattern compiled at once does, and only those patterns may be deferred."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from handouts import lazy_patterns

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
from handouts import lazy_patterns
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
from handouts import lazy_patterns
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


# in a fresh Python: what PyYAML's own reader says of a control character, and how jinja2's
# lexer reads a template, with handouts loaded first (the patterns deferred) or not at all
_YAML_JINJA = """
import json, sys
if sys.argv[1] == "deferred":
    import handouts
import jinja2, yaml
from jinja2 import _identifier, lexer
kinds = {type(p).__name__ for p in (yaml.reader.Reader.NON_PRINTABLE, _identifier.pattern,
         lexer.whitespace_re, lexer.newline_re, lexer.string_re, lexer.integer_re,
         lexer.float_re, lexer.operator_re)}
try:
    yaml.load("a: b\\x01", Loader=yaml.SafeLoader)
except yaml.YAMLError as exc:
    said = str(exc)
source = "{% for x in [0x1F, 1_000, 2.5e3, 'a\\\\'b', \\"c\\"] %}{{ x ~ größe // 2 }}\\r\\n{% endfor %}"
tokens = [list(token) for token in jinja2.Environment().lex(source)]
print(json.dumps({"kinds": sorted(kinds), "said": said, "tokens": tokens}))
"""


def test_yaml_and_jinja2_read_as_they_did_with_the_patterns_compiled_at_once():
    said = {}
    for how in ("deferred", "at_once"):
        done = subprocess.run([sys.executable, "-c", _YAML_JINJA, how], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        said[how] = json.loads(done.stdout)
    assert said["deferred"]["kinds"] == ["CompiledOnFirstUse"], "a pattern compiled at once"
    assert said["at_once"]["kinds"] == ["Pattern"]
    assert "#x0001" in said["deferred"]["said"]
    assert said["deferred"]["said"] == said["at_once"]["said"]
    assert said["deferred"]["tokens"] == said["at_once"]["tokens"]
    assert {"float", "integer", "string", "name", "operator"} <= {
        kind for _, kind, _ in said["deferred"]["tokens"]}


def test_a_long_pattern_is_known_by_its_digest_with_its_flags():
    name = "[\\w" + "\u00b7" * 40 + "]+"
    digest = "sha256:" + __import__("hashlib").sha256(name.encode()).hexdigest()[:32]
    lazy_patterns.DEFERRED["test.module"] = ((digest, 0),)
    try:
        with lazy_patterns.compile_deferred("test.module"):
            deferred = re.compile(name)
            other_flags = re.compile(name, re.I)
            changed = re.compile(name + "?")
    finally:
        del lazy_patterns.DEFERRED["test.module"]
    assert isinstance(deferred, lazy_patterns.CompiledOnFirstUse)
    assert all(isinstance(p, re.Pattern) for p in (other_flags, changed))
    assert deferred.match("ab\u00b7c d").group() == "ab\u00b7c"
