"""Compiled templates kept on disk between runs (``templates/`` in the cache folder):
compiling the templates is a good part of a cold build. Read here as jinja2 asks; what a
render compiled is written by the API (``unsaved_templates``), as the drawings are.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2


class _KeptTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between runs (compiling them is a good part of a cold
    build): read here, written by the API (``unsaved_templates``). jinja2 checks each entry
    against the template's source and the Python version; a damaged one is compiled again.
    The name says which filters and tests were given the context, and whether the
    environment is a sandbox (``_calls``): both are compiled into the code, so a template
    compiled before one of them changed (or outside the sandbox) is not used."""

    def __init__(self) -> None:
        self.unsaved: dict[Path, bytes] = {}

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        from handouts.input.cache_folder import cache_root, used

        return used(cache_root() / "templates" / f"{_calls(bucket.environment)}-{bucket.key}.jbc")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self._path(bucket), "rb") as f:
                bucket.load_bytecode(f)
        except Exception:  # not there yet, unreadable or damaged: compile it
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.unsaved[self._path(bucket)] = bucket.bytecode_to_string()


# as many as the environments text keeps (text._ENVIRONMENTS): one digest each
@functools.lru_cache(maxsize=32)
def _calls(env: jinja2.Environment) -> str:
    """How the environment's filters and tests are called (a compiled template passes the
    context to those that ask for it), as a short digest."""
    import hashlib

    said = sorted(f"{kind} {name} {getattr(f, 'jinja_pass_arg', '')}" for kind, table in
                  (("filter", env.filters), ("test", env.tests)) for name, f in table.items())
    said.append(f"environment {type(env).__name__}")
    return hashlib.sha256("\n".join(said).encode()).hexdigest()[:12]


KEPT = _KeptTemplates()  # every environment's (text.environment)


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
