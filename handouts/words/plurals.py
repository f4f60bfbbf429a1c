"""How a language counts: the plural category of a number (CLDR's ``zero``, ``one``, ``two``,
``few``, ``many``, ``other``) for the templates' ``plural_form`` filter and ``plural`` test.

English and Spanish say one thing for 1 and another for every other number: their rule is
written here. Any other language takes its rule from Babel's copy of the CLDR data
(French: 0 and 1.5 take the singular, "1,5 seconde"; Polish and Russian have three forms,
"1 raz, 2 razy, 5 razy", "1 раз, 2 раза, 5 раз"). Babel is imported on the first number a template in
such a language asks about, so an English or Spanish build never loads it.

A language counts as the clinic's country counts it where the clinic's locale is of that
language: Portugal's Portuguese says "0 segundos", Brazil's (CLDR's ``pt``) "0 segundo", and
so for 1.5. ``text`` gives every template it fills in the locale, under ``LOCALE``.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any, Callable

import jinja2

from handouts.input.quantities import Span

# languages whose rule is "one" for exactly 1 and "other" for the rest, as the templates'
# ``plural`` test always said (no Babel for them: a cold English build stays as fast)
ONE_OR_OTHER = frozenset({"en", "es"})

# the name under which a template is given the clinic's locale (see the module's docstring)
LOCALE = "_plural_locale"
# a number, or a range, as a wording is given it printed ("3–5", "1〜2", "1,5"): the log's
# "(3–5 a day)" and a stage's "Weeks 1–2" are given their range with the language's mark
_WRITTEN = re.compile(r"\d+(?:[.,]\d+)?(?:\s*[^\d\s]{1,3}\s*(\d+(?:[.,]\d+)?))?")


def category(value: Any, language: str) -> str:
    """The plural category of ``value`` in ``language`` (a code, or a locale such as
    ``pt-PT``). A range takes its upper end's ("2–5 раз", as 5); what is not a number (as
    tolerated) takes ``other``."""
    count = _count(value)
    if count is None:
        return "other"
    if not language or language.split("-")[0] in ONE_OR_OTHER:  # no name: a wording checked
        return _one_or_other(count)
    return _rule(language)(count)


def is_plural(value: Any, language: str) -> bool:
    """The templates' ``plural`` test: not the singular. English and Spanish keep the old
    test (anything but 1, a range by its upper end); elsewhere the language's own rule."""
    if language.split("-")[0] in ONE_OR_OTHER or not language:
        return (value.hi if isinstance(value, Span) else value) != 1
    return category(value, language) != "one"


@jinja2.pass_context
def plural_form(context: jinja2.runtime.Context, value: Any, language: str = "") -> str:
    """The filter ``{{ n|plural_form }}``: ``category`` in the template's language (or the
    one it names, ``n|plural_form("pl")``), as the clinic's locale counts it."""
    return category(value, counted_as(language or _language_of(context), context.get(LOCALE)))


@jinja2.pass_context
def plural(context: jinja2.runtime.Context, value: Any) -> bool:
    """The test ``{% if n is plural %}``: ``is_plural`` in the template's language, as the
    clinic's locale counts it."""
    return is_plural(value, counted_as(_language_of(context), context.get(LOCALE)))


def counted_as(language: str, locale: str | None) -> str:
    """Whose rule counts ``language``: the clinic's ``locale`` where it is of that language
    (pt-PT for Portuguese), else the language's own."""
    if locale and language and locale.partition("-")[0] == language:
        return locale
    return language


def _language_of(context: jinja2.runtime.Context) -> str:
    """The language of the template being filled in: the folder it is in (``fr/dose.txt``),
    or the language of a wording filled in by ``text.phrase`` (named ``fr/strings.yaml``)."""
    return (context.name or "").split("/")[0]


def _count(value: Any) -> int | Decimal | None:
    if isinstance(value, Span):
        value = value.hi
    elif isinstance(value, str) and (written := _WRITTEN.fullmatch(value.strip())):
        value = Decimal((written[1] or written[0]).replace(",", "."))  # a range: its upper end
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    if value == int(value):
        return int(value)  # 2.0 is "2": CLDR counts visible decimals (Russian 2.0 is other)
    return Decimal(str(value))


def _one_or_other(count: int | Decimal) -> str:
    return "one" if count == 1 else "other"


@functools.cache
def _rule(language: str) -> Callable[[int | Decimal], str]:
    """The language's (or locale's) rule, from Babel (imported here, on first use: see the
    module's docstring); a locale Babel does not know (fr-US) counts as its language does,
    and a language it does not know (Hmong, Karen) as English does."""
    from babel.core import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_")).plural_form
    except (UnknownLocaleError, ValueError):
        if "-" in language:
            return _rule(language.partition("-")[0])
        return _one_or_other
