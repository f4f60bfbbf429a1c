"""The examples a check message gives, in the language of the file it is about: a Spanish
library told "add it, e.g. steps: [Lie down.]" or a frequency "(e.g. "2 times a day")"
copied English patient words into a Spanish handout. The keys stay English (they are, by
design); the words a patient reads are the file's language's, where this table has them,
else English's. Each Spanish frequency is one the parser reads (es: read_how_often)."""

from __future__ import annotations

from typing import Any

from handouts.input.frequency import FREQUENCY_EXAMPLE

# each English example → its words in a language ("usted", as the package's Spanish)
_WORDS: dict[str, dict[str, str]] = {
    "es": {
        "Heel slide": "Deslizar el talón", "lying": "acostado", "knee": "rodilla",
        "stretch": "estiramiento", "Helps your knee bend further.":
            "Le ayuda a doblar más la rodilla.", "Lie down.": "Acuéstese.",
        "Swelling": "Hinchazón", "Ice it.": "Póngase hielo.",
        "Knee replacement, week 1": "Prótesis de rodilla, semana 1",
        # the position, kind and areas a pattern refuses is told
        "side-lying, standing": "de lado, de pie", "balance, strength": "equilibrio, fuerza",
        "knee, hip": "rodilla, cadera",
        FREQUENCY_EXAMPLE: ('(e.g. "2 veces al día, 5 días a la semana", "una o dos veces al '
                            'día", "cada 2 horas", "un día sí y otro no", "cada mañana", '
                            '"cada tarde", "antes de dormir", "después del ejercicio", '
                            '"cuando lo necesite", "según tolere")'),
    },
}


def language_of(data: Any) -> str:
    """The language a file's words are written in: its own ``language`` (the first of two),
    English where it names none."""
    said = data.get("language") if isinstance(data, dict) else None
    if isinstance(said, (list, tuple)) and said:
        said = said[0]
    if isinstance(said, str):
        said = said.split(",")[0]  # "es, en": a bilingual program's
    return str(said or "en").strip().partition("-")[0].lower()


def in_language(example: Any, language: str) -> Any:
    """``example`` (a word, a list of them) in ``language``'s words where they are here."""
    if isinstance(example, (list, tuple)):
        return [in_language(e, language) for e in example]
    words = _WORDS.get(language, {})
    return words.get(example, example) if isinstance(example, str) else example


def said_in(message: str, language: str) -> str:
    """A message whose examples are English's, "(e.g. knee, hip)", with the language's."""
    for english, own in _WORDS.get(language, {}).items():
        wrapped = english if english == FREQUENCY_EXAMPLE else f"(e.g. {english})"
        message = message.replace(wrapped, own if english == FREQUENCY_EXAMPLE
                                  else f"(e.g. {own})")
    return message
