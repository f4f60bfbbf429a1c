"""The patient list a page at a time, as the web app's Patients page shows it: the patients
seen most recently first, or those whose name, date of birth or clinic number has every
word typed, by name; at most ``PAGE`` read from the database, with how many there are.
A clinic's record holds thousands of patients: read and sorted whole, the page took longer
and grew with every new one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .kinds import Patient

PAGE = 50


@dataclass(frozen=True)
class Listing:
    # each shown patient, with the date of their last visit (None: none recorded)
    patients: tuple[tuple[Patient, dt.date | None], ...]
    page: int  # from 1; a page past the last is the last
    pages: int
    matching: int  # how many have every word typed (all of them, with none)
    total: int  # how many the record has

    @property
    def first(self) -> int:
        """The number of the first one shown (from 1); 0 where none is."""
        return (self.page - 1) * PAGE + 1 if self.patients else 0

    @property
    def last(self) -> int:
        return self.first + len(self.patients) - 1 if self.patients else 0


def patient_list(held, typed: str = "", page: int = 1) -> Listing:
    """One page of the patients of the record ``held`` (``open_record``): with nothing
    typed, those whose latest visit was recorded most recently first; else those whose
    name (folded: "jose nunez" finds José Núñez), date of birth or clinic number holds
    every word typed, by name."""
    from .queries import listing

    with held.transaction() as conn:
        return Listing(*listing(conn, typed, page, PAGE))
