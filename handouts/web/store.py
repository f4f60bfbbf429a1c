"""Drafts kept between a button's POST and the GET it redirects to (Post/Redirect/Get), so
Back and Reload never post a form again.

Each editing session has a random id (a hidden field of the form and the page's address,
``/d/<id>``); the form stays the truth (every button posts all of it), and the store only
holds what the next GET shows: the draft, the messages of the last action (shown once), and
the handout last built, for "Open the PDF". Entries are kept in memory, bound to the browser
that made them (a random value in its signed session cookie), the oldest forgotten first: a
restarted server forgets drafts, never saved programs.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from handouts.web.catalog import Finding
from handouts.web.draft import Draft

KEEP = 400
ID_BYTES = 12


@dataclass
class Outcome:
    """What the last action did, for the page that shows it (once)."""

    notice: str = ""
    where: str = ""  # the place on the page the notice belongs: "item-2", "card-bridge", "save"
    errors: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    undo: str = ""  # a removed exercise, as the Undo button posts it back
    link: str = ""  # the id of what the notice is about, to jump to (an exercise's title)
    link_text: str = ""  # a top notice's words for that link, where not "Go to it"
    focus: str = ""  # the element to focus, where it is not the place of the notice
    opened_pdf: bool = False  # a build: the page offers (and with JavaScript, opens) the PDF
    # an email held for an address that looks mistyped: its name in the outbox and its
    # address, for the button that sends it as typed (held_email)
    held: str = ""
    held_to: str = ""
    # an email that may have been sent (the server never answered): its name in the outbox
    # and its address, for the button that sends it again once the patient says it did
    # not arrive (resend_email)
    maybe_sent: str = ""
    maybe_sent_to: str = ""
    # the patient's earlier messages held so (mail.earlier), found as this one was sent:
    # (name, address) each, for its buttons, that send it as typed or withdraw it
    earlier_held: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Entry:
    owner: str
    draft: Draft
    outcome: Outcome = field(default_factory=Outcome)
    pdf: bytes | None = None
    filename: str = ""
    finding: Finding = field(default_factory=Finding)  # what the library picker shows
    # how many times this draft was kept under its id: the form carries the one it was drawn
    # from, so that a tab whose draft another tab changed since keeps its own (Store.put)
    revision: int = 0
    _key: tuple = field(default=(None, ""), repr=False, compare=False)  # (the PDF, its key)

    @property
    def pdf_key(self) -> str:
        """What the PDF's address carries, from its bytes: a link made for one build never
        gives another (a tab duplicated shares the draft, and may build another patient's).
        Worked out once per PDF, not on every page that links it."""
        if self.pdf is None:
            return ""
        if self._key[0] is not self.pdf:
            self._key = (self.pdf, hashlib.sha256(self.pdf).hexdigest()[:20])
        return self._key[1]


@dataclass
class Search:
    """What the Patients page was asked to find (a name, as often as not), kept here under a
    random id so that the page's address, which the browser keeps in its history, holds no
    patient's name."""
    owner: str
    query: str


class Store:
    def __init__(self, keep: int = KEEP):
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._keep = keep
        self._lock = threading.Lock()

    def put(self, ident: str | None, entry: Entry | Search, seen: int | None = None) -> str:
        """Keep ``entry`` under ``ident`` if this owner has it, else under a new id; and under
        a new id too where the draft kept there is no longer the revision ``seen`` (the one
        the posting page was drawn from): another tab or window on the same draft changed
        it since. Each then keeps its own: the last to post took the other's place, and a
        reload of the other showed what it had never typed."""
        with self._lock:
            old = self._entries.get(ident or "")
            if old is None or old.owner != entry.owner or (
                    seen is not None and getattr(old, "revision", seen) != seen):
                ident = secrets.token_urlsafe(ID_BYTES)
            elif isinstance(old, Entry) and isinstance(entry, Entry):
                entry.revision = old.revision + 1
            self._entries[ident] = entry
            self._entries.move_to_end(ident)
            while len(self._entries) > self._keep:
                self._entries.popitem(last=False)
        return ident

    def get(self, ident: str, owner: str) -> Entry | Search | None:
        with self._lock:
            entry = self._entries.get(ident)
        return entry if entry is not None and entry.owner == owner else None
