"""The rules that came after handouts were given, and only refuse: what the record kept (a
handout's program, the library files it was made from) is read under the rules it was made
under, so that ``reprint`` makes it again, the same bytes where it can, and *Start from the
last visit* opens it (the form then tells the problem beside its row, to put right before
the new visit is built). Every fresh read (build, batch, the web app's Build, check) is held
to them all.

A rule belongs here when it only refuses what earlier code took, and today's code still
prints what it took as it was printed then (a gap's weeks, and those before a first stage that starts later:
``log_weeks.week_dose``). A rule
that changes what a handout says is no such rule: its reprint says the bytes differ. Each
rule's check asks ``applies`` with its name from ``LATER``; ``as_made`` is the part of a
read that the record kept. A context variable, not an argument: the rules sit deep in the
models (a stage's weeks are checked where pydantic validates a dose), and each thread of
the web app reads its own.

Not here: a date over a year after today (``clock.too_far_ahead``) is not asked of a kept
program at all, by ``load_program(kept=True)``; dates as YYYY-MM-DD text (``typed.as_date``,
5 December 2026) are what the record always wrote, whatever a program file said.
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator

# each rule: the day it came, and what it refuses
LATER = {
    "stage_gap": "5 December 2026: weekly stages leave no week between them (progression)",
    "stage_start": "5 December 2026: weekly stages start at week 1 (progression)",
    "text_cut": "7 December 2026: no plain text cut short by ' #', nor an item of a list "
                "in [ ] by a comma inside curly quotes (yamlsource)",
    "clinic_phone": "7 December 2026: the clinic's phone is its number alone, in digits, "
                    "and no phone, website or email is in curly quotes (clinic_parts)",
    "email_address": "7 December 2026: a patient's or caregiver's email address has no "
                     "character that does not show, no letter outside A-Z, and no dot at "
                     "an end of either part or two together, which email refused "
                     "(input/addresses)",
}

_made_before = contextvars.ContextVar("made_before", default=False)


def applies(rule: str) -> bool:
    """Whether the later rule ``rule`` holds for what is read now (not for what the record
    kept)."""
    if rule not in LATER:
        raise KeyError(f"{rule!r} is not one of the later rules: {', '.join(LATER)}")
    return not _made_before.get()


def kept_now() -> bool:
    """Whether what is read now is what the record kept (the cache of validated files keeps
    the two apart: a library read as kept may hold what a fresh read refuses)."""
    return _made_before.get()


@contextlib.contextmanager
def as_made(kept: bool = True) -> Iterator[None]:
    """What is read inside is what the record ``kept``: no later rule applies to it (False:
    a fresh read, held to every rule, as outside)."""
    token = _made_before.set(kept)
    try:
        yield
    finally:
        _made_before.reset(token)
