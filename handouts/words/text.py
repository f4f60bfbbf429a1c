"""The one jinja2 environment: patient-facing wording lives in templates, one folder a language.

A translation adds ``templates/<lang>/`` and changes no code. Templates fail loudly
(StrictUndefined), so a misspelt variable is an error, not a blank on a patient's handout.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

import jinja2
import yaml

from handouts.errors import HandoutError
from handouts.input.quantities import Duration, Span

TEMPLATES = Path(__file__).parent / "templates"

EN_DASH = "\u2013"


@dataclass(frozen=True)
class Texts:
    """One text in each language of a bilingual handout, the leading language first. Layout
    prints the second under the first; an email takes the part for its language. A text that
    reads the same in every language (or a handout in one language) is a plain ``str``."""

    parts: tuple[str, ...]


# how a bilingual text's parts were once joined into one string; only the handout id's
# canonical form still uses it (see resolve._jsonable)
SEPARATOR = "\u2028"

Text = Union[str, Texts]


def both(values) -> Text:
    """One text in each language of the handout, the leading language first."""
    unique = tuple(dict.fromkeys(v for v in values if v))
    if len(unique) > 1:
        return Texts(unique)
    return unique[0] if unique else ""


def parts(value: Text) -> tuple[str, ...]:
    return value.parts if isinstance(value, Texts) else (value,)


def part(value: Text, index: int) -> str:
    """The ``index``-th language's part of a text; the last part where it has fewer (a text
    that reads the same in both languages is kept once)."""
    found = parts(value)
    return found[min(index, len(found) - 1)]


def number(value: float, decimal: str = ".") -> str:
    text = str(int(value)) if value == int(value) else f"{value:g}"
    return text.replace(".", decimal)


def span_text(span: Span, decimal: str = ".") -> str:
    if span.is_range:
        return f"{number(span.lo, decimal)}{EN_DASH}{number(span.hi, decimal)}"
    return number(span.lo, decimal)


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False,
                                           default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["span"] = span_text
    env.filters["num"] = number
    env.tests["plural"] = lambda value: (value.hi if isinstance(value, Span) else value) != 1
    env.globals["Duration"] = Duration
    return env


def languages() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in TEMPLATES.iterdir() if (p / "strings.yaml").is_file()))


def render(language: str, name: str, **context: Any) -> str:
    try:
        template = environment().get_template(f"{language}/{name}")
    except jinja2.TemplateNotFound:
        raise HandoutError(f'no wording for language "{language}" '
                           f"(available: {', '.join(languages())})") from None
    return template.render(**context)


def render_lines(language: str, name: str, **context: Any) -> list[str]:
    """Render a template whose output is one item per line; blank lines are dropped."""
    return [line.strip() for line in render(language, name, **context).splitlines() if line.strip()]


@functools.cache
def _strings(language: str) -> dict[str, str]:
    path = TEMPLATES / language / "strings.yaml"
    if not path.is_file():
        raise HandoutError(f'no wording for language "{language}" '
                           f"(available: {', '.join(languages())})")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def strings(language: str) -> dict[str, str]:
    """The fixed wording of a handout (headings, labels), each a small jinja2 template."""
    return _strings(language)


def phrase(language: str, key: str, **context: Any) -> str:
    source = _strings(language).get(key)
    if source is None:
        raise HandoutError(f'the wording "{key}" is missing for language "{language}"')
    if "{" not in source:
        return source  # plain words: compiling them as a template costs a cold start 1 ms each
    return _compiled(source).render(**context)


@functools.cache
def _compiled(source: str) -> jinja2.Template:
    return environment().from_string(source)
