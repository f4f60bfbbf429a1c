"""An exercise's dose as a handout prints it, in each of its languages: the library's free
text in its translation, the emergency number in it, what is said over a progression's
stages, and each stage's row (its weeks, and what to do in them)."""

from __future__ import annotations

from typing import Any

from handouts.words import dose as doses
from handouts.words import joins, numbers, text
from handouts.input.dose_models import DOSE_TEXT_FIELDS, Dose
from handouts.input.models import Exercise
from handouts.input.quantities import Span
from handouts.input.sides import Side
from handouts.library_text import Words
from handouts.words.text import Text


def dose_parts(dose: Dose, entry: Exercise, words: Words, language: str,
               stage: bool = False) -> list[str]:
    """The dose in ``language``: the library's own free text (equipment, a band, a named
    side) in its translation where the program kept the library's words; ``stage``: a
    progression's stage, whose own words (a library stage's band) the translation gives
    by stage."""
    if dose.side is not None and dose.side.words:  # the program's side in each language
        dose = dose.model_copy(update={"side": dose.side.in_language(language)})
    if language != words.source:
        update = {}
        for name in (*DOSE_TEXT_FIELDS, "side"):
            value, library_value = getattr(dose, name), getattr(entry.dose, name)
            if value is None or name == "side" and value.known:
                continue  # the templates word the usual sides, whatever a translation says
            if value != library_value:
                own = words.stage_own(language, entry, name, value) if stage else None
                if own is not None:
                    update[name] = Side(own) if name == "side" else own
                continue
            if name == "side" and doses.side_worded(value, language, words.wording):
                # the template words it ("each leg": "Cada pierna"), unless translated
                translated = words.own(language, "exercises", entry.id, name) or str(value)
            else:
                translated = words.translated(language, "exercises", entry.id, name,
                                               str(library_value))
            if translated != str(library_value):
                update[name] = Side(translated) if name == "side" else translated
        dose = dose.model_copy(update=update) if update else dose
    return doses.phrase(_printed_dose(dose, words, language), language, words.wording,
                        words.first_name)


def _printed_dose(dose: Dose, words: Words, language: str) -> Dose:
    """``dose`` with each free text (the library's or the program's own, a stage's too) as
    printed: a range typed with a hyphen ("RPE 11-13") with the language's range mark, as
    the dose's own numbers print, and then the emergency number where it says
    ``{emergency}`` (the clinic's phone where ``{phone}``), as every text a clinic writes
    may: after, as a number is no range ("(11) 3456-7890" took the mark). The program as
    stored keeps what was typed."""
    mark = text.range_mark(language, words.wording)
    update = {}
    for name in DOSE_TEXT_FIELDS:
        value = getattr(dose, name)
        marked = value and doses.ranges_marked(value, mark)
        printed = words.numbered(marked) if marked and "{" in marked else marked
        if printed != value:
            update[name] = printed
    return dose.model_copy(update=update) if update else dose


# what a progression's row repeats from the whole dose, so that it reads "3 sets of 10"
# when a stage changes only the sets
_STAGE_KEEPS = ("hold", "reps", "sets", "breaths", "duration")


def _amounts_staged(dose: Dose) -> bool:
    """Whether a stage of the progression sets how many or how long, or the rest (not only
    a band, a weight, how often): then each stage's row says the whole amount, and the
    rest beside it."""
    return any(set(s.model_fields_set) & {*_STAGE_KEEPS, "rest"} for s in dose.progression)


def over_stages(dose: Dose) -> Dose:
    """What a progression's card and page 1 say over its stages: not how many or how long
    where a stage changes them (its table says them stage by stage; where none does, as in
    3 sets of 10 with a softer putty, then a firmer, they are said once here, and the card
    read "How much: Rest 30 seconds between sets"), nor a key every stage sets again (the
    dose's own yellow band read beside a table whose weeks say yellow, then red), nor,
    with the amounts in the table, the rest between sets where no stage has sets to rest
    between: each is one set, or has none, its row then saying the rest after each rep
    (``stages``)."""
    every = set.intersection(*(set(s.model_fields_set) for s in dose.progression)) - {"weeks"}
    amounts = _STAGE_KEEPS if _amounts_staged(dose) else ()
    cleared: dict[str, Any] = {key: () if key == "alternatives" else None
                               for key in (*amounts, *sorted(every))}
    if amounts and all(s.sets and not s.sets.is_range and s.sets.hi == 1
                       or doses.rest_after_each_rep(s) for s in dose.stage_doses()):
        cleared["rest"] = None
    return dose.model_copy(update=cleared)


def often(words: Words, frequency) -> tuple[Text, ...]:
    """How often, phrased in the handout's languages (page 1, the card, a stage, the log)."""
    return words.lines(lambda f, lang: [doses.phrase_frequency(f, lang, words.wording,
                                                               words.first_name)], frequency)


def stages(dose: Dose, entry: Exercise, words: Words,
           spans: tuple[Span, ...]) -> tuple[tuple[Text, Text], ...]:
    """Each stage of a progression: its weeks (``spans``: as the patient counts them), and
    what to do in them on one line (how often where ``doses.stage_says_often``)."""
    out = []
    amounts = _STAGE_KEEPS if _amounts_staged(dose) else ()  # else said over the stages
    for index, (stage, whole, span) in enumerate(zip(dose.progression, dose.stage_doses(),
                                                     spans)):
        weeks = text.both(text.phrase(  # "Weeks 1–2", "1〜2週目": each language's range
            lang, "progression_weeks", words.wording, plural=span.is_range,
            weeks=numbers.span_text(span, mark=text.range_mark(lang, words.wording)))
            for lang in words.languages)
        # a stage with no sets rests after each rep: its row says so, not "between sets"
        shown = ({*stage.model_fields_set, *amounts} - {"weeks"}
                 | ({"rest"} if amounts and doses.rest_after_each_rep(whole) else set()))
        own = whole.model_copy(update={k: None if k != "alternatives" else ()
                                       for k in Dose.model_fields
                                       if k not in shown and k != "progression"})
        parts = list(words.lines(lambda d, lang: dose_parts(d, entry, words, lang, stage=True),
                                 own))
        if doses.stage_says_often(dose, index):
            parts += often(words, whole.frequency)
        out.append((weeks, text.both(joins.join(lang, (text.part(p, i) for p in parts))
                                     for i, lang in enumerate(words.languages))))
    return tuple(out)
