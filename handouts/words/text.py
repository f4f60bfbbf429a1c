"""The jinja2 environment: patient-facing wording lives in templates, one folder a language.

A translation adds ``templates/<lang>/`` and changes no code. A clinic owns every word too:
its folder may hold ``strings.<lang>.yaml`` (any keys of the package's ``strings.yaml``, one
at a time) and ``templates/<lang>/<name>`` (a template in place of the package's), and so
may add a language of its own. A locale's country lays ``templates/<lang>-<country>/`` over
a language's strings (spelling, date format: fr-FR's English is en-GB's). Templates fail
loudly (StrictUndefined), so a misspelt variable is an error, not a blank on a handout.
The environment is jinja2's sandbox: a clinic's wording file may come from anyone (a shared
translation), and ``{{ cycler.__init__.__globals__.os.system(...) }}`` in it ran any command
as the user who built a handout, or the web app did. Compiled templates are kept between runs
(see template_cache). A language's template files are filled in by template_files; numbers
and ranges print as ``numbers`` says.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence, Union

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from handouts.errors import HandoutError, Location, Problem
from handouts.input.limits import Limit
from handouts.input.quantities import Duration
from handouts.words import own, plurals, template_cache
from handouts.words.languages import RIGHT_TO_LEFT, is_code, us_way
from handouts.words.numbers import EN_DASH, RANGE_MARK, RANGE_MARKS, number, span_filter

TEMPLATES = Path(__file__).parent / "templates"
# what a clinic's own template or wording raises as it is filled in, beside jinja2's own
# errors: a sum of a number and a word ({{ minutes + ' minutes' }}), a division by 0
FILLING_FAILS = (TypeError, ValueError, ArithmeticError, LookupError, AttributeError)
_ENVIRONMENTS = 32  # kept at once: a few clinics, a few states of each one's wording


@dataclass(frozen=True)
class Texts:
    """One text in each language of a bilingual handout, the leading language first. Layout
    prints the second under the first; an email takes the part for its language. A text that
    reads the same in every language (or a handout in one language) is a plain ``str``."""

    parts: tuple[str, ...]


# how a bilingual text's parts were once joined into one string; only the handout id's
# canonical form still uses it (see identity._jsonable)
SEPARATOR = "\u2028"

Text = Union[str, Texts]


def both(values) -> Text:
    """One text in each language of the handout, the leading language first."""
    unique = tuple(dict.fromkeys(v for v in values if v))
    if len(unique) > 1:
        return Texts(unique)
    return unique[0] if unique else ""


def right_to_left(languages: tuple[str, ...], wording: Wording | None = None) -> bool:
    """Whether a handout in ``languages`` is laid out right to left, its page mirrored: only
    where every one of them is written so. A bilingual he+en handout keeps the left-to-right
    page (each of its right-to-left paragraphs still reads from the right margin): its
    English reader would otherwise start in the wrong place."""
    return bool(languages) and all(writes_right_to_left(lang, wording) for lang in languages)


def writes_right_to_left(language: str, wording: Wording | None = None) -> bool:
    """A language's own wording says which way it is written (``direction:`` in a clinic's
    ``strings.<lang>.yaml``: a language the table below does not know, or one that is written
    in another script there); else the table decides."""
    if wording is not None and language in languages(wording):
        said = _strings(language, wording).get("direction")
        if said is not None:  # checked as the file is read (own.SETTINGS)
            return said == "right-to-left"
    return language in RIGHT_TO_LEFT or language.split("-")[0] in RIGHT_TO_LEFT


def parts(value: Text) -> tuple[str, ...]:
    return value.parts if isinstance(value, Texts) else (value,)


def part(value: Text, index: int) -> str:
    """The ``index``-th language's part of a text; the last part where it has fewer (a text
    that reads the same in both languages is kept once)."""
    found = parts(value)
    return found[min(index, len(found) - 1)]


def range_mark(language: str, wording: Wording | None = None) -> str:
    """What ``language`` writes between a range's ends: its wording's ``range_mark`` (the
    clinic's own, or the package's), else ``RANGE_MARKS``' (Japanese "〜"), else "–"."""
    said = None
    if language in languages(wording or PACKAGE):
        said = _strings(language, wording or PACKAGE).get("range_mark")
    return said if said is not None else RANGE_MARKS.get(language.partition("-")[0], EN_DASH)


