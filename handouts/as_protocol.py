"""A program written out in full (every exercise, dose and topic, as the web form holds it)
that was started from a protocol, told as a program file tells it: ``protocol:`` and only
what differs from it under ``exercises:`` and ``education:``.

So that a therapist who starts from a protocol in the web app and changes nothing gets the
very handout ``build --protocol`` makes (the protocol's title, what it is for and its
education heading on it, the same handout id) and the record one visit, not two; and one who
changes a dose gets a program that still names its protocol, with that dose laid over it
(``resolve.merged_items``), and one who takes some of its exercises out a program that
names them in ``leave_out:``. Where the program can no longer be told so (an exercise of the
protocol moved, or a topic of the protocol unticked: a program file cannot say that), it
stays written out in full, as before.
"""

from __future__ import annotations

from typing import Any

from handouts import log_settings, resolve as resolving
from handouts.programs import program_from_data
from handouts.errors import HandoutError
from handouts.input.dose_models import Dose
from handouts.input.models import Library, Program, ProgramExercise
from handouts.workspace import Workspace


def program_from_protocol(protocol_id: str | None, data: dict[str, Any], ws: Workspace, *,
                          source: str) -> Program:
    """The program ``data`` spells out (no ``protocol:``; its ``exercises`` every one that
    prints, in order; its ``education`` every topic, in any order), started from the protocol
    ``protocol_id`` (None or "": from none). Checked as ``program_from_data`` checks it, its
    problems named by their place in ``data``. It names the protocol where the program it
    gives prints exactly the exercises, doses, notes and topics ``data`` gives; its topics
    then print in the protocol's order, then the others in ``data``'s."""
    spelled = program_from_data(data, ws, source=source)
    library = ws.library
    if not protocol_id or protocol_id not in library.protocol_ids or spelled.protocol:
        return spelled
    told = _told(data, spelled, library.protocol(protocol_id))
    if told is None:
        return spelled
    try:
        program = program_from_data(told, ws, source=source)
    except HandoutError:  # e.g. a protocol the clinic's own file now leaves out
        return spelled
    if _printed(program, library) != _printed(spelled, library):
        return spelled
    return program


def _told(data: dict[str, Any], spelled: Program, protocol) -> dict[str, Any] | None:
    """``data`` as the protocol and what differs from it; None where it cannot be told so."""
    ours = spelled.exercises
    # a protocol's exercise the form took out is left out (``leave_out:``); one moved is not
    left = [i.id for i in protocol.exercises if i.id not in {o.id for o in ours}]
    theirs = [i for i in protocol.exercises if i.id not in left]
    if not theirs or [i.id for i in ours[:len(theirs)]] != [i.id for i in theirs]:
        return None
    if not set(protocol.education) <= set(spelled.education):
        return None
    raw = list(data.get("exercises") or ())
    exercises = []
    for base, item, given in zip(theirs, ours, raw):
        changed = _changes(base, item, given)
        if changed is not None:
            exercises.append(changed)
    exercises.extend(raw[len(theirs):])
    told = {k: v for k, v in data.items() if k not in ("exercises", "education")}
    # the log as the protocol has it, spelled out as its exercises are: the protocol's
    if told.get("log_pain") is not None and told["log_pain"] == protocol.log_pain:
        del told["log_pain"]
    if "log_rows" in told and told["log_rows"] == log_settings.rows_said(None, protocol):
        del told["log_rows"]
    told["protocol"] = protocol.id
    if left:
        told["leave_out"] = left
    if exercises:
        told["exercises"] = exercises
    extra = [t for t in spelled.education if t not in protocol.education]
    if extra:
        told["education"] = extra
    return told


def _changes(base: ProgramExercise, item: ProgramExercise, given: Any) -> dict | None:
    """What ``item`` (``given`` as data) changes of the protocol's ``base``, as a program's
    entry over it: the dose fields it sets otherwise and its note; None where nothing."""
    given = given if isinstance(given, dict) else {"id": given}
    typed = given.get("dose") if isinstance(given.get("dose"), dict) else {}
    fields = item.dose.model_fields_set if item.dose else set()
    mine = base.dose.model_fields_set if base.dose else set()
    dose = {f: typed[f] for f in fields if f in typed and (
        f not in mine or getattr(item.dose, f) != getattr(base.dose, f))}
    if "hold" in dose and "alternatives" in typed:  # a new hold takes the old splits away
        dose["alternatives"] = typed["alternatives"]
    entry: dict[str, Any] = {"id": item.id}
    if dose:
        entry["dose"] = dose
    if item.note != base.note and item.note:
        entry["note"] = given.get("note", item.note)
    return entry if len(entry) > 1 else None


def _printed(program: Program, library: Library) -> tuple:
    """What a program's handout is made of, as ``resolve`` reads it: each exercise's dose as
    it prints (the library's with the program's over it), its note, and the topics."""
    items = tuple((i.id, _dose(library.exercise(i.id).dose.overridden_by(i.dose)), i.note)
                  for i in resolving.merged_items(program, library))
    return items, frozenset(resolving.topic_ids(program, library))


def _dose(dose: Dose) -> tuple:
    # a stage prints the fields it sets (resolve reads its fields_set): kept apart
    data = dose.model_dump(mode="json", exclude={"progression"})
    return (tuple(sorted(data.items(), key=lambda kv: kv[0])),
            tuple(tuple(sorted(s.to_yaml_data().items())) for s in dose.progression))
