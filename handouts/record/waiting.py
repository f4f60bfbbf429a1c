"""A patient's records kept outside the database, in the private records folder: entries in
the pending journal (``pending.json``: the database was down), records set aside
(``pending-*.rejected.json``: the database refused them) and what is kept of messages not
sent yet (``unsent/``). A patient may be only there: ``forget`` must still find and remove
them, and ``history`` must not say there is no such patient without saying where they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator

from handouts.errors import command

from . import aside, unsent
from .entry import fold
from .journal import Damaged, Journal, parse, write_whole
from .kinds import Patient, counted, how_said

JOURNAL, SET_ASIDE, UNSENT = "journal", "set_aside", "unsent"


@dataclass(frozen=True)
class Kept:
    """One handout a record outside the database names: its id, its channel, and whether
    it is what is kept of a message not sent yet (unsent/); of such a message, its name, the
    outbox it was queued in (None: kept before that was) and whether it went whole to a
    server that never answered (the record has it as *maybe emailed*)."""

    handout_id: str
    channel: str
    unsent: bool = False
    message: str = ""
    outbox: str | None = None
    unanswered: bool = False

    @property
    def how(self) -> str:
        """How it was given, as ``Issued.how`` says it; a message not sent yet: not yet."""
        return "to be emailed" if self.unsent else how_said(self.channel)


@dataclass(frozen=True)
class Outside:
    """One patient's records outside the database: how many in each place."""

    patient: Patient  # its id is None: the database does not know them (or is not reached)
    folder: Path  # the records folder
    journal: int = 0
    set_aside: int = 0
    unsent: int = 0
    # the handouts those records name (in the order found): what forget, having waited,
    # says was made meanwhile
    issued: tuple[Kept, ...] = ()

    def __str__(self) -> str:
        n = counted
        parts = [f"{n(self.journal, 'record')} waiting for the database (pending.json)"
                 if self.journal else "",
                 f"{n(self.set_aside, 'record')} set aside as rejected "
                 f"(pending-*.rejected.json: bring them back with {command('import', 'FILE')})"
                 if self.set_aside else "",
                 f"the record of {n(self.unsent, 'message')} not sent yet (unsent/)"
                 if self.unsent else ""]
        return f"in {self.folder}: {', '.join(filter(None, parts))}"


def patients(folder: Path, name: str, *, dob: dt.date | None = None,
             number: str | None = None) -> list[Outside]:
    """The patients of this name (however it is typed) in records outside the database,
    narrowed by date of birth or clinic number, told apart as the record tells them apart;
    in the order first found."""
    found: dict[tuple, Outside] = {}
    for place, data, kept in _entries(Path(folder)):
        key = _key(data)
        if key is None or key[0] != fold(name) or (dob and key[1] != dob.isoformat()) or \
                (number is not None and key[2] != number):
            continue
        if key not in found:
            born = _date(key[1])
            if key[1] and born is None:
                continue  # a date this program never wrote: not a patient it can name
            found[key] = Outside(Patient(None, str(data["name"]), born, key[2]), Path(folder))
        counted = found[key]
        found[key] = replace(counted, **{place: getattr(counted, place) + 1},
                             issued=counted.issued + kept)
    return list(found.values())


def behind(journal: Journal, why: str) -> str | None:
    """One line for a read made without the records waiting in ``journal`` (``why``: what
    kept them out): how many handouts (and programs saved alone) wait, not yet in what
    the read shows; None when none wait now."""
    entries = [e for e in _read(journal.path)["entries"] if isinstance(e, dict)]
    handouts = sum(1 for e in entries if e.get("handout"))
    parts = [counted(handouts, "handout") if handouts else "",
             counted(len(entries) - handouts, "saved program") if len(entries) > handouts
             else ""]
    if not entries:
        return None
    verb = "waits" if len(entries) == 1 else "wait"
    return (f"{' and '.join(filter(None, parts))} {verb} in {journal.path}, not yet in what "
            f"this shows: {why}")


def forget_journal(folder: Path, matches: aside.Matches, *, dry_run: bool = False) -> int:
    """Remove the patient's entries from the pending journal (written whole, or deleted when
    none is left), so that they do not reach the database once it answers; how many."""
    journal = Journal(folder)
    if not journal.exists():
        return 0
    if dry_run:
        return aside.without(_read(journal.path), matches)[1]
    with journal.locked():
        try:
            kept, gone = aside.without(journal.read(), matches)
        except Damaged:  # left as it is: forget says it could not look in it (unreadable)
            return 0
        if gone and kept is None:
            journal.clear()
        elif gone:
            write_whole(journal.path, kept)
    return gone


def _entries(folder: Path) -> Iterator[tuple[str, dict[str, Any], tuple[Kept, ...]]]:
    """(where, an entry's patient data, the handout it names) of every record outside the
    database that can be read; a file that cannot be is passed over (it names no one this
    can read)."""
    for entry in _read(folder / "pending.json")["entries"]:
        yield from _patient_of(JOURNAL, entry)
    for path in aside.files(folder):
        try:
            entries = aside.read(path)["entries"]
        except Exception:  # noqa: BLE001 - not ours to read: a HandoutError, one line
            continue
        for entry in entries:
            yield from _patient_of(SET_ASIDE, entry)
    where = unsent.folder(folder)
    for path in sorted(where.glob("*.json")) if where.is_dir() else ():
        try:
            kept = unsent.read(path)
        except (FileNotFoundError, Damaged):
            continue
        outbox = kept.get(unsent.OUTBOX)
        yield from ((place, patient, tuple(replace(
            k, message=path.stem, outbox=outbox if isinstance(outbox, str) else None,
            unanswered=bool(kept.get(unsent.UNANSWERED))) for k in handout))
            for place, patient, handout in _patient_of(UNSENT, kept["entry"]))


def unreadable(folder: Path) -> list[str]:
    """What is said of each file of records outside the database that cannot be read (the
    pending journal, one set aside, one kept of a message not sent yet): a patient's records
    may be in it, out of reach of ``forget`` and ``history``."""
    folder, said = Path(folder), []
    journal = Journal(folder)
    if journal.exists():
        try:
            journal.read()
        except Damaged as exc:
            said.append(str(exc))
    for path in aside.files(folder):
        try:
            aside.read(path)
        except Damaged as exc:
            said.append(str(exc))
    where = unsent.folder(folder)
    for path in sorted(where.glob("*.json")) if where.is_dir() else ():
        try:
            unsent.read(path)
        except FileNotFoundError:
            continue
        except Damaged as exc:
            said.append(str(exc))
    return said


def _read(path: Path) -> dict[str, Any]:
    try:
        return parse(path)
    except (FileNotFoundError, Damaged):
        return {"libraries": {}, "entries": []}


def _patient_of(place: str, entry: Any) -> Iterator[tuple[str, dict[str, Any],
                                                        tuple[Kept, ...]]]:
    patient = entry.get("patient") if isinstance(entry, dict) else None
    if isinstance(patient, dict) and isinstance(patient.get("name"), str):
        yield place, patient, _kept(place, entry.get("handout"))


def _kept(place: str, handout: Any) -> tuple[Kept, ...]:
    """The handout an entry names (none: a program version alone, or one unreadable)."""
    if not isinstance(handout, dict) or not isinstance(handout.get("id"), str):
        return ()
    return (Kept(handout["id"], str(handout.get("channel")), place == UNSENT),)


def _key(data: dict[str, Any]) -> tuple | None:
    dob, number = data.get("dob"), data.get("number")
    if not isinstance(dob, (str, type(None))) or not isinstance(number, (str, type(None))):
        return None
    return fold(data["name"]), dob, number


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
