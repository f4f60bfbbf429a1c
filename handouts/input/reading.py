"""A dose written in the words of another language than English ("30 segundos", "3 veces al
día", a clinic's own "3 vezes ao dia"), read through each language's wording: its
``read_how_often`` and ``read_units`` give the English words each of its phrases stands for,
and the English reading (quantities.py, frequency.py) reads what they make of it.

English is read first, so nothing that read before reads otherwise; the wording is loaded
only where English fails, so a build whose doses are English loads nothing more. A mistake
is said of the words the clinic wrote, not the English they were turned into.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from handouts.input.frequency import as_written, written_places
from handouts.input.quantities import READ_IN_ENGLISH, retold

T = TypeVar("T")

# the wording keys read, by what they read: how often is read with the units too ("cada 2
# horas"), its own phrases first where both give one
HOW_OFTEN, UNITS = "read_how_often", "read_units"
KEYS = (HOW_OFTEN, UNITS)

# the clinic's folder and its wording as the record kept it (as text.Wording's home and
# kept): a context variable, as typed.dates_read's, since a dose is read deep in the models
# and each thread of the web app reads its own clinic's. None: the package's wording alone
_own: contextvars.ContextVar[tuple | None] = contextvars.ContextVar("reading_words",
                                                                    default=None)
# the clinic's language (clinic.yaml's first), which a program that names none prints in:
# its check's examples are given in it (key_examples), as its doses are read in its words
_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("clinic_language",
                                                                       default=None)


@contextlib.contextmanager
def words_of(home: Path | None, kept: Path | None = None,
             language: str | None = None) -> Iterator[None]:
    """Doses validated inside are read in the clinic's own wording too (``strings.<lang>.yaml``
    in ``home``, or in ``kept``, as the record kept it), besides the package's; ``language``:
    the clinic's, for a file validated inside that names none (a program)."""
    token = _own.set((home, kept) if home or kept else None)
    said = _language.set(language)
    try:
        yield
    finally:
        _language.reset(said)
        _own.reset(token)


def clinic_language() -> str | None:
    """The clinic's language, where ``words_of`` was given it."""
    return _language.get()


def given(key: str) -> tuple[tuple[str, Any], ...]:
    """Each wording file's value of ``key``, with the language the file is in: the clinic's
    own first (as ``words_of`` names them), then the package's. Read when asked, as the
    reading words are: only a message being made asks (key_examples)."""
    return _given(key, _own_now())


def _own_now() -> tuple | None:
    """The clinic's own wording (``words_of``) and its files as they are now: what the
    tables of reading words are kept by."""
    own = _own.get()
    return own and (*own, _stamp(own[1] or own[0]))


def reading_units(parse: Callable[[Any], T]) -> Callable[[Any], T]:
    """``parse`` (a hold, reps, sets…), which reads English, reading every language's units."""
    def read(value: Any) -> T:
        return _read(parse, value, UNITS)
    return read


def reading_how_often(parse: Callable[[Any], T]) -> Callable[[Any], T]:
    """``parse_frequency``, reading every language's words for how often and its units. An
    occasion ("cada vez que se viste") is kept in the words written, as an English one is:
    its first words were read as English ("every time you") only to know it for one; so are
    the places of "3 veces al día: acostada, sentada y de pie", split at the language's own
    "and" as its English was, and so are the places a mistake names."""
    def read(value: Any) -> T:
        try:
            found = _read(parse, value, HOW_OFTEN)
        except ValueError as exc:
            raise ValueError(_places_retold(str(exc), value)) from None
        if getattr(found, "occasion", None) and isinstance(value, str):
            return replace(found, occasion=as_written(value))
        places = getattr(found, "places", ())
        written = places and isinstance(value, str) and _places_written(value, len(places))
        return replace(found, places=written) if written else found
    return read


def _places_written(value: str, count: int) -> tuple[str, ...] | None:
    """The ``count`` places ``value`` names, as written: split at commas, and at the words
    its language reads as "and" ("sentada y de pie") where English split there too; None
    where they are not so many."""
    places = written_places(value)
    if len(places) != count:
        ands = sorted({words for _, phrases in _tables(HOW_OFTEN, _own_now())
                       for words, english in phrases.items() if english == "and"},
                      key=len, reverse=True)
        joint = re.compile(rf"\s+(?:{'|'.join(map(re.escape, ands))})\s+", re.IGNORECASE) \
            if ands else None
        places = tuple(part for place in places for part in
                       (joint.split(place) if joint else (place,)))
    return places if len(places) == count else None


