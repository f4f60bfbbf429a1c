"""A figure file's words that print in another language than the handout's: one text (in
the library's language, whatever the handout's) or a mapping per language without the
handout's (its English then). Found as the figure is drawn, kept with its drawing (see
picture_cache), so a build can say so without reading the figure file again; ``check
--language`` lists each word at its line."""

from __future__ import annotations

from collections.abc import Callable, Iterator

# a word that fell back: (the handout's language it has no version in, the words printed,
# whether the file gives it as one text rather than a mapping per language)
FellBack = tuple[str, str, bool]


def words(figure) -> Iterator[tuple[tuple, tuple[tuple[str, str], ...], bool]]:
    """Each of the figure's words: its path in the file, its versions ((language, words),
    ...) and whether the file gives it as one text (the model files it as English's, and
    its mark keeps that it was one)."""
    for i, frame in enumerate(figure.frames):
        for j, mark in enumerate(frame.marks):
            for key in getattr(mark.spec, "PER_LANGUAGE", ()):  # a hand has no words
                said = getattr(mark.spec, key)
                if said is not None:
                    yield ("frames", i, "marks", j, mark.kind, key), said, mark.spec.plain(key)


def fell_back(figure, languages: tuple[str, ...]) -> tuple[FellBack, ...]:
    """The figure's words with no version of their own in each of ``languages``, as the
    engine prints them there. One text is kept for every language: it is in the library's,
    which the drawing does not know (``notices`` leaves it out where that is the handout's)."""
    from handouts.figures.model import words_in  # the engine's own choice of words

    found: list[FellBack] = []
    for language in languages:
        for _, said, plain in words(figure):
            if plain or language not in dict(said):
                entry = (language, words_in(said, (language,)), plain)
                if entry not in found:
                    found.append(entry)
    return tuple(found)


def notices(name: str, found: tuple[FellBack, ...], languages: tuple[str, ...], source: str,
            language_name: Callable[[str], str]) -> list[str]:
    """One line per handout language that has words of the figure ``name`` in another:
    'images/x.figure.yaml: no Español words in its drawing ("push", "pull"); printed in
    English'. ``source`` is the library's language, that of a word given as one text."""
    lines = []
    for language in languages:
        printed: dict[str, str] = {}  # words → the language they print in
        for lang, said, plain in found:
            if lang == language and not (plain and language == source):
                printed.setdefault(said, source if plain else "en")
        if printed:
            shown = ", ".join(f'"{said}"' for said in printed)
            fallbacks = " and ".join(language_name(lang) for lang in dict.fromkeys(
                printed.values()))
            lines.append(f"{name}: no {language_name(language)} words in its drawing "
                         f"({shown}); printed in {fallbacks}")
    return lines

