"""A language's template files (``templates/<lang>/<name>``: a dose, how often, an email)
filled in, the clinic's own in place of the package's, in the one environment (``text``);
and what is said of one that is missing, mistyped, or fills in what it is not given, as
one line."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import jinja2

from handouts.errors import HandoutError, Location, Problem
from handouts.words import plurals
from handouts.words.numbers import RANGE_MARK
from handouts.words.text import (FILLING_FAILS, PACKAGE, TEMPLATES, Wording, environment,
                                 failed, languages, range_mark)


def compile_template(language: str, name: str, wording: Wording = PACKAGE) -> None:
    """Compile a template as a handout would (for ``check``); HandoutError as ``render``."""
    with _told(language, name, wording):
        environment(wording.own, wording.stamp).get_template(f"{language}/{name}")


def render(language: str, name: str, wording: Wording = PACKAGE, **context: Any) -> str:
    with _told(language, name, wording):  # counted as the clinic's locale counts (plurals)
        template = environment(wording.own, wording.stamp).get_template(f"{language}/{name}")
        return template.render(**context, **{plurals.LOCALE: wording.locale,
                                             RANGE_MARK: range_mark(language, wording)})


@contextlib.contextmanager
def _told(language: str, name: str, wording: Wording):
    """A template's trouble as one line: one missing, or a clinic's own that is mistyped
    or fills in what it is not given."""
    try:
        yield
    except jinja2.TemplateNotFound as exc:
        if exc.name and exc.name != f"{language}/{name}":  # what the template includes
            raise HandoutError(Problem(Location(str(_own_template(language, name, wording))),
                                       f'includes "{exc.name}", which is not there; add that '
                                       "file to templates/, or take the include out")) from None
        if language in languages(wording):  # a language of the clinic's own, but for this
            folder = _own_template(language, name, wording).parent
            lacking = [n for n in EMAIL_TEMPLATES if not (folder / n).is_file()] \
                if name in EMAIL_TEMPLATES else [name]  # an email's: all, not one per try
            raise HandoutError(Problem(Location(str(folder / lacking[0] if len(lacking) == 1
                                                    else folder)),
                                       missing_template(language, *lacking))) from None
        raise HandoutError(f'no wording for language "{language}" '
                           f"(available: {', '.join(languages(wording))})") from None
    except jinja2.TemplateSyntaxError as exc:
        raise HandoutError(Problem(Location(exc.filename or f"{language}/{name}", exc.lineno),
                                   f"not a template that can be filled in ({exc.message})")
                           ) from None
    except (jinja2.TemplateError, *FILLING_FAILS) as exc:
        # a language of the clinic's own has no template of the package's to compare with:
        # English's is the one its was made from
        own, like = _own_template(language, name, wording), TEMPLATES / language / name
        clinics = bool(wording.own) and own.is_file()
        if not (clinics or isinstance(exc, jinja2.TemplateError)):
            raise  # the package's own template: a fault in handouts, not the clinic's
        shown = own if clinics else f"{language}/{name}"
        raise HandoutError(Problem(
            Location(str(shown), template_line(exc, str(own))),
            f"cannot be filled in ({failed(exc)}); compare it with the package's "
            f"handouts/words/templates/{language if like.is_file() else 'en'}/{name}")
        ) from None


def template_line(exc: BaseException, filename: str) -> int | None:
    """The line of the template ``filename`` being filled in when ``exc`` was raised:
    jinja2 gives its frames the template's name and line."""
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# the templates every handout fills in, and every email that carries one: a language of
# the clinic's own needs each
HANDOUT_TEMPLATES = ("dose.txt", "frequency.txt")
EMAIL_TEMPLATES = ("email.txt", "email_body.html", "email.html")


def missing_template(language: str, *names: str) -> str:
    """What is said of the templates (one or more) a language of the clinic's own lacks."""
    what = "an email" if names[0] in EMAIL_TEMPLATES else "a handout"
    if len(names) == 1:
        return (f'missing: "{language}" has wording, but {what} in it needs this template '
                f"too; copy handouts/words/templates/en/{names[0]} here and translate it")
    return (f'missing {", ".join(names)}: "{language}" has wording, but {what} in it needs '
            f"these templates too; copy them from handouts/words/templates/en/ here and "
            "translate them")


def _own_template(language: str, name: str, wording: Wording) -> Path:
    return (wording.own or Path()) / "templates" / language / name


def render_lines(language: str, name: str, wording: Wording = PACKAGE, **context: Any,
                 ) -> list[str]:
    """Render a template whose output is one item per line; blank lines are dropped."""
    return [line.strip() for line in render(language, name, wording, **context).splitlines()
            if line.strip()]