def _places_retold(problem: str, value: Any) -> str:
    """A mistake naming the places of ``value`` as its English reading had them ("sentada
    en 1 silla", "de pie junto to la mesa"), naming them as written."""
    if not isinstance(value, str) or not written_places(value) or f'"{value}"' not in problem:
        return problem
    for english in filter(None, _in_english(value, HOW_OFTEN, _own_now())):
        read = written_places(english)
        written = read and _places_written(value, len(read))
        for read_place, place in zip(read, written or ()):
            problem = problem.replace(f'"{read_place}"', f'"{place}"')
    return problem


def _read(parse: Callable[[Any], T], value: Any, key: str) -> T:
    try:
        return parse(value)
    except ValueError as exc:
        # English read it and found what is wrong ("1000000 times a day": at most 24 a day;
        # "whenever you stand up 3 times a day"): a language's words that turn some of it
        # into other English (es "a": "to") would blur that into "not a frequency", or
        # read it as something else ("whenever you stand up 3 times to day", an occasion)
        if not isinstance(value, str) or not _unread(exc, value):
            raise
        said = [english for english in _in_english(value, key, _own_now()) if english]
        if not said:
            raise
        problems = [str(exc)]
    reading = READ_IN_ENGLISH.set(True)
    try:
        for english in said:
            try:
                return parse(english)
            except ValueError as exc:
                # what is wrong with it, said of the words the clinic wrote
                problems.append(retold(exc, english, value))
    finally:
        READ_IN_ENGLISH.reset(reading)
    # a "not a …" that says what to write (English's first: "at least twice a day" made
    # "at least twice to day" by Spanish words would be said of those), else what the
    # first language found
    hinted = [p for p in problems if not _bare(p, value)]
    raise ValueError(_in_own_words(hinted[0], value, key) if hinted else problems[1]) from None


# what a hint gives alone to write, quoted in brackets: '("every day")', '("reps: as
# tolerated")' (a key's name stays English)
_ALONE = re.compile(r'\("(?P<key>[a-z_]+: )?(?P<said>[^"]*)"\)')


def _in_own_words(problem: str, value: str, key: str) -> str:
    """``problem`` with what it gives alone to write, where that is the English of some of
    the words the clinic wrote, in those words: "a diario según tolere" is told to write
    ("a diario"), not ("every day")."""
    words = value.split()
    spans = sorted(((i, j) for i in range(len(words)) for j in range(i + 1, len(words) + 1)),
                   key=lambda span: span[0] - span[1])  # the longest first
    wording = _own_now()  # looked at once, not for each span

    def own(found: re.Match) -> str:
        if found["said"] in value:
            return found[0]
        wanted = " ".join(found["said"].casefold().split())
        for i, j in spans:
            part = " ".join(words[i:j]).strip(",;:")
            if part and wanted in (" ".join(e.casefold().split()) for e in
                                   _in_english(part, key, wording) if e):
                return f'("{found["key"] or ""}{part}")'
        return found[0]
    return _ALONE.sub(own, problem)


def _unread(exc: ValueError, value: str) -> bool:
    """Whether ``exc`` is a parser's "not a …" (it could not read ``value`` at all), not a
    reading that found what is wrong with it."""
    return str(exc).startswith(f'"{value}" is not a ')


def _bare(problem: str, value: str) -> bool:
    """Whether ``problem`` says only that ``value`` is not a …, with examples."""
    said = f'"{value}" is not a '
    return problem.startswith(said) and bool(re.match(r"[a-z ]+ \(e\.g\.",
                                                      problem[len(said):]))


def _in_english(text: str, key: str, own: tuple | None) -> list[str | None]:
    """The English each language with words for ``key`` makes of ``text`` (None: one that
    knows none of its words), the clinic's own languages first (``own``: ``_own_now``);
    English's numbers in words in figures first of all ("thirty seconds", "two times a
    day", "reps: ten")."""
    plain = _plain(text)
    return [_replaced(plain, *_english_numbers()),
            *(_replaced(plain, pattern, english) for pattern, english in _tables(key, own))]


