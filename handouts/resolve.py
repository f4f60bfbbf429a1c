"""Program + library + clinic → Handout: one patient's program with nothing left to look up.

Pure: no files are read here (image paths are only joined), nothing is drawn. The Handout
is what layout draws, what the mailer summarises and what the handout id is computed from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

from handouts.words import dose as doses
from handouts.input import references
from handouts.words import caregiver, template_gaps, text
from handouts.words.languages import emergency_number, emergency_written, tag as bcp47_tag
from handouts.errors import HandoutError, Location, Problem
from handouts.input import models
from handouts.input.dose_models import Dose
from handouts.input.models import Clinic, Library, Program, ProgramExercise, position_rank
from handouts.identity import handout_id
from handouts import dose_text, log_settings, log_weeks, weeks_from
from handouts.input import left_out, visits
from handouts.kept import keep
from handouts import told as tolds
from handouts.input.translations import Translation
from handouts.library_text import Block, Words
from handouts.words.text import PACKAGE, Text, Wording


@dataclass(frozen=True)
class Topic:
    """An education topic in the handout's language(s)."""

    id: str
    title: Text
    summary: Text | None
    body: tuple[Block, ...]


@dataclass(frozen=True)
class HandoutExercise:
    number: int
    id: str
    title: Text
    position: str
    image: Path | None  # None: the card is laid out without a picture
    caption: Text | None
    purpose: Text
    steps: tuple[Text, ...]
    dose: Dose
    dose_parts: tuple[Text, ...]
    summary_parts: tuple[Text, ...]  # the dose without its alternatives, for page 1
    often: Text
    per_day: int
    seconds: float
    note: str | None
    tips: tuple[Text, ...]
    cautions: tuple[Text, ...]
    video: str | None
    # a progression's stages: ("Weeks 1–2", the stage's dose in one line), in order
    progression: tuple[tuple[Text, Text], ...] = ()
    # its row in each week of a log of several weeks (none: one week, see log_weeks)
    week_logs: tuple[log_weeks.LogWeek, ...] = ()
    # how often week 1 is done, where ``often`` is "Week by week" (its stages differ): what
    # page 1, a one-week log (which follows the first stage) and the email say; None: ``often``
    first_often: Text | None = None
    # the last stage's weeks as its row names them where it goes on after them ("From week 5
    # on"); None: its weeks as given, the program being over by their end (see weeks_from.goes_on)
    goes_on: Text | None = None
    # the person's side ("left", "right") the picture shows moving, where the program names
    # the patient's (see drawn_side); None: the picture as drawn
    drawn_side: str | None = None
    # the units the patient writes a number in each day in the log ("minutes"), in place
    # of boxes to tick (the dose's ``log``); None: boxes, or a line to tally on
    log_unit: Text | None = None

    @property
    def stages(self) -> tuple[tuple[Text, Text], ...]:
        """The progression as the card and page 1 print it: its last row going on, where it
        does."""
        if self.goes_on is None:
            return self.progression
        return (*self.progression[:-1], (self.goes_on, self.progression[-1][1]))


@dataclass(frozen=True)
class Handout:
    language: str  # the first (leading) language
    layout: str
    title: Text
    subtitle: Text | None
    patient_name: str  # "" for a walk-in packet with a blank name line
    patient_email: str | None
    therapist: str | None
    date: dt.date
    clinic: Clinic
    logo: Path | None
    exercises: tuple[HandoutExercise, ...]
    education: tuple[Topic, ...]
    safety: Topic | None
    note: str | None
    session_minutes: int | None  # None: no exercise says how much (daily tasks alone)
    purpose: Text | None = None  # the protocol's description: what the program is for
    tagline: Text | None = None  # the clinic's, in the handout's language(s)
    disclaimer: Text | None = None
    languages: tuple[str, ...] = ("en",)
    notices: tuple[str, ...] = ()  # e.g. text with no translation, printed in English
    education_heading: Text | None = None  # the protocol's own; None: the usual heading
    wording: Wording = PACKAGE  # where fixed wording comes from (the clinic's folder)
    next_visit: dt.date | None = None  # printed on page 1's line for it
    log_weeks: int = 1
    caregiver: str | None = None  # who it is given to (a child's parent): page 1 and email
    caregiver_email: str | None = None  # where its email goes (never the patient's address)
    log_pain: bool = True  # whether the log has a row to rate pain 0-10
    weeks_from: dt.date | None = None  # the day week 1 began: page 1 says it
    week_now: int | None = None  # the week the patient is in, counted from it
    log_rows: tuple[Text, ...] = ()  # the clinic's own rows in the log, under the exercises
    handout_id: str = field(default="", compare=False)
    # warnings said to whoever builds it (an exercise listed twice, words printed as typed)
    # that are not in its id, as ``notices`` are: said since a handout printed as it does,
    # they must not give it another id (a reprint of one the record kept must find its id)
    told: tuple[str, ...] = field(default=(), compare=False)

    @property
    def right_to_left(self) -> bool:
        """Whether the page is mirrored (see text.right_to_left): the one place layout asks."""
        return text.right_to_left(self.languages, self.wording)

    @property
    def clinic_name(self) -> str:
        """The clinic's name in the handout's (leading) language, else the library's: page
        1's head and each page's foot have room for one."""
        return self.clinic.name_in(self.language)

    @property
    def clinic_address(self) -> str | None:
        return self.clinic.address_in(self.language)

    @property
    def language_tag(self) -> str:
        """The handout's language as the PDF names it (its /Lang): see words.languages.tag."""
        return bcp47_tag(self.language, self.clinic.locale)

    @property
    def log_writes(self) -> bool:
        """Whether the log asks for numbers to write, not only ticks: an exercise's (its
        dose's ``log``), or the clinic's own rows."""
        return bool(self.log_rows) or any(e.log_unit is not None for e in self.exercises)

    @property
    def log_boxes(self) -> tuple[int, ...]:
        return tuple(e.per_day for e in self.exercises)


