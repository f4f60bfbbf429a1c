"""A validation error as one line a clinic can act on: what is wrong with the value and
what would be right (the key meant, the form a value takes, an example), rather than
pydantic's own words."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from handouts.input import references
from handouts.input.key_examples import in_language, language_of, said_in
from handouts.input.dose_models import DOSE_FIELDS
from handouts.input.models import LANGUAGE_CODE, Library, Word
from handouts.input.month_days import not_real
from handouts.input.translations import Translation
from handouts.input.parsed import Parsed, Written


def message(error: dict[str, Any], model: type[BaseModel], parsed: Parsed,
            at: tuple[str | int, ...] = ()) -> str:
    """The line for ``error``, its examples in the words of the file's language. ``at``: the
    path in the file of the part ``model`` validated (``error``'s path is from there)."""
    language = language_of(parsed.data)
    said = said_in(_message(error, model, parsed, at), language)
    return said + _unread_in(language, said, error["loc"])


def _unread_in(language: str, said: str, loc: tuple) -> str:
    """How a dose in the file's language is read, for a dose it could not read where that
    language's wording gives no words to read doses in (a Portuguese library's "5 vezes",
    told only that it is no number): the English way, or the wording's read_units."""
    if language == "en" or "dose" not in loc or not re.match(r'"[^"]*" is not a ', said):
        return ""
    from handouts.input import reading

    if any(lang == language and value for key in reading.KEYS
           for lang, value in reading.given(key)):
        return ""  # it has them: the message says what it could not read
    return (f"; a dose in {language} is read where strings.{language}.yaml gives the words "
            "for it (read_units, read_how_often: docs/library.md), else write it the "
            "English way")


def _message(error: dict[str, Any], model: type[BaseModel], parsed: Parsed,
             at: tuple[str | int, ...]) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "extra_forbidden":
        key = loc[-1]
        allowed = _allowed_keys(model, loc[:-1], parsed)
        if "dose" in allowed and key in DOSE_FIELDS:
            return _in_the_dose(str(key), error["input"], model)
        hidden = _hidden_in(str(key))
        if hidden:
            return (f'unknown key "{key}": it has {hidden} in it, which the screen does not '
                    "show; delete the key and type it again")
        hint = references.did_you_mean(str(key), allowed)
        if not hint and _SAME_AS.get(str(key).lower()) in allowed:
            hint = f'; write it as "{_SAME_AS[str(key).lower()]}"'
        if not hint and (*at, *loc) in parsed.bare_keys:
            return _after_a_comma((*at, *loc), parsed)
        return (f'unknown key "{key}"' + (hint or
                ("; expected one of: " + ", ".join(allowed) if allowed else "")))
    if loc and (*at, *loc) in parsed.bare_keys:
        # a text per language with a comma in it ({de: Sprunggelenk, Knie, en: …}): "Knie"
        # was told it is no language code, and has no text
        return _after_a_comma((*at, *loc), parsed)
    if kind == "missing":
        return f'"{loc[-1]}" is required but missing' + _example(model, loc,
                                                                  language_of(parsed.data))
    if kind in ("value_error", "assertion_error"):
        return _as_typed(str(error["ctx"]["error"]), error.get("input"),
                         parsed.number_at((*at, *loc)))
    if kind == "literal_error":
        return f'"{error["input"]}" is not allowed; ' + _in_case(
            error["input"], re.findall(r"'([^']*)'", error["ctx"]["expected"]),
            f'use one of {error["ctx"]["expected"]}')
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id", "protocol") or \
            kind == "string_pattern_mismatch" and len(loc) >= 2 and loc[-2] == "education":
        return (f'"{error["input"]}" is not a valid id: use lower-case letters, digits '
                "and underscores (e.g. child_pose)")
    if kind == "string_pattern_mismatch" and "language" in loc:
        return _language_message(error["input"], model in (Library, Translation))
    if kind == "string_pattern_mismatch" and error["ctx"].get("pattern") == LANGUAGE_CODE:
        # a key of a text per language (name: {fr: ..., en: ...}): one language each
        return _language_message(error["input"], True)
    if kind == "string_pattern_mismatch":
        return _pattern_message(loc, error["input"])
    if kind == "too_long" and loc and loc[-1] == "language":
        return "a handout has one or two languages (e.g. es, or es, en for a bilingual one)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return (f"is {len(error['input'])} characters long; shorten it to "
                f"{error['ctx']['max_length']} or fewer")
    if kind == "too_long":
        return (f"has {error['ctx']['actual_length']} items; at most "
                f"{error['ctx']['max_length']}")
    if kind in ("too_short",) and isinstance(error.get("input"), (list, tuple, dict)):
        if not error["input"]:
            return "must not be an empty list"
        return (f"needs at least {error['ctx']['min_length']} items "
                f"(has {len(error['input'])})")
    if kind in ("tuple_type", "list_type"):  # language: no (Norwegian), read as false
        return _not_text(error["input"]) if isinstance(error["input"], bool) else \
            f"expected a list, got {type_name(error['input'])}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected keys and values (a mapping), got {type_name(error['input'])}"
    if kind == "string_type" and isinstance(error["input"], (int, float)) \
            and not isinstance(error["input"], bool):
        return _a_number(error["input"], parsed.number_at((*at, *loc)))
    if kind == "string_type":
        return _not_text(error["input"]) or f"expected text, got {type_name(error['input'])}"
    if kind in ("bool_parsing", "bool_type"):  # log_pain: maybe
        return f'"{error["input"]}" is not true or false; write {loc[-1]}: false or {loc[-1]}: true'
    if kind.startswith("date"):
        return not_real(error["input"], error["input"]) or (
            f'"{error["input"]}" is not a date; write it as YYYY-MM-DD (e.g. 2026-11-23)')
    return error["msg"]


