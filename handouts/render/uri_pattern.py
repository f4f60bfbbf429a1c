"""reportlab's pattern for a URI compiled when it is first used, not when reportlab's
paragraph module loads.

``reportlab.platypus.paragraph`` compiles ``uri_pat`` as it is imported. The pattern ignores
case and has the class ``\\xa1-\\uffff`` five times; re folds the case of each of its 65,000
characters one at a time, which costs about 324 million instructions: 13 % of a cold build.
reportlab matches it only in ``_uri_split_pairs``, when it looks for a place to break a URI
too wide for its line (``uriWasteReduce``), which few handouts ever ask.

``defer()`` watches for that one import, wherever in the package it first happens, and runs
it with a stand-in for ``re.compile`` that gives a pattern compiled on first use for exactly
that pattern and flags, and the real compile for every other. If reportlab changes the
pattern, the stand-in meets nothing it knows and reportlab compiles it as before. re's own
cache (``re._cache``) is private to CPython and is left alone.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader, SourcelessFileLoader

# the module that compiles it, and the pattern and flags exactly as reportlab 4 gives them
MODULE = "reportlab.platypus.paragraph"
PATTERN = (
    "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)"
    "(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|"
    "([a-z\xa1-\uffff0-9](?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?"
    "(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*\\.(?!-)"
    "(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))"
    "(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z"
)
FLAGS = re.I


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
def compile_deferred() -> Iterator[None]:
    """While it lasts, ``re.compile`` of reportlab's URI pattern gives a ``CompiledOnFirstUse``;
    every other pattern is compiled as ever."""
    compile_now = re.compile

    def compile_(pattern, flags=0):
        if flags == FLAGS and isinstance(pattern, str) and pattern == PATTERN:
            return CompiledOnFirstUse(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_
    try:
        yield
    finally:
        re.compile = compile_now


def defer() -> None:
    """Have reportlab's paragraph module, when it is first imported, leave its URI pattern
    to be compiled on first use."""
    if MODULE not in sys.modules and not any(
            isinstance(finder, _ParagraphFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _ParagraphFinder())


class _ParagraphFinder:
    """The first finder Python asks; it answers only for reportlab's paragraph module, once,
    with the spec the other finders give, its loader running the module inside
    ``compile_deferred``."""

    def find_spec(self, name, path, target=None):
        if name != MODULE:
            return None
        sys.meta_path.remove(self)
        for finder in sys.meta_path:
            spec = finder.find_spec(name, path, target) if hasattr(finder, "find_spec") else None
            if spec is not None:
                break
        else:
            return None
        # a file's loader is made for that one module, so changing it changes no other's
        if isinstance(spec.loader, (SourceFileLoader, SourcelessFileLoader)):
            run = spec.loader.exec_module

            def exec_module(module):
                with compile_deferred():
                    run(module)

            spec.loader.exec_module = exec_module
        return spec
