"""A batch's packets in the clinic's record: each one as it is made, or only in the merged
print file, handed to the record a set at a time, and what the record says of each (a patient
told apart from another of that name) kept with the number of the roster row it is about, so
that the batch says it among that row's other lines."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

import handouts as api

from .entry import Issue, RowWords, written_at
from .issuing import issued

if TYPE_CHECKING:
    from .ahead import Ahead


class Given:
    """The packets (``batch.Job``) given to patients, for the clinic's record: each built
    alone (with its PDF's checksum), or only in the merged print file. Handed to the record
    every ``every`` packets, so that a long roster is never held whole; a packet whose file
    was there already, the same bytes, is recorded only if the record lacks it (a run killed
    before it recorded what it wrote) and its patient was not forgotten since; one skipped
    (--skip-existing) is not; a walk-in packet is no one's."""

    def __init__(self, ws: api.Workspace, ahead: "Ahead | None" = None, every: int = 200):
        self.ws, self.ahead, self.every = ws, ahead, every
        self.in_flight: dict[int, Any] = {}
        self.ready: list[Issue] = []
        # each notice with the number of the row it names (0: the batch's, as the record
        # being down), so that it is said among the row's other lines
        self.notices: list[tuple[int, str]] = []
        self.rows: dict[str, int] = {}  # the waiting issues' rows: their words → number
        self.forgotten: frozenset[str] | None = None  # read at the first file found

    def watch(self, items: Iterable[Any]) -> Iterator[Any]:
        """The batch's items as they go by: a packet of a patient's (a Job with a program;
        not a row's Outcome, nor a walk-in packet) is waited for."""
        for item in items:
            if getattr(item, "program", None) is not None:
                self.in_flight[item.number] = item
            yield item

    def built(self, outcome: Any) -> None:
        """A packet's file is written, or found there (``batch.Outcome``): recorded."""
        job = self.in_flight.pop(outcome.number, None)
        if job is None or not outcome.ok or outcome.skipped:
            return
        if outcome.handout_id and outcome.handout_id != job.handout.handout_id:
            # found as a version before 5 December 2026 gave it: recorded under its id then
            job = dataclasses.replace(job, handout=dataclasses.replace(
                job.handout, handout_id=outcome.handout_id))
        if outcome.found:
            if self.forgotten is None:
                from .forgetting import forgotten_pdfs

                self.forgotten = forgotten_pdfs(self.ws)
            if outcome.pdf_sha256 in self.forgotten:
                return  # recorded when it was made, then forgotten: not brought back
        self._add(job, outcome.pdf_sha256, written_at(outcome.path) if outcome.found else None)

    def merged(self, jobs: Iterable[Any], built: set[int]) -> None:
        for job in jobs:
            if job.program is not None and job.number not in built:
                self._add(job)

    def _add(self, job: Any, pdf_sha256: str | None = None,
             found_at: dt.datetime | None = None) -> None:
        row = RowWords.of(job)
        self.ready.append(Issue(job.program, job.handout, pdf_sha256, row, found_at=found_at))
        self.rows[f"{row.where}: "] = job.number
        if len(self.ready) >= self.every:
            self.finish()

    def finish(self) -> list[tuple[int, str]]:
        """Record what is still waiting; every notice so far, once each, with the number
        of the row it names (0 for one that names none)."""
        if self.ready:
            self.notices += numbered(issued(self.ws, self.ready, channel="batch",
                                            ahead=self.ahead), self.rows)
            self.ready, self.rows = [], {}
        return list(dict.fromkeys(self.notices))


def numbered(notices: Iterable[str], rows: Mapping[str, int]) -> list[tuple[int, str]]:
    """Each of the record's ``notices`` with the number of the row it names, 0 for one that
    names none (the record being down), so that a shell says it among that row's lines
    (``numbered_by_row``): a notice about a patient opens with the words of its row
    (``RowWords.where`` and ": "), which ``rows`` maps to the row's number."""
    return [(next((number for where, number in rows.items() if notice.startswith(where)), 0),
             notice) for notice in notices]