def _not_text(value: Any) -> str | None:
    """What a text YAML read as something else was, and the quotes that keep it text: a
    step with ": " in it ("Note: keep your knees soft.") is a key and its value; a "No" or
    "Yes" alone is false or true."""
    if isinstance(value, dict) and len(value) == 1:
        [(key, said)] = value.items()
        if isinstance(key, str) and isinstance(said, (str, int, float)) \
                and not isinstance(said, bool):
            whole = f"{key}: {said}"
            quoted = f"'{whole}'" if '"' in whole else f'"{whole}"'
            return (f'"{whole}" is read as a key and its value, for the ": " in it; put the '
                    f"whole text in quotes: {quoted}")
    if isinstance(value, bool):
        words = "Yes, On or True" if value else "No, Off or False"
        return (f"is read as {str(value).lower()}, not as text (YAML reads a bare {words} "
                f'so); put the text in quotes (e.g. "{words.split(",")[0]}")')
    return None


def _a_number(value: int | float, written: Written | None) -> str:
    """A number where a text is wanted, with the quotes that keep it as typed: YAML 1.1
    reads 6:30 as 390, 010 as 8 and 0x1A as 26, so those are said as read, and quoted as
    typed (which only the loader still knows)."""
    typed = written.text if written else str(value)
    if typed != str(value):
        return (f"{typed} is read as the number {value}, not as text; put it in quotes: "
                f'"{typed}"')
    # a phone number such as 3592290 reads as a number (and 0 at the start is lost)
    return f'expected text, got the number {value}; write it in quotes: "{value}"'


