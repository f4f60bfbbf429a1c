"""The library's text in a handout's language(s): the translation where there is one, the
library's own where there is not, and both languages of a bilingual handout, item by item
where their lists line up and each whole, one after the other, where they do not; the
clinic's emergency number where a text says ``{emergency}``, and its phone where ``{phone}``.

Pure, as resolve is: what it could not do as asked is said in ``notices``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from handouts.input import models, stage_words
from handouts.input.models import Clinic
from handouts.input.translation_gaps import block_kind, table_shape, unpaired_at
from handouts.input.translations import Translation
from handouts.words import dose as doses, text
from handouts.words.languages import with_emergency_number
from handouts.words.text import PACKAGE, Text, Wording


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Bullets:
    bullets: tuple[Text, ...]


@dataclass(frozen=True)
class Heading:
    heading: Text


@dataclass(frozen=True)
class Table:
    """A topic's table: its header row's cells, then each row's (as many as the header)."""
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]


Block = Paragraph | Bullets | Heading | Table


class Words:
    """Library text in the handout's language(s): the translation where there is one, the
    library's own (and a notice) where there is not; both languages joined for a bilingual
    handout. ``source`` is the language the library is written in; ``emergency`` the
    clinic's emergency number, which a text (the library's or a translation's) names as
    ``{emergency}``; ``phone`` the clinic's, named ``{phone}``; ``first_name`` the patient's
    in a handout given to a caregiver, whom a dose's words name (``words.dose.phrase``)."""

    def __init__(self, languages: tuple[str, ...], translations: Mapping[str, Translation],
                 wording: Wording = PACKAGE, source: str = "en", emergency: str = "911",
                 phone: str | None = None, first_name: str | None = None):
        self.languages = languages
        self.first_name = first_name
        # what a text's {emergency} and {phone} print as (see _numbered)
        self.numbers = (emergency, phone)
        self.wording = wording
        self.translations = translations
        self.source = source
        self._untranslated: dict[tuple[str, str, str], list[str]] = {}
        self._clinic_notices: list[str] = []
        self._told: dict[str, None] = {}  # lists that do not line up (see get)

    def own(self, language: str, section: str, entry_id: str, field: str):
        """The translation's text, or None (and no notice: the handout's own words stand in,
        as a dose template's for a side)."""
        translation = self.translations.get(language)
        entry = getattr(translation, section).get(entry_id) if translation else None
        return getattr(entry, field, None) if entry else None

    def stage_own(self, language: str, entry: models.Exercise, name: str, value) -> str | None:
        """The translation's words for a stage's own ``value`` of its field ``name`` (the
        library's stage's), or None: it prints as written (``told.as_written`` says so)."""
        return _numbered(stage_words.own(self.translations.get(language), entry, name, value),
                         self.numbers)

    def numbered(self, value):
        """A text the handout prints as it is (a note, a dose's free text, the clinic's
        tagline and disclaimer), the library's or the clinic's own, with the clinic's
        emergency number where it says ``{emergency}``: the one token works wherever a
        patient reads words a clinic wrote."""
        return _numbered(value, self.numbers)

    def translated(self, language: str, section: str, entry_id: str, field: str, english):
        if language == self.source:  # ``english``: the library's text, in its language
            return _numbered(english, self.numbers)
        value = self.own(language, section, entry_id, field)
        if value is None:
            if english:  # an empty list (no tips) needs no translation
                fields_ = self._untranslated.setdefault((section, entry_id, language), [])
                if field not in fields_:
                    fields_.append(field)
            return _numbered(english, self.numbers)
        return _numbered(value, self.numbers)

    def get(self, section: str, entry_id: str, field: str, english):
        values = [self.translated(lang, section, entry_id, field, english)
                  for lang in self.languages]
        if english is None:
            return None
        if isinstance(english, tuple):  # lists (steps, tips): item by item when they line up
            if len(values) == 1:
                if len(values[0]) != len(english) and self.languages[0] != self.source:
                    # check calls it an error; a handout in the translation alone printed
                    # it without a word, a tip a comma in [ ] cut in two as two tips
                    self._miscounted(f"{section}[{entry_id}].{field}", len(values[0]),
                                     len(english))
                return values[0]
            if not unpaired_at(*values):
                return tuple(text.both(items) for items in zip(*values))
            # else each language's whole, one after the other: a list is never cut short
            # (the cautions least of all), nor its items paired with others they do not mean
            self._unpaired_list(f"{section}[{entry_id}].{field}", values)
            return tuple(_alone(item, i, len(values)) for i, items in enumerate(values)
                         for item in items)
        return text.both(values)

    def body(self, topic: models.Topic) -> tuple[Block, ...]:
        values = [self.translated(lang, "education", topic.id, "body", topic.body)
                  for lang in self.languages]
        if len(values) == 1:
            if self.languages[0] != self.source:
                # as a list of steps: a translation that left out a bullet (a warning of
                # the safety box) is told, though it prints as it is
                self._unpaired(topic, (values[0], topic.body), alone=True)
            return tuple(_both_blocks(b, b) for b in values[0])
        if not self._unpaired(topic, values):
            return tuple(_both_blocks(a, b) for a, b in zip(*values))
        # a block or a bullet more in one language: each whole, as a list of steps is
        return tuple(_block_alone(block, i, len(values)) for i, blocks in enumerate(values)
                     for block in blocks)

    def _unpaired(self, topic: models.Topic, values, alone: bool = False) -> bool:
        """Whether a topic's two bodies (``values``: the handout's languages', or, ``alone``,
        the one language's and the library's) do not pair one by one; told where not."""
        unpaired = unpaired_at(*values)
        if not unpaired:
            return False
        where, told = f"education[{topic.id}].body", values
        if unpaired[0]:  # as many blocks: the first that does not pair
            i = unpaired[0][0]
            a, b = values[0][i], values[1][i]
            where = f"{where}[{i + 1}]"
            if unpaired[0][-1] == "bullets":
                where, told = f"{where}.bullets", (a.bullets, b.bullets)
            elif unpaired[0][-1] == "table":
                where, told = f"{where}.table", (table_shape(a), table_shape(b))
            else:
                told = (block_kind(a), block_kind(b))
        self._unpaired_list(where, told, "table" if where.endswith(".table") else "list",
                            alone)
        return True

    def _unpaired_list(self, where: str, values, what: str = "list",
                       alone: bool = False) -> None:
        """``values``: each language's list, or what each language's block is (a table's
        rows and cells: ``what``); ``alone``: the handout's one language's and the
        library's."""
        languages = (self.languages[0], self.source) if alone else self.languages
        names = [self._name(lang) for lang in languages]
        if alone:
            names[1] = f"the library's {names[1]}"
        said = ", ".join(f"{v if isinstance(v, str) else len(v)} in {name}"
                         for v, name in zip(values, names))
        self._told[f"{where}: {said}; the {self._name(languages[0])} {what} prints as it "
                   "is (check names the line to mend)" if alone else
                   f"{where}: {said}, so they do not pair one by one; each language's "
                   f"{what} prints whole, one after the other (check names the line to "
                   "mend)"] = None

    def _miscounted(self, where: str, own: int, library: int) -> None:
        self._told[f"{where}: {own} in {self._name(self.languages[0])}, {library} in the "
                   f"library's {self._name(self.source)}; a comma in [ ] may have cut one in "
                   "two (check names the line to mend)"] = None

    def clinic(self, clinic: Clinic, field: str) -> str | None:
        """The clinic's own wording (tagline, disclaimer) from clinic.yaml, per language,
        its ``{emergency}`` the clinic's number as in a library text."""
        return self.clinic_text(getattr(clinic, field), field)

    def clinic_text(self, by_language: Mapping[str, str] | None, field: str,
                    ranges: bool = False, place: str | None = None) -> str | None:
        """A text of clinic.yaml's given per language (``field`` names it in a notice, or
        ``place`` where it is another file's: a protocol's log row); with ``ranges``, a
        range of numbers typed with a hyphen ("(6-20)") printed with its language's range
        mark, as a dose's typed range is (a log's row, printed beside the doses' "1–2
        sets")."""
        if not by_language:
            return None
        # the workspace makes sure there is a text in the library's language
        fallback = self.source if self.source in by_language else next(iter(by_language))
        values = []
        for lang in self.languages:
            if lang not in by_language:
                # a code with no words (``sp:`` typed for es) is why, more often than not
                # (clinic.yaml's stop the build; check names a protocol's and a program's
                # at their lines)
                known = text.languages(self.wording)
                unknown = [code for code in by_language if code not in known]
                why = (f"; {text.no_wording(unknown[0], known)}; check names its line"
                       if unknown else "")
                # another file's row is said at its place ("log_rows[1]: ..."), as check
                # says it, so that a program file's is said at its line (programs.in_file)
                where = f"{place}: no" if place else f"clinic.yaml {field} has no"
                self._clinic_notices.append(f"{where} {text.language_name(lang, self.wording)} "
                                            f"text; printed in {self._name(fallback)}{why}")
            written = lang if lang in by_language else fallback
            said = by_language[written]
            if ranges:  # before the phone goes in: a number is no range
                said = doses.ranges_marked(said, text.range_mark(written, self.wording))
            values.append(self.numbered(said))
        return text.both(values)

    def _name(self, language: str) -> str:
        return text.language_name(language, self.wording)

    @property
    def notices(self) -> list[str]:
        """One line per entry that prints (partly) in English, naming the missing fields."""
        lines = [f"{section}[{entry_id}]: no {self._name(language)} "
                 f"{', '.join(fields_)}; printed in {self._name(self.source)}"
                 for (section, entry_id, language), fields_ in self._untranslated.items()]
        return lines + list(self._told) + self._clinic_notices

    def say(self, key: str, **context) -> str:
        return text.both([text.phrase(lang, key, self.wording, **context)
                          for lang in self.languages])

    def lines(self, fn, *args) -> tuple[str, ...]:
        per_language = [fn(*args, lang) for lang in self.languages]
        if len(per_language) == 1 or len(per_language[1]) != len(per_language[0]):
            return tuple(per_language[0])
        return tuple(text.both(parts) for parts in zip(*per_language))