def merged_items(program: Program, library: Library) -> list[ProgramExercise]:
    """The protocol's exercises, then the program's: a repeated id overrides, a new one adds."""
    items: list[ProgramExercise] = []
    if program.protocol:
        items.extend(left_out.kept(library.protocol(program.protocol).exercises, program))
    where = {item.id: i for i, item in enumerate(items)}
    for item in program.exercises:
        if item.id in where:
            base = items[where[item.id]]
            dose = base.dose.overridden_by(item.dose) if base.dose and item.dose else (
                item.dose or base.dose)
            items[where[item.id]] = ProgramExercise(id=item.id, dose=dose,
                                                    note=item.note or base.note)
        else:
            where[item.id] = len(items)
            items.append(item)
    return items


def drawn_side(dose_side, affected_side: str | None, languages: tuple[str, ...] = ("en",),
               wording: Wording = PACKAGE) -> str | None:
    """The side a picture shows moving: the dose's own ``left`` or ``right``, else the
    program's ``affected_side`` for an exercise done on one side (its dose names no side,
    or the clinic's words for one: "weaker arm"); none for one done on each side or both,
    in any of ``languages``' words for them ("each leg", "cada pierna": doses.side_named)."""
    said = str(dose_side) if dose_side is not None else None
    if said in ("left", "right"):
        return said
    if said is not None and doses.side_named(dose_side, languages, wording) == "both":
        return None
    return affected_side


def topic_ids(program: Program, library: Library) -> list[str]:
    ids = list(library.protocol(program.protocol).education) if program.protocol else []
    return list(dict.fromkeys([*ids, *program.education]))


# handouts resolved in this process, by all they are made from but the patient: every
# patient of a roster's protocol gets the same exercises, education and wording
_resolved: dict = {}
_KEPT = 64


def resolve(program: Program, library: Library, clinic: Clinic, *, today: dt.date,
            image_root: Path, blank_name: bool = False,
            translations: Mapping[str, Translation] | None = None,
            wording: Wording = PACKAGE) -> Handout:
    """The patient's handout. Resolved once per process for every patient of the same
    program (a handout takes only the name, the addresses and the caregiver from the
    patient); the handout is the one ``resolve_afresh`` makes, id and all."""
    given = (library, clinic, translations)
    try:
        # its log's rows as written (one text prints otherwise than one per language); a
        # caregiver's handout names the patient in its doses' words: by first name, kept
        key = (tuple(v for k, v in program.__dict__.items() if k not in ("patient", "log_rows")),
               program.as_written("log_rows"), _named(program),
               program.languages_for(clinic), program.cleaned, program.unseen, today,
               image_root, blank_name,
               wording, *map(id, given))
        found = _resolved.get(key)
    except TypeError:  # some value that cannot be a key: nothing is kept
        key = found = None
    if found is not None and all(a is b for a, b in zip(found[0], given)):
        if blank_name:
            return found[1]
        patient = program.patient
        handout = replace(found[1], patient_name=patient.name, patient_email=patient.email,
                          caregiver=patient.caregiver, caregiver_email=patient.caregiver_email)
        return replace(handout, handout_id=handout_id(handout))
    handout = resolve_afresh(program, library, clinic, today=today, image_root=image_root,
                             blank_name=blank_name, translations=translations, wording=wording)
    if key is not None:
        keep(_resolved, key, (given, handout), _KEPT)
    return handout


