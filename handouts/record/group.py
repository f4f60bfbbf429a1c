"""A group's shared record: whether this clinic shares its record, the other clinics that
do, the library a visit given at another clinic was made from, and where a patient's next
visit starts ("Start from the last visit").

A patient's newest visit in a shared record may be another clinic's, made from a library
this one does not have: checked against this library it fails (an unknown exercise or
topic), which reads as if this clinic had taken something out of its own. The next visit
starts from the newest visit given here, or another clinic's where this library has all
of it; a newer one passed over is named, with what this library lacks, by the titles that
clinic's library gave them."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Callable

import handouts as api
from handouts.errors import HandoutError, listed

from .kinds import Place, Visit


def shared(where) -> bool:
    """Whether the record may hold other clinics' handouts: it is not this clinic's own
    SQLite file beside clinic.yaml (a clinic renamed since is still itself there)."""
    return where.sqlite_file is None or where.sqlite_file.parent != where.folder


def here(ws: api.Workspace) -> Place:
    """This clinic as the record tells it from the others of a group (``Place``)."""
    return Place.of(ws.clinic.name, ws.clinic.site, ws.clinic.names.values())


def other_clinics(here: Place, held) -> list[str]:
    """Every clinic but ``here`` whose handouts the record ``held`` holds (by the clinic
    file kept with each library version), as a person tells it from this one, where the
    record is shared; empty where it cannot tell."""
    from sqlalchemy.exc import SQLAlchemyError

    from . import queries

    if not shared(held.where):
        return []
    try:
        with held.transaction() as conn:
            places = set(queries.clinic_names(conn).values())
    except (HandoutError, SQLAlchemyError):
        return []
    others = [place for place in places if place.told_from(here)]
    told = {}
    for place in others:
        # a file without a site, where the group has sites of that name, is one of them
        # (kept before its clinic set one): those are named already
        if place.site or not any(o.site and o.same_name(place) for o in others):
            said = _beside(place, others, here)
            told.setdefault(" ".join(said.split()).casefold(), said)
    return sorted(told.values())


def _beside(place: Place, others: list[Place], here: Place) -> str:
    """A clinic as told from this one (``here``), and from another of the group with the
    same name (two branches, neither this one): with its site."""
    twin = any(other.same_name(place) and not other.same_site(place) for other in others)
    return place.with_site if twin else place.told_from(here) or place.name


# the libraries of other clinics' versions, by version: read once per process
_libraries: dict[str, api.Library | None] = {}
_adding = threading.Lock()


def library_then(ws: api.Workspace, digest: str, opened: Callable) -> api.Library | None:
    """The library (with its clinic's own protocols) of the library version ``digest``, as
    the clinic that gave a handout from it had it; None where the record has not kept it,
    or it does not load now. ``opened``: the record."""
    from . import queries
    from .remake import workspace_as_it_was

    if digest in _libraries:
        return _libraries[digest]
    try:
        with opened().transaction() as conn:
            texts = queries.library_texts(conn, digest)
    except HandoutError:  # the database gone since its visits were read: ids, this once
        return None
    try:
        found = workspace_as_it_was(ws, texts).library if texts else None
    except HandoutError:
        found = None
    with _adding:
        if len(_libraries) >= 16:
            _libraries.clear()
        _libraries[digest] = found
    return found


@dataclass(frozen=True)
class Start:
    """Where a patient's next visit starts."""

    patient: str
    visit: Visit | None  # the visit to start from; None: none this library can open
    newest: Visit
    # the other clinic that gave the visit started from (None: this one, or cannot tell)
    clinic: str | None = None
    # a newer visit passed over: the other clinic that gave it, and what of it this
    # library does not have (by that clinic's titles), or else its problems with this one
    passed: str | None = None
    lacking: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    # visits dated over a year after today (``too_far_ahead``), passed over: a mistyped
    # year, recorded before such a date was refused, that would be the newest for good
    ahead: tuple[Visit, ...] = ()

    def said(self, day: Callable[[dt.date], str] = dt.date.isoformat) -> str:
        """Why the newest visit is not the one started from, in a sentence or two ("" where
        it is); ``day``: a date as the page shows it."""
        return " ".join(filter(None, [self._ahead(day), self._elsewhere(day)]))

    def _ahead(self, day: Callable[[dt.date], str]) -> str:
        if not self.ahead:
            return ""
        one = len(self.ahead) == 1
        visits = listed(f"visit {v.number} of {day(v.visit_date)}" for v in self.ahead)
        return (f"{self.patient}'s {visits} {'is' if one else 'are'} dated more than a year "
                f"after today, a mistake in the year, so {'it is' if one else 'they are'} "
                "not the last visit.")

    def _elsewhere(self, day: Callable[[dt.date], str]) -> str:
        if self.passed is None:
            return ""
        newest = f"visit {self.newest.number} of {day(self.newest.visit_date)}"
        why = (f"this clinic's library does not have {listed(self.lacking)}"
               if self.lacking else
               f"this clinic's library cannot open it: {'; '.join(self.problems)}")
        head = (f"{self.patient}'s newest visit, {newest}, was given at {self.passed}, "
                f"from that clinic's library: {why}.")
        if self.visit is None:
            return (f"{head} No visit of {self.patient} given here can be started from: "
                    "build the new visit from this clinic's library.")
        return head

    def program_file(self, patient) -> tuple[str, str]:
        """(file name, program YAML) of the visit started from, to edit and build as the
        next visit (``export --last``): without its date, so that the day it is built
        prints, with a comment that says which visit it is; named for the ``patient`` as
        export names their folder (``pat-example-1970-05-06.yaml``)."""
        from .entry import dump
        from .transfer import folders

        visit = self.visit
        if visit is None:
            raise HandoutError(self.said())
        data = visit.next_program()
        at = f", given at {self.clinic}" if self.clinic else ""
        head = (f"# From visit {visit.number} of {visit.visit_date.isoformat()}{at}. It has "
                "no date: a build prints the day's.\n")
        return f"{folders([patient])[patient.id]}.yaml", head + dump(data)

    def weeks_again(self, ws: api.Workspace, today: dt.date) -> str:
        """What a build of the program file (``program_file``) would not say: its weekly
        stages (an exercise's own or the library's) start again at week 1, counted from the
        new handout's date, though the patient is in a later week of the last one (days 0-6
        are week 1). "" where none has stages, or the patient is still in week 1."""
        if self.visit is None:
            return ""
        week = api.week_of(self.visit.visit_date, today)
        if week is None or week < 2:
            return ""
        try:
            program = api.program_from_data(self.visit.next_program(), ws, source="record",
                                            kept=True)
        except HandoutError:  # what the library no longer has is told when it is built
            return ""
        if program.weeks_from:  # counted from it, and carried on as it is built
            return ""
        staged = [str(ws.library.exercise(item.id).title)
                  for item in api.program_items(program, ws)
                  if (item.dose.progression if item.dose is not None
                      and "progression" in item.dose.model_fields_set
                      else getattr(ws.library.exercise(item.id).dose, "progression", None))]
        if not staged:
            return ""
        return (f"the weekly stages of {listed(staged)} start again at week 1 on the new "
                f"handout; the last was given {(today - self.visit.visit_date).days} days "
                f"ago (week {week}): to carry them on, give each in the file a progression: "
                "of the stages left, numbered from week 1 (or a dose: where one stage is "
                "left)")


def start_from(ws: api.Workspace, patient: str, visits: list[Visit], *, group: bool,
               library_of: Callable[[str], api.Library | None]) -> Start | None:
    """The newest visit given at this clinic, or at another of the ``group`` (the record
    is shared) where this library has everything in it, passing over a visit dated more
    than a year ahead; None for a patient with no visit.
    ``library_of``: a library version by its hash (``library_then``)."""
    if not visits:
        return None
    # "the last visit" is the latest dated up to a year ahead (a handout made ahead for
    # next week is one), as a new program's date is checked; where every visit is dated
    # further ahead, the newest of them is all there is
    today = ws.today()
    ahead = tuple(v for v in visits if v.visit_date > today
                  and api.too_far_ahead(v.visit_date, today))
    if len(ahead) < len(visits):
        visits = [v for v in visits if v not in ahead]
    else:
        ahead = ()
    place, newest, skipped = here(ws), visits[-1], {"ahead": ahead}
    for visit in reversed(visits):
        given = visit.elsewhere(place) if group else None
        if given is None:
            return Start(patient, visit, newest, None, **skipped)
        problems = _problems(visit, ws)
        if not problems:
            return Start(patient, visit, newest, given.given_at(place), **skipped)
        if "passed" not in skipped:
            skipped.update(passed=given.given_at(place), problems=problems,
                           lacking=_lacking(visit, ws, library_of(given.library_hash)))
    return Start(patient, None, newest, None, **skipped)


def _problems(visit: Visit, ws: api.Workspace) -> tuple[str, ...]:
    try:
        api.load_program(f"record: visit {visit.number}", ws, text=visit.yaml, kept=True)
    except HandoutError as exc:
        return tuple(problem.message for problem in exc.problems) or (str(exc),)
    return ()


def _lacking(visit: Visit, ws: api.Workspace, then: api.Library | None) -> tuple[str, ...]:
    """What of the visit's program this library does not have: its protocol, exercises and
    topics, each by its title in the library it was given from (``then``), else its id."""
    import yaml

    try:
        data = yaml.safe_load(visit.yaml)
    except yaml.YAMLError:
        return ()
    data = data if isinstance(data, dict) else {}
    lib, out = ws.library, []

    def title(kind: str, ident: str, find: Callable, known: tuple[str, ...]) -> str:
        name = str(find(ident).title) if then is not None and ident in known else ident
        return f'the {kind} "{name}"' if kind else f'"{name}"'

    protocol = data.get("protocol")
    if isinstance(protocol, str) and protocol not in lib.protocol_ids:
        out.append(title("protocol", protocol, then and then.protocol,
                         then.protocol_ids if then else ()))
    for item in data.get("exercises") or ():
        ident = item.get("id") if isinstance(item, dict) else item
        if isinstance(ident, str) and ident not in lib.exercise_ids:
            out.append(title("", ident, then and then.exercise,
                             then.exercise_ids if then else ()))
    for ident in data.get("education") or ():
        if isinstance(ident, str) and ident not in lib.topic_ids:
            out.append(title("topic", ident, then and then.topic,
                             then.topic_ids if then else ()))
    return tuple(out)


def site_warnings(ws: api.Workspace) -> tuple[str, ...]:
    """What ``check`` says where a group's branches of one name set ``site:`` only in part,
    so that the shared record takes them for one clinic: this clinic has no site and the
    record holds handouts from a branch of its name with one; or it has one, and a branch
    of its name without one has given handouts since this one first gave its own. Nothing
    where the record is this clinic's own, is not there, or cannot be read: the record is
    only read, never made, upgraded or caught up on."""
    import os

    from .where import ENV

    if not (ws.clinic.database_url or os.environ.get(ENV, "").strip()):
        return ()  # the clinic's own SQLite file in records/ (where.locate): no group's
    from sqlalchemy.exc import SQLAlchemyError  # (not imported by every check for nothing)

    from .store import Record

    place = here(ws)
    try:
        held = Record.of(ws.clinic_path, ws.clinic)  # as backup_warnings opens it
        sqlite = held.where.sqlite_file
        if not shared(held.where) or (sqlite is not None and not sqlite.is_file()):
            return ()
        given = _given(held.where.url)
    except (HandoutError, SQLAlchemyError, OSError):  # away, or not a record: not check's
        return ()
    kin = [(p, first, last) for p, (first, last) in given.items() if p.same_name(place)]
    if not place.site:
        sited = sorted({p.with_site for p, _, _ in kin if p.site})
        if not sited:
            return ()
        return (f"{_at(ws, 'name')} the shared record holds handouts from {listed(sited)}, "
                "of this clinic's name with a site:, and this clinic has none, so the record "
                "cannot tell their handouts from its own; give this clinic a `site:` too "
                "(a short name for this branch)",)
    mine = [first for p, first, _ in kin if p.site and p.same_site(place)]
    bare = [last for p, _, last in kin if not p.site]
    if not mine or not bare or max(bare) <= min(mine):
        return ()
    if any(p.site and not p.same_site(place) and last > max(bare) for p, _, last in kin):
        return ()  # a branch with another site has given since: that one has set it now
    return (f"{_at(ws, 'site')} the shared record holds handouts of {place.name} given "
            f"without a site: (the newest on {max(bare):%Y-%m-%d}) since this clinic first "
            f"gave its own as {place.with_site}: another branch of this name has none, and "
            "the record takes its handouts for this clinic's; give that branch a `site:` "
            "too",)


def _given(url: str) -> dict:
    """(first, last) time a handout was given from the clinic file of each place in the
    record at ``url``, read as it is (``copy_transaction``)."""
    import sqlalchemy as sa

    from . import queries, schema as t
    from .store import copy_transaction

    h = t.handouts.c
    with copy_transaction(url) as conn:
        rows = list(conn.execute(sa.select(h.library_hash, sa.func.min(h.issued_at),
                                           sa.func.max(h.issued_at))
                                 .group_by(h.library_hash)))
        places = queries.clinic_names(conn, {row[0] for row in rows})
    found: dict = {}
    for digest, first, last in rows:
        if digest in places:
            was = found.get(places[digest], (first, last))
            found[places[digest]] = (min(was[0], first), max(was[1], last))
    return found


def _at(ws: api.Workspace, key: str) -> str:
    """``clinic.yaml:3: name:``, the clinic file's top-level ``key`` at its line (the file
    alone where it is not there)."""
    import yaml

    try:
        node = yaml.compose(ws.clinic_path.read_text(encoding="utf-8"))
        line = next(k.start_mark.line + 1 for k, _ in node.value if k.value == key)
    except (OSError, yaml.YAMLError, AttributeError, TypeError, StopIteration):
        return f"{ws.clinic_path}: {key}:"
    return f"{ws.clinic_path}:{line}: {key}:"