# a number in English words, as a therapist types one ("hold: thirty seconds", "ten to
# fifteen"); another language's are its wording's (read_units), as the rest of its words.
# A tens word and a ones word joined are one number ("twenty-five", "twenty five"), never
# read as a range ("20-5"). "once" is English's "one time", read as such by how often
@functools.cache  # made where English fails to read: not on a cold build's path
def _english_numbers() -> tuple[re.Pattern, dict[str, str]]:
    ones = "one two three four five six seven eight nine".split()
    found = {word: str(n) for n, word in enumerate(
        [*ones, *"ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
                 "nineteen".split()], start=1)}
    for n, tens in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2):
        found[tens] = str(10 * n)
        found |= {f"{tens}{joint}{one}": str(10 * n + k)
                  for k, one in enumerate(ones, 1) for joint in ("-", " ")}
    words = "|".join(map(re.escape, sorted(found, key=len, reverse=True)))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)"), found


def _stamp(folder: Path | None) -> tuple:
    """The clinic's wording files as they are now: a long-running process (the web app)
    reads a file saved since anew, as text.Wording's stamp does."""
    try:
        return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                            for p in folder.glob("strings.*.yaml"))) if folder else ()
    except OSError:
        return ()


def _replaced(plain: str, pattern: re.Pattern, english: dict[str, str]) -> str | None:
    said = pattern.sub(lambda m: english[m.group(0)], plain)
    return said if said != plain else None


def _plain(text: str) -> str:
    """Casefolded, without accents, one space between words: "Al Día" and "al dia" are
    one phrase, as a therapist types them on any keyboard."""
    import unicodedata  # only where English fails to read: not on a cold build's path

    folded = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


# the package's wording (words/text.py's TEMPLATES): read here as files, as this module is
# below words/ (the models read with it, and words/ prints what they hold)
PACKAGE = Path(__file__).resolve().parent.parent / "words" / "templates"


@functools.lru_cache(maxsize=32)  # a few clinics, a few states of each one's wording
def _tables(key: str, own: tuple | None) -> tuple[tuple[re.Pattern, dict[str, str]], ...]:
    """Each language's phrases for ``key`` (how often: with its units), as one pattern that
    finds the longest first, and the English of each: the clinic's own languages first
    (``own``: its folder, the record's copy of its wording, their stamp), then the
    package's. Loaded the first time a dose does not read in English."""
    tables = []
    for path in _files(own[1] or own[0] if own else None):
        said = _keys(path)
        phrases = {**_mapping(said.get(UNITS)), **_mapping(said.get(key))} \
            if key == HOW_OFTEN else _mapping(said.get(key))
        if phrases:
            alternatives = "|".join(map(re.escape, sorted(phrases, key=len, reverse=True)))
            tables.append((re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), phrases))
    return tuple(tables)


@functools.lru_cache(maxsize=32)
def _given(key: str, own: tuple | None) -> tuple[tuple[str, Any], ...]:
    return tuple((path.name.split(".")[1] if path.name != "strings.yaml" else path.parent.name,
                  said[key]) for path in _files(own[1] or own[0] if own else None)
                 if key in (said := _keys(path)))


def _files(own: Path | None) -> list[Path]:
    """The wording files that may give a language's reading words: the clinic's own
    ``strings.<lang>.yaml``, each in its own language, then the package's."""
    from handouts.words.languages import is_code

    clinic = sorted(p for p in own.glob("strings.*.yaml") if is_code(p.name.split(".")[1])) \
        if own and own.is_dir() else []
    return [*clinic, *sorted(PACKAGE.glob("*/strings.yaml"))]


def _keys(path: Path) -> dict[str, Any]:
    """A wording file's keys; none where it cannot be read (its problems are check's, and
    its handouts', to say)."""
    from handouts.errors import HandoutError
    from handouts.input.yamlsource import parse, read_text

    try:
        data = parse(read_text(path), str(path)).data
    except (HandoutError, OSError):
        return {}
    return data if isinstance(data, dict) else {}


def _mapping(value: Any) -> dict[str, str]:
    """A wording's phrases and the English each stands for, as they are matched (a value
    that is no such mapping is its file's problem, told by check: nothing read)."""
    if not isinstance(value, dict):
        return {}
    return {_plain(str(words)): str(english) for words, english in value.items()
            if isinstance(words, (str, int)) and isinstance(english, str) and _plain(str(words))}