def _named(program: Program) -> str | None:
    """Whom a dose's words name where they would say "your": the patient, by first name, in
    a handout given to a caregiver; else no one (``words.dose.phrase``)."""
    patient = program.patient
    return caregiver.first_name(patient.name) if patient.caregiver and patient.name else None


def resolve_afresh(program: Program, library: Library, clinic: Clinic, *, today: dt.date,
                   image_root: Path, blank_name: bool = False,
                   translations: Mapping[str, Translation] | None = None,
                   wording: Wording = PACKAGE) -> Handout:
    """The patient's handout, every part of it looked up and phrased now."""
    found = references.program_problems(program, library, text.languages(wording))
    if found:
        raise HandoutError([Problem(Location(path=".".join(map(str, p))), m) for p, m in found])
    languages = program.languages_for(clinic)
    words = Words(languages, translations or {}, wording, library.language,
                  emergency_number(clinic.locale), clinic.phone,
                  None if blank_name else _named(program))
    items = merged_items(program, library)
    if program.order == "by_position":
        items.sort(key=lambda item: position_rank(library.exercise(item.id).position,
                                                  library.positions))

    def phrase_often(frequency):
        return dose_text.often(words, frequency)[0]

    date = program.date or today
    exercises, carry, week = [], [], weeks_from.week_now(program, date)
    for number, item in enumerate(items, start=1):
        entry = library.exercise(item.id)
        carry.append(weeks_from.carried(entry.dose.overridden_by(item.dose), week))
        dose = carry[-1].dose

        def worded(name, _id=entry.id, _entry=entry):
            return words.get("exercises", _id, name, getattr(_entry, name))

        shown = dose_text.over_stages(dose) if dose.progression else dose
        by_week, first = doses.often_by_week(dose), doses.first_stage(dose).frequency

        exercises.append(HandoutExercise(
            number=number, id=entry.id, title=worded("title"), position=entry.position,
            image=image_root / entry.image if entry.image else None, caption=worded("caption"),
            purpose=worded("purpose"), steps=worded("steps"), dose=dose,
            # with a progression, how many and how long are in its table, stage by stage
            dose_parts=words.lines(dose_text.dose_parts, shown, entry, words),
            summary_parts=words.lines(dose_text.dose_parts,
                                      shown.model_copy(update={"alternatives": ()}), entry,
                                      words),
            often=words.say("progression_label") if by_week else phrase_often(first),
            first_often=phrase_often(first) if by_week else None,
            per_day=doses.times_per_day(dose), seconds=doses.session_seconds(
                dose, (*languages, library.language), wording),
            note=words.numbered(item.note),
            tips=worded("tips"), cautions=worded("cautions"), video=entry.video,
            progression=dose_text.stages(dose, entry, words, carry[-1].weeks),
            drawn_side=drawn_side(dose.side, program.affected_side,
                                  (*languages, library.language), wording),
            log_unit=_log_unit(dose, entry, words)))
    told = [f"exercises[{e.id}].dose.{name}: {line}" for item, e in zip(items, exercises)
            for name, line in tolds.under_stages(item.dose, library.exercise(e.id),
                                                 library.exercise(e.id).dose.overridden_by(
                                                     item.dose))]
    told += [line for e in exercises for line in tolds.as_written(
        e.dose, library.exercise(e.id), languages, words.source, wording, words.stage_own)]
    # a clinic's own dose.txt or frequency.txt older than a dose it is given
    gaps = [line for e in exercises
            for line in template_gaps.told(f"exercises[{e.id}]", e.dose, languages, wording)]
    # "after exercise": as many times a day as the others are done
    exercises = [replace(e, per_day=n) if n != e.per_day else e for e, n in
                 zip(exercises, doses.times_in_log([e.dose for e in exercises]))]
    for key, late in (("next_visit", visits.next_visit_problem(program.next_visit, date)),
                      ("weeks_from", visits.weeks_from_problem(program.weeks_from, date))):
        if late:  # a program with no date: its visit is today
            raise HandoutError([Problem(Location(path=key), late)])
    weeks = log_weeks.weeks_of(program, clinic, date)
    until = log_weeks.program_weeks(program, clinic, date)
    exercises = [replace(e, goes_on=weeks_from.goes_on(e.dose, until, words, c))
                 if e.progression else e for e, c in zip(exercises, carry)]
    rows = log_weeks.logs([e.dose for e in exercises], weeks, phrase_often,
                          [e.progression for e in exercises])
    exercises = [replace(e, week_logs=r) if r else e for e, r in zip(exercises, rows)]
    topics = []
    for topic_id in topic_ids(program, library):
        topics.append(_localized_topic(library.topic(topic_id), words))
    safety = (_localized_topic(library.topic(references.SAFETY_TOPIC), words)
              if references.SAFETY_TOPIC in library.topic_ids else None)
    protocol = library.protocol(program.protocol) if program.protocol else None
    told = [*tolds.of_handout(program.exercises, protocol and (protocol.id, protocol.exercises),
                              tolds.printed(exercises, languages[0])), *told,
            *filter(None, [visits.shortened(program.next_visit, date, program.log_weeks)])]
    handout = Handout(
        language=languages[0], languages=languages, layout=program.layout,
        title=words.say("document_title"),
        # the protocol's handout_title where it has one: its title is the staff's, in a menu
        subtitle=words.get("protocols", protocol.id, "handout_title", protocol.handout_title)
        if protocol and protocol.handout_title else words.get(
            "protocols", protocol.id, "title", protocol.title) if protocol else None,
        purpose=words.get("protocols", protocol.id, "description",
                          protocol.description) if protocol else None,
        patient_name="" if blank_name else program.patient.name,
        patient_email=None if blank_name else program.patient.email,
        therapist=program.therapist, date=date, clinic=clinic,
        next_visit=program.next_visit, log_weeks=weeks,
        caregiver=None if blank_name else program.patient.caregiver,
        caregiver_email=None if blank_name else program.patient.caregiver_email,
        log_pain=log_settings.pain_row(program, protocol, clinic),
        weeks_from=program.weeks_from, week_now=week,
        log_rows=log_settings.own_rows(program, protocol, clinic, words),
        # the logo is relative to the clinic's folder, the home of its wording
        logo=(wording.home or image_root) / clinic.logo if clinic.logo else None,
        exercises=tuple(exercises),
        education=tuple(t for t in topics if t.id != references.SAFETY_TOPIC),
        safety=safety, note=words.numbered(program.note), tagline=words.clinic(clinic, "tagline"),
        disclaimer=words.clinic(clinic, "disclaimer"),
        session_minutes=_minutes(sum(e.seconds for e in exercises)),
        education_heading=words.get("protocols", protocol.id, "education_heading",
                                    protocol.education_heading) if protocol else None,
        wording=wording,
        notices=(*typed_notices(program), *words.notices, *gaps), told=tuple(told))
    return replace(handout, handout_id=handout_id(handout))