def _as_typed(said: str, value: Any, written: Written | None) -> str:
    """A validator's line about a value YAML read as a number, quoting it as typed: the
    validator saw the number (``primary: 010101`` is octal, 4161), the clinic typed 010101."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and written \
            and written.text != str(value):
        return said.replace(f'"{value}"', f'"{written.text}"')
    return said


def _after_a_comma(path: tuple, parsed: Parsed) -> str:
    """A key with no ":" in {…}: the text after a comma in the value before it, which
    YAML ended at the comma. The whole value, quoted, is what was meant."""
    key = str(path[-1])
    node: Any = parsed.data
    for part in path[:-1]:
        node = node[part] if isinstance(node, (dict, list)) else None
    keys = list(node) if isinstance(node, dict) else []
    before = keys[keys.index(path[-1]) - 1] if path[-1] in keys[1:] else None
    if before is None or not isinstance(node[before], str):
        return (f'"{key}" has no ":" after it, so YAML reads it as a key; in {{…}} a comma '
                "ends a value: put a text with a comma in quotes")
    whole = f"{node[before]}, {key}"
    # in single quotes where the text has a double quote of its own ('say "stop", then rest'):
    # the line given must read back as the whole text
    quoted = f'"{whole}"' if '"' not in whole else "'" + whole.replace("'", "''") + "'"
    return (f'"{key}" is read as a key: in {{…}} a comma ends a value, so {before} is '
            f'"{node[before]}"; put the whole text in quotes: {before}: {quoted}')


def _in_the_dose(key: str, value: Any, model: type[BaseModel]) -> str:
    """A dose's key written beside an exercise's id (``side: left``), which was told "did
    you mean id": where it goes, and for a side, the program's own key for the patient's
    side (README: affected_side)."""
    said = f'"{key}" goes in the exercise\'s dose: dose: {{{key}: {_flow(value)}}}'
    if key == "side" and value in ("left", "right") and "affected_side" in model.model_fields:
        said += (f"; or, for the side every exercise shows, at the top of the program: "
                 f"affected_side: {value}")
    return said


def _language_message(value: Any, one: bool = False) -> str:
    """What a language that is no code should be (``one``: a file's own, never two); a code
    with its country (pt-BR) is told where the country goes."""
    found = re.fullmatch(r"([A-Za-z]{2,3})[-_]([A-Za-z]{2})", str(value))
    if found:
        language, country = found[1].lower(), found[2].upper()
        return (f'"{value}" is a language and a country: write the language alone here '
                f'({language}); the country goes in clinic.yaml, as locale: '
                f"{language}-{country} (the dates and spelling of the handouts)")
    if re.fullmatch(r"[A-Z]{2,3}", str(value)):
        return f'"{value}" is not a language code: write it in lower case ({str(value).lower()})'
    return (f'"{value}" is not a language code: use its ISO 639 code, two lower-case letters '
            '(es) or three where it has no two (hmn)' + ("" if one else ", or two codes for a "
                                                         'bilingual handout, e.g. "es, en"'))


# a dose key a clinic writes in its own words → the dose's key for it
_SAME_AS = {"weight": "load", "band": "resistance", "repetitions": "reps",
            "time": "duration", "how_often": "frequency", "speed": "tempo",
            # a pelvic-floor squeeze's "relax 10 s" between holds (reps and no sets)
            "relax": "rest", "pause": "rest",
            # a clinic file's
            "paper": "page_size", "paper_size": "page_size", "size": "page_size"}

_PATTERNS = {
    "position": "a lowercase word or words (e.g. side-lying, standing)",
    "positions": "a lowercase word or words, as an exercise's position (e.g. lying)",
    "kind": "a lowercase word or words (e.g. balance, strength)",
    "areas": "lowercase words (e.g. knee, hip)",
    "video": 'a web address starting with https:// (e.g. "https://example.com/video")',
    "locale": "a language and country code (e.g. en-US, en-GB, en-IE, es-MX)",
}


def _pattern_message(loc: tuple, value: Any) -> str:
    """What a value that does not match its pattern should look like, in the user's words."""
    named = next((part for part in reversed(loc) if isinstance(part, str)), "")
    wanted = _PATTERNS.get(named, "lower-case letters, digits and underscores "
                                  "(e.g. child_pose)")
    if named in _PATTERNS:
        return f'"{value}" is not {wanted}' + _lower_case(named, value)
    return f'"{value}" is not a valid id: use {wanted}'


def _lower_case(named: str, value: Any) -> str:
    """A word with capitals ("Standing") that is right in lower case: the word to write."""
    if named not in ("position", "positions", "kind", "areas") or not isinstance(value, str) \
            or value.lower() == value:
        return ""
    try:
        TypeAdapter(Word).validate_python(value.lower())
    except ValidationError:
        return ""
    return f'; write it as "{value.lower()}"'


def _in_case(value: Any, allowed: list[str], otherwise: str) -> str:
    """A value that is one of ``allowed`` in other capitals ("Standard"): the one to write."""
    same = [a for a in allowed if isinstance(value, str) and a.lower() == value.lower()]
    return f'write it as "{same[0]}"' if same else otherwise


def type_name(value: Any) -> str:
    """A YAML value as a message names it: \"walking\", the number 3, nothing."""
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: f'"{value}"', bool: str(value).lower(),
            int: f"the number {value}", float: f"the number {value}"}.get(type(value), "a value")


