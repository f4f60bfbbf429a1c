"""A translation's words for the weekly stages of an exercise's progression (its
``progression:``, one entry for each of the library's stages, in their order): what they
translate, and where a translation gives a stage the library does not have, or a word a
stage does not give itself.

Pure: the checks read the translation's plain data, so that they are said with the file's
other problems (found paths, as ``references``); the caller attaches file and line.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from handouts.errors import listed
from handouts.input.dose_models import DOSE_TEXT_FIELDS
from handouts.input.models import Exercise, Library
from handouts.input.translations import Translation

Found = tuple[tuple[str | int, ...], str]
WORDED = (*DOSE_TEXT_FIELDS, "side")  # a stage's fields that take words
# each exercise's stages, by id: the weeks as written, and the words the stage gives itself
Stages = Mapping[str, Sequence[tuple[str, frozenset[str]]]]


def of_library(library: Library) -> Stages:
    return {e.id: [(str(stage.weeks), frozenset(
        name for name in WORDED if name in stage.model_fields_set
        and getattr(stage, name) is not None)) for stage in e.dose.progression]
        for e in library.exercises}


def as_written(data: Any) -> Stages:
    """``of_library`` read from a library's plain data (one with problems of its own)."""
    entries = data.get("exercises") if isinstance(data, dict) else None
    found: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for entry in entries if isinstance(entries, list) else ():
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str)):
            continue
        dose = entry.get("dose")
        listed = dose.get("progression") if isinstance(dose, dict) else None
        found[entry["id"]] = [
            (str(stage.get("weeks", "?")), frozenset(
                name for name in WORDED if stage.get(name) is not None))
            if isinstance(stage, dict) else ("?", frozenset())
            for stage in (listed if isinstance(listed, list) else ())]
    return found


def problems(data: Any, stages: Stages) -> list[Found]:
    """A translation's stages that the library's exercise lacks, and words a stage of the
    library does not give itself (another field's, a number's: those print in the handout's
    language already). Other mistakes (a key no stage has, a stage that is no mapping) are
    the schema's to say."""
    found: list[Found] = []
    entries = data.get("exercises") if isinstance(data, dict) else None
    for key, words in entries.items() if isinstance(entries, dict) else ():
        theirs = words.get("progression") if isinstance(words, dict) else None
        if key not in stages or not isinstance(theirs, list):
            continue  # an unknown id is said once, by translation_problems
        ours = stages[key]
        if not ours and theirs:
            found.append((("exercises", key, "progression"), (
                "the library's exercise has no weekly stages (no progression:), so there is "
                "nothing here to translate; remove it")))
            continue
        for j, stage in enumerate(theirs):
            at = ("exercises", key, "progression", j)
            if j >= len(ours):
                found.append((at, (
                    f"is stage {j + 1}, but the library's exercise has {_count(ours)} "
                    f"(weeks {listed([weeks for weeks, _ in ours])}); give one for each, in "
                    "the same order, and no more")))
                break
            weeks, given = ours[j]
            for name in stage if isinstance(stage, dict) else ():
                if name in WORDED and name not in given:
                    found.append(((*at, name), _not_given(j, weeks, name, given)))
    return found


def _not_given(j: int, weeks: str, name: str, given: frozenset[str]) -> str:
    said = f"stage {j + 1} of the library's exercise (weeks {weeks}) gives no {name} of its own"
    if not given:
        return (f"{said}, nor any words (only numbers, which print in the handout's language "
                "already); leave it {} to keep the other stages in their places")
    own = [name for name in WORDED if name in given]
    return (f"{said}; give only its {listed(own)}, or check that the stages are in the "
            "library's order")


def own(translation: Translation | None, entry: Exercise, name: str,
        value: object) -> str | None:
    """The translation's words for a stage's ``name`` that the library's stage gives itself
    as ``value`` (a program that copies the library's stages keeps their words), else None."""
    words = translation.exercises.get(entry.id) if translation else None
    listed = words.progression if words and words.progression else ()
    for stage, theirs in zip(entry.dose.progression, listed):
        if (name in stage.model_fields_set and getattr(theirs, name) is not None
                and str(getattr(stage, name)) == str(value)):
            return getattr(theirs, name)
    return None


def _count(stages: Sequence) -> str:
    return "1 stage" if len(stages) == 1 else f"{len(stages)} stages"