def typed_notices(program: Program) -> tuple[str, ...]:
    """What was taken out of the program's typed texts (``typed.cleaned_program``), each
    at its key: said by ``build`` and by ``check``."""
    return (*(f"{path}: had a line break or control character; printed without it"
              for path in program.cleaned),
            *(f"{path}: had a character that does not show (a zero-width space or the "
              "like); taken out, so that the page, the file's name and the record have "
              "the same name" for path in program.unseen))


def _log_unit(dose, entry: models.Exercise, words: Words) -> Text | None:
    """The units to write in the log, in the handout's language(s): the library's
    translated, a program's own as written."""
    if dose.log is None or dose.log != entry.dose.log:
        return words.numbered(dose.log)
    return words.get("exercises", entry.id, "log", dose.log)


def _localized_topic(topic: models.Topic, words: Words) -> Topic:
    return Topic(id=topic.id, title=words.get("education", topic.id, "title", topic.title),
                 summary=words.get("education", topic.id, "summary", topic.summary),
                 body=words.body(topic))


def _minutes(seconds: float) -> int | None:
    """The session's minutes, at least one; None where nothing in it is timed (a program of
    daily tasks, steps alone), which page 1 then says nothing of."""
    return max(1, round(seconds / 60)) if seconds else None


def emergency_called(handout: Handout) -> str | None:
    """The emergency number the handout's safety box tells the patient to call (the clinic's,
    by its locale: "Call 911 right away if …"), or None where it names none: what the email
    says in its own plain words, naming no sign (which can name a condition)."""
    number = emergency_number(handout.clinic.locale)
    found = emergency_written(number)  # "9-1-1" too; not in "1-800-911-…"
    for block in handout.safety.body if handout.safety else ():
        for said in getattr(block, "bullets", None) or (getattr(block, "text", None)
                                                        or getattr(block, "heading", ""),):
            if any(found.search(p) for p in text.parts(said)):
                return number
    return None
