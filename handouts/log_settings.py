"""What a handout's log has under its exercises: rows of its own to write in (``log_rows``)
and the row to rate pain 0-10 (``log_pain``), each the program's where it says, else its
protocol's, else the clinic's. A pelvic health clinic's bladder protocol has the rows of a
bladder diary, which its other protocols have not; a vestibular clinic's protocols rate
dizziness in a row of their own, in place of the pain row.

A row is one text or one per language, as clinic.yaml's: one text of a protocol is in the
library's language, as clinic.yaml's is (a handout in another language prints it, and says
so); one text of a program is the therapist's, printed as typed, as a program's note is.
"""

from __future__ import annotations

from typing import Optional

from handouts.input.models import Clinic, Program, Protocol
from handouts.library_text import Words
from handouts.words.text import Text


def pain_said(program: Optional[Program], protocol: Optional[Protocol]) -> Optional[bool]:
    """Whether the log has the pain row as the program says, else its protocol; None where
    neither says (the clinic's)."""
    return next((said for said in (program and program.log_pain, protocol and protocol.log_pain)
                 if said is not None), None)


def pain_row(program: Program, protocol: Optional[Protocol], clinic: Clinic) -> bool:
    """Whether the log has the pain row: the program's say, its protocol's, the clinic's."""
    said = pain_said(program, protocol)
    return clinic.log_pain if said is None else said


def whose_rows(program: Optional[Program], protocol: Optional[Protocol]) -> str:
    """Whose rows the log has: the "program"'s, the "protocol"'s or the "clinic"'s."""
    if program is not None and program.log_rows is not None:
        return "program"
    return "protocol" if protocol is not None and protocol.log_rows is not None else "clinic"


def rows_said(program: Optional[Program], protocol: Optional[Protocol]) -> Optional[list]:
    """The log's own rows as the program gives them, else its protocol, each one text or a
    mapping per language, as a file writes them; None where neither says (the clinic's)."""
    whose = whose_rows(program, protocol)
    given = program if whose == "program" else protocol if whose == "protocol" else None
    return None if given is None else [row if isinstance(row, str) else dict(row)
                                       for row in given.as_written("log_rows")]


def own_rows(program: Program, protocol: Optional[Protocol], clinic: Clinic,
             words: Words) -> tuple[Text, ...]:
    """The log's own rows in the handout's language(s) (see ``whose_rows``); a range typed
    with a hyphen ("(6-20)") printed with each language's range mark."""
    whose = whose_rows(program, protocol)
    if whose == "clinic":  # one text is in the library's language (the workspace files it so)
        return tuple(words.clinic_text(row, f"log_rows[{i}]", ranges=True)
                     for i, row in enumerate(clinic.log_rows, start=1))
    # one text of a protocol's is in the library's language; a program's, in every language
    one = {words.source: None} if whose == "protocol" else dict.fromkeys(words.languages)
    place = f"protocols[{protocol.id}]." if whose == "protocol" and protocol else ""
    return tuple(words.clinic_text(dict.fromkeys(one, row) if isinstance(row, str) else
                                   dict(row), "", ranges=True, place=f"{place}log_rows[{i}]")
                 for i, row in enumerate(rows_said(program, protocol) or (), start=1))
