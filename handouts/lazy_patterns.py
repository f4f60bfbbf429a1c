"""Patterns that reportlab, PyYAML and jinja2 compile as their modules load, compiled when
first used instead.

``reportlab.platypus.paragraph`` compiles ``uri_pat`` as it is imported. The pattern ignores
case and has the class ``\\xa1-\\uffff`` five times; re folds the case of each of its 65,000
characters one at a time, which costs about 324 million instructions: 13 % of a cold build.
reportlab matches it only in ``_uri_split_pairs``, when it looks for a place to break a URI
too wide for its line (``uriWasteReduce``), which few handouts ever ask.

``reportlab.lib.textsplit``, which the paragraph module imports, compiles ``rx``, the class
``\\u2e80-\\uffff``: some 47 million instructions, 2 % of a cold build. Only its ``cjkwrap``
uses it, and handouts never calls that.

``yaml.reader`` compiles ``Reader.NON_PRINTABLE``, a class of most of Unicode, as it is
imported: about 20 million instructions (1 %). Only PyYAML's own Python reader uses it, and
handouts parses with libyaml's (``CSafeLoader``), which finds a control character itself.

``jinja2.lexer`` compiles its token patterns as it is imported, the name pattern of
``jinja2._identifier`` (every letter and mark of Unicode that may go on a name) among them.
Only its lexer uses them, when a template is compiled; a cold build reads every template it
fills in compiled from the cache folder (``words/template_cache.py``), so it needs none.

``defer()`` watches for the import of each module of ``DEFERRED``, wherever in the package it
first happens, and runs it with a stand-in for ``re.compile`` that gives a pattern compiled
on first use for exactly the patterns and flags listed for that module, and the real compile
for every other. If a new version changes a pattern, the stand-in meets nothing it knows and
the module compiles it as before (a long generated pattern is known by its digest). re's
own cache (``re._cache``) is private to CPython and is left alone.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader, SourcelessFileLoader

# the patterns and flags exactly as reportlab 4 gives them
URI_PATTERN = (
    "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)"
    "(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|"
    "([a-z\xa1-\uffff0-9](?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?"
    "(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*\\.(?!-)"
    "(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))"
    "(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z"
)
URI_FLAGS = re.I
CJK_PATTERN = "([\u2e80-\uffff])"
CJK_FLAGS = re.UNICODE

# PyYAML 6's, as its reader gives it
NON_PRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
# jinja2 3.1's lexer: by their digests (a generated class of some 700 characters, and
# patterns written over many lines), each with its flags
_DIGEST = "sha256:"
JINJA2_LEXER = (
    (_DIGEST + "4add64ab568a8b698353c562ac83993e", 0),  # whitespace_re
    (_DIGEST + "98c5d3139dc4fb56af3f94589f6babcf", 0),  # newline_re
    (_DIGEST + "f8ac5741b598aa99fad80c4877cbdb95", re.S),  # string_re
    (_DIGEST + "e1bbd9351f7e7d1429faceb80dce71f1", re.I | re.X),  # integer_re
    (_DIGEST + "45c1364d23704ea0b1b9b8ed09a345da", re.I | re.X),  # float_re
    (_DIGEST + "86c2fd62c3ad917c2182f144e4096a3d", 0),  # operator_re
)
JINJA2_NAME = (_DIGEST + "68a926548f4963a4cf1dc9eb135d9efe", 0)  # _identifier.pattern

# each module that compiles such a pattern as it loads → the patterns it may leave for later
DEFERRED: dict[str, tuple[tuple[str, int], ...]] = {
    "reportlab.platypus.paragraph": ((URI_PATTERN, URI_FLAGS),),
    "reportlab.lib.textsplit": ((CJK_PATTERN, CJK_FLAGS),),
    "yaml.reader": ((NON_PRINTABLE, 0),),
    "jinja2.lexer": JINJA2_LEXER,
    "jinja2._identifier": (JINJA2_NAME,),
}


def _same(pattern: str, deferred: str) -> bool:
    """Whether ``pattern`` is the one ``deferred`` stands for: itself, or its digest."""
    if deferred.startswith(_DIGEST):
        import hashlib  # here: `import handouts` need not load OpenSSL's

        digest = hashlib.sha256(pattern.encode("utf-8", "surrogatepass")).hexdigest()
        return digest.startswith(deferred[len(_DIGEST):])
    return pattern == deferred


class CompiledOnFirstUse:
    """Stands for ``re.compile(pattern, flags)``: compiles it when any of its attributes
    (``match``, ``pattern`` …) is first asked for, and gives that attribute of the compiled
    pattern."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if name.startswith("__"):  # what copy and pickle probe for: not a use
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._source[0]!r}, {self._source[1]!r})"


@contextlib.contextmanager
def compile_deferred(module: str) -> Iterator[None]:
    """While it lasts, ``re.compile`` of a pattern ``DEFERRED`` lists for ``module``, with its
    flags, gives a ``CompiledOnFirstUse``; every other pattern is compiled as ever."""
    compile_now, known = re.compile, DEFERRED[module]

    def compile_(pattern, flags=0):
        if isinstance(pattern, str) and any(
                flags == deferred_flags and _same(pattern, deferred)
                for deferred, deferred_flags in known):
            return CompiledOnFirstUse(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_
    try:
        yield
    finally:
        re.compile = compile_now


def defer() -> None:
    """Have each module of ``DEFERRED`` not loaded yet, when it is first imported, leave its
    patterns to be compiled on first use."""
    waiting = {name for name in DEFERRED if name not in sys.modules}
    if waiting and not any(isinstance(finder, _DeferringFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _DeferringFinder(waiting))


class _DeferringFinder:
    """The first finder Python asks; it answers only for the modules it waits for, each
    once, with the spec the other finders give, its loader running the module inside
    ``compile_deferred``. It leaves ``sys.meta_path`` when it waits for none."""

    def __init__(self, waiting: set[str]) -> None:
        self._waiting = waiting

    def find_spec(self, name, path, target=None):
        if name not in self._waiting:
            return None
        self._waiting.discard(name)
        if not self._waiting:
            sys.meta_path.remove(self)
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        # a file's loader is made for that one module, so changing it changes no other's
        if isinstance(spec.loader, (SourceFileLoader, SourcelessFileLoader)):
            run = spec.loader.exec_module

            def exec_module(module):
                with compile_deferred(name):
                    run(module)

            spec.loader.exec_module = exec_module
        return spec
