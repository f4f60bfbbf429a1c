"""Which side of the body a dose is for: one of the usual ones, which the templates word in
every language, or the clinic's own words, given once or in each language."""

from __future__ import annotations

from dataclasses import dataclass

from handouts.input.quantities import short_text
from handouts.input.typed import printable
from handouts.words.languages import is_code as is_language_code


@dataclass(frozen=True)
class Side:
    """Which side: one of the usual ones (phrased in every language by the templates), or
    the clinic's own words ("operated leg", "each leg", "affected arm"), printed as written;
    or those words given in each language of the handout (``words``: a bilingual handout
    printed a Spanish "brazo derecho" in its English line too), by language code, ``value``
    the first's."""

    value: str
    words: tuple[tuple[str, str], ...] = ()  # (language, its words)

    def __str__(self) -> str:
        return self.value

    def in_language(self, language: str) -> "Side":
        """The side as ``language`` prints it: its own words where the program gives them."""
        return next((Side(said) for lang, said in self.words if lang == language), self)

    def given_in(self, language: str) -> bool:
        return any(lang == language for lang, _ in self.words)

    def to_yaml(self) -> str | dict[str, str]:
        """As a program file writes it: the words, or the words by language."""
        return dict(self.words) if self.words else self.value

    @property
    def known(self) -> bool:
        return self.value in KNOWN_SIDES


KNOWN_SIDES = ("each side", "left", "right", "painful side first", "both sides")
_SIDE_WORDS = {
    "each": "each side", "each side": "each side", "left": "left", "left side": "left",
    "right": "right", "right side": "right", "painful side first": "painful side first",
    "painful first": "painful side first", "both": "both sides", "both sides": "both sides",
    "both sides together": "both sides",
}
SIDE_EXAMPLE = '(e.g. "each side", "left", "operated leg")'


def parse_side(value: object) -> Side:
    if isinstance(value, Side):
        return value
    if isinstance(value, dict) and value:  # {es: brazo derecho, en: right arm}
        words = []
        for lang, said in value.items():
            if not isinstance(lang, str) or not is_language_code(lang):
                raise ValueError(f'"{lang}" is not a language code; give a side in each '
                                 'language as {es: brazo derecho, en: right arm}')
            words.append((lang, parse_side(said).value))
        words.sort()  # as a saved program's keys come back: the same side, the same id
        return Side(words[0][1], tuple(words))
    if not isinstance(value, str) or not short_text(value).strip():
        raise ValueError(f'"{value}" is not a side {SIDE_EXAMPLE}')
    # a control character, from a form typed by hand, is refused as in every other box
    text = printable(" ".join(value.split()))
    if len(text) > 40:
        raise ValueError(f'"{text}" is too long for a side; say it in a few words '
                         f"{SIDE_EXAMPLE}")
    return Side(_SIDE_WORDS.get(text.lower().replace("_", " "), text))
