"""What ``check`` says of the emergency number in every text a patient reads that a clinic
wrote: the library's and its translations', the clinic's own protocols', clinic.yaml's
tagline and disclaimer, and a program file's notes and dose words. Each is read as it
prints (``{emergency}``: the clinic's number; ``{phone}``: its phone): another country's
number is named, and so is a brace that is not a token, which prints as typed."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from handouts.input import loading, local
from handouts.input.dose_models import DOSE_TEXT_FIELDS
from handouts.input.models import Clinic
from handouts.input.yamlsource import Parsed
from handouts.program_files import ProgramFile
from handouts.words.languages import (EMERGENCY, EMERGENCY_TOKEN, TOKENS, emergency_number,
                                      with_emergency_number)
from handouts.workspace import Workspace

# a number after "call" or "dial" (Spanish "llame al", "marque"), or alone in bold: the
# words that tell a patient which number to ring; a number run on by a dash, a dot or more
# digits is a phone number or a dose, not a call
_CALL = re.compile(r"\b(?:call|dial|ring|llame al|marque(?: el)?)\s+(\d{3})"
                   r"(?![\d\-\u2013/:]|[.,]\d|\s+\d)|\*\*\s*(\d{3})\s*\*\*", re.IGNORECASE)
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
    patient in the UK). A text that names the clinic's own number as well (``Call 112 or
    999``) is left alone. Each is told to write the token: a library's prints each clinic's
    own number, the clinic's and a program's this clinic's."""
    locale = ws.clinic.locale
    right = emergency_number(locale)
    country = locale.split("-")[-1].upper() if locale and "-" in locale else ""
    wrong = {*EMERGENCY.values(), "112"} - {right, *_ALSO.get(country, ())}
    whose = f"locale {locale}" if locale else "no locale, so the US way"
    found = []
    for parsed, at, text, shared in _texts(ws, programs):
        printed = with_emergency_number(text, right, ws.clinic.phone)
        called = [m for m in _CALL.finditer(printed) if (m[1] or m[2]) in wrong]
        if not called or re.search(rf"(?<!\d){right}(?!\d)", printed):
            continue
        said = called[0][0]
        fix = said.replace(called[0][1] or called[0][2], EMERGENCY_TOKEN)
        found.append(f'{parsed.location(at)} "{said}" names an emergency number that is '
                     f"not this clinic's ({whose}: {right}); write \"{fix}\""
                     + (" so that each clinic prints its own" if shared
                        else f", which prints {right}"))
    return found


def token_warnings(ws: Workspace, programs: Sequence[ProgramFile] = ()) -> list[str]:
    """A name in braces that is not ``{emergency}`` or ``{phone}`` exactly, in the same
    texts: it prints as typed ("Call {Emergency}"), as every brace but the tokens does."""
    return [f'{parsed.location(at)} "{m[0]}" prints as typed; only {EMERGENCY_TOKEN} (the '
            "clinic's emergency number) and {phone} (the clinic's phone) are put in"
            for parsed, at, text, _ in _texts(ws, programs) if "{" in text
            for m in _BRACED.finditer(text) if m[0] not in TOKENS]


def _texts(ws: Workspace, programs: Sequence[ProgramFile],
           ) -> Iterator[tuple[Parsed, tuple, str, bool]]:
    """Each text a patient may read, with its file, its path in it, and whether it is the
    library's (shared by every clinic that uses it) rather than this clinic's alone."""
    own = local.readable_entries(ws.local_path)
    library = [ws.library_parsed, *(loading.parsed_if_readable(path)
                                    for path in loading.translation_files(ws.library_path))]
    for parsed in filter(None, library):
        yield from ((parsed, at, text, True) for at, text in parsed.strings(keys=False))
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
