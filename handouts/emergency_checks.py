"""What ``check`` says of the emergency number in every text a patient reads that a clinic
wrote: the library's and its translations', the clinic's own protocols', clinic.yaml's
tagline and disclaimer, and a program file's notes and dose words. Each is read as it
prints (``{emergency}``: the clinic's number; ``{phone}``: its phone): another country's
number is named, and so is a brace that is not a token, which prints as typed. The
library's own number in digits is told as a note: it prints right here, but not at a
clinic elsewhere that shares or copies the library."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

from handouts.input import loading, local
from handouts.input.dose_models import DOSE_TEXT_FIELDS
from handouts.input.models import Clinic
from handouts.input.yamlsource import Parsed
from handouts.program_files import ProgramFile
from handouts.words.languages import (EMERGENCY, EMERGENCY_TOKEN, TOKENS, emergency_number,
                                      emergency_written, with_emergency_number)
from handouts.workspace import Workspace

# the words that tell a patient which number to ring: a number after "call" or "dial"
# (Spanish "llame al", "marque"), or alone in bold
_LEAD = r"\b(?:call|dial|ring|llame al|marque(?: el)?)\s+"
# a number run on by a dash, a dot or more digits is a phone number or a dose, not a call
_RUN_ON = r"[\d\-\u2013/:]|[.,]\d|\s+\d"
# numbers another service in the country answers: the UK's NHS 111, and 112 reaches 999
_ALSO = {"GB": {"111", "112"}}
# a name in braces, as a clinic might write for a number to be put in ({Emergency},
# {phone}, {{ emergency }}): it prints as typed, for only the token is replaced
_BRACED = re.compile(r"\{+\s*[A-Za-z_]\w*\s*\}+")
# what a patient reads of a program file: its notes and its dose's own words (a stage's too)
_PROGRAM_TEXTS = {"note", *DOSE_TEXT_FIELDS}


def emergency_number_warnings(ws: Workspace, programs: Sequence[ProgramFile] = ()) -> list[str]:
    """Texts that tell a patient to call another country's emergency number than the
    clinic's (a library shared by clinics in several countries: "Call 911" printed for a
    patient in the UK), written together or apart ("Call 9-1-1"). A text that names the
    clinic's own number as well (``Call 112 or 999``) is left alone. Each is told to write
    the token: a library's prints each clinic's own number, the clinic's and a program's
    this clinic's."""
    locale = ws.clinic.locale
    right = emergency_number(locale)
    country = locale.split("-")[-1].upper() if locale and "-" in locale else ""
    wrong = {*EMERGENCY.values(), "112"} - {right, *_ALSO.get(country, ())}
    found = []
    for parsed, at, text, shared in _texts(ws, programs):
        printed = with_emergency_number(text, right, ws.clinic.phone)
        called = _first_call(printed, wrong)
        if called is None or emergency_written(right).search(printed):
            continue
        found.append(f'{parsed.location(at)} "{called[0]}" names an emergency number that is '
                     f"not this clinic's ({_whose(locale)}: {right}); write \"{_fix(called)}\""
                     + (" so that each clinic prints its own" if shared
                        else f", which prints {right}"))
    return found


def own_number_notes(ws: Workspace) -> list[str]:
    """The library's texts and its translations' that tell a patient to call the clinic's
    own emergency number in digits ("Call 911" at a US clinic), one line an entry, at its
    first: a note, not a warning, for it prints right here; but a clinic in another country
    that shares or copies the library prints it too, where the token prints its own. A text
    that names another emergency number as well (an Irish clinic's "Call 112 or 999") is
    left alone: the token stands for one number, so it is written for this country. The
    clinic's own files and programs are this clinic's alone: its number is right there."""
    locale = ws.clinic.locale
    right = emergency_number(locale)
    others = {*EMERGENCY.values(), "112"} - {right}
    told: set[tuple[int, tuple]] = set()
    found = []
    for parsed, at, text in _library_texts(ws):
        entry = (id(parsed), at[:2])
        called = None if entry in told else _first_call(text, (right,))
        if called is None or any(emergency_written(n).search(text) for n in others):
            continue
        told.add(entry)
        found.append(f'{parsed.location(at)} "{called[0]}" names this clinic\'s emergency '
                     f"number ({_whose(locale)}: {right}) in digits, which a clinic elsewhere "
                     "that shares or copies the library prints too; write "
                     f'"{_fix(called)}" so that each clinic prints its own')
    return found


@lru_cache(maxsize=None)
def _call(number: str) -> re.Pattern:
    """``number`` told to a patient to call, as the email's finder reads it: run together
    or its digits apart ("Call 9-1-1", "**9 1 1**"), after the words or alone in bold."""
    written = emergency_written(number).pattern
    return re.compile(rf"(?:(?P<lead>{_LEAD})|\*\*\s*)(?P<number>{written})"
                      rf"(?(lead)(?!{_RUN_ON})|\s*\*\*)", re.IGNORECASE)


def _first_call(text: str, numbers: Iterable[str]) -> re.Match | None:
    """The first call in ``text`` to one of ``numbers``, or None."""
    if not any(c.isdigit() for c in text):
        return None
    calls = [m for m in (_call(n).search(text) for n in numbers) if m]
    return min(calls, key=lambda m: m.start(), default=None)


def _fix(called: re.Match) -> str:
    """The call as written, with the token for its number."""
    start, end = called.span("number")
    return (called.string[called.start():start] + EMERGENCY_TOKEN
            + called.string[end:called.end()])


def _whose(locale: str | None) -> str:
    return f"locale {locale}" if locale else "no locale, so the US way"


def token_warnings(ws: Workspace, programs: Sequence[ProgramFile] = ()) -> list[str]:
    """A name in braces that is not ``{emergency}`` or ``{phone}`` exactly, in the same
    texts: it prints as typed ("Call {Emergency}"), as every brace but the tokens does."""
    return [f'{parsed.location(at)} "{m[0]}" prints as typed; only {EMERGENCY_TOKEN} (the '
            "clinic's emergency number) and {phone} (the clinic's phone) are put in"
            for parsed, at, text, _ in _texts(ws, programs) if "{" in text
            for m in _BRACED.finditer(text) if m[0] not in TOKENS]


def _library_texts(ws: Workspace) -> Iterator[tuple[Parsed, tuple, str]]:
    """Each text of the library and its translations, shared by every clinic that uses
    them, with its file and its path in it."""
    library = [ws.library_parsed, *(loading.parsed_if_readable(path)
                                    for path in ws.translation_files())]
    for parsed in filter(None, library):
        yield from ((parsed, at, text) for at, text in parsed.strings(keys=False))


def _texts(ws: Workspace, programs: Sequence[ProgramFile],
           ) -> Iterator[tuple[Parsed, tuple, str, bool]]:
    """Each text a patient may read, with its file, its path in it, and whether it is the
    library's (shared by every clinic that uses it) rather than this clinic's alone."""
    own = local.readable_entries(ws.local_path)
    yield from ((parsed, at, text, True) for parsed, at, text in _library_texts(ws))
    if own is not None:
        yield from ((own[1], at, text, False) for at, text in own[1].strings(keys=False))
    clinic = loading.parsed_if_readable(ws.clinic_path)
    if clinic:
        yield from ((clinic, at, text, False) for at, text in clinic.strings(keys=False)
                    if at and at[0] in Clinic.PER_LANGUAGE)
    for program in programs:
        if program.parsed:
            yield from ((program.parsed, at, text, False)
                        for at, text in program.parsed.strings(keys=False)
                        if at and at[-1] in _PROGRAM_TEXTS)
