"""The validated input: library, clinic and program. Frozen, and unknown keys are errors.
These models describe what the user wrote; resolve.py turns them into a Handout."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, PrivateAttr,
                      PlainValidator, Tag, field_validator, model_validator)
from pydantic.json_schema import WithJsonSchema

from handouts.input import clinic_parts, typed, visits
from handouts.input.dose_models import Dose
from handouts.input.clinic_parts import (LANGUAGE_CODE, MAX_LOG_ROWS,  # noqa: F401 - API
                                          ClinicName, ClinicText, Colors, Language,
                                          Languages, LogRow, LogRows, PageSize, Smtp,
                                          TimeZone)
from handouts.input.topic_table import Rows, Table  # noqa: F401 - Rows: API
from handouts.input.patient import Patient, check_email  # noqa: F401 - check_email: API
from handouts.input.positions import POSITIONS, position_rank  # noqa: F401 - API
from handouts.words import languages
from handouts.input.typed import (MAX_NOTE, MAX_TEXT, Date, Name, Note,  # noqa: F401
                                  RelativePath, Step, Text, Title)

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64)]
LogWeeks = Annotated[int, PlainValidator(visits.parse_log_weeks),
                     WithJsonSchema({"type": "integer", "examples": [2]})]

# A clinic's own word for a position, a kind or a body area, in its own language: lowercase
# letters of any script (with their accents and vowel signs), digits, spaces, hyphens or
# underscores ("side-lying", "balance", "knee", "épaule", "плечо", "כתף", "肩膀").
Word = Annotated[str, Field(pattern=r"^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}_ -]*$",
                            max_length=40)]
Layout = Literal["standard", "compact", "large_print"]
Order = Literal["as_listed", "by_position"]
MAX_EXERCISES, MAX_TOPICS = 40, 20  # in a program or protocol: 40 is a handout of 20 pages


class Paragraph(BaseModel):
    model_config = _STRICT
    text: Note


class Bullets(BaseModel):
    model_config = _STRICT
    bullets: tuple[Step, ...] = Field(min_length=1, max_length=50)


class Heading(BaseModel):
    model_config = _STRICT
    heading: Title


def _block_kind(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("bullets", "heading", "table"):
            if key in value:
                return key
    if isinstance(value, BaseModel):
        return {Bullets: "bullets", Heading: "heading", Table: "table"}.get(type(value), "text")
    return "text"


_KINDS = ["bullets", "heading", "table", "text"]


def _paragraph(value: Any) -> Any:
    if isinstance(value, dict) and value and not set(_KINDS) & set(value):
        key = str(next(iter(value)))  # a block of none of the four kinds: one line, not two
        close = difflib.get_close_matches(key, _KINDS, n=1)
        raise ValueError(f'unknown key "{key}"; ' + (f'did you mean "{close[0]}"?' if close
                         else "a block is a paragraph, heading:, bullets: or table:"))
    # a number too: its line then says it is read as one, with the quotes that keep it text
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return {"text": value} if isinstance(value, str) or number else value


Block = Annotated[Union[Annotated[Bullets, Tag("bullets")], Annotated[Heading, Tag("heading")],
                        Annotated[Table, Tag("table")], Annotated[Paragraph, Tag("text")]],
                  Discriminator(_block_kind), BeforeValidator(_paragraph)]


class Exercise(BaseModel):
    model_config = _STRICT
    # a required key's example is what the error for a missing one suggests
    id: Id = Field(examples=["heel_slide"])
    title: Title = Field(examples=["Heel slide"])
    position: Word = Field(examples=["lying"])
    areas: tuple[Word, ...] = Field(min_length=1, examples=[["knee"]])
    kind: Word = Field(examples=["stretch"])
    image: Optional[RelativePath] = None  # a path relative to the library's folder; none: no picture
    caption: Optional[Step] = None
    purpose: Step = Field(examples=["Helps your knee bend further."])
    steps: tuple[Step, ...] = Field(min_length=1, max_length=30, examples=[["Lie down."]])
    dose: Dose = Dose()
    tips: tuple[Step, ...] = Field((), max_length=30)
    cautions: tuple[Step, ...] = Field((), max_length=30)
    video: Optional[Annotated[str, Field(pattern=r"^https?://\S+$", max_length=500)]] = None

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.areas, self.kind, self.position)))


class Topic(BaseModel):
    """An education topic: a header, a one-line summary, and short blocks of text."""

    model_config = _STRICT
    id: Id = Field(examples=["swelling"])
    title: Title = Field(examples=["Swelling"])
    summary: Optional[Step] = None
    body: tuple[Block, ...] = Field(min_length=1, max_length=200, examples=[["Ice it."]])


class ProgramExercise(BaseModel):
    """One exercise in a program or protocol: an id, and optionally a dose override and a note."""

    model_config = _STRICT
    id: Id = Field(examples=["heel_slide"])
    dose: Optional[Dose] = None
    note: Optional[Note] = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"id": value} if isinstance(value, str) else value


class Protocol(typed.PerLanguage):
    model_config = _STRICT
    PER_LANGUAGE = ("log_rows",)  # each row one text (the library's language) or one a language
    id: Id = Field(examples=["knee_week_1"])
    title: Title = Field(examples=["Knee replacement, week 1"])
    # printed in place of ``title``, the staff's name to pick by (a condition atop a tray)
    handout_title: Optional[Title] = None
    description: Optional[Text] = None
    education_heading: Optional[Title] = None  # default: "Learn about your condition"
    exercises: tuple[ProgramExercise, ...] = Field(min_length=1, max_length=MAX_EXERCISES,
                                                   examples=[["heel_slide"]])
    education: tuple[Id, ...] = ()
    # its handouts' log: rows of its own in place of the clinic's (none: the clinic's; []:
    # none), and the pain row or not (none: the clinic's); a program's own win
    log_rows: Optional[LogRows] = None
    log_pain: Optional[bool] = None


class Library(BaseModel):
    model_config = _STRICT
    # the language the library is written in: its translations translate from it
    language: Language = "en"
    # its own positions, floor to feet, for `order: by_position` (none: POSITIONS)
    positions: tuple[Word, ...] = Field((), max_length=40)
    exercises: tuple[Exercise, ...] = Field(min_length=1, description="a list of exercises, "
                                            "each with its keys (see docs/library.md)")
    education: tuple[Topic, ...] = ()
    protocols: tuple[Protocol, ...] = ()
    # the library's own medical words and their plain explanations, for the plain-language
    # check: {ACL: "a ligament inside the knee"}
    terms: dict[Annotated[str, Field(min_length=1, max_length=60)], Text] = {}

    def exercise(self, exercise_id: str) -> Exercise:
        return self._index()[0][exercise_id]

    def topic(self, topic_id: str) -> Topic:
        return self._index()[1][topic_id]

    def protocol(self, protocol_id: str) -> Protocol:
        return self._index()[2][protocol_id]

    def _index(self):
        # frozen model: build the id maps once, on first use
        try:
            return self.__dict__["_index_cache"]
        except KeyError:
            index = ({e.id: e for e in self.exercises}, {t.id: t for t in self.education},
                     {p.id: p for p in self.protocols})
            object.__setattr__(self, "__dict__", {**self.__dict__, "_index_cache": index})
            return index

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(self._index()[0])

    @property
    def topic_ids(self) -> tuple[str, ...]:
        return tuple(self._index()[1])

    @property
    def protocol_ids(self) -> tuple[str, ...]:
        return tuple(self._index()[2])


class Clinic(typed.PerLanguage):
    model_config = _STRICT
    # each one text, or one per language
    PER_LANGUAGE = ("name", "tagline", "address", "disclaimer", "log_rows")
    # the name and address as clinic.yaml gives them (``name`` and ``address`` are the
    # library language's, ``name_in`` and ``address_in`` a handout's language's)
    names: ClinicName = Field(alias="name", examples=["Riverside Physical Therapy"])
    # a group's clinics that share one name each give theirs ("Kirkwood"): the record tells
    # them apart by it (README: The clinic's record), and a clinic that moves keeps it
    site: Optional[Title] = None
    tagline: ClinicText = None
    phone: Title = Field(examples=["555-0100"])
    addresses: ClinicText = Field(None, alias="address")
    website: Optional[Text] = None
    email: Optional[Text] = None
    logo: Optional[RelativePath] = None
    colors: Colors = Colors()
    page_size: PageSize = "Letter"
    # en-US, en-GB, es-MX ...: the date format, spelling ("programme"), a roster's date order
    locale: Optional[Annotated[str, Field(pattern=LANGUAGE_CODE[:-1] + "(-[A-Z]{2})?$")]] = None
    # the clinic's zone, where "today" and the record's times are worked out (input/clock.py)
    timezone: Optional[TimeZone] = None
    disclaimer: ClinicText = None
    # what a handout prints in where its program does not say (a program's language: wins)
    language: Languages = ("en",)
    smtp: Optional[Smtp] = None
    # false where the exercises' titles name the condition ("Pelvic floor squeeze")
    email_lists_exercises: bool = True
    # printed handouts (out/, --merge) readable by other accounts (a print station's)
    shared_print_folder: bool = False
    # the record's database, and a folder on another disk (a USB drive, a network share) for
    # a second copy of it each day (README: The clinic's record)
    database_url: Optional[Text] = None
    backup_folder: Optional[Text] = None
    log_weeks: Optional[LogWeeks] = None  # each handout's, where its program does not say
    log_pain: bool = True  # false: no pain row in the log (a child cannot rate pain)
    log_rows: LogRows = ()

    @field_validator("phone")
    @classmethod
    def _a_number(cls, value: str) -> str:
        return clinic_parts.checked_phone(value)

    @field_validator("website", "email")
    @classmethod
    def _a_link(cls, value: Optional[str]) -> Optional[str]:
        return clinic_parts.unquoted(value)

    @field_validator("database_url")
    @classmethod
    def _no_database_password(cls, value: Optional[str]) -> Optional[str]:
        # user:password@host, or ?password= (libpq's sslpassword too) after the database
        if value and (re.search(r"://[^/@]*:[^/@]*@", value) or
                      re.search(r"[?&][^=&]*password[^=&]*=", value, re.IGNORECASE)):
            raise ValueError("never put the password in a file; put the whole URL in "
                             "HANDOUTS_DATABASE_URL, or the password in PGPASSWORD or "
                             "~/.pgpass, and leave it out here")
        return value

    @property
    def name(self) -> str:
        """The clinic's name: the one text, or the library's language's (the workspace puts
        it first: workspace.clinic_in_library_language), as the record and check know it."""
        return next(iter(self.names.values()))

    @property
    def address(self) -> str | None:
        return next(iter(self.addresses.values())) if self.addresses else None

    def name_in(self, *languages: str) -> str:
        """The name in the first of ``languages`` clinic.yaml gives one in, else ``name``:
        one text is the clinic's name in every language."""
        return next((self.names[lang] for lang in languages if lang in self.names), self.name)

    def address_in(self, *languages: str) -> str | None:
        """The address in the first of ``languages`` given, else ``address``."""
        found = self.addresses or {}
        return next((found[lang] for lang in languages if lang in found), self.address)

    def per_language(self) -> list[tuple[tuple, dict[str, str]]]:
        """Every value given as one text or one per language, with its path in the file:
        the name, the address and ``own_texts``."""
        found = [((key,), given) for key, given in (("name", self.names),
                                                    ("address", self.addresses)) if given]
        return found + self.own_texts()

    def own_texts(self) -> list[tuple[tuple, dict[str, str]]]:
        """Each of the clinic's own texts that may be given per language, with its path in
        the file (``("log_rows", 0)``): the tagline, the disclaimer, each row of the log;
        a handout in a language one has no text in says so. Not the name and address: a
        name is the clinic's in a language it gives none in."""
        found = [((name,), getattr(self, name)) for name in ("tagline", "disclaimer")]
        found += [(("log_rows", i), row) for i, row in enumerate(self.log_rows)]
        return [(at, texts) for at, texts in found if texts is not None]

    def plain_at(self, at: tuple) -> bool:
        """Whether the text at ``at`` (see ``own_texts``) was given as one text."""
        return self.plain(at[0] if len(at) == 1 else f"{at[0]}[{at[1]}]")

    @property
    def day_first(self) -> bool:
        """Whether a roster's 03/12/2026 is the 3rd of December: the locale's way
        (``languages.day_first``), whatever its wording's ``date_long`` prints."""
        return languages.day_first(self.locale)


