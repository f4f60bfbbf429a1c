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


def pain_row(program: Program, protocol: Optional[Protocol], clinic: Clinic) -> bool:
    """Whether the log has the pain row: the program's say, its protocol's, the clinic's."""
    for said in (program.log_pain, protocol and protocol.log_pain):
        if said is not None:
            return said
    return clinic.log_pain


def whose_rows(program: Program, protocol: Optional[Protocol]) -> str:
    """Whose rows the log has: the "program"'s, the "protocol"'s or the "clinic"'s."""
    if program.log_rows is not None:
        return "program"
    return "protocol" if protocol is not None and protocol.log_rows is not None else "clinic"


def own_rows(program: Program, protocol: Optional[Protocol], clinic: Clinic,
             words: Words) -> tuple[Text, ...]:
    """The log's own rows in the handout's language(s) (see ``whose_rows``); a range typed
    with a hyphen ("(6-20)") printed with each language's range mark."""
    whose = whose_rows(program, protocol)
    if whose == "clinic":  # one text is in the library's language (the workspace files it so)
        return tuple(words.clinic_text(row, f"log_rows[{i}]", ranges=True)
                     for i, row in enumerate(clinic.log_rows, start=1))
    if whose == "protocol":
        assert protocol is not None
        return tuple(words.clinic_text(
            {words.source: row} if isinstance(row, str) else dict(row), "", ranges=True,
            place=f"protocols[{protocol.id}].log_rows[{i}]")
            for i, row in enumerate(protocol.as_written("log_rows"), start=1))
    return tuple(words.clinic_text(
        dict.fromkeys(words.languages, row) if isinstance(row, str) else dict(row), "",
        ranges=True, place=f"log_rows[{i}]")
        for i, row in enumerate(program.as_written("log_rows"), start=1))