@dataclass(frozen=True)
class Wording:
    """Where a handout's fixed wording comes from: the package's templates, under the
    clinic's own files in ``home`` (its folder), in the clinic's ``locale``."""

    home: Path | None = None  # the clinic's folder: its own wording files, and its logo
    locale: str | None = None
    # the clinic's wording files as they were when the workspace was opened (name, size,
    # time of the last change): what a process kept of the wording is kept by this value
    # too, so a long-running one (the web app) that opens the files again after a save
    # uses the new words rather than what it kept of the old
    stamp: tuple = ()
    # the folder of the clinic's own wording files where it is not ``home``: the wording the
    # record kept for a handout made again (record.remake)
    kept: Path | None = None

    @property
    def own(self) -> Path | None:
        """Where the clinic's own wording files (strings.<lang>.yaml, templates/) are."""
        return self.kept or self.home


PACKAGE = Wording()


@functools.lru_cache(maxsize=_ENVIRONMENTS)
def environment(home: Path | None = None, stamp: tuple = ()) -> jinja2.Environment:
    """One environment per clinic folder and state of its wording files (``Wording.stamp``):
    jinja2 looks again only at the file it found a template in, so a clinic's own template
    added later was not seen by a process that runs for days (the web app)."""
    loaders = [jinja2.FileSystemLoader(str(home / "templates"))] if home else []
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader([*loaders, jinja2.FileSystemLoader(str(TEMPLATES))]),
        bytecode_cache=template_cache.KEPT,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False,
                                           default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["span"] = span_filter
    env.filters["num"] = number
    env.filters["plural_form"] = plurals.plural_form
    env.tests["plural"] = plurals.plural
    env.tests["limit"] = lambda value: isinstance(value, Limit)
    env.globals["Duration"] = Duration
    return env


@functools.lru_cache(maxsize=_ENVIRONMENTS)  # one per state of the wording, as environments
def languages(wording: Wording = PACKAGE) -> tuple[str, ...]:
    """The package's languages and the clinic's own (a ``strings.<lang>.yaml`` in its folder);
    looked up once per process and folder, as the wording itself is."""
    found = {p.name for p in TEMPLATES.iterdir()
             if is_code(p.name) and (p / "strings.yaml").is_file()}
    if wording.own and wording.own.is_dir():
        found |= {p.name.split(".")[1] for p in wording.own.glob("strings.*.yaml")
                  if is_code(p.name.split(".")[1])}
    return tuple(sorted(found))


def language_name(language: str, wording: Wording = PACKAGE) -> str:
    """A language's name in its own words ("Français"); its code where the handouts have no
    wording in it (a library may be written in a language no handout prints in)."""
    if language not in languages(wording):
        return language
    try:
        return phrase(language, "language_name", wording)
    except HandoutError:
        return language


def no_wording(language: str, available: Sequence[str]) -> str:
    """What is said of a language the handouts have no wording in: the ones they have, and
    how a clinic gives them its own (a translation of the library alone prints nothing in
    it: the headings, labels and doses are words too)."""
    said = f'no handouts in "{language}" yet; use one of ' + ", ".join(available)
    if not is_code(language):
        return said
    return (f"{said}; or give the handouts words in it: strings.{language}.yaml and "
            f"templates/{language}/ in the clinic's folder (docs/library.md: The clinic's own "
            "wording)")


@functools.lru_cache(maxsize=4 * _ENVIRONMENTS)  # a few languages of each state kept
def _wording(language: str, wording: Wording = PACKAGE,
             ) -> tuple[dict[str, Any], dict[str, Location]]:
    """The package's strings for the language, then its locale's, then the clinic's own:
    each layer replaces the keys it gives; and where each key's wording is. A clinic's
    files are checked against the package's English wording as they are read (``own``)."""
    if language not in languages(wording):
        raise HandoutError(f'no wording for language "{language}" '
                           f"(available: {', '.join(languages(wording))})")
    merged: dict[str, Any] = {}
    where: dict[str, Location] = {}
    for path, clinics in layers(language, wording):
        if path.is_file():
            data, at = own.read(path, environment(wording.own, wording.stamp),
                                _strings("en") if clinics else None)
            merged.update(data)
            where.update(at)
    return merged, where


def layers(language: str, wording: Wording = PACKAGE) -> list[tuple[Path, bool]]:
    """The files a language's wording may come from, each laying its keys over the one
    before: the package's, its locale's (in the clinic's country, see ``_locale_folder``), the
    clinic's own (True: checked against the package's English wording). Some are not there."""
    found = [(TEMPLATES / language / "strings.yaml", False)]
    folder = _locale_folder(language, wording.locale)
    if folder:
        found.append((TEMPLATES / folder / "strings.yaml", False))
    if wording.own:
        found.append((wording.own / f"strings.{language}.yaml", True))
        if wording.locale and wording.locale.split("-")[0] == language:
            found.append((wording.own / f"strings.{wording.locale}.yaml", True))
    return found


