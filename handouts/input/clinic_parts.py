"""The clinic file's nested settings: its texts per language, its colours and its mail
server. Frozen, and unknown keys are errors, as in every model of the input."""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any, Literal, Optional

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator,
                      model_validator)

from handouts.input import later_rules
from handouts.input.clock import check_zone
from handouts.input.typed import Text, Title
from handouts.input.yamlerrors import curly_quoted
from handouts.words.languages import CODE as LANGUAGE_CODE

Language = Annotated[str, Field(pattern=LANGUAGE_CODE)]


def _languages(value: Any) -> Any:
    """``es``, ``[es, en]`` or ``es, en`` as a spreadsheet cell or a command-line option gives
    it (a bilingual handout: every text in both, the first leading)."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",")) if "," in value else (value,)
    return value


# the language(s) of a handout: ``es``, or ``es, en`` for both, the first leading
Languages = Annotated[tuple[Language, ...], BeforeValidator(_languages),
                      Field(min_length=1, max_length=2)]

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


def _hex_colour(value: Any) -> str:
    if value is None:  # `primary: #1d4e89` unquoted: YAML reads a comment, and no value
        raise ValueError('no colour: YAML reads # and what follows as a comment; put the '
                         'colour in quotes (e.g. "#0b6e75")')
    if isinstance(value, (str, int)) and re.fullmatch(r"[0-9a-fA-F]{6}", str(value).strip()):
        raise ValueError(f'"{value}" is not a colour; write it with # first, in quotes: '
                         f'"#{str(value).strip()}"')
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
        raise ValueError(f'"{value}" is not a colour; write it as #RRGGBB (e.g. "#0b6e75")')
    return value.strip()


HexColour = Annotated[str, PlainValidator(_hex_colour)]


def _paper(value: Any) -> Any:
    """``a4``, ``LETTER``: a paper's name in any case, as ``new --paper`` takes it."""
    if isinstance(value, str):
        return {"letter": "Letter", "a4": "A4"}.get(value.strip().lower(), value)
    return value


PageSize = Annotated[Literal["Letter", "A4"], BeforeValidator(_paper)]

# the clinic's time zone by its IANA name ("America/Los_Angeles"): see input/clock.py
TimeZone = Annotated[str, PlainValidator(check_zone)]


def _per_language(value: Any) -> Any:
    """One text, or one per language code: ``{en: ..., es: ...}``. One text is kept as
    ``en``'s (and the clinic keeps that it was one: ``Clinic.plain``); the workspace, which
    knows the library's language, files it under that and asks a mapping for a text in it
    (``workspace.clinic_in_library_language``)."""
    return value if value is None or isinstance(value, dict) else {"en": value}


ClinicText = Annotated[Optional[dict[Language, Text]], BeforeValidator(_per_language)]
# the clinic's name: one, or one per language (Clinic.name_in)
ClinicName = Annotated[dict[Language, Title], BeforeValidator(_per_language)]
# a row of the clinic's own in a handout's log, under the exercises ("How hard was your
# walk? (6-20)"): clinic.yaml's in every log, a protocol's or a program's in place of them;
# at most four, as the log's week must keep to a page
LogRow = Annotated[dict[Language, Text], BeforeValidator(_per_language)]
MAX_LOG_ROWS = 4
LogRows = Annotated[tuple[LogRow, ...], Field(max_length=MAX_LOG_ROWS)]


# WCAG's contrast for small text: a colour the handout prints words or thin lines in, or
# the web app puts white text on, reads against white paper at this ratio or better
READABLE = 4.5
# the pale boxes (a card's dose, compact's dose line, every other row of the log and the
# summary) are the primary colour mixed this much with white: their labels are printed in
# the primary colour itself and the dose in the text colour, on a background a little
# darker than the paper
TINT = 0.9


def _rgb(colour: str) -> tuple[float, ...]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def tinted(rgb: tuple[float, ...]) -> tuple[float, ...]:
    """``rgb`` (0-1 each) mixed with white as the pale boxes are (``TINT``)."""
    return tuple(c + (1 - c) * TINT for c in rgb)


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(colour: str) -> float:
    """The contrast ratio of ``colour`` ("#rrggbb") with white, as WCAG defines it."""
    return 1.05 / (_luminance(_rgb(colour)) + 0.05)


