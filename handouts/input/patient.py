"""Who a handout is for: the patient's name, email address, and what tells two patients of
one name apart in the clinic's record (a date of birth, the clinic's number); and the
caregiver it is given to, for a child or an adult someone cares for."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Annotated, Any, Optional

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      ValidationInfo, field_validator)

from handouts.errors import leave_out
from handouts.input import addresses, later_rules
from handouts.input.clock import today_anywhere
from handouts.input.typed import Date, Name

# as every model of models.py: frozen, and unknown keys are errors
_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

# a caregiver's address with no caregiver, in a program's keys: a roster row that gives it
# says it in its columns instead (``input.row_cells.caregiver_lacking``)
NO_CAREGIVER = ("an address for a caregiver, but the program names none: add patient: "
                "caregiver: (who the handout is given to) beside it")


def check_email(value: str) -> str:
    """``value``, if a handout can be emailed to it (``addresses.refusal``); the rules that
    came after a program the record kept was made are not asked of it (``later_rules``)."""
    problem = addresses.refusal(value, later=later_rules.applies("email_address"))
    if problem:
        raise ValueError(problem)
    return value


# control characters, line breaks, and the marks that are not seen but reorder or split text
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _clinic_number(value: Any) -> Any:
    # YAML reads 004512 as the number 4512 (or even as octal): the zeros would be lost
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError('write the clinic number in quotes, e.g. number: "004512", so that '
                         f"it is kept exactly as written (unquoted, it reads as {value})")
    if isinstance(value, str) and not 0 < len(value.strip()) <= 40:
        raise ValueError(f"must be 1 to 40 characters; {leave_out('number')} if the clinic "
                         "has none for this patient")
    # the record matches the number exactly, so it is refused, not cleaned as a name is: one
    # that reads as 4512 but is not would file the patient as someone else
    unseen = _UNSEEN.search(value.strip()) if isinstance(value, str) else None
    if unseen:
        raise ValueError(f"contains the character U+{ord(unseen.group()):04X}, which does "
                         "not show; remove it")
    return value


@functools.cache
def _unspaced() -> re.Pattern:
    """Han, kana and the CJK marks: a name in these scripts is written with no space between
    family and given name ("山田花子"), or with one, half or full width ("山田 花子", "山田　花子").
    Compiled at the first name that may hold one (from U+3005 up): re compiles a class this
    wide a character at a time, 6 ms of every cold build."""
    return re.compile("[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                      "\uff66-\uff9f]")


def written_unspaced(text: str) -> bool:
    """Whether ``text`` has a character of a script written without spaces (``_unspaced``)."""
    return bool(text) and max(text) >= "\u3005" and _unspaced().search(text) is not None


# the apostrophes a name is typed or exported with, as the straight one
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def folded(name: str) -> str:
    """A name as the clinic's record matches it: case, spacing and accents do not matter
    (``rosa  diaz`` is Rosa Díaz), nor the space between the names of one written in a
    script without spaces (``山田 花子`` is 山田花子; ``anaexample`` is not Ana Example). A
    name without a space folds as it did before that rule: the keys kept then still match.
    A curly apostrophe is the straight one (``O’Connor`` is O'Connor: a spreadsheet curls
    what a desk types straight; schema 0006 folds the keys kept before again)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(APOSTROPHES))
    words = "".join(c for c in decomposed if not unicodedata.combining(c)).split()
    return ("" if written_unspaced(decomposed) else " ").join(words)


FIRST_BIRTH_YEAR = 1900  # no one born before it is alive: such a year is a typo


def _born(value: dt.date | None) -> dt.date | None:
    if value is not None and value > today_anywhere():
        # the date was read, so its form is not what is wrong: a roster's 12/20/2026 was told
        # to be written YYYY-MM-DD, which it then was, still in the future
        raise ValueError(f'"{value.isoformat()}" is in the future; a date of birth is today or '
                         "before: check its year")
    if value is not None and value.year < FIRST_BIRTH_YEAR:
        raise ValueError(f'"{value.isoformat()}" is before {FIRST_BIRTH_YEAR}; check the year '
                         "of the date of birth, written as YYYY-MM-DD (e.g. 1961-04-30)")
    return value


class Patient(BaseModel):
    """Who the handout is for. A date of birth or the clinic's number for the patient tells
    two people with the same name apart in the clinic's record."""

    model_config = _STRICT
    # room for any real name (and a 200-letter word); a longer text is a paste gone wrong
    name: Name = Field(examples=["Jane Doe"])
    email: Optional[Annotated[str, Field(max_length=254)]] = None
    dob: Annotated[Optional[Date], AfterValidator(_born)] = None
    number: Optional[Annotated[str, BeforeValidator(_clinic_number)]] = None
    # who the handout is given to (a parent, a spouse): page 1 names them, the email greets
    # them. Not who the patient is: the record still knows the patient by name, dob, number
    caregiver: Optional[Name] = None
    # the caregiver's own address: their handout goes there, never to the patient's
    caregiver_email: Optional[Annotated[str, Field(max_length=254)]] = None

    _email = field_validator("email")(lambda cls, v: None if v in (None, "") else check_email(v))

    @field_validator("caregiver_email")
    @classmethod
    def _caregiver_email(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value in (None, ""):
            return None
        check_email(value)
        # validated after caregiver: an address with no one to greet at it would go out as
        # "Hello <patient>" to someone who is not the patient. A caregiver given but wrong
        # (too long, say) is not in ``info.data``: its own problem is said, and "names none"
        # would be a second message for one mistake, and untrue
        if "caregiver" in info.data and not info.data["caregiver"]:
            raise ValueError(NO_CAREGIVER)
        return value
