"""A forgotten patient leaves the outbox too (``make_handouts.py forget``): their messages not
sent yet (``pending/``, and ``uncertain/``: they may have gone) are withdrawn and deleted, so
no later ``email --retry`` sends them; the copies of those sent (``sent/``) and replaced
(``replaced/``) are deleted, since each holds the PDF and its file name holds the patient's
name; and the audit log keeps every line, the proof of what was sent to whom and when, with
their name and address replaced by "forgotten" (the file written whole, never half).

A message is theirs when its record names them (its ``patient`` digest: name, date of birth
and number, as the clinic's record tells patients apart), or when it is a handout the record
says they were given, to an address their programs gave; an audit log line that names no
handout (a row that could not be built) is theirs when it is to one of those addresses and,
where it says whom it is for (``named``: a parent's address may be two children's), for
them. The caller holds ``outbox.locked()`` while ``forget`` removes, so no sender takes a
message as it goes.

A message a sender was sending when ``forget`` began cannot be called back: the sender notes
it in forget's marker as it ends (``Outbox.went_while_forgotten``), and ``Found.under_way``
says it went, or may have. While forget has not reached the outbox (it waits for a sender, or
was stopped waiting), the marker stays, so no sender sends their messages until forget, run
again (``unfinished``), removes them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from handouts import HandoutError, make_folder, name_slugs, write_atomic
from handouts.mail.outbox import FORGETTING, Outbox, Record, now_iso, patient_digest

FORGOTTEN = "forgotten"
WAITING = ("pending", "uncertain")  # withdrawn: never sent after forget
COPIES = ("sent", "replaced")
REASON = "the patient was forgotten (make_handouts.py forget)"


@dataclass(frozen=True)
class Who:
    """The patient as the outbox knows them, and what the record says they were given."""

    name: str
    dob: dt.date | None
    number: str | None
    handout_ids: frozenset[str] = frozenset()
    addresses: frozenset[str] = frozenset()  # casefolded

    @classmethod
    def of(cls, patient, visits: Iterable = ()) -> "Who":
        """From the record's Patient and their visits (none for a patient known only
        outside the database): each handout's id, each program's addresses."""
        ids, addresses = set(), set()
        for visit in visits:
            ids.update(issued.handout_id for issued in visit.handouts)
            try:
                kept = (yaml.safe_load(visit.yaml) or {}).get("patient", {})
                # a caregiver's too: it was written down for this patient's handouts alone
                emails = [kept.get("email"), kept.get("caregiver_email")]
            except (yaml.YAMLError, AttributeError):
                emails = []
            addresses.update(email.strip().casefold() for email in emails
                             if isinstance(email, str) and email.strip())
        return cls(patient.name, patient.dob, patient.number, frozenset(ids),
                   frozenset(addresses))


@dataclass(frozen=True)
class Found:
    """The patient's messages in one outbox, by folder, and the audit log's lines on them."""

    outbox: Path
    messages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    audit_lines: int = 0
    # (result, handout id) of each message a sender was sending as forget began: "sent"
    # (the server took it) or "uncertain" (it never answered)
    went: tuple[tuple[str, str], ...] = ()

    def under_way(self, name: str) -> list[str]:
        """What the user must be told of the messages that went as forget began."""
        sent = sum(r == "sent" for r, _ in self.went)
        maybe = sum(r == "uncertain" for r, _ in self.went)
        said = []
        if sent:
            them = "it, so it has" if sent == 1 else "them, so they have"
            said.append(f"{_emails(sent, name)} being sent as you asked to forget them: the "
                        f"mail server took {them} gone")
        if maybe:
            said.append(f"{_emails(maybe, name)} being sent as you asked to forget them: the "
                        "mail server never answered, so "
                        f"{'it' if maybe == 1 else 'they'} may have gone")
        return said

    def __bool__(self) -> bool:
        return bool(self.audit_lines or any(self.messages.values()))

    def __str__(self) -> str:
        def n(folder, one, many):
            count = len(self.messages.get(folder, ()))
            return f"{count} {one if count == 1 else many}" if count else ""
        parts = [n("pending", "message not sent yet (withdrawn, never sent)",
                   "messages not sent yet (withdrawn, never sent)"),
                 n("uncertain", "message that may have been sent (withdrawn, never sent "
                   "again)", "messages that may have been sent (withdrawn, never sent again)"),
                 n("sent", "copy of a message sent", "copies of messages sent"),
                 n("replaced", "message replaced earlier", "messages replaced earlier")]
        if self.audit_lines:
            one = self.audit_lines == 1
            parts.append(f"their name and address from {self.audit_lines} "
                         f"line{'' if one else 's'} of the audit log (the "
                         f"line{' stays' if one else 's stay'})")
        return f"from {self.outbox}/: {', '.join(filter(None, parts))}"


@dataclass
class Holding:
    """``keep``: the marker stays after ``held`` (the patient left the record, not yet the
    outbox), so no sender sends their messages until forget is run again."""

    keep: bool = False


def _emails(count: int, name: str) -> str:
    return f"{'one email' if count == 1 else f'{count} emails'} to {name} " \
           f"{'was' if count == 1 else 'were'}"


@contextlib.contextmanager
def held(outbox: Outbox, who: Who) -> Iterator[Holding]:
    """While ``forget`` waits for ``outbox.locked()`` and removes: a sender running
    meanwhile sends none of the patient's messages it has not begun (a marker named by their
    digest, which records hold already; removed after, unless ``Holding.keep``)."""
    marker = _marker(outbox, who.name, who.dob, who.number)
    make_folder(marker.parent)
    marker.touch()
    holding = Holding()
    try:
        yield holding
    finally:
        if not holding.keep:
            marker.unlink(missing_ok=True)


def unfinished(outbox: Outbox, name: str, dob: dt.date | None, number: str | None) -> bool:
    """Whether a ``forget`` of this patient was stopped before it reached the outbox (it
    left the record first): run again, it finishes there."""
    return _marker(outbox, name, dob, number).exists()


def _marker(outbox: Outbox, name: str, dob: dt.date | None, number: str | None) -> Path:
    return outbox.root / FORGETTING / patient_digest(name, dob, number)


def _went(outbox: Outbox, who: Who) -> tuple[tuple[str, str], ...]:
    try:
        text = _marker(outbox, who.name, who.dob, who.number).read_text(encoding="utf-8")
    except OSError:
        return ()
    return tuple(tuple(line.split(" ", 1)) for line in text.splitlines() if " " in line)


def find(outbox: Outbox, who: Who) -> Found:
    """What ``forget`` would remove from ``outbox``, to ask before it does."""
    return _scan(outbox, who)[0]


def forget(outbox: Outbox, who: Who) -> Found:
    """Withdraw and delete the patient's messages not sent yet, delete the copies of the
    others, and put "forgotten" for their name and address in the audit log's lines (one
    "withdrawn" line added for each message withdrawn). The audit log is written first, whole;
    then the files go, each message's .eml first (a message is pending while its .eml is).
    The caller holds ``outbox.locked()``; a HandoutError says what could not be read or
    changed (the log and files as they were, or the files not yet deleted)."""
    found, lines = _scan(outbox, who)
    found = dataclasses.replace(found, went=_went(outbox, who))
    if not found:
        return found
    withdrawn = [{"time": now_iso(), "handout_id": _id_of(name), "recipient": FORGOTTEN,
                  "result": "withdrawn", "reason": REASON, "file": f"{lines.scrub(name)}.eml"}
                 for folder in WAITING for name in found.messages.get(folder, ())]
    try:
        if found.audit_lines or withdrawn:
            write_atomic(outbox.audit_log, lines.rewritten(withdrawn))
        for folder in (*WAITING, *COPIES):
            for name in found.messages.get(folder, ()):
                for ext in ("eml", "json"):
                    (getattr(outbox, folder) / f"{name}.{ext}").unlink(missing_ok=True)
    except OSError as exc:
        raise HandoutError(f"{exc.filename or outbox.root}: cannot be changed "
                           f"({exc.strerror or exc}), so {who.name} is still in "
                           f"{outbox}/") from None
    return found


# --- what is theirs ----------------------------------------------------------------------

@dataclass
class _Lines:
    """The audit log's lines, and how to tell and scrub the patient's."""

    raw: list[bytes]
    files: set[str]  # their messages' file names
    ids: set[str]
    addresses: set[str]  # casefolded
    words: list[str]  # what names them in a line: addresses, then name slugs, then the name
    named: str = ""  # their ``named``
    theirs: list[bool] = field(default_factory=list)

    def belongs(self, entry: dict) -> bool:
        if entry.get("file") in self.files:
            return True
        recipient = entry.get("recipient")
        to_them = isinstance(recipient, str) and self._to_them(recipient.casefold())
        if not entry.get("handout_id"):  # a row that could not be built, say: to them,
            # and for them where it says whom (a line written before it did: by the address);
            # a program that could not be read to its address: for them by name, or by
            # their address in what it says ("Bo Example <bo@example.com>" is not an address)
            if recipient is None:
                said = entry.get("reason")
                return entry.get("named") == self.named or entry.get("named") is None and \
                    isinstance(said, str) and self._to_them(said.casefold(), within=True)
            return to_them and entry.get("named") in (None, self.named)
        return entry.get("handout_id") in self.ids and (
            not isinstance(recipient, str) or to_them)

    def _to_them(self, recipient: str, within: bool = False) -> bool:
        """Whether ``recipient`` (casefolded) is one of their addresses, or one as it was
        typed and refused: "Lee Fictional <lee@example.test>", "lee@example.test.",
        "mailto:lee@example.test" (not "bee.lee@example.test", another address); ``within``:
        whether a text names one so."""
        return not within and recipient in self.addresses or any(
            re.search(rf"(?<![\w.+-]){re.escape(address)}(?![\w-])", recipient)
            for address in self.addresses)

    def scrub(self, text: str) -> str:
        for word in self.words:
            # with the digest of the address a message's name may carry after the name
            # (``outbox.addressed``): whoever has the address could tell the line by it
            text = re.sub(re.escape(word) + r"(?:\+[0-9a-f]{8}(?=_))?", FORGOTTEN, text,
                          flags=re.IGNORECASE)
        return text

    def rewritten(self, added: list[dict]) -> bytes:
        out = []
        for raw, theirs in zip(self.raw, self.theirs):
            raw = raw if raw.endswith(b"\n") else raw + b"\n"  # a last line cut short
            if theirs:
                entry = json.loads(raw)
                for key, value in entry.items():
                    if key in ("recipient", "named") and value:
                        entry[key] = FORGOTTEN
                    elif key in ("file", "reason", "source") and isinstance(value, str):
                        entry[key] = self.scrub(value)
                raw = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
            out.append(raw)
        out += [(json.dumps(e, ensure_ascii=False) + "\n").encode("utf-8") for e in added]
        return b"".join(out)


def _scan(outbox: Outbox, who: Who) -> tuple[Found, _Lines]:
    digest = patient_digest(who.name, who.dob, who.number)
    # a name with ß, say, was spelled otherwise in the file names of earlier versions
    slugs = set(name_slugs(who.name))
    ids, addresses = set(who.handout_ids), set(who.addresses)
    messages: dict[str, tuple[str, ...]] = {}
    for folder in (*WAITING, *COPIES):
        where = getattr(outbox, folder)
        names = sorted({p.stem for p in where.glob("*.eml")} | {p.stem for p in where.glob(
            "*.json")}) if where.is_dir() else []
        theirs = []
        for name in names:
            if name.startswith("."):
                continue
            record = outbox.readable(name, where)
            if _is_theirs(name, record, digest, slugs, who):
                theirs.append(name)
                if record is not None:
                    ids.add(record.handout_id)
                    addresses.add(record.recipient.casefold())
        messages[folder] = tuple(theirs)
    slugs |= {_slug_of(n) for names in messages.values() for n in names}
    lines = _Lines(_audit_lines(outbox), {f"{n}.eml" for ns in messages.values() for n in ns},
                   ids, addresses, [*sorted(addresses, key=len, reverse=True),
                                    *sorted(filter(None, slugs), key=len, reverse=True),
                                    who.name], named(who.name))
    for raw in lines.raw:
        try:
            entry = json.loads(raw)
        except ValueError:  # a line cut short, say: kept as it is
            entry = None
        lines.theirs.append(isinstance(entry, dict) and lines.belongs(entry))
    return Found(outbox.root, messages, sum(lines.theirs)), lines


def _is_theirs(name: str, record: Record | None, digest: str, slugs: set[str],
               who: Who) -> bool:
    if record is not None:
        return record.patient == digest or (
            record.handout_id in who.handout_ids
            and record.recipient.casefold() in who.addresses)
    # no record to read: a handout the record gave them, under their name
    return _id_of(name) in who.handout_ids and _slug_of(name) in slugs


def named(name: str) -> str:
    """Whom an audit line that names no handout is for (a roster row that could not be
    built), beside its address: a digest of the name alone (folded, as the record matches
    it; none of it in plain). One address may be two patients' (siblings, one parent), so
    the address alone told ``forget`` the other child's lines for the forgotten one's."""
    return patient_digest(name, None, None)


def _audit_lines(outbox: Outbox) -> list[bytes]:
    try:
        data = outbox.audit_log.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise HandoutError(f"{outbox.audit_log}: cannot be read "
                           f"({exc.strerror or exc})") from None
    return data.splitlines(keepends=True)


def _id_of(name: str) -> str:
    return name.rpartition("_")[2]


def _slug_of(name: str) -> str:
    """``2026-11-23_jane-doe_ABCD-EFGH`` (or ``..._jane-doe+1a2b3c4d_...``, one of two
    addresses: ``outbox.addressed``) → ``jane-doe``"""
    parts = name.split("_")
    return "_".join(parts[1:-1]).partition("+")[0] if len(parts) >= 3 else ""
