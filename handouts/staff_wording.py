"""The staff pages' words: the package's catalogues (``handouts/web/words/<lang>.yaml``,
read by the web app) and a clinic's own, ``staff_words.<lang>.yaml`` in its folder beside
its ``strings.<lang>.yaml``, key by key over the package's (a Quebec clinic's
``days_packets: "Trousses du jour"``), or a language the package has none in (Portuguese).

A clinic's file is read as safely as its wording (no anchors or aliases, a size limit,
duplicate keys refused), and only values that can be shown are taken: the app goes on with
the package's words for a key whose value has a problem, and `check` names each problem in
one line (the file, the line, the key, and what would be right). Here, not in ``web/``,
because `check` says them, and nothing but the web app imports ``web/``.
"""

from __future__ import annotations

import difflib
import functools
import re
import string
from pathlib import Path
from typing import Any

import yaml

from handouts.errors import HandoutError, Location, Problem
from handouts.input.yamlsource import parse, read_text
from handouts.words.languages import is_code, us_way

CATALOGUES = Path(__file__).parent / "web" / "words"
PATTERN = "staff_words.*.yaml"
# the longest a clinic's value may be: the package's longest (the roster's hint) has about
# 600 characters
MAX_CHARS = 1000
_TAG = re.compile(r"<[^<>]*>")
# values the pages read word by word, as many words as the package's: the date's letters in
# its order (a year, a month, a day), the months; one other count stopped the pages with them
WORD_LISTS = ("date_letters", "months")


@functools.cache
def catalogue(language: str) -> dict[str, Any]:
    """The package's staff words in ``language`` ({} where it has none); a code the clinic's
    models checked (two or three letters), never a path."""
    return _catalogue_file(language) if is_code(language) else {}


@functools.cache
def _catalogue_file(name: str) -> dict[str, Any]:
    """``words/<name>.yaml``'s words ({} where there is none): a language's, or en-GB's."""
    path = CATALOGUES / f"{name}.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else {}


def package_words(language: str, locale: str | None) -> dict[str, Any]:
    """The package's staff words in ``language`` as the clinic's country writes it: English
    outside the US way with en-GB's laid over (programme), as its handouts are written."""
    if language == "en" and not us_way(locale):
        return {**catalogue("en"), **_catalogue_file("en-GB")}
    return catalogue(language)


def own_files(home: Path | None) -> list[Path]:
    """The clinic's own staff words files in its folder, one a language."""
    if home is None or not home.is_dir():
        return []
    return sorted(p for p in home.glob(PATTERN) if is_code(p.name.split(".")[1]))


def own_staff_words(home: Path | None) -> dict[str, dict[str, str]]:
    """The clinic's own staff words by language: each value that can be shown (a file or a
    value with a problem is left out: ``staff_word_problems`` says why)."""
    return {path.name.split(".")[1]: _read(path)[0] for path in own_files(home)}


def staff_word_problems(home: Path | None) -> list[Problem]:
    """Every problem of the clinic's own staff words files, each in one line."""
    return [problem for path in own_files(home) for problem in _read(path)[1]]


def _read(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """The file's values that can be shown, by key; and its problems."""
    try:
        parsed = parse(read_text(path), str(path))
    except HandoutError as exc:
        return {}, list(exc.problems)
    data = parsed.data
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(Location(str(path), 1), 'expected one text a line (key: '
                            '"words"), as in the package\'s handouts/web/words/en.yaml')]
    english = catalogue("en")
    where = {key: parsed.location((key,)) for key in data}
    problems = [problem for _, problem in parsed.problems]
    good = {}
    for key, value in data.items():
        if any(p and p[0] == key for p, _ in parsed.problems):
            continue  # a value YAML read but could not make sense of: told above
        said = (_unknown(str(key), path.name.split(".")[1]) if key not in english
                else _value_problem(str(key), value, english[key]))
        if said:
            problems.append(Problem(where[key], said))
        else:
            good[key] = value
    return good, sorted(problems, key=lambda p: p.location.line or 0)


def _unknown(key: str, language: str) -> str:
    """An unknown key, and the known key nearest it: by its spelling ("sign_inn": "sign_in"),
    or by the words it names, in the file's language or English ("trousses_du_jour":
    "days_packets", which a French page says "Dossiers du jour")."""
    said = key.replace("_", " ").casefold()
    names = [(k, k.replace("_", " ")) for k in catalogue("en")] + [
        (k, str(v).casefold()) for words in (catalogue(language), catalogue("en"))
        for k, v in words.items() if isinstance(v, str) and len(v) < 60]
    nearest = max(names, key=lambda n: difflib.SequenceMatcher(None, said, n[1]).ratio(),
                  default=None)
    return f'unknown staff words key "{key}"' + (
        f'; did you mean "{nearest[0]}"?' if nearest else "")


def _value_problem(key: str, value: Any, english: str) -> str | None:
    """What is wrong with a value: not text, too long, a list of words of another count than
    the package's (``WORD_LISTS``), a {name} the page does not fill in
    (the page would fail), or, for a key ending in _html, markup the package's has not."""
    if not isinstance(value, str):
        return 'must be text; put it in quotes ("...") if it reads as a number or yes/no'
    if len(value) > MAX_CHARS:
        return f"is {len(value):,} characters long; a staff words text may have at most " \
               f"{MAX_CHARS:,}; shorten it"
    if key in WORD_LISTS and len(value.split()) != len(english.split()):
        return (f"must be {len(english.split())} words with a space between each, as "
                f'"{english}" is; it has {len(value.split())}')
    known = _fills(english)
    try:
        fills = _fills(value)
    except ValueError:
        return ('has a "{" or "}" that fills nothing in; a value is filled in as '
                + (", ".join("{%s}" % n for n in sorted(known)) or "nothing here")
                + ', and "{{" and "}}" print "{" and "}"')
    strange = sorted(fills - known)
    if strange:
        may = ", ".join("{%s}" % n for n in sorted(known)) if known else "none"
        return f"fills in {{{strange[0]}}}, which the page does not give this text; it may " \
               f"use {may}"
    if key.endswith("_html"):
        allowed = set(_TAG.findall(english))
        extra = [tag for tag in _TAG.findall(value) if tag not in allowed]
        if extra or "<" in _TAG.sub("", value) or ">" in _TAG.sub("", value):
            return (f"holds markup the package's text has not ({(extra or ['<'])[0]}); it "
                    f"may use {', '.join(sorted(allowed)) or 'none'}")
    return None


def _fills(text: str) -> set[str]:
    """The names a text fills in ({title}); ValueError for a brace that fills nothing in."""
    names = set()
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if not re.fullmatch(r"[a-z_]+", name) or spec or conversion:
            raise ValueError(name)
        names.add(name)
    return names
