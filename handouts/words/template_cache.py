"""Compiled templates kept on disk between runs (``templates/`` in the cache folder):
compiling the templates is a good part of a cold build. Read here as jinja2 asks; what a
render compiled is written by the API (``unsaved_templates``), as the drawings are.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from types import CodeType

import jinja2


class _KeptTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between runs (compiling them is a good part of a cold
    build): read here, written by the API (``unsaved_templates``). jinja2 checks each entry
    against the template's source and the Python version; a damaged one is compiled again.
    The name says how the environment compiles (``_calls``): which filters and tests are
    given the context, whether it is a sandbox, what it escapes, how its tags and white
    space read; a template compiled where any of them differed is not used.

    Each is kept in memory too, for the process: an environment keeps only the templates
    it compiled itself, and the web app has one for each app made (the tests make
    hundreds), each of which compiled its pages again."""

    def __init__(self) -> None:
        self.unsaved: dict[Path, bytes] = {}
        self._compiled: dict[Path, tuple[str, CodeType]] = {}  # the least recent first

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        from handouts.input.cache_folder import cache_root, used

        return used(cache_root() / "templates" / f"{_calls(bucket.environment)}-{bucket.key}.jbc")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self._path(bucket)
        kept = self._compiled.get(path)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]
            return
        try:
            with open(path, "rb") as f:
                bucket.load_bytecode(f)
        except Exception:  # not there yet, unreadable or damaged: compile it
            bucket.reset()
        if bucket.code is not None:
            self._keep(path, bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self._path(bucket)
        self.unsaved[path] = bucket.bytecode_to_string()
        self._keep(path, bucket)

    def _keep(self, path: Path, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled.pop(path, None)
        self._compiled[path] = (bucket.checksum, bucket.code)
        if len(self._compiled) > _IN_MEMORY:  # a process that ran for months
            self._compiled.pop(next(iter(self._compiled)), None)


_IN_MEMORY = 500  # as many as the cache folder keeps (cache_folder.LIMITS)
# what jinja2 reads of an environment as it compiles, beside its filters and tests
_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string",
           "variable_end_string", "comment_start_string", "comment_end_string",
           "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
           "newline_sequence", "keep_trailing_newline", "optimized", "is_async")
# names of templates of each kind: an environment escapes by the name (select_autoescape,
# Flask's), and the choice is compiled in
_NAMES = ("x.html", "x.htm", "x.xml", "x.svg", "x.txt", "x", None)
# one digest per environment while it lives (the web app makes one for each app)
_DIGESTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _calls(env: jinja2.Environment) -> str:
    """How the environment compiles a template, as a short digest."""
    digest = _DIGESTS.get(env)
    if digest is None:
        digest = _DIGESTS[env] = _digest(env)
    return digest


def _digest(env: jinja2.Environment) -> str:
    import hashlib

    said = sorted(f"{kind} {name} {getattr(f, 'jinja_pass_arg', '')}" for kind, table in
                  (("filter", env.filters), ("test", env.tests)) for name, f in table.items())
    said.append(f"environment {type(env).__module__}.{type(env).__qualname__}")
    escapes = env.autoescape
    said.append(f"autoescape {[bool(escapes(n)) for n in _NAMES] if callable(escapes) else escapes}")
    said += [f"{name} {getattr(env, name)!r}" for name in _SYNTAX]
    said.append(f"finalize {getattr(env.finalize, 'jinja_pass_arg', env.finalize is not None)}")
    said.append(f"extensions {sorted(env.extensions)}")
    return hashlib.sha256("\n".join(said).encode()).hexdigest()[:12]


KEPT = _KeptTemplates()  # every environment's (text.environment, the web app's)


def from_string(env: jinja2.Environment, source: str) -> jinja2.Template:
    """``env.from_string(source)`` through the kept templates: jinja2 keeps only templates
    its loader finds, so the wording's own small templates ("Page {{ page }} of ...") were
    compiled again in every process, a few milliseconds of each cold build. Kept by the
    source's digest; the code is what ``from_string`` would compile."""
    import hashlib

    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
    bucket = KEPT.get_bucket(env, "from_string", digest, source)
    if bucket.code is None:
        bucket.code = env.compile(source)
        KEPT.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None), None)


def unsaved_templates() -> dict[Path, bytes]:
    """The cache files (path → content) of templates compiled since the last call."""
    found = dict(KEPT.unsaved)
    KEPT.unsaved.clear()
    return found