def _numbered(value, numbers: tuple[str, str | None]):
    """A library text (a string, a list of them, a topic's blocks) with the emergency
    number where it says ``{emergency}`` and the clinic's phone where ``{phone}``
    (``numbers``: the two): here, before the handout is made, so that the handout (and its
    id, its preview's checks) holds what prints."""
    if isinstance(value, str):
        return with_emergency_number(value, *numbers)
    if isinstance(value, tuple):
        return tuple(_numbered(v, numbers) for v in value)
    if isinstance(value, models.Rows):
        return models.Rows.model_construct(header=_numbered(value.header, numbers),
                                           rows=_numbered(value.rows, numbers))
    if isinstance(value, (models.Bullets, models.Heading, models.Paragraph, models.Table)):
        name = next(iter(type(value).model_fields))
        said = getattr(value, name)
        found = _numbered(said, numbers)
        return value if found == said else value.model_copy(update={name: found})
    return value


def _alone(value: str, index: int, count: int) -> Text:
    """A text in the ``index``-th of ``count`` languages alone: the others' parts empty."""
    return text.Texts(tuple(value if i == index else "" for i in range(count)))


def _block_alone(block, index: int, count: int) -> Block:
    if isinstance(block, models.Table):
        return Table(tuple(_alone(c, index, count) for c in block.table.header),
                     tuple(tuple(_alone(c, index, count) for c in row)
                           for row in block.table.rows))
    if isinstance(block, models.Bullets):
        return Bullets(tuple(_alone(b, index, count) for b in block.bullets))
    if isinstance(block, models.Heading):
        return Heading(_alone(block.heading, index, count))
    return Paragraph(_alone(block.text, index, count))


def _both_blocks(a, b) -> Block:
    """One block of a topic in both languages (they pair: see ``unpaired_at``)."""
    if isinstance(a, models.Table):  # as many rows and columns: cell by cell
        return Table(tuple(text.both(p) for p in zip(a.table.header, b.table.header)),
                     tuple(tuple(text.both(p) for p in zip(*rows))
                           for rows in zip(a.table.rows, b.table.rows)))
    if isinstance(a, models.Bullets):
        return Bullets(tuple(text.both(p) for p in zip(a.bullets, b.bullets)))
    if isinstance(a, models.Heading):
        return Heading(text.both([a.heading, b.heading]))
    return Paragraph(text.both([a.text, b.text]))
