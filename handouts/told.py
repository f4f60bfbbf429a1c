"""What building a handout says that is no part of the handout, and so not of its id: an
exercise a program (or its protocol) lists twice, a dose key of a program's that every weekly
stage replaces, and dose words that print as they are written in a handout of another
language. The handout prints as it did before these were
said; a warning in its ``notices`` would have given it another id, and a handout the record
kept could not be found by the id on its pages when made again (``reprint``).

Pure, as resolve is; ``check`` says the first of a file at its lines (``twice_checks``).
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from handouts.errors import listed, times
from handouts.input.dose_models import DOSE_TEXT_FIELDS, Dose
from handouts.input.models import Exercise, ProgramExercise
from handouts.words import dose as doses
from handouts.words import joins, text
from handouts.words.text import Wording

_FREE = (*DOSE_TEXT_FIELDS, "side")  # the dose fields that take the clinic's own words
# a translation's words for a library stage's value: (language, exercise, field, value)
StageOwn = Callable[[str, Exercise, str, object], "str | None"]


def places(ids: Sequence) -> list[tuple[str, list[int]]]:
    """Each id listed more than once, with its positions (from 0), in the order listed."""
    where: dict[str, list[int]] = {}
    for i, ident in enumerate(ids):
        if isinstance(ident, str):
            where.setdefault(ident, []).append(i)
    return [(ident, at) for ident, at in where.items() if len(at) > 1]


def printed(exercises: Sequence, language: str) -> Callable[[str], str]:
    """Each of a handout's exercises' dose as it prints in its first language, ``language``,
    by id ("Hold 45 seconds · Repeat 5 times", "45秒そのまま保ちます。5回くり返します")."""
    doses_ = {e.id: joins.join(language, (text.part(p, 0) for p in (*e.dose_parts, e.often)))
              for e in exercises}
    return lambda ident: doses_.get(ident, "")


def _typed(item: ProgramExercise) -> str:
    """An entry's dose as it was written: ``hold: 45 s, reps: 5``."""
    data = item.dose.to_yaml_data() if item.dose is not None else {}
    said = [f"{key}: {len(value)} weeks' stages" if key == "progression" else
            f"{key}: {' | '.join(map(str, value)) if isinstance(value, list) else value}"
            for key, value in data.items()]
    return ", ".join(said) or "the library's dose"


def program_twice(items: Sequence[ProgramExercise], printed: Callable[[str], str],
                  ) -> list[tuple[int, str]]:
    """A program's exercises listed more than once: (the position of the second, what to
    say). The handout prints each once, in the first one's place, each later dose laid over
    the one before (``resolve.merged_items``), which no one reading the file would guess;
    ``printed(id)``: the dose as it prints."""
    found = []
    for ident, at in places([item.id for item in items]):
        entries = "; ".join(f"exercises[{i + 1}]: {_typed(items[i])}" for i in at)
        notes = {items[i].note for i in at if items[i].note}
        how = times(len(at))
        found.append((at[1], f'"{ident}" is listed {how} ({entries}); the handout prints it '
                      f'once, in the first one\'s place, as "{printed(ident)}" (each later '
                      f"dose over the one before{', and the last note' if len(notes) > 1 else ''}"
                      "); list it once, with the dose you mean"))
    return found


def protocol_twice(ids: Sequence) -> list[tuple[int, str]]:
    """A protocol's exercises (their ids) listed more than once: every handout of it prints
    each of them as often as listed, each with its own dose."""
    found = []
    for ident, at in places(ids):
        how = times(len(at))
        found.append((at[1], f'"{ident}" is listed {how} (exercises'
                      f"{listed(f'[{i + 1}]' for i in at)}); every handout of this protocol "
                      f"prints it {how}, one card each, with its own dose; list it once"))
    return found


def of_handout(program_items: Sequence[ProgramExercise], protocol: tuple[str, Sequence] | None,
               printed: Callable[[str], str]) -> list[str]:
    """What a build says of the exercises listed twice: the program's, and its protocol's
    (``protocol``: its id and exercises)."""
    said = [f"exercises[{i + 1}]: {line}" for i, line in program_twice(program_items, printed)]
    if protocol is not None:
        said += [f"protocols[{protocol[0]}].exercises[{i + 1}]: {line}"
                 for i, line in protocol_twice([item.id for item in protocol[1]])]
    return said


def under_stages(given: Dose | None, entry: Exercise, dose: Dose) -> list[tuple[str, str]]:
    """Each key a program's (or protocol's) dose ``given`` for ``entry`` sets that prints in
    no week, as (key, what to say): every stage of ``dose``'s progression (the dose as the
    handout prints it) gives its own, which replaces the dose's in its weeks. The therapist
    typed it for this patient (a longer hold, another band), and the handout would print the
    stages' as if nothing had been typed. One the library's dose has already is no change."""
    if given is None or not dose.progression:
        return []
    typed = given.to_yaml_data()
    found = []
    for name in sorted(given.model_fields_set - {"progression"}):
        value = getattr(given, name)
        if value is None or value == getattr(entry.dose, name):
            continue  # removed, or the library's own: the stages replace it as they always did
        # a stage's hold drops the alternatives it was not written with (dose_models._over)
        if all(name in s.model_fields_set or (name == "alternatives" and "hold" in
                                              s.model_fields_set) for s in dose.progression):
            shown = typed.get(name)
            shown = " | ".join(map(str, shown)) if isinstance(shown, list) else shown
            weeks = listed([str(s.weeks) for s in dose.progression])
            own = "hold" if name == "alternatives" else name
            found.append((name, f'"{shown}" prints in no week: each weekly stage (weeks {weeks}) '
                          f"gives its own {own}, which replaces it in its weeks; give this "
                          f"patient's {own} in the stages (progression:), or write "
                          "progression: [] for none"))
    return found


