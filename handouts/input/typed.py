"""What a person typed, made printable: line breaks and control characters taken out.

A name may carry a line break (a quoted cell of a CSV roster), a tab, or a control character
pasted from another program; none belongs on a handout, in a file name or in a terminal.
Also, for texts that are one text or a mapping per language, which of the two was typed.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, ClassVar, Iterator

from pydantic import (AfterValidator, BaseModel, BeforeValidator, Field, PrivateAttr,
                      ValidationInfo, model_validator)
from pydantic_core import PydanticCustomError

from handouts.errors import HandoutError
from handouts.input import later_rules

# Names and the therapist are one line; notes keep their line breaks (a paragraph reads them
# as spaces).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")


# what prints as nothing (a zero-width space, joiner or no-break space, a word joiner, a
# soft hyphen, a byte order mark pasted from another program): in a name it changed the
# file name and the record's key while the page showed the same name, so that one patient's
# two packets did not look like the same person's
_UNSEEN = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def clean_text(value: str, *, one_line: bool) -> str:
    value = _CONTROL.sub("", value)
    if one_line and _BREAKS.search(value):
        value = re.sub(" {2,}", " ", _BREAKS.sub(" ", value)).strip()
    return value


def without_unseen(value: str) -> str:
    """``value`` without the characters that print as nothing (``_UNSEEN``); a zero-width
    (non-)joiner between two letters of a script that joins them is kept, as it shapes a
    Persian or an Indic name (in Latin letters it shapes nothing)."""
    if value.isascii() or not _UNSEEN.search(value):
        return value

    def joins(c: str) -> bool:
        return ord(c) >= 0x370 and unicodedata.category(c)[0] in "LM"

    def out(found: re.Match) -> str:
        at, c = found.start(), found.group()
        kept = (c in "\u200c\u200d" and 0 < at < len(value) - 1 and joins(value[at - 1])
                and joins(value[at + 1]))
        return c if kept else ""
    return _UNSEEN.sub(out, value)


def printable(value: str) -> str:
    """``value``, if it has no control character: the library's and clinic's own texts are
    not cleaned silently (a program's typed texts are, see cleaned_program)."""
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"contains the control character U+{ord(found.group()):04X}; "
                         "remove it")
    return value


def cleaned_program(data: dict, changed: list[str], unseen: list[str] | None = None) -> dict:
    """``data`` with the typed texts of a program cleaned (see clean_text); the path of each
    text that changed goes into ``changed``. With ``unseen``, a name's (and the therapist's)
    characters that print as nothing are taken out too (``without_unseen``), and its path
    goes there."""

    def clean(value: Any, path: str, one_line: bool) -> Any:
        if not isinstance(value, str):
            return value
        cleaned = clean_text(value, one_line=one_line)
        if cleaned != value:
            changed.append(path)
        if one_line and unseen is not None and without_unseen(cleaned) != cleaned:
            cleaned = without_unseen(cleaned)
            unseen.append(path)
        return cleaned

    data = dict(data)
    if isinstance(data.get("patient"), dict):
        patient = data["patient"] = dict(data["patient"])
        for key in ("name", "caregiver"):
            if key in patient:
                patient[key] = clean(patient[key], f"patient.{key}", True)
    for key, one in (("therapist", True), ("note", False)):
        if key in data:
            data[key] = clean(data[key], key, one)
    if isinstance(data.get("exercises"), (list, tuple)):
        data["exercises"] = [
            {**item, "note": clean(item["note"], f"exercises[{i + 1}].note", False)}
            if isinstance(item, dict) and "note" in item else item
            for i, item in enumerate(data["exercises"])]
    return data


def relative_path(value: Any) -> Any:
    """A picture's path: relative to the YAML file that names it, and below its folder."""
    if isinstance(value, str) and (value.strip().startswith(("/", "\\", "~"))
                                   or re.match(r"^\s*[A-Za-z]:", value)
                                   or ".." in re.split(r"[\\/]", value)):
        raise ValueError(f'"{value}" is outside this file\'s folder; name a file in it or '
                         "below it (e.g. images/child_pose.svg)")
    return value


def is_relative_path(value: Any) -> bool:
    """Whether a picture's path as written is one to load: text, and a path ``relative_path``
    takes (where it does not, the file's own check says where it should be)."""
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        relative_path(value)
    except ValueError:
        return False
    return True


# Room for any real text of its kind (README: Limits): beyond it is a paste gone wrong, and
# would be laid out, measured and printed (a name on every page) at every build.
MAX_TEXT, MAX_TITLE, MAX_STEP, MAX_NOTE, MAX_NAME = 1000, 120, 500, 3000, 300
_PRINTABLE = AfterValidator(printable)
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), _PRINTABLE]
Title = Annotated[str, Field(min_length=1, max_length=MAX_TITLE), _PRINTABLE]  # people's names
Step = Annotated[str, Field(min_length=1, max_length=MAX_STEP), _PRINTABLE]  # tips, captions
Note = Annotated[str, Field(min_length=1, max_length=MAX_NOTE), _PRINTABLE]  # paragraphs
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), _PRINTABLE]
RelativePath = Annotated[Text, BeforeValidator(relative_path)]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # not full-width digits: see roster_dates