class Program(typed.PerLanguage):
    """What a therapist saves and reopens: its keys are a contract (see README)."""

    model_config = _STRICT
    PER_LANGUAGE = ("log_rows",)  # each row one text (printed as typed) or one a language
    patient: Patient = Field(examples=[{"name": "Jane Doe"}])
    therapist: Optional[Title] = None
    date: Optional[Date] = None
    next_visit: Optional[Date] = None  # printed on page 1; the log lasts until it
    # the day week 1 began (a surgery's): weekly stages carry on from the patient's week
    weeks_from: Optional[Date] = None
    log_weeks: Optional[LogWeeks] = None  # the log's weeks, whatever next_visit gives
    log_pain: Optional[bool] = None  # the log's row to rate pain 0-10 (default: the clinic's)
    # the log's own rows, in place of its protocol's or the clinic's ([]: none)
    log_rows: Optional[LogRows] = None
    protocol: Optional[Id] = None
    # the protocol's exercises this patient is not given
    leave_out: tuple[Id, ...] = Field((), max_length=MAX_EXERCISES)
    exercises: tuple[ProgramExercise, ...] = Field((), max_length=MAX_EXERCISES)
    education: tuple[Id, ...] = Field((), max_length=MAX_TOPICS)
    note: Optional[Note] = None
    layout: Layout = "standard"
    order: Order = "as_listed"
    language: Languages = ("en",)  # where the program does not say: the clinic's
    # the patient's side (a broken left wrist, a weak right side): the pictures of its
    # one-sided exercises show that side moving, unless a dose names another (see resolve)
    affected_side: Optional[Literal["left", "right"]] = None
    _cleaned: tuple[str, ...] = PrivateAttr(())  # texts cleaned of line breaks (a warning)
    _clean = model_validator(mode="wrap")(typed.clean_program)
    cleaned = property(lambda self: self._cleaned, doc="the paths of the cleaned texts")
    _unseen: tuple[str, ...] = PrivateAttr(())  # names with what prints as nothing taken out
    unseen = property(lambda self: self._unseen, doc="the paths of those names")

    @field_validator("next_visit")
    @classmethod
    def _after_the_visit(cls, value: Optional[dt.date], info) -> Optional[dt.date]:
        return visits.checked_next_visit(value, info.data.get("date"))

    @field_validator("weeks_from")
    @classmethod
    def _by_the_visit(cls, value: Optional[dt.date], info) -> Optional[dt.date]:
        return visits.checked_weeks_from(value, info.data.get("date"))

    @model_validator(mode="after")
    def _not_empty(self) -> "Program":
        if not self.protocol and not self.exercises:
            raise ValueError('the program has no exercises; add "exercises:" or a "protocol:"')
        return self

    def languages_for(self, clinic: Clinic) -> tuple[str, ...]:
        """What the handout prints in: the program's language where it says, else the
        clinic's (``language:`` in clinic.yaml, English unless it says)."""
        return self.language if "language" in self.model_fields_set else clinic.language

    def to_yaml_data(self, default_language: tuple[str, ...] = ("en",)) -> dict[str, Any]:
        """The program as a file holds it: what it leaves at its default is left out, and
        its language where it is ``default_language`` (the clinic's, which it then takes)."""
        data = self.model_dump(mode="json", exclude_defaults=True, by_alias=True)
        data.pop("language", None)
        if "language" in self.model_fields_set and self.language != default_language:
            data["language"] = list(self.language)
        data["exercises"] = [
            e.id if e.dose is None and e.note is None else
            {"id": e.id, **({"dose": e.dose.to_yaml_data()} if e.dose else {}),
             **({"note": e.note} if e.note else {})}
            for e in self.exercises]
        if not data["exercises"]:
            del data["exercises"]
        if "language" in data and len(data["language"]) == 1:
            data["language"] = data["language"][0]
        if self.log_rows is not None:  # a row given as one text is saved as one
            data["log_rows"] = [row if isinstance(row, str) else dict(row)
                                for row in self.as_written("log_rows")]
        return data