def _allowed_keys(model: type[BaseModel], loc: tuple, parsed: Parsed) -> list[str]:
    """The keys that the model at ``loc`` accepts, to suggest the right spelling."""
    current = _model_at(model, loc)
    return [f.alias or name for name, f in current.model_fields.items()] if current else []


def _example(model: type[BaseModel], loc: tuple, language: str) -> str:
    """How a missing key could read, from its field's example ('; add it, e.g. kind: stretch')
    or, where one line cannot show it, its description; its words in ``language``'s."""
    owner = _model_at(model, loc[:-1])
    field = next((f for name, f in owner.model_fields.items() if (f.alias or name) == loc[-1]),
                 None) if owner else None
    if field and field.examples:
        return f"; add it, e.g. {loc[-1]}: {_flow(in_language(field.examples[0], language))}"
    return f"; add it: {field.description}" if field and field.description else ""


def _flow(value: Any) -> str:
    """A value as YAML writes it on one line: [knee], {name: Jane Doe}."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return str(value)


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model that validates the mapping at ``loc`` (list indexes and the keys of a
    mapping of entries, such as a translation's exercise ids, skipped), or None."""
    current: Any = model
    keyed = False
    for i, part in enumerate(loc):
        if keyed or isinstance(part, int) or not (isinstance(current, type) and
                                                  issubclass(current, BaseModel)):
            keyed = False
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        # of a union's models (a topic's blocks), the one with a key named further on
        later = {p for p in loc[i + 1:] if isinstance(p, str)}
        current = next((m for m in _inner_models(field.annotation)
                        if later & set(m.model_fields)), _inner_model(field.annotation))
        keyed = _keyed(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _keyed(annotation: Any) -> bool:
    """Whether a field holds a mapping (of ids to entries), perhaps optional."""
    import typing
    origin = typing.get_origin(annotation)
    if origin is dict:
        return True
    return origin is typing.Union and any(_keyed(arg) for arg in typing.get_args(annotation))


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    import typing
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _inner_models(arg)]


def _inner_model(annotation: Any) -> Any:
    import typing
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


# characters a screen shows as nothing, or as a space, pasted with a key from a word
# processor or a web page: "ti\u200btle" looks like the "title" it is not
_HIDDEN = {"\u200b": "a zero-width space", "\u200c": "a zero-width non-joiner",
           "\u200d": "a zero-width joiner", "\u2060": "a word joiner",
           "\ufeff": "a zero-width no-break space", "\u00ad": "a soft hyphen",
           "\u00a0": "a non-breaking space"}


def _hidden_in(key: str) -> str:
    """What hidden character ``key`` has (its name and code), or ""."""
    found = next((c for c in key if c in _HIDDEN), None)
    return f"{_HIDDEN[found]} (U+{ord(found):04X})" if found else ""