# the clinic's order of day and month where a person's 14/03/1968 is read (None: none is
# known, and only a date in no doubt is read). A context variable, not an argument, as
# later_rules' is: a date is read deep in the models (a patient's dob), and each thread of
# the web app reads its own clinic's
_day_first: contextvars.ContextVar[bool | None] = contextvars.ContextVar("day_first",
                                                                         default=None)


@contextlib.contextmanager
def dates_read(day_first: bool | None) -> Iterator[None]:
    """Dates validated inside are read as a roster's cells are in a clinic that reads them
    ``day_first`` (``Clinic.day_first``): 14/03/1968, 14.03.1968 (None: year first only)."""
    token = _day_first.set(day_first)
    try:
        yield
    finally:
        _day_first.reset(token)


def as_date(value: Any, info: ValidationInfo) -> Any:
    """A date as a file, form or roster gives it: a date, or its text as YYYY-MM-DD, or
    written year first as a roster's cell may be (2026/12/05, 令和8年12月5日, S43.3.14: see
    ``roster_dates.year_first``) or with its month named ("Dec 5, 2026"), or, inside
    ``dates_read``, in the clinic's order of day and month as its roster is read
    (``roster_dates.iso_date``). pydantic would read digits (20261208, "1765152000") as a
    Unix time, and a time of day at midnight as its date: a patient's visit filed in 1970,
    or a year off, without a word."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value.strip()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        # a program file's dob: 昭和43年3月14日 or a day-first desk's 14/03/1968 was "not a
        # date" where a roster's cell of it was read, and one no era or month had is said as
        # the roster says it. Imported here: most programs' dates are ISO's, and the
        # roster's patterns cost a build that reads none
        from handouts.input import roster_dates

        day_first = _day_first.get()
        # the field named: a visit's date is offered this year's, or this century's, where
        # its year is missing or two digits (a date of birth is not)
        field = info.field_name or ""
        try:
            read = (roster_dates.order_free(value, field) if day_first is None
                    else roster_dates.iso_date(value, day_first, field))
        except HandoutError as exc:
            raise ValueError(exc.problems[0].message) from None
        if read and _ISO_DATE.fullmatch(read):
            return read
    # the kind messages.describe words for every date: quoted, with the right form
    raise PydanticCustomError("date_parsing", "not a date")


Date = Annotated[dt.date, BeforeValidator(as_date)]


def clean_program(cls, data: Any, handler):
    """A program model's wrap validator: its typed texts cleaned (see cleaned_program), and
    the paths of those that changed kept on it (``cleaned``), for a warning."""
    changed: list[str] = []
    # a program the record kept is printed again as it was (later_rules): its name as then
    unseen: list[str] | None = None if later_rules.kept_now() else []
    program = handler(cleaned_program(data, changed, unseen) if isinstance(data, dict)
                      else data)
    if changed:
        program._cleaned = tuple(changed)
    if unseen:
        program._unseen = tuple(unseen)
    return program


class PerLanguage(BaseModel):
    """A model whose texts named in ``PER_LANGUAGE`` are each one text or a mapping per
    language (``{en: ..., es: ...}``). The model files one text as English's, so whether it
    was one is kept here as the model is made (``plain``): one text is in the library's
    language, whatever that is, and no one has to read the file again to tell."""

    PER_LANGUAGE: ClassVar[tuple[str, ...]] = ()
    _plain: frozenset[str] = PrivateAttr(frozenset())

    @model_validator(mode="wrap")
    @classmethod
    def _keep_plain(cls, data: Any, handler):
        made = handler(data)
        if isinstance(data, dict):
            # a list's items each as "name[i]" (clinic.yaml's log_rows)
            made._plain = frozenset(
                k for k in cls.PER_LANGUAGE if isinstance(data.get(k), str)) | frozenset(
                f"{k}[{i}]" for k in cls.PER_LANGUAGE if isinstance(data.get(k), list)
                for i, item in enumerate(data[k]) if isinstance(item, str))
        return made

    def plain(self, name: str) -> bool:
        """Whether the file gives the text ``name`` as one text, not one per language."""
        return name in self._plain

    def as_written(self, name: str) -> tuple:
        """The list ``name`` (``log_rows``) as the file gives it, and hashable: each item its
        one text, or its texts per language as (language, text) pairs, in the file's order."""
        return tuple(next(iter(item.values())) if self.plain(f"{name}[{i}]") else
                     tuple(item.items()) for i, item in enumerate(getattr(self, name) or ()))
