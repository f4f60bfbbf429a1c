"""Which of the record's copies is the newest, by the date in its name. A copy's file time
is the computer's clock as it was: one made while the clock was set ahead, then put right,
stays "newest" by file time for good, and a damaged record would name it, whatever was
copied since. The name says the day the copy was made (``daily-2026-03-02.db``, a
``backup``'s ``handouts-2026-03-02-104233.db``); a day still to come in a name (the clock
set ahead made it) puts the copy after all the others, as the pruning of daily copies
does."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Iterable

from handouts import clinic_time

_DATED = re.compile(r"(?:daily|handouts)-(\d{4}-\d{2}-\d{2})(?:-(\d{6}))?(?:-\d+)?\.db")


def newest(copies: Iterable[Path], today: dt.date, timezone: str | None = None) -> Path | None:
    """The newest of ``copies`` (database files): the latest day named that is not after
    ``today``, then the latest time in the name (a backup's), then the latest file time;
    those named for a day after ``today`` only where there is no other. A copy without a
    date in its name (one made before an upgrade) is taken as of its file time's day."""
    keyed = []
    for copy in copies:
        try:
            mtime = copy.stat().st_mtime
        except OSError:  # gone meanwhile (pruned, forgotten): not a copy to name
            continue
        day, time = _named(copy.name)
        if day is None:
            day = clinic_time(dt.datetime.fromtimestamp(mtime, dt.timezone.utc), timezone).date()
        keyed.append(((day <= today, day, time, mtime), copy))
    return max(keyed)[1] if keyed else None


def _named(name: str) -> tuple[dt.date | None, str]:
    """The day and the time of day (``HHMMSS``, "" where there is none) in a copy's name."""
    found = _DATED.fullmatch(name)
    if found is None:
        return None, ""
    try:
        return dt.date.fromisoformat(found.group(1)), found.group(2) or ""
    except ValueError:  # a name that only looks dated (2026-13-40)
        return None, ""


def daily_newest_first(folder: Path, prefix: str, today: str) -> list[Path]:
    """The daily copies in ``folder`` (``<prefix><date>.db``), newest first, those dated after
    ``today``'s (a clock once set ahead named them; by name alone one stays the newest for
    good) after the others: after a clock set back, the copies made before it go one a day,
    as the oldest would."""
    found = sorted(folder.glob(f"{prefix}*.db"), reverse=True)
    return [p for p in found if p.name <= today] + [p for p in found if p.name > today]
