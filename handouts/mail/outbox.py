"""The outbox: where messages wait, where sent ones go, and the audit log. Files only.

    outbox/
      pending/<date>_<patient>_<handout id>.eml    a standard message, as it will be sent
      pending/<same>.json                          its record: handout id, recipient, checksum,
                                                   attempts and the last failure's reason
      sent/<same>.eml, sent/<same>.json            moved here only after the server accepted it
      uncertain/<same>.eml, .json                  the whole message went to the server, which
                                                   never answered: it may have been delivered, so
                                                   it goes again only when the user says so
      replaced/<same>.eml, .json                   withdrawn, never sent: the same program was
                                                   queued again for its patient (a corrected
                                                   address, say) before it went
      audit.jsonl                                  one JSON line per attempt, appended

A message is pending while its .eml is in pending/, and sent once its .eml is in sent/; every
file is written whole (a temporary file, then a rename). The same handout to the same address
always gets the same name (``addressed``: with the address's digest where another address has
the plain one), so queuing it again never sends it twice. Neither the PDF's content nor a
password is ever written to a record or the audit log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Iterator

from handouts import Handout, HandoutError, folded, make_folder, name_slug, write_atomic
from handouts.mail import sender_lock

DEFAULT_OUTBOX = Path("outbox")
FORGETTING = ".forgetting"  # one empty file per patient forget is removing, by digest
RESULTS = ("queued", "sent", "failed", "skipped", "uncertain", "withdrawn")


@dataclass(frozen=True)
class Record:
    """What a queued message is for: checked against the .eml before it is sent."""

    handout_id: str
    recipient: str
    sha256: str  # of the .eml: a file changed or swapped after queuing is not sent
    source: str = ""  # the program file or roster row it came from
    queued: str = ""
    attempts: int = 0
    reason: str | None = None  # why the last attempt failed
    sent: str | None = None
    message_id: str | None = None
    # when an attempt began; still set on the next run only if that run stopped while
    # sending (killed, power cut), so the message may have gone
    sending: str | None = None
    # who it is for (a digest of name, date of birth and number, none of them in plain) and
    # what made it (the program file, roster file or "web app"): a message queued again
    # for the same patient from the same program replaces one still waiting
    patient: str = ""
    program: str = ""
    # when it went whole to the server, which never answered (see mark_uncertain)
    unanswered: str | None = None

    @classmethod
    def from_json(cls, data: bytes) -> "Record":
        fields = json.loads(data)
        # what the recipient check compares: a record that only looks like one must not
        # reach it (nor stop a run with a traceback, nor say why in Python's words)
        if not isinstance(fields, dict) or not all(
                isinstance(fields.get(k), str) for k in ("handout_id", "recipient", "sha256")):
            raise ValueError("handout_id, recipient and sha256 must be text")
        return cls(**{k: fields[k] for k in cls.__dataclass_fields__ if k in fields})

    def to_json(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Queued:
    name: str
    record: Record
    already_sent: bool = False
    uncertain: bool = False  # an earlier attempt may have delivered it


@dataclass
class Replaced:
    """What an earlier run left waiting for the patient of a message queued now."""

    # each by its message's name: the same program (withdrawn, not sent); another program,
    # to another address (it goes too, or is held: the user is told)
    withdrawn: dict[str, Record] = field(default_factory=dict)
    elsewhere: dict[str, Record] = field(default_factory=dict)


def message_name(handout: Handout, handout_id: str | None = None) -> str:
    """``2026-11-23_jane-doe_ABCD-EFGH``: the same handout, the same name (``handout_id``:
    another id to name it by, such as the one it had before, ``counted_before``)."""
    return (f"{handout.date.isoformat()}_{name_slug(handout.patient_name)}_"
            f"{handout_id or handout.handout_id}")


def addressed(name: str, recipient: str) -> str:
    """``2026-11-23_jane-doe+1a2b3c4d_ABCD-EFGH``: the message ``name`` to ``recipient``
    where another address has ``name``; it still ends with the handout id."""
    head, _, handout_id = name.rpartition("_")
    return f"{head}+{digest(recipient.casefold().encode('utf-8'))[:8]}_{handout_id}"


def same_address(one: str, other: str) -> bool:
    return one.casefold() == other.casefold()


def patient_digest(name: str, dob: dt.date | None, number: str | None) -> str:
    """Who a message is for, as a record's ``patient`` holds it: a digest of the name (folded
    as the clinic's record matches it), date of birth and clinic number, none in plain."""
    text = json.dumps([folded(name), dob.isoformat() if dob else None, number])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def now_iso(spec: str = "seconds") -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec=spec)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Outbox:
    def __init__(self, root: Path | str = DEFAULT_OUTBOX):
        self.root = Path(root)
        self.pending = self.root / "pending"
        self.sent = self.root / "sent"
        self.uncertain = self.root / "uncertain"
        self.replaced = self.root / "replaced"
        self.audit_log = self.root / "audit.jsonl"
        self._queued_now: dict[str, Record] = {}  # none of these replaces another
        # found sent (or maybe sent) to the address this run gives: they replace, as a
        # message queued now does, one an earlier run left waiting for a mistyped address
        self._settled_now: dict[str, Record] = {}

    def __str__(self) -> str:
        return str(self.root)

    # --- queue ----------------------------------------------------------------------------

    def queue(self, name: str, message: bytes, record: Record, was: str = "") -> Queued:
        """Write the message to pending/ (record first, then the .eml), unless it was sent
        to the same address. ``was``: the name a version before 5 December 2026 gave the
        same handout (its id counted pictures by name), so that one it sent is not sent
        again after the update. A handout's id leaves out the address it goes to: one that
        went (or may have) to another address, or waits for another (a patient's second
        address, or one this run corrects: ``withdraw_replaced``), leaves ``name`` to it and
        the message is named by its address too (``addressed``)."""
        to = record.recipient
        own = addressed(name, to)
        for before in dict.fromkeys(filter(None, [name, own, was])):
            for folder, flag in ((self.sent, "already_sent"), (self.uncertain, "uncertain")):
                found = self.readable(before, folder) if (
                    folder / f"{before}.eml").exists() else False
                # a record that cannot be read may be to this address: never sent twice
                if found is None or found and same_address(found.recipient, to):
                    self._settled_now[before] = record
                    return Queued(before, found or record, **{flag: True})
        if not self._free(name, to):
            name = own
        record = replace(record, sha256=digest(message), queued=record.queued or now_iso())
        self._write(self.pending / f"{name}.json", record.to_json())
        self._write(self.pending / f"{name}.eml", message)
        self._queued_now[name] = record
        self.audit("queued", record, file=f"{name}.eml")
        return Queued(name, record)

    def _free(self, name: str, to: str) -> bool:
        """Whether ``name`` may hold the message to ``to``: nothing has it, or a message to
        ``to`` (or one whose record cannot be read, as before) waits under it."""
        if (self.sent / f"{name}.eml").exists() or self.is_uncertain(name):
            return False  # to another address (to this one, queue found it)
        if not (self.pending / f"{name}.eml").exists():
            return True
        waiting = self._queued_now.get(name) or self.readable(name, self.pending)
        return waiting is None or same_address(waiting.recipient, to)

    def withdraw_replaced(self) -> dict[str, Replaced]:
        """Withdraw every message an earlier run left waiting that one queued in this run
        (or found sent to the address it gives) replaces: for the same patient, from the
        same program (moved to replaced/, never sent). Called once this run's messages are queued, so that a patient with two rows
        in a roster run again keeps both. Returns what was found, by the name of the message
        queued now; a message a killed run was sending is left alone (it may have gone)."""
        now = {**self._settled_now, **self._queued_now}
        mine: dict[str, list[str]] = {}  # patient → what this run queued (or found) for them
        for name, record in now.items():
            if record.patient:
                mine.setdefault(record.patient, []).append(name)
        found: dict[str, Replaced] = {}
        for other in self.pending_names() if mine else ():
            old = None if other in now else self.readable(other, self.pending)
            if old is None or old.sending or old.patient not in mine:
                continue
            names = mine[old.patient]
            same = [n for n in names if now[n].program == old.program]
            other_address = [n for n in names if now[n].recipient.casefold()
                             != old.recipient.casefold()]
            if same:
                found.setdefault(same[-1], Replaced()).withdrawn[other] = self.withdraw(
                    other, old, f"replaced by {same[-1]}.eml")
            elif other_address:
                found.setdefault(other_address[0], Replaced()).elsewhere[other] = old
        return found

    def withdraw(self, name: str, record: Record, reason: str) -> Record:
        """A pending message to replaced/, never sent: replaced, or its address wrong."""
        return self._move_out(name, replace(record, reason=reason), self.replaced,
                              "withdrawn", reason=reason)

    # --- read -----------------------------------------------------------------------------

    def pending_names(self) -> list[str]:
        if not self.pending.is_dir():
            return []
        return sorted(p.stem for p in self.pending.glob("*.eml") if not p.name.startswith("."))

    def message(self, name: str) -> bytes:
        return (self.pending / f"{name}.eml").read_bytes()

    def record(self, name: str, *, folder: Path | None = None) -> Record | None:
        path = (folder or self.pending) / f"{name}.json"
        try:
            return Record.from_json(path.read_bytes())
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise HandoutError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        except json.JSONDecodeError as exc:  # its place said as a file's line, not in brackets
            why = exc.msg.lower().removesuffix(" at")  # "unterminated string starting at"
            raise HandoutError(f"{path}:{exc.lineno}:{exc.colno}: not a record this program "
                               f"wrote ({why}); remove it and queue the handout again") from None
        except (ValueError, TypeError) as exc:
            raise HandoutError(f"{path}: not a record this program wrote ({exc}); remove it "
                               "and queue the handout again") from None

    def readable(self, name: str, folder: Path) -> Record | None:
        """The record, or None where it cannot be read: for what is only shown (when a
        message went), never for what decides where one goes."""
        try:
            return self.record(name, folder=folder)
        except HandoutError:
            return None

    def is_sent(self, name: str) -> bool:
        return (self.sent / f"{name}.eml").exists()

    def sent_at(self, name: str) -> dt.datetime:
        """When the server took a message in sent/: its record's time; for one moved there
        by hand from uncertain/, when it went whole to the server (as ``email --confirm``
        has it); else its file's."""
        record = self.readable(name, self.sent)
        field = "unanswered" if record and not record.sent and record.unanswered else "sent"
        return self._time(name, self.sent, field)

    def unanswered_at(self, name: str) -> dt.datetime:
        """When a message in uncertain/ went whole to the server: its record's time, else
        its file's (a record from before the time was kept)."""
        return self._time(name, self.uncertain, "unanswered")

    def _time(self, name: str, folder: Path, field: str) -> dt.datetime:
        record = self.readable(name, folder)
        with contextlib.suppress(TypeError, ValueError):
            return dt.datetime.fromisoformat(getattr(record, field) if record else None)
        return dt.datetime.fromtimestamp((folder / f"{name}.eml").stat().st_mtime,
                                         dt.timezone.utc)

    def being_forgotten(self, patient: str) -> bool:
        """``forget`` is removing this patient (a record's ``patient`` digest) and waits for
        the outbox: none of their messages may go (see ``mail.forgetting.held``)."""
        return bool(patient) and (self.root / FORGETTING / patient).exists()

    def went_while_forgotten(self, patient: str, result: str, handout_id: str) -> None:
        """A message of a patient ``forget`` began removing while it was being sent: it went
        (``result`` "sent") or may have ("uncertain"), which forget tells the user. Noted in
        forget's marker, by handout id only; nothing when forget is not removing them."""
        marker = self.root / FORGETTING / patient
        if patient and marker.exists():
            with marker.open("a", encoding="utf-8") as handle:
                handle.write(f"{result} {handout_id}\n")

    def is_uncertain(self, name: str) -> bool:
        return (self.uncertain / f"{name}.eml").exists()

    def uncertain_names(self) -> list[str]:
        if not self.uncertain.is_dir():
            return []
        return sorted(p.stem for p in self.uncertain.glob("*.eml") if not p.name.startswith("."))

    # --- after an attempt -----------------------------------------------------------------

    def mark_sent(self, name: str, record: Record, *, message_id: str | None) -> Record:
        """Move the message to sent/: the .eml first, so a crash after it never resends."""
        # to the microsecond, as the record tells one issue from another: one handout sent
        # to two addresses in one second (its id leaves the address out) is two
        record = replace(record, attempts=record.attempts + 1, reason=None,
                         sent=now_iso("microseconds"),
                         message_id=message_id, sending=None)
        return self._move_out(name, record, self.sent, "sent", message_id=message_id)

    def mark_failed(self, name: str, record: Record, reason: str) -> Record:
        """Leave the message in pending/, with the reason in its record."""
        record = replace(record, attempts=record.attempts + 1, reason=reason, sending=None)
        self._write(self.pending / f"{name}.json", record.to_json())
        self.audit("failed", record, file=f"{name}.eml", reason=reason)
        return record

    def mark_sending(self, name: str, record: Record) -> Record:
        """Written before the message goes: if this process dies while sending, the next
        run finds the mark and does not send it again by itself."""
        record = replace(record, sending=now_iso("microseconds"))  # see mark_sent
        self._write(self.pending / f"{name}.json", record.to_json())
        return record

    def unmark_sending(self, name: str, record: Record) -> Record:
        """Stopped (Ctrl-C) before the message reached the server: it is simply pending."""
        record = replace(record, sending=None)
        self._write(self.pending / f"{name}.json", record.to_json())
        return record

    def mark_uncertain(self, name: str, record: Record, reason: str) -> Record:
        """Move the message to uncertain/: it may have been delivered, so only
        ``release_uncertain`` (``email --retry --include-uncertain``) sends it again."""
        record = replace(record, attempts=record.attempts + 1, reason=reason,
                         unanswered=record.sending or now_iso(), sending=None)
        return self._move_out(name, record, self.uncertain, "uncertain", reason=reason)

    def _move_out(self, name: str, record: Record, folder: Path, event: str, **audit) -> Record:
        """The message out of pending/ into ``folder``, the .eml first, so a crash part way
        leaves it where it is not sent again by itself."""
        make_folder(folder)
        os.replace(self.pending / f"{name}.eml", folder / f"{name}.eml")
        self._write(folder / f"{name}.json", record.to_json())
        (self.pending / f"{name}.json").unlink(missing_ok=True)
        self.audit(event, record, file=f"{name}.eml", **audit)
        return record

    def release_uncertain(self, name: str) -> None:
        """The user says to send it again: back to pending/ (record first, then the .eml)."""
        try:
            record = self.record(name, folder=self.uncertain)
        except HandoutError:  # moved as it is: sending reports it and leaves it there
            make_folder(self.pending)
            os.replace(self.uncertain / f"{name}.json", self.pending / f"{name}.json")
            record = None
        if record is not None:
            self._write(self.pending / f"{name}.json", record.to_json())
        os.replace(self.uncertain / f"{name}.eml", self.pending / f"{name}.eml")
        (self.uncertain / f"{name}.json").unlink(missing_ok=True)

    def drop_duplicate(self, name: str, record: Record) -> None:
        """A pending copy of a message that is already in sent/ (e.g. copied back by hand)."""
        (self.pending / f"{name}.eml").unlink(missing_ok=True)
        (self.pending / f"{name}.json").unlink(missing_ok=True)
        self.audit("skipped", record, file=f"{name}.eml", reason="already sent")

    # --- the audit log --------------------------------------------------------------------

    def audit(self, result: str, record: Record | None = None, *, handout_id: str | None = None,
              recipient: str | None = None, reason: str | None = None, **extra) -> None:
        """Append one line: time, handout id, recipient, result (and why, and which file)."""
        assert result in RESULTS
        entry = {"time": now_iso(),
                 "handout_id": record.handout_id if record else handout_id,
                 "recipient": record.recipient if record else recipient,
                 "result": result}
        if reason:
            entry["reason"] = reason
        if record and record.source:
            entry["source"] = record.source
        entry.update({k: v for k, v in extra.items() if v})
        make_folder(self.root)
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        fd = os.open(self.audit_log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    # --- one process at a time ------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self, wait: float | None = 30.0) -> Iterator["Outbox"]:
        """Only one sender at a time (a batch, `email --retry`, the web app), so no message
        goes out twice. Waits up to ``wait`` seconds for another to finish (None: for as
        long as it takes), else raises ``sender_lock.Busy``."""
        with sender_lock.held(self.root, wait):
            yield self

    def _write(self, path: Path, data: bytes) -> None:
        write_atomic(path, data)

