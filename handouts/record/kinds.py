"""What the record gives back: patients, their visits, handouts issued, what was forgotten;
a handout id as typed, read as printed, and one not in the record; a time from it as a
clock in the clinic shows it. Plain data, importable without the database code."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from handouts.errors import HandoutError

# the largest id the record's tables hold on every database it runs on (sa.Integer: 32 bits
# in PostgreSQL, 64 in SQLite); a larger one comes only from a typed or forged address
MAX_ID = 2 ** 31 - 1


@dataclass(frozen=True)
class Patient:
    id: int | None  # None: known only from records outside the database (waiting.py)
    name: str
    dob: dt.date | None
    number: str | None

    def __str__(self) -> str:
        told = [f"born {self.dob.isoformat()}" if self.dob else "",
                f"no. {self.number}" if self.number else ""]
        extra = ", ".join(filter(None, told))
        return f"{self.name} ({extra})" if extra else self.name


@dataclass(frozen=True)
class Place:
    """A clinic as its clinic file names it: its ``name:`` and ``site:``, the short name a
    group gives each of its clinics that share one name (a chain's branches). ``also``:
    its name in other languages, where the file gives one per language: the same clinic
    by any of them (one file may list them in another order than another)."""

    name: str
    site: str | None = None
    also: tuple[str, ...] = ()

    @classmethod
    def of(cls, name: str, site: str | None, also=()) -> "Place":
        return cls(name.strip(), (" ".join(site.split()) or None) if site else None,
                   tuple(n.strip() for n in also if n.strip() != name.strip()))

    @classmethod
    def kept(cls, text: str) -> "Place | None":
        """The clinic of a clinic file's text as the record keeps it with a library
        version; None where it names none (or cannot be read)."""
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            return None
        data = data if isinstance(data, dict) else {}
        name, site = data.get("name"), data.get("site")
        names = [n for n in (name.values() if isinstance(name, dict) else [name])
                 if isinstance(n, str) and n.strip()]
        if not names:
            return None
        return cls.of(names[0], site if isinstance(site, str) else None, names[1:])

    def same_site(self, other: "Place") -> bool:
        """Whether the two files are one clinic: the same name (in any case and spacing),
        unless both give a site and the sites differ. A clinic that moves keeps its site,
        so its old handouts stay its own."""
        if not self.same_name(other):
            return False
        return not (self.site and other.site) or _key(self.site) == _key(other.site)

    def told_from(self, here: "Place") -> str | None:
        """This clinic as said where ``here`` is another one: its name, with its site where
        the names are the same ("More 4 Life Physical Therapy (Kirkwood)"); None where it
        is ``here`` (see ``same_site``)."""
        if self.same_site(here):
            return None
        return self.with_site if self.same_name(here) else self.name

    def same_name(self, other: "Place") -> bool:
        return not {_key(n) for n in (self.name, *self.also)}.isdisjoint(
            _key(n) for n in (other.name, *other.also))

    @property
    def with_site(self) -> str:
        """"More 4 Life Physical Therapy (Kirkwood)"; the name alone where it has no site."""
        return f"{self.name} ({self.site})" if self.site else self.name


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Issued:
    """One handout given: when (UTC), how, by whom, and the program version behind it."""

    handout_id: str
    issued_at: dt.datetime
    channel: str
    issued_by: str | None
    library_hash: str
    pdf_sha256: str | None
    patient: Patient
    version: int  # the record's own number of the visit: in the order it arrived
    visit_number: int  # "visit N" as a person reads it: by the visits' dates (Visit.number)
    visit_date: dt.date
    yaml: str
    # the clinic file kept with its library version: in a group's shared record, the
    # clinic that gave it (None: a version kept without one, or unreadable)
    clinic: Place | None = None

    def given_at(self, here: Place) -> str | None:
        """The other clinic than ``here`` (this clinic) that gave it, as a group's shared
        record holds every clinic's, as a person tells the two apart ("Liffey
        Physiotherapy"; "More 4 Life Physical Therapy (Kirkwood)" for a branch of the same
        name); None where it was given here, or it cannot tell."""
        return self.clinic.told_from(here) if self.clinic else None

    def at(self, here: Place) -> str:
        """" at Liffey Physiotherapy" where another clinic than ``here`` gave it (see
        ``given_at``); else ""."""
        other = self.given_at(here)
        return f" at {other}" if other else ""

    @property
    def emailed_to_caregiver(self) -> str | None:
        """The caregiver an email of it went to ("Ana Lopez"), where its program gives the
        handout to one: the name, which is part of the visit, not the address, which is
        not (a visit's kept text may hold an address corrected since)."""
        if "emailed" not in self.channel or "caregiver" not in self.yaml:
            return None
        import yaml

        try:
            patient = (yaml.safe_load(self.yaml) or {}).get("patient")
        except (yaml.YAMLError, AttributeError):
            return None
        caregiver = patient.get("caregiver") if isinstance(patient, dict) else None
        return caregiver if isinstance(caregiver, str) else None

    @property
    def how(self) -> str:
        """How it was given, to go in a sentence: "the handout printed in a batch on …"."""
        return how_said(self.channel)

    def given(self, here: Place, on: str) -> str:
        """How, where and when, to go in a sentence: "the handout printed in a batch on
        2026-12-04"; "perhaps emailed on 2026-12-05 (the mail server never answered)"."""
        why = UNSURE.get(self.channel)
        return (f"{HOW.get(self.channel, self.channel)}{self.at(here)} on {on}"
                f"{f' ({why})' if why else ''}")


# each channel of the record (entry.CHANNELS) as a sentence says it: "printed" is the
# build command's and the web app's Print button, "batch" both batches'
HOW = {"printed": "printed", "downloaded": "downloaded from the web app",
       "emailed": "emailed", "batch": "printed in a batch", "maybe emailed": "perhaps emailed"}
# why a channel is not sure it reached the patient, in brackets after it (``Issued.given``:
# after its date, which the brackets in the middle kept from "perhaps emailed")
UNSURE = {"maybe emailed": "the mail server never answered"}


def how_said(channel: str) -> str:
    """A channel as a sentence says it, with why it is not sure: "perhaps emailed (the mail
    server never answered)"."""
    why = UNSURE.get(channel)
    return f"{HOW.get(channel, channel)}{f' ({why})' if why else ''}"


@dataclass(frozen=True)
class Visit:
    """One version of a patient's program, with every handout made from it."""

    version: int  # the record's own number of it, in the order visits arrived: stays put
    # "visit N" as a person reads it: the visits ordered by date, those of one date as
    # they were first given (a visit that waited in the pending journal, or a program file
    # imported late, arrives after visits dated later, or given later that day)
    number: int
    visit_date: dt.date
    therapist: str | None
    yaml: str
    handouts: tuple[Issued, ...]

    def elsewhere(self, here: Place) -> Issued | None:
        """Its newest handout where every one of them was given at another clinic than
        ``here`` (this clinic), as a group's shared record holds every clinic's
        visits; None where one was given here, or none was given, or it cannot tell."""
        if not self.handouts or any(not given.at(here) for given in self.handouts):
            return None
        return self.handouts[-1]

    def next_program(self) -> dict[str, Any]:
        """Its program as data, to start the next visit from: without its date, as the next
        visit is the day it is built (and a date kept years ahead, a mistyped year from
        before such dates were refused, is not checked again), nor its ``next_visit:``, the
        day this new visit is (or one past); {} where it is no mapping. Its ``log_weeks:``
        stays: how often the patient is seen."""
        import yaml

        data = yaml.safe_load(self.yaml)
        return {k: v for k, v in data.items() if k not in ("date", "next_visit")} \
            if isinstance(data, dict) else {}


def counted(count: int, thing: str) -> str:
    """``3 records``, ``1 record``."""
    return f"{count} {thing}{'' if count == 1 else 's'}"


def listed(items: list[str], most: int = 5) -> str:
    """``A, B, C``; past ``most``, the first ones and ``and 4 more``."""
    more = f" and {len(items) - most} more" if len(items) > most else ""
    return ", ".join(items[:most]) + more


@dataclass(frozen=True)
class Forgotten:
    patient: Patient
    programs: int
    handouts: int
    unsent: int = 0  # messages in the outbox not sent yet, whose entries the record kept
    copies: int = 0  # the record's backups (records/backups) they were removed from too
    replaced: int = 0  # and the databases restore replaced (records/handouts.db.replaced-*)
    set_aside: int = 0  # records set aside as rejected (records/pending-*.rejected.json)
    journal: int = 0  # records waiting for the database (records/pending.json)
    # files of those records that cannot be read ("FILE: why"), which may hold them still
    unread: tuple[str, ...] = ()

    def __str__(self) -> str:
        unread = "".join(f"; not looked in {why}: they may be in it, so look at it and "
                         "delete it once nothing else in it is needed" for why in self.unread)
        return self._said() + unread

    def _said(self) -> str:
        n = counted
        outside = [f"the record of {n(self.unsent, 'message')} not sent yet"
                   if self.unsent else "",
                   f"{n(self.set_aside, 'record')} set aside as rejected"
                   if self.set_aside else "",
                   f"{n(self.journal, 'record')} waiting for the database"
                   if self.journal else ""]
        copies = [f"{n(self.copies, 'backup')} of the record" if self.copies else "",
                  f"{n(self.replaced, 'database')} restore replaced" if self.replaced else ""]
        also = f"; also from {' and '.join(filter(None, copies))}" if any(copies) else ""
        if self.patient.id is None:  # not found in the database: only these
            return (f"{self.patient} from the records kept outside the database: "
                    f"{', '.join(filter(None, outside)) or 'nothing'}{also}")
        waiting = "".join(f", and {part}" for part in outside if part)
        return (f"{self.patient}: {n(self.programs, 'program version')}, "
                f"{n(self.handouts, 'handout')} issued{waiting}{also}")


# an id is written in base 32's letters and the digits 2 to 7 (identity.py): a 0, 1 or 8
# typed from a page can only be the O, I or B printed there
_READ_AS = str.maketrans("018", "OIB")


def normal_id(text: str) -> str:
    """A handout id as printed (``QX7A-B2CD``) from however it was typed: any case, with
    spaces or none, a 0 for an O, or copied with the footer's word (``Handout QX7A-B2CD``,
    ``Folleto …``): the id is the last eight letters and digits."""
    code = ""
    for word in reversed(re.findall(r"[A-Z0-9]+", text.upper())):
        code = word + code
        if len(code) >= 8:
            break
    if len(code) != 8:
        return text.strip().upper()
    code = code.translate(_READ_AS)
    return f"{code[:4]}-{code[4:]}"


def local_time(when: dt.datetime, timezone: str | None = None) -> str:
    """A time from the record (UTC) as a clock in the clinic shows it (clinic.yaml's
    ``timezone``; with none, this computer's)."""
    from handouts import clinic_time

    return clinic_time(when, timezone).strftime("%Y-%m-%d %H:%M")


class NotInRecord(HandoutError):
    """No handout with that id was given (to that patient)."""

    @classmethod
    def of(cls, handout_id: str) -> NotInRecord:
        # a walk-in packet's id is a handout's like any other (nothing in it tells one
        # apart), and the packet is nobody's, so never recorded: said, as the likely reason
        return cls(f"{normal_id(handout_id)}: no handout with this id in the record (a "
                   "walk-in packet, made with batch --protocol, is never recorded)")