def contrast_on_tint(colour: str, of: str | None = None) -> float:
    """The contrast ratio of ``colour`` with the tint (``TINT``) of ``of``, by default its
    own, where the dose box prints *How much* in the primary colour and the dose in the
    text colour: lower than on white, by about a tenth."""
    return ((_luminance(tinted(_rgb(of or colour))) + 0.05)
            / (_luminance(_rgb(colour)) + 0.05))


@functools.lru_cache(maxsize=64)  # asked for each figure on each page of the web app
def readable(colour: str, on_tint: bool = False, tint_of: str | None = None) -> str:
    """``colour`` as it is where it reads at 4.5:1 on white (and, ``on_tint``, on its own
    tint; given ``tint_of``, on that colour's tint); else the same hue darkened step by
    step until it does: a pale brand colour (yellow, sky blue) would leave the clinic's
    name and headings unreadable to a patient who sees poorly."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]

    def poor(colour: str) -> bool:
        under = tint_of or (colour if on_tint else None)
        return contrast(colour) < READABLE or bool(
            under and contrast_on_tint(colour, under) < READABLE)
    while poor(colour):
        rgb = [int(c * 0.9) for c in rgb]
        colour = "#%02x%02x%02x" % tuple(rgb)
    return colour


class Colors(BaseModel):
    model_config = _STRICT
    primary: HexColour = "#0b6e75"
    accent: HexColour = "#b35900"
    text: HexColour = "#1f2328"

    def readable(self) -> "Colors":
        """The colours as handouts, emails and the web app show them: each too pale to
        read on white darkened (``readable``), the primary and the text also where too
        pale to read on the primary's tint; ``check`` warns of each, with its line."""
        primary = readable(self.primary, on_tint=True)
        return Colors(primary=primary, accent=readable(self.accent),
                      text=readable(self.text, tint_of=primary))


class Smtp(BaseModel):
    model_config = _STRICT
    host: Text = Field(examples=["smtp.example.com"])
    port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: Optional[Text] = None
    from_: Text = Field(alias="from", examples=["Riverside Clinic <desk@example.com>"])
    reply_to: Optional[Text] = None
    ca_file: Optional[Text] = None
    timeout: float = Field(20, gt=0)

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, value: Any) -> Any:
        if isinstance(value, dict) and "password" in value:
            raise ValueError("never put the password in a file; set HANDOUTS_SMTP_PASSWORD "
                             "in the environment or type it at the prompt")
        return value


# a letter typed for a digit it looks like, among digits ("555-O173": O for 0, as a tap
# would call 555-6173); a keypad's word is letters alone (1-800-PT-HELPS), an extension "x7"
_LOOK_ALIKE = re.compile(r"(?<![^\W\d_])(?=[\dOoIl]*\d)[\dOoIl]*[OoIl][\dOoIl]*(?![^\W\d_])")
_LABEL = re.compile(r"^\s*(?P<label>(?:[^\W\d_]+\.?\s?){1,3}):")  # "Phone:", "Tel.:", "Call us:"


def checked_phone(value: str) -> str:
    """The number patients call: every page prints it, and makes it a link a phone can tap.
    Written with a label ("Phone: 555-0100"), it printed "Call us at Phone: …"; with an O
    for a 0, it was a link to another number."""
    if not later_rules.applies("clinic_phone"):  # a clinic file the record kept
        return value
    curly = curly_quoted(value)
    if curly:
        raise ValueError(f'"{value}" {curly}')
    if not any(c.isdigit() for c in value):
        raise ValueError(f'"{value}" has no digits; write the number patients call '
                         '(e.g. "555-0100")')
    label = _LABEL.match(value)
    if label:
        raise ValueError(f'"{value}" starts with "{label["label"].strip()}:", which prints '
                         "before it on every page; write the number alone "
                         f'("{value[label.end():].strip()}")')
    typo = _LOOK_ALIKE.search(value)
    if typo:
        fixed = typo[0].translate(str.maketrans("OoIl", "0011"))
        raise ValueError(f'"{value}" has a letter among the digits of "{typo[0]}", which a '
                         f'phone would dial as a keypad\'s letter; write "{fixed}"')
    return value


def unquoted(value: str | None) -> str | None:
    """A website or email address, which a handout makes a link of: none in curly quotes."""
    curly = value and later_rules.applies("clinic_phone") and curly_quoted(value)
    if curly:
        raise ValueError(f'"{value}" {curly}')
    return value
