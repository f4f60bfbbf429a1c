"""What a library's translation leaves out, and its lists that do not pair one by one with
the library's (an exercise's steps, a topic's blocks), as a bilingual handout prints them.

Returns (path, message) pairs, as ``references`` does; the caller attaches a file and line.
"""

from __future__ import annotations

from typing import Callable, Sequence

from handouts.errors import ItemId
from handouts.words import dose as doses
from handouts.words import text
from handouts.input.translations import Translation
from handouts.input import models, stage_words
from handouts.input.dose_models import DOSE_TEXT_FIELDS
from handouts.input.models import Library
from handouts.input.references import Found


def untranslated(library: Library, translation: Translation | None,
                 source_name: str = "English", language: str = "",
                 wording: text.Wording = text.PACKAGE) -> list[Found]:
    """Every field of the library that has no text in ``translation`` (into ``language``);
    where one prints, the library's own text does, in its language (``source_name``). A
    side the dose template words in ``language`` ("each leg": "Cada pierna") needs none."""
    found: list[Found] = []

    def need(section, i, entry_id, fields, done):
        for name in fields:
            if getattr(done, name, None) is None if done else True:
                found.append(((section, i, name), f"not translated; {source_name} is printed"))

    for i, e in enumerate(library.exercises):
        fields = ["title", *(["caption"] if e.caption else []), "purpose", "steps"] + [
            f for f in ("tips", "cautions") if getattr(e, f)] + [
            f for f in (*DOSE_TEXT_FIELDS, "log") if getattr(e.dose, f)] + (
            ["side"] if e.dose.side and not (e.dose.side.known or language and doses.side_worded(
                e.dose.side, language, wording)) else [])
        need("exercises", i, e.id, fields, translation and translation.exercises.get(e.id))
        # a stage's own words: the translation's progression, by stage (told.as_written)
        for j, stage in enumerate(e.dose.progression):
            for name in sorted(stage.model_fields_set & {*DOSE_TEXT_FIELDS, "side"}):
                value = getattr(stage, name)
                if value is not None and value != getattr(e.dose, name) and any(
                        c.isalpha() for c in str(value)) and not (
                        name == "side" and language and doses.side_worded(value, language,
                                                                           wording)) and (
                        stage_words.own(translation, e, name, value) is None):
                    found.append((("exercises", i, "dose", "progression", j, name),
                                  f"not translated; {source_name} is printed (give it "
                                  f"as the translation's exercises[{e.id}].progression"
                                  f"[{j + 1}].{name})"))
    for i, t in enumerate(library.education):
        fields = ["title", "body"] + (["summary"] if t.summary else [])
        need("education", i, t.id, fields, translation and translation.education.get(t.id))
    for i, p in enumerate(library.protocols):
        fields = ["title"] + [f for f in ("handout_title", "description", "education_heading")
                              if getattr(p, f)]
        need("protocols", i, p.id, fields, translation and translation.protocols.get(p.id))
    return found


# what a list's items are called (one, many) where a translation has another number of them
_ITEMS = {"steps": ("step", "steps"), "tips": ("tip", "tips"),
          "cautions": ("caution", "cautions"), "bullets": ("bullet", "bullets"),
          "body": ("block", "blocks (paragraphs, headings, lists of bullets, tables)")}


def unpaired(library: Library, translation: Translation,
             flow: Callable[[tuple], bool] = lambda path: False) -> list[Found]:
    """Lists of ``translation`` (an exercise's steps, tips and cautions; a topic's blocks
    and bullets) with another number of items than the library's: a bilingual handout pairs
    them one by one, and prints each language's whole, one after the other, where it cannot.
    ``flow``: whether the list at a path is written in brackets, ``[a, b]``, where a comma
    starts another item (``[Hold, then come down slowly.]`` is two steps)."""
    found: list[Found] = []

    def count(path: tuple, theirs: Sequence, ours: Sequence) -> None:
        one, many = _ITEMS[path[-1]]
        said = (f"has {len(theirs)} {one if len(theirs) == 1 else many}, the library's entry "
                f"{len(ours)}: a bilingual handout pairs them one by one; give it {len(ours)}, "
                "one for each")
        if len(theirs) > len(ours) and flow(path):
            said += f" (in [ ], a comma starts another {one}: put one with a comma in quotes)"
        found.append((path, said))

    def compare(at: tuple, theirs: Sequence, ours: Sequence) -> None:
        for part in unpaired_at(theirs, ours):
            if not part:
                count(at, theirs, ours)
            elif part[-1] == "bullets":
                count((*at, *part), theirs[part[0]].bullets, ours[part[0]].bullets)
            elif part[-1] == "table":
                found.append(((*at, *part), (
                    f"has {table_shape(theirs[part[0]])}, the library's table "
                    f"{table_shape(ours[part[0]])}: a bilingual handout pairs them cell by "
                    "cell; give it as many rows, each with as many cells")))
            else:
                i = part[0]
                found.append(((*at, i), (
                    f"is {block_kind(theirs[i])}, the library's block {i + 1} "
                    f"{block_kind(ours[i])}: a bilingual handout pairs them one by one; make it "
                    + block_kind(ours[i]))))

    for e in library.exercises:
        done = translation.exercises.get(e.id)
        for name in ("steps", "tips", "cautions"):
            if done is not None and getattr(done, name) is not None:
                compare(("exercises", ItemId(e.id), name), getattr(done, name), getattr(e, name))
    for t in library.education:
        done = translation.education.get(t.id)
        if done is not None and done.body is not None:  # printed education[when_to_call].body
            compare(("education", ItemId(t.id), "body"), done.body, t.body)
    return found


def unpaired_at(one: Sequence, other: Sequence) -> list[tuple[int | str, ...]]:
    """Where two languages' versions of a list (an exercise's steps, tips or cautions; a
    topic's blocks) do not pair one by one, as a bilingual handout prints them: ``()``, the
    lists themselves, where they have another number of items; else ``(i,)`` for each block
    of another kind and ``(i, "bullets")`` for each list of bullets of another length.
    Nothing where they pair. ``check`` names each; a build prints such a list whole in each
    language, one after the other."""
    if len(one) != len(other):
        return [()]
    found: list[tuple[int | str, ...]] = []
    for i, (a, b) in enumerate(zip(one, other)):
        if type(a) is not type(b):
            found.append((i,))
        elif isinstance(a, models.Bullets) and len(a.bullets) != len(b.bullets):
            found.append((i, "bullets"))
        elif isinstance(a, models.Table) and table_shape(a) != table_shape(b):
            found.append((i, "table"))
    return found


def table_shape(block: models.Table) -> str:
    """A table's rows and columns, in words: "6 rows of 2 cells"."""
    rows, cells = len(block.table.rows), len(block.table.header)
    return f"{rows} row{'' if rows == 1 else 's'} of {cells} cells"


def block_kind(block) -> str:
    """What a block of a topic's body is, in words: "a list of bullets" ..."""
    return {models.Bullets: "a list of bullets", models.Heading: "a heading",
            models.Table: "a table"}.get(
        type(block), "a paragraph")