def as_written(dose: Dose, entry: Exercise, languages: Iterable[str], source: str,
               wording: Wording, stage_own: StageOwn = lambda *_: None) -> list[str]:
    """The dose's own words that print as they are written in a handout in another language
    than the library's (``source``): words the program gave (typed for this patient), and a
    library's progression stage's own that the translation does not give (``stage_own``:
    its words for a stage's value, ``library_text.Words.stage_own``). The library's words
    for the whole dose are translated, or said to be missing, with the handout
    (``library_text.Words``). Words typed once print in every language of the handout, so
    a bilingual one is told each; a side given in the handout's languages is not told."""
    languages = list(languages)
    other = [lang for lang in languages if lang != source]
    if not other:
        return []
    library_stages = {(name, str(getattr(s, name))) for s in entry.dose.progression
                      for name in _FREE if getattr(s, name) is not None}
    typed: dict[str, None] = {}
    sides: dict[str, None] = {}  # typed once: a side can be given in each language
    missing_sides: dict[str, list[str]] = {}  # given by language, but not in all of them
    stages: dict[str, None] = {}
    stage_languages: dict[str, None] = {}  # those a stage's words are missing in
    for at, fields, given in [(None, dose, set(_FREE)), *((j, stage, stage.model_fields_set)
                                                          for j, stage in
                                                          enumerate(dose.progression))]:
        for name in _FREE:
            value = getattr(fields, name) if name in given else None
            if value is None or value == getattr(entry.dose, name):
                continue  # the library's own: translated, or its notice says so
            if name == "side" and value.words:
                lacking = [lang for lang in languages if not value.given_in(lang)]
                if lacking:
                    missing_sides[f'"{value}"'] = lacking
                continue
            if not any(c.isalpha() for c in str(value)):
                continue  # "2-2", "7": no words to translate
            if name == "side" and all(doses.side_worded(value, lang, wording) for lang in other):
                continue  # "left", "each side": the templates word them in every language
            if at is not None and (name, str(value)) in library_stages:
                missing = [lang for lang in other if stage_own(lang, entry, name, value) is None
                           and not (name == "side" and doses.side_worded(value, lang, wording))]
                if missing:
                    stages[f'"{value}"'] = None
                    stage_languages.update(dict.fromkeys(missing))
            else:
                (sides if name == "side" else typed)[f'"{value}"'] = None
    where = f"exercises[{entry.id}].dose"
    found = []
    if stages:
        names = ", ".join(text.language_name(lang, wording) for lang in stage_languages)
        found.append(f"{where}.progression: its stages' own {listed(stages)} "
                     f"{'has' if len(stages) == 1 else 'have'} no {names} words; printed in "
                     f"{text.language_name(source, wording)} (give them in the translation's "
                     f"exercises[{entry.id}].progression: one entry for each stage, in order)")
    # typed once, the words print in each of the handout's lines, whatever language they are in
    names = listed([text.language_name(lang, wording)
                    for lang in (languages if len(languages) > 1 else other)])
    if typed:
        one = len(typed) == 1
        found.append(f"{where}: {listed(typed)} {'prints' if one else 'print'} as written in "
                     f"{names} (the program's own words, which no translation gives); write "
                     f"{'it' if one else 'them'} in {names} if {'it is' if one else 'they are'} "
                     "not")
    for said in sides:
        each = ", ".join(f"{lang}: {said.strip(chr(34)) if i == 0 else '...'}"
                         for i, lang in enumerate(languages))
        found.append(f"{where}: side {said} prints as written in {names} (the program's own "
                     "words, which no translation gives); give it in each language: side: "
                     f"{{{each}}}" if len(languages) > 1 else
                     f"{where}: side {said} prints as written in {names} (the program's own "
                     f"words, which no translation gives); write it in {names} if it is not, "
                     f"and say so: side: {{{each}}}")
    # how often in words of its own ("whenever you sit down"): no translation gives them,
    # so a Spanish handout printed a library's in English without a word
    occasions = list(dict.fromkeys(
        f'"{often.occasion}"' for often in (dose.frequency, *(s.frequency
                                                                for s in dose.progression))
        if often is not None and often.occasion))
    if occasions:
        found.append(f"{where}.frequency: {listed(occasions)} prints as written in {names} "
                     "(how often in its own words, which no translation gives); where it is "
                     f"not in {names}, give it so in the program")
    for said, lacking in missing_sides.items():
        found.append(f"{where}: side {said} has no "
                     f"{listed([text.language_name(lang, wording) for lang in lacking])} "
                     f"words; printed as written there (add {listed(lacking)}: to side:)")
    return found