def _locale_folder(language: str, locale: str | None) -> str | None:
    """The package's folder for ``language`` as the country of the clinic's ``locale`` writes
    it: its own there (a ga-IE clinic's English: en-IE), else for English outside the US way
    the British one (en-AU, fr-FR, es-ES: en-GB's). None: no country, or nothing of its own."""
    country = (locale or "").partition("-")[2]
    if not country:
        return None
    if (TEMPLATES / f"{language}-{country}").is_dir():
        return f"{language}-{country}"
    return "en-GB" if language == "en" and not us_way(locale) else None


def _strings(language: str, wording: Wording = PACKAGE) -> dict[str, Any]:
    return _wording(language, wording)[0]


def strings(language: str, wording: Wording = PACKAGE) -> dict[str, Any]:
    """The fixed wording of a handout (headings, labels), each a small jinja2 template."""
    return _strings(language, wording)


def located(language: str, key: str, wording: Wording = PACKAGE) -> Location | None:
    """Where ``key`` of the language's wording is written: in the last layer that gives it
    (see ``layers``); None where none does."""
    return _wording(language, wording)[1].get(key)


def written_with(language: str, key: str, plain: str, wording: Wording = PACKAGE) -> bool:
    """Whether the language's wording has ``key``, written where ``plain`` is or later (see
    ``layers``): a clinic's own file that rewords ``plain`` ("Do the tasks in this order")
    but not ``key`` would print the package's "exercises" beside its own "tasks"."""
    order = [str(path) for path, _ in layers(language, wording)]
    given, reworded = (located(language, k, wording) for k in (key, plain))
    if given is None:
        return False
    if reworded is None or given.file not in order or reworded.file not in order:
        return True
    return order.index(given.file) >= order.index(reworded.file)


def colon(language: str, wording: Wording = PACKAGE) -> str:
    """What follows a label before its text in ``language`` (``label_colon``: "Date: ",
    French "Date : "); ": " where its wording does not say."""
    return _strings(language, wording).get("label_colon", own.OPTIONAL["label_colon"])


def phrase(language: str, key: str, wording: Wording = PACKAGE, **context: Any) -> str:
    source = _strings(language, wording).get(key)
    if source is None:
        raise HandoutError(own.lacking(key, language, wording.own, _strings("en")))
    if "{" not in source:
        return source  # plain words: compiling them as a template costs a cold start 1 ms each
    context[plurals.LOCALE] = wording.locale  # counted as the clinic's locale counts
    context[RANGE_MARK] = range_mark(language, wording)
    try:
        try:
            # typed: 1, 1.0 and True are equal keys but print differently
            return _rendered(source, wording.own, wording.stamp, language,
                             tuple((k, type(v), v) for k, v in sorted(context.items())))
        except TypeError:  # a value that cannot be a key (a list of month names): now
            return _compiled(source, wording.own, wording.stamp, language).render(**context)
    # a clinic's own wording asks for what is not there, or does what cannot be done
    except (jinja2.TemplateError, *FILLING_FAILS) as exc:
        english = own.fillings(_strings("en").get(key, ""), environment())
        raise HandoutError(Problem(
            located(language, key, wording) or Location(path=key),
            f"cannot be filled in ({failed(exc)}); this wording may use "
            + (", ".join("{{ %s }}" % name for name in english) if english
               else "no {{ ... }}: write it as plain words"))) from None


def failed(exc: Exception) -> str:
    """What went wrong filling a template in, in the words a clinic can act on: the
    value's name, not Python's name for its kind ("the dose has no hodl", not
    "'handouts.input.dose_models.Dose object' has no attribute 'hodl'")."""
    said = exc.message if isinstance(exc, jinja2.TemplateError) else str(exc)
    said = re.sub(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'",
                  lambda m: f'the {m[1].lower()} has no "{m[2]}"', said or "")
    return said or type(exc).__name__


@functools.lru_cache(maxsize=4096)
def _rendered(source: str, home: Path | None, stamp: tuple, language: str, context: tuple,
              ) -> str:
    """Wording filled in once per process: "Page 2 of 5" is on a page of every handout."""
    return _compiled(source, home, stamp, language).render(**{k: v for k, _, v in context})


@functools.lru_cache(maxsize=4096)
def _compiled(source: str, home: Path | None, stamp: tuple, language: str) -> jinja2.Template:
    template = template_cache.from_string(environment(home, stamp), source)
    template.name = f"{language}/strings.yaml"  # its language, for plural_form (no file)
    return template
