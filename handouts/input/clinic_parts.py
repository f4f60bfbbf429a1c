"""The clinic file's nested settings: its texts per language, its colours and its mail
server. Frozen, and unknown keys are errors, as in every model of the input."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Optional

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator,
                      model_validator)

from handouts.input.typed import Text
from handouts.words.languages import CODE as LANGUAGE_CODE

Language = Annotated[str, Field(pattern=LANGUAGE_CODE)]

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


def _per_language(value: Any) -> Any:
    """One text, or one per language code: ``{en: ..., es: ...}``. One text is kept as
    ``en``'s; the workspace, which knows the library's language, files it under that and
    asks a mapping for a text in it (``workspace.clinic_in_library_language``)."""
    return value if value is None or isinstance(value, dict) else {"en": value}


ClinicText = Annotated[Optional[dict[Language, Text]], BeforeValidator(_per_language)]


class Colors(BaseModel):
    model_config = _STRICT
    primary: HexColour = "#0b6e75"
    accent: HexColour = "#b35900"
    text: HexColour = "#1f2328"


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
